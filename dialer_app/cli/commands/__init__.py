"""One module per command; ``cli.dispatch`` maps the parsed command to its ``run_*``."""

"""Whole programs: the CLI, child processes, kills, packaging, start-up, the fault matrix."""

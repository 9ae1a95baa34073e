"""``dialer-app diagnostics``: the report Help › Copy diagnostics copies, on stdout."""

from __future__ import annotations

import argparse

from dialer_app.cli.output import EXIT_OK
from dialer_app.core.diagnostics import diagnostics_report
from dialer_app.core.runtime import Runtime


def run_diagnostics(runtime: Runtime, args: argparse.Namespace) -> int:
    print(diagnostics_report(runtime, log_lines=args.log_lines))
    return EXIT_OK

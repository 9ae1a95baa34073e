"""The window's command line: ``dialer-app [GLOBAL OPTIONS] [LINK | --quick-call | ...]``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from dialer_app import __version__
from dialer_app.cli.arguments import ArgParser, add_global_options


def parse_window_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = ArgParser(prog="dialer-app", description="Click-to-call dialer window.")
    add_global_options(parser, suppress=False)
    parser.add_argument("link", nargs="?", help="a tel:/callto: link or number to prefill")
    parser.add_argument("--version", action="version", version=f"dialer-app {__version__}")
    actions = parser.add_mutually_exclusive_group()
    actions.add_argument(
        "--quick-call",
        action="store_true",
        help="open the quick-call popup (in the running dialer, if there is one)",
    )
    actions.add_argument(
        "--call-clipboard",
        action="store_true",
        help="call the number in the clipboard, after confirmation (in the running dialer)",
    )
    actions.add_argument(
        "--register-handler",
        action="store_true",
        help="make this app the tel:/callto: link handler for the current user, then exit",
    )
    actions.add_argument(
        "--unregister-handler",
        action="store_true",
        help="undo --register-handler, then exit",
    )
    parser.add_argument(
        "--minimized",
        action="store_true",
        help="start in the tray (used by autostart; ignored where there is no tray)",
    )
    parser.add_argument(
        "--smoke-exit-after-ms",
        type=int,
        metavar="N",
        default=None,
        help=argparse.SUPPRESS,  # packaging smoke tests and benchmarks: quit N ms after first paint
    )
    return parser.parse_args(list(argv))

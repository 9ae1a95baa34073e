"""The window's command line: ``dialer-app [GLOBAL OPTIONS] [LINK | --quick-call | ...]``.

The options themselves are defined with the other commands' (``cli.arguments``), so that
``dialer-app --help`` lists them too.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from dialer_app.cli.arguments import build_window_parser


def parse_window_args(argv: Sequence[str]) -> argparse.Namespace:
    return build_window_parser().parse_args(list(argv))

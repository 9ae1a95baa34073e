"""The command line: ``dialer-app [GLOBAL OPTIONS] [COMMAND ...]``.

Without a command it opens the window. The commands and exit codes are a stable interface
(CRMs and provisioning scripts depend on them):

0 call initiated / done, 2 usage or invalid number, 3 rejected credentials (404/407),
4 request rejected (400), 5 network, timeout or server trouble, 6 no account configured or
keyring unavailable, 7 the contacts database cannot be opened or written (``contacts``),
130 interrupted (Ctrl-C).

``contacts import`` exits 0 when the file was imported, even if some rows were skipped, and 2
when the whole file was refused (missing, unreadable, binary, not contacts); nothing of a
refused or interrupted file is saved.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from dialer_app import __version__

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CREDENTIALS = 3
EXIT_REJECTED = 4
EXIT_NETWORK = 5
EXIT_NO_ACCOUNT = 6
EXIT_DATABASE = 7
EXIT_INTERRUPTED = 130
COMMANDS = ("call", "contacts", "credentials")

log = logging.getLogger(__name__)


class UsageError(Exception):
    """Bad arguments: exit 2 with the message."""


class ArgParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Global options; on subcommands they are SUPPRESSed so they may come after it too."""
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--profile",
        metavar="DIR",
        default=default,
        help="profile folder (settings, contacts, history); default: the OS's per-user "
        "location, or $DIALER_PROFILE",
    )
    parser.add_argument(
        "--api-base",
        metavar="URL",
        default=default,
        help="API base URL (default https://rest.telecmi.com; http:// only for loopback)",
    )
    parser.add_argument(
        "--sandbox",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use the built-in sandbox server and demo account (no real calls)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log details to stderr (never the secret)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = ArgParser(
        prog="dialer-app",
        description="Click-to-call dialer for TeleCMI. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"dialer-app {__version__}")
    add_global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgParser)

    call = commands.add_parser("call", help="place one click2call and print its request_id")
    add_global_options(call, suppress=True)
    call.add_argument("number", help="number to call, e.g. +91 92000 00000 or tel:+91...")
    mode = call.add_mutually_exclusive_group()
    mode.add_argument(
        "--softphone",
        dest="mode",
        action="store_const",
        const="softphone",
        help="ring your softphone first (webrtc)",
    )
    mode.add_argument(
        "--mobile",
        dest="mode",
        action="store_const",
        const="mobile",
        help="ring your mobile first (follow-me)",
    )
    call.add_argument("--caller-id", metavar="N", help="caller id shown for this call")
    call.add_argument("--extra", metavar="JSON", help="extra_params JSON object for this call")
    call.add_argument("--json", action="store_true", help="print one JSON object")

    creds = commands.add_parser("credentials", help="store, show or forget the account")
    creds_commands = creds.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ArgParser
    )
    store = creds_commands.add_parser(
        "set", help="store user id and app secret (secret read from a prompt or stdin)"
    )
    store.add_argument("--user-id", required=True, metavar="ID", help="TeleCMI user id")
    status = creds_commands.add_parser("status", help="show user id and keyring backend")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    creds_commands.add_parser("clear", help="forget the stored secret and user id")
    for sub in (store, status, creds_commands.choices["clear"]):
        add_global_options(sub, suppress=True)
    _add_contacts_parser(commands)
    return parser


def _add_contacts_parser(commands: argparse._SubParsersAction[ArgParser]) -> None:
    contacts = commands.add_parser("contacts", help="import or export contact files")
    add_global_options(contacts, suppress=True)
    actions = contacts.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ArgParser
    )
    importer = actions.add_parser(
        "import",
        help="add the contacts of a CSV or vCard file (all or nothing; duplicates are merged)",
    )
    importer.add_argument("file", metavar="FILE", help="the CSV or vCard file to read")
    importer.add_argument("--json", action="store_true", help="print one JSON object")
    exporter = actions.add_parser("export", help="write all contacts to a CSV or vCard file")
    exporter.add_argument("file", metavar="FILE", help="the file to write (replaced if present)")
    for sub, what in ((importer, "the extension or content"), (exporter, "the extension")):
        sub.add_argument(
            "--format",
            choices=("csv", "vcard"),
            help=f"file format (default: from {what})",
        )
        add_global_options(sub, suppress=True)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if first_positional(args_list) not in COMMANDS:
        from dialer_app.app import main as window_main

        return window_main(args_list)
    try:
        args = build_parser().parse_args(args_list)
    except UsageError as exc:
        print(f"dialer-app: {exc}\nTry 'dialer-app --help'.", file=sys.stderr)
        return EXIT_USAGE
    _configure_logging(args.verbose)
    from dialer_app.cli_commands import run_command

    return run_command(args)


_OPTIONS_WITH_VALUE = ("--profile", "--api-base")


def first_positional(args: Sequence[str]) -> str | None:
    """The first argument that is not an option or an option's value."""
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
        elif arg in _OPTIONS_WITH_VALUE:
            skip_next = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def _configure_logging(verbose: bool) -> None:
    from dialer_app.core.redact import RedactingFilter, protect_http_loggers

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("dialer-app: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler])
    protect_http_loggers()


def read_secret(prompt: str = "App secret: ") -> str:
    """No-echo prompt on a terminal (asked twice); the first line of stdin when piped."""
    if sys.stdin is None:
        raise UsageError("No secret given: pipe it on stdin or run in a terminal.")
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if first != getpass.getpass("Repeat the app secret: "):
            raise UsageError("The two secrets differ; nothing was stored.")
        return first.strip()
    return sys.stdin.readline().strip()


def emit_json(payload: dict[str, Any]) -> None:
    print(json.dumps(payload, ensure_ascii=False))

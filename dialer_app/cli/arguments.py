"""The command line's grammar: global options, the commands and their arguments.

Without a command, ``dialer-app`` opens the window (``dialer_app.__main__`` decides).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from dialer_app import __version__

COMMANDS = ("call", "contacts", "credentials")


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
    call.add_argument(
        "--again",
        action="store_true",
        help="call even if this number was called within the repeat hold-off "
        "(default 3 s; otherwise exit 8 and nothing is sent)",
    )
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

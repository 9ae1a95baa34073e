"""The command line's grammar: global options, the commands, the window's options and help.

``dialer-app COMMAND ...`` runs a command without Qt; without a command, or with a number or a
``tel:``/``callto:`` link in its place, ``dialer-app`` opens the window (``opens_window``, used by
``dialer_app.__main__``). A command appears in ``--help`` and ``dialer-app help`` by being
added to the parser in ``build_parser`` with its one-line ``help``: nothing else lists them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from dialer_app import __version__

if TYPE_CHECKING:  # (a Protocol class costs start-up time: every window start imports this)
    from typing import Protocol

    class _ArgumentTarget(Protocol):
        """A parser or an argument group."""

        def add_argument(self, *name_or_flags: str, **kwargs: Any) -> argparse.Action: ...


_PROG = "dialer-app"
HELP_COMMAND = "help"
_HELP_FLAGS = ("-h", "--help")
# The window's options that do their job and exit without a window (and without Qt).
HANDLER_OPTIONS = ("--register-handler", "--unregister-handler")
# What the window accepts in place of a command: a number or a tel:/callto: link.
_LINK_SCHEMES = ("tel:", "callto:")
_NUMBER_STARTS = "+(0123456789"
_WRAPPERS = " \t\r\n\"'<«“‘"
_USAGE = """\
dialer-app COMMAND [ARGUMENTS] [OPTIONS]
       dialer-app [NUMBER | LINK] [WINDOW OPTIONS] [OPTIONS]
       dialer-app help [COMMAND]"""


class UsageError(Exception):
    """Bad arguments: exit 2 with the message; ``prog`` is the command whose help to try."""

    def __init__(self, message: str, prog: str = _PROG) -> None:
        super().__init__(message)
        self.prog = prog

    @property
    def hint(self) -> str:
        return f"Try '{self.prog} --help'."


class ArgParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Lists the commands in alphabetical order straight under their heading (no ``COMMAND``
    line above them), whatever order they were added in."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def _format_action(self, action: argparse.Action) -> str:
        subactions = getattr(action, "_get_subactions", None)
        if isinstance(action, argparse._SubParsersAction) and subactions is not None:
            ordered = sorted(subactions(), key=lambda choice: choice.dest)
            return "".join(super(_HelpFormatter, self)._format_action(a) for a in ordered)
        return super()._format_action(action)


class _WindowOnly(argparse.Action):
    """A window option given with a command: a usage error, not silently ignored."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        raise argparse.ArgumentError(self, "opens the window; it does not go with a command")


def add_global_options(parser: _ArgumentTarget, *, suppress: bool) -> None:
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


def _top_level_parser() -> tuple[ArgParser, argparse._SubParsersAction[ArgParser]]:
    """``dialer-app`` itself: its help lists the commands, the window's options and the global
    options; the commands that need no more than the profile are added here."""
    from dialer_app.cli.output import exit_code_table

    parser = ArgParser(
        prog=_PROG,
        usage=_USAGE,
        description="Click-to-call dialer for TeleCMI: the platform rings you first, then the "
        "number.\nA command runs on its own (no window, no display needed); without a command "
        "the\nwindow opens.",
        epilog=f"exit codes (every command):\n{exit_code_table()}\n\n"
        "'dialer-app help COMMAND' (or 'dialer-app COMMAND --help') shows a command's "
        "arguments.",
        formatter_class=_HelpFormatter,
        add_help=False,
    )
    commands = parser.add_subparsers(
        dest="command", title="commands", metavar="COMMAND", parser_class=ArgParser, prog=_PROG
    )
    helper = commands.add_parser(HELP_COMMAND, help="show this help, or a command's")
    helper.add_argument("topic", nargs="*", metavar="COMMAND", help="e.g. call, or contacts import")
    diagnostics = commands.add_parser(
        "diagnostics",
        help="print a report for support (never the secret; phone numbers masked)",
    )
    diagnostics.add_argument(
        "--log-lines",
        type=_count(10_000),
        default=50,
        metavar="N",
        help="recent log lines (default 50)",
    )
    for sub in (helper, diagnostics):
        add_global_options(sub, suppress=True)
    window = parser.add_argument_group(
        "window (without a command)",
        "dialer-app [NUMBER | tel:LINK | callto:LINK] opens the window with the number filled\n"
        "in (a link never dials by itself), or hands it over to the dialer already running.",
    )
    add_window_options(window, help_only=True)
    general = parser.add_argument_group("options (before or after the command)")
    add_global_options(general, suppress=False)
    general.add_argument("-h", "--help", action="help", help="show this help and exit")
    general.add_argument(
        "--version",
        action="version",
        version=f"dialer-app {__version__}",
        help="print the version and exit",
    )
    return parser, commands


def _count(most: int) -> Callable[[str], int]:
    """An argparse type: a whole number from 0 to ``most``."""

    def parse(text: str) -> int:
        if not text.isdigit() or int(text) > most:
            raise argparse.ArgumentTypeError(f"expected a whole number from 0 to {most}")
        return int(text)

    return parse


def add_window_options(target: _ArgumentTarget, *, help_only: bool = False) -> None:
    """The window's own options; ``help_only``: listed in ``--help`` but refused with a
    command (the window's parser, ``build_window_parser``, is the one that takes them)."""
    flag: dict[str, Any] = {"action": _WindowOnly if help_only else "store_true"}
    actions: _ArgumentTarget = target
    if not help_only:
        assert isinstance(target, argparse.ArgumentParser)
        actions = target.add_mutually_exclusive_group()
    actions.add_argument(
        "--quick-call",
        **flag,
        help="open the quick-call popup (in the running dialer, if there is one)",
    )
    actions.add_argument(
        "--call-clipboard",
        **flag,
        help="call the number in the clipboard, after confirmation (in the running dialer)",
    )
    actions.add_argument(
        "--register-handler",
        **flag,
        help="make this app the tel:/callto: link handler for the current user, then exit",
    )
    actions.add_argument("--unregister-handler", **flag, help="undo --register-handler, then exit")
    target.add_argument(
        "--minimized",
        **flag,
        help="start in the tray (used by autostart; ignored where there is no tray)",
    )
    if not help_only:
        target.add_argument(
            "--smoke-exit-after-ms",
            type=int,
            metavar="N",
            default=None,
            help=argparse.SUPPRESS,  # packaging smoke tests and benchmarks: quit N ms after ready
        )


def build_window_parser() -> ArgParser:
    """``dialer-app [GLOBAL OPTIONS] [LINK | --quick-call | ...]``: the window's arguments."""
    parser = ArgParser(prog="dialer-app", description="Click-to-call dialer window.")
    add_global_options(parser, suppress=False)
    parser.add_argument("link", nargs="?", help="a tel:/callto: link or number to prefill")
    parser.add_argument("--version", action="version", version=f"dialer-app {__version__}")
    add_window_options(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser, commands = _top_level_parser()

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
    _add_dnc_parser(commands)
    _add_settings_parser(commands)
    _add_lists_parser(commands)
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
    importer.add_argument(
        "--region",
        metavar="CC",
        help="country of numbers written without a country code, e.g. US "
        "(default: the settings' region)",
    )
    importer.add_argument("--json", action="store_true", help="print one JSON object")
    exporter = actions.add_parser("export", help="write all contacts to a CSV or vCard file")
    exporter.add_argument("file", metavar="FILE", help="the file to write (replaced if present)")
    restorer = actions.add_parser(
        "restore",
        help="put back the contacts and call history of a backup (the newest by default; "
        "the current ones are backed up first)",
    )
    restorer.add_argument(
        "backup", metavar="BACKUP", nargs="?", help="the backup file or its name (see --list)"
    )
    restorer.add_argument("--list", action="store_true", help="list the backups, newest first")
    restorer.add_argument("--json", action="store_true", help="print one JSON object")
    add_global_options(restorer, suppress=True)
    for sub, what in ((importer, "the extension or content"), (exporter, "the extension")):
        sub.add_argument(
            "--format",
            choices=("csv", "vcard"),
            help=f"file format (default: from {what})",
        )
        add_global_options(sub, suppress=True)


def _add_dnc_parser(commands: argparse._SubParsersAction[ArgParser]) -> None:
    dnc = commands.add_parser(
        "dnc",
        help="the do-not-call list: add, remove, import, list, check a number",
        description="Numbers on the do-not-call list are never called, from any surface "
        "(exit 8 for `call`).\nThe team's shared list is the dnc_source setting (a file "
        "path or https:// address).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_global_options(dnc, suppress=True)
    actions = dnc.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ArgParser
    )
    add = actions.add_parser("add", help="put a number on the list")
    add.add_argument("number", metavar="NUMBER", help="e.g. +91 98765 43210")
    add.add_argument("--note", metavar="TEXT", help="why (shown when a call is held back)")
    remove = actions.add_parser("remove", help="take a number off your list")
    remove.add_argument("number", metavar="NUMBER")
    importer = actions.add_parser(
        "import", help="add the numbers of a CSV file, or of a file with one number a line"
    )
    importer.add_argument("file", metavar="FILE")
    importer.add_argument(
        "--region", metavar="CC", help="country of numbers without a country code (default: "
        "the settings' region)"
    )
    listing = actions.add_parser("list", help="show your list and the team's list's state")
    check = actions.add_parser(
        "check", help="exit 0 if NUMBER may be called, 8 (with the reason) if it is listed"
    )
    check.add_argument("number", metavar="NUMBER")
    refresh = actions.add_parser("refresh", help="read the team's list (dnc_source) now")
    for sub in (add, remove, importer, listing, check, refresh):
        sub.add_argument("--json", action="store_true", help="print one JSON object")
        add_global_options(sub, suppress=True)


def _add_settings_parser(commands: argparse._SubParsersAction[ArgParser]) -> None:
    from dialer_app.core.setting_values import SETTING_HELP

    width = max(map(len, SETTING_HELP))
    settings = commands.add_parser(
        "settings",
        help="show or change the profile's settings",
        description="Values are checked as the Settings dialog checks them; a setting your "
        "administrator locked\n(managed defaults) cannot be changed. The settings:\n"
        + "\n".join(f"  {name:<{width}}  {text}" for name, text in SETTING_HELP.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_global_options(settings, suppress=True)
    actions = settings.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ArgParser
    )
    listing = actions.add_parser("list", help="every setting, its value and where it comes from")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    get = actions.add_parser("get", help="print one setting's value")
    get.add_argument("key", metavar="KEY")
    get.add_argument("--json", action="store_true", help="print one JSON object")
    put = actions.add_parser("set", help="change one setting (exit 2 with the reason if refused)")
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE", help='the new value ("" to empty it)')
    reset = actions.add_parser("reset", help="put one setting back to its default")
    reset.add_argument("key", metavar="KEY")
    for sub in (listing, get, put, reset):
        add_global_options(sub, suppress=True)


def _add_lists_parser(commands: argparse._SubParsersAction[ArgParser]) -> None:
    lists = commands.add_parser(
        "lists",
        help="call lists: import, progress, entries and dispositions, export "
        "(without an action: every list with its progress)",
    )
    lists.add_argument("--json", action="store_true", help="print one JSON object")
    add_global_options(lists, suppress=True)
    actions = lists.add_subparsers(dest="action", metavar="ACTION", parser_class=ArgParser)
    importer = actions.add_parser(
        "import", help="make a call list of a CSV or vCard file (it becomes the current list)"
    )
    importer.add_argument("file", metavar="FILE", help="the CSV or vCard file to read")
    importer.add_argument("--name", metavar="NAME", help="the list's name (default: the file's)")
    importer.add_argument(
        "--region",
        metavar="CC",
        help="country of numbers written without a country code (default: the settings')",
    )
    importer.add_argument(
        "--format", choices=("csv", "vcard"), help="file format (default: from the file)"
    )
    shower = _list_action(
        actions, "show", "every entry of a list: status (blocked: why), disposition, note, attempts"
    )
    recorder = _list_action(actions, "record", "record what came of an entry")
    recorder.add_argument("entry_id", type=int, metavar="ENTRY_ID", help="the entry's number")
    recorder.add_argument(
        "--disposition",
        required=True,
        metavar="D",
        help="connected, no_answer, busy, voicemail, wrong_number, callback (with --at) "
        "or do_not_call",
    )
    recorder.add_argument("--note", metavar="TEXT", help="a note about the call")
    recorder.add_argument(
        "--at", metavar="WHEN", help="when to call back: '2025-03-04 15:00' or '15:00'"
    )
    exporter = _list_action(
        actions,
        "export",
        "write a list's own columns with disposition, note, attempts, last called and "
        "request_id to CSV",
    )
    exporter.add_argument("file", metavar="OUT.csv", help="the file to write (replaced)")
    deleter = _list_action(actions, "delete", "delete a list with its outcomes")
    for sub in (importer, shower, recorder):
        sub.add_argument("--json", action="store_true", help="print one JSON object")
    for sub in (importer, shower, recorder, exporter, deleter):
        add_global_options(sub, suppress=True)


def _list_action(
    actions: argparse._SubParsersAction[ArgParser], word: str, text: str
) -> ArgParser:
    """A ``lists`` action whose first argument is the list's name."""
    action = actions.add_parser(word, help=text)
    action.add_argument("name", metavar="NAME", help="the list's name")
    return action


_OPTIONS_WITH_VALUE = ("--profile", "--api-base")


def first_positional(args: Sequence[str]) -> str | None:
    """The first argument that is not an option or an option's value."""
    index = positional_index(args)
    return None if index is None else args[index]


def positional_index(args: Sequence[str]) -> int | None:
    """Where ``first_positional`` is in ``args``."""
    skip_next = False
    for index, arg in enumerate(args):
        if skip_next:
            skip_next = False
        elif arg in _OPTIONS_WITH_VALUE:
            skip_next = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return index
    return None


def registered_commands(parser: argparse.ArgumentParser) -> dict[str, str]:
    """The commands ``build_parser`` registered, each with its one-line help."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: str(choice.help) for choice in action._get_subactions()}
    return {}


def looks_dialable(word: str) -> bool:
    """A number or a tel:/callto: link (for the window to check and fill in), as opposed to a
    command word; an empty argument (a launcher's empty ``%u``) opens the window too."""
    text = word.lstrip(_WRAPPERS)
    return not text or text[0] in _NUMBER_STARTS or text.lower().startswith(_LINK_SCHEMES)


def options_part(args: Sequence[str]) -> list[str]:
    """The arguments before a ``--`` (after it, everything is positional)."""
    return list(args[: args.index("--")]) if "--" in args else list(args)


def opens_window(args: Sequence[str]) -> bool:
    """Whether ``dialer-app ARGS`` starts the window (or hands over to the running one): no
    command word, or a number or link in its place. ``--help``, ``--version`` and the
    handler options are answered without the window (and without Qt)."""
    options = options_part(args)
    if any(arg in (*_HELP_FLAGS, "--version", *HANDLER_OPTIONS) for arg in options):
        return False
    word = first_positional(args)
    return word is None or looks_dialable(word)


def asks_for_help(args: Sequence[str]) -> bool:
    return any(arg in _HELP_FLAGS for arg in options_part(args))

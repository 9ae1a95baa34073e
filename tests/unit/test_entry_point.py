"""What ``dialer-app ARGS`` starts, decided before Qt loads: the window (for a number, a link
or nothing), a command, or help; and whether the window has a display to open on."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialer_app.cli.arguments import (
    build_parser,
    looks_dialable,
    opens_window,
    registered_commands,
)
from dialer_app.system.display import missing_display


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["+91 92000 00000"],
        ["9200000000"],
        ["(020) 7946 0958"],
        ["tel:+91-92000-00000"],
        ["TEL:+919200000000"],
        ["callto://+919200000000/"],
        ["<tel:+919200000000>"],
        [""],
        ["--profile", "call", "tel:+91"],  # 'call' is the profile's name here
        ["--sandbox", "--quick-call"],
        ["--call-clipboard", "-v"],
        ["--", "call"],
    ],
)
def test_numbers_links_and_window_options_open_the_window(args: list[str]) -> None:
    assert opens_window(args)


@pytest.mark.parametrize(
    "args",
    [
        ["call", "+91 92000 00000"],
        ["--sandbox", "call", "+91"],
        ["help"],
        ["help", "call"],
        ["halp"],
        ["--help"],
        ["-h"],
        ["tel:+91", "--help"],
        ["--version"],
        ["--register-handler"],
        ["--unregister-handler", "-v"],
        ["diagnostics"],
        ["lists"],  # a command still to come, or an unknown word: the command line answers
    ],
)
def test_commands_help_and_unknown_words_do_not(args: list[str]) -> None:
    assert not opens_window(args)


def test_every_command_word_is_not_taken_for_a_number() -> None:
    for name in registered_commands(build_parser()):
        assert not looks_dialable(name), name


@pytest.fixture
def x11(tmp_path: Path) -> dict[str, str]:
    """Where ``missing_display`` looks for X servers: here, one on display :1 (a socket file)
    and one on :2 (an abstract socket, listed only in the kernel's table)."""
    sockets = tmp_path / "X11-unix"
    sockets.mkdir()
    (sockets / "X1").touch()
    table = tmp_path / "unix"
    table.write_text(
        "Num       RefCount Protocol Flags    Type St Inode Path\n"
        f"00000000b8283643: 00000003 00000000 00000000 0001 03 87304 @{sockets}/X2\n"
        "00000000cee23ac5: 00000002 00000000 00010000 0001 01 87243 /run/dbus/system_bus_socket\n",
        encoding="utf-8",
    )
    return {"x11_sockets": str(sockets), "unix_sockets_table": str(table)}


@pytest.mark.parametrize(
    "environ",
    [
        {"DISPLAY": ":1"},
        {"DISPLAY": ":2.0"},
        {"DISPLAY": "unix:1"},
        {"DISPLAY": "localhost:10.0"},  # ssh -X: taken on trust
        {"DISPLAY": ":7", "WAYLAND_DISPLAY": "wayland-0"},  # Qt prefers Wayland
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "vnc:size=800x600"},
        {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"},
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"},
        {"QT_QPA_PLATFORM": "some-future-plugin"},  # Qt decides
    ],
)
def test_a_display_or_a_platform_that_needs_none(
    environ: dict[str, str], x11: dict[str, str]
) -> None:
    assert missing_display(environ, "linux", **x11) is None


@pytest.mark.parametrize(
    ("environ", "reason"),
    [
        ({}, "neither DISPLAY (X11) nor WAYLAND_DISPLAY (Wayland) is set"),
        ({"DISPLAY": "", "WAYLAND_DISPLAY": ""}, "neither DISPLAY (X11) nor WAYLAND_DISPLAY"),
        ({"DISPLAY": ":7"}, "DISPLAY=:7 is set, but no X server is running there (no "),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w-0"}, "=xcb needs a display, but DISPLAY"),
        ({"QT_QPA_PLATFORM": "wayland"}, "=wayland needs a display, but WAYLAND_DISPLAY is not"),
    ],
)
def test_no_display(environ: dict[str, str], reason: str, x11: dict[str, str]) -> None:
    found = missing_display(environ, "linux", **x11)
    assert found is not None
    assert reason in found


def test_windows_and_macos_always_have_a_display() -> None:
    assert missing_display({}, "win32") is None
    assert missing_display({}, "darwin") is None


def test_a_wayland_session_without_the_variable_uses_its_default_socket(tmp_path: Path) -> None:
    environ = {"XDG_SESSION_TYPE": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert missing_display(environ, "linux") is not None
    (tmp_path / "wayland-0").touch()
    assert missing_display(environ, "linux") is None


def test_help_wins_over_a_handler_option(capsys: pytest.CaptureFixture[str]) -> None:
    from dialer_app.cli.dispatch import main

    assert main(["help", "--register-handler"]) == 0
    assert capsys.readouterr().out.startswith("usage: dialer-app COMMAND")


def test_a_handler_option_does_not_go_with_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    from dialer_app.cli.dispatch import main

    assert main(["--register-handler", "call", "+919200000000"]) == 2
    assert "opens the window; it does not go with a command" in capsys.readouterr().err

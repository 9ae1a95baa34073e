"""What a newcomer meets first, as real processes: ``--help`` and ``help``, an unknown word, no
display, and the one exit-code table (the same in the code, ``--help`` and the README)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dialer_app.cli.arguments import build_parser, registered_commands
from dialer_app.cli.output import EXIT_CODES, EXIT_NO_DISPLAY, EXIT_OK, EXIT_USAGE
from tests.support.harness import REPO_ROOT, run_cli

WINDOW_OPTIONS = ("--quick-call", "--call-clipboard", "--register-handler", "--unregister-handler")
GLOBAL_OPTIONS = ("--profile DIR", "--api-base URL", "--sandbox", "--verbose", "--version")


def test_help_lists_every_registered_command_window_option_and_exit_code() -> None:
    result = run_cli("--help")
    assert result.code == EXIT_OK, result.stderr
    text = " ".join(result.stdout.split())  # argparse wraps long lines
    summaries = registered_commands(build_parser())
    assert {"call", "contacts", "credentials", "diagnostics", "help"} <= set(summaries)
    for name, summary in summaries.items():
        assert re.search(rf"^  {name} +\S", result.stdout, re.M), name
        assert " ".join(summary.split()) in text, name
    for option in (*WINDOW_OPTIONS, *GLOBAL_OPTIONS):
        assert option in result.stdout, option
    for code in EXIT_CODES:
        assert re.search(rf"^ +{code}  ", result.stdout, re.M), code
    assert result.stderr == ""


def test_help_command_prints_the_same_as_help_options() -> None:
    assert run_cli("help").stdout == run_cli("--help").stdout
    for topic in (["call"], ["contacts", "import"], ["credentials"], ["diagnostics"]):
        shown = run_cli("help", *topic)
        assert shown.code == EXIT_OK, shown.stderr
        assert shown.stdout == run_cli(*topic, "--help").stdout
        assert shown.stdout.startswith(f"usage: dialer-app {' '.join(topic)}")


@pytest.mark.parametrize(("word", "hint"), [("halp", "help"), ("cal", "call"), ("xyzzy", None)])
def test_an_unknown_word_says_so_instead_of_opening_the_window(word: str, hint: str | None) -> None:
    # No display either: had it tried to open the window, it would say so (exit 9).
    result = run_cli(word, env=NO_DISPLAY)
    assert result.code == EXIT_USAGE
    assert f"'{word}' is not a command, a number or a tel:/callto: link" in result.stderr
    assert "Try 'dialer-app --help'." in result.stderr
    if hint:
        assert f"Did you mean '{hint}'?" in result.stderr
    assert result.stdout == ""


def test_a_command_s_usage_error_points_to_that_command_s_help() -> None:
    result = run_cli("credentials", "set")
    assert result.code == EXIT_USAGE
    assert "Try 'dialer-app credentials set --help'." in result.stderr


# Empty is unset, for Qt and for the check alike (a test machine may have a display).
NO_DISPLAY = {name: "" for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


PROBE = """
import json, sys
from dialer_app.__main__ import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "qt_loaded": "PySide6" in sys.modules}))
"""


def probe(*args: str) -> tuple[dict[str, object], str]:
    """``main(args)`` in a child without a display: its exit code and whether Qt loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
        env={**os.environ, **NO_DISPLAY},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@pytest.mark.parametrize("args", [[], ["tel:+91-92000-00000"], ["--quick-call"]])
def test_no_display_gives_a_plain_message_before_qt_loads(args: list[str]) -> None:
    outcome, stderr = probe("--sandbox", *args)
    assert outcome == {"code": EXIT_NO_DISPLAY, "qt_loaded": False}
    assert "no graphical display: neither DISPLAY (X11) nor WAYLAND_DISPLAY" in stderr
    assert "the command line works without one, e.g. dialer-app call" in stderr.lower()
    if args and args[0].startswith("tel:"):
        assert "dialer-app call tel:+91-92000-00000" in stderr
    assert "Reinstalling" not in stderr


def test_no_display_exit_code_from_the_real_entry_point(tmp_path: Path) -> None:
    result = run_cli("--sandbox", "--profile", str(tmp_path), env=NO_DISPLAY)
    assert result.code == EXIT_NO_DISPLAY
    assert result.stderr.startswith("dialer-app: no graphical display:")
    assert "Traceback" not in result.stderr
    assert "Aborted" not in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], EXIT_OK),
        (["help", "call"], EXIT_OK),
        (["--version"], EXIT_OK),
        (["halp"], EXIT_USAGE),
        (["call", "12", "--sandbox"], EXIT_USAGE),
    ],
)
def test_what_needs_no_window_runs_without_display_and_without_qt(
    args: list[str], code: int
) -> None:
    outcome, _stderr = probe(*args)
    assert outcome == {"code": code, "qt_loaded": False}


def test_the_readme_s_exit_code_table_is_the_code_s() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| exit code | meaning |\n| --- | --- |\n", 1)[1].split("\n\n", 1)[0]
    rows = [re.fullmatch(r"\| (\d+) \| (.+) \|", line) for line in table.splitlines()]
    assert all(rows), table
    assert {int(row[1]): row[2] for row in rows if row} == EXIT_CODES


def test_a_stale_display_gets_the_same_plain_message() -> None:
    # An SSH session's DISPLAY, or a stopped Xvfb: Qt would abort with exit 134.
    assert not Path("/tmp/.X11-unix/X4099").exists()
    result = run_cli("--sandbox", env={**NO_DISPLAY, "DISPLAY": ":4099"})
    assert result.code == EXIT_NO_DISPLAY
    assert "DISPLAY=:4099 is set, but no X server is running there" in result.stderr

"""The newcomer's set-up, as they run it: ``bash packaging/run.sh`` in a fresh copy of the
project (a new .venv, a scratch home). The first run installs and says so without build
warnings; a second run installs nothing and prints nothing; ``dialer-app`` is on PATH after it;
a changed pyproject.toml installs again. (Times are a benchmark: benchmarks/bench_setup.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dialer_app import __version__
from tests.support.harness import REPO_ROOT

pytestmark = pytest.mark.slow

STAMPS = ("first-paint ", "ready ", "contacts-shown ")


def project_copy(into: Path) -> Path:
    """The project's files as a fresh clone has them (tracked and new, never .venv)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return into


def run_sh(project: Path, home: Path, *args: str) -> list[str]:
    """``bash packaging/run.sh ARGS`` as a user with this home; its output lines."""
    env = {
        **os.environ,
        "HOME": str(home),
        "DIALER_PROFILE": str(home / "profile"),
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": f"{home / '.local' / 'bin'}:{os.environ['PATH']}",
    }
    env.pop("VIRTUAL_ENV", None)
    pip_config = Path.home() / ".config" / "pip" / "pip.conf"  # the machine's package indexes
    if pip_config.is_file() and "PIP_CONFIG_FILE" not in env:
        env["PIP_CONFIG_FILE"] = str(pip_config)
    done = subprocess.run(
        ["bash", "packaging/run.sh", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = (done.stdout + done.stderr).splitlines()
    assert done.returncode == 0, "\n".join(output[-60:])
    return [line for line in output if not line.startswith(STAMPS)]


@pytest.mark.timeout(1200)
def test_first_run_installs_quietly_then_runs_start_at_once(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    home = tmp_path / "home"
    home.mkdir()
    smoke = ("--sandbox", "--smoke-exit-after-ms", "0")

    first = run_sh(project, home, *smoke)
    assert first[0].startswith("setup: creating .venv with dialer-app and its dependencies")
    link = home / ".local" / "bin" / "dialer-app"
    assert first[1:] == [f"setup: linked {link}, so 'dialer-app' works in any terminal"]
    build_log = (project / ".venv" / "setup.log").read_text(encoding="utf-8")
    # setuptools' notes on this project: none (the license and package-data warnings are
    # fixed). Its generic note on every editable install stays in the log.
    notes = [line for line in build_log.splitlines() if "Warning" in line]
    assert all("BuildBackendWarning: Editable installation." in line for line in notes), notes

    assert run_sh(project, home, *smoke) == []  # second run: nothing installed, nothing said
    assert link.resolve() == (project / ".venv" / "bin" / "dialer-app").resolve()
    version = subprocess.run(
        ["dialer-app", "--version"],
        env={**os.environ, "PATH": f"{link.parent}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == f"dialer-app {__version__}"

    with (project / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write("\n# a changed project is installed again\n")
    again = run_sh(project, home, *smoke)
    assert again == [
        "setup: updating .venv with dialer-app and its dependencies (this takes a minute)..."
    ]

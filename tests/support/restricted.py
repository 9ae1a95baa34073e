"""Child processes held to what an ordinary user or a full disk allows: file modes obeyed
even as root, a file-size limit that fails writes like a full disk, and runners for the
command line and the window's child (``tests/support/bad_profile_child.py``)."""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.harness import REPO_ROOT, CliResult

_PR_CAPBSET_DROP = 24
_FILE_PERMISSION_CAPS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def without_write_privileges() -> None:
    """``preexec_fn``: make the child obey file modes even when the tests run as root.

    Root ignores modes through these capabilities; dropping them from the bounding set before
    ``exec`` leaves the child root by uid but held to the owner bits like any user. (Switching
    to ``nobody`` does not work everywhere: the interpreter may live under a private ``/root``.)
    As an ordinary user the modes already apply and nothing is changed.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _FILE_PERMISSION_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def file_size_limit(limit: int) -> Callable[[], None]:
    """``preexec_fn``: writes beyond ``limit`` bytes fail with EFBIG, like a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def run_restricted(
    args: list[str], preexec: Callable[[], None], stdin: str = "", **env: str
) -> CliResult:
    """``python ARGS`` in the repository, with ``preexec`` applied in the child first."""
    completed = subprocess.run(
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        preexec_fn=preexec,
        check=False,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def run_window_child(profile: Path, preexec: Callable[[], None], *extra: str) -> dict[str, Any]:
    child = ["-m", "tests.support.bad_profile_child", str(profile), *extra]
    result = run_restricted(child, preexec)
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["escaped"] == [], report["escaped"]
    assert report["contacts_opened"]
    return report


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


def set_read_only(folder: Path, read_only: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o500 if read_only else 0o700)
        else:
            path.chmod(0o400 if read_only else 0o600)

"""What many tests need: where the repository is, a profile on disk, the real command line.

Paths are found relative to this file, never as absolute paths: the suite runs from any clone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dialer_app.core.credentials import CredentialStore
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID
from tests.support.memory_keyring import MemoryKeyring

REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS_DIR = REPO_ROOT / "tests"
DATA_DIR = TESTS_DIR / "data"
VCARDS_DIR = DATA_DIR / "vcards"
SUPPORT_DIR = TESTS_DIR / "support"
TEST_PROFILE_ID = "0123456789abcdef0123456789abcdef"


def write_settings(profile: Path, **values: object) -> None:
    data = {"version": 1, "profile_id": TEST_PROFILE_ID, **values}
    (profile / "settings.json").write_text(json.dumps(data), encoding="utf-8")


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict[str, object]:
        parsed: dict[str, object] = json.loads(self.stdout)
        return parsed


def run_cli(
    *args: str,
    stdin: str | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> CliResult:
    """Run the real command line in a subprocess (as a CRM script would); ``preexec`` runs in
    the child first (resource limits)."""
    completed = subprocess.run(
        [sys.executable, "-m", "dialer_app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec,
        check=False,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def memory_credentials(
    profile_id: str, backend: MemoryKeyring, secret: str | None = DEMO_SECRET
) -> CredentialStore:
    store = CredentialStore(profile_id, backend=backend)
    if secret is not None:
        store.set_secret(DEMO_USER_ID, secret)
    return store

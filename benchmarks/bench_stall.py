"""GUI stalls: the longest gap of a 5 ms GUI-thread timer while the app works in the background.

    .venv/bin/python benchmarks/bench_stall.py [--runs N] [--quick] [--json PATH]

In one running app (loopback sandbox, demo account) each run measures, with the probe timer
ticking: the app idle for 1 s (the baseline: what this machine's scheduler alone costs), 20
back-to-back calls, one call the sandbox answers 3 s late, and one call that must first read
the secret from the keyring. The keyring is the real Secret Service when one answers on the
session D-Bus (the first read is then cold: D-Bus connection and secretstorage imports happen
on the worker, as in the app); otherwise an in-memory keyring, and the row says so. The stall
during a 100k-row import is measured by ``bench_import.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    REPO_ROOT,
    Result,
    at_most,
    copy_profile,
    emit,
    median,
    parser,
    runs_of,
    use_bytecode_cache,
)
from inprocess import StallProbe, Waiter, run_until_idle, running_app, spin
from PySide6.QtTest import QTest

from dialer_app.app.composition import DialerApp
from dialer_app.core.credentials import CredentialStore
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, Fault, SandboxServer

STALL_LIMIT_MS = 16.0
IDLE_S = 1.0
FULL_CALLS, QUICK_CALLS = 20, 5
FULL_DELAY_S, QUICK_DELAY_S = 3.0, 0.5
NUMBER = "+919200000000"

# Runs in a child process so the benchmark's own process stays cold for the measured read.
_KEYRING_CHILD = """
import sys
from keyring.backends import SecretService
if not SecretService.Keyring.viable:
    print("not viable")
    raise SystemExit(0)
from dialer_app.core.credentials import CredentialStore
store = CredentialStore(sys.argv[2], backend=SecretService.Keyring())
if sys.argv[1] == "set":
    store.set_secret(sys.argv[3], sys.stdin.read())
else:
    store.delete_secret(sys.argv[3])
print("ok")
"""


def secret_service(action: str, profile_id: str, secret: str = "") -> bool:
    """Set or delete the demo secret in the real Secret Service; False if there is none."""
    completed = subprocess.run(
        [sys.executable, "-c", _KEYRING_CHILD, action, profile_id, DEMO_USER_ID],
        input=secret,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    return completed.returncode == 0 and completed.stdout.strip() == "ok"


@dataclass
class StallSamples:
    idle: list[float] = field(default_factory=list)
    calls: list[float] = field(default_factory=list)
    delayed: list[float] = field(default_factory=list)
    keyring: list[float] = field(default_factory=list)
    keyring_name: str = "memory keyring"


def call_once(app: DialerApp) -> None:
    done = Waiter(app.calls.succeeded, app.calls.failed)
    app.window.call_button.click()
    done.wait("the call to finish")
    if done.which != 0:
        raise RuntimeError(f"the call failed: {done.args}")


def longest_gap(action: Callable[[], object]) -> float:
    """Run ``action()`` with the probe ticking; the longest gap in ms."""
    probe = StallProbe()
    probe.start()
    action()
    return probe.stop()


def measure(runs: int, calls: int, delay_s: float) -> StallSamples:
    samples = StallSamples()
    with tempfile.TemporaryDirectory(prefix="dialer-bench-stall-") as folder:
        profile = copy_profile(None, Path(folder))
        with SandboxServer() as sandbox, running_app(profile, sandbox) as app:
            QTest.keyClicks(app.window.number_input, NUMBER)
            spin(0.3)
            profile_id = app.settings.profile_id
            real = secret_service("set", profile_id, DEMO_SECRET)
            if real:
                # Resolved on the call worker on first use, exactly as the app does.
                app.runtime.credentials = CredentialStore(profile_id)
            try:
                for _ in range(runs):
                    _one_run(app, sandbox, samples, calls, delay_s)
                if real:
                    samples.keyring_name = app.runtime.credentials.backend_name()
            finally:
                if real:
                    secret_service("delete", profile_id)
    return samples


def _one_run(
    app: DialerApp, sandbox: SandboxServer, samples: StallSamples, calls: int, delay_s: float
) -> None:
    samples.idle.append(longest_gap(lambda: spin(IDLE_S)))

    def many_calls() -> None:
        for _ in range(calls):
            call_once(app)

    samples.calls.append(longest_gap(many_calls))
    run_until_idle()
    sandbox.set_fault(Fault.DELAY, delay=delay_s, times=1)
    samples.delayed.append(longest_gap(lambda: call_once(app)))
    run_until_idle()
    app.runtime.forget_cached_account()
    samples.keyring.append(longest_gap(lambda: call_once(app)))
    run_until_idle()


def results(samples: StallSamples, calls: int, delay_s: float) -> list[Result]:
    idle = median(samples.idle)
    runs = len(samples.idle)
    rows = [
        (f"GUI stall: {calls} calls in flight back to back", samples.calls),
        (f"GUI stall: a call answered {delay_s:g} s late", samples.delayed),
        (f"GUI stall: a call reading the keyring ({samples.keyring_name})", samples.keyring),
    ]
    return [
        Result(
            what,
            median(values),
            "ms",
            f"≤ {STALL_LIMIT_MS:g} ms",
            at_most(median(values), STALL_LIMIT_MS),
            idle,
            f"longest timer gap, median of {runs}, worst {max(values):.1f} ms",
        )
        for what, values in rows
    ]


def main(argv: list[str] | None = None) -> None:
    use_bytecode_cache()
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    calls = QUICK_CALLS if args.quick else FULL_CALLS
    delay_s = QUICK_DELAY_S if args.quick else FULL_DELAY_S
    samples = measure(runs_of(args), calls, delay_s)
    emit(results(samples, calls, delay_s), args.json)


if __name__ == "__main__":
    main()

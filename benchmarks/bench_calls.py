"""Click to request on the wire, and connection reuse, in process against the loopback sandbox.

    .venv/bin/python benchmarks/bench_calls.py [--calls N] [--quick] [--json PATH]

The number is typed into the dial field as an agent would (which warms the connection up),
then the Call button is clicked N times, each call waited for. Latency is the sandbox's
``received_at`` minus ``time.monotonic()`` just before ``call_button.click()``. Connection reuse
counts the TCP connections the sandbox accepted from the app's start through the first 100
calls (warm-up included).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import (
    Result,
    at_most,
    copy_profile,
    emit,
    median,
    parser,
    percentile,
    use_bytecode_cache,
)
from inprocess import Waiter, run_until_idle, running_app, spin
from PySide6.QtTest import QTest

from dialer_app.app.composition import DialerApp
from dialer_app.sandbox.server import CLICK2CALL_PATH, SandboxServer

FULL_CALLS = 200
QUICK_CALLS = 10
REUSE_CALLS = 100
MEDIAN_LIMIT_MS = 5.0
P99_LIMIT_MS = 20.0
NUMBER = "+919200000000"


@dataclass(frozen=True)
class CallSamples:
    latencies_ms: list[float]
    reuse_calls: int
    connections: int


def type_number(app: DialerApp, sandbox: SandboxServer) -> None:
    """Type the number key by key; the first edit opens the connection ahead of the click."""
    QTest.keyClicks(app.window.number_input, NUMBER)
    deadline = time.monotonic() + 10
    while sandbox.connections_accepted < 1 and time.monotonic() < deadline:
        spin(0.01)
    spin(0.2)  # let the warm-up request finish
    if not app.window.call_button.isEnabled():
        raise RuntimeError(f"the Call button stays disabled for {NUMBER}")


def click_and_wait(app: DialerApp, sandbox: SandboxServer) -> float:
    """One click; ms until the sandbox received the request."""
    before = len(sandbox.requests)
    done = Waiter(app.calls.succeeded, app.calls.failed)
    clicked = time.monotonic()
    app.window.call_button.click()
    done.wait("the call to finish")
    if done.which != 0:
        raise RuntimeError(f"the call failed: {done.args}")
    requests = sandbox.requests
    if len(requests) != before + 1 or requests[before].path != CLICK2CALL_PATH:
        raise RuntimeError(f"expected one click2call request, got {requests[before:]}")
    run_until_idle()
    return (requests[before].received_at - clicked) * 1000


def measure(calls: int) -> CallSamples:
    reuse_calls = min(REUSE_CALLS, calls)
    connections = 0
    latencies: list[float] = []
    with tempfile.TemporaryDirectory(prefix="dialer-bench-calls-") as folder:
        profile = copy_profile(None, Path(folder))
        with SandboxServer() as sandbox, running_app(profile, sandbox) as app:
            type_number(app, sandbox)
            for number in range(1, calls + 1):
                latencies.append(click_and_wait(app, sandbox))
                if number == reuse_calls:
                    connections = sandbox.connections_accepted
    return CallSamples(latencies, reuse_calls, connections)


def results(samples: CallSamples) -> list[Result]:
    latencies = samples.latencies_ms
    calls = len(latencies)
    middle, p99 = median(latencies), percentile(latencies, 99)
    return [
        Result(
            "click → request on the wire, median",
            middle,
            "ms",
            f"≤ {MEDIAN_LIMIT_MS:g} ms",
            at_most(middle, MEDIAN_LIMIT_MS),
            detail=f"{calls} calls, min {min(latencies):.2f} ms",
        ),
        Result(
            "click → request on the wire, p99",
            p99,
            "ms",
            f"≤ {P99_LIMIT_MS:g} ms",
            at_most(p99, P99_LIMIT_MS),
            detail=f"{calls} calls, max {max(latencies):.1f} ms",
        ),
        Result(
            f"TCP connections for {samples.reuse_calls} consecutive calls",
            samples.connections,
            "count",
            "1",
            samples.connections == 1,
            detail="warm-up included",
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    use_bytecode_cache()
    options = parser(__doc__.splitlines()[0], default_runs=1)
    options.add_argument("--calls", type=int, default=None, help=f"default {FULL_CALLS}")
    args = options.parse_args(argv)
    calls = args.calls or (QUICK_CALLS if args.quick else FULL_CALLS)
    emit(results(measure(calls)), args.json)


if __name__ == "__main__":
    main()

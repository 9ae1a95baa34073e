"""Cold start and memory: the dialer against a bare PySide6 window, as fresh processes.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--quick] [--json PATH]

Without ``--quick`` it also starts the app twice on a profile of 1,000,000 contacts and
reports the time to the list and the peak RSS (issue 14: no target yet).

Each round starts, in turn, the bare window (``bare_window.py``), the app on an empty profile
(``--sandbox --smoke-exit-after-ms 0``) and the app on a profile holding 100k contacts, twice:
once stopped as soon as the list is shown and start-up is over, once left running for 2 s (the
do-not-call list, the number metadata and the check of every database page load after
start-up; the day's backup is taken in the discarded first round). Start-up time runs from
just before the spawn to the ``first-paint`` / ``contacts-shown`` / ``ready`` stamps the process
prints (``time.monotonic()`` is shared by all
processes of one machine). The app paints its dialpad window first, then builds the contacts
and history panels (the list shows as soon as it is read: the process starts reading it before
Qt loads), then the Lists tab, the tray and the quick-call popup (``ready``); the empty-profile
run quits right after ``ready``, so its peak RSS (from ``os.wait4``) covers the whole start. A
first round warms the disk cache and creates the empty profile; it is discarded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import (
    BENCH_DIR,
    MILLION,
    REPO_ROOT,
    Result,
    copy_profile,
    emit,
    median,
    output_lines,
    parser,
    ratio_at_most,
    rows_of,
    runs_of,
    size_label,
    use_bytecode_cache,
)
from prepare_data import prepare_in_child

START_TIMEOUT_S = 120.0
START_RATIO = 1.3
LARGE_START_RATIO = 1.6
RSS_RATIO = 1.5
LIST_SHOWN_MS = 450.0  # issue 14: 100k contacts listed 0.45 s after the process started
LIST_RSS_RATIO = 1.9  # issue 14: peak RSS with them loaded, against the bare window
MILLION_RUNS = 2
LISTED = ("contacts-shown", "ready")  # the list is shown and every panel is built
SETTLE_MS = 2000


@dataclass(frozen=True)
class Launch:
    """One process start: times in ms after the spawn, peak RSS in MiB."""

    first_paint_ms: float
    ready_ms: float
    contacts_shown_ms: float | None
    contacts: int | None
    max_rss_mib: float


class LaunchError(RuntimeError):
    """The process failed, hung or never painted."""


def bare_command() -> list[str]:
    return [sys.executable, str(BENCH_DIR / "bare_window.py"), "--exit-after-ms", "0"]


def app_command(profile: Path, *, exit_after_ms: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dialer_app",
        "--sandbox",
        "--profile",
        str(profile),
        "--smoke-exit-after-ms",
        str(exit_after_ms),
    ]


def launch(command: list[str], *, until: tuple[str, ...] = ()) -> Launch:
    """Start ``command`` and read its stamps.

    Without ``until`` the process must quit by itself after its first paint; with it, it is
    terminated as soon as it printed all those stamps (``"ready"``, ``"contacts-shown"``).
    """
    # os.environ carries common.use_bytecode_cache(): both processes run from bytecode, as
    # installed programs do; the discarded first round writes the cache.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIALER_REPORT_TIMINGS": "1"}
    env.pop("DIALER_PROFILE", None)
    with tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, cwd=REPO_ROOT, env=env
        )
        stop = bool(until)
        try:
            stamps = _read_stamps(process, until)
        except BaseException:
            stop = True
            raise
        finally:
            if stop:  # os.kill, not Popen.terminate(): that may reap it and lose the rusage
                os.kill(process.pid, signal.SIGTERM)
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.stdout is not None:
                process.stdout.close()
        errors.seek(0)
        stderr_tail = errors.read()[-2000:].decode(errors="replace")
    if "first-paint" not in stamps:
        raise LaunchError(
            f"{command[1:3]} never painted (exit {process.returncode}):\n{stderr_tail}"
        )
    if not until and process.returncode != 0:
        raise LaunchError(f"{command[1:3]} exited {process.returncode}:\n{stderr_tail}")
    shown = stamps.get("contacts-shown")
    ready = stamps.get("ready", stamps["first-paint"])  # the bare window is ready when painted
    return Launch(
        first_paint_ms=(stamps["first-paint"][0] - started) * 1000,
        ready_ms=(ready[0] - started) * 1000,
        contacts_shown_ms=None if shown is None else (shown[0] - started) * 1000,
        contacts=None if shown is None else int(shown[1]),
        max_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
    )


def _read_stamps(
    process: subprocess.Popen[bytes], until: tuple[str, ...]
) -> dict[str, tuple[float, float]]:
    """``{"first-paint": (t, 0), "ready": (t, 0), "contacts-shown": (t, count)}``."""
    assert process.stdout is not None
    stamps: dict[str, tuple[float, float]] = {}
    try:
        for line in output_lines(process.stdout, START_TIMEOUT_S):
            parts = line.split()
            if len(parts) >= 2 and parts[0] in ("first-paint", "ready", "contacts-shown"):
                count = float(parts[2]) if len(parts) > 2 else 0.0
                stamps.setdefault(parts[0], (float(parts[1]), count))
            if until and {"first-paint", *until} <= stamps.keys():
                break
    except TimeoutError:
        raise LaunchError(f"no result within {START_TIMEOUT_S:.0f} s: {stamps}") from None
    return stamps


@dataclass
class Samples:
    bare: list[Launch]
    empty: list[Launch]
    large: list[Launch]  # until the contacts are shown and start-up is over (ready)
    settled: list[Launch]  # the same, then left running while the background work runs


def measure(runs: int, large_profile: Path) -> Samples:
    """Warm-up round, then ``runs`` interleaved rounds (order reversed every other round)."""
    with tempfile.TemporaryDirectory(prefix="dialer-bench-start-") as folder:
        empty = copy_profile(None, Path(folder) / "empty")
        large = copy_profile(large_profile, Path(folder) / "large")
        # (command, the stamps to stop it at: none, it quits by itself right after ready)
        kinds: dict[str, tuple[list[str], tuple[str, ...]]] = {
            "bare": (bare_command(), ()),
            "empty": (app_command(empty, exit_after_ms=0), ()),
            "large": (app_command(large, exit_after_ms=600_000), LISTED),
            # The background work that follows start-up (the do-not-call list, the number
            # metadata, the check of every page of the database) has run when it quits.
            "settled": (app_command(large, exit_after_ms=SETTLE_MS), ()),
        }
        samples: dict[str, list[Launch]] = {name: [] for name in kinds}
        for round_no in range(runs + 1):
            order = list(kinds) if round_no % 2 == 0 else list(reversed(kinds))
            for name in order:
                command, until = kinds[name]
                result = launch(command, until=until)
                if round_no > 0:
                    samples[name].append(result)
    return Samples(samples["bare"], samples["empty"], samples["large"], samples["settled"])


def results(samples: Samples, rows: int, contacts: int) -> list[Result]:
    bare_paint = median([s.first_paint_ms for s in samples.bare])
    bare_rss = median([s.max_rss_mib for s in samples.bare])
    empty_paint = median([s.first_paint_ms for s in samples.empty])
    empty_ready = median([s.ready_ms for s in samples.empty])
    large_paint = median([s.first_paint_ms for s in samples.large])
    large_shown = median([s.contacts_shown_ms or 0.0 for s in samples.large])
    empty_rss = median([s.max_rss_mib for s in samples.empty])
    large_rss = median([s.max_rss_mib for s in samples.large])
    settled_rss = median([s.max_rss_mib for s in samples.settled])
    runs = len(samples.bare)
    size = size_label(rows)
    spread = _spread(samples.empty)
    return [
        Result(
            "cold start → first paint (empty profile)",
            empty_paint,
            "ms",
            f"≤ {START_RATIO}× bare window",
            ratio_at_most(empty_paint, bare_paint, START_RATIO),
            bare_paint,
            f"median of {runs}, {spread}",
        ),
        Result(
            "cold start → ready: every panel built (empty profile)",
            empty_ready,
            "ms",
            f"≤ {START_RATIO}× bare window",
            ratio_at_most(empty_ready, bare_paint, START_RATIO),
            bare_paint,
            f"median of {runs}",
        ),
        Result(
            f"start with {size} contacts → first paint",
            large_paint,
            "ms",
            f"≤ {LARGE_START_RATIO}× bare window",
            ratio_at_most(large_paint, bare_paint, LARGE_START_RATIO),
            bare_paint,
            f"median of {runs}",
        ),
        Result(
            f"start with {size} contacts → contacts listed",
            large_shown,
            "ms",
            f"≤ {LIST_SHOWN_MS / 1000:.2f} s (issue 14)",
            large_shown <= LIST_SHOWN_MS,
            bare_paint,
            f"{contacts:,} contacts, median of {runs}",
        ),
        Result(
            "peak RSS after start (empty profile)",
            empty_rss,
            "MiB",
            f"≤ {RSS_RATIO}× bare window",
            ratio_at_most(empty_rss, bare_rss, RSS_RATIO),
            bare_rss,
            f"median of {runs}",
        ),
        Result(
            f"peak RSS with {size} contacts listed",
            large_rss,
            "MiB",
            f"≤ {LIST_RSS_RATIO}× bare window (issue 14)",
            ratio_at_most(large_rss, bare_rss, LIST_RSS_RATIO),
            bare_rss,
            f"median of {runs}; start-up over, with the list and its search index",
        ),
        Result(
            f"peak RSS {SETTLE_MS / 1000:.0f} s after a start with {size} contacts",
            settled_rss,
            "MiB",
            f"≤ {LIST_RSS_RATIO}× bare window (issue 14)",
            ratio_at_most(settled_rss, bare_rss, LIST_RSS_RATIO),
            bare_rss,
            f"median of {runs}; the background loading after start-up done too",
        ),
    ]


def million_results(launches: list[Launch], bare: list[Launch]) -> list[Result]:
    """The 1,000,000-contact start: reported, no target yet."""
    bare_paint = median([s.first_paint_ms for s in bare])
    bare_rss = median([s.max_rss_mib for s in bare])
    shown = median([s.contacts_shown_ms or 0.0 for s in launches])
    contacts = launches[0].contacts or 0
    return [
        Result(
            "start with 1M contacts → contacts listed",
            shown,
            "ms",
            "— (reported)",
            None,
            bare_paint,
            f"{contacts:,} contacts, median of {len(launches)}",
        ),
        Result(
            "peak RSS with 1M contacts listed",
            median([s.max_rss_mib for s in launches]),
            "MiB",
            "— (reported)",
            None,
            bare_rss,
            f"median of {len(launches)}",
        ),
    ]


def measure_million(profile: Path, runs: int) -> list[Launch]:
    with tempfile.TemporaryDirectory(prefix="dialer-bench-start-") as folder:
        copy = copy_profile(profile, Path(folder))
        command = app_command(copy, exit_after_ms=600_000)
        launch(command, until=LISTED)  # warms the disk cache
        return [launch(command, until=LISTED) for _ in range(runs)]


def _spread(launches: list[Launch]) -> str:
    times = [launch.first_paint_ms for launch in launches]
    return f"range {min(times):.0f}–{max(times):.0f} ms"


def main(argv: list[str] | None = None) -> None:
    use_bytecode_cache()
    args = parser(__doc__.splitlines()[0], default_runs=7).parse_args(argv)
    rows = rows_of(args)
    data = prepare_in_child(rows)  # keeps this process small: see prepare_data.py
    contacts = int(str(data["contacts"]))
    samples = measure(runs_of(args), Path(str(data["profile"])))
    shown = {launch.contacts for launch in samples.large}
    if shown != {contacts}:
        raise LaunchError(f"the app showed {shown} contacts, the profile holds {contacts:,}")
    rows_out = results(samples, rows, contacts)
    if not args.quick:
        million = prepare_in_child(MILLION, vcard=False)
        rows_out += million_results(
            measure_million(Path(str(million["profile"])), MILLION_RUNS), samples.bare
        )
    emit(rows_out, args.json)


if __name__ == "__main__":
    main()

"""The calling rules: their cost per call on the GUI thread, and the team's list at size.

    .venv/bin/python benchmarks/bench_compliance.py [--runs N] [--quick] [--json PATH]

Per call: the three rules (do-not-call with the team's list loaded, calling hours in the
callee's zones, attempts per day) as the window's Dialer runs them, for a mix of numbers
(India, New Jersey, a two-zone US area code, an Australian mobile with eight zones), after a
first pass has warmed the zone look-ups. The team's list: a CSV of 100,000 numbers (1,000 with
``--quick``) read and parsed as the hourly refresh does, kept in a real SQLite file (the
last good copy), and its in-memory size.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from common import Result, at_most, emit, median, parser, runs_of

from dialer_app.core.attempts import AttemptLog
from dialer_app.core.compliance import calling_rules, keep_team_copy, read_team_source
from dialer_app.core.do_not_call import DoNotCallEntry, DoNotCallList
from dialer_app.core.phone import normalize
from dialer_app.core.settings import Settings
from dialer_app.core.store import Store

CHECK_LIMIT_MS = 1.0  # keeps the click → request budget (≤ 5 ms median)
NUMBERS = ("+91 98765 43210", "+1 201 555 0123", "+1 208 555 0100", "+61 412 345 678")


def team_csv(path: Path, count: int) -> None:
    rng = random.Random(7)
    lines = ["phone,reason"]
    lines += [f"+91 9{rng.randrange(10**9):09d},asked" for _ in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_ms(team_size: int, runs: int) -> tuple[float, int]:
    """Median ms for the three rules on one number (per run: 4,000 checks)."""
    from array import array

    listed = DoNotCallList()
    listed.load([DoNotCallEntry(f"9190000{i:05d}", "x") for i in range(1000)])
    listed.set_team(
        array("Q", range(919_000_000_000, 919_000_000_000 + team_size)), None, in_use=True
    )
    log = AttemptLog()
    log.load([])
    settings = Settings(calling_hours="00:00-24:00", max_attempts_per_day=3)
    rules = calling_rules(
        lambda: settings, do_not_call=listed.reason, attempts_since=log.count_since
    )
    numbers = [normalize(text) for text in NUMBERS]
    now = time.time()
    for number in numbers:  # warm the zone caches, as the first call of the day does
        for rule in rules:
            rule.check(number, None, now)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(1000):
            for number in numbers:
                for rule in rules:
                    rule.check(number, None, now)
        samples.append((time.perf_counter() - started) * 1000 / (1000 * len(numbers)))
    return median(samples), len(rules)


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    runs = runs_of(args)
    size = 1_000 if args.quick else 100_000
    per_call, rule_count = check_ms(size, runs)
    read_s, keep_s, memory = [], [], 0
    with tempfile.TemporaryDirectory(prefix="dialer-bench-dnc-") as folder:
        source = Path(folder) / "dnc.csv"
        team_csv(source, size)
        settings = Settings(dnc_source=str(source))
        for run in range(runs):
            started = time.perf_counter()
            team = read_team_source(settings)
            read_s.append(time.perf_counter() - started)
            store, _notice = Store.open(Path(folder) / f"contacts-{run}.db")
            with store:
                started = time.perf_counter()
                keep_team_copy(store, team)
                numbers = store.team_do_not_call_numbers()
                keep_s.append(time.perf_counter() - started)
            memory = len(numbers) * 8
    label = f"{size:,}-number"
    emit(
        [
            Result(
                "calling rules per call on the GUI thread (median)",
                per_call,
                "ms",
                f"≤ {CHECK_LIMIT_MS:g} ms",
                at_most(per_call, CHECK_LIMIT_MS),
                detail=f"{rule_count} rules, {size:,}-number team list, {len(NUMBERS)} numbers, "
                f"median of {runs}",
            ),
            Result(
                f"team's list: read and parse a {label} CSV",
                median(read_s),
                "s",
                "— (reported)",
                None,
                detail=f"median of {runs}",
            ),
            Result(
                f"team's list: keep the {label} copy in SQLite and load it back",
                median(keep_s),
                "s",
                "— (reported)",
                None,
                detail=f"median of {runs}",
            ),
            Result(
                f"team's list: {label} look-up table in memory",
                memory / 2**20,
                "MiB",
                "— (reported)",
                None,
                detail="sorted array of 64-bit integers",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()

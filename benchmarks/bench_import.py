"""Importing a 100k-row CSV and a 100k-card vCard through the app, with the GUI's responsiveness.

    .venv/bin/python benchmarks/bench_import.py [--runs N] [--quick] [--json PATH]

Each run starts the app on a fresh empty profile and calls the import dialog's path,
``app.contacts.service.import_file(path, fmt, mapping, region)`` (for CSV, with the mapping
``sniff_csv`` proposes), timing it up to ``import_finished`` while a 5 ms GUI-thread timer
records the longest stall. CSV and vCard runs alternate.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    Result,
    at_most,
    contacts_csv,
    contacts_vcard,
    copy_profile,
    emit,
    median,
    parser,
    rows_of,
    runs_of,
    size_label,
    use_bytecode_cache,
)

# Qt and the app are imported inside the functions: the app may import in a "spawn" child
# process, which re-imports this script as its main module; it must stay light to import.

IMPORT_LIMIT_S = 5.0
STALL_LIMIT_MS = 16.0
IDLE_S = 1.0


Sample = tuple[float, float, float, Any]  # seconds, longest gap (ms), idle gap (ms), outcome


def import_once(path: Path, fmt: str) -> Sample:
    """Seconds to ``import_finished``, the longest GUI gap during it, the idle gap before it."""
    from inprocess import DEFAULT_TIMEOUT_S, StallProbe, Waiter, running_app, spin

    from dialer_app.core.contact_import import sniff_csv
    from dialer_app.sandbox.server import SandboxServer

    mapping = sniff_csv(path).mapping if fmt == "csv" else None
    with tempfile.TemporaryDirectory(prefix="dialer-bench-import-") as folder:
        profile = copy_profile(None, Path(folder))
        with SandboxServer() as sandbox, running_app(profile, sandbox) as app:
            service = app.contacts.service
            idle_probe = StallProbe()
            idle_probe.start()
            spin(IDLE_S)
            idle_gap = idle_probe.stop()
            done = Waiter(service.import_finished, service.import_failed, service.import_cancelled)
            probe = StallProbe()
            probe.start()
            started = time.monotonic()
            service.import_file(path, fmt, mapping, app.settings.default_region)
            args = done.wait(f"the {fmt} import", timeout_s=max(DEFAULT_TIMEOUT_S, 600))
            gap = probe.stop()
            if done.which != 0:
                raise RuntimeError(f"the {fmt} import did not finish: {args}")
            return done.at - started, gap, idle_gap, args[0]


def measure(rows: int, runs: int) -> dict[str, list[Sample]]:
    files = {"csv": contacts_csv(rows), "vcard": contacts_vcard(rows)}
    samples: dict[str, list[Sample]] = {"csv": [], "vcard": []}
    for _ in range(runs):
        for fmt, path in files.items():
            samples[fmt].append(import_once(path, fmt))
    return samples


def results(samples: dict[str, list[Sample]], rows: int) -> list[Result]:
    size = size_label(rows)
    out: list[Result] = []
    for fmt, label in (("csv", f"{size}-row CSV"), ("vcard", f"{size}-card vCard")):
        runs = samples[fmt]
        seconds = median([run[0] for run in runs])
        gap = median([run[1] for run in runs])
        idle = median([run[2] for run in runs])
        added = int(getattr(runs[0][3], "added", 0))  # ImportOutcome / ImportSummary
        out.append(
            Result(
                f"import {label} → import_finished",
                seconds,
                "s",
                f"≤ {IMPORT_LIMIT_S:g} s",
                at_most(seconds, IMPORT_LIMIT_S),
                detail=f"median of {len(runs)}, {added:,} contacts added",
            )
        )
        out.append(
            Result(
                f"GUI stall during the {label} import",
                gap,
                "ms",
                f"≤ {STALL_LIMIT_MS:g} ms",
                at_most(gap, STALL_LIMIT_MS),
                idle,
                f"longest timer gap, median of {len(runs)}, worst {max(r[1] for r in runs):.1f} ms",
            )
        )
    return out


def main(argv: list[str] | None = None) -> None:
    use_bytecode_cache()
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    rows = rows_of(args)
    emit(results(measure(rows, runs_of(args)), rows), args.json)


if __name__ == "__main__":
    main()

"""What every benchmark script shares: options, results, statistics, machine facts, test data.

Qt-free on purpose: ``run_all.py`` and the start-up benchmark import it without loading Qt
into their own process. In-process helpers that need Qt live in ``inprocess.py``.

Each ``bench_*.py`` accepts ``--quick``, ``--runs N`` and ``--json PATH``; it prints its own
rows as a markdown table and, with ``--json``, writes them for ``run_all.py`` to collect.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import selectors
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CACHE_ENV_VAR = "DIALER_BENCH_CACHE"
DATA_VERSION = "v3"  # bump when gen_contacts.py or the store format changes
QUICK_ROWS = 1_000
FULL_ROWS = 100_000
MILLION = 1_000_000  # reported without a target (issue 14): list, search, import
QUICK_RUNS = 2
DEFAULT_RUNS = 5


# --- options --------------------------------------------------------------------------------


def parser(description: str, default_runs: int = DEFAULT_RUNS) -> argparse.ArgumentParser:
    """The options every benchmark script takes."""
    result = argparse.ArgumentParser(description=description)
    result.add_argument(
        "--quick", action="store_true", help="tiny smoke mode: 2 runs, 1k contacts, 10 calls"
    )
    result.add_argument(
        "--runs", type=int, default=None, help=f"repetitions (default {default_runs})"
    )
    result.add_argument("--json", type=Path, help="also write the result rows to this file")
    result.set_defaults(default_runs=default_runs)
    return result


def runs_of(args: argparse.Namespace) -> int:
    if args.runs is not None:
        return max(int(args.runs), 1)
    return QUICK_RUNS if args.quick else int(args.default_runs)


def rows_of(args: argparse.Namespace) -> int:
    """Contacts in the "large" data set: 100,000, or 1,000 with ``--quick``."""
    return QUICK_ROWS if args.quick else FULL_ROWS


def output_lines(stream: IO[bytes], timeout: float) -> Iterator[str]:
    """A child's output, line by line as it comes, until it closes the stream; raises
    ``TimeoutError`` when ``timeout`` seconds have passed first."""
    buffer = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no end of output within {timeout:.0f} s")
            if not selector.select(remaining):
                continue
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                return
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            yield from (line.decode(errors="replace") for line in lines)


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One table row. ``met`` is None where the row has no target (reported only)."""

    what: str
    measured: float
    unit: str
    target: str
    met: bool | None
    baseline: float | None = None
    detail: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.measured / self.baseline

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Result:
        baseline = data.get("baseline")
        met = data.get("met")
        return cls(
            what=str(data["what"]),
            measured=float(data["measured"]),  # type: ignore[arg-type]
            unit=str(data["unit"]),
            target=str(data["target"]),
            met=None if met is None else bool(met),
            baseline=None if baseline is None else float(baseline),  # type: ignore[arg-type]
            detail=str(data.get("detail", "")),
        )


def at_most(value: float, limit: float) -> bool:
    return value <= limit


def ratio_at_most(value: float, baseline: float, limit: float) -> bool:
    return baseline > 0 and value / baseline <= limit


def emit(results: Sequence[Result], json_path: Path | None) -> None:
    """Print the rows as markdown and, if asked, write them as JSON."""
    print(markdown_table(results), flush=True)
    if json_path is not None:
        json_path.write_text(
            json.dumps([result.to_json() for result in results], indent=1), encoding="utf-8"
        )


def read_results(path: Path) -> list[Result]:
    return [Result.from_json(item) for item in json.loads(path.read_text(encoding="utf-8"))]


def format_value(value: float, unit: str) -> str:
    if unit == "count":
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.1f} {unit}" if abs(value) >= 10 else f"{value:.2f} {unit}"


def markdown_table(results: Sequence[Result]) -> str:
    lines = [
        "| what | measured | baseline | ratio | target | met? |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        measured = format_value(result.measured, result.unit)
        if result.detail:
            measured += f" ({result.detail})"
        baseline = "—" if result.baseline is None else format_value(result.baseline, result.unit)
        ratio = "—" if result.ratio is None else f"{result.ratio:.2f}×"
        met = {True: "yes", False: "**NO**", None: "—"}[result.met]
        lines.append(
            f"| {result.what} | {measured} | {baseline} | {ratio} | {result.target} | {met} |"
        )
    return "\n".join(lines)


# --- statistics -----------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("no measurements")
    return float(statistics.median(values))


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``pct`` % at or below it."""
    if not values:
        raise ValueError("no measurements")
    ordered = sorted(values)
    rank = max(math.ceil(pct / 100 * len(ordered)), 1)
    return float(ordered[rank - 1])


# --- machine --------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return None


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def machine_line() -> str:
    """CPU, cores, RAM, Python, Qt and PySide6 versions (imports QtCore, not a GUI)."""
    import PySide6
    from PySide6.QtCore import qVersion

    ram = memory_gib()
    return (
        f"Machine: {cpu_model()}, {os.cpu_count()} cores, "
        f"{'?' if ram is None else f'{ram:.1f}'} GiB RAM; Python {platform.python_version()}, "
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}; {platform.system()} {platform.release()}"
    )


# --- cached test data -----------------------------------------------------------------------


def cache_dir() -> Path:
    """Generated data lives here across runs (``DIALER_BENCH_CACHE`` overrides it)."""
    base = os.environ.get(CACHE_ENV_VAR) or Path(tempfile.gettempdir()) / "dialer-bench-cache"
    path = Path(base) / DATA_VERSION
    path.mkdir(parents=True, exist_ok=True)
    return path


def use_bytecode_cache() -> None:
    """Run from compiled bytecode, as an installed app does, for this process and its children.

    Some environments set PYTHONDONTWRITEBYTECODE; then every process (the app started by the
    start-up benchmark, the app's own import child) compiles all sources again, ~150 ms each
    time. The cache lives beside the benchmark data, never in the source tree.
    """
    prefix = str(cache_dir() / "pycache")
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False


def cached(name: str, make: Callable[[Path], None]) -> Path:
    """``cache_dir()/name``, made by ``make(tmp)`` and renamed into place once complete."""
    final = cache_dir() / name
    if final.exists():
        return final
    partial = final.with_name(f".{final.name}.{os.getpid()}.partial")
    if partial.is_dir():
        shutil.rmtree(partial)
    make(partial)
    try:
        partial.rename(final)
    except OSError:  # another process won the race: keep its copy
        if partial.is_dir():
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.unlink(missing_ok=True)
    return final


def contacts_csv(rows: int) -> Path:
    """A realistic CSV export of ``rows`` people (see gen_contacts.py)."""
    from gen_contacts import write_csv_file

    return cached(f"contacts-{rows}.csv", lambda path: write_csv_file(path, rows))


def contacts_vcard(rows: int) -> Path:
    """The same people as ``contacts_csv(rows)``, as vCard 3.0."""
    from gen_contacts import write_vcard_file

    return cached(f"contacts-{rows}.vcf", lambda path: write_vcard_file(path, rows))


def contacts_profile(rows: int) -> Path:
    """A profile folder whose store holds the people of ``contacts_csv(rows)``.

    Built once by importing the file (rows repeating a number under the same name are merged,
    so it holds a few fewer contacts than rows). Copy it before use: the app writes to it.
    """
    source = contacts_csv(rows)

    def make(folder: Path) -> None:
        from dialer_app.core.contact_import import import_contacts
        from dialer_app.core.store import Store

        folder.mkdir(parents=True)
        store, _notice = Store.open(folder / "contacts.db")
        try:
            import_contacts(store, source, None, "IN")
        finally:
            store.close()

    return cached(f"profile-{rows}", make)


def contact_count(profile: Path) -> int:
    from dialer_app.core.store import Store

    store, _notice = Store.open(profile / "contacts.db")
    try:
        return store.count_contacts()
    finally:
        store.close()


def copy_profile(source: Path | None, into: Path) -> Path:
    """A private copy of a cached profile (or a new empty one) under ``into``."""
    target = into / "profile"
    if source is None:
        target.mkdir(parents=True)
    else:
        shutil.copytree(source, target)
    return target


def size_label(rows: int) -> str:
    return f"{rows // 1000}k" if rows % 1000 == 0 else f"{rows:,}"

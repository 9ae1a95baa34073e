"""Smoke test of the benchmark suite: every benchmark runs in --quick mode and reports
well-formed numbers. Targets are reported by the suite, never asserted here."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.harness import REPO_ROOT

pytestmark = pytest.mark.slow

BENCH_DIR = REPO_ROOT / "benchmarks"
UNITS = {"ms", "s", "MiB", "count"}
# rows each benchmark reports in --quick mode, by a fragment of their "what"
EXPECTED_ROWS = {
    "startup": [
        "cold start",
        "ready",
        "1k contacts → first paint",
        "contacts listed",
        "RSS",
        "RSS",
        "RSS",
    ],
    "calls": ["median", "p99", "TCP connections for 10"],
    "stall": ["calls in flight", "late", "keyring"],
    "search": ["1k contacts"],
    "import": [
        "CSV",
        "CSV",
        "vCard",
        "vCard",
        "peak RSS importing a 1k-row CSV",
        "peak RSS importing a 1k-card vCard",
        "peak RSS importing a 150 MB CSV on one line",
    ],
    "handover": ["python -m dialer_app", "dialer-app script"],
    "setup": ["first paint", "exit", "lines"],
    "compliance": ["rules per call", "read and parse", "keep the", "in memory"],
}


def load_common() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_common", BENCH_DIR / "common.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One private data cache for the whole module: the 1k files are generated once."""
    return tmp_path_factory.mktemp("bench-cache")


def run_script(script: str, *args: str, cache: Path, timeout: float = 110) -> str:
    env = {**os.environ, "DIALER_BENCH_CACHE": str(cache), "QT_QPA_PLATFORM": "offscreen"}
    completed = subprocess.run(
        [sys.executable, str(BENCH_DIR / script), *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


def assert_well_formed(row: dict[str, object]) -> None:
    assert isinstance(row["what"], str)
    assert row["what"]
    measured = row["measured"]
    assert isinstance(measured, int | float), row
    assert math.isfinite(measured), row
    assert measured >= 0, row
    assert row["unit"] in UNITS, row
    assert isinstance(row["target"], str), row
    assert row["target"], row
    assert row["met"] in (True, False, None), row
    baseline = row["baseline"]
    if baseline is not None:
        assert isinstance(baseline, int | float)
        assert math.isfinite(baseline)
        assert baseline > 0


@pytest.mark.parametrize("name", sorted(EXPECTED_ROWS))
def test_benchmark_quick_mode_reports_well_formed_rows(
    name: str, bench_cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rows.json"
    stdout = run_script(f"bench_{name}.py", "--quick", "--json", str(out), cache=bench_cache)
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert len(rows) == len(EXPECTED_ROWS[name])
    for row, fragment in zip(rows, EXPECTED_ROWS[name], strict=True):
        assert fragment in row["what"], (fragment, row["what"])
        assert_well_formed(row)
        assert row["what"] in stdout  # the script's own markdown table shows every row
    assert stdout.startswith("| what | measured | baseline | ratio | target | met? |")


def test_startup_rows_compare_with_the_bare_window(bench_cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.json"
    run_script("bench_startup.py", "--quick", "--json", str(out), cache=bench_cache)
    rows = json.loads(out.read_text(encoding="utf-8"))
    times = [row for row in rows if row["unit"] == "ms"]
    memory = [row for row in rows if row["unit"] == "MiB"]
    assert len(times) == 4
    assert len(memory) == 3
    assert all(row["baseline"] is not None for row in rows)
    assert [row["met"] is None for row in rows] == [False] * 7  # every row has a target
    bare_ms, bare_mib = times[0]["baseline"], memory[0]["baseline"]
    assert all(row["baseline"] == bare_ms for row in times)  # one baseline, same run
    # a PySide6 window cannot paint in under 10 ms nor fit in 20 MiB: real measurements
    assert bare_ms > 10
    assert bare_mib > 20
    first_paint, ready, shown = times[0]["measured"], times[1]["measured"], times[3]["measured"]
    # the 1k-row file: 1,000 contacts (same numbers under different names are kept apart)
    assert "1,000 contacts" in times[3]["detail"]
    assert 0 < first_paint <= ready  # the panels are built after the first paint
    assert shown > 0


def test_calls_count_one_connection_per_click(bench_cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.json"
    run_script("bench_calls.py", "--calls", "12", "--json", str(out), cache=bench_cache)
    median_row, p99_row, reuse_row = json.loads(out.read_text(encoding="utf-8"))
    assert "12 calls" in median_row["detail"]
    assert "12 calls" in p99_row["detail"]
    assert median_row["measured"] <= p99_row["measured"]
    assert reuse_row["measured"] >= 1
    assert float(reuse_row["measured"]).is_integer()


def test_run_all_prints_machine_header_and_table(bench_cache: Path) -> None:
    stdout = run_script("run_all.py", "--quick", "--only", "calls", cache=bench_cache)
    lines = stdout.splitlines()
    assert lines[0].startswith("Machine: ")
    assert "cores" in lines[0]
    assert "PySide6" in lines[0]
    assert lines[1].startswith("Load average")
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| what | measured | baseline | ratio | target | met? |"
    assert len(table) == 2 + len(EXPECTED_ROWS["calls"])


def test_statistics_and_table_formatting() -> None:
    common = load_common()
    samples = [float(value) for value in range(1, 101)]
    assert common.median(samples) == 50.5
    assert common.percentile(samples, 99) == 99.0
    assert common.percentile(samples, 90) == 90.0
    assert common.percentile([3.0], 99) == 3.0
    with pytest.raises(ValueError, match="no measurements"):
        common.percentile([], 50)
    row = common.Result("start", 130.0, "ms", "≤ 1.3× bare", True, 100.0, "median of 5")
    assert row.ratio == pytest.approx(1.3)
    table = common.markdown_table([row, common.Result("x", 2.0, "count", "1", False)])
    assert "| start | 130 ms (median of 5) | 100 ms | 1.30× | ≤ 1.3× bare | yes |" in table
    assert "| x | 2 | — | — | 1 | **NO** |" in table
    assert common.Result.from_json(json.loads(json.dumps(row.to_json()))) == row

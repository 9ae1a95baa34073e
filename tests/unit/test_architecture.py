"""The layout's rules, checked on the real import graph (every import counts: inside
functions and under ``TYPE_CHECKING`` too). The contracts themselves live in pyproject.toml
(``[tool.importlinter]``); ``tests/run.sh`` also runs ``lint-imports`` on its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grimp

from tests.support.harness import REPO_ROOT

PACKAGE_DIR = REPO_ROOT / "dialer_app"


def test_the_import_linter_contracts_hold() -> None:
    # A child process: import-linter reconfigures logging (disabling every existing logger).
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in graph.modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_imports_itself_back_through_others() -> None:
    """Stricter than import-linter's sibling rule: a package's ``__init__`` and its own
    children count too."""
    graph = grimp.build_graph("dialer_app", cache_dir=None)
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert import_cycles(graph) == [["pkg.a", "pkg.b"]]


def test_the_package_root_holds_only_its_entry_points() -> None:
    loose = sorted(path.name for path in PACKAGE_DIR.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"]


def test_every_package_is_shipped() -> None:
    """pyproject lists the packages by hand (resources/ is mapped): a new one must be added."""
    import tomllib

    listed = set(
        tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(Path(root).relative_to(REPO_ROOT).parts)
        for root, _dirs, files in os.walk(PACKAGE_DIR)
        if "__init__.py" in files
    }
    assert found <= listed


MAX_MODULE_LINES = 700


def test_no_module_is_over_700_lines() -> None:
    lines = {
        path.relative_to(PACKAGE_DIR).as_posix(): len(path.read_text("utf-8").splitlines())
        for path in PACKAGE_DIR.rglob("*.py")
    }
    over = {path: count for path, count in lines.items() if count > MAX_MODULE_LINES}
    assert over == {}


def test_no_tracked_file_holds_a_merge_conflict_marker() -> None:
    """A merge resolved in haste must not ship its markers (README included)."""
    listed = subprocess.run(
        ["git", "grep", "-n", "-I", "-E", r"^(<{7}|>{7}) |^={7}$", "--", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode == 128:  # not a git checkout (an unpacked sdist): nothing to check
        return
    assert listed.stdout == "", f"conflict markers left:\n{listed.stdout}"

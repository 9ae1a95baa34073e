"""The window's process keeps no source text in ``linecache`` (``SourceLinesNotKept``), and
everything that reads source still works: ``inspect.getsource`` (PySide6 calls it on every
module it sees imported), modules in a zip (a frozen bundle), tracebacks."""

from __future__ import annotations

import importlib
import inspect
import linecache
import sys
import traceback
import zipfile
from pathlib import Path

import pytest

from dialer_app.app.startup import SourceLinesNotKept
from dialer_app.core import wording


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch) -> SourceLinesNotKept:
    kept = SourceLinesNotKept()
    monkeypatch.setattr(linecache, "cache", kept)
    return kept


def test_a_module_source_is_read_but_not_kept(cache: SourceLinesNotKept) -> None:
    source = inspect.getsource(wording)
    assert "def counted" in source
    assert Path(wording.__file__).read_text(encoding="utf-8") == source
    assert dict(cache) == {}


def test_a_module_in_a_zip_is_read_through_its_loader(
    cache: SourceLinesNotKept, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen bundle's modules have no file to stat: linecache stores a lazy entry and reads
    it back at once (this failed with a KeyError when nothing at all was kept)."""
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("zipped_for_linecache.py", "ANSWER = 42\n")
    monkeypatch.syspath_prepend(str(archive))
    module = importlib.import_module("zipped_for_linecache")
    try:
        assert inspect.getsource(module) == "ANSWER = 42\n"
        assert inspect.getsource(module) == "ANSWER = 42\n"  # and again, from the cache
    finally:
        del sys.modules["zipped_for_linecache"]


def test_a_traceback_still_shows_the_failing_line(cache: SourceLinesNotKept) -> None:
    try:
        wording.counted("many", "call")  # type: ignore[arg-type]
    except ValueError:
        text = traceback.format_exc()
    assert 'wording.counted("many", "call")' in text
    assert "return f\"{count:,} {noun}\"" in text  # the line inside the module, too
    assert all(len(entry) == 1 for entry in cache.values())  # lazy entries only: no lines

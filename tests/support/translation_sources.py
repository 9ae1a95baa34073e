"""The translation sources against the code: which files each area's .ts is made from (as
``packaging/update-translations.sh`` lists them), and what lupdate finds in them now."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.support.harness import REPO_ROOT

BIN = Path(sys.executable).parent
SCRIPT = REPO_ROOT / "packaging" / "update-translations.sh"


def files_of_area(area: str) -> list[str]:
    """The files of ``area`` (the script's ``dialogs=(…)`` or ``window=(…)`` array)."""
    found = re.search(rf"^{area}=\((.*?)\)", SCRIPT.read_text("utf-8"), re.S | re.M)
    assert found is not None, f"no {area}=(…) in {SCRIPT}"
    return re.findall(r"dialer_app/\S+\.py", found.group(1))


def ts_messages(path: Path) -> set[tuple[str | None, str | None]]:
    """(context, source) of every message of a .ts file."""
    root = ET.parse(path).getroot()  # noqa: S314 (our own files)
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
    }


def code_messages(area: str, scratch: Path) -> set[tuple[str | None, str | None]]:
    """What lupdate finds in ``area``'s files now."""
    fresh = scratch / f"{area}.ts"
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *files_of_area(area),
            "-locations",
            "none",
            "-ts",
            str(fresh),
        ],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return ts_messages(fresh)

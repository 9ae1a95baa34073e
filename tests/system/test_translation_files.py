"""The compiled translations ship: a wheel built from the project holds every .qm (and no .ts
source), and the package installed from it finds its languages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.harness import REPO_ROOT

TRANSLATIONS = REPO_ROOT / "resources" / "translations"


@pytest.mark.timeout(300)
def test_the_wheel_and_the_installed_package_hold_the_translations(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy: building leaves build/ and egg-info behind
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for part in ("dialer_app", "resources"):
        shutil.copytree(REPO_ROOT / part, source / part, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", str(source), "-w", str(tmp_path / "dist")],
        check=True,
        capture_output=True,
        timeout=280,
    )
    (wheel,) = (tmp_path / "dist").glob("dialer_app-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    expected = sorted(
        f"dialer_app/resources/translations/{p.name}" for p in TRANSLATIONS.glob("*.qm")
    )
    assert expected
    assert (
        sorted(n for n in names if n.startswith("dialer_app/resources/translations/")) == expected
    )

    site = tmp_path / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-compile", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    probe = (
        "import dialer_app.ui.translations as t; "
        "print(t.TRANSLATIONS.parent.parent.parent, t.available_languages())"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    assert Path(found[0]) == site  # the installed copy, not the work tree
    assert found[1:] == ["['en',", "'hi']"]

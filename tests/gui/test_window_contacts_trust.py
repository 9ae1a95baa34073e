"""Issue 14 in the window: the region of an import, merges named in the report, accents in
the search, backups and "Restore from backup…", and an export after a recovery.

Driven end to end through the real wiring on real profiles (see test_window_contacts.py).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import Store
from dialer_app.ui.region_combo import RegionCombo
from dialer_app.ui.restore_dialog import RestoreDialog
from tests.support.contacts_window import (
    LEFT,
    WAIT_MS,
    find,
    find_action,
    notice_of,
    run_import,
    search_of,
    seed_store,
    show_contacts_tab,
    shown_names,
    start_import,
    stored_contacts,
    type_search,
    wait_for_dialog,
)
from tests.support.harness import VCARDS_DIR

IPHONE = VCARDS_DIR / "John_Doe_IPHONE.vcf"


def choose_region(combo: RegionCombo, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))
    assert combo.region() == code


def report_lines(dialog: QLabel | object) -> list[str]:
    details = find(dialog, QListWidget, "importSkipped")  # type: ignore[arg-type]
    return [details.item(i).text() for i in range(details.count())]


# case 1: the region ------------------------------------------------------------------------
def test_import_dialog_offers_the_settings_region_and_imports_in_the_one_chosen(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = launch(profile)
    show_contacts_tab(app)
    dialog = start_import(qtbot, app, monkeypatch, IPHONE)
    region = find(dialog, RegionCombo, "importRegion")
    assert region.isVisible()
    assert region.region() == "IN"  # the settings' region is the default
    choose_region(region, "US")

    run_import(qtbot, app, dialog)

    [stored] = stored_contacts(app.runtime.database_path)
    digits = [n.digits for n in stored.numbers if n.digits]
    assert digits
    assert all(d.startswith("1905") for d in digits), digits  # not +91 90555 …
    report = find(dialog, QLabel, "importReport").text()
    assert "6 numbers had no country code and were read as United States (+1) numbers" in (report)
    assert "Line 1: no country code: '905-555-1234' read as +19055551234" in report_lines(dialog)


# case 2: merges ----------------------------------------------------------------------------
def test_import_keeps_contacts_of_other_names_and_names_every_merge(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    seed_store(
        profile, [Contact("Priya Sharma", (ContactNumber("+91 92000 00001", "919200000001"),))]
    )
    app = launch(profile)
    show_contacts_tab(app)
    source = tmp_path / "team.csv"
    source.write_text(
        "name,phone\nBala Krishnan,+91 92000 00001\nPRIYA SHARMA,+91 92000 00001\n",
        encoding="utf-8",
    )
    dialog = start_import(qtbot, app, monkeypatch, source)
    run_import(qtbot, app, dialog)

    assert sorted(shown_names(app)) == ["Bala Krishnan", "Priya Sharma"]
    lines = report_lines(dialog)
    assert (
        "Line 2: kept apart: “Bala Krishnan” shares +919200000001 with an existing contact, "
        "“Priya Sharma”"
    ) in lines
    assert (
        "Line 3: merged: “PRIYA SHARMA” into an existing contact “Priya Sharma” (same number "
        "+919200000001)"
    ) in lines


# case 11: accents in the search ------------------------------------------------------------
def test_search_box_finds_accented_names_without_accents_and_back(
    profile: Path, launch: Callable[..., DialerApp], qtbot: QtBot
) -> None:
    seed_store(
        profile,
        [
            Contact("José Müller", (ContactNumber("+34 612 34 56 78", "34612345678"),)),
            Contact("Jose Muller", (ContactNumber("+49 151 2345 6789", "4915123456789"),)),
        ],
    )
    app = launch(profile)
    show_contacts_tab(app)
    for query in ("jose", "muller", "MULLER"):  # typed
        type_search(qtbot, app, query)
        assert sorted(shown_names(app)) == ["Jose Muller", "José Müller"], query
    for query in ("José", "MÜLLER"):  # pasted (QTest types ASCII keys only)
        search_of(app).setText(query)
        assert sorted(shown_names(app)) == ["Jose Muller", "José Müller"], query


# case 4: backups, restore, an export after a recovery ---------------------------------------
def test_restore_from_backup_puts_back_the_contacts_and_keeps_the_current_ones(
    profile: Path, launch: Callable[..., DialerApp], qtbot: QtBot
) -> None:
    seed_store(profile, [Contact("Kept Once", (ContactNumber("+91 92000 00011", "919200000011"),))])
    app = launch(profile)  # the daily backup: there was none yet
    show_contacts_tab(app)
    backups = profile / "backups"
    qtbot.waitUntil(lambda: len(list(backups.glob("contacts-*.db"))) == 1, timeout=WAIT_MS)
    saved: list[Contact] = []
    app.contacts.service.save_contact(
        Contact("Added Later", (ContactNumber("+91 92000 00012", "919200000012"),)), saved.append
    )
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)

    find_action(app.window, "restoreBackupAction").trigger()
    dialog = wait_for_dialog(qtbot, app, RestoreDialog, "restoreDialog")
    listed = find(dialog, QListWidget, "restoreBackups")
    assert listed.count() == 1
    assert listed.item(0).text().endswith("· 1 contact · 0 calls")
    qtbot.mouseClick(find(dialog, QPushButton, "restoreButton"), LEFT)

    qtbot.waitUntil(lambda: shown_names(app) == ["Kept Once"], timeout=WAIT_MS)
    assert notice_of(app).text().startswith("Restored 1 contact and 0 calls from the backup")
    assert len(list(backups.glob("contacts-*.db"))) == 2  # the contacts as they were, too
    assert [c.name for c in stored_contacts(app.runtime.database_path)] == ["Kept Once"]


def test_damaged_database_comes_back_and_the_next_export_says_so(
    profile: Path, launch: Callable[..., DialerApp], qtbot: QtBot, tmp_path: Path
) -> None:
    database = profile / "contacts.db"
    people = [
        Contact(f"Old {i:04d}", (ContactNumber(f"+9195{i:08d}", f"9195{i:08d}"),))
        for i in range(2000)
    ]
    store, _ = Store.open(database)
    with store:
        store.import_contacts(people)
    page_size = 4096
    data = bytearray(database.read_bytes())
    for page in (12, 13, 30):  # a few damaged pages in the middle
        data[page * page_size : (page + 1) * page_size] = random.Random(page).randbytes(page_size)
    database.write_bytes(bytes(data))

    app = launch(profile)  # the list shows at once; every page is read right after it
    show_contacts_tab(app)
    qtbot.waitUntil(lambda: "came back from it" in notice_of(app).text(), timeout=WAIT_MS)

    told = notice_of(app).text()
    assert "The contacts database could not be read" in told
    recovered = app.contacts.model.total
    assert 1800 < recovered <= 2000  # every row the damaged pages did not hold
    out = tmp_path / "after.csv"
    app.contacts.export_contacts(out)
    qtbot.waitUntil(lambda: "Exported" in notice_of(app).text(), timeout=WAIT_MS)
    assert "recovered from damage" in notice_of(app).text()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == recovered + 1
    app.contacts.export_contacts(out)  # said once: the second export is a plain one
    qtbot.waitUntil(
        lambda: notice_of(app).text() == f"Exported {recovered:,} contacts to {out}.",
        timeout=WAIT_MS,
    )

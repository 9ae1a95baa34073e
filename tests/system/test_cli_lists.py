"""``dialer-app lists`` end to end: the real command line in subprocesses, real files and the
profile's real database; a blocked entry through a test calling rule in the Dialer."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dialer_app.cli.commands import lists as lists_command
from dialer_app.core.dialer import CallIntent
from dialer_app.core.phone import PhoneNumber
from dialer_app.core.runtime import DATABASE_FILE
from dialer_app.core.store import CallListStore, Store
from tests.support.harness import DATA_DIR, CliResult, run_cli, write_settings

LEADS = DATA_DIR / "call_lists" / "leads.csv"
RENEWALS = DATA_DIR / "call_lists" / "renewals.vcf"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir()
    write_settings(path, default_region="IN")
    return path


def lists_cli(profile: Path, *args: str) -> CliResult:
    return run_cli("lists", *args, "--profile", str(profile))


def shown(profile: Path, name: str) -> dict[str, object]:
    result = lists_cli(profile, "show", name, "--json")
    assert result.code == 0, result.stderr
    return result.json


def test_import_show_record_export_and_delete_round_trip(profile: Path, tmp_path: Path) -> None:
    first = lists_cli(profile, "import", str(LEADS), "--name", "Leads March", "--json")
    assert first.code == 0, first.stderr
    made = first.json
    assert made["list"] == {  # type: ignore[comparison-overlap]
        **made["list"],  # type: ignore[dict-item]
        "name": "Leads March",
        "total": 6,
        "done": 0,
        "current": True,
    }
    assert made["skipped"] == [{"line": 4, "reason": "no phone number"}]
    assert made["not_dialable_count"] == 1
    second = lists_cli(profile, "import", str(RENEWALS))  # named after the file
    assert second.code == 0, second.stderr
    assert second.stdout.startswith("Imported the list “renewals”: 2 entries")

    overview = lists_cli(profile, "--json")
    assert [(one["name"], one["total"], one["current"]) for one in overview.json["lists"]] == [  # type: ignore[union-attr,index]
        ("Leads March", 6, False),
        ("renewals", 2, True),
    ]
    text = lists_cli(profile)
    assert text.stdout.splitlines() == [
        "  Leads March  0 / 6 done  (from leads.csv)",
        "* renewals     0 / 2 done  (from renewals.vcf)",
    ]

    recorded = lists_cli(
        profile, "record", "leads march", "2", "--disposition", "no_answer", "--note", "rang out"
    )
    assert recorded.code == 0, recorded.stderr
    assert recorded.stdout.strip() == "Leads March, entry 2 (Bala Krishnan): No answer."
    callback = lists_cli(
        profile, "record", "Leads March", "3", "--disposition", "callback",
        "--at", "2030-01-02 15:00", "--json",
    )  # fmt: skip
    assert callback.code == 0, callback.stderr
    entry = callback.json["entry"]
    assert entry["status"] == "callback"  # type: ignore[index]
    assert entry["callback_at"].startswith("2030-01-02T15:00")  # type: ignore[index]

    data = shown(profile, "Leads March")
    assert (data["name"], data["total"], data["done"]) == ("Leads March", 6, 1)
    entries = data["entries"]
    assert isinstance(entries, list)
    assert [e["id"] for e in entries] == [1, 2, 3, 4, 5, 6]
    bala = entries[1]
    assert {k: bala[k] for k in ("id", "name", "number", "status", "disposition", "note")} == {
        "id": 2,
        "name": "Bala Krishnan",
        "number": "98000 00002",
        "status": "done",
        "disposition": "no_answer",
        "note": "rang out",
    }
    assert (bala["attempts"], bala["request_id"], bala["e164"]) == (0, None, "+919800000002")
    assert bala["columns"]["Plan"] == "Silver"
    assert entries[4]["status"] == "not_dialable"
    assert "Too short" in entries[4]["reason"]
    assert [e["status"] for e in entries] == [
        "pending",
        "done",
        "callback",
        "pending",
        "not_dialable",
        "pending",
    ]

    out = tmp_path / "out.csv"
    exported = lists_cli(profile, "export", "Leads March", str(out))
    assert exported.code == 0, exported.stderr
    assert "Exported 6 entries of Leads March" in exported.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][-5:] == ["disposition", "note", "attempts", "last_called", "request_id"]
    assert rows[2][:3] == ["Bala Krishnan", "+919800000002", "Silver"]
    assert rows[2][-5:] == ["no_answer", "rang out", "0", "", ""]
    assert rows[3][4].startswith("'=HYPERLINK")  # the formula guard of the one CSV writer

    deleted = lists_cli(profile, "delete", "renewals")
    assert deleted.code == 0, deleted.stderr
    assert "Deleted the list renewals (2 entries)" in deleted.stderr
    assert [one["name"] for one in lists_cli(profile, "--json").json["lists"]] == ["Leads March"]  # type: ignore[union-attr,index]


def test_mistakes_exit_2_with_what_to_do_and_change_nothing(profile: Path) -> None:
    assert lists_cli(profile, "import", str(LEADS), "--name", "Leads").code == 0
    again = lists_cli(profile, "import", str(LEADS), "--name", "LEADS")
    assert again.code == 2
    assert "“Leads” exists already" in again.stderr
    missing = lists_cli(profile, "show", "Nope")
    assert missing.code == 2
    assert "no call list named 'Nope' (the lists: Leads)" in missing.stderr
    no_entry = lists_cli(profile, "record", "Leads", "9", "--disposition", "busy")
    assert no_entry.code == 2
    assert "has no entry 9 (its entries are 1 to 6)" in no_entry.stderr
    bad = lists_cli(profile, "record", "Leads", "1", "--disposition", "maybe", "--json")
    assert bad.code == 2
    assert bad.json["error_kind"] == "usage"
    assert "use one of connected, no_answer, busy" in str(bad.json["error"])
    no_time = lists_cli(profile, "record", "Leads", "1", "--disposition", "callback")
    assert (no_time.code, "needs --at" in no_time.stderr) == (2, True)
    not_a_file = lists_cli(profile, "import", str(DATA_DIR), "--name", "Folder")
    assert not_a_file.code == 2
    assert "was not imported" in not_a_file.stderr
    statuses = [e["status"] for e in shown(profile, "Leads")["entries"]]  # type: ignore[union-attr]
    assert statuses.count("pending") == 5


def test_show_marks_entries_the_calling_rules_block_now(
    profile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``show`` asks the Dialer (a test rule through its ``rules=`` hook, until the
    compliance rules exist): a blocked entry says so, with the rule's reason."""
    from dialer_app.cli.dispatch import main

    class HeldBack:
        name = "test_do_not_call"

        def check(self, number: PhoneNumber, intent: CallIntent, now: float) -> str | None:
            return "on the test do-not-call list" if number.digits == "12015550123" else None

    monkeypatch.setattr(lists_command, "calling_rules", lambda _runtime, _store: [HeldBack()])
    assert main(["lists", "import", str(LEADS), "--name", "Leads", "--profile", str(profile)]) == 0
    capsys.readouterr()
    assert main(["lists", "show", "Leads", "--json", "--profile", str(profile)]) == 0
    data = json.loads(capsys.readouterr().out)
    carl = data["entries"][2]
    assert (carl["name"], carl["status"]) == ("Carl Jones", "blocked")
    assert (carl["reason"], carl["rule"]) == ("on the test do-not-call list", "test_do_not_call")
    assert [e["status"] for e in data["entries"]].count("blocked") == 1
    assert main(["lists", "show", "Leads", "--profile", str(profile)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "Leads: 0 / 6 done · 1 blocked · 1 not dialable"
    assert "blocked      Carl Jones" in text
    # nothing was stored as blocked: the rule holds now, the entry is still to call
    store, _notice = Store.open(profile / DATABASE_FILE)
    with store:
        found = CallListStore(store).find("Leads")
        assert found is not None
        assert CallListStore(store).entry(found.id, 3).status == "pending"

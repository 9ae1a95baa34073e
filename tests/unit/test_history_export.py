"""CSV export of the call history: format, formula guard, redaction, atomic replace."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialer_app.core.history_export import HISTORY_CSV_FIELDS, write_history_csv
from dialer_app.core.store import HistoryEntry

IST = timezone(timedelta(hours=5, minutes=30))
HEADER = (
    "time_utc,time_local,number,number_display,contact,mode,outcome,caller_id,request_id,"
    "error_kind,error,sandbox"
)


def entry(**changes: object) -> HistoryEntry:
    values: dict[str, object] = {
        "started_at": datetime(2024, 11, 26, 8, 35, 9, tzinfo=UTC),
        "number_digits": "919200000000",
        "number_display": "+91 92000 00000",
        "mode": "softphone",
        "outcome": "initiated",
    }
    values.update(changes)
    return HistoryEntry(**values)  # type: ignore[arg-type]


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_rows_round_trip_with_header_bom_and_iso_times(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    entries = [
        entry(
            contact_name="Priya Raman",
            contact_id=4,
            caller_id="8044556677",
            request_id="c2c-7f3a",
            id=2,
        ),
        entry(
            started_at=datetime(2024, 1, 2, 23, 59, 0, tzinfo=IST),
            number_digits="14155550123",
            number_display="(415) 555-0123",
            mode="mobile",
            outcome="failed",
            error_kind="network",
            error_text='Timed out, "twice"\nthen gave up',
            sandbox=True,
            id=1,
        ),
    ]

    written = write_history_csv(path, entries, local_zone=IST)

    assert written == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    rows = read_rows(path)
    assert tuple(rows[0]) == HISTORY_CSV_FIELDS
    assert rows[1] == [
        "2024-11-26T08:35:09+00:00",
        "2024-11-26T14:05:09+05:30",
        "919200000000",
        "'+91 92000 00000",
        "Priya Raman",
        "softphone",
        "initiated",
        "8044556677",
        "c2c-7f3a",
        "",
        "",
        "no",
    ]
    assert rows[2] == [
        "2024-01-02T18:29:00+00:00",
        "2024-01-02T23:59:00+05:30",
        "14155550123",
        "(415) 555-0123",
        "",
        "mobile",
        "failed",
        "",
        "",
        "network",
        'Timed out, "twice"\nthen gave up',
        "yes",
    ]


def test_time_local_defaults_to_the_system_zone(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    started = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    write_history_csv(path, [entry(started_at=started)])
    local = datetime.fromisoformat(read_rows(path)[1][1])
    assert local == started
    assert local.utcoffset() == started.astimezone().utcoffset()


def test_formula_cells_get_an_apostrophe_but_the_digits_column_does_not(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    risky = entry(
        contact_name='=HYPERLINK("http://evil.example","x")',
        number_display="-2+3",
        caller_id="@SUM(A1)",
        request_id="+cmd|' /C calc'!A0",
        error_kind="\tTAB",
        error_text="=1+1",
    )
    write_history_csv(path, [risky])
    row = dict(zip(HISTORY_CSV_FIELDS, read_rows(path)[1], strict=True))
    assert row["number"] == "919200000000"
    assert row["number_display"] == "'-2+3"
    assert row["contact"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["caller_id"] == "'@SUM(A1)"
    assert row["request_id"] == "'+cmd|' /C calc'!A0"
    assert row["error_kind"] == "'\tTAB"
    assert row["error"] == "'=1+1"


def test_a_number_column_that_is_not_digits_is_guarded_as_text(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    write_history_csv(path, [entry(number_digits="=cmd")])
    assert read_rows(path)[1][2] == "'=cmd"


def test_secrets_echoed_in_errors_are_redacted(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    text = 'GET /click2call?user_id=5&secret=hunter22abc failed: {"secret": "hunter22abc"}'
    write_history_csv(path, [entry(outcome="failed", error_text=text)])
    content = path.read_text("utf-8-sig")
    assert "hunter22abc" not in content
    assert "secret=[REDACTED]" in content
    assert "secret" not in ",".join(read_rows(path)[0])


def test_existing_file_is_replaced_atomically_without_leftovers(tmp_path: Path) -> None:
    path = tmp_path / "call-history.csv"
    path.write_text("old content that is much longer than the new file will be\n" * 50)
    assert write_history_csv(path, []) == 0
    assert read_rows(path) == [list(HISTORY_CSV_FIELDS)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["call-history.csv"]


def test_accepts_a_string_path_and_any_iterable(tmp_path: Path) -> None:
    path = tmp_path / "gen.csv"
    count = write_history_csv(str(path), (entry(id=i) for i in range(7)))
    assert count == 7
    assert len(read_rows(path)) == 8


def test_lone_surrogates_do_not_break_the_export(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    assert write_history_csv(path, [entry(contact_name="bad \ud800 text")]) == 1
    assert read_rows(path)[1][4] == "bad ? text"


def expected_cell(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value[0] in "=+-@\t\r" else value


free_text = st.text(max_size=60)


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(free_text, min_size=1, max_size=5),
    errors=st.lists(st.none() | free_text, min_size=1, max_size=5),
    request_id=st.none() | free_text,
)
def test_arbitrary_text_never_breaks_the_csv(
    tmp_path_factory: pytest.TempPathFactory,
    names: list[str],
    errors: list[str | None],
    request_id: str | None,
) -> None:
    path = tmp_path_factory.mktemp("csv") / "fuzz.csv"
    entries = [
        entry(contact_name=name, error_text=error, request_id=request_id, outcome="failed")
        for name, error in zip(names, errors, strict=False)
    ]

    assert write_history_csv(path, entries) == len(entries)

    rows = read_rows(path)
    assert len(rows) == len(entries) + 1
    assert {len(row) for row in rows} == {len(HISTORY_CSV_FIELDS)}
    for row, source in zip(rows[1:], entries, strict=True):
        fields = dict(zip(HISTORY_CSV_FIELDS, row, strict=True))
        if "secret" not in (source.contact_name + (source.error_text or "")).lower():
            assert fields["contact"] == expected_cell(source.contact_name)
            assert fields["error"] == expected_cell(source.error_text)

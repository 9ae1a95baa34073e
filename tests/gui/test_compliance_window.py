"""The calling rules in the window: every rule on every surface (dialpad, tray, quick call,
link, clipboard) against the real loopback sandbox, nothing sent and no "Call again"; the
team's list from a file and from loopback HTTP; calls held at start-up until the rules can be
checked; the CRM screen-pop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.dialer import CallIntent, CallRefusedError, Surface
from dialer_app.core.do_not_call import DoNotCallEntry
from dialer_app.core.store import Store
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, SandboxServer
from tests.support.compliance import RULES, assert_blocked, hold_back
from tests.support.harness import memory_credentials, write_settings
from tests.support.list_server import ListServer
from tests.support.memory_keyring import MemoryKeyring
from tests.support.wait import WAIT_MS

NUMBER = "+91 98765 43210"
DIGITS = "919876543210"
OTHER = "+91 92000 00000"
SURFACES = ("dialpad", "tray", "quick_call", "link", "clipboard")


class Refusals:
    def __init__(self, app: DialerApp) -> None:
        self.seen: list[CallRefusedError] = []
        self.started: list[object] = []
        app.calls.refused.connect(lambda _intent, refusal: self.seen.append(refusal))
        app.calls.started.connect(self.started.append)


def make_profile(tmp_path: Path, **settings: object) -> Path:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    write_settings(profile, user_id=DEMO_USER_ID, **settings)
    return profile


def favorite(profile: Path, number: str) -> None:
    store, _notice = Store.open(profile / "contacts.db")
    with store:
        digits = "".join(ch for ch in number if ch.isdigit())
        store.add_contact(Contact("Asha Rao", (ContactNumber(number, digits),), favorite=True))


def trigger(app: DialerApp, qtbot: QtBot, surface: str, number: str = NUMBER) -> None:
    """What the agent does to call ``number`` from ``surface``."""
    window = app.window
    if surface == "dialpad":
        window.set_number(number)
        qtbot.mouseClick(window.call_button, Qt.MouseButton.LeftButton)
    elif surface == "tray":
        app.tray.tray.menu.aboutToShow.emit()  # what Qt does before the menu shows
        actions = [a for a in app.tray.tray.favorites_menu.actions() if a.isEnabled()]
        assert len(actions) == 1, [a.text() for a in actions]
        actions[0].trigger()
    elif surface == "quick_call":
        popup = app.tray.popup
        popup.open_with(number)
        assert popup.activate()
    elif surface == "link":
        assert app.instance is not None
        app.instance.open_link("tel:" + number.replace(" ", ""))
    elif surface == "clipboard":
        QGuiApplication.clipboard().setText(f"Please call {number} after lunch")
        app.tray.call_from_clipboard()
        assert app.tray.popup.activate()
    else:
        raise AssertionError(surface)


def outcome_panel(app: DialerApp) -> tuple[str, bool]:
    again = app.window.findChild(QPushButton, "callAgainButton")
    assert isinstance(again, QPushButton)
    return app.window.status_label.text(), again.isVisible()


# every rule, every surface ----------------------------------------------------------------
@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("rule", RULES)
def test_each_rule_holds_the_call_back_on_each_surface(
    make_dialer: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    tmp_path: Path,
    rule: str,
    surface: str,
) -> None:
    profile = make_profile(tmp_path, dial_links_immediately=True)
    favorite(profile, NUMBER)
    write_settings(
        profile,
        user_id=DEMO_USER_ID,
        dial_links_immediately=True,
        **hold_back(profile, rule, NUMBER),
    )
    app = make_dialer(profile)
    seen = Refusals(app)

    trigger(app, qtbot, surface)

    qtbot.waitUntil(lambda: bool(seen.seen), timeout=WAIT_MS)
    [refusal] = seen.seen
    assert_blocked(refusal, rule)
    assert seen.started == []
    assert sandbox.requests == []
    text, call_again_offered = outcome_panel(app)
    assert text == refusal.message
    assert not call_again_offered
    assert app.window.status_frame.property("state") == "error"


def test_call_again_never_overrides_a_rule(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """Two calls a day: the first two go, the second is held as a repeat (Call again is
    offered), and Call again then meets the limit: nothing is sent, no Call again."""
    app = make_dialer(make_profile(tmp_path, max_attempts_per_day=2))
    seen = Refusals(app)
    for expected in (1, 2):
        with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
            if expected == 1:
                trigger(app, qtbot, "dialpad")
            else:
                trigger(app, qtbot, "dialpad")
                assert seen.seen[-1].kind == "repeat"
                again = app.window.findChild(QPushButton, "callAgainButton")
                assert isinstance(again, QPushButton)
                qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    trigger(app, qtbot, "dialpad")
    assert_blocked(seen.seen[-1], "attempts_per_day")
    assert [r.json_body["to"] for r in sandbox.requests if r.json_body] == [int(DIGITS)] * 2
    app.dial(CallIntent(NUMBER, Surface.DIALPAD, DeliveryMode.SOFTPHONE).calling_again())
    assert_blocked(seen.seen[-1], "attempts_per_day")
    assert len(sandbox.requests) == 2
    assert not outcome_panel(app)[1]


def test_other_numbers_still_ring(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    profile = make_profile(tmp_path)
    write_settings(profile, user_id=DEMO_USER_ID, **hold_back(profile, "do_not_call", NUMBER))
    app = make_dialer(profile)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        trigger(app, qtbot, "dialpad", OTHER)
    assert len(sandbox.requests) == 1


# start-up ---------------------------------------------------------------------------------
@pytest.fixture
def unstarted(
    qtbot: QtBot, sandbox: SandboxServer, memory_keyring: MemoryKeyring
) -> Iterator[Callable[[Path], DialerApp]]:
    apps: list[DialerApp] = []

    def make(profile: Path) -> DialerApp:
        app = build(["--profile", str(profile), "--api-base", sandbox.base_url])
        app.runtime.credentials = memory_credentials(app.settings.profile_id, memory_keyring)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.shutdown()


def test_a_call_asked_before_the_lists_load_is_held_then_checked(
    unstarted: Callable[[Path], DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """A launch's link (or a very quick Enter) comes before the do-not-call list is read:
    it is neither sent unchecked nor lost; the list then holds the listed number back."""
    profile = make_profile(tmp_path)
    hold_back(profile, "do_not_call", NUMBER)
    app = unstarted(profile)
    seen = Refusals(app)
    assert not app.compliance.ready
    assert app.dial(CallIntent(NUMBER, Surface.LINK, DeliveryMode.SOFTPHONE))
    assert seen.started == []
    assert seen.seen == []

    app.start()

    qtbot.waitUntil(lambda: bool(seen.seen), timeout=WAIT_MS)
    assert_blocked(seen.seen[0], "do_not_call")
    assert sandbox.requests == []


def test_a_held_call_to_a_number_not_listed_goes_out_once(
    unstarted: Callable[[Path], DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    app = unstarted(make_profile(tmp_path))
    for _ in range(3):  # mashed while loading: the latest intent is kept, once
        app.dial(CallIntent(OTHER, Surface.DIALPAD, DeliveryMode.SOFTPHONE))
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        app.start()
    assert len(sandbox.requests) == 1


# the team's list --------------------------------------------------------------------------
def test_the_teams_list_from_a_share_blocks_and_an_unreadable_share_keeps_it(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    share = tmp_path / "share" / "dnc.csv"
    share.parent.mkdir()
    share.write_text("phone,reason\n+91 98765 43210,legal hold\n", encoding="utf-8")
    app = make_dialer(make_profile(tmp_path, dnc_source=str(share)))
    service = app.compliance.service
    qtbot.waitUntil(lambda: service.do_not_call.on_team_list(DIGITS), timeout=WAIT_MS)
    seen = Refusals(app)
    trigger(app, qtbot, "dialpad")
    assert "on the team's do-not-call list" in seen.seen[-1].message

    share.unlink()  # the share goes away; the hourly reading fails
    notice = app.window.findChild(QLabel, "noticeLabel")
    assert isinstance(notice, QLabel)
    service.refresh_team_list()
    qtbot.waitUntil(lambda: "could not be read" in notice.text(), timeout=WAIT_MS)
    assert "(1 numbers) is still used" in notice.text()
    trigger(app, qtbot, "quick_call")
    assert_blocked(seen.seen[-1], "do_not_call")
    assert sandbox.requests == []


def test_the_teams_list_over_http_is_read_at_start_and_kept_across_restarts(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with ListServer() as server:
        server.body = b"+91 98765 43210\n"
        profile = make_profile(tmp_path, dnc_source=server.url(), dial_links_immediately=True)
        app = make_dialer(profile)
        qtbot.waitUntil(
            lambda: app.compliance.service.do_not_call.on_team_list(DIGITS), timeout=WAIT_MS
        )
        assert server.requests == ["/dnc.csv"]
        app.shutdown()
    # the server is gone: the next start keeps the copy from the profile
    again = make_dialer(profile)
    notice = again.window.findChild(QLabel, "noticeLabel")
    assert isinstance(notice, QLabel)
    qtbot.waitUntil(lambda: "could not be read" in notice.text(), timeout=WAIT_MS)
    seen = Refusals(again)
    trigger(again, qtbot, "link")
    assert_blocked(seen.seen[-1], "do_not_call")


# CRM screen-pop ---------------------------------------------------------------------------
class Browser(QObject):
    """Stands in for the default browser: Qt hands it every http/https address opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def browser() -> Iterator[Browser]:
    handler = Browser()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_the_crm_page_opens_after_an_accepted_call_with_its_fields(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, tmp_path: Path, browser: Browser
) -> None:
    template = "https://crm.example.com/pop?n={e164}&d={digits}&r={request_id}&who={contact_name}"
    app = make_dialer(make_profile(tmp_path, open_url_after_call=template))
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS) as done:
        app.dial(
            CallIntent(NUMBER, Surface.CONTACT, DeliveryMode.SOFTPHONE, contact_name="Asha & Co")
        )
    request_id = done.args[1].request_id
    qtbot.waitUntil(lambda: bool(browser.opened), timeout=WAIT_MS)
    assert browser.opened == [
        f"https://crm.example.com/pop?n=%2B{DIGITS}&d={DIGITS}&r={request_id}&who=Asha%20%26%20Co"
    ]


def test_a_failed_or_held_back_call_opens_nothing(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, tmp_path: Path, browser: Browser
) -> None:
    profile = make_profile(tmp_path, open_url_after_call="https://crm.example.com/?n={e164}")
    hold_back(profile, "do_not_call", NUMBER)
    app = make_dialer(profile)
    seen = Refusals(app)
    trigger(app, qtbot, "dialpad")
    assert seen.seen
    qtbot.wait(200)  # the screen-pop would go through the keyring worker first
    assert browser.opened == []


def test_an_address_holding_the_secret_is_never_opened(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, tmp_path: Path, browser: Browser
) -> None:
    """Written into the settings file by hand (the dialog and ``settings set`` refuse it)."""
    leaky = f"https://crm.example.com/?key={DEMO_SECRET.upper()}&n={{e164}}"
    app = make_dialer(make_profile(tmp_path, open_url_after_call=leaky))
    notice = app.window.findChild(QLabel, "noticeLabel")
    assert isinstance(notice, QLabel)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        trigger(app, qtbot, "dialpad")
    qtbot.waitUntil(lambda: "holds the app secret" in notice.text(), timeout=WAIT_MS)
    assert browser.opened == []
    assert DEMO_SECRET.casefold() not in notice.text().casefold()


def test_a_new_source_set_while_the_old_one_is_read_is_read_next(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, tmp_path: Path
) -> None:
    from dataclasses import replace

    share = tmp_path / "new.csv"
    share.write_text("+1 201 555 0123\n", encoding="utf-8")
    with ListServer() as server:
        server.body, server.stall_s = b"+91 98765 43210\n", 1.0
        app = make_dialer(make_profile(tmp_path, dnc_source=server.url()))
        qtbot.waitUntil(lambda: bool(server.requests), timeout=WAIT_MS)  # the slow read began
        app.update_settings(replace(app.settings, dnc_source=str(share)))
        listed = app.compliance.service.do_not_call
        qtbot.waitUntil(lambda: listed.on_team_list("12015550123"), timeout=WAIT_MS)
        assert not listed.on_team_list(DIGITS)  # the old source's answer came too late
        copy = listed.team_copy
        assert copy is not None
        assert copy.source == str(share)


# a restore or a recovery: the lists in memory are read again ------------------------------
def test_a_number_listed_in_a_restored_backup_is_held_back_at_once(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """Restoring a backup keeps the do-not-call numbers of both (the current and the
    backup's): the window checks calls against the restored list straight away."""
    profile = make_profile(tmp_path)
    store, _notice = Store.open(profile / "contacts.db")
    with store:
        store.add_to_do_not_call(DIGITS, "asked in March")
        backup = store.back_up()
        store.remove_do_not_call(DIGITS)  # taken off since (by mistake)
    app = make_dialer(profile)
    rules = app.compliance.service
    qtbot.waitUntil(lambda: rules.ready, timeout=WAIT_MS)
    assert rules.do_not_call.own_entries() == []

    restored: list[object] = []
    app.contacts.service.restore_backup(backup, restored.append)
    qtbot.waitUntil(lambda: bool(rules.do_not_call.own_entries()), timeout=WAIT_MS)

    assert restored
    seen = Refusals(app)
    trigger(app, qtbot, "dialpad")
    qtbot.waitUntil(lambda: bool(seen.seen), timeout=WAIT_MS)
    assert_blocked(seen.seen[0], "do_not_call")
    assert sandbox.requests == []


def test_after_damage_the_recovered_do_not_call_list_is_the_one_checked(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """SQLite cannot read the list (its root page is damaged): once the database is rebuilt
    the window checks calls against the recovered list (read from the file's pages)."""
    import random
    import sqlite3
    from contextlib import closing

    profile = make_profile(tmp_path)
    database = profile / "contacts.db"
    others = [f"9198{i:08d}" for i in range(1500)]
    store, _notice = Store.open(database)
    with store:
        store.add_do_not_call(DoNotCallEntry(digits) for digits in [*others, DIGITS])
    with closing(sqlite3.connect(database)) as conn:
        [root] = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'do_not_call' AND path = '/'"
        ).fetchone()
    with database.open("r+b") as handle:
        handle.seek((root - 1) * 4096)
        handle.write(random.Random(root).randbytes(4096))

    app = make_dialer(profile)
    rules = app.compliance.service
    qtbot.waitUntil(
        lambda: len(rules.do_not_call.own_entries()) > 1400 and not rules.do_not_call.problem,
        timeout=WAIT_MS,
    )
    assert list(profile.glob("contacts.db.corrupt-*"))  # rebuilt, the damaged file kept
    seen = Refusals(app)
    trigger(app, qtbot, "dialpad")
    qtbot.waitUntil(lambda: bool(seen.seen), timeout=WAIT_MS)
    assert_blocked(seen.seen[0], "do_not_call")
    assert sandbox.requests == []

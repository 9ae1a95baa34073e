"""Managed defaults (``core.managed_defaults``) and the settings file on top of them
(``core.settings.SettingsFile``): where the file is, what a broken one does, defaults that
reach profiles, locked keys, and a file that keeps only what the user set."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.managed_defaults import (
    DEFAULTS_ENV_VAR,
    ManagedDefaults,
    defaults_path,
    read_managed_defaults,
)
from dialer_app.core.setting_values import SETTING_HELP, parse_setting, setting_text
from dialer_app.core.settings import SETTING_NAMES, Settings, SettingsError, SettingsFile

PROFILE_ID = "0123456789abcdef0123456789abcdef"


def write_defaults(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def managed(tmp_path: Path, data: object) -> ManagedDefaults:
    return read_managed_defaults(write_defaults(tmp_path / "defaults.json", data))


def user_file(profile: Path, **values: object) -> None:
    profile.mkdir(exist_ok=True)
    data = {"version": 2, "profile_id": PROFILE_ID, **values}
    (profile / "settings.json").write_text(json.dumps(data), encoding="utf-8")


def saved(profile: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((profile / "settings.json").read_text("utf-8"))
    return data


# where --------------------------------------------------------------------------------------
def test_the_file_is_where_each_system_keeps_such_files(tmp_path: Path) -> None:
    assert defaults_path({}, "linux") == Path("/etc/xdg/dialer-app/defaults.json")
    assert defaults_path({"PROGRAMDATA": r"D:\Data"}, "win32") == Path(
        r"D:\Data", "dialer-app", "defaults.json"
    )
    assert defaults_path({}, "darwin") == Path(
        "/Library/Application Support/dialer-app/defaults.json"
    )
    assert defaults_path({DEFAULTS_ENV_VAR: str(tmp_path / "x.json")}, "linux") == tmp_path / (
        "x.json"
    )
    second = tmp_path / "second" / "dialer-app"
    second.mkdir(parents=True)
    (second / "defaults.json").write_text("{}")
    dirs = f"{tmp_path / 'first'}:{tmp_path / 'second'}"
    assert defaults_path({"XDG_CONFIG_DIRS": dirs}, "linux") == second / "defaults.json"


# a broken file is reported and ignored ------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "is ignored: it is not valid JSON"),
        (b"[1, 2]", "is ignored: it must be a JSON object"),
        (b"\xff\xfe\x00garbage", "is ignored: it is not valid JSON"),
        (b" " * (300 * 1024), "larger than 256 KiB"),
    ],
)
def test_a_broken_file_is_reported_and_ignored(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "defaults.json"
    path.write_bytes(content)
    found = read_managed_defaults(path)
    assert found.found
    assert (dict(found.values), found.locked) == ({}, frozenset())
    assert len(found.problems) == 1
    assert str(path) in found.problems[0]
    assert says in found.problems[0]
    loaded = SettingsFile(tmp_path / "profile", found).load()
    assert loaded.settings.calling_hours == ""
    assert found.problems[0] in loaded.warnings


def test_a_folder_in_its_place_is_reported(tmp_path: Path) -> None:
    (tmp_path / "defaults.json").mkdir()
    found = read_managed_defaults(tmp_path / "defaults.json")
    assert "cannot be read" in found.problems[0]


def test_no_file_is_no_problem(tmp_path: Path) -> None:
    found = read_managed_defaults(tmp_path / "none.json")
    assert (found.found, found.problems) == (False, ())


def test_parts_that_are_wrong_are_ignored_alone(tmp_path: Path) -> None:
    defaults = managed(
        tmp_path,
        {
            "settings": {
                "calling_hours": "09:00-21:00",
                "max_attempts_per_day": "three",
                "colour": "blue",
                "default_region": "usa",
            },
            "locked": ["calling_hours", "no_such_key"],
            "comment": "IT, 2024",
        },
    )
    settings_file = SettingsFile(tmp_path / "profile", defaults)
    loaded = settings_file.load()

    assert loaded.settings.calling_hours == "09:00-21:00"
    assert loaded.settings.max_attempts_per_day == 0
    assert loaded.settings.default_region == "IN"
    assert settings_file.locked == {"calling_hours"}
    text = "\n".join(loaded.warnings)
    assert "'comment' is not understood" in text
    assert "default for 'max_attempts_per_day'" in text
    assert "default for 'default_region'" in text
    assert "unknown setting 'colour'" in text
    assert "locks an unknown setting 'no_such_key'" in text
    assert loaded.moved_aside is None  # the user's own file is not to blame


def test_settings_and_locked_of_the_wrong_shape_are_reported(tmp_path: Path) -> None:
    found = managed(tmp_path, {"settings": ["x"], "locked": "calling_hours"})
    assert len(found.problems) == 2
    assert '"settings" must be a JSON object' in found.problems[0]
    assert '"locked" must be a list' in found.problems[1]


# defaults that reach profiles ---------------------------------------------------------------
def test_the_administrators_values_are_the_defaults_and_the_users_win(tmp_path: Path) -> None:
    defaults = managed(
        tmp_path, {"settings": {"calling_hours": "09:00-21:00", "max_attempts_per_day": 3}}
    )
    profile = tmp_path / "profile"
    user_file(profile, max_attempts_per_day=5)
    settings_file = SettingsFile(profile, defaults)

    settings = settings_file.load().settings

    assert (settings.calling_hours, settings.max_attempts_per_day) == ("09:00-21:00", 5)
    assert settings_file.source_of("calling_hours") == "administrator"
    assert settings_file.source_of("max_attempts_per_day") == "profile"
    assert settings_file.source_of("default_region") == "default"


def test_the_file_keeps_only_what_the_user_set_so_later_defaults_reach_the_desk(
    tmp_path: Path,
) -> None:
    profile = tmp_path / "profile"
    first = SettingsFile(profile, managed(tmp_path, {"settings": {"repeat_hold_off_s": 5}}))
    settings = first.load_or_create().settings
    first.save(replace(settings, user_id="101_1111112", default_mode=DeliveryMode.MOBILE))
    assert set(saved(profile)) == {"version", "profile_id", "user_id", "default_mode"}

    # the administrator changes the default later: the profile follows it
    later = SettingsFile(profile, managed(tmp_path, {"settings": {"repeat_hold_off_s": 10}}))
    again = later.load().settings
    assert again.repeat_hold_off_s == 10.0
    assert (again.user_id, again.default_mode) == ("101_1111112", DeliveryMode.MOBILE)
    assert again.profile_id == settings.profile_id


def test_a_value_set_back_to_the_code_default_stays_the_users_choice(tmp_path: Path) -> None:
    """The administrator makes links dial at once; this agent turns it off again."""
    profile = tmp_path / "profile"
    settings_file = SettingsFile(
        profile, managed(tmp_path, {"settings": {"dial_links_immediately": True}})
    )
    settings = settings_file.load().settings
    assert settings.dial_links_immediately is True
    settings_file.save(replace(settings, dial_links_immediately=False))
    assert saved(profile)["dial_links_immediately"] is False
    assert settings_file.load().settings.dial_links_immediately is False


def test_a_file_of_the_previous_format_follows_new_defaults_where_it_held_the_code_default(
    tmp_path: Path,
) -> None:
    """Format 1 wrote every value: those equal to the code's defaults were no choice."""
    profile = tmp_path / "profile"
    profile.mkdir()
    old = {"version": 1, **Settings(profile_id=PROFILE_ID).to_json(), "user_id": "u1"}
    old["version"] = 1
    (profile / "settings.json").write_text(json.dumps(old), encoding="utf-8")
    defaults = managed(tmp_path, {"settings": {"repeat_hold_off_s": 8, "user_id": "it"}})

    settings = SettingsFile(profile, defaults).load().settings

    assert (settings.repeat_hold_off_s, settings.user_id) == (8.0, "u1")
    assert settings.profile_id == PROFILE_ID


# locked keys ------------------------------------------------------------------------------
def test_a_locked_key_wins_and_the_users_own_value_is_kept_for_later(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    user_file(profile, calling_hours="08:00-20:00", max_attempts_per_day=2)
    locked = managed(
        tmp_path, {"settings": {"calling_hours": "09:00-21:00"}, "locked": ["calling_hours"]}
    )
    settings_file = SettingsFile(profile, locked)
    settings = settings_file.load().settings
    assert settings.calling_hours == "09:00-21:00"
    assert settings_file.source_of("calling_hours") == "locked"

    settings_file.save(replace(settings, max_attempts_per_day=4))
    assert saved(profile)["calling_hours"] == "08:00-20:00"  # the user's, for an unlock
    assert saved(profile)["max_attempts_per_day"] == 4

    unlocked = SettingsFile(profile, managed(tmp_path, {}))
    assert unlocked.load().settings.calling_hours == "08:00-20:00"


def test_a_locked_key_without_a_value_locks_the_code_default(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    user_file(profile, dial_links_immediately=True)
    settings_file = SettingsFile(profile, managed(tmp_path, {"locked": ["dial_links_immediately"]}))
    assert settings_file.load().settings.dial_links_immediately is False


# text values (``settings set``) ------------------------------------------------------------
def test_every_setting_has_its_help_line() -> None:
    assert set(SETTING_HELP) == set(SETTING_NAMES)


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("calling_hours", "9:00 – 21:00", "09:00-21:00"),
        ("calling_hours", "", ""),
        ("max_attempts_per_day", "3", 3),
        ("repeat_hold_off_s", "2.5", 2.5),
        ("dial_links_immediately", "yes", True),
        ("notifications", "off", False),
        ("default_mode", "Mobile", DeliveryMode.MOBILE),
        ("caller_ids", "+91 98000 00000, 919800000001", ("919800000000", "919800000001")),
        ("default_caller_id", "", None),
        ("history_retention_days", "forever", None),
        ("history_retention_days", "30", 30),
        ("extra_params_template", '{"crm": true}', {"crm": True}),
        ("default_region", "us", "US"),
    ],
)
def test_text_from_the_command_line_becomes_the_settings_value(
    name: str, text: str, value: object
) -> None:
    assert parse_setting(name, text, Settings()) == value


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("calling_hours", "9 to 5", "must look like 09:00-21:00"),
        ("max_attempts_per_day", "three", "must be a whole number"),
        ("notifications", "maybe", "true or false"),
        ("default_mode", "fax", "softphone or mobile"),
        ("extra_params_template", "[1]", "JSON object"),
        ("caller_ids", "+91 abc", "Caller id"),
        ("secret", "x", "lives in the keyring"),
        ("colling_hours", "x", "Did you mean 'calling_hours'"),
    ],
)
def test_text_that_cannot_be_the_value_says_why(name: str, text: str, says: str) -> None:
    with pytest.raises(SettingsError, match=says):
        parse_setting(name, text, Settings())


def test_values_print_as_they_are_typed() -> None:
    settings = Settings(caller_ids=("919800000000", "919800000001"))
    for name in SETTING_NAMES:
        value = getattr(settings, name)
        text = setting_text(value, name)
        if name in ("profile_id", "user_id", "default_caller_id"):
            continue
        assert parse_setting(name, text, settings) == value, name

"""The ``language`` setting: empty (the system's) or a language we ship; checked like every
setting, from the file, the administrator and ``dialer-app settings set``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dialer_app.core.managed_defaults import read_managed_defaults
from dialer_app.core.setting_values import parse_setting
from dialer_app.core.settings import LANGUAGES, Settings, SettingsError, SettingsFile
from tests.support.harness import run_cli


def test_the_default_follows_the_system_and_shipped_languages_pass() -> None:
    assert Settings().language == ""
    for code in LANGUAGES:
        assert Settings(language=code).validated().language == code


def test_a_language_we_do_not_ship_is_refused_with_the_choices() -> None:
    with pytest.raises(SettingsError, match=r"'xx' is not available: use one of en, hi"):
        Settings(language="xx").validated()


def test_the_command_line_reads_system_as_empty() -> None:
    assert parse_setting("language", "HI", Settings()) == "hi"
    assert parse_setting("language", "system", Settings()) == ""


def test_settings_set_language(tmp_path: Path) -> None:
    profile = str(tmp_path / "profile")
    done = run_cli("settings", "set", "language", "hi", "--profile", profile)
    assert done.code == 0, done.stderr
    assert run_cli("settings", "get", "language", "--profile", profile).stdout.strip() == "hi"
    refused = run_cli("settings", "set", "language", "xx", "--profile", profile)
    assert refused.code == 2
    assert "'xx' is not available" in refused.stderr
    assert run_cli("settings", "get", "language", "--profile", profile).stdout.strip() == "hi"


def test_the_administrator_can_set_the_language(tmp_path: Path) -> None:
    path = tmp_path / "defaults.json"
    path.write_text(json.dumps({"settings": {"language": "hi"}, "locked": ["language"]}), "utf-8")
    settings_file = SettingsFile(tmp_path / "profile", read_managed_defaults(path))
    assert settings_file.load().settings.language == "hi"
    assert "language" in settings_file.locked


def test_a_broken_language_in_the_file_falls_back_with_a_warning(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "settings.json").write_text(json.dumps({"version": 2, "language": "xx"}), "utf-8")
    loaded = SettingsFile(profile, read_managed_defaults(tmp_path / "none.json")).load()
    assert loaded.settings.language == ""
    assert any("language" in warning for warning in loaded.warnings)

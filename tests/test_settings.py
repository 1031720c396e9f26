from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import ConfigError
from tidings.settings import Settings, load_settings


def test_defaults_without_file_or_environment(tmp_path: Path) -> None:
    settings = load_settings(environ={"HOME": str(tmp_path)})
    assert settings == Settings()
    assert settings.summary_sentences == 3
    assert settings.languages == ("en",)


def test_file_then_environment_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "tidings.toml"
    config.write_text('[tidings]\nsummary_sentences = 5\nmax_bytes = 1000\nmodel = "x"\n')
    environ = {
        "TIDINGS_CONFIG": str(config),
        "TIDINGS_MAX_BYTES": "2000",
        "TIDINGS_LANGUAGES": "en, de",
    }
    settings = load_settings(environ=environ, model="en_core_web_md")
    assert settings.summary_sentences == 5
    assert settings.max_bytes == 2000
    assert settings.languages == ("en", "de")
    assert settings.model == "en_core_web_md"


def test_bad_values_name_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max_bytes"):
        load_settings(environ={"TIDINGS_MAX_BYTES": "lots"})
    with pytest.raises(ConfigError, match="colour"):
        config = tmp_path / "bad.toml"
        config.write_text("colour = 'blue'\n")
        load_settings(config, environ={})
    with pytest.raises(ConfigError, match="not valid TOML"):
        config = tmp_path / "broken.toml"
        config.write_text("summary_sentences = \n")
        load_settings(config, environ={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml", environ={})


def test_languages_cannot_be_empty() -> None:
    with pytest.raises(ConfigError, match="languages"):
        load_settings(environ={"TIDINGS_LANGUAGES": " , "})


def test_unreadable_settings_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read it"):
        load_settings(tmp_path, environ={})  # a folder, not a file
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b"model = 'caf\xe9'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(latin, environ={})

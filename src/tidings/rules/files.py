"""Reading a rules data file: TOML text, and errors that name the file, the entry and the line.

:func:`read_data` parses one file (a TOML syntax error names its line, as tomllib reports it);
:class:`Entry` reads one table of it field by field, refusing a key it does not know and a
value of the wrong shape, with the file, the table and the line the table (or the key)
starts on.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError

__all__ = ["DataFile", "Entry", "read_data"]

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")
_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")


@dataclass(frozen=True, slots=True)
class DataFile:
    """One parsed data file: ``name`` is how errors name it (its path)."""

    name: str
    text: str
    data: dict[str, Any]

    def line(self, table: tuple[str, ...] = (), key: str | None = None, item: int = 0) -> int:
        """The line (from 1) where ``table`` (the ``item``-th of an array of tables) starts,
        or where ``key`` is set in it; 0 when it cannot be found."""
        current: tuple[str, ...] = ()
        seen = -1 if table else 0  # occurrences of the table's header so far
        for number, line in enumerate(self.text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header is not None:
                current = tuple(_unquoted(part) for part in header.group(2).split("."))
                if current == table:
                    seen += 1
                    if seen == item and key is None:
                        return number
                continue
            if key is None or current != table or seen != item:
                continue
            found = _KEY.match(line)
            if found is not None and key in found.groups():
                return number
        return 0

    def error(
        self, message: str, table: tuple[str, ...] = (), key: str | None = None, item: int = 0
    ) -> ConfigError:
        """A ConfigError naming this file and the line of ``key`` in ``table`` (failing that,
        of the table, or of the key that holds it as an inline table)."""
        number = self.line(table, key, item) if key else 0
        if not number and table:
            number = self.line(table, None, item) or self.line(table[:-1], table[-1], item)
        where = f"{self.name}, line {number}" if number else self.name
        return ConfigError(f"{where}: {message}")


def read_data(source: Path | Traversable, what: str) -> DataFile:
    """Parse one TOML data file; ``what`` says in errors what it should have been."""
    name = str(source)
    try:
        text = source.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{name}: {what} not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{name}: cannot read it ({error.strerror or error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        position = _POSITION.search(reason)
        where = f"{name}, line {position.group(1)}" if position else name
        reason = reason[: position.start()] if position else reason
        raise ConfigError(f"{where}: not a valid TOML {what} ({reason})") from None
    return DataFile(name, text, data)


class Entry:
    """One table of a data file (``path``: its keys from the top, ``item``: which of an
    array of tables), read field by field."""

    __slots__ = ("file", "item", "label", "path", "values")

    def __init__(
        self,
        file: DataFile,
        path: tuple[str, ...],
        values: object,
        *,
        item: int = 0,
        label: str | None = None,
    ) -> None:
        self.file = file
        self.path = path
        self.item = item
        self.label = label or ("[" + ".".join(map(_quoted, path)) + "]" if path else "the file")
        if not isinstance(values, Mapping):
            raise self.error(f"{self.label} must be a table")
        self.values: Mapping[str, Any] = values

    def error(self, message: str, key: str | None = None) -> ConfigError:
        return self.file.error(message, self.path, key, self.item)

    def only(self, *keys: str) -> None:
        """Refuse a key outside ``keys`` (a misspelt field would otherwise be ignored)."""
        for key in self.values:
            if key not in keys:
                raise self.error(
                    f"{self.label}: unknown field {key!r} (the fields are {', '.join(keys)})", key
                )

    def string(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is not None and not isinstance(value, str):
            raise self.error(f"{self.label}: {key} must be a string", key)
        return value

    def required(self, key: str) -> str:
        value = self.string(key)
        if value is None:
            raise self.error(f"{self.label}: {key} is missing")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.values.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.error(f"{self.label}: {key} must be a list of strings", key)
        return tuple(values)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"{self.label}: {key} must be true or false", key)
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.string(key)
        if value is not None and value not in choices:
            raise self.error(f"{self.label}: {key} must be one of {', '.join(choices)}", key)
        return value

    def table(self, key: str) -> Entry | None:
        """The table (or inline table) under ``key``, if set."""
        if key not in self.values:
            return None
        path = (*self.path, key)
        return Entry(self.file, path, self.values[key], item=self.item)

    def tables(self) -> list[tuple[str, Entry]]:
        """Every value of this table as a table of its own, with its key."""
        return [
            (key, Entry(self.file, (*self.path, key), value, item=self.item))
            for key, value in self.values.items()
        ]


def _quoted(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


def _unquoted(part: str) -> str:
    part = part.strip()
    return part[1:-1] if len(part) > 1 and part[0] == part[-1] and part[0] in "\"'" else part

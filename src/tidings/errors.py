"""One exception tree for everything tidings reports to its users.

::

    TidingsError
    ├── ConfigError            a bad setting, settings file, event lexicon or environment variable
    ├── ModelError             the spaCy model cannot be loaded
    ├── GazetteerError         the place index is missing or broken, or a GeoNames file is bad
    ├── StoreError             the database cannot be opened, or was made by a newer tidings
    └── InputError             one input cannot be analysed; names the input and the reason
        ├── EmptyInput         no text at all
        ├── BinaryInput        not text (NUL bytes, an image, a zip ...)
        ├── EncodingError      bytes that are not valid in the declared or guessed encoding
        ├── TooLarge           over the ``max_bytes`` setting
        │   └── TooLong        a text over the ``max_chars`` setting
        ├── NoArticleBody      HTML in which no article text was found
        ├── UnsupportedLanguage  not English
        ├── FetchError         a URL that could not be fetched (dead, timeout, HTTP error)
        │   └── DisallowedByRobots  a link the site's robots.txt forbids us to fetch
        ├── TableError         a JSONL/CSV file or row without usable columns
        ├── FeedError          an RSS/Atom feed (or one of its entries) that cannot be read
        ├── ArchiveError       a WARC file (or one of its records) that cannot be read
        └── AnalysisError      an article the analysis itself failed on (a bug to report)

An ``InputError`` never stops a batch: the caller records it and goes on with the next input.
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class StoreError(TidingsError):
    """The tidings database cannot be opened or is not one this version can use."""


class ConfigError(TidingsError):
    """A setting has a value tidings cannot use."""


class ModelError(TidingsError):
    """The spaCy pipeline cannot be loaded."""


class GazetteerError(TidingsError):
    """The gazetteer cannot be opened, built or imported into; names the file (and line)."""


class InputError(TidingsError):
    """One input cannot be analysed. ``str(error)`` is one line: ``<input>: <reason>``."""

    def __init__(self, origin: str, reason: str) -> None:
        # a file name read with surrogateescape, or a lone surrogate from JSON, cannot be
        # printed or stored: U+FFFD stands in for it
        origin, reason = _printable(origin), _printable(reason)
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Errors travel back from worker processes: rebuild from (origin, reason).
        return (type(self), (self.origin, self.reason))


class EmptyInput(InputError):
    """The input holds no text."""


class BinaryInput(InputError):
    """The input is binary data, not text."""


class EncodingError(InputError):
    """The input's bytes cannot be decoded."""


class TooLarge(InputError):
    """The input is larger than the configured cap."""


class TooLong(TooLarge):
    """The article text has more characters than the configured cap."""


class NoArticleBody(InputError):
    """An HTML page in which no article body was found."""


class UnsupportedLanguage(InputError):
    """The article is not in a language tidings analyses."""

    def __init__(self, origin: str, reason: str, language: str) -> None:
        super().__init__(origin, reason)
        self.language = language

    def __reduce__(self) -> tuple[type[UnsupportedLanguage], tuple[str, str, str]]:  # type: ignore[override]
        return (type(self), (self.origin, self.reason, self.language))


class FetchError(InputError):
    """A URL could not be fetched."""


class DisallowedByRobots(FetchError):
    """The site's robots.txt forbids fetching this URL (or cannot be read, so may forbid it)."""


class FeedError(InputError):
    """An RSS or Atom feed, or one entry of it, that yields no article."""


class ArchiveError(InputError):
    """A WARC file, or one record of it, that cannot be read (broken, truncated)."""


class TableError(InputError):
    """A JSONL or CSV input (or one of its rows) has no usable text column."""


class AnalysisError(InputError):
    """The analysis failed on an article that was read fine: a bug, reported per article."""


def _printable(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD (as ``ingest.text.repaired`` does)."""
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def first_line(error: BaseException) -> str:
    """The first line of an exception's message (its class name when it has none), printable
    and at most 120 characters: the reason part of an error about one input."""
    message = (str(error).strip() or type(error).__name__).splitlines()[0].strip()[:120]
    return "".join(character if character.isprintable() else "?" for character in message)

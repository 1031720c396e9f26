"""What people type into a search box, as an FTS5 query that cannot fail on punctuation.

FTS5's own syntax treats ``-``, ``.``, ``'``, ``%`` and ``:`` as operators or errors, so
``Lee Min-ho`` asks for a column "ho" and ``O'Brien`` is a syntax error. The people's syntax
read by :func:`match_expression` has only these rules:

- words and ``"quoted phrases"``: every one must be in the article (in any order). Each is
  sent to FTS5 as a quoted phrase, so the index's own tokenizer splits ``Min-ho``,
  ``COVID-19``, ``U.S.`` and ``don't`` the way it split the articles' text, and every
  character is text (``50%`` finds "50%"; a word with no letter or digit is left out; an
  unclosed quote runs to the end);
- ``OR`` (in capitals) between two words or phrases: either will do (``Seoul OR Busan
  curfew`` is curfew and one of the two cities);
- ``-word`` or ``-"a phrase"`` (a minus at the start), or ``NOT word``: articles with it are
  left out; ``AND`` is what words do anyway and is skipped;
- ``word*`` or ``"a phr"*``: any word that starts so (``pension*``).

With ``fts=True`` the text is FTS5's own syntax (NEAR, ``column:``, ``^``, parentheses),
passed through as it is; :func:`search_error` makes what SQLite says of it one line.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from tidings.errors import StoreError

__all__ = ["MAX_SEARCH_CHARS", "match_expression", "search_error"]

MAX_SEARCH_CHARS = 1000
_TERM = re.compile(r'(-?)"([^"]*)"?(\*?)|(\S+)')
_WORDLIKE = re.compile(r"[^\W_]")  # a letter or digit: what the tokenizer keeps


@dataclass(frozen=True, slots=True)
class _Term:
    text: str  # the words, as typed
    excluded: bool
    prefix: bool

    def phrase(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


def match_expression(text: str, *, fts: bool = False, what: str = "search") -> str:
    """The FTS5 MATCH expression for ``text`` in the people's syntax (see the module's
    docstring), or with ``fts`` ``text`` itself; a :class:`StoreError` for a text over
    :data:`MAX_SEARCH_CHARS` or one with nothing to search for."""
    if len(text) > MAX_SEARCH_CHARS:
        raise StoreError(
            f"the {what} is {len(text):,} characters long; at most {MAX_SEARCH_CHARS:,} "
            "are searched: give a few words or a phrase"
        )
    if fts:
        return text
    groups: list[list[_Term]] = []  # all groups must match; one term of each
    excluded: list[_Term] = []
    joining = False
    for term in _terms(text):
        if term is None:  # OR
            joining = bool(groups)
        elif term.excluded:
            excluded.append(term)
            joining = False
        elif joining:
            groups[-1].append(term)
            joining = False
        else:
            groups.append([term])
    if not groups:
        raise StoreError(
            f'nothing to search for in {_shown(text)}: give a word or a "phrase" '
            "(a word with a minus in front only leaves articles out)"
        )
    required = " AND ".join(
        "(" + " OR ".join(term.phrase() for term in group) + ")" for group in groups
    )
    if not excluded:
        return required
    return f"({required}) NOT (" + " OR ".join(term.phrase() for term in excluded) + ")"


def search_error(text: str, error: sqlite3.Error, *, fts: bool) -> StoreError:
    """What to say when SQLite refuses the search for ``text``: one line, with FTS5's
    reason, and for FTS5's own syntax how to do without it."""
    reason = " ".join(str(error).removeprefix("fts5: ").split()) or type(error).__name__
    if fts:
        return StoreError(
            f"cannot search for {_shown(text)}: not an FTS5 query ({reason}); check its "
            "quotes and operators, or leave out --fts to search for the words as written"
        )
    return StoreError(f"cannot search for {_shown(text)} ({reason})")


def _terms(text: str) -> list[_Term | None]:
    """The words and phrases of ``text`` (None for each OR), those with nothing to search
    for (no letter or digit) left out."""
    terms: list[_Term | None] = []
    negate_next = False
    for match in _TERM.finditer(text):
        minus, phrase, star, word = match.groups()
        if word is not None:
            if word == "OR":
                terms.append(None)
                continue
            if word in ("AND", "NOT"):
                negate_next = word == "NOT"
                continue
            minus = "-" if word.startswith("-") else ""
            star = "*" if word.endswith("*") else ""
            phrase = word[len(minus) : len(word) - len(star)]
        if not _WORDLIKE.search(phrase):
            continue
        terms.append(_Term(phrase, excluded=bool(minus) or negate_next, prefix=bool(star)))
        negate_next = False
    return terms


def _shown(text: str) -> str:
    """``text`` quoted for an error message, cut to 60 characters, on one line."""
    text = " ".join(text.split())
    return repr(text if len(text) <= 60 else text[:59] + "…")

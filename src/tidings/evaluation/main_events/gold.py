"""5W1H gold data: the Giveme5W1H news dataset (one JSON file per article), read into articles.

The files (Hamborg et al., fhamborg/Giveme5W1H, Apache-2.0; the article texts are the
outlets') are read at run time from wherever the user keeps them, never bundled::

    {"dId": ..., "title": ..., "description": ..., "text": ...,
     "date_publish": "2016-11-09 00:00:00",
     "fiveWoneH": {"who": {"annotated": [{"text": "<phrase>", "coderPhraseCount": 2}, ...]},
                   "what": ..., "when": ..., "where": ..., "why": ..., "how": ...}}

An article's text for tidings is its title, a blank line, its description (the lead the
outlet wrote, when it is not already the start of the text), a blank line and its text: the
annotators read all three. Annotations without a phrase are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError
from tidings.model import QUESTIONS

__all__ = ["ANCHORS", "AnswerAnchor", "GoldArticle", "read_corpus"]


@dataclass(frozen=True, kw_only=True, slots=True)
class AnswerAnchor:
    """A published 5W1H precision to compare ours with."""

    system: str
    precision: float
    questions: str
    note: str


ANCHORS: tuple[AnswerAnchor, ...] = (
    AnswerAnchor(
        system="Giveme5W1H",
        precision=0.73,
        questions="all six",
        note="judged by people (Hamborg et al. 2019)",
    ),
    AnswerAnchor(
        system="Giveme5W1H",
        precision=0.82,
        questions="who, what, when, where",
        note="judged by people (Hamborg et al. 2019)",
    ),
)


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldArticle:
    """One annotated article: the text tidings reads and the phrases per question."""

    name: str
    title: str
    text: str
    published: str | None
    answers: dict[str, tuple[str, ...]]


def read_corpus(folder: Path) -> tuple[GoldArticle, ...]:
    """Every ``*.json`` article under ``folder``, in order of file name. Raises InputError
    when the folder is missing, holds no article, or a file is not one."""
    if not folder.is_dir():
        raise InputError(str(folder), "no such folder")
    paths = sorted(path for path in folder.glob("*.json") if path.is_file())
    if not paths:
        raise InputError(str(folder), "no Giveme5W1H .json files in this folder")
    return tuple(_read(path) for path in paths)


def _read(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text("utf-8"))
        title = (data.get("title") or "").strip()
        body = (data.get("text") or "").strip()
        description = (data.get("description") or "").strip()
        answers = {
            question: tuple(
                str(item["text"]).strip()
                for item in data["fiveWoneH"].get(question, {}).get("annotated", ())
                if isinstance(item, dict) and str(item.get("text") or "").strip()
            )
            for question in QUESTIONS
        }
    except (
        OSError,
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        AttributeError,
        TypeError,
    ) as error:
        raise InputError(str(path), f"not a Giveme5W1H article ({error})") from None
    if not body:
        raise InputError(str(path), "the article has no text")
    parts = [title] if title else []
    if description and not body.startswith(description[:60]):
        parts.append(description)
    parts.append(body)
    published = str(data.get("date_publish") or "")[:10] or None
    return GoldArticle(
        name=path.stem,
        title=title,
        text="\n\n".join(parts),
        published=published,
        answers=answers,
    )

"""Which language an article is in (py3langid, offline), and refusing those we cannot analyse."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any

from tidings.errors import UnsupportedLanguage
from tidings.model import Article

SAMPLE_CHARS = 3000
MIN_LETTERS = 40  # below this the guess is unreliable: we assume the article is fine
CONFIDENT = 0.9

LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
    "fr": "French", "hi": "Hindi", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of the text's language, or None when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(character.isalpha() for character in sample) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def with_language(article: Article, allowed: tuple[str, ...]) -> Article:
    """The article with ``language`` set; UnsupportedLanguage when it is confidently another."""
    default = allowed[0] if allowed else None
    guess = detect(article.text)
    if guess is None:
        return dataclasses.replace(article, language=article.language or default)
    code, probability = guess
    if code not in allowed and probability >= CONFIDENT:
        name = LANGUAGE_NAMES.get(code, code)
        wanted = ", ".join(LANGUAGE_NAMES.get(c, c) for c in allowed)
        raise UnsupportedLanguage(
            article.origin,
            f"the text looks {name} ({code}, p={probability:.2f}); tidings analyses {wanted} only",
            language=code,
        )
    return dataclasses.replace(article, language=code if code in allowed else default)

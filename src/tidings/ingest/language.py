"""Which language an article is in (py3langid, offline), and refusing those we cannot analyse."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tidings.errors import UnsupportedLanguage
from tidings.model import Article

SAMPLE_CHARS = 3000
MIN_LETTERS = 40  # below this the guess is unreliable: we assume the article is fine
CONFIDENT = 0.9
# an allowed language this unlikely is ruled out, whatever the best guess; English news
# scores p(en) >= 0.999 (GeoVirus, TR-News, the Wikinews sample), a list of foreign names 0.04
RULED_OUT = 0.01

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


@dataclass(frozen=True, slots=True)
class Guess:
    """The most likely language of a text, and how likely each language is."""

    code: str  # ISO 639-1
    probability: float
    probabilities: dict[str, float]

    def share(self, codes: tuple[str, ...]) -> float:
        """How likely the text is in one of ``codes``."""
        return sum(self.probabilities.get(code, 0.0) for code in codes)


def detect(text: str) -> Guess | None:
    """The text's language, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(character.isalpha() for character in sample) < MIN_LETTERS:
        return None
    ranking = [(str(code), float(probability)) for code, probability in _identifier().rank(sample)]
    code, probability = ranking[0]
    return Guess(code, probability, dict(ranking))


def with_language(article: Article, allowed: tuple[str, ...]) -> Article:
    """The article with ``language`` set; UnsupportedLanguage when it is confidently another
    language, or when one of the allowed languages is all but ruled out (a text in Chinese
    may be guessed Chinese at only p=0.8, yet its chance of being English is nil)."""
    default = allowed[0] if allowed else None
    guess = detect(article.text)
    if guess is None:
        return dataclasses.replace(article, language=article.language or default)
    if guess.code in allowed:
        return dataclasses.replace(article, language=guess.code)
    if guess.probability >= CONFIDENT or guess.share(allowed) < RULED_OUT:
        name = LANGUAGE_NAMES.get(guess.code, guess.code)
        wanted = ", ".join(LANGUAGE_NAMES.get(c, c) for c in allowed)
        raise UnsupportedLanguage(
            article.origin,
            f"the text looks {name} ({guess.code}, p={guess.probability:.2f}); tidings "
            f"analyses {wanted} only",
            language=guess.code,
        )
    return dataclasses.replace(article, language=default)  # unsure, and could be ours

"""Run tidings over GeoVirus or TR-News and score its places (``tidings eval geoparsing``).

Three runs over the same texts, scored by :mod:`.scores`:

- **end to end**: the ``places`` tidings reports, as a user gets them;
- **with demonyms**: the same, plus every demonym linked to a country ("Russian" -> Russia)
  as a toponym at the country's point. TR-News annotates demonyms as toponyms; tidings does
  not report them as places (they name people, not where something is), so this run shows
  what that choice costs on that set;
- **oracle**: the resolver alone, given the gold spans instead of its own recognition;
- **below country level**: the end-to-end places that are not countries, continents or
  world regions. A country's point is a convention (GeoVirus takes Wikipedia's, TR-News
  GeoNames', tidings the CIA World Factbook's via countryinfo) and two conventions are often
  more than 161 km apart for large countries, so this run shows resolution without that
  noise. Its recognition figures count only those places.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError
from tidings.evaluation.places.gold import GoldDataset, read_dataset
from tidings.evaluation.places.scores import (
    GeoparsingScores,
    GoldArticle,
    PredictedToponym,
    gold_spans,
    score_article,
)
from tidings.extract.places.toponyms import link_containers
from tidings.geo.geocoder import Geocoder, Toponym
from tidings.ingest import article_from_text
from tidings.model import Facts
from tidings.pipeline import analyze_articles, open_geocoder
from tidings.settings import Settings

__all__ = ["GeoparsingEvaluation", "evaluate_geoparsing"]


@dataclass(frozen=True, kw_only=True, slots=True)
class GeoparsingEvaluation:
    """Scores of one data set: end to end, with demonyms, and with gold spans (oracle)."""

    dataset: GoldDataset
    end_to_end: GeoparsingScores
    with_demonyms: GeoparsingScores
    oracle: GeoparsingScores
    below_country: GeoparsingScores
    articles: int  # articles scored
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {
            "dataset": self.dataset.name,
            "path": self.dataset.path,
            "articles": self.articles,
            "realigned": self.dataset.realigned,
            "end_to_end": self.end_to_end.to_json(),
            "with_demonyms": self.with_demonyms.to_json(),
            "oracle": self.oracle.to_json(),
            "below_country": self.below_country.to_json(),
            "seconds": round(self.seconds, 1),
        }


def evaluate_geoparsing(
    path: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> GeoparsingEvaluation:
    """Score tidings' places on the GeoVirus or TR-News file at ``path`` (the first ``limit``
    articles if given). Raises InputError for a file that is neither data set."""
    started = time.perf_counter()
    dataset = read_dataset(path)
    gold = dataset.articles[:limit] if limit else dataset.articles
    geocoder = open_geocoder(settings.model_copy(update={"places": True}))
    assert geocoder is not None
    articles = (article_from_text(a.text, f"{dataset.name}[{a.identifier}]") for a in gold)
    end_to_end = with_demonyms = oracle = below_country = GeoparsingScores()
    if on_progress is not None:
        on_progress(0, len(gold))
    facts_stream = analyze_articles(articles, settings, geocoder=geocoder)
    for done, (truth, facts) in enumerate(zip(gold, facts_stream, strict=True), start=1):
        if facts.article.text != truth.text:
            raise InputError(facts.article.origin, "tidings changed the text it was given")
        places = _predicted(facts)
        end_to_end += score_article(truth, places)
        with_demonyms += score_article(truth, places + _demonyms(facts, geocoder))
        oracle += score_article(truth, _oracle(truth, facts, geocoder))
        below_country += score_article(truth, _predicted(facts, local=True))
        if on_progress is not None:
            on_progress(done, len(gold))
    return GeoparsingEvaluation(
        dataset=dataset,
        end_to_end=end_to_end,
        with_demonyms=with_demonyms,
        oracle=oracle,
        below_country=below_country,
        articles=len(gold),
        seconds=time.perf_counter() - started,
    )


def _predicted(facts: Facts, *, local: bool = False) -> list[PredictedToponym]:
    """The places as predictions; ``local``: only those placed below country level."""
    return [
        PredictedToponym(start=place.start, end=place.end, lat=place.lat, lon=place.lon)
        for place in facts.places
        if not local or place.precision not in (None, "country", "continent")
    ]


def _demonyms(facts: Facts, geocoder: Geocoder) -> list[PredictedToponym]:
    found = []
    for entity in facts.entities:
        if entity.type != "NORP" or entity.country is None:
            continue
        country = geocoder.country_place(entity.country)
        for mention in entity.mentions:
            found.append(
                PredictedToponym(
                    start=mention.start,
                    end=mention.end,
                    lat=country.latitude if country else None,
                    lon=country.longitude if country else None,
                )
            )
    return found


def _oracle(truth: GoldArticle, facts: Facts, geocoder: Geocoder) -> list[PredictedToponym]:
    """Resolve the gold spans, with the article's demonyms as context, as the system would."""
    toponyms = [
        Toponym(text=truth.text[start:end], start=start, end=end)
        for start, end in gold_spans(truth)
    ]
    demonyms = [
        entity.country
        for entity in facts.entities
        if entity.type == "NORP" and entity.country is not None
        for _ in entity.mentions
    ]
    places = geocoder.resolve(link_containers(toponyms, truth.text), demonyms)
    return [
        PredictedToponym(start=place.start, end=place.end, lat=place.lat, lon=place.lon)
        for place in places
    ]

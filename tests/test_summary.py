from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tidings.extract.summary import summarize
from tidings.ingest import article_from_text

STORY = """Bridge collapses in Genoa, killing dozens

A motorway bridge collapsed in Genoa on Tuesday, killing at least 35 people.
Bridges are important parts of the road network in many countries.
Rescuers worked through the night to search the rubble of the collapsed bridge for survivors.
The weather is often pleasant in the region at this time of year.
Officials said the bridge was repaired in 2016 and that an inquiry into the collapse would open.
Tourism is a large industry in the region.
"""


def test_summary_is_n_sentences_in_article_order(nlp: Language) -> None:
    article = article_from_text(STORY, "story.txt")
    summary = summarize(nlp(article.text), title=article.title, sentences=3)
    assert len(summary) == 3
    assert [s.start for s in summary] == sorted(s.start for s in summary)
    for sentence in summary:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_summary_picks_the_news_not_the_background(nlp: Language) -> None:
    article = article_from_text(STORY, "story.txt")
    texts = [s.text for s in summarize(nlp(article.text), title=article.title, sentences=2)]
    assert texts[0].startswith("A motorway bridge collapsed in Genoa on Tuesday")
    assert not any("weather" in t or "Tourism" in t for t in texts)
    assert article.title not in texts


def test_summary_length_is_configurable(nlp: Language) -> None:
    doc = nlp(STORY)
    assert len(summarize(doc, title=None, sentences=1)) == 1
    assert len(summarize(doc, title=None, sentences=5)) == 5


def test_dateline_and_headline_are_never_summary(
    wikinews_docs: list[tuple[dict[str, str], Doc]],
) -> None:
    for row, doc in wikinews_docs:
        summary = summarize(doc, title=row["title"])
        assert len(summary) == 3
        dateline = row["text"].splitlines()[0].strip()
        assert all(s.text != dateline for s in summary)


def test_lead_sentence_of_wikinews_is_chosen(
    wikinews_docs: list[tuple[dict[str, str], Doc]],
) -> None:
    # Wikinews leads carry the news; the summary should start with the lead in most articles.
    hits = 0
    for row, doc in wikinews_docs:
        summary = summarize(doc, title=row["title"])
        lead = next(s for s in doc.sents if len(s) > 6 and s.start > 0)
        hits += summary[0].start <= lead.start_char + 5
    assert hits >= 16


def test_reference_article_summary(nlp: Language, reference_text: str) -> None:
    article = article_from_text(reference_text, "reference")
    texts = [s.text for s in summarize(nlp(article.text), title=article.title)]
    assert len(texts) == 3
    assert texts[0].startswith("On Monday a North Korean soldier successfully defected")
    assert any(t.startswith("South Korea said the soldier was shot") for t in texts)
    assert not any(t.startswith("is acutely embarrassed") for t in texts)


def test_text_of_stop_words_only_does_not_crash(nlp: Language) -> None:
    doc = nlp("And so it was and so it is, and so it will be for them.")
    assert len(summarize(doc, title=None)) <= 1

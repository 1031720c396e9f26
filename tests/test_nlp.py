from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from tidings.ingest import article_from_text
from tidings.nlp import PARAGRAPH_COMPONENT, annotate, load_pipeline


def test_pipeline_is_loaded_once_per_process(nlp: Language) -> None:
    assert load_pipeline() is nlp
    assert PARAGRAPH_COMPONENT in nlp.pipe_names
    assert nlp.pipe_names.index(PARAGRAPH_COMPONENT) < nlp.pipe_names.index("parser")


def test_headline_is_its_own_sentence(nlp: Language) -> None:
    text = "SOLDIER SHOT as he flees across border\n\nis seen as a blow to the regime. It said so."
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences[0] == "SOLDIER SHOT as he flees across border"
    assert sentences[1].startswith("is seen as a blow")


def test_dateline_does_not_merge_into_lead(nlp: Language) -> None:
    text = "Friday, January 4, 2019 \n\n\nAn apartment building collapsed on Monday in Russia."
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == [
        "Friday, January 4, 2019",
        "An apartment building collapsed on Monday in Russia.",
    ]


def test_single_newlines_do_not_split_sentences(nlp: Language) -> None:
    text = "The minister said on Monday that the\nbridge would reopen next week."
    assert len(list(nlp(text).sents)) == 1


def test_annotate_keeps_order_and_pairs_articles(nlp: Language) -> None:
    articles = [
        article_from_text(f"Story number {n} happened in Paris.", f"a{n}") for n in range(5)
    ]
    documents = list(annotate(iter(articles), nlp, batch_size=2))
    assert [d.article.origin for d in documents] == ["a0", "a1", "a2", "a3", "a4"]
    assert all(d.doc.text == d.article.text for d in documents)


def test_a_model_without_parser_still_finds_sentences(tmp_path: Path) -> None:
    import spacy

    from tidings.extract.summary import summarize

    spacy.blank("en").to_disk(tmp_path / "blank")
    nlp = load_pipeline(str(tmp_path / "blank"))
    assert "sentencizer" in nlp.pipe_names
    doc = nlp("Floods hit Dhaka on Monday. Thousands fled their homes. Aid arrived on Tuesday.")
    assert len(list(doc.sents)) == 3
    assert len(summarize(doc, title=None, sentences=2)) <= 2

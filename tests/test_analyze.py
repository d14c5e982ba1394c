"""The pipeline is loaded by name, runs in batches, and every article comes back in order."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from claimledger.analyze import analyze
from claimledger.errors import ClaimledgerError, Problem
from claimledger.model import ArticleRecord
from claimledger.nlp import DEFAULT_MODELS, STAGES, default_model, load, parse
from claimledger.read.base import make_article


def _article(text: str, **meta: str) -> object:
    return make_article(text, path="inline", **meta)


def test_default_model_is_an_installed_english_pipeline(nlp: Language) -> None:
    assert default_model() in DEFAULT_MODELS
    assert nlp.lang == "en"
    names = nlp.pipe_names
    assert {"parser", "ner", *STAGES} <= set(names)
    # our stages after the model's own components; paragraph breaks marked before the parser
    assert names[-len(STAGES) :] == list(STAGES)
    assert names.index("claimledger_paragraphs") == names.index("parser") - 1


def test_model_is_chosen_by_name_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_MODEL", "xx_custom_pipeline")
    assert default_model() == "xx_custom_pipeline"
    with pytest.raises(ClaimledgerError, match="'xx_custom_pipeline' is not installed"):
        load()


def test_a_pipeline_saved_to_disk_loads_by_path(tmp_path: object) -> None:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path)  # type: ignore[arg-type]
    assert load(str(tmp_path), stages=False).pipe_names == ["sentencizer"]


def test_docs_carry_their_article(nlp: Language) -> None:
    article = _article("Russian forces shelled Kherson, the governor said.", published="2025-11-03")
    [doc] = list(parse(nlp, [article]))  # type: ignore[list-item]
    assert doc._.article is article
    assert doc.text == article.text  # type: ignore[attr-defined]
    assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA")


def test_analyze_keeps_order_across_batches_and_languages(nlp: Language) -> None:
    texts = [
        f"Report {i}: drones were shot down over Kharkiv overnight, officials said."
        for i in range(7)
    ]
    texts.insert(3, "Российские войска нанесли удар по Харькову, сообщили местные власти.")
    articles = [_article(t) for t in texts]
    records = list(analyze(articles, nlp=nlp, batch_size=2))  # type: ignore[arg-type]
    assert [r.article.text for r in records] == [a.text for a in articles]  # type: ignore[union-attr, attr-defined]
    russian = records[3]
    assert isinstance(russian, ArticleRecord)
    assert [s.kind for s in russian.signals] == ["not_analyzed"]
    english = records[0]
    assert isinstance(english, ArticleRecord)
    assert [p.text for p in english.places] == ["Kharkiv"]
    assert [s.name for s in english.sources] == ["officials"]
    assert [(c.cue.text if c.cue else None, c.chain) for c in english.claims] == [
        ("said", [english.sources[0].id])
    ]
    assert "not_analyzed" not in {s.kind for s in english.signals}


def test_text_over_the_pipeline_limit_is_a_problem_not_a_crash(nlp: Language) -> None:
    long = _article("Shelling continued. " * 60)
    short = _article("Shelling stopped.")
    limit = nlp.max_length
    nlp.max_length = 500
    try:
        out = list(analyze([long, short], nlp=nlp))  # type: ignore[list-item]
    finally:
        nlp.max_length = limit
    assert isinstance(out[0], Problem) and "over the pipeline's limit of 500" in out[0].message
    assert isinstance(out[1], ArticleRecord)

"""The committed JSON Schema is the one the models generate; real output validates against it."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError
from spacy.language import Language

from claimledger.analyze import analyze
from claimledger.model import ArticleRecord, PlaceMention, json_schema_text
from conftest import EXAMPLES, ROOT, articles_and_problems

SCHEMA_FILE = ROOT / "docs" / "schema" / "article.schema.json"


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "docs/schema/article.schema.json is stale: run `make schema` and commit it"
    )


def test_analysed_examples_validate_against_the_schema(nlp: Language) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    arts, _ = articles_and_problems([EXAMPLES])
    records = [r for r in analyze(arts, nlp=nlp) if isinstance(r, ArticleRecord)]
    assert len(records) == len(arts)
    for record in records:
        validator.validate(json.loads(record.model_dump_json()))


def test_schema_rejects_what_the_contract_forbids() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    article = {"id": "x", "content_hash": "h", "text": "t"}
    assert validator.is_valid({"article": article})
    assert not validator.is_valid({"article": {**article, "renamed_field": 1}})
    bad_place = {"id": "p1", "start": 0, "end": 1, "text": "t", "status": "maybe", "confidence": 1}
    assert not validator.is_valid({"article": article, "places": [bad_place]})


def test_models_enforce_ranges() -> None:
    with pytest.raises(ValidationError):
        PlaceMention(id="p", start=0, end=1, text="x", status="resolved", confidence=1.5)

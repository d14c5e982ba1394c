"""The claims stage on the three seed articles (../shared/examples/seeds), through the CLI.

The checks name what the issue asks of each article's claims, by mechanism (a losses claim with
four figures, a dated weapons find), never by copying the articles' wording.
"""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from conftest import run_cli, shared


@pytest.fixture(scope="module")
def claims(nlp: Language) -> list[tuple[dict, dict]]:
    """(claim, its article's record) for every claim of the seed articles."""
    result = run_cli("analyze", shared("examples/seeds"), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return [(c, r) for r in records for c in r["claims"]]


def _sides(claim: dict, record: dict) -> list[str]:
    sources = {s["id"]: s for s in record["sources"]}
    return [sources[i]["side"] for i in claim["chain"]]


def test_ministry_losses_claim_has_four_figures(claims: list[tuple[dict, dict]]) -> None:
    losses = [
        c
        for c, _ in claims
        if c["type"] == "losses" and len(c["quantities"]) == 4 and c["status"] == "claimed"
    ]
    assert losses, [(c["type"], len(c["quantities"])) for c, _ in claims]
    figures = losses[0]["quantities"]
    assert [q["category"] for q in figures] == [
        "personnel",
        "tanks",
        "armored_vehicles",
        "artillery",
    ]
    assert figures[0]["qualifier"] == "more_than" and figures[0]["value"] == 210
    assert losses[0]["chain"], "the losses claim is attributed"


def test_company_commander_claim_dated_without_a_year(claims: list[tuple[dict, dict]]) -> None:
    dated = [
        c
        for c, _ in claims
        if c["date"]["start"] == "--11-24"
        and any(q["category"] == "armored_vehicles" and q["value"] == 2 for q in c["quantities"])
    ]
    assert dated and dated[0]["date"]["precision"] == "day"
    assert dated[0]["chain"]


def test_weapons_find_is_a_dated_seizure(claims: list[tuple[dict, dict]]) -> None:
    seizures = [c for c, _ in claims if c["type"] == "weapons_seizure"]
    assert any(c["date"]["start"] == "--11-22" and c["chain"] for c in seizures), [
        (c["text"][:60], c["date"]) for c in seizures
    ]


def test_ukrainian_denial_is_denied(claims: list[tuple[dict, dict]]) -> None:
    assert any(c["status"] == "denied" and "UA" in _sides(c, r) for c, r in claims)


def test_deployment_and_reported_capture_are_attributed(claims: list[tuple[dict, dict]]) -> None:
    deployments = [c for c, _ in claims if c["type"] == "deployment" and c["chain"]]
    assert deployments
    captures = [
        c
        for c, _ in claims
        if c["type"] == "territorial_control" and c["chain"] and c["date"]["start"] == "--12-01"
    ]
    assert captures, [(c["type"], c["date"], c["text"][:50]) for c, _ in claims]

"""The sources stage in the full pipeline: chains, coreference, registry, sides, the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Claim, Source
from conftest import run_cli, shared


def analyse(nlp: Language, text: str) -> Doc:
    return nlp(text)


def by_id(doc: Doc) -> dict[str, Source]:
    return {s.id: s for s in doc._.sources}


def chain_names(doc: Doc, claim: Claim) -> list[str]:
    sources = by_id(doc)
    return [sources[i].name for i in claim.chain]


def claim_with_cue(doc: Doc, cue: str) -> Claim:
    matches = [c for c in doc._.claims if c.cue is not None and c.cue.text == cue]
    assert matches, [c.cue.text for c in doc._.claims if c.cue]
    return matches[0]


def test_x_citing_y_is_a_chain_from_y(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "Interfax, citing the regional governor, reported that two schools were damaged.",
    )
    claim = claim_with_cue(doc, "reported")
    names = chain_names(doc, claim)
    assert names[-1] == "Interfax" and "governor" in names[0]
    assert claim.status == "claimed"


def test_a_report_by_x_citing_y(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "According to a report by Ukrinform citing the General Staff of Ukraine, "
        "the bridge near Kherson was hit.",
    )
    claim = claim_with_cue(doc, "According to")
    sources = by_id(doc)
    assert [sources[i].id for i in claim.chain] == ["ua.general_staff", "ua.ukrinform"]
    assert all(sources[i].side == "UA" for i in claim.chain)


def test_chain_three_deep(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "Reuters, citing TASS, which quoted the Russian Defence Ministry, reported that a "
        "depot near Belgorod had been hit.",
    )
    claim = claim_with_cue(doc, "reported")
    assert [by_id(doc)[i].id for i in claim.chain] == ["ru.mod", "ru.tass", "intl.reuters"]


def test_source_who_spoke_to_an_outlet(nlp: Language) -> None:
    doc = analyse(
        nlp,
        '"The convoy left at dawn," said a Ukrainian intelligence officer, who spoke to '
        "the Kyiv Independent on condition of anonymity.",
    )
    claim = claim_with_cue(doc, "said")
    first, last = (by_id(doc)[i] for i in (claim.chain[0], claim.chain[-1]))
    assert first.anonymous and first.side == "UA" and first.kind in {"military", "security_service"}
    assert last.id == "ua.kyiv_independent" or "Kyiv Independent" in last.name


def test_source_told_an_outlet(nlp: Language) -> None:
    doc = analyse(nlp, "A senior NATO official told Reuters that the shipment was delayed.")
    claim = claim_with_cue(doc, "told")
    first, last = (by_id(doc)[i] for i in (claim.chain[0], claim.chain[-1]))
    assert first.anonymous and first.side == "international"
    assert last.id == "intl.reuters"


def test_statement_on_a_telegram_channel_names_the_body_and_the_channel(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "The Russian Defence Ministry said that its troops had advanced. According to a post "
        "on the ministry's Telegram channel, air defences shot down nine drones over Kursk.",
    )
    claim = claim_with_cue(doc, "According to")
    assert [by_id(doc)[i].id for i in claim.chain] == ["ru.mod"]
    assert claim.channel == "Telegram channel"


def test_definite_description_continues_the_source_in_focus(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "Ukraine's Ministry of Defence said that the brigade had withdrawn from the village. "
        "The ministry added that the losses were light.",
    )
    first = claim_with_cue(doc, "said")
    second = claim_with_cue(doc, "added")
    assert first.chain == second.chain == ["ua.mod"]
    assert len(by_id(doc)["ua.mod"].mentions) == 2


def test_pronoun_and_surname_continue_a_named_person(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "Oleksandr Kovalenko, the commander of a Ukrainian drone unit, said that the "
        "crossing was mined. He added that the enemy had pulled back. Kovalenko said the "
        "unit would hold.",
    )
    chains = {tuple(c.chain) for c in doc._.claims}
    assert len(chains) == 1, [chain_names(doc, c) for c in doc._.claims]
    person = by_id(doc)[doc._.claims[0].chain[0]]
    assert person.kind == "person" and not person.anonymous
    assert person.role is not None and "commander" in person.role
    assert person.side == "UA"


def test_anonymous_sources_take_their_side_from_the_description(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "A source in the Russian security services said that the suspects were detained. "
        "Ukrainian officials said that the claim was false.",
    )
    sources = [by_id(doc)[c.chain[0]] for c in doc._.claims]
    assert [(s.side, s.anonymous) for s in sources] == [("RU", True), ("UA", True)]


def test_denial_is_a_claim_with_status_denied(nlp: Language) -> None:
    doc = analyse(nlp, "The Ukrainian General Staff denied that its troops had left Siversk.")
    claim = claim_with_cue(doc, "denied")
    assert claim.status == "denied" and claim.type == "denial"


def test_no_comment_is_no_claim(nlp: Language) -> None:
    doc = analyse(nlp, "Kyiv has not commented on the report.")
    assert doc._.claims == []


def test_contract_offsets_point_into_the_text(nlp: Language) -> None:
    doc = analyse(
        nlp,
        '"We pushed them back," the commander of the 47th Brigade said. Officials in Kharkiv '
        "said that power was restored, according to Suspilne.",
    )
    ids = {s.id for s in doc._.sources}
    assert doc._.claims
    for claim in doc._.claims:
        assert claim.cue is not None
        assert doc.text[claim.cue.start : claim.cue.end] == claim.cue.text
        if claim.source_span is not None:
            span = claim.source_span
            assert doc.text[span.start : span.end] == span.text
        assert claim.start <= claim.content_span.start < claim.content_span.end <= claim.end
        assert doc.text[claim.start : claim.end] == claim.text
        assert set(claim.chain) <= ids
    for source in doc._.sources:
        for start, end in source.mentions:
            assert 0 <= start < end <= len(doc.text)


SEEDS = "examples/seeds"


@pytest.fixture(scope="module")
def seed_records(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    folder = shared(SEEDS)
    result = run_cli("analyze", folder, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _chains(record: dict) -> list[list[dict]]:
    sources = {s["id"]: s for s in record["sources"]}
    return [[sources[i] for i in c["chain"]] for c in record["claims"]]


def test_seed_chains_run_from_origin_to_the_outlet(seed_records: list[dict]) -> None:
    chains = [[s["id"] for s in chain] for r in seed_records for chain in _chains(r)]
    assert ["ru.mod", "ru.tass"] in chains
    assert ["ru.shot", "ru.life"] in chains
    relayed = [
        chain
        for r in seed_records
        for chain in _chains(r)
        if len(chain) == 2 and chain[1]["id"] == "ru.ria"
    ]
    assert relayed and relayed[0][0]["anonymous"] and relayed[0][0]["side"] == "RU"


def test_seed_anonymous_sources_have_their_side(seed_records: list[dict]) -> None:
    sources = [s for r in seed_records for s in r["sources"]]

    def find(words: str) -> dict:
        return next(s for s in sources if words in s["name"].lower())

    assert (
        find("ukrainian military source")["side"],
        find("ukrainian military source")["anonymous"],
    ) == ("UA", True)
    assert (find("fsb official")["side"], find("fsb official")["anonymous"]) == ("RU", True)
    assert (find("diplomat")["side"], find("diplomat")["anonymous"]) == ("international", True)


def test_seed_ukrainian_denial(seed_records: list[dict]) -> None:
    denied = [
        c
        for r in seed_records
        for c in r["claims"]
        if c["status"] == "denied"
        and any(s["side"] == "UA" for s in r["sources"] if s["id"] in c["chain"])
    ]
    assert any("baseless" in c["text"] for c in denied)


def test_ingest_stores_sources_and_claims(nlp: Language, tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    text = tmp_path / "a.txt"
    text.write_text(
        "Life, citing the Telegram channel Mash, wrote that a depot burned near Kursk.",
        encoding="utf-8",
    )
    assert run_cli("ingest", text, "--db", f"sqlite:///{db}").returncode == 0
    exported = run_cli("export", "--db", f"sqlite:///{db}", "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    record = json.loads(exported.stdout.splitlines()[0])
    assert [c["chain"] for c in record["claims"]] == [["ru.mash", "ru.life"]]
    assert {s["id"] for s in record["sources"]} == {"ru.mash", "ru.life"}


def test_source_interviewed_by_an_outlet(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "A military expert interviewed by RIA Novosti said that the offensive would stall.",
    )
    claim = claim_with_cue(doc, "said")
    assert claim.chain[-1] == "ru.ria"
    assert by_id(doc)[claim.chain[0]].anonymous


def test_body_quoted_by_an_agency(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "The Ukrainian Air Force, quoted by Ukrinform, said that 40 drones were shot down.",
    )
    claim = claim_with_cue(doc, "said")
    assert claim.chain == ["ua.air_force", "ua.ukrinform"]


def test_a_name_both_sides_use_continues_the_one_in_focus(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "Ukraine's General Staff said that 52 attacks were repelled.\n\n"
        "The General Staff said that fighting was heaviest near Myrnohrad.",
    )
    assert [c.chain for c in doc._.claims] == [["ua.general_staff"], ["ua.general_staff"]]


def test_agency_citing_a_body_at_the_end_of_the_sentence(nlp: Language) -> None:
    doc = analyse(
        nlp,
        "Russian troops pushed further into Kupiansk over the past day, the state news agency "
        "TASS reported on Tuesday, citing the Russian Defence Ministry.\n\n"
        "The ministry said that four counterattacks had been repelled.",
    )
    assert [c.chain for c in doc._.claims] == [["ru.mod", "ru.tass"], ["ru.mod", "ru.tass"]]


def test_a_stance_with_no_named_holder_makes_no_claim(nlp: Language) -> None:
    # the finder reads "calls for a ceasefire" as a stance on record; with nobody named as
    # holding it, it is the article's voice, not a source's claim
    doc = analyse(nlp, "Calls for a ceasefire grew louder. The ministry said the bridge held.")
    assert [c.cue.text for c in doc._.claims if c.cue is not None] == ["said"]


def test_a_report_cited_by_a_ministry_is_a_chain(nlp: Language) -> None:
    doc = analyse(nlp, "The Russian Defence Ministry cited a report saying the dam was damaged.")
    claim = claim_with_cue(doc, "saying")
    assert by_id(doc)[claim.chain[-1]].id == "ru.mod" and len(claim.chain) == 2

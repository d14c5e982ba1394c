"""Article signals: each finding with the text that triggered it, through the real pipeline on
short articles written for these tests, and the loaded-term matcher on its own."""

from __future__ import annotations

import logging
import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import claimledger.signals as signals_module
from claimledger.model import (
    Article,
    Candidate,
    CharRange,
    Claim,
    PlaceMention,
    Signal,
    Source,
    Span,
)
from claimledger.nlp import parse
from claimledger.signals import (
    COMPUTED,
    KINDS,
    LoadedTerm,
    find_loaded_terms,
    find_signals,
    loaded_terms,
    near_duplicate_signal,
    state_owned_agencies,
)
from claimledger.signals_component import FACTORY, SignalStage
from claimledger.sources.registry import registry

ARTICLES = {
    "chains": (
        "The Russian Defence Ministry said its forces had destroyed three tanks near Pokrovsk. "
        "TASS, citing the ministry, reported that Russian troops had taken two villages in the "
        "Donetsk region.\n"
        "A Ukrainian military source, speaking on condition of anonymity, said the assault had "
        "been repelled. The Telegram channel Rybar wrote that assault groups had entered "
        "Myrnohrad."
    ),
    "outlets": (
        "Ukraine's General Staff said on its Telegram channel that 40 Russian soldiers had been "
        "killed near Kupiansk. Zvezda reported, citing a source in the Russian army, that a bridge "
        "near Kherson had been destroyed."
    ),
    "names": (
        "Shelling damaged a school in Gorlovka on Sunday, the local administration said. "
        "Residents of Zrbrkvtsyno fled east. Russian artillery also struck Artemovsk overnight. "
        "Residents of Kiev spent the night in shelters."
    ),
    "aliases": (
        "The village of Zhovtneve, known in Russian as Krasnoselka, came under fire, the "
        "regional governor said."
    ),
    "terms": (
        "Russian state television said the offensive was part of the special military "
        'operation against the "Kiev regime". A Ukrainian commander said the rashists had lost '
        "dozens of men near Kupiansk. Deliveries of shells from the collective West have slowed "
        "this winter."
    ),
}


@pytest.fixture(scope="module")
def docs(nlp: Language) -> dict[str, Doc]:
    articles = [
        Article(id=name, content_hash=name, text=text, published="2025-12-02")
        for name, text in ARTICLES.items()
    ]
    stage = SignalStage()  # on the parsed Docs: the session's shared pipeline stays as it is
    return {doc._.article.id: stage(doc) for doc in parse(nlp, articles)}


def of_kind(doc: Doc, kind: str) -> list[Signal]:
    return [s for s in doc._.signals if s.kind == kind]


def at(doc: Doc, kind: str, text: str) -> Signal:
    found = [s for s in of_kind(doc, kind) if s.text == text]
    assert len(found) == 1, [(s.kind, s.text) for s in doc._.signals]
    return found[0]


def shares(detail: str) -> dict[str, tuple[int, int]]:
    """ "RU 3 of 5 (60%), UA 1 of 5 (20%)" -> {"RU": (3, 5), "UA": (1, 5)}"""
    return {
        label.strip(): (int(n), int(total))
        for label, n, total in re.findall(r"([^,]+?) (\d+) of (\d+) \(\d+%\)", detail)
    }


# -- through the pipeline -----------------------------------------------------------------------
def test_every_signal_points_at_its_own_text(docs: dict[str, Doc]) -> None:
    for doc in docs.values():
        located = [s for s in doc._.signals if s.start is not None]
        whole = [s for s in doc._.signals if s.start is None]
        assert doc._.signals == whole + located  # whole-article signals first
        assert [s.start for s in located] == sorted(s.start for s in located)  # text order
        for s in doc._.signals:
            assert s.kind in KINDS and s.detail
            if s.start is not None:
                assert s.end is not None and doc.text[s.start : s.end] == s.text


def test_claims_counted_by_the_side_of_their_origin(docs: dict[str, Doc]) -> None:
    doc = docs["chains"]
    (signal,) = of_kind(doc, "claims_by_side")
    counts = shares(signal.detail)
    # the ministry twice (once through TASS) and Rybar for Russia; one anonymous Ukrainian
    assert counts["RU"] == (3, len(doc._.claims)) and counts["UA"][0] == 1
    assert signal.detail.startswith("RU ")  # the largest share first
    assert sum(n for n, _ in counts.values()) == len(doc._.claims)


def test_anonymous_source_at_its_first_mention(docs: dict[str, Doc]) -> None:
    doc = docs["chains"]
    signal = at(doc, "anonymous_source", "A Ukrainian military source")
    assert "(UA)" in signal.detail
    (share,) = of_kind(doc, "anonymous_sources")
    assert share.detail.startswith(f"1 of {len(doc._.sources)} ")
    assert share.detail.endswith("Ukrainian military source")


def test_chains_ending_at_a_state_agency_and_a_telegram_channel(docs: dict[str, Doc]) -> None:
    doc = docs["chains"]
    tass = at(doc, "chain_ends_at_state_media", "TASS")
    assert "state-owned news agency, RU" in tass.detail and "→ TASS" in tass.detail
    rybar = at(doc, "chain_ends_at_telegram", "The Telegram channel Rybar")
    assert rybar.detail.startswith("Rybar (Telegram channel, RU)")
    # the ministry's own statement reaches the article without state media
    assert len(of_kind(doc, "chain_ends_at_state_media")) == 1
    # a channel the registry knows is no place the gazetteer failed on
    assert not [s for s in doc._.signals if s.kind.endswith("_place") and s.text == "Rybar"]


def test_state_broadcaster_and_a_post_on_telegram(docs: dict[str, Doc]) -> None:
    doc = docs["outlets"]
    zvezda = at(doc, "chain_ends_at_state_media", "Zvezda")
    assert "(state media, RU)" in zvezda.detail and "→ Zvezda" in zvezda.detail
    staff = at(doc, "chain_ends_at_telegram", "Ukraine's General Staff")
    assert "(UA), on Telegram" in staff.detail


def test_russian_form_former_and_unknown_names(docs: dict[str, Doc]) -> None:
    doc = docs["names"]
    assert at(doc, "russian_form_name", "Gorlovka").detail.startswith("Gorlovka → Horlivka")
    assert at(doc, "russian_form_name", "Kiev").detail.startswith("Kiev → Kyiv")
    assert at(doc, "former_name", "Artemovsk").detail.startswith("Artemovsk → Bakhmut")
    at(doc, "unresolved_place", "Zrbrkvtsyno")
    # "Kiev" is a spelling, not a loaded term
    assert not of_kind(doc, "loaded_term")


def test_names_the_text_gives_as_one_place_that_no_place_shares(docs: dict[str, Doc]) -> None:
    doc = docs["aliases"]
    first = at(doc, "place_alias_conflict", "Zhovtneve")
    second = at(doc, "place_alias_conflict", "Krasnoselka")
    assert "'Krasnoselka'" in first.detail and "'Zhovtneve'" in second.detail


def test_loaded_terms_and_whose_words_they_are(docs: dict[str, Doc]) -> None:
    doc = docs["terms"]
    smo = at(doc, "loaded_term", "special military operation")
    assert "euphemism, RU usage" in smo.detail and "from Russian state television" in smo.detail
    assert "in quotation marks" in at(doc, "loaded_term", "Kiev regime").detail
    assert "UA usage" in at(doc, "loaded_term", "rashists").detail
    assert at(doc, "loaded_term", "collective West").detail.endswith("the article's own words")


# -- the component ------------------------------------------------------------------------------
@pytest.fixture()
def blank() -> Language:
    import claimledger.signals_component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY)
    return nlp


def test_component_keeps_signals_already_on_the_doc(blank: Language) -> None:
    doc = blank.make_doc("Orcs and rashists, the post said.")
    doc._.signals = [Signal(kind="not_analyzed", detail="kept")]
    doc = blank(blank(doc))  # twice: what the stage computes is replaced, never doubled
    assert [s.kind for s in doc._.signals] == ["not_analyzed", "loaded_term", "loaded_term"]


def test_component_survives_a_broken_document(
    blank: Language, caplog: pytest.LogCaptureFixture
) -> None:
    doc = blank.make_doc("Kupiansk.")
    doc._.signals = [near_duplicate_signal("a1", 0.97)]
    doc._.places = ["not a place mention"]
    with caplog.at_level(logging.ERROR):
        doc = blank(doc)
    assert [s.kind for s in doc._.signals] == ["near_duplicate"]
    assert "signal stage failed" in caplog.text


# -- signals from the contract's models, without a parse --------------------------------------
def _claim(cid: str, chain: list[str], span: tuple[int, int] | None, text: str) -> Claim:
    return Claim(
        id=cid,
        start=0,
        end=len(text),
        text=text,
        source_span=Span(start=span[0], end=span[1], text=text[span[0] : span[1]])
        if span
        else None,
        content_span=CharRange(start=0, end=len(text)),
        chain=chain,
        type="statement",
        status="claimed" if chain else "asserted",
    )


def test_shares_and_chains_from_models() -> None:
    text = "RT said so. RT said more. Kyiv said no. It rained. A source said yes."
    sources = [
        Source(id="ru.rt", name="RT", kind="state_media", side="RU", mentions=[(0, 2), (12, 14)]),
        Source(id="ua.gov", name="Kyiv", kind="government", side="UA", mentions=[(26, 30)]),
        Source(id="s1", name="source", kind="unknown", anonymous=True, mentions=[(51, 59)]),
    ]
    claims = [
        _claim("c1", ["ru.rt"], (0, 2), text),
        _claim("c2", ["ru.rt"], (12, 14), text),
        _claim("c3", ["ua.gov"], (26, 30), text),
        _claim("c4", [], None, text),
        _claim("c5", ["s1"], (51, 59), text),
    ]
    found = find_signals(text, [], sources, claims)
    assert found[0] == Signal(
        kind="claims_by_side",
        detail="RU 2 of 5 (40%), UA 1 of 5 (20%), unknown 1 of 5 (20%), own voice 1 of 5 (20%)",
    )
    assert found[1].detail == "1 of 3 (33%) sources are anonymous: source"
    state = [(s.start, s.text, s.detail) for s in found if s.kind == "chain_ends_at_state_media"]
    assert state == [
        (0, "RT", "RT (state media, RU); claim c1"),
        (12, "RT", "RT (state media, RU); claim c2"),
    ]
    assert [s.text for s in found if s.kind == "anonymous_source"] == ["A source"]


def test_a_claim_that_inherits_its_chain_joins_the_citation() -> None:
    text = "RT, citing the ministry, said a bridge fell. The ministry added that two tanks burned."
    cited, later = text.index("RT, citing the ministry"), text.index("The ministry")
    sources = [
        Source(id="ru.rt", name="RT", kind="state_media", side="RU", mentions=[(0, 2)]),
        Source(
            id="ru.mod",
            name="Ministry",
            kind="military",
            side="RU",
            mentions=[(cited + 11, cited + 23), (later, later + 12)],
        ),
    ]
    claims = [
        _claim("c1", ["ru.mod", "ru.rt"], (cited, cited + 23), text),
        _claim("c2", ["ru.mod", "ru.rt"], (later, later + 12), text),
    ]
    (signal,) = [s for s in find_signals(text, [], sources, claims) if s.start is not None]
    assert (signal.kind, signal.text) == ("chain_ends_at_state_media", "RT, citing the ministry")
    assert signal.detail == "RT (state media, RU); claims c1 (Ministry → RT), c2 (Ministry → RT)"


def _ambiguous(pid: str, start: int, text: str, *candidates: Candidate) -> PlaceMention:
    return PlaceMention(
        id=pid,
        start=start,
        end=start + len(text),
        text=text,
        status="ambiguous",
        confidence=0.4,
        candidates=list(candidates),
    )


def test_place_signals_from_models() -> None:
    text = "Rybar wrote of Olkhovatka, of Donbas and again of Olkhovatka."
    sources = [
        Source(id="ru.rybar", name="Rybar", kind="telegram_channel", side="RU", mentions=[(0, 5)])
    ]
    two = (
        Candidate(id="g:1", name="Vilkhuvatka", kind="PPL", country="UA", score=0.6),
        Candidate(id="g:2", name="Olkhovatka", kind="PPL", country="RU", score=0.4),
    )
    oblasts = (
        Candidate(
            id="g:3", name="Donetsk", kind="ADM1", country="UA", precision="admin1", score=0.6
        ),
        Candidate(
            id="g:4", name="Luhansk", kind="ADM1", country="UA", precision="admin1", score=0.4
        ),
    )
    first, donbas, again = (text.index("Olkhovatka"), text.index("Donbas"), text.rindex("Olk"))
    places = [
        # a channel's name is not a place, however the places stage took it
        PlaceMention(id="p1", start=0, end=5, text="Rybar", status="unresolved", confidence=0.0),
        _ambiguous("p2", first, "Olkhovatka", *two).model_copy(update={"flags": ["russian_form"]}),
        _ambiguous("p3", donbas, "Donbas", *oblasts),  # a region over two oblasts: no ambiguity
        _ambiguous("p4", again, "Olkhovatka", *two),  # shown once, at its first mention
    ]
    found = [s for s in find_signals(text, places, sources, []) if s.start is not None]
    assert [(s.kind, s.start) for s in found] == [
        ("ambiguous_place", first),
        ("russian_form_name", first),
    ]
    assert found[0].detail == (
        "could be Vilkhuvatka (UA) 0.60 or Olkhovatka (RU) 0.40 (2 mentions)"
    )
    assert found[1].detail.startswith("Olkhovatka → Vilkhuvatka (the place's Ukrainian name, if")


def test_near_duplicate_is_reserved_for_the_ledger() -> None:
    signal = near_duplicate_signal("article-7", 0.912)
    assert signal.kind in KINDS and signal.kind not in COMPUTED
    assert signal.detail == "near-duplicate of article article-7 (similarity 0.91)"


def test_every_kind_is_documented_in_the_module_table() -> None:
    doc = signals_module.__doc__ or ""
    rows = [ln.split("|")[1].strip() for ln in doc.splitlines() if ln.startswith("| ")]
    documented = {r for r in rows if r and r != "kind"}
    assert documented == set(KINDS)


# -- the loaded-term matcher --------------------------------------------------------------------
TERMS = [
    LoadedTerm("neo-Nazi", "RU", "dehumanising", "-"),
    LoadedTerm("neo-Nazi regime", "RU", "delegitimising", "-"),
    LoadedTerm("Kiev regime", "RU", "delegitimising", "-"),
    LoadedTerm("orc", "UA", "dehumanising", "-"),
]


def matched(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.term.term) for m in find_loaded_terms(text, TERMS)]


def test_matcher_takes_case_plural_and_hyphen_variants() -> None:
    text = "Neo-Nazis, neo Nazis and neonazis; the KIEV REGIME's army; the Kiev-regime; orcs."
    assert [t for t, _ in matched(text)] == [
        "Neo-Nazis",
        "neo Nazis",
        "neonazis",
        "KIEV REGIME",
        "Kiev-regime",
        "orcs",
    ]


def test_matcher_takes_whole_words_only() -> None:
    assert matched("An orchestra in Borcs; a Kievregime; scorched neo-Nazism.") == []


def test_matcher_takes_the_longest_term() -> None:
    assert matched("the neo-Nazi regime fell") == [("neo-Nazi regime", "neo-Nazi regime")]


def test_table_flags_the_propaganda_phrases_but_not_plain_words() -> None:
    text = (
        "The special military operation against the Kiev regime's neo-Nazis, said the "
        "Anglo-Saxons' critic. Troops liberated a village near Kiev; the occupiers left; "
        "Anglo-Saxon England was long ago."
    )
    found = [m.text for m in find_loaded_terms(text)]
    assert found == ["special military operation", "Kiev regime", "neo-Nazis", "Anglo-Saxons"]


def test_every_table_term_finds_itself() -> None:
    terms = loaded_terms()
    assert {t.side for t in terms} == {"RU", "UA", "both"}
    for term in terms:
        found = find_loaded_terms(f"They wrote of {term.term} again.")
        assert [m.term for m in found] == [term], term.term


def test_state_owned_agencies_are_news_agencies_of_the_registry() -> None:
    reg = registry()
    agencies = state_owned_agencies()
    assert {"ru.tass", "ru.ria"} <= agencies
    for source_id in agencies:
        assert source_id in reg and reg.get(source_id).kind == "news_agency", source_id

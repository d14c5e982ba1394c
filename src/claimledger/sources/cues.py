"""The reviewed cue tables under data/sources/: which words make an attribution, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "sources"

CLASSES = frozenset({"speech", "denial", "cognition", "intention", "evidence", "appearance"})
FRAMES = frozenset(
    {"clause", "xcomp", "object", "quote", "target", "as", "view", "document", "thing", "strict"}
)


@dataclass(frozen=True)
class CueWord:
    lemma: str
    cls: str
    frames: frozenset[str]  # FRAMES and prep:W, as cue_verbs.txt explains

    @property
    def speech(self) -> bool:
        """Can introduce a quote and stand after its content ("..., he said")."""
        return self.cls in ("speech", "denial")

    def preps(self) -> frozenset[str]:
        return frozenset(f.split(":", 1)[1] for f in self.frames if f.startswith("prep:"))


def table_lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")]


def _check(name: str, word: CueWord) -> CueWord:
    bad = [f for f in word.frames if f not in FRAMES and not f.startswith("prep:")]
    if word.cls not in CLASSES or bad:
        raise ValueError(f"{name}: bad row for '{word.lemma}': class {word.cls}, frames {bad}")
    return word


@cache
def cue_verbs() -> dict[str, CueWord]:
    table: dict[str, CueWord] = {}
    for line in table_lines("cue_verbs.txt"):
        lemma, cls, frames = cells(line)
        table.setdefault(
            lemma, _check("cue_verbs.txt", CueWord(lemma, cls, frozenset(frames.split(","))))
        )
    return table


@cache
def cue_nouns() -> dict[str, CueWord]:
    """lemma -> the noun's class, its content prepositions as prep:W frames, and `target`."""
    table: dict[str, CueWord] = {}
    for line in table_lines("cue_nouns.txt"):
        lemma, cls, preps, target = [*cells(line), "", ""][:4]
        frames = frozenset(f"prep:{p.strip()}" for p in preps.split(",") if p.strip())
        frames |= {target} if target else set()
        table[lemma] = _check("cue_nouns.txt", CueWord(lemma, cls, frames))
    return table


@dataclass(frozen=True)
class CueIdiom:
    """A verb with a noun or particle ("took issue with", "pushed back on")."""

    verb: str
    words: frozenset[str]  # empty: the verb alone with one of the prepositions
    preps: frozenset[str]  # empty: the content is the verb's object or the that-clause
    cls: str
    target: bool = False  # a person, a body or an idea only: "took aim at", not at a bridge


@cache
def cue_idioms() -> dict[str, tuple[CueIdiom, ...]]:
    """verb lemma -> its idioms in cue_idioms.txt, in table order."""
    table: dict[str, list[CueIdiom]] = {}
    for line in table_lines("cue_idioms.txt"):
        verb, words, preps, cls, target = [*cells(line), ""][:5]
        if cls not in CLASSES or target not in ("", "target"):
            raise ValueError(f"cue_idioms.txt: bad row for {verb!r}: {line!r}")
        table.setdefault(verb, []).append(
            CueIdiom(verb, _word_set(words), _word_set(preps), cls, target == "target")
        )
    return {verb: tuple(rows) for verb, rows in table.items()}


def _word_set(cell: str) -> frozenset[str]:
    return frozenset(w.strip() for w in cell.split(",") if w.strip() and w.strip() != "-")


@cache
def cue_phrases() -> tuple[tuple[str, ...], ...]:
    """Multi-word prepositional cues as word tuples, longest first."""
    return tuple(
        sorted((tuple(p.split()) for p in table_lines("cue_phrases.txt")), key=len, reverse=True)
    )


@cache
def cue_adjectives() -> dict[str, tuple[frozenset[str], str]]:
    """adjective -> (the prepositions whose object is its content, the verb it needs or "")."""
    table = {}
    for line in table_lines("cue_adjectives.txt"):
        adj, preps, verb = [*cells(line), "", ""][:3]
        table[adj] = (frozenset(p.strip() for p in preps.split(",") if p.strip()), verb)
    return table


@cache
def document_nouns() -> dict[str, str]:
    """lemma -> poll, record or channel (document_nouns.txt)."""
    table = {}
    for line in table_lines("document_nouns.txt"):
        lemma, kind = cells(line)
        if kind not in ("poll", "record", "channel"):
            raise ValueError(f"document_nouns.txt: bad kind {kind!r} for {lemma!r}")
        table[lemma] = kind
    return table


@cache
def holder_nouns() -> frozenset[str]:
    """Nouns for those who hold views: speaker_nouns() and holder_nouns.txt."""
    return speaker_nouns() | frozenset(table_lines("holder_nouns.txt"))


@cache
def stance_people() -> dict[str, bool]:
    """lemma -> whether its "of" must name a person, a body or an idea (`target`): "defenders
    of the plan" hold a view, "defenders of the village" hold a line."""
    table = {}
    for line in table_lines("stance_people.txt"):
        lemma, *marks = cells(line)
        table[lemma] = marks == ["target"]
    return table


@cache
def stance_targets() -> frozenset[str]:
    return frozenset(table_lines("stance_targets.txt"))


@cache
def media_words() -> frozenset[str]:
    return frozenset(table_lines("media_words.txt"))


@cache
def light_verbs() -> frozenset[str]:
    return frozenset(table_lines("light_verbs.txt"))


@cache
def headline_labels() -> frozenset[str]:
    return frozenset(table_lines("headline_labels.txt"))


@cache
def hearsay_adverbs() -> frozenset[str]:
    return frozenset(table_lines("hearsay_adverbs.txt"))


@cache
def stance_nouns() -> frozenset[str]:
    """Cue nouns that are a stance on record without a named holder (stance_nouns.txt)."""
    words = frozenset(table_lines("stance_nouns.txt"))
    missing = words - set(cue_nouns())
    if missing:
        raise ValueError(f"stance_nouns.txt: not in cue_nouns.txt: {sorted(missing)}")
    return words


@cache
def receiving_verbs() -> frozenset[str]:
    return frozenset(table_lines("receiving_verbs.txt"))


@cache
def naming_verbs() -> frozenset[str]:
    return frozenset(table_lines("naming_verbs.txt"))


@cache
def cite_verbs() -> frozenset[str]:
    return frozenset(table_lines("cite_verbs.txt"))


@cache
def outlet_verbs() -> dict[str, frozenset[str]]:
    """lemma -> how the outlet attaches: prep:W or dative."""
    return {
        lemma: frozenset(how.split(","))
        for lemma, how in map(cells, table_lines("outlet_verbs.txt"))
    }


@cache
def denial_terms() -> frozenset[str]:
    return frozenset(table_lines("denial_terms.txt"))


@cache
def denial_targets() -> frozenset[str]:
    return frozenset(table_lines("denial_targets.txt"))


@cache
def speaker_nouns() -> frozenset[str]:
    """Nouns for people and bodies that speak: the heads in anonymous_heads.txt and
    focus_heads.txt ("official", "spokesperson", "ministry", ...)."""
    words = set()
    for name in ("anonymous_heads.txt", "focus_heads.txt"):
        for line in table_lines(name):
            phrase = cells(line)[0]
            if " " not in phrase:
                words.add(phrase.lower())
    return frozenset(words)

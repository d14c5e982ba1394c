"""Light coreference: "the ministry", "the spokesperson", "he", "Sorokin" continue the source
in focus."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from claimledger.model import Source
from claimledger.sources.cues import cells, table_lines
from claimledger.sources.registry import KINDS

PERSONAL = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
THING = {"it"}
DEFINITE = {"the", "this", "that", "these", "those"}
# kinds of source that are bodies, not people
ORGANISATIONS = set(KINDS) - {"person", "group", "unknown"}


@cache
def person_heads() -> frozenset[str]:
    """Nouns for one person: the one-word speaker heads of anonymous_heads.txt, the focus
    heads that can name a person, and the heads of bodies used for their leaders."""
    words = {cells(line)[0].lower() for line in table_lines("anonymous_heads.txt")}
    words = {w for w in words if " " not in w}
    words.update(h for h, kinds in focus_heads().items() if "person" in kinds)
    plural = {"people", "locals", "separatists", "eyewitnesses", "witnesses", "media", "press"}
    return frozenset(words - plural)


@cache
def focus_heads() -> dict[str, frozenset[str]]:
    return {
        head: frozenset(kinds.split(","))
        for head, kinds in (cells(line) for line in table_lines("focus_heads.txt"))
    }


@dataclass
class Focus:
    """The sources seen so far in an article, latest last."""

    seen: list[tuple[Source, str]] = field(default_factory=list)  # (source, head lemma)

    def add(self, source: Source, head: str) -> None:
        self.seen.append((source, head))

    def resolve(self, head: Token, phrase: list[Token]) -> Source | None:
        """The earlier source this phrase refers to, if it is an anaphor."""
        lower = head.lower_
        if head.pos_ == "PRON":
            if lower in PERSONAL:
                return self._latest(lambda s, h: s.kind in ("person",) or _singular_person(h))
            if lower in PLURAL:
                return self._latest(lambda s, h: s.kind in ORGANISATIONS or h.endswith("s"))
            if lower in THING:
                return self._latest(lambda s, h: s.kind in ORGANISATIONS)
            return None
        words = [t for t in phrase if not t.is_punct]
        if head.pos_ == "PROPN" and len(words) == 1:
            # a surname alone: "Sorokin" after "Ilya Sorokin"
            return self._latest(
                lambda s, h: s.kind == "person" and s.name.split()[-1].lower() == lower
            )
        if not words or words[0].lower_ not in DEFINITE:
            return None
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") for t in words):
            return None  # "the Russian ministry", "the outlet Life" name their own source
        lemma = head.lemma_.lower()
        kinds = focus_heads().get(lemma)
        if kinds is None:
            return None
        same_head = self._latest(lambda s, h: h == lemma or lemma in s.name.lower())
        return same_head or self._latest(lambda s, h: s.kind in kinds and s.kind != "unknown")

    def _latest(self, test: object) -> Source | None:
        for source, head in reversed(self.seen):
            if test(source, head):  # type: ignore[operator]
                return source
        return None


def _singular_person(head: str) -> bool:
    return head in {
        "source",
        "official",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "commander",
        "operative",
        "general",
        "diplomat",
        "officer",
        "soldier",
        "minister",
    }

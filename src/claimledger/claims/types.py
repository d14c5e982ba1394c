"""What a claim is about: the claim-type words in its text (claim_types.tsv), read with the parse.

"Russian forces captured the village after heavy shelling" has two such words; the one nearest
the clause's root (the main verb) decides: territorial_control, not attack.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.claims.lexicon import TypeWord, object_classes, type_words
from claimledger.model import ClaimType

# ties between words at the same depth: the more specific type first
PRIORITY: tuple[ClaimType, ...] = (
    "territorial_control",
    "capture_of_personnel",
    "weapons_seizure",
    "deployment",
    "losses",
    "attack",
    "allegation",
    "denial",
    "statement",
)
# types an event in the article's own voice can have: the events (accusations, denials and
# statements need a speaker)
OWN_VOICE: frozenset[ClaimType] = frozenset(PRIORITY) - {"allegation", "denial", "statement"}
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
# a phrase's later words may sit this many tokens after its first ("took full control")
PHRASE_WINDOW = 3


@dataclass(frozen=True)
class Trigger:
    """A claim-type word found in the text."""

    token: Token
    word: TypeWord
    negated: bool

    @property
    def type(self) -> ClaimType:
        return self.word.type

    @property
    def depth(self) -> int:
        depth, t = 0, self.token
        while t.head.i != t.i:
            depth, t = depth + 1, t.head
        return depth


def find_triggers(doc: Doc, start: int, end: int, place_tokens: Collection[int]) -> list[Trigger]:
    """The claim-type words whose first token lies in doc.text[start:end], in text order."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    table = type_words()
    found: list[Trigger] = []
    for tok in span:
        rows = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
        if not rows:
            continue
        # phrases before single words: "take control" says more than "take"
        for word in sorted(rows, key=lambda w: -len(w.lemmas)):
            if _applies(word, tok, place_tokens):
                found.append(Trigger(tok, word, _negated(tok)))
                break
    return found


def choose(triggers: list[Trigger]) -> Trigger | None:
    """The word that says what the claim is: nearest the root, then the more specific type.
    A negated one decides too ("has not been captured" is a denied capture, not the
    shelling in its subordinate clause)."""
    if not triggers:
        return None
    return min(triggers, key=lambda t: (t.depth, PRIORITY.index(t.type), t.token.i))


def _applies(word: TypeWord, tok: Token, place_tokens: Collection[int]) -> bool:
    if (
        word.pos != "ANY"
        and tok.pos_ != word.pos
        and not (word.pos == "VERB" and tok.pos_ == "AUX")
    ):
        return False
    if len(word.lemmas) > 1 and not _phrase_at(word.lemmas[1:], tok):
        return False
    if word.needs == "-":
        return True
    wanted = {word.needs, "civilian"} if word.needs == "person" else {word.needs}
    return any(_class_of(obj, place_tokens) in wanted for obj in _objects(tok))


def _phrase_at(rest: tuple[str, ...], tok: Token) -> bool:
    """The later words of a phrase follow `tok` closely, in order, or hang on it ("shot X down")."""
    doc = tok.doc
    i = tok.i
    for lemma in rest:
        window = doc[i + 1 : min(len(doc), i + 1 + PHRASE_WINDOW)]
        nxt = next((t for t in window if t.lemma_.lower() == lemma or t.lower_ == lemma), None)
        if nxt is None:
            nxt = next((c for c in tok.children if c.lemma_.lower() == lemma), None)
        if nxt is None:
            return False
        i = max(i, nxt.i)
    return True


def _objects(tok: Token) -> list[Token]:
    """What a word acts on: its object, its passive subject, its "of"/"over" object; for an
    intransitive verb, its subject ("reinforcements arrived")."""
    found = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "over")):
        found.extend(c for c in prep.children if c.dep_ == "pobj")
    # "take control of the town", "took the town prisoner": look one level into the object
    for obj in list(found):
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "over")):
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    if not found and tok.pos_ in ("VERB", "AUX"):
        found = [c for c in tok.children if c.dep_ == "nsubj"]
    if tok.dep_ == "compound":  # "weapons cache": the head's own noun phrase
        found.append(tok.head)
    found.extend(c for obj in list(found) for c in obj.conjuncts)
    return found


def _class_of(tok: Token, place_tokens: Collection[int]) -> str | None:
    if tok.i in place_tokens or tok.ent_type_ in PLACE_ENTS:
        return "place"
    if tok.ent_type_ == "PERSON" or (tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS")):
        return "person"
    classes = object_classes()
    cls = classes.get(tok.lemma_.lower()) or classes.get(tok.lower_)
    if cls is None:  # "weapons and ammunition cache": the compound's own head may say it
        for child in tok.children:
            if child.dep_ == "compound":
                cls = classes.get(child.lemma_.lower())
                if cls:
                    break
    return cls


def _negated(tok: Token) -> bool:
    """ "did not capture", "no casualties", "failed to take"."""
    for t in (tok, tok.head if tok.dep_ in ("xcomp", "aux") else tok):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
            return True
    return tok.dep_ == "xcomp" and tok.head.lemma_ in ("fail", "refuse")

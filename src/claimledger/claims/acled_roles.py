"""Who did what to whom, and how prominently: the arguments and weight of an event word.

Read from spaCy's dependency parse (ClearNLP labels). The doer of "Rebels seized the town" is
"Rebels", its target "the town"; of "Two protesters were shot dead by police", the doer is
"police", the target "protesters". Nouns take the arguments of the verb they are the object of
("militants carried out an attack"), and their own "by", "on", "against" and "of" phrases.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimledger.claims.acled_lexicon import Occurrence, lexicon

SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
# the target of a verb or a noun: its object, a passive subject, or these prepositions' objects
OBJECTS = frozenset({"dobj", "nsubjpass", "dative", "oprd"})
TARGET_PREPS = frozenset({"on", "against", "of", "from", "upon", "targeting", "into"})
PARTNER_PREPS = frozenset({"with", "between"})  # "clashed with police": a doer too
DOER_PREPS = frozenset({"by"})
# a verb without its own subject shares the subject of the verb it hangs on
SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
# the words of a noun phrase that name who it is: "rebel forces", "Taliban fighters"
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "appos"})
# edges into a subordinate part of the sentence: an event there is background
SUBORDINATE = frozenset({"advcl", "relcl", "acl", "pobj", "pcomp", "csubj", "npadvmod"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# "at" names a target only after verbs of aiming ("fired at protesters"); elsewhere it is a
# place ("seized a truck at a checkpoint")
AIMING = frozenset({"fire", "shoot", "throw", "hurl", "lob", "aim", "launch", "direct", "open"})
# what a vehicle or bag carries names it: "a truck loaded with explosives"
CARRYING = frozenset({"load", "carry", "contain", "pack", "fill", "laden", "stuff"})


def _conjuncts(tok: Token) -> Iterator[Token]:
    yield tok
    for child in tok.children:
        if child.dep_ == "conj":
            yield from _conjuncts(child)


def _phrase(tok: Token) -> list[Token]:
    """One noun phrase: its head, its naming modifiers, and the object of an "of" phrase
    ("dozens of protesters", "members of Boko Haram")."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "militants who attacked": the relative stands for the noun
    out = [tok]
    for child in tok.children:
        if child.dep_ in MODIFIERS:
            out.extend(t for t in child.subtree if t.dep_ not in ("prep", "pobj", "punct"))
        elif child.dep_ == "prep" and child.lower_ == "of":
            out.extend(t for g in child.children if g.dep_ == "pobj" for t in _phrase(g))
        elif child.dep_ == "acl" and child.lemma_.lower() in CARRYING:
            out.extend(t for t in child.subtree if t.dep_ in ("dobj", "pobj"))
    return out


def phrases(tok: Token) -> list[list[Token]]:
    """The noun phrases an argument names: one per conjunct ("police and protesters")."""
    return [_phrase(t) for t in _conjuncts(tok)]


def _prep_objects(tok: Token, preps: frozenset[str]) -> Iterator[Token]:
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            yield from (g for g in child.children if g.dep_ == "pobj")


def _undergoer(tok: Token) -> bool:
    """A verb whose subject is its target, used without an object: "three soldiers died",
    "a bomb exploded"."""
    return tok.lemma_.lower() in lexicon().undergoers and not any(
        c.dep_ == "dobj" for c in tok.children
    )


def doers(occ: Occurrence) -> list[Token]:
    """The heads of the arguments naming who did it."""
    if occ.doer_prep is not None:  # "fell to the rebels"
        return [g for g in occ.doer_prep.children if g.dep_ == "pobj"]
    if _undergoer(occ.anchor):
        return list(_prep_objects(occ.anchor, DOER_PREPS))
    return list(_doers(occ.anchor, depth=0))


def _doers(tok: Token, depth: int) -> Iterator[Token]:
    if depth > 3:
        return
    own = [c for c in tok.children if c.dep_ in SUBJECTS]
    own.extend(_prep_objects(tok, DOER_PREPS | PARTNER_PREPS))
    yield from own
    if tok.pos_ in ("NOUN", "PROPN"):
        # "a Taliban attack", "the army's offensive"; and the verb's subject below
        yield from (c for c in tok.children if c.dep_ in ("poss", "compound", "amod"))
    if own:
        return
    if tok.dep_ == "relcl" and any(
        c.lower_ in RELATIVE and c.dep_ in SUBJECTS for c in tok.children
    ):
        yield tok.head
    elif tok.dep_ in SHARES_SUBJECT or tok.dep_ in ("dobj", "acomp", "oprd", "attr"):
        # "and captured", "vowed to retake", "carried out an attack", "turned violent"
        yield from _doers(tok.head, depth + 1)


def targets(occ: Occurrence) -> list[Token]:
    """The heads of the arguments naming whom or what it was done to."""
    tok = occ.anchor
    if occ.doer_prep is not None or _undergoer(tok):
        # "the town fell to ...": the subject is what changed hands; "soldiers died"
        return [c for c in tok.children if c.dep_ in SUBJECTS]
    out = [c for c in tok.children if c.dep_ in OBJECTS]
    out.extend(_prep_objects(tok, TARGET_PREPS))
    if tok.lemma_.lower() in AIMING:
        out.extend(_prep_objects(tok, frozenset({"at"})))
    # the noun it describes: "civilians killed by gunmen", "the town which rebels seized",
    # "wounded soldiers"
    described = (
        (tok.dep_ == "acl" and tok.tag_ == "VBN")
        or (
            tok.dep_ == "relcl"
            and any(c.lower_ in RELATIVE and c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
        )
        or (tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"))
    )
    if described:
        out.append(tok.head)
    return out


TOPIC_PREPS = frozenset({"against", "over", "about", "for", "of", "on"})


def topics(tok: Token) -> list[Token]:
    """What a protest (or a word like it) is about: "protested against the killing", "a rally
    over the arrest", "demonstrated for the release"."""
    out = [c for c in tok.children if c.dep_ == "dobj"]
    out.extend(_prep_objects(tok, TOPIC_PREPS))
    return out


@dataclass(frozen=True)
class Position:
    """Where a word sits in its sentence, as factors on the weight of the event it names."""

    depth: float  # 1 in the main clause, less in each subordinate clause or phrase
    background: float  # in the object of "after", "amid": what came before or around
    under: float  # governed by "threatened", "planned": not (yet) real


def position(
    tok: Token,
    background: dict[str, float],
    under: dict[str, float],
    per_edge: float = 0.85,
    floor: float = 0.6,
) -> Position:
    """One walk from the word up to its sentence's root ("after the attack", "amid protests",
    "threatened to attack")."""
    depth = behind = governed = 1.0
    while tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in background:
            behind = min(behind, background[head.lower_])
        # "dozens of protesters" is one noun phrase, not a subordinate part
        if tok.dep_ in SUBORDINATE and not (tok.dep_ == "pobj" and head.lower_ == "of"):
            depth *= per_edge
        governed = min(governed, under.get(head.lemma_.lower(), 1.0))
        tok = head
    return Position(max(depth, floor), behind, governed)


SENTENCE_WEIGHTS = (1.0, 0.9, 0.85, 0.8)  # a snippet's first sentence says what it reports


def sentence_ordinals(span: Span) -> dict[int, int]:
    """Token index -> ordinal of its sentence within the span (0 for the first)."""
    out: dict[int, int] = {}
    n = 0
    for tok in span:
        if tok.is_sent_start and tok.i > span.start:
            n += 1
        out[tok.i] = n
    return out


def sentence_weight(ordinal: int) -> float:
    return SENTENCE_WEIGHTS[min(ordinal, len(SENTENCE_WEIGHTS) - 1)]


def negated(tok: Token) -> bool:
    """Whether the word is denied: "did not attack", "no casualties", "no one was killed",
    "without a fight"."""

    def has_neg(t: Token) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children)

    if has_neg(tok) or (tok.dep_ == "pobj" and tok.head.lower_ == "without"):
        return True
    if tok.dep_ in OBJECTS and has_neg(tok.head):
        return True
    subjects = [c for c in tok.children if c.dep_ in SUBJECTS | {"nsubjpass"}]
    return any(s.lower_ in ("nobody", "none") or has_neg(s) for s in subjects)

"""Who acts in a claim and on whom: forces, services and groups from actors.tsv, or a side word
with an actor noun ("Ukrainian troops"), roled by the parse (subject actor1, object actor2)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimledger.claims.lexicon import actor_names, actor_nouns
from claimledger.model import Actor, Side
from claimledger.sources.registry import registry

MAX_WORDS = 7  # the longest alias, in words
OPPOSITE: dict[Side, Side] = {"RU": "UA", "UA": "RU"}
SUBJECT_DEPS = frozenset({"nsubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "pobj", "attr"})
# "the ministry said its troops ...": the speaker's own forces
SPEAKER = frozenset({"our", "we", "its"})
TARGET_PREPS = frozenset({"against", "on", "at", "from", "of"})


def find_actors(
    doc: Doc, start: int, end: int, trigger: Token | None, origin_side: Side | None
) -> list[Actor]:
    """Actors named in doc.text[start:end], at most one per noun phrase, actor1 first."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    found: list[tuple[Span, Actor]] = []
    for chunk in _phrases(span):
        if _aside(chunk, trigger):
            continue
        actor = _actor(chunk, origin_side)
        if actor is not None and all(actor.name != a.name for _, a in found):
            found.append((chunk, actor))
    if not found:
        return []
    ranked = sorted(found, key=lambda pair: _rank(pair[0], trigger))[:2]
    if len(ranked) == 1:
        # one actor: actor2 only when it is plainly the one acted on ("shelled Ukrainian troops")
        chunk, actor = ranked[0]
        return [
            actor.model_copy(update={"role": "actor2" if _rank(chunk, trigger) == 1 else "actor1"})
        ]
    return [a.model_copy(update={"role": f"actor{n + 1}"}) for n, (_, a) in enumerate(ranked)]


def _aside(chunk: Span, trigger: Token | None) -> bool:
    """A phrase in a relative clause the claim's event word is not in: "took Bilohorivka, a
    village that Ukrainian forces have held" - those forces neither took nor lost it here."""
    if trigger is None:
        return False
    for above in chunk.root.ancestors:
        if above.i == trigger.i:
            return False
        if above.dep_ == "relcl":
            return trigger not in above.subtree
    return False


def _phrases(span: Span) -> list[Span]:
    doc = span.doc
    chunks = [c for c in doc.noun_chunks if span.start <= c.start and c.end <= span.end]
    taken = {i for c in chunks for i in range(c.start, c.end)}
    # names the noun chunker splits or misses ("the 3rd Assault Brigade", "Azov")
    chunks.extend(
        e
        for e in span.ents
        if e.label_ in ("ORG", "NORP", "PERSON")
        and not any(i in taken for i in range(e.start, e.end))
    )
    return sorted(chunks, key=lambda c: c.start)


def _actor(chunk: Span, origin_side: Side | None) -> Actor | None:
    words = [t.text for t in chunk]
    names = actor_names()
    best = None
    for i in range(len(words)):
        for j in range(min(len(words), i + MAX_WORDS), i, -1):
            phrase = " ".join(words[i:j])
            hit = names.get(phrase) or (None if phrase.isupper() else names.get(phrase.lower()))
            if hit is not None and (best is None or j - i > best[0]):
                best = (j - i, hit, chunk[i:j])
                break
    if best is not None:
        _, hit, where = best
        return Actor(name=hit.name, side=hit.side, start=where.start_char, end=where.end_char)
    # "eleven Russian soldiers (prisoner)": the phrase up to its actor noun
    nouns = actor_nouns()
    head = next((t for t in chunk if t.lemma_.lower() in nouns or t.lower_ in nouns), None)
    if head is None:
        return None
    part = chunk.doc[chunk.start : head.i + 1]
    side = _side(part, origin_side)
    if side is None:
        return None
    if part[0].dep_ in ("det", "poss") and len(part) > 1 and part[0].lower_ not in SPEAKER:
        part = part[1:]
    return Actor(name=part.text, side=side, start=part.start_char, end=part.end_char)


def _side(chunk: Span, origin_side: Side | None) -> Side | None:
    lowered = {t.lower_ for t in chunk}
    if origin_side in OPPOSITE and ("enemy" in lowered or "enemy's" in lowered):
        return OPPOSITE[origin_side]
    if origin_side is not None and lowered & SPEAKER:
        return origin_side
    tokens = registry().tokenize(chunk.text)
    sides = {side for _, _, side in registry().find_sides(tokens)}
    return sides.pop() if len(sides) == 1 else None


def _rank(chunk: Span, trigger: Token | None) -> int:
    """0 for the trigger's subject (or its "by" agent), 1 for its object or target, 2 else."""
    if trigger is None:
        return 2
    root = chunk.root
    t = root
    # a phrase inside a conjunction or apposition counts as the first conjunct
    while t.dep_ in ("conj", "appos") and t.head.i != t.i:
        t = t.head
    if t.head.i == trigger.i or (t.dep_ == "pobj" and t.head.head.i == trigger.i):
        if t.dep_ in SUBJECT_DEPS:
            return 0
        if t.dep_ == "pobj" and t.head.lower_ == "by":
            return 0
        if t.dep_ in OBJECT_DEPS and (t.dep_ != "pobj" or t.head.lower_ in TARGET_PREPS):
            return 1
    return 2

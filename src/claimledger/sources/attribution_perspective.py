"""Attributions that no verb carries: a point of view opened by a preposition ("To the mayor,
the evacuation came too late"), and a speaker named just before a colon and a quote ("... said
nothing to analyst Jane Roe: 'It is over'")."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.sources.attribution_speakers import speaker_word
from claimledger.sources.cues import holder_nouns

# "To X, ...", "For X, ...": the sentence is told from X's point of view
PERSPECTIVE_PREPS = frozenset({"to", "for"})
# words that may stand before the preposition at the start of its sentence ("But for ...")
OPENERS = frozenset({"but", "and", "yet", "so", "because", "still", "now"})
# a person, a group of people or a body: "To Ms. Gil", "For many voters", "For the campaign"
PEOPLE_ENTS = frozenset({"PERSON", "NORP"})
UNNAMED_PEOPLE = frozenset({"many", "some", "others", "most", "few", "all"})
NOT_PEOPLE_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY"})


def perspective(prep: Token) -> tuple[Token, list[Token]] | None:
    """For a sentence-opening "To X," or "For X,", X and the clause told from X's view.

    Only a person, people or a body can hold a view: "For the third day, ..." and "To the
    east, ..." are no attribution, and neither is a country ("For Ukraine, ..."), which in war
    reporting is more often the writer's own analysis than anyone's stated view.
    """
    if prep.lower_ not in PERSPECTIVE_PREPS or prep.dep_ != "prep":
        return None
    sent = prep.sent
    before = [t for t in sent if t.i < prep.i and not t.is_space]
    if len(before) > 1 or any(t.lower_ not in OPENERS for t in before):
        return None
    holder = next((c for c in prep.children if c.dep_ == "pobj"), None)
    # "To many, he is a provocateur": people left unnamed ("For some, the shelling went on"
    # tells whom it befell, so only after "to")
    # and a body by name, or a person the model took for one ("To Sexton, ..."; "For NATO,
    # the drills went on" tells for whom, as often as what NATO thinks)
    named = holder is not None and holder.ent_type_ == "ORG" and holder.pos_ == "PROPN"
    unnamed = holder is not None and holder.lower_ in UNNAMED_PEOPLE
    to_only = prep.lower_ == "to" and (unnamed or named)
    if holder is None or not (to_only or _holds_views(holder)):
        return None
    after = holder.right_edge.i + 1
    # "For many voters today, ...": a time word may stand between the phrase and its comma
    while after < sent.end and prep.doc[after].ent_type_ in ("DATE", "TIME"):
        after += 1
    if after >= sent.end or prep.doc[after].text != ",":
        return None
    verb = prep.head
    if verb.dep_ != "ROOT" or verb.i < after:
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None  # "For voters, vote early": advice, not a view
    clause = [t for t in sent if t.i > after and not t.is_space]
    if sum(t.is_alpha for t in clause) < 3:
        return None
    return holder, clause


def _holds_views(tok: Token) -> bool:
    if tok.ent_type_ in NOT_PEOPLE_ENTS:
        return False
    if tok.ent_type_ in PEOPLE_ENTS or tok.lower_ in ("him", "her", "them", "me", "us"):
        return True
    # a capitalised name the model did not tag, or a noun for people who hold views
    return tok.lemma_.lower() in holder_nouns() or (
        tok.pos_ == "PROPN" and not tok.ent_type_ and speaker_word(tok)
    )


def named_before_colon(colon: Token) -> Token | None:
    """The person named last before a colon that opens a quote ("... for pollster Ann Lee:"),
    when the clause before it has no speaker of its own to say it."""
    if colon.i == 0:
        return None
    name = colon.doc[colon.i - 1]
    if name.ent_type_ != "PERSON" or name.pos_ != "PROPN":
        return None
    return name

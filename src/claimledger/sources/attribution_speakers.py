"""Attribution finding: who speaks — whether a word names someone who can hold a view,
and which phrase is the source of a cue."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.sources.attribution_grammar import (
    RELATIVE,
    SUBJECTS,
    coordinated_statement,
    has_complement,
    misparsed_main_verb,
)
from claimledger.sources.attribution_spans import (
    trim_range,
)
from claimledger.sources.chains import run_around
from claimledger.sources.cues import (
    cite_verbs,
    cue_nouns,
    cue_verbs,
    document_nouns,
    holder_nouns,
    media_words,
    naming_verbs,
    receiving_verbs,
    speaker_nouns,
    stance_targets,
)
from claimledger.sources.types import CharRange


def received_from(noun: Token, verb: Token) -> Token | None:
    """The speaker a stance noun came from when a receiving verb governs it ("won praise
    from Kyiv", "has the backing of the mayor")."""
    if verb.lemma_.lower() not in receiving_verbs():
        return None
    for prep in (*noun.children, *verb.children):
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "by"):
            obj = next((x for x in prep.children if x.dep_ == "pobj"), None)
            if obj is not None and speaker(obj):
                return obj
    return None


def participle(tok: Token) -> bool:
    """A past participle after the noun it describes ("the bill, opposed by the mayor")."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.head.i < tok.i
    )


# who can hold a stance: people, bodies, and pronouns for them
SPEAKER_ENTS = ("PERSON", "ORG", "NORP", "GPE")

SPEAKER_PRONOUNS = ("i", "we", "he", "she", "they", "you")
# a possessive holds a stated view as a subject does: "his criticism of", "their call for"
POSSESSIVE_PRONOUNS = ("my", "our", "his", "her", "their", "its")


# a person as an object ("backed him"); "them" may be troops or towns
PEOPLE = ("me", "us", "him", "her")


def speaker(tok: Token) -> bool:
    """A person, a body, or a pronoun or noun for one: who can say or hold something; or a
    part of them ("a wide array of economists", "three in 10 of the voters")."""
    return speaker_word(tok) or any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(x.dep_ == "pobj" and speaker_word(x) for x in c.children)
        for c in tok.children
    )


def speaker_word(tok: Token) -> bool:
    return (
        tok.ent_type_ in SPEAKER_ENTS
        or tok.pos_ == "PROPN"
        or tok.lower_ in SPEAKER_PRONOUNS
        or (tok.dep_ == "poss" and tok.lower_ in POSSESSIVE_PRONOUNS)
        or tok.lower_ in ("some", "others", "many", "who")
        or tok.lemma_.lower() in holder_nouns()
        or tok.lemma_.lower() in document_nouns()  # "the report argues", "the ad claims"
        # a capitalised noun inside a sentence is a name the tagger missed ("Sanders" as the
        # plural of "sander")
        or (tok.pos_ == "NOUN" and tok.is_title and not tok.is_sent_start and _in_prose(tok))
    )


def _in_prose(tok: Token) -> bool:
    """In a sentence of prose, not a headline in title case (most long words lower case)."""
    words = [t for t in tok.sent if t.is_alpha and len(t) > 3]
    return sum(t.is_lower for t in words) > len(words) / 2


def antecedent(tok: Token) -> Token:
    """'Petrenko, Chief of the General Staff of the Armed Forces, who told ...': "who"
    is a person, so its antecedent is the person the phrase is about, not the nearest noun."""
    path = [tok]
    while len(path) < 6 and path[-1].head != path[-1]:
        path.append(path[-1].head)
    return next(
        (n for n in path if n.ent_type_ == "PERSON"),
        next((n for n in path if n.lemma_.lower() in speaker_nouns()), tok),
    )


def medium(tok: Token) -> bool:
    return tok.lemma_.lower() in media_words() or any(
        c.lower_ in media_words() for c in tok.children if c.dep_ == "compound"
    )


def chain_link(tok: Token) -> bool:
    """'citing SHOT' passes a statement on; 'citing legal risks' gives a reason."""
    if tok.lemma_.lower() not in cite_verbs() or tok.dep_ not in ("advcl", "acl", "relcl"):
        return False
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return True
    # "the Telegram channel SHOT", "a ministry official": a source, not a reason; the head
    # of the phrase decides ("citing Trump's appeal" cites a reason that Trump has)
    name = [obj, *(c for c in obj.children if c.dep_ in ("compound", "appos", "conj"))]
    return any(
        speaker(t) or t.lemma_.lower() in media_words() or (t.is_upper and len(t) > 1) for t in name
    )


def speaker_source(tok: Token) -> bool:
    """The verb's own subject is a speaker ("who" in a relative clause is one), or a
    participle or coordinated verb shares a speaker's subject ("..., arguing its merits",
    "she repeated the attacks and denied ...")."""
    if has_source(tok):
        return True
    relative = next((c for c in tok.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE), None)
    if tok.dep_ == "relcl" and relative is not None:
        # "officials who ...", "groups that back the ban": the noun the clause describes
        return relative.lower_ == "who" or speaker(tok.head)
    if tok.dep_ in ("advcl", "xcomp", "conj") and not any(c.dep_ in SUBJECTS for c in tok.children):
        source = verb_source(tok)
        return source is not None and speaker(source)
    return False


def has_source(tok: Token) -> bool:
    """A subject that can be a source: a person, a body, or a pronoun for one."""
    for c in tok.children:
        if c.dep_ == "nsubj" and c.lower_ not in RELATIVE:
            return speaker(c)
    return False


def stance_target(tok: Token) -> bool:
    """Someone or an idea one can take a stance on, not a place fought over."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return False
    return speaker(tok) or tok.lemma_.lower() in stance_targets()


def _bracketed(tok: Token) -> bool:
    """A word in brackets: the outlet of a dateline ("May 13 (Reuters) - The ministry said"),
    which a parse may take for a second subject of the verb; it is never the speaker."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return before is not None and before.text == "(" and after is not None and after.text == ")"


def nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two, the one nearer before it. "The convoy left at dawn, a
    spokesman said" is parsed with both nouns as subjects of "said": the one after the comma
    speaks, the other opens what was said."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not _bracketed(c)]
    before = [c for c in subjects if c.i < verb.i]
    if len(subjects) > 1 and before:
        return before[-1]
    return subjects[0] if subjects else None


def verb_source(verb: Token) -> Token | None:
    """The head of the source phrase of a cue verb, following participles to their clause."""
    if misparsed_main_verb(verb):
        return verb.head if speaker(verb.head) else None
    if coordinated_statement(verb):
        # "he said the base was hit and said ...": the speaker of the cue above
        for above in verb.ancestors:
            if above.lemma_.lower() in cue_verbs():
                subj = next((c for c in above.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return subj
    passive_adjunct = (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in SUBJECTS for c in verb.children)
    )  # "Asked about the merger, the spokesman ...": the spokesman was asked
    if participle(verb) or passive_adjunct:
        # "a measure opposed by unions": the agent, if the text names one
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        row = cue_verbs().get(verb.lemma_.lower())
        if passive_adjunct and row is not None and row.cls == "cognition" and verb.i < verb.head.i:
            # "Worried about the dam, residents left": a feeling is the main subject's own
            subj = nearest_subject(verb.head)
            return subj if subj is not None and speaker(subj) else None
        return None
    tok: Token | None = verb
    shared = True  # only coordinated verbs so far: they share their subject whatever it is
    for _ in range(4):
        if tok is None:
            return None
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        quoted = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if passive and tok != verb and quoted is not None:
            # "the general was quoted by Interfax as saying": the general says it; Interfax
            # only passes it on
            return quoted
        if passive:
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if by is not None:
                return by
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            # "X was quoted as saying": the person quoted is the source
            if subj is not None and tok != verb:
                return subj
            if tok == verb:
                return None  # "troops have been ordered to retreat": by whom, the text omits
        subj = nearest_subject(tok)
        if subj is not None:
            if subj.lower_ in RELATIVE and tok.dep_ == "relcl":
                return antecedent(tok.head) if subj.lower_ == "who" else tok.head
            if shared or speaker(subj) or subj.is_title or subj.pos_ == "PRON":
                return subj
            return None  # "no evidence has emerged to confirm": evidence says nothing
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "officials saying that ...", not "a term used to describe ..."
            noun = tok.head
            if noun.lemma_.lower() in cue_nouns() and noun.dep_ == "dobj":
                # "his office put out a statement saying ...": whoever put it out says it
                # ("met reporters and made statements saying ...": the first verb's subject)
                issuing = noun.head
                while issuing.dep_ == "conj" and not any(
                    c.dep_ == "nsubj" for c in issuing.children
                ):
                    issuing = issuing.head
                issuer = next((c for c in issuing.children if c.dep_ == "nsubj"), None)
                # ("cited a report saying ...": the report says it, the citer passes it on)
                cites = issuing.lemma_.lower() in cite_verbs()
                if issuer is not None and speaker(issuer) and not cites:
                    return issuer
            return noun if speaker(noun) else None
        if tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep") or tok.dep_ == "ccomp":
            shared = shared and tok.dep_ == "conj"
            if tok.dep_ == "xcomp":
                # "led the chairwoman to announce", "asked him to explain": the object does it
                doer = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
                if doer is not None and speaker(doer):
                    return doer
            tok = tok.head
            if tok.pos_ in ("ADJ", "ADV") and tok.dep_ in ("acomp", "advmod"):
                tok = tok.head  # "the mayor was quick to say": the mayor says it
                continue
            if tok.dep_ == "prep":  # "quoted the president as saying": as -> quoted
                as_saying = tok.lower_ == "as"
                tok = tok.head
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None and as_saying:
                    return obj
                # ("attacked Fiorina by reminding voters": the attacker reminds)
            continue
        return None
    return None


def np_tokens(head: Token, cue: Token | None = None) -> list[Token]:
    """The source phrase: the head's subtree without the cue's clause, around the head.

    A relative clause holding the cue ("officials, who warned that ...") is not part of the
    phrase that names the source.
    """
    skip = {t.i for t in cue.subtree} if cue is not None and cue.i != head.i else set()
    if head.i in skip:
        skip = set()
    # "said Beck, who said there were ...": a statement of its own, not a description
    for tok in head.subtree:
        if tok.dep_ == "relcl" and tok.lemma_.lower() in cue_verbs() and has_complement(tok):
            skip.update(t.i for t in tok.subtree)
    lo, hi = run_around(head, {t.i for t in head.subtree} - skip)
    return list(head.doc[lo : hi + 1])


def np_range(text: str, head: Token, cue: Token | None = None) -> CharRange | None:
    toks = np_tokens(head, cue)
    if len(toks) > 1 and toks[-1].dep_ == "case":
        toks = toks[:-1]  # "Kyiv's call": the source is Kyiv
    return trim_range(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))


def named_subject(verb: Token) -> bool:
    """The verb's subject is a name ("Democracy Corp found"), not a group ("most voters")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG")
    )


def naming_participle(tok: Token) -> bool:
    """ "a group called Free Russia", "a unit known as the Ghosts", "the so-called corridor": a
    participle after a noun that names it, with no agent saying so."""
    if tok.lemma_.lower() not in naming_verbs() or tok.tag_ != "VBN":
        return False
    kids = list(tok.children)
    if any(c.dep_ == "agent" for c in kids) or (misparsed_main_verb(tok) and speaker(tok.head)):
        return False  # "called the capital by its residents": the residents call it so
    deps = {c.dep_ for c in kids}
    if "dobj" in deps and deps & {"oprd", "attr", "xcomp", "ccomp"}:
        return False  # "De Blasio, speaking on the radio, called Trump a 'blowhard'": a verb
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("so", "-"):
        return True
    # the name itself follows ("called X", "known as X"); "known to be bullish", "known for
    # his views" say what someone is thought to be, which is a claim
    named = any(
        c.dep_ in ("oprd", "attr", "dobj") or (c.dep_ == "prep" and c.lower_ == "as") for c in kids
    )
    return tok.dep_ in ("acl", "amod") and named

"""Attribution finding: clause shapes a cue is read from, and the cue-verb table lookup."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.sources.cues import (
    CueWord,
    cue_verbs,
    document_nouns,
)

SUBJECTS = ("nsubj", "nsubjpass", "csubj")

RELATIVE = ("who", "that", "which", "whom")


WH_TAGS = ("WRB", "WP", "IN")  # "why", "what", "whether"/"if"

# the frames of a verb that says what a talk was about, not what was said ("spoke about")
TOPIC_FRAMES = frozenset({"prep:about", "prep:on", "prep:to"})

# prepositions whose object can be what a stance is about ("agreed on a plan")
TOPIC_PREPS = ("about", "on", "of", "for", "against", "over")


def like_clause(tok: Token) -> bool:
    """A clause opened by "like", "as if" or "as though" ("it seems like the party ...")."""
    marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    return "like" in marks or ("as" in marks and ("if" in marks or "though" in marks))


def that_clause(tok: Token) -> bool:
    """A clause opened by "that", whatever the parse calls it ("clear that it would ...")."""
    return tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
    )


def as_clause(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def own_clause(top: Token) -> list[Token]:
    """A complement clause up to the next statement of the same speaker that the parse hung
    inside it: "He said the base was hit and said the rescue came late", "..., saying that"
    start statements of their own."""
    cut: set[int] = set()
    for tok in top.subtree:
        if tok == top or tok.i in cut:
            continue
        if not (coordinated_statement(tok) or statement_alongside(tok)):
            continue
        cut.update(t.i for t in tok.subtree)
        left = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        if left is not None and (left.dep_ == "cc" or left.is_punct):
            cut.add(left.i)  # the "and" or comma before it
    return [t for t in top.subtree if t.i not in cut]


def statement_alongside(tok: Token) -> bool:
    """A statement with a subject of its own set beside the content, not inside it:
    "supporters said the case was made, while other voters said they had heard nothing",
    "standards, which he argued ease disruption"."""
    if tok.dep_ not in ("conj", "advcl", "relcl") or tok.pos_ != "VERB":
        return False
    entry = cue_verb(tok)
    if entry is None:
        return False
    # "half say they prefer an outsider, while 4 in 10 want experience": a contrast sets any
    # view beside the content; otherwise only a statement stands apart
    contrast = tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONTRASTS for c in tok.children
    )
    if not (entry.speech or contrast):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in tok.children)


DASHES = ("-", "–", "—")

# conjunctions that set a clause beside another rather than inside it
CONTRASTS = ("while", "whereas", "although", "though")


def coordinated_statement(tok: Token) -> bool:
    """A speech verb with no subject of its own, coordinated or a participle: it shares the
    subject of the verb whose content it was parsed into."""
    entry = cue_verb(tok)
    if entry is None or not entry.speech or tok.pos_ != "VERB":
        return False
    if any(c.dep_ in SUBJECTS for c in tok.children):
        return False
    return tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")


def finite(tok: Token) -> bool:
    """A clause with a subject or a tensed verb ("which she said represented all her
    emails": the subject is the relative pronoun the parse hung elsewhere)."""
    return any(c.dep_ in SUBJECTS for c in tok.children) or tok.tag_ in ("VBD", "VBZ", "VBP")


def speech_verb_with_subject(tok: Token) -> bool:
    entry = cue_verb(tok)
    return entry is not None and entry.speech and any(c.dep_ == "nsubj" for c in tok.children)


# "as X put it": how someone said something, with no object of its own to say
PUT_IT = CueWord("put it", "speech", frozenset({"clause", "quote"}))


def cue_verb(tok: Token) -> CueWord | None:
    """The table row for a verb, also when the lemmatiser got its lemma wrong ("hoping" ->
    "hop"): then the bare forms of the word itself are tried."""
    table = cue_verbs()
    entry = table.get(tok.lemma_.lower())
    if entry is None and tok.lemma_ == "put" and any(c.lower_ == "it" for c in tok.children):
        return PUT_IT  # "as the mayor put it, ..."
    if entry is not None or tok.pos_ != "VERB":
        return entry
    word = tok.lower_
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for guess in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if guess in table:
                    return table[guess]
    return None


def has_complement(tok: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)


def hypothetical(tok: Token) -> bool:
    """A word in a condition ("if voters backed him", "unless Kyiv agrees"): what it says is
    supposed, not claimed."""
    clause = tok if tok.dep_ == "advcl" else tok.head if tok.head.dep_ == "advcl" else None
    return clause is not None and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children
    )


def impersonal(tok: Token) -> bool:
    """ "It is too soon to say", "it's safe to say", "it is hard to believe": an infinitive
    after an adjective with "it" for its subject speaks for no one."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ != "xcomp":
        return False
    verb = tok.head
    if verb.pos_ in ("ADJ", "ADV") and verb.dep_ in ("acomp", "advmod"):
        verb = verb.head  # "too soon to say": the infinitive hangs on the adverb
    elif not any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in verb.children):
        return False  # ("it's safe to say": on the verb, beside its adjective)
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children)


def imperative(tok: Token) -> bool:
    """ "Call it a retreat.", "Ask yourself ...": an order to the reader opens the sentence
    with the bare verb and no subject; the writer speaks, nobody is reported."""
    if tok.tag_ != "VB" or tok.dep_ != "ROOT" or any(c.dep_ in SUBJECTS for c in tok.children):
        return False
    first = next((t for t in tok.sent if not (t.is_punct or t.is_space)), None)
    return first is not None and first.i == tok.i


def misparsed_main_verb(tok: Token) -> bool:
    """ "One lawmaker called Trump 'a menace'": finding no other verb, the parse makes the
    sentence a noun phrase and its verb a participle hung on the subject. A sentence is not a
    bare noun phrase when a verb with an object or a clause follows its noun, so the noun is
    the verb's subject."""
    head = tok.head
    return (
        tok.dep_ == "acl"
        and tok.tag_ in ("VBD", "VBN")
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and head.i < tok.i
        and not any(c.dep_ == "agent" for c in tok.children)
        and any(c.dep_ in ("dobj", "oprd", "ccomp") for c in tok.children)
    )


def verb_read_as_noun(tok: Token) -> Token | None:
    """ "..., campaign finance records show.": after a plural noun the parse takes a verb
    that is also a noun ("show", "shows") for the last word of a compound. When the word
    before is a document that can show something, agrees with the verb in number, and the
    word ends its clause or opens a that-clause, it is the verb; the noun before is its
    subject, which is returned."""
    if tok.pos_ != "NOUN" or tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return None
    entry = cue_verbs().get(tok.lemma_.lower())
    if entry is None or entry.cls not in ("evidence", "speech"):
        return None
    subject = tok.doc[tok.i - 1]
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in document_nouns():
        return None
    # "records show", "the poll shows": a plural subject and a bare verb, or the reverse
    plural = subject.tag_ == "NNS"
    if plural == (tok.lower_.endswith("s") and not tok.lower_.endswith("ss")):
        return None
    after = tok.doc[tok.i + 1]
    if not (after.lower_ == "that" or (after.is_punct and after.text not in ("-", "'s"))):
        return None
    return subject


def verb_read_as_modifier(tok: Token) -> Token | None:
    """ "In March, Trump blasted Disney for ...": a name the tagger also knows as a word
    ("Trump") makes the sentence one noun phrase, the past tense a modifier of the noun after
    it. A sentence has a verb: when the parse found none and a cue verb's past form stands
    right after a name, that name is its subject, which is returned."""
    if tok.i == 0 or tok.dep_ not in ("amod", "compound", "nmod") or tok.tag_ not in ("VBD", "VBN"):
        return None
    if tok.sent.root.pos_ not in ("NOUN", "PROPN") or cue_verb(tok) is None:
        return None
    subject = tok.doc[tok.i - 1]
    return subject if subject.pos_ == "PROPN" and tok.head.i > tok.i else None

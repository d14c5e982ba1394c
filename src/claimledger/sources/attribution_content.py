"""Attribution finding: what a cue says — the content a cue verb, noun or adjective takes
by its frames in the cue tables."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.sources.attribution_grammar import (
    RELATIVE,
    TOPIC_PREPS,
    WH_TAGS,
    finite,
    like_clause,
    own_clause,
    that_clause,
)
from claimledger.sources.attribution_spans import (
    char_ranges,
    cue_tokens,
    phrase_start,
)
from claimledger.sources.attribution_speakers import (
    PEOPLE,
    has_source,
    medium,
    nearest_subject,
    participle,
    speaker,
    stance_target,
)
from claimledger.sources.cues import (
    CueIdiom,
    CueWord,
    cue_nouns,
    document_nouns,
    holder_nouns,
    stance_targets,
)
from claimledger.sources.types import CharRange


def verb_content(tok: Token, entry: CueWord) -> list[CharRange]:
    """What a cue verb's complement says, as the verb's frames allow."""
    kids = list(tok.children)
    taken_as = as_content(tok, entry)
    if taken_as:
        return taken_as
    extracted = extracted_object(tok, entry)
    if extracted:
        return extracted
    if any(c.dep_ == "auxpass" for c in kids) and any(c.dep_ == "xcomp" for c in kids):
        # "is believed to have fled": the subject belongs to what is believed
        passive = passive_content(tok, entry)
        if passive:
            return passive
    if "clause" in entry.frames:
        for c in kids:
            if c.i < tok.i and ";" in (t.text for t in tok.doc[c.right_edge.i : tok.i]):
                continue  # "A said X; B said Y": a sentence of its own before the semicolon
            # ("said seeing the police there was a relief": a gerund subject the parse
            # took for the verb's complement)
            gerund = c.tag_ == "VBG" and any(x.dep_ == "ccomp" for x in c.children)
            if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and (finite(c) or gerund)):
                return char_ranges(own_clause(c))
        for c in kids:
            if c.dep_ == "advcl" and that_clause(c):  # a that-clause the parse misfiled
                return char_ranges(own_clause(c))
            if c.dep_ == "advcl" and _embedded_question(c, kids):
                return char_ranges(own_clause(c))  # "asked if she believed ..."
            if c.dep_ == "advcl" and entry.cls in ("cognition", "appearance") and like_clause(c):
                return char_ranges(own_clause(c))  # "felt like they had no voice"
    if "xcomp" in entry.frames:
        for c in kids:
            if c.dep_ == "xcomp":
                return char_ranges(c.subtree)
            if c.dep_ == "dobj":  # "urged Kyiv to withdraw"
                inner = next(
                    (x for x in c.children if x.dep_ in ("xcomp", "acl") and x.tag_ == "VB"), None
                )
                if inner is not None:
                    return char_ranges(c.subtree)
    if entry.frames & {"object", "clause"}:
        for c in kids:
            if c.dep_ == "xcomp" and c.tag_ == "VBG":
                # "denied striking the hospital", "admitted firing": a gerund as the object
                return char_ranges(c.subtree)
    taken = _object_content(tok, entry, kids)
    if taken:
        return taken
    passive = passive_content(tok, entry)
    if passive:
        return passive
    if entry.cls == "cognition" and any(c.dep_ == "nsubj" for c in kids):
        # "some workers felt betrayed": how the subject feels or finds something
        predicate = next((c for c in kids if c.dep_ == "acomp"), None)
        if predicate is not None:
            return char_ranges(predicate.subtree)
    if entry.cls in ("speech", "cognition") and any(c.dep_ == "nsubj" for c in kids):
        # "half said so", "46 percent said yes", "he never thought so"
        short = next(
            (c for c in kids if (c.lower_ == "so" and c.dep_ == "advmod") or c.dep_ == "intj"),
            None,
        )
        if short is not None:
            return char_ranges([short])
    return prep_content(tok, entry.preps() | ({"about"} if entry.speech else set()))


def clause_adjective(tok: Token) -> bool:
    """An adjective after "be" with a clause of its own ("was unsure why ...", "is adamant
    that ..."): a state of mind about what the clause says. Not "it is likely that": the
    subject must be someone, which the caller checks."""
    return tok.dep_ == "acomp" and any(
        c.dep_ == "ccomp" and c.i > tok.i and (that_clause(c) or c.left_edge.tag_ in WH_TAGS)
        for c in (*tok.children, *tok.head.children)
    )


def about_verb(tok: Token) -> CueWord | None:
    """A verb outside the tables whose speaker subject does it "about" something ("joked
    about the polls", "fretted about turnout"): "about" gives the topic of words or
    thought, and that topic is the content."""
    if tok.pos_ != "VERB" or not has_source(tok):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
        return None  # ("brought a book about the war": the object is what was brought)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "about":
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME", "QUANTITY"):
                return CueWord(tok.lemma_.lower(), "speech", frozenset({"prep:about"}))
    return None


def that_noun(tok: Token) -> CueWord | None:
    """A noun outside the tables with a that-clause for its complement ("the feeling that",
    "their hunch that"): the clause is what is felt or held. Not "the fact that", which the
    writer vouches for."""
    if tok.lemma_.lower() in ("fact", "way", "time", "point", "extent", "reason"):
        return None
    for c in tok.children:
        if c.dep_ in ("acl", "ccomp") and c.i > tok.i and that_clause(c):
            return CueWord(tok.lemma_.lower(), "cognition", frozenset())
    # "Trump's rhetoric about Mexicans": someone's words or thoughts about something
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    about = any(c.dep_ == "prep" and c.lower_ == "about" for c in tok.children)
    if owner is not None and about and speaker(owner):
        return CueWord(tok.lemma_.lower(), "speech", frozenset({"prep:about"}))
    return None


def that_verb(tok: Token) -> CueWord | None:
    """A verb outside the tables that a speaker uses with a that-clause ("she reasoned that",
    "officials figure that"): English gives that frame to verbs of saying and thinking."""
    if tok.pos_ != "VERB" or not has_source(tok):
        return None
    if any(c.dep_ in ("acomp", "oprd") or c.pos_ == "ADJ" for c in tok.children):
        return None  # "made clear that ...": the adjective is the cue, not the verb
    if any(c.dep_ == "ccomp" and that_clause(c) and c.i > tok.i for c in tok.children):
        return CueWord(tok.lemma_.lower(), "cognition", frozenset({"clause"}))
    return None


def seeming(verb: Token, ranges: list[CharRange]) -> list[CharRange]:
    """What seems so, and how it seems: the subject with the complement ("his voice seemed
    weaker"); an empty "it" is left out ("it seems that ...")."""
    kids = list(verb.children)
    subject = next((c for c in kids if c.dep_ == "nsubj"), None)
    if not ranges:
        # "seemed weaker"; "seemed a mistake" (parsed as an object) and "seemed like a
        # gamble" only for "seem": "looked at the map", "looks like her mother" are no view
        judged = (
            ("acomp", "attr", "oprd", "dobj")
            if verb.lemma_ == "seem"
            else ("acomp", "attr", "oprd")
        )
        predicate = next((c for c in kids if c.dep_ in judged), None)
        like = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "like"), None)
        if predicate is None and like is not None and verb.lemma_ == "seem":
            predicate = next((c for c in like.children if c.dep_ == "pobj"), None)
        if predicate is None or subject is None:
            return []
        ranges = char_ranges(predicate.subtree)
    if subject is None or subject.lower_ in ("it", "there"):
        return ranges
    return sorted([*ranges, *char_ranges(subject.subtree)])


def bare_cue(verb: Token) -> bool:
    """A speech verb with a subject and nothing it says of its own, ending its sentence: "she
    said.", "Miller said pleasantly into the phone."."""
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis", "neg") for c in verb.children):
        return False  # ("he did not elaborate." says nothing)
    rest = [t for t in verb.doc[verb.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
    return len(rest) <= 6 and not any(t.pos_ in ("VERB", "AUX") for t in rest)


def idiom_content(tok: Token, row: CueIdiom) -> tuple[Token, list[CharRange]] | None:
    """The last word of the set phrase and its content, if tok heads the phrase."""
    word: Token | None = None
    if row.words:
        word = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("dobj", "prt", "advmod", "prep", "attr")
                and (c.lemma_.lower() in row.words or c.lower_ in row.words)
            ),
            None,
        )
        if word is None:
            return None
    elif any(c.dep_ == "dobj" for c in tok.children):
        return None  # "seized the floor on Wednesday": the verb has an object of its own
    if row.preps:
        # the preposition hangs on the verb, its noun or its particle
        holders = [tok] + ([word] if word is not None else [])
        for holder in holders:
            for c in holder.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in row.preps and c != word:
                    obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                        return (c, char_ranges(obj.subtree)) if _aimed(obj, row) else None
        if word is not None and word.dep_ == "prep" and word.lower_ in row.preps:
            obj = next((x for x in word.children if x.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and _aimed(obj, row):
                return word, char_ranges(obj.subtree)
    last = word if word is not None else tok
    # "made the case that ...", "laid out her plan", "pointed out that ..."
    for holder in (last, tok):
        for c in holder.children:
            if c == word:
                continue
            if c.dep_ == "ccomp" or (c.dep_ in ("acl", "advcl") and that_clause(c)):
                return last, char_ranges(own_clause(c))
            if c.dep_ in ("acl", "xcomp") and holder == word and c.pos_ == "VERB" and _to(c):
                return last, char_ranges(c.subtree)  # "made the case to grant amnesty"
            if c.dep_ == "dobj" and holder == tok and not row.preps:
                return last, char_ranges(c.subtree)
    return None


def _to(verb: Token) -> bool:
    """An infinitive's "to" ("to grant", "to withdraw")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _aimed(obj: Token, row: CueIdiom) -> bool:
    """A phrase that also tells of fighting is about words only when aimed at someone or an
    idea ("took aim at the plan", not "at the bridge")."""
    return not row.target or stance_target(obj)


def extracted_object(tok: Token, entry: CueWord) -> list[CharRange]:
    """A relative clause whose object is the noun it describes: "an administration that they
    view as weak", "a topic she knew well", "the skepticism you'd expect". The noun phrase (and
    what it is taken for) is the content; the clause's own subject the source."""
    if tok.dep_ != "relcl":
        return []
    kids = list(tok.children)
    relative = next((c for c in kids if c.lower_ in ("that", "which", "whom")), None)
    stranded = any(
        c.dep_ == "prep" and c.lower_ in entry.preps() and not any(c.children) for c in kids
    )  # "the change the party warned about"
    if any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass", "auxpass") and c != relative for c in kids
    ):
        return []
    if not (entry.frames & {"object", "as", "view"} or stranded):
        return []
    subject = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in RELATIVE or not speaker(subject):
        return []
    if relative is None and subject.pos_ != "PRON":
        return []  # "the agency TASS reported": a name in apposition, not a relative clause
    noun = tok.head
    if noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.i > tok.i:
        return []
    said = [t for c in kids if c.dep_ == "prep" and c.lower_ == "as" for t in c.subtree if t != c]
    return char_ranges([*noun.doc[noun.left_edge.i : noun.i + 1], *said])


def as_content(tok: Token, entry: CueWord) -> list[CharRange]:
    """ "saw the talks as a trap", "the deal was seen as a defeat", "an option seen by
    organisers as a lifeboat": what is taken, and what it is taken for."""
    if "as" not in entry.frames:
        return []
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    taken_for = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] if prep else []
    if not taken_for:
        # "saw the campaign as most unfair": the parse makes the "as" phrase a clause
        taken_for = [
            c
            for c in tok.children
            if c.dep_ in ("advcl", "acomp", "oprd", "xcomp") and c.left_edge.lower_ == "as"
        ]
    if not taken_for:
        return []
    what = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if what is not None:
        taken = list(what.subtree)
    elif tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.i < tok.i:
        # "Kyle, referred to as the deadliest sniper": the noun the participle describes
        taken = list(tok.doc[tok.head.left_edge.i : tok.head.i + 1])
    else:
        taken = []
    said = taken_for[0]
    lead = said.left_edge if said.left_edge.lower_ == "as" else None
    return char_ranges([*taken, *(t for t in said.subtree if t != lead)])


def passive_content(tok: Token, entry: CueWord) -> list[CharRange]:
    """A cue verb in the passive says something about its subject: "the strike was confirmed
    by the ministry", "Osman is believed to have been on board", "the plan was attacked"."""
    kids = list(tok.children)
    if entry.cls == "intention":
        return []
    taken: list[Token]
    if participle(tok):
        # "a measure strongly opposed by unions", "emails now deemed classified": the noun
        # the participle describes, as far as the noun goes
        subject = tok.head
        taken = list(tok.doc[subject.left_edge.i : subject.i + 1])
    else:
        found = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if found is None or found.lower_ == "it" or not any(c.dep_ == "auxpass" for c in kids):
            return []
        subject, taken = found, list(found.subtree)
    more = next((c for c in kids if c.dep_ in ("xcomp", "oprd")), None)
    if more is not None:  # "is said to be furious", "deemed insufficient": and what it is
        return char_ranges([*taken, *more.subtree])
    agent = next((c for c in kids if c.dep_ == "agent"), None)
    written = subject.lemma_.lower()
    if (
        participle(tok)
        and agent is None
        and (written in document_nouns() or written in cue_nouns())
    ):
        # "a video posted on social media", "a poll released Thursday": where a text
        # appeared, not a claim; what it says is claimed by the verb it is subject of
        return []
    if not entry.frames & {"object", "target"}:
        return []  # ("known for his budget": known as nothing; the "as" frame needs its "as")
    if "object" not in entry.frames:
        # "supported by tanks", "defended by a battalion": fighting unless a speaker acts
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if by is not None and not speaker(by):
            return []
        if by is None and not (speaker(subject) or subject.lemma_.lower() in stance_targets()):
            return []
    return char_ranges(taken)


def _object_content(tok: Token, entry: CueWord, kids: list[Token]) -> list[CharRange]:
    """The verb's object, as its row's frames allow: someone or an idea (`target`), a text
    (`document`), anything a holder of views can hold (`view`), what a poll finds, or any
    object (`object`)."""
    if "target" in entry.frames and not any(c.dep_ == "auxpass" for c in kids):
        holder = next((c for c in kids if c.dep_ == "nsubj"), None)
        # "defended himself": a person answering for themselves, not a unit holding out
        own = holder is not None and (
            holder.ent_type_ == "PERSON" or holder.lower_ in ("he", "she")
        )
        for c in kids:
            stance = speaker(c) or c.lemma_.lower() in stance_targets() or c.lower_ in PEOPLE
            stance = stance or (c.lower_ in ("himself", "herself") and own)
            # "attacked Kupiansk": a place is fought over, not argued with
            if c.dep_ == "dobj" and stance and c.ent_type_ not in ("GPE", "LOC", "FAC"):
                return char_ranges(c.subtree)
    if "thing" in entry.frames and not any(c.dep_ == "auxpass" for c in kids):
        # "admitted the mistake", not "admitted refugees" or "admitted to hospital"
        goes = any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in kids)
        for c in kids:
            if c.dep_ == "dobj" and not goes and not _people(c):
                return char_ranges(c.subtree)
    if "document" in entry.frames:
        for c in kids:
            kind = c.lemma_.lower()
            if c.dep_ == "dobj" and (kind in document_nouns() or kind in cue_nouns()):
                return char_ranges(c.subtree)  # "released a report", "issued a warning"
    holder = next((c for c in kids if c.dep_ == "nsubj"), None)
    # (a name the tagger guessed from a capital is not enough: "Artillery supported the attack")
    sure = holder is not None and (holder.pos_ != "PROPN" or holder.ent_type_ != "")
    if "view" in entry.frames and has_source(tok) and sure:
        for c in kids:
            if c.dep_ == "dobj" and c.ent_type_ not in ("GPE", "LOC", "FAC"):
                return char_ranges(c.subtree)
    if entry.cls == "evidence" and any(
        c.dep_ == "nsubj" and document_nouns().get(c.lemma_.lower()) in ("poll", "record")
        for c in kids
    ):
        # "the poll found broad support", "a report found no evidence of an order"
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is not None:
            return char_ranges(obj.subtree)
    if "object" in entry.frames:
        oprd = next((c for c in kids if c.dep_ == "oprd"), None)
        for c in kids:
            if c.dep_ == "dobj" and oprd is not None:  # "called it a mistake"
                return char_ranges([*c.subtree, *oprd.subtree])
            if c.dep_ == "dobj" and c.pos_ not in ("PRON",):
                return char_ranges(c.subtree)
        named = [c for c in kids if c.dep_ == "oprd"]
        if named and not any(c.dep_ == "dobj" for c in kids):
            # "called Trump 'a menace'" parsed with two complements and no object
            return char_ranges(t for c in named for t in c.subtree)
    return []


def _people(tok: Token) -> bool:
    """A person or people: "Syrians", "three soldiers", "the voters", "him"."""
    return (
        tok.ent_type_ in ("PERSON", "NORP")
        or tok.lower_ in PEOPLE
        or tok.lemma_.lower() in holder_nouns()
        or (tok.tag_ == "NNS" and any(c.dep_ == "nummod" for c in tok.children))
    )


def _embedded_question(clause: Token, siblings: list[Token]) -> bool:
    """ "whether ...", or "if ..." standing in for the verb's missing complement."""
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    no_complement = not any(c.dep_ in ("ccomp", "dobj") for c in siblings)
    return "whether" in marks or ("if" in marks and no_complement)


def parenthetical(verb: Token) -> tuple[list[Token], list[CharRange]]:
    """ "That attitude, many argue, could carry risks": a cue set between two commas inside
    its content, after a short subject, when the parse did not see it. The words before the
    cue (the subject as written) and the rest of the sentence (the content)."""
    doc, sent = verb.doc, verb.sent
    after = verb.i + 1
    if after >= sent.end or doc[after].text != ",":
        return [], []
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return [], []
    lo = verb.i - 1
    while lo > sent.start and doc[lo].text != "," and verb.i - lo <= PARENTHESIS_WORDS:
        lo -= 1
    words = list(doc[lo + 1 : verb.i])
    if doc[lo].text != "," or lo <= sent.start or not any(t.is_alpha for t in words):
        return [], []
    before = list(doc[sent.start : lo])
    if any(_adjunct(t, verb) for t in before):
        before = []  # "Asked whether ..., the governor said, ...": the question, not his words
    outside = [*before, *doc[after + 1 : sent.end]]
    return words, char_ranges(t for t in outside if not t.is_space)


# how many words may stand between the comma and the cue of a parenthetical
PARENTHESIS_WORDS = 5


def clause_before(verb: Token) -> list[CharRange]:
    """The pattern "CONTENT, SOURCE said." read off the surface when the parse misses it: the
    verb's subject follows a comma, and before the comma stands a clause of its own."""
    subj = nearest_subject(verb)
    if subj is None:
        return []
    sent = verb.sent
    # "..., said the company's chief executive": the verb right after the comma
    comma = cue_tokens(verb)[0].i - 1 if subj.i > verb.i else phrase_start(subj) - 1
    if comma <= sent.start or verb.doc[comma].text != ",":
        return []
    # only the cue clause may follow: the verb ends its clause or a short adverbial does
    after = [t for t in verb.doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    # (a participle may close it: "..., TASS reported, citing the ministry")
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in after):
        return []
    before = verb.doc[sent.start : comma]
    if not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in before):
        return []
    if any(_adjunct(t, verb) for t in before):
        return []  # "Asked about the strike, the governor said ...": the question, not his words
    return char_ranges(t for t in before if not t.is_space)


def _adjunct(tok: Token, verb: Token) -> bool:
    """A participle clause without a subject hung on the verb: "Asked about the strike",
    "Speaking to reporters"."""
    # ("Convinced that ...": a participle opening the sentence may be tagged a past tense)
    opening = tok.tag_ == "VBD" and tok.left_edge.i == tok.i
    return (
        tok.head == verb
        and tok.dep_ == "advcl"
        and (tok.tag_ in ("VBN", "VBG") or opening)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    )


def that_clause_after(verb: Token) -> list[CharRange]:
    """The first that-clause after the verb in its sentence, wherever the parse put it."""
    for tok in verb.doc[verb.i + 1 : verb.sent.end]:
        if tok.dep_ == "mark" and tok.lower_ == "that" and tok.head.i > tok.i:
            clause = tok.head
            if verb in clause.ancestors:
                return char_ranges(own_clause(clause))
            return []
        # ("following a vote", "including": a participle used as a preposition)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "prep"):
            return []  # another verb's clause comes first
    return []


def weak_content(tok: Token) -> list[CharRange]:
    """A cue verb with a named subject but none of its usual complements: its object, or
    what a preposition says it is about ("Trump agreed on a plan", "she said that")."""
    for c in tok.children:
        if c.dep_ in ("dobj", "oprd"):
            return char_ranges(c.subtree)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS:
            obj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            # "said on Tuesday", "speaking on the radio": when and how, not what about
            if obj and obj[0].ent_type_ not in ("DATE", "TIME") and not medium(obj[0]):
                return char_ranges(obj[0].subtree)
    return []


def prep_content(tok: Token, preps: frozenset[str], target: bool = False) -> list[CharRange]:
    """The object of the first of `preps` under tok; with `target`, only a person, a body or
    an idea ("the attack on Cruz", not "the attack on Kharkiv")."""
    for c in tok.children:
        # ("angered by the ruling": the parse calls a passive's "by" its agent)
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            obj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if obj and obj[0].ent_type_ in ("DATE", "TIME"):
                continue  # "statements on Sunday": when, not what about
            if obj and target and not stance_target(obj[0]):
                return []
            if obj:
                return char_ranges(obj[0].subtree)
    for c in tok.children:
        # "calling for the United States to step up ...": the parse makes "for" the marker of
        # a clause with its own subject
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children):
            return char_ranges(t for t in c.subtree if not (t.dep_ == "mark" and t.head == c))
    return []


def infinitive(tok: Token) -> list[CharRange]:
    """ "the decision to withdraw": the infinitive a noun governs."""
    for c in tok.children:
        if c.dep_ in ("acl", "xcomp") and _to(c):
            return char_ranges(c.subtree)
    return []

"""What befell what a figure counts ("killed", "destroyed", "shot down", "lost"): from the counted
noun, its modifiers, or the verb or noun that governs the phrase (data/claims/
quantity_outcomes.tsv)."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.claims.quantity_tables import OutcomeRow, outcome_table

NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PRON"})
# fates of people that, named together for one figure, make it a loss tally
CASUALTY_OUTCOMES = frozenset({"killed", "wounded", "missing", "captured"})


def outcome_of(anchor: Token, head: Token | None, words: list[list[str]]) -> OutcomeRow | None:
    """The outcome of the phrase of `anchor`, whose counted noun (if any) has head `head` and
    `words`: the noun itself, a participle on it, or what governs the phrase."""
    table = outcome_table()
    if words:
        for form in words[-1]:  # "12 dead", "40 casualties"
            row = table.get(form)
            if row is not None and not row.outcome.startswith("="):
                return row
    for child in (head or anchor).children:  # "destroyed tanks", "soldiers killed", "20 wounded"
        if child.dep_ in ("amod", "acl"):
            row = _row(child)
            if row is not None:
                return row
    return _governor_outcome(anchor)


def _row(token: Token) -> OutcomeRow | None:
    row = outcome_table().get(token.lemma_.lower()) or outcome_table().get(token.lower_)
    return None if row is None or row.outcome.startswith("=") else row


def _governor_outcome(anchor: Token) -> OutcomeRow | None:
    """The outcome from the verb or noun that governs the counted phrase."""
    t = anchor
    for _ in range(8):
        if t.dep_ in ("conj", "appos") and t.head.i != t.i and t.head.pos_ in NOMINAL:
            t = t.head  # a list shares its first member's verb
            continue
        if t.dep_ == "pobj":
            prep = t.head
            if prep.lemma_.lower() in ("include", "including", "among"):
                t = prep.head  # "45 drones, including 30 Shaheds"
                if t.pos_ in ("VERB", "AUX"):  # "shot down 45 drones, including 30 Shaheds"
                    return _verb_outcome(t, prep)
                continue
            gov = prep.head
            if prep.lower_ == "of" and gov.pos_ in ("NOUN", "PROPN"):
                return _row(gov)  # "losses of 210 personnel", "the destruction of 12 tanks"
            if prep.lower_ in ("at", "to") and gov.pos_ in ("VERB", "AUX"):
                return _linked_outcome(gov, t)  # "the toll rose to 57", "put losses at 1,210"
            return None
        return _verb_outcome(t.head, t) if t.head.i != t.i else None
    return None


def _verb_outcome(gov: Token, dependent: Token) -> OutcomeRow | None:
    table = outcome_table()
    lemma = gov.lemma_.lower()
    # a verb with its particle or complement: "shot down", "taken prisoner", "went missing"
    keys = [f"{lemma} {c.lemma_.lower()}" for c in gov.children]
    keys += [f"{lemma} {c.lower_}" for c in gov.children if c.dep_ == "prt"]
    if gov.dep_ in ("oprd", "dobj"):  # the parse hung the verb's figure on its complement
        keys.append(f"{gov.head.lemma_.lower()} {lemma}")
    keys.append(lemma)
    for key in keys:
        row = table.get(key)
        if row is None:
            continue
        if not row.outcome.startswith("="):
            return _shared_with_conjunct(gov, row)
        return _subject_outcome(gov, dependent)
    return None


def _shared_with_conjunct(verb: Token, row: OutcomeRow) -> OutcomeRow:
    """ "were killed or wounded", "killed and wounded 600": two fates for one figure, which is a
    loss tally of unknown split (`lost`, as quantity_outcomes.tsv says)."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB":
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in conj.children):
            continue  # "killed 12 and wounded 20": each verb has its own figure
        other = _row(conj)
        fates = {row.outcome, other.outcome} if other is not None else set()
        if len(fates) == 2 and fates <= CASUALTY_OUTCOMES:
            return OutcomeRow("lost")
    return row


def _linked_outcome(gov: Token, dependent: Token) -> OutcomeRow | None:
    """The outcome of a figure a verb links to a noun: "the toll rose to 57" (a linking verb's
    subject), "put losses at 1,210" (any verb's object)."""
    row = outcome_table().get(gov.lemma_.lower())
    deps = ("dobj", "acomp", "attr", "nsubj", "nsubjpass") if row else ("dobj",)
    if row is not None and not row.outcome.startswith("="):
        return None  # "killed ... at 3 villages" says where, not what
    return _noun_outcome(gov, dependent, deps)


def _subject_outcome(verb: Token, dependent: Token) -> OutcomeRow | None:
    """A linking verb's outcome: "were missing", "losses amounted to 210"."""
    return _noun_outcome(verb, dependent, ("acomp", "attr", "nsubj", "nsubjpass"))


def _noun_outcome(verb: Token, dependent: Token, deps: tuple[str, ...]) -> OutcomeRow | None:
    """The outcome a verb's argument names: "losses", "death toll", "the number of dead"."""
    table = outcome_table()
    for child in verb.children:
        if child.i == dependent.i or child.dep_ not in deps:
            continue
        compounds = [c.lemma_.lower() for c in child.children if c.dep_ == "compound"]
        named = [" ".join([*compounds, child.lemma_.lower()]), child.lemma_.lower()]
        # "the number of dead", "the toll of wounded"
        named += [g.lemma_.lower() for c in child.children if c.lower_ == "of" for g in c.children]
        for key in named:
            row = table.get(key)
            if row is not None and not row.outcome.startswith("="):
                return row
    return None

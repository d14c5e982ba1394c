"""`find_mentions`: the sources run over one Doc, then the choice among their candidates.

Aliases are looked for after a first choice, since an alias phrase ties a new name to a place
already found; then the other occurrences of each chosen name (repeats.py).
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.places.recognize.aliases import _aliases
from claimledger.places.recognize.choose import _finish, _select
from claimledger.places.recognize.context import _context, _datelines
from claimledger.places.recognize.cyrillic import _cyrillic
from claimledger.places.recognize.gazetteer import _abbreviations, _gazetteer
from claimledger.places.recognize.mention import Known, Mention, _unknown
from claimledger.places.recognize.ner import _ner
from claimledger.places.recognize.reader import _Reader
from claimledger.places.recognize.repeats import _repeats
from claimledger.places.recognize.tables import Tables, load_tables


def find_mentions(
    doc: Doc, known: Known | None = None, *, tables: Tables | None = None
) -> list[Mention]:
    """The place mentions of a parsed Doc, sorted by start, not overlapping.

    `known(name)` says how well-known a name is in the gazetteer (0 unknown .. 1 a country);
    without it only the model's entities, cues and tables are used.
    """
    r = _Reader(doc, known or _unknown, tables or load_tables())
    segments = r.segments()
    ner = list(_ner(r))
    accepted = {(c.start, c.end) for c in ner}
    candidates = [
        *ner,
        *_abbreviations(r),
        *_context(r, segments, accepted),
        *_gazetteer(r, segments),
        *_datelines(r),
        *_cyrillic(r),
    ]
    chosen = _select(candidates, r)
    alias = _aliases(r, chosen, segments)
    if alias:
        chosen = _select([*chosen, *alias], r)
    repeats = _repeats(r, chosen)
    if repeats:
        chosen = _select([*chosen, *repeats], r)
    return _finish(r, chosen)

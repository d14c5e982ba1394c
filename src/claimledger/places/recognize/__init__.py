"""Place-mention recognition: which stretches of an English article name places.

A mention comes from one of five sources, trusted in this order when two overlap (the longer
span wins first):

- ``ner``: the model's GPE and LOC entities, and FAC entities that name a locatable facility
  (an airport, a bridge, a power plant; not "the Kremlin", which stands for an institution);
- ``context``: a capitalised name in a place context the small model misses ("near Chasiv
  Yar", "the village of X", "the Pokrovsk direction", "captured X", "X Oblast");
- ``gazetteer``: a capitalised name the gazetteer knows well, with no cue at all;
- ``cyrillic``: a capitalised Cyrillic name inside English text;
- ``alias``: a name found only because the text says it is another name of a place
  ("Pokrovsk, formerly Krasnoarmiisk").

Each mention carries a hint of what its context says the place is (``admin1``, ``admin2``,
``settlement``, ``front``, ``country``) and flags (``metonymic`` for "Kyiv said"). Demonyms and
organisations ("Ukrainian forces", "the Azov regiment") are not places.

Cue words, place nouns, exclusions and alias phrases are reviewed tables in ``data/places/``.
The work is a few scans over the tokens and dictionary look-ups of short word tuples: it adds
little to the spaCy parse.
"""

from __future__ import annotations

from claimledger.places.recognize.aliases import find_aliases
from claimledger.places.recognize.find import find_mentions
from claimledger.places.recognize.mention import Known, Mention
from claimledger.places.recognize.tables import Tables, load_tables

__all__ = ["Known", "Mention", "Tables", "find_aliases", "find_mentions", "load_tables"]

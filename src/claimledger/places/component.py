"""The spaCy component: find place mentions on a Doc, resolve them, write `doc._.places`."""

from __future__ import annotations

import logging
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extensions import register_extensions
from claimledger.places.containment import find_containers
from claimledger.places.gazetteer import Entry, Gazetteer
from claimledger.places.names import skeleton
from claimledger.places.recognize import find_aliases, find_mentions
from claimledger.places.recognize.mention import Mention
from claimledger.places.resolve import Resolver, Target, prominence, target_in_text

log = logging.getLogger(__name__)

FACTORY = "claimledger_places"
OWN_NAME_KINDS = {"official", "romanized", "russian", "abbreviation"}
# how close (rapidfuzz ratio of consonant skeletons) an alternate is to the own name to be a
# spelling of it rather than another name (Kupiansk ~ Kupyansk; not Krasnoarmeysk ~ Pokrovsk)
RESPELLING = 80.0


def _respelling(entry: Entry) -> bool:
    """An alternate name that spells the place's own name another way (a near skeleton)."""
    if entry.name_kind != "alternate":
        return False
    return fuzz.ratio(skeleton(entry.matched_name), skeleton(entry.name)) >= RESPELLING


def _known_weight(entry: Entry) -> float:
    weight = prominence(entry)
    return weight if entry.feature_class != "P" else max(0.0, weight - 0.1)


class PlaceStage:
    """Recognition, then resolution against an injected gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer)
        self.known = lru_cache(maxsize=65536)(self._known)
        register_extensions()

    def _known(self, name: str) -> float:
        """How well-known a name is, 0..1: the prominence of the best place whose own name it is.

        Only own names count (not one of many alternates), and a town counts for less than its
        size alone says: capitalised words like "Union" or "Federal" are towns somewhere too.
        An alternate that is only another spelling of the place's name counts as its own
        name: "Zaporizhzhia" and "Mykolaiv", the forms English reports use, are GeoNames'
        alternates of "Zaporizhzhya" and "Mykolayiv".
        """
        entries = [
            e
            for e in self.gazetteer.lookup(name, fuzzy=False, limit=10)
            if e.similarity >= 0.999 and (e.name_kind in OWN_NAME_KINDS or _respelling(e))
        ]
        return max((_known_weight(e) for e in entries), default=0.0)

    @staticmethod
    def _target(text: str, mention: Mention) -> Target:
        """The mention with what the noun after it says: "the Zaporozhye region" is also looked
        up as "Zaporozhye Region", the division, not only as the city it is named after."""
        after = target_in_text(text, mention.start, mention.end)
        return Target(
            mention.start,
            mention.end,
            mention.text,
            mention.hint or after.hint,
            tuple(mention.flags),
            after.forms if mention.hint in (None, after.hint) else (),
        )

    def __call__(self, doc: Doc) -> Doc:
        try:
            mentions = find_mentions(doc, known=self.known)
            aliases = find_aliases(doc, mentions)
            targets = [self._target(doc.text, m) for m in mentions]
            containers = find_containers(doc.text, mentions, [t.hint for t in targets])
            doc._.places = self.resolver.resolve(targets, aliases, containers)
        except Exception:  # one bad document does not stop the batch; it gets no places
            log.exception("place stage failed on a document")
            doc._.places = []
        return doc


@Language.factory(
    FACTORY,
    default_config={"gazetteer_path": None},
    assigns=["doc._.places"],
    requires=["doc.ents", "token.dep"],
)
def make_place_stage(nlp: Language, name: str, gazetteer_path: str | None) -> PlaceStage:
    return PlaceStage(Gazetteer.open(gazetteer_path))

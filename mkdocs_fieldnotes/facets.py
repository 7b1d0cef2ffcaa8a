"""Sources and topics: the cards grouped by the site their link is on and by their topic.

Plain data, like ``index.py``: timeline items in, sorted ``Facet`` records out. A card's
source is the host name of its link (``Card.domain``, without ``www.``), compared
case-insensitively; its topic is the text after the dash of its heading (or a card block's
``topic`` option), compared case-insensitively and with runs of whitespace as one space.
Each value is shown in its most used spelling (ties: the first in code-point order).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Literal, Optional

from .index import RESERVED, TimelineItem
from .slugs import unique_slugs

FacetKind = Literal["source", "topic"]


@dataclasses.dataclass
class Facet:
    """One source (a site) or topic, with the cards that have it, newest first."""

    kind: FacetKind
    key: str
    """Identity: the host name lower-cased, or the topic case-folded and space-collapsed."""
    name: str
    """Display name: the most used spelling."""
    slug: str
    src_uri: str
    items: list[TimelineItem] = dataclasses.field(default_factory=list)
    """Its cards with their entries, in timeline order (newest date commented first)."""

    @property
    def card_count(self) -> int:
        """Cards with this value."""
        return len(self.items)

    @property
    def entry_count(self) -> int:
        """Entries with at least one such card."""
        return len({item.entry.src_uri for item in self.items})

    @property
    def last_date(self) -> Optional[dt.date]:
        """The newest date commented of its cards."""
        return next((i.card.date_commented for i in self.items if i.card.date_commented), None)


def facet_key(kind: FacetKind, value: str) -> str:
    """How values of ``kind`` are compared: ``ArXiv.org`` and ``arxiv.org`` are one source,
    ``Pre-training`` and ``pre-training `` one topic."""
    if kind == "source":
        return value.casefold()
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split()).casefold()


def value_of(kind: FacetKind, item: TimelineItem) -> Optional[str]:
    """The card's source (the site of its link) or topic, or ``None``."""
    return item.card.domain if kind == "source" else item.card.topic


def _spelling(counter: Counter[str]) -> str:
    """Most used spelling; ties go to the first in code-point order."""
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def build_facets(kind: FacetKind, timeline: Sequence[TimelineItem], folder: str) -> list[Facet]:
    """Every value of ``kind`` among the cards of ``timeline`` (in timeline order), each
    with its page ``<folder>/<slug>.md``; sorted by card count, most first, then by name.

    One pass over the cards, then one per value: linear in the cards.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, list[TimelineItem]] = defaultdict(list)
    for item in timeline:
        value = value_of(kind, item)
        if value:
            key = facet_key(kind, value)
            spellings[key][" ".join(value.split())] += 1
            members[key].append(item)
    names = {key: _spelling(counter) for key, counter in spellings.items()}
    slugs = unique_slugs(names.values())
    facets: list[Facet] = []
    taken = set(RESERVED)  # <folder>/index.md and <folder>/<slug>/page/2.md are the plugin's
    for key in sorted(names, key=lambda k: (names[k].casefold(), names[k], k)):
        slug = slugs[names[key]]
        while slug in taken:
            slug += f"-{kind}"
        taken.add(slug)
        uri = posixpath.join(folder, slug + ".md")
        facets.append(Facet(kind, key, names[key], slug, uri, members[key]))
    return sorted(facets, key=lambda f: (-f.card_count, f.name.casefold(), f.name, f.key))

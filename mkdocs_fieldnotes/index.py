"""Tags, series, categories and the timeline as plain data, built from entries.

Nothing here knows about MkDocs: entries in, sorted records out. Draft filtering is the
caller's choice (pass only the entries readers may see).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Optional

from .model import Card, Entry
from .slugs import unique_slugs

RESERVED = frozenset({"index", "page"})
"""Slugs kept for the plugin's own pages (``index.md``, ``<slug>/page/2.md``)."""


def _desc_date(entry: Entry) -> tuple[int, str, str]:
    """Sort key: newest ``date`` first, undated last, then title and path."""
    ordinal = -entry.date.toordinal() if entry.date else 1
    return (ordinal, (entry.title or "").casefold(), entry.src_uri)


def _series_order(entry: Entry) -> tuple[int, int, int, str, str]:
    order = entry.series_order
    return (
        0 if order is not None else 1,
        order if order is not None else 0,
        entry.date.toordinal() if entry.date else dt.date.max.toordinal(),
        (entry.title or "").casefold(),
        entry.src_uri,
    )


@dataclasses.dataclass
class Term:
    """A tag, series or category with its generated page."""

    kind: str
    key: str
    """Case-folded identity (``llms/post-training`` for a child tag)."""
    name: str
    """Full display name (``LLMs/Post-training``)."""
    label: str
    """Last segment for tree display (``Post-training``)."""
    slug: str
    """Slug path below the kind's folder (``llms/post-training``)."""
    src_uri: str = ""
    entries: list[Entry] = dataclasses.field(default_factory=list)
    """Entries with the term (for a tag: its own and its descendants'), in listing order."""
    own_count: int = 0
    children: list[Term] = dataclasses.field(default_factory=list)
    parent: Optional[Term] = None
    partial: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Entries that have the term only on some of their cards (a card block's ``tags``), by
    source path: the ids of those cards. Every card of the other entries has the term."""

    @property
    def card_count(self) -> int:
        """Cards with the term: every card of its entries, but only the tagged cards of an
        entry that has it on some cards alone."""
        partial = self.partial
        if not partial:
            return sum(len(e.cards) for e in self.entries)
        return sum(
            len(partial[e.src_uri]) if e.src_uri in partial else len(e.cards) for e in self.entries
        )

    def has_card(self, entry: Entry, card: Card) -> bool:
        """Whether ``card`` of ``entry`` (one of the term's entries) has the term."""
        ids = self.partial.get(entry.src_uri)
        return ids is None or card.id in ids

    @property
    def depth(self) -> int:
        """0 for a top-level tag."""
        return self.key.count("/")

    @property
    def first_date(self) -> Optional[dt.date]:
        """Earliest entry date."""
        dates = [e.date for e in self.entries if e.date]
        return min(dates) if dates else None

    @property
    def last_date(self) -> Optional[dt.date]:
        """Latest entry date."""
        dates = [e.date for e in self.entries if e.date]
        return max(dates) if dates else None


@dataclasses.dataclass(frozen=True)
class TimelineItem:
    """A card with the entry it belongs to."""

    card: Card
    entry: Entry


def split_tag(name: str) -> list[str]:
    """Segments of a hierarchical tag: ``LLMs / Post-training`` → ``['LLMs', 'Post-training']``.

    Empty segments and segments of dots only (``..``) are dropped.
    """
    parts = (part.strip() for part in name.split("/"))
    return [part for part in parts if part.strip(".")]


def _spelling(counter: Counter[str]) -> str:
    """Most used spelling; ties go to the first in code-point order."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0]


def build_tags(entries: Sequence[Entry], folder: str) -> list[Term]:
    """Every tag (parents included, created when only children are used), sorted by key."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    own: dict[str, list[Entry]] = defaultdict(list)
    on_cards: dict[str, dict[str, set[str]]] = defaultdict(dict)  # key -> src -> card ids
    for entry in entries:
        keys_here: set[str] = set()
        for tag in entry.tags:
            segments = split_tag(tag)
            for depth in range(1, len(segments) + 1):
                key = "/".join(s.casefold() for s in segments[:depth])
                spellings[key][segments[depth - 1]] += 1
            if segments:
                key = "/".join(s.casefold() for s in segments)
                if key not in keys_here:
                    keys_here.add(key)
                    own[key].append(entry)
        for card in entry.cards:
            for tag in card.tags:  # a card block's own tags: the card alone has them
                segments = split_tag(tag)
                for depth in range(1, len(segments) + 1):
                    key = "/".join(s.casefold() for s in segments[:depth])
                    spellings[key][segments[depth - 1]] += 1
                if segments:
                    key = "/".join(s.casefold() for s in segments)
                    on_cards[key].setdefault(entry.src_uri, set()).add(card.id)
    terms: dict[str, Term] = {}
    for key in sorted(spellings, key=lambda k: (k.count("/"), k)):
        parent_key = key.rpartition("/")[0]
        parent = terms.get(parent_key) if parent_key else None
        label = _spelling(spellings[key])
        name = f"{parent.name}/{label}" if parent else label
        term = Term("tag", key, name, label, slug="", parent=parent)
        term.own_count = len(own.get(key, []))
        terms[key] = term
        if parent:
            parent.children.append(term)
    _assign_slugs([t for t in terms.values() if t.parent is None], folder)
    by_src = {entry.src_uri: entry for entry in entries} if on_cards else {}
    for term in terms.values():
        seen: dict[str, Entry] = {}
        for key, tagged in own.items():
            if key == term.key or key.startswith(term.key + "/"):
                for entry in tagged:
                    seen.setdefault(entry.src_uri, entry)
        partial: dict[str, set[str]] = {}
        for key, cards in on_cards.items():
            if key == term.key or key.startswith(term.key + "/"):
                for src, ids in cards.items():
                    if src not in seen:
                        partial.setdefault(src, set()).update(ids)
        for src in partial:
            seen[src] = by_src[src]
        term.partial = {src: frozenset(ids) for src, ids in partial.items()}
        term.entries = sorted(seen.values(), key=_desc_date)
    return sorted(terms.values(), key=lambda t: (t.key, t.name))


def _assign_slugs(siblings: list[Term], folder: str, prefix: str = "") -> None:
    slugs = unique_slugs([t.label for t in siblings])
    taken = set(RESERVED)  # tags/x/index.md would share the URL of tags/x.md
    for term in sorted(siblings, key=lambda t: (t.label.casefold(), t.label)):
        slug = slugs[term.label]
        while slug in taken:
            slug += "-tag"
        taken.add(slug)
        term.slug = f"{prefix}{slug}"
        term.src_uri = posixpath.join(folder, term.slug + ".md")
        term.children.sort(key=lambda t: (t.label.casefold(), t.label))
        _assign_slugs(term.children, folder, term.slug + "/")


def _build_flat(
    kind: str, names_of: Iterable[tuple[Entry, Sequence[str]]], folder: str, order: str
) -> list[Term]:
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, dict[str, Entry]] = defaultdict(dict)
    for entry, names in names_of:
        for name in names:
            key = name.casefold()
            spellings[key][name] += 1
            members[key].setdefault(entry.src_uri, entry)
    terms = [
        Term(kind, key, _spelling(spellings[key]), _spelling(spellings[key]), slug="")
        for key in sorted(spellings)
    ]
    slugs = unique_slugs(t.name for t in terms)
    taken = set(RESERVED)
    for term in sorted(terms, key=lambda t: (t.name.casefold(), t.name)):
        slug = slugs[term.name]
        while slug in taken:
            slug += f"-{kind}"
        taken.add(slug)
        term.slug = slug
        term.src_uri = posixpath.join(folder, slug + ".md")
        key_fn = _series_order if order == "series" else _desc_date
        term.entries = sorted(members[term.key].values(), key=key_fn)
        term.own_count = len(term.entries)
    return sorted(terms, key=lambda t: (t.name.casefold(), t.name))


def build_series(entries: Sequence[Entry], folder: str) -> list[Term]:
    """Every series with its parts in order (``series_order``, then date, then title)."""
    return _build_flat("series", ((e, e.series) for e in entries), folder, "series")


def build_categories(entries: Sequence[Entry], folder: str) -> list[Term]:
    """Every category with its entries, newest first."""
    pairs = ((e, (e.category,) if e.category else ()) for e in entries)
    return _build_flat("category", pairs, folder, "date")


def timeline_key(item: TimelineItem) -> tuple[int, int, str, str, int]:
    """Newest "date commented" first, undated last; then entry date, title, path, card line."""
    card, entry = item.card, item.entry
    return (
        -card.date_commented.toordinal() if card.date_commented else 1,
        -entry.date.toordinal() if entry.date else 1,
        (entry.title or "").casefold(),
        entry.src_uri,
        card.line,
    )


def build_timeline(entries: Iterable[Entry]) -> list[TimelineItem]:
    """Every card of ``entries`` in timeline order."""
    items = [TimelineItem(card, entry) for entry in entries for card in entry.cards]
    return sorted(items, key=timeline_key)


@dataclasses.dataclass
class Group:
    """Timeline items of one month (``month`` is ``None`` for undated items)."""

    year: Optional[int]
    month: Optional[int]
    items: list[TimelineItem]


def group_by_month(items: Sequence[TimelineItem]) -> list[Group]:
    """Consecutive items of ``items`` grouped by (year, month); undated items in one group."""
    groups: list[Group] = []
    for item in items:
        when = item.card.date_commented
        year, month = (when.year, when.month) if when else (None, None)
        if groups and (groups[-1].year, groups[-1].month) == (year, month):
            groups[-1].items.append(item)
        else:
            groups.append(Group(year, month, [item]))
    return groups


@dataclasses.dataclass
class SeriesPosition:
    """Where an entry stands in one series, for the series box."""

    series: Term
    number: int
    total: int
    previous: Optional[Entry]
    next: Optional[Entry]


def series_positions(entry: Entry, series: Sequence[Term]) -> list[SeriesPosition]:
    """The entry's place in each of its series."""
    positions: list[SeriesPosition] = []
    wanted = {name.casefold() for name in entry.series}
    for term in series:
        if term.key not in wanted:
            continue
        uris = [e.src_uri for e in term.entries]
        if entry.src_uri not in uris:
            continue
        i = uris.index(entry.src_uri)
        positions.append(
            SeriesPosition(
                term,
                i + 1,
                len(uris),
                term.entries[i - 1] if i > 0 else None,
                term.entries[i + 1] if i + 1 < len(uris) else None,
            )
        )
    return positions

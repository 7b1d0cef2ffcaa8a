"""The whole site's field notes for one build: entries, indexes and generated pages."""

from __future__ import annotations

import dataclasses
import functools
import posixpath
from collections.abc import Sequence
from typing import Any, Callable, Optional

from .index import (
    SeriesPosition,
    Term,
    TimelineItem,
    build_categories,
    build_series,
    build_tags,
    build_timeline,
    series_positions,
    split_tag,
)
from .model import Entry
from .pages import Listing, PageOptions, plan_terms, plan_timeline


@dataclasses.dataclass
class Site:
    """Indexes over the entries readers may see, and the listings to generate."""

    entries: list[Entry]
    tags: list[Term]
    series: list[Term]
    categories: list[Term]
    timeline: list[TimelineItem]
    listings: list[Listing]
    options: PageOptions
    _tag_by_key: dict[str, Term] = dataclasses.field(default_factory=dict)
    _category_by_key: dict[str, Term] = dataclasses.field(default_factory=dict)

    def tags_of(self, entry: Entry) -> list[Term]:
        """The tag terms of an entry, in the order the entry lists them."""
        terms = []
        for tag in entry.tags:
            key = "/".join(s.casefold() for s in split_tag(tag))
            if key in self._tag_by_key:
                terms.append(self._tag_by_key[key])
        return terms

    def category_of(self, entry: Entry) -> Optional[Term]:
        """The category term of an entry."""
        return self._category_by_key.get(entry.category.casefold()) if entry.category else None

    def series_of(self, entry: Entry) -> list[SeriesPosition]:
        """The entry's place in each of its series."""
        return series_positions(entry, self.series) if self.options.series else []


def build_site(entries: Sequence[Entry], options: PageOptions, words: dict[str, str]) -> Site:
    """Index ``entries`` (only those readers may see) and plan the generated pages."""
    visible = sorted(entries, key=lambda e: e.src_uri)
    tags = build_tags(visible, options.tags) if options.tags else []
    series = build_series(visible, options.series) if options.series else []
    categories = build_categories(visible, options.categories) if options.categories else []
    timeline = build_timeline(visible)
    listings: list[Listing] = []
    for terms, folder, kind in (
        (tags, options.tags, "tag"),
        (series, options.series, "series"),
        (categories, options.categories, "category"),
    ):
        if folder:
            listings += plan_terms(
                terms, folder, kind, timeline, options.tag_cards, words, options.page_size
            )
    if options.timeline:
        listings += plan_timeline(timeline, options.timeline, options.page_size, words)
    return Site(
        entries=visible,
        tags=tags,
        series=series,
        categories=categories,
        timeline=timeline,
        listings=listings,
        options=options,
        _tag_by_key={t.key: t for t in tags},
        _category_by_key={t.key: t for t in categories},
    )


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder)


def relative_md(target: str, current: str, anchor: Optional[str] = None) -> str:
    """Relative ``.md`` path from the page ``current`` to ``target`` (both docs-relative)."""
    path = _relpath(target, posixpath.dirname(current) or ".")
    return f"{path}#{anchor}" if anchor else path


def listing_context(
    listing: Listing,
    site: Site,
    current: str,
    show_title: bool,
    aliases: Optional[dict[str, str]] = None,
) -> dict[str, Any]:
    """What a listing template receives, with ``href`` bound to the page being rendered.

    ``aliases`` maps a generated page's path to the user's page that hosts its listing.
    """
    moved = aliases or {}

    def href(target: str, anchor: Optional[str] = None) -> str:
        return relative_md(moved.get(target, target), current, anchor)

    helpers: dict[str, Callable[..., Any]] = {
        "href": href,
        "tags_of": site.tags_of,
        "category_of": site.category_of,
    }
    return {
        **listing.context,
        **helpers,
        "title": listing.title,
        "show_title": show_title,
        "kind": listing.kind,
        "options": site.options,
    }

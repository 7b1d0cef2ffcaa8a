"""The page plan: from entries to indexes and the generated pages (which exist, where, and
what their templates receive). Pure: entries in, plain records out; ``plan_site`` is the one
entry point, testable without MkDocs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import posixpath
from collections.abc import Sequence
from typing import Any, Optional

from markupsafe import escape

from .index import (
    SeriesPosition,
    Term,
    TimelineItem,
    build_categories,
    build_series,
    build_tags,
    build_timeline,
    group_by_month,
    series_positions,
    split_tag,
)
from .model import Entry
from .report import quote
from .revisit import AgeRules, group_items, stale_items
from .threads import chunk_groups, thread_groups


@dataclasses.dataclass
class Listing:
    """One generated page (or the listing added to a user's page at that path)."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any]
    in_nav: bool = False
    kind: str = ""
    searchable: bool = True
    """False for the pages of a split timeline: their items repeat the cards' own text."""
    empty: bool = False
    """Nothing to list: the page is made only where the user's own page asks for it."""


@dataclasses.dataclass(frozen=True)
class PageOptions:
    """Where generated pages go and which exist."""

    tags: Optional[str] = "tags"
    series: Optional[str] = "series"
    categories: Optional[str] = "categories"
    timeline: Optional[str] = "timeline"
    page_size: int = 200
    tag_cards: int = 30
    revisit: Optional[str] = "revisit"
    threads: Optional[str] = "threads"
    revisit_group_by: str = "tag"
    revisit_limit: int = 100
    ages: AgeRules = AgeRules()
    """When cards age, and the build's reference date (none: no card is stale)."""

    @classmethod
    def from_config(cls, config: Any, today: Optional[dt.date] = None) -> PageOptions:
        """Options from the plugin config: a kind turned off gets ``None``. ``today`` is the
        build's reference date for the cards' ages (``revisit.reference_day``)."""
        return cls(
            tags=config.tags_path if config.tags else None,
            series=config.series_path if config.series else None,
            categories=config.categories_path if config.categories else None,
            timeline=config.timeline_path if config.timeline else None,
            page_size=config.listings_page_size,
            tag_cards=config.tags_cards_limit,
            revisit=config.revisit_path if config.revisit else None,
            threads=config.threads_path if config.threads else None,
            revisit_group_by=config.revisit_group_by,
            revisit_limit=config.revisit_limit,
            ages=AgeRules.from_config(config, today),
        )


def markdown_source(title: str, token: str, searchable: bool = True) -> str:
    """Markdown of a generated page: a YAML title (JSON is YAML), an HTML ``<h1>`` with the
    title, escaped, and the listing marker.

    Search indexes the page by its title (the listing goes in after search has seen the
    page); an unsearchable page gets ``search: {exclude: true}``, which Material obeys.
    """
    search = "" if searchable else "search:\n  exclude: true\n"
    meta_title = json.dumps(title, ensure_ascii=False)  # the plugin escapes it in on_page_markdown
    heading = escape(title)
    return f"---\ntitle: {meta_title}\n{search}---\n\n<h1>{heading}</h1>\n\n{token}\n"


def insert_listing(markdown: str, marker: str, token: str) -> str:
    """Put the listing ``token`` at the user's ``marker``, or after the page's content."""
    if marker in markdown:
        return markdown.replace(marker, f"\n\n{token}\n\n", 1)
    return f"{markdown.rstrip()}\n\n{token}\n"


def chunk(items: Sequence[TimelineItem], size: int) -> list[list[TimelineItem]]:
    """``items`` in consecutive pieces of at most ``size``."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


def _numbered(base: str, n: int) -> str:
    return base if n == 0 else f"{base}-{n + 1}"


def plan_timeline(
    items: Sequence[TimelineItem], folder: str, page_size: int, words: dict[str, str]
) -> list[Listing]:
    """Timeline pages: one page, or one per year (per month within too large a year)."""
    index_uri = posixpath.join(folder, "index.md")
    title = words["timeline_title"]
    if len(items) <= page_size:
        return [
            Listing(
                index_uri,
                title,
                "fieldnotes/timeline.html",
                {"groups": group_by_month(items), "total": len(items), "pages": []},
                in_nav=True,
                kind="timeline",
                empty=not items,
            )
        ]
    leaves: list[Listing] = []
    overview: list[dict[str, Any]] = []
    dated = [i for i in items if i.card.date_commented]
    undated = [i for i in items if not i.card.date_commented]
    years: dict[int, list[TimelineItem]] = {}
    for item in dated:
        years.setdefault(_when(item).year, []).append(item)
    for year, year_items in years.items():
        if len(year_items) <= page_size:
            uri = posixpath.join(folder, f"{year}.md")
            leaves.append(_leaf(uri, f"{title} · {year}", year_items))
            overview.append({"label": str(year), "src_uri": uri, "count": len(year_items)})
            continue
        months: dict[int, list[TimelineItem]] = {}
        for item in year_items:
            months.setdefault(_when(item).month, []).append(item)
        for month, month_items in months.items():
            for n, piece in enumerate(chunk(month_items, page_size)):
                uri = posixpath.join(folder, str(year), _numbered(f"{month:02d}", n) + ".md")
                leaves.append(_leaf(uri, f"{title} · {year}-{month:02d}", piece, (year, month)))
                overview.append(
                    {"label": (year, month), "src_uri": uri, "count": len(piece), "part": n + 1}
                )
    for n, piece in enumerate(chunk(undated, page_size) if undated else []):
        uri = posixpath.join(folder, _numbered("undated", n) + ".md")
        leaves.append(_leaf(uri, f"{title} · {words['undated']}", piece))
        overview.append({"label": None, "src_uri": uri, "count": len(piece), "part": n + 1})
    for i, leaf in enumerate(leaves):
        leaf.context["newer"] = leaves[i - 1].src_uri if i > 0 else None
        leaf.context["older"] = leaves[i + 1].src_uri if i + 1 < len(leaves) else None
        leaf.context["index_uri"] = index_uri
    head = Listing(
        index_uri,
        title,
        "fieldnotes/timeline.html",
        {"groups": [], "total": len(items), "pages": overview},
        in_nav=True,
        kind="timeline",
    )
    return [head, *leaves]


def _when(item: TimelineItem) -> dt.date:
    return item.card.date_commented or dt.date.min


def _leaf(
    uri: str, title: str, items: list[TimelineItem], month: Optional[tuple[int, int]] = None
) -> Listing:
    return Listing(
        uri,
        title,
        "fieldnotes/timeline.html",
        {"groups": group_by_month(items), "total": len(items), "pages": [], "month": month},
        kind="timeline",
        searchable=False,
    )


def plan_terms(
    terms: Sequence[Term],
    folder: str,
    kind: str,
    timeline: Sequence[TimelineItem],
    tag_cards: int,
    words: dict[str, str],
    page_size: int = 200,
) -> list[Listing]:
    """The index page of a kind (tags, series, categories) and one page per term.

    A tag page lists the tag's entries and its ``tag_cards`` most recent cards. A term with
    more than ``page_size`` entries gets more pages: ``<folder>/<slug>/page/2.md``...
    """
    index_title = words[{"tag": "tags", "series": "series", "category": "categories"}[kind]]
    listings = [
        Listing(
            posixpath.join(folder, "index.md"),
            index_title,
            f"fieldnotes/{kind}-index.html",
            {"terms": list(terms), "roots": [t for t in terms if t.parent is None]},
            in_nav=True,
            kind=f"{kind}-index",
            empty=not terms,
        )
    ]
    for term in terms:
        context: dict[str, Any] = {"term": term, "index_uri": listings[0].src_uri}
        if kind == "tag":
            members = {e.src_uri for e in term.entries}
            recent: list[TimelineItem] = []
            for item in timeline if tag_cards else ():
                if item.entry.src_uri in members:
                    recent.append(item)
                    if len(recent) == tag_cards:
                        break
            context["groups"] = group_by_month(recent)
            context["card_total"] = term.card_count
            context["more_cards"] = term.card_count - len(recent)
        template_title = words[f"{kind}_title"].format(name=term.name)
        pieces = [term.entries[i : i + page_size] for i in range(0, len(term.entries), page_size)]
        pieces = pieces or [[]]
        uris = [term.src_uri] + [
            posixpath.join(folder, term.slug, "page", f"{n}.md") for n in range(2, len(pieces) + 1)
        ]
        for n, (uri, piece) in enumerate(zip(uris, pieces), start=1):
            page_context = {
                **context,
                "entries": piece,
                "first_number": (n - 1) * page_size + 1,
                "pager": {"number": n, "uris": uris} if len(uris) > 1 else None,
            }
            if n > 1:
                page_context["groups"] = []  # recent cards are on the first page only
                page_context["more_cards"] = 0
            title = template_title if n == 1 else f"{template_title} ({n})"
            listings.append(Listing(uri, title, f"fieldnotes/{kind}.html", page_context, kind=kind))
    return listings


def plan_revisit(
    entries: Sequence[Entry], tags: Sequence[Term], pageless: set[tuple[str, str]],
    options: PageOptions, words: dict[str, str],
) -> Listing:
    """The Revisit page: the oldest ``revisit_limit`` stale cards, grouped by the first tag
    of their entry (its tag page linked, when it has one) or by entry."""
    by_key = {t.key: t for t in tags}

    def by_tag(entry: Entry) -> tuple[str, str, Optional[str]]:
        segments = split_tag(entry.tags[0]) if entry.tags else []
        if not segments:
            return "", "", None
        key = "/".join(s.casefold() for s in segments)
        term = by_key.get(key)
        if term is None:
            return key, "/".join(segments), None
        page = None if (term.kind, term.key) in pageless else term.src_uri
        return key, term.name, page

    def by_entry(entry: Entry) -> tuple[str, str, Optional[str]]:
        title = entry.display_title
        return f"{title.casefold()}\0{entry.src_uri}", title, entry.src_uri

    items = stale_items(entries, options.ages)
    group_of = by_entry if options.revisit_group_by == "entry" else by_tag
    groups, left_out = group_items(items, options.revisit_limit, group_of)
    context = {
        "groups": groups,
        "total": len(items),
        "left_out": left_out,
        "months": options.ages.stale_months,
        "today": options.ages.today,
        "group_by": options.revisit_group_by,
    }
    assert options.revisit is not None
    uri = posixpath.join(options.revisit, "index.md")
    return Listing(
        uri,
        words["revisit_title"],
        "fieldnotes/revisit.html",
        context,
        in_nav=True,
        kind="revisit",
        empty=not items,
    )


def plan_threads(
    entries: Sequence[Entry], folder: str, page_size: int, words: dict[str, str]
) -> list[Listing]:
    """The Open threads pages: entries with threads, newest first, at most ``page_size``
    threads a page (``<folder>/index.md``, then ``<folder>/page/2.md``...)."""
    groups = thread_groups(entries)
    pieces = chunk_groups(groups, page_size)
    uris = [posixpath.join(folder, "index.md")] + [
        posixpath.join(folder, "page", f"{n}.md") for n in range(2, len(pieces) + 1)
    ]
    title = words["threads_title"]
    total = sum(group.count for group in groups)
    listings = []
    for n, (uri, piece) in enumerate(zip(uris, pieces), start=1):
        context = {
            "groups": piece,
            "total": total,
            "entry_total": len(groups),
            "pager": {"number": n, "uris": uris} if len(uris) > 1 else None,
        }
        listings.append(
            Listing(
                uri,
                title if n == 1 else f"{title} ({n})",
                "fieldnotes/threads.html",
                context,
                in_nav=n == 1,
                kind="threads",
                empty=not groups,
            )
        )
    return listings


def page_place(src_uri: str) -> str:
    """Where MkDocs writes the page ``src_uri`` with directory URLs, as a key: ``a.md`` and
    ``a/index.md`` share one (``a/index.html``)."""
    stem = posixpath.splitext(src_uri)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    return stem


def unique_places(
    listings: Sequence[Listing],
) -> tuple[list[Listing], list[Listing], list[tuple[str, str]]]:
    """``listings`` without those that would be written where an earlier one is, with either
    value of ``use_directory_urls``: ``(kept, dropped, warnings)``, each warning as
    ``(source path of the page left out, message)``. The first in plan order
    wins (tags, series, categories, then the timeline; an index before its terms).

    The slug rule and the checks of the ``*_path`` options keep generated pages apart; this
    is the last guard, so that no page ever silently replaces another.
    """
    kept: list[Listing] = []
    dropped: list[Listing] = []
    warnings: list[tuple[str, str]] = []
    by_place: dict[str, Listing] = {}
    for listing in listings:
        first = by_place.setdefault(page_place(listing.src_uri), listing)
        if first is listing:
            kept.append(listing)
            continue
        dropped.append(listing)
        message = (
            f"{quote(listing.src_uri)} ({quote(listing.title)}) would be written where "
            f"{quote(first.src_uri)} ({quote(first.title)}) is; it was not generated. Rename "
            "one of the two, or move the plugin's pages with the *_path options."
        )
        warnings.append((listing.src_uri, message))
    return kept, dropped, warnings


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
    clashes: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    """``(source path, warning)`` of each generated page left out because another generated
    page stands at its place."""
    pageless: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    """``(kind, key)`` of the terms whose page was left out (see ``unique_places``)."""

    def page_of(self, term: Term) -> Optional[str]:
        """The source path of ``term``'s page, or ``None`` when it has none."""
        return None if (term.kind, term.key) in self.pageless else term.src_uri

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


def plan_site(entries: Sequence[Entry], options: PageOptions, words: dict[str, str]) -> Site:
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
    listings, dropped, clashes = unique_places(listings)
    pageless: set[tuple[str, str]] = set()
    for listing in dropped:  # a term whose first page was left out has no page
        term, pager = listing.context.get("term"), listing.context.get("pager")
        if isinstance(term, Term) and (pager is None or pager["number"] == 1):
            pageless.add((term.kind, term.key))
    # Their folders differ from the others' and do not nest (validate.py): no page of theirs
    # can stand where another is.
    if options.revisit:
        listings.append(plan_revisit(visible, tags, pageless, options, words))
    if options.threads:
        listings += plan_threads(visible, options.threads, options.page_size, words)
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
        clashes=clashes,
        pageless=pageless,
    )

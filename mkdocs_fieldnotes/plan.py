"""The page plan: from entries to indexes and the generated pages (which exist, where, and
what their templates receive). Pure: entries in, plain records out; ``plan_site`` is the one
entry point, testable without MkDocs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import posixpath
from collections.abc import Sequence
from typing import Any, Callable, Optional

from markupsafe import escape

from .activity import Month, Target, chart, count_months
from .activity import anchor as month_anchor
from .facets import Facet, FacetKind, build_facets, facet_key
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

INDEX_ORDER = (
    "timeline",
    "tag-index",
    "series-index",
    "category-index",
    "source-index",
    "topic-index",
    "revisit",
    "threads",
)
"""Kinds of the index pages, in the order they join the navigation."""


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
    ages: AgeRules = dataclasses.field(default_factory=AgeRules)
    """When cards age, and the build's reference date (none: no card is stale)."""
    sources: Optional[str] = "sources"
    topics: Optional[str] = "topics"
    chart: bool = True
    """The activity chart on the timeline page and on tag pages."""

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
            sources=config.sources_path if config.sources else None,
            topics=config.topics_path if config.topics else None,
            chart=config.timeline_chart,
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
        single = {
            (i.card.date_commented.year, i.card.date_commented.month): index_uri
            for i in items
            if i.card.date_commented
        }
        return [
            Listing(
                index_uri,
                title,
                "fieldnotes/timeline.html",
                {
                    "groups": group_by_month(items),
                    "total": len(items),
                    "pages": [],
                    "month_pages": single,
                },
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
    month_pages: dict[Month, str] = {}
    for leaf in leaves:  # the first page of a month split in parts holds its heading
        for group in leaf.context["groups"]:
            if group.year is not None and group.month is not None:
                month_pages.setdefault((group.year, group.month), leaf.src_uri)
    head = Listing(
        index_uri,
        title,
        "fieldnotes/timeline.html",
        {"groups": [], "total": len(items), "pages": overview, "month_pages": month_pages},
        in_nav=True,
        kind="timeline",
    )
    return [head, *leaves]


def _month_of(item: TimelineItem) -> Optional[Month]:
    when = item.card.date_commented
    return (when.year, when.month) if when else None


def activity_charts(
    listings: Sequence[Listing], timeline: Sequence[TimelineItem], months: dict[Month, str]
) -> None:
    """Put the activity chart (``activity.chart``) in the context of the timeline's first
    page and of each tag's first page; each bar links to its month on the timeline pages
    (``months``: the page of each month). One pass over the timeline."""

    def link_from(here: str) -> Callable[[Month], Optional[Target]]:
        def link(month: Month) -> Optional[Target]:
            page = months.get(month)
            if page is None:
                return None
            return ("" if page == here else page, month_anchor(month))  # "": this page

        return link

    tag_pages = {
        listing.context["term"].key: listing
        for listing in listings
        if listing.kind == "tag"
        and (listing.context["pager"] is None or listing.context["pager"]["number"] == 1)
    }
    terms_of: dict[str, list[Term]] = {}
    for listing in tag_pages.values():
        term = listing.context["term"]
        for entry in term.entries:
            terms_of.setdefault(entry.src_uri, []).append(term)
    counts: dict[str, list[Optional[Month]]] = {key: [] for key in tag_pages}
    every: list[Optional[Month]] = []
    for item in timeline:
        month = _month_of(item)
        every.append(month)
        for term in terms_of.get(item.entry.src_uri, ()):
            if term.has_card(item.entry, item.card):
                counts[term.key].append(month)
    for listing in listings:
        if listing.kind == "timeline" and "month_pages" in listing.context:
            link = link_from(listing.src_uri)
            listing.context["activity"] = chart(*count_months(every), link=link)
    for key, listing in tag_pages.items():
        link = link_from(listing.src_uri)
        listing.context["activity"] = chart(*count_months(counts[key]), link=link)


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
                if item.entry.src_uri in members and term.has_card(item.entry, item.card):
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


def plan_facets(
    facets: Sequence[Facet], folder: str, kind: FacetKind, words: dict[str, str], page_size: int
) -> list[Listing]:
    """The index page of sources or topics (each value with its counts) and one page per
    value listing its cards newest first, in pages of at most ``page_size`` cards
    (``<folder>/<slug>.md``, then ``<folder>/<slug>/page/2.md``...)."""
    index_uri = posixpath.join(folder, "index.md")
    plural = "sources" if kind == "source" else "topics"
    listings = [
        Listing(
            index_uri,
            words[plural],
            f"fieldnotes/{kind}-index.html",
            {"facets": list(facets), "total": sum(f.card_count for f in facets)},
            in_nav=True,
            kind=f"{kind}-index",
            empty=not facets,
        )
    ]
    for facet in facets:
        title = words[f"{kind}_title"].format(name=facet.name)
        pieces = [facet.items[i : i + page_size] for i in range(0, len(facet.items), page_size)]
        uris = [facet.src_uri] + [
            posixpath.join(folder, facet.slug, "page", f"{n}.md") for n in range(2, len(pieces) + 1)
        ]
        for n, (uri, piece) in enumerate(zip(uris, pieces), start=1):
            context = {
                "facet": facet,
                "items": piece,
                "index_uri": index_uri,
                "pager": {"number": n, "uris": uris} if len(uris) > 1 else None,
            }
            page_title = title if n == 1 else f"{title} ({n})"
            listings.append(Listing(uri, page_title, f"fieldnotes/{kind}.html", context, kind=kind))
    return listings


def plan_revisit(
    entries: Sequence[Entry],
    folder: str,
    tags: Sequence[Term],
    pageless: set[tuple[str, str]],
    options: PageOptions,
    words: dict[str, str],
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
    return Listing(
        posixpath.join(folder, "index.md"),
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
    sources: list[Facet] = dataclasses.field(default_factory=list)
    """The sites the cards link to, most cards first (see ``facets.py``)."""
    topics: list[Facet] = dataclasses.field(default_factory=list)
    """The cards' topics, most cards first."""
    _facet_by_key: dict[tuple[str, str], Facet] = dataclasses.field(default_factory=dict)

    def page_links(
        self, url_of: Callable[[str], Optional[str]]
    ) -> Callable[[str, str], Optional[str]]:
        """``(kind, name)`` → the URL (by ``url_of``) of the page of the ``tag``, ``source``
        or ``topic`` of that name, or ``None`` when it has none: what a card links to."""

        def link(kind: str, name: str) -> Optional[str]:
            if kind == "tag":
                terms = self.tags_named((name,))
                page = self.page_of(terms[0]) if terms else None
            elif kind == "source":
                page = self.facet_page("source", name)
            elif kind == "topic":
                page = self.facet_page("topic", name)
            else:
                page = None
            return url_of(page) if page is not None else None

        return link

    def facet_page(self, kind: FacetKind, value: str) -> Optional[str]:
        """The source path of the page of a source (a host name) or topic, if it has one."""
        facet = self._facet_by_key.get((kind, facet_key(kind, value)))
        return facet.src_uri if facet is not None else None

    def page_of(self, term: Term) -> Optional[str]:
        """The source path of ``term``'s page, or ``None`` when it has none."""
        return None if (term.kind, term.key) in self.pageless else term.src_uri

    def tags_of(self, entry: Entry) -> list[Term]:
        """The tag terms of an entry, in the order the entry lists them."""
        return self.tags_named(entry.tags)

    def tags_named(self, names: Sequence[str]) -> list[Term]:
        """The tag terms of ``names`` (as an entry or a card block lists them), in order."""
        terms = []
        for tag in names:
            key = "/".join(s.casefold() for s in split_tag(tag))
            if key in self._tag_by_key:
                terms.append(self._tag_by_key[key])
        return terms

    def terms_of(self, entry: Entry) -> list[Term]:
        """Every term a page may show with an entry: its tags (its cards' own included), then
        its category."""
        names = [*entry.tags, *(tag for card in entry.cards for tag in card.tags)]
        category = self.category_of(entry)
        return self.tags_named(names) + ([category] if category is not None else [])

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
    sources = build_facets("source", timeline, options.sources) if options.sources else []
    topics = build_facets("topic", timeline, options.topics) if options.topics else []
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
    if options.sources:
        listings += plan_facets(sources, options.sources, "source", words, options.page_size)
    if options.topics:
        listings += plan_facets(topics, options.topics, "topic", words, options.page_size)
    months: dict[Month, str] = {}
    if options.timeline:
        pages = plan_timeline(timeline, options.timeline, options.page_size, words)
        months = pages[0].context["month_pages"]
        listings += pages
    if options.chart:
        activity_charts(listings, timeline, months)
    listings, dropped, clashes = unique_places(listings)
    pageless: set[tuple[str, str]] = set()
    for listing in dropped:  # a term whose first page was left out has no page
        term, pager = listing.context.get("term"), listing.context.get("pager")
        if isinstance(term, Term) and (pager is None or pager["number"] == 1):
            pageless.add((term.kind, term.key))
    # Their folders differ from the others' and do not nest (validate.py): no page of theirs
    # can stand where another is.
    if options.revisit:
        listings.append(plan_revisit(visible, options.revisit, tags, pageless, options, words))
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
        sources=sources,
        topics=topics,
        _facet_by_key={(f.kind, f.key): f for f in (*sources, *topics)},
    )

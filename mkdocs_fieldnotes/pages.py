"""The generated pages: which exist, where, and what their templates receive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import posixpath
from collections.abc import MutableMapping, Sequence
from typing import Any, Optional

from .index import (
    Term,
    TimelineItem,
    group_by_month,
)


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


@dataclasses.dataclass(frozen=True)
class PageOptions:
    """Where generated pages go and which exist."""

    tags: Optional[str] = "tags"
    series: Optional[str] = "series"
    categories: Optional[str] = "categories"
    timeline: Optional[str] = "timeline"
    page_size: int = 200
    tag_cards: int = 30

    @classmethod
    def from_config(cls, config: Any) -> PageOptions:
        """Options from the plugin config: a kind turned off gets ``None``."""
        return cls(
            tags=config.tags_path if config.tags else None,
            series=config.series_path if config.series else None,
            categories=config.categories_path if config.categories else None,
            timeline=config.timeline_path if config.timeline else None,
            page_size=config.timeline_page_size,
            tag_cards=config.tags_cards_limit,
        )


def safe_title(text: str) -> str:
    """A page title that themes may print as HTML or inside ``<title>`` without harm.

    Themes print ``page.title`` unescaped (Material's nav and ``<h1>``) or through
    ``striptags`` (``<title>``), so ``<``/``>`` become look-alike angle quotes and ``&`` is
    escaped; the generated page shows the exact name in its own escaped heading.
    """
    return text.replace("&", "&amp;").replace("<", "‹").replace(">", "›")


def inert_meta(meta: MutableMapping[str, Any], theme_statuses: Any = None) -> None:
    """Adjust an entry's page metadata for the theme.

    Themes print front-matter ``title`` and ``description`` unescaped: make them inert.
    Material shows ``status`` as an icon in the nav; an entry status Material has no
    text for (``extra.status``) would show a blank icon, so it is taken out of the metadata.
    """
    status = meta.get("status")
    if status is not None and not (isinstance(theme_statuses, dict) and status in theme_statuses):
        del meta["status"]
    if isinstance(meta.get("title"), str):
        meta["title"] = safe_title(meta["title"])
    if isinstance(meta.get("description"), str):
        meta["description"] = html.escape(meta["description"])


def markdown_source(title: str, token: str, searchable: bool = True) -> str:
    """Markdown of a generated page: a YAML title (JSON is YAML), an HTML ``<h1>`` with the
    exact title, escaped, and the listing marker.

    Search indexes the page by its title (the listing goes in after search has seen the
    page); an unsearchable page gets ``search: {exclude: true}``, which Material obeys.
    """
    search = "" if searchable else "search:\n  exclude: true\n"
    meta_title = json.dumps(safe_title(title), ensure_ascii=False)
    heading = html.escape(title, quote=False)
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

"""The whole site's field notes for one build: entries, indexes and generated pages."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

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
from .render import Renderer


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


def listing_context(
    listing: Listing,
    site: Site,
    url_of: Callable[[str], str],
) -> dict[str, Any]:
    """What a listing template receives, with ``href`` bound to the page being rendered.

    ``url_of`` turns a page's ``src_uri`` into its URL relative to the page being rendered.
    """

    def href(target: str, anchor: Optional[str] = None) -> str:
        url = url_of(target)
        return f"{url}#{anchor}" if anchor else url

    helpers: dict[str, Callable[..., Any]] = {
        "href": href,
        "tags_of": site.tags_of,
        "category_of": site.category_of,
    }
    return {
        **listing.context,
        **helpers,
        "title": listing.title,
        "kind": listing.kind,
        "options": site.options,
    }


def page_urls(
    urls: Mapping[str, str], aliases: Mapping[str, str], page_url: str
) -> Callable[[str], Optional[str]]:
    """URL of a file (by ``src_uri``) relative to the page at ``page_url``; ``None`` if absent.

    ``urls`` maps each file of the build to its URL; ``aliases`` maps a generated page's path
    to the user's page that hosts its listing.
    """
    base = get_relative_url(".", page_url)

    def url_of(src_uri: str) -> Optional[str]:
        url = urls.get(aliases.get(src_uri, src_uri))
        return None if url is None else f"{base}/{url}"

    return url_of


def checked_urls(
    url_of: Callable[[str], Optional[str]], warn: Callable[[str], None]
) -> Callable[[str], str]:
    """``url_of`` for listings: a missing page gets a warning (and ``#``), never a crash."""

    def link(src_uri: str) -> str:
        url = url_of(src_uri)
        if url is None:
            warn(
                f"the listing links to '{src_uri}', which another plugin removed from the "
                "site. Check the plugins that run after fieldnotes."
            )
            return "#"
        return url

    return link


def file_urls(files: Files, aliases: Mapping[str, str]) -> dict[str, str]:
    """URL of every file by ``src_uri``; a hosted generated page gets its host's URL."""
    urls = {f.src_uri: f.url for f in files}
    for generated, host in aliases.items():
        urls[generated] = urls[host]
    return urls


def listing_html(
    renderer: Renderer,
    listing: Listing,
    site: Site,
    url_of: Callable[[str], Optional[str]],
    page_url: str,
) -> tuple[str, tuple[str, ...]]:
    """The HTML of ``listing`` on the page at ``page_url`` (whose links ``url_of`` makes),
    and its warnings.

    Kept in the renderer's memo with the URL of every page it links to: a kept listing is
    used again only while each of those pages still has the same URL.
    """

    def compute() -> tuple[str, tuple[str, ...], tuple[tuple[str, Optional[str]], ...]]:
        linked: dict[str, Optional[str]] = {}

        def recorded_url_of(src_uri: str) -> Optional[str]:
            linked[src_uri] = url = url_of(src_uri)
            return url

        html, warnings = _listing_html(renderer, listing, site, recorded_url_of)
        return html, warnings, tuple(linked.items())

    html, warnings, _ = renderer.memo.get(
        lambda key: (
            "listing",
            page_url,
            listing.template,
            listing.title,
            listing.kind,
            key.of(site.options),
            key.of(listing.context),
        ),
        compute,
        valid=lambda kept: all(url_of(src) == url for src, url in kept[2]),
    )
    return html, warnings


def _listing_html(
    renderer: Renderer,
    listing: Listing,
    site: Site,
    url_of: Callable[[str], Optional[str]],
) -> tuple[str, tuple[str, ...]]:
    warnings: list[str] = []
    context = listing_context(listing, site, checked_urls(url_of, warnings.append))

    def timeline_groups(groups: Any, year_headings: bool = False) -> Any:
        return renderer.timeline_groups(context, groups, year_headings)

    def entry_list(entries: Any) -> Any:
        return renderer.entry_list(context, entries)

    context["timeline_groups"] = timeline_groups
    context["entry_list"] = entry_list
    return renderer.render(listing.template, **context), tuple(warnings)

"""Social previews of entry pages: OpenGraph, Twitter card and ``article:`` metadata, and a
schema.org ``Article`` as JSON-LD, for ``fieldnotes/partials/social-meta.html``.

Plain data in, a template context out. Absolute URLs come from ``site_url``; without it,
``og:url``, ``og:image`` and the JSON-LD ``url`` and ``image`` are left out (OpenGraph wants
absolute addresses), and everything else is written. Tags that the page's ``<head>`` already
has (Material's ``social`` plugin, a theme override, another plugin) are not written again.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Optional
from urllib.parse import urljoin

from markupsafe import Markup

from .header import resolve_image
from .links import url_scheme
from .model import Entry, Problem
from .plan import Site

_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(value: Any) -> Markup:
    """``value`` as JSON that is safe inside ``<script>``: ``<``, ``>`` and ``&`` written as
    ``\\u003c``, ``\\u003e`` and ``\\u0026`` (the same JSON), so that no text in it can close
    the element (``</script>``) or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_ESCAPES))  # the one Markup: escaped just above


def material_cards(plugins: Mapping[str, Any]) -> bool:
    """Whether Material's ``social`` plugin is enabled with its cards (it then writes the
    OpenGraph and Twitter tags of every page)."""
    plugin = plugins.get("material/social") or plugins.get("social")
    options = getattr(plugin, "config", None)
    if options is None:
        return False
    return bool(options.get("enabled", True)) and bool(options.get("cards", True))


@dataclasses.dataclass(frozen=True)
class Present:
    """What the page's ``<head>`` already holds, written by the theme or another plugin."""

    opengraph: bool = False
    article: bool = False
    json_ld: bool = False

    @classmethod
    def of(cls, page_html: str) -> Present:
        """Read the ``<head>`` of ``page_html`` (without copying the page)."""
        end = _HEAD_END.search(page_html)
        at = end.start() if end else 0

        def has(*texts: str) -> bool:
            return any(page_html.find(text, 0, at) >= 0 for text in texts)

        return cls(
            opengraph=has('property="og:', "property='og:", "property=og:"),
            article=has('property="article:', "property='article:", "property=article:"),
            json_ld=has("application/ld+json"),
        )


@dataclasses.dataclass(frozen=True)
class SocialSite:
    """What the previews take from ``mkdocs.yml``."""

    name: str
    url: Optional[str]
    """``site_url`` ending with ``/``, or ``None``."""

    @classmethod
    def of(cls, site_name: str, site_url: Optional[str]) -> SocialSite:
        """From MkDocs' ``site_name`` and ``site_url``."""
        url = str(site_url or "")
        return cls(site_name, (url if url.endswith("/") else url + "/") if url else None)


def tag_names(entry: Entry, site: Site) -> list[str]:
    """The entry's tags, then its cards' own, once each (as the tag pages name them)."""
    if not site.options.tags:
        return list(dict.fromkeys([*entry.tags, *(t for c in entry.cards for t in c.tags)]))
    terms = site.tags_of(entry) + [t for c in entry.cards for t in site.tags_named(c.tags)]
    return list(dict.fromkeys(term.name for term in terms))


def preview_image(
    entry: Entry, urls: Mapping[str, str], schemes: tuple[str, ...]
) -> tuple[Optional[str], Optional[Problem]]:
    """The preview image of ``entry``: its ``image``, else its ``hero``, as an absolute URL
    or a URL relative to the site root; and the problem with ``image``, if any (a problem
    with ``hero`` is the entry header's to report)."""
    problem = None
    if entry.image:
        url, problem = resolve_image(entry.image, entry, urls.get, schemes, key="image")
        if url is not None:
            return url, None
    if entry.hero:
        url, _ = resolve_image(entry.hero, entry, urls.get, schemes)
        return url, problem
    return None, problem


def _absolute(url: Optional[str], site: SocialSite) -> Optional[str]:
    if url is None or url_scheme(url):
        return url
    return urljoin(site.url, url) if site.url else None


def preview(
    entry: Entry,
    page_url: str,
    image: Optional[str],
    site: SocialSite,
    tags: Sequence[str],
    present: Present = Present(),
    opengraph: bool = True,
) -> dict[str, Any]:
    """The context of ``fieldnotes/partials/social-meta.html`` for an entry at ``page_url``
    (relative to the site root); ``opengraph``: whether to write the OpenGraph and Twitter
    tags (not when Material's social plugin writes them)."""
    url = _absolute(page_url, site)
    image = _absolute(image, site)
    excerpt = next((card.excerpt for card in entry.cards if card.excerpt), None)
    description = entry.description or entry.summary or excerpt
    title = entry.display_title
    return {
        "entry": entry,
        "opengraph": opengraph and not present.opengraph,
        "article": not present.article,
        "title": title,
        "description": description,
        "url": url,
        "image": image,
        "site_name": site.name,
        "published": entry.date.isoformat() if entry.date else None,
        "modified": entry.lastmod.isoformat() if entry.lastmod else None,
        "tags": list(tags),
        "json_ld": None
        if present.json_ld
        else script_json(_article(entry, title, description, url, image, site, tags)),
    }


def _article(
    entry: Entry,
    title: str,
    description: Optional[str],
    url: Optional[str],
    image: Optional[str],
    site: SocialSite,
    tags: Sequence[str],
) -> dict[str, Any]:
    """The entry as a schema.org ``Article``; ``citation`` lists the resources its cards
    comment on (each card with a live link, once per URL)."""
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": title,
    }
    if description:
        article["description"] = description
    if url:
        article["url"] = url
        article["mainEntityOfPage"] = url
    if image:
        article["image"] = image
    if entry.date:
        article["datePublished"] = entry.date.isoformat()
    if entry.lastmod:
        article["dateModified"] = entry.lastmod.isoformat()
    if entry.authors:
        article["author"] = [{"@type": "Person", "name": name} for name in entry.authors]
    if tags:
        article["keywords"] = list(tags)
    cited: dict[str, dict[str, Any]] = {}
    for card in entry.cards:
        if card.link and card.link not in cited:
            cited[card.link] = {"@type": "CreativeWork", "name": card.title, "url": card.link}
    if cited:
        article["citation"] = list(cited.values())
    website: dict[str, Any] = {"@type": "WebSite", "name": site.name}
    if site.url:
        website["url"] = site.url
    article["isPartOf"] = website
    return article

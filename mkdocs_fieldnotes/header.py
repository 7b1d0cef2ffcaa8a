"""Context of the entry header (dates, authors, status, tags, series box, hero)."""

from __future__ import annotations

import posixpath
from typing import Any, Optional

from .links import is_allowed, url_scheme
from .model import Entry, Problem
from .plan import Site
from .render import Renderer, UrlOf
from .report import quote

_UNUSED = {"hero": "no hero image is shown", "image": "no preview image is used"}


def resolve_image(
    value: str, entry: Entry, url_of: UrlOf, schemes: tuple[str, ...], key: str = "hero"
) -> tuple[Optional[str], Optional[Problem]]:
    """URL of the image of the front matter key ``key`` (``hero``, or ``image`` for social
    previews): absolute http(s), or a docs file (``/x.png`` from the docs root, ``x.png``
    from the entry's folder); otherwise no image and a problem."""
    unused = _UNUSED.get(key, "it is not used")
    if url_scheme(value):
        if is_allowed(value, schemes):
            return value, None
        return None, Problem(
            entry.src_uri,
            None,
            f"front matter key '{key}': {quote(value)} is not an allowed image address; {unused}. "
            "Use an https:// URL or a path to an image in docs_dir.",
        )
    if value.startswith("//"):
        return "https:" + value, None
    path = value.split("#")[0].split("?")[0]
    if path.startswith("/"):
        src = posixpath.normpath(path.lstrip("/"))
    else:
        src = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), path))
    url = url_of(src) if not src.startswith("..") else None
    if url is None:
        return None, Problem(
            entry.src_uri,
            None,
            f"front matter key '{key}': the image {quote(value)} is not in docs_dir; {unused}. "
            "Add the file or fix the path (a leading / starts at docs_dir).",
        )
    return url, None


def header_context(entry: Entry, site: Site, url_of: UrlOf, hero: Optional[str]) -> dict[str, Any]:
    """Everything ``fieldnotes/entry-header.html`` receives."""
    tags = [(term, url_of(term.src_uri)) for term in site.tags_of(entry)]
    category = site.category_of(entry)
    series = [
        {
            "position": position,
            "url": url_of(position.series.src_uri),
            "previous_url": url_of(position.previous.src_uri) if position.previous else None,
            "next_url": url_of(position.next.src_uri) if position.next else None,
            "parts": [
                (part, url_of(part.src_uri), part.src_uri == entry.src_uri)
                for part in position.series.entries
            ],
        }
        for position in site.series_of(entry)
    ]
    return {
        "entry": entry,
        "tags": tags,
        "category": category,
        "category_url": url_of(category.src_uri) if category else None,
        "series": series,
        "hero": hero,
    }


def render_header(
    renderer: Renderer,
    entry: Entry,
    site: Optional[Site],
    url_of: UrlOf,
    schemes: tuple[str, ...],
    *,
    title: Optional[str],
    chips: bool = True,
) -> tuple[str, Optional[Problem]]:
    """HTML of the entry header, and the problem with its hero image if any.

    ``title`` is shown in the header for themes that do not print the page title themselves;
    ``chips``: whether the header shows the entry's tags (see the ``tags_chips`` option).
    """
    hero, problem = (
        resolve_image(entry.hero, entry, url_of, schemes) if entry.hero else (None, None)
    )
    if site is None:
        return "", problem
    context = header_context(entry, site, url_of, hero)
    context["show_title"] = title is not None
    context["title"] = title
    context["show_tags"] = chips
    return renderer.render("fieldnotes/entry-header.html", **context), problem

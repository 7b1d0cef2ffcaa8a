"""Listing HTML placed into a rendered page: heading ids, permalinks and TOC entries.

Listings are rendered straight to HTML (never converted as Markdown) and placed into the
page's content once search has indexed it, so the page's own Markdown headings already have
ids and TOC entries from Python-Markdown's ``toc``. The listing's headings get the same
treatment here, following the site's ``toc`` settings (slugify, separator, permalink,
``toc_depth``), so they look and behave like every other heading of the site.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Mapping
from typing import Any, Callable, Optional

from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique
from markupsafe import escape
from mkdocs.structure.toc import AnchorLink, TableOfContents

SLOT = "<!--fieldnotes-listing-slot-->"
"""Where a listing goes in a page: an HTML comment Python-Markdown keeps as it is."""

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1\s*>", re.S | re.I)
_ID_ATTR = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TAG = re.compile(r"<[^>]*>")


@dataclasses.dataclass(frozen=True)
class Heading:
    """A heading of a listing: its level, id and title (HTML, as MkDocs' TOC holds it)."""

    level: int
    id: str
    title: str


@dataclasses.dataclass(frozen=True)
class TocStyle:
    """The site's ``toc`` extension settings that shape headings."""

    slugify: Callable[[str, str], str] = default_slugify
    separator: str = "-"
    permalink: Optional[str] = None
    """HTML of the permalink anchor's text, ``None`` for no permalink."""
    permalink_class: str = "headerlink"
    permalink_title: str = "Permanent link"
    depth: tuple[int, int] = (1, 6)

    @classmethod
    def from_mdx(cls, mdx_configs: Mapping[str, Any]) -> TocStyle:
        """The style of ``toc`` as configured under ``markdown_extensions``."""
        toc = mdx_configs.get("toc") or {}
        permalink = toc.get("permalink")
        text: Optional[str] = None
        if permalink is True:
            text = "&para;"
        elif isinstance(permalink, str) and permalink:
            text = str(escape(permalink))
        slugify = toc.get("slugify")
        return cls(
            slugify=slugify if callable(slugify) else default_slugify,
            separator=str(toc.get("separator", "-")),
            permalink=text,
            permalink_class=str(toc.get("permalink_class", "headerlink")),
            permalink_title=str(toc.get("permalink_title", "Permanent link")),
            depth=_depth(toc.get("toc_depth", 6)),
        )


def _depth(value: Any) -> tuple[int, int]:
    if isinstance(value, str) and "-" in value:
        top, _, bottom = value.partition("-")
        try:
            return int(top), int(bottom)
        except ValueError:
            return 1, 6
    try:
        return 1, int(value)
    except (TypeError, ValueError):
        return 1, 6


def anchor_headings(fragment: str, taken: set[str], style: TocStyle) -> tuple[str, list[Heading]]:
    """Give each heading of ``fragment`` a unique id (and a permalink); list them.

    ``taken`` holds the ids already on the page; the new ones are added to it.
    """
    headings: list[Heading] = []

    def replace(match: re.Match[str]) -> str:
        level, attrs, inner = int(match.group(1)), match.group(2) or "", match.group(3)
        title = _TAG.sub("", inner).strip()
        found = _ID_ATTR.search(attrs)
        if found:
            ident = found.group(1) if found.group(1) is not None else found.group(2)
            taken.add(ident)
        else:
            slug = style.slugify(html.unescape(title), style.separator) or "section"
            ident = unique(slug, taken)
            attrs = f'{attrs} id="{escape(ident)}"'
        if style.depth[0] <= level <= style.depth[1]:
            headings.append(Heading(level, ident, title))
        if style.permalink is not None and not found:
            inner += (
                f'<a class="{escape(style.permalink_class)}" href="#{escape(ident)}" '
                f'title="{escape(style.permalink_title)}">{style.permalink}</a>'
            )
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(replace, fragment), headings


def _flatten(items: list[AnchorLink]) -> list[AnchorLink]:
    flat: list[AnchorLink] = []
    for item in items:
        flat.append(item)
        flat += _flatten(item.children)
    return flat


def _nest(flat: list[AnchorLink]) -> list[AnchorLink]:
    roots: list[AnchorLink] = []
    stack: list[AnchorLink] = []
    for link in flat:
        link.children = []
        while stack and stack[-1].level >= link.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(link)
        stack.append(link)
    return roots


def place_listing(
    content: str, toc: TableOfContents, listing: str, style: TocStyle
) -> tuple[str, TableOfContents]:
    """Put ``listing`` at the page's slot (or at its end) and add its headings to ``toc``."""
    position = content.find(SLOT)
    before = content if position < 0 else content[:position]
    after = "" if position < 0 else content[position + len(SLOT) :]
    flat = _flatten(list(toc))
    taken = {m.group(1) or m.group(2) or "" for m in _ID_ATTR.finditer(content)}
    fragment, headings = anchor_headings(listing, taken, style)
    ids_before = {m.group(1) or m.group(2) for m in _ID_ATTR.finditer(before)}
    at = max((i + 1 for i, link in enumerate(flat) if link.id in ids_before), default=0)
    new = [AnchorLink(h.title, h.id, h.level) for h in headings]
    flat[at:at] = new
    return f"{before}{fragment}{after}", TableOfContents(_nest(flat))


TITLE_OPEN = '<h1 class="fieldnotes-header__title"'
"""The entry header's own ``<h1>`` (themes other than Material, for pages without one)."""


def title_in_toc(
    content: str, toc: TableOfContents, style: TocStyle
) -> tuple[str, TableOfContents]:
    """Give the header's ``<h1>`` an id (and permalink) and make it the TOC's root, as a
    Markdown ``# Title`` would be: themes such as readthedocs list the root's children."""
    start = content.find(TITLE_OPEN)
    end = content.find("</h1>", start)
    if start < 0 or end < 0:
        return content, toc
    end += len("</h1>")
    taken = {m.group(1) or m.group(2) or "" for m in _ID_ATTR.finditer(content)}
    fragment, headings = anchor_headings(content[start:end], taken, style)
    content = f"{content[:start]}{fragment}{content[end:]}"
    if not headings:
        return content, toc
    root = AnchorLink(headings[0].title, headings[0].id, 1)
    root.children = list(toc)
    return content, TableOfContents([root])

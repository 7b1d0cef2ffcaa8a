"""Plain records shared by every module: problems, cards and entries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import Optional


@dataclasses.dataclass(frozen=True)
class Problem:
    """Something wrong in a user's file, reported as a warning.

    ``message`` says what is wrong, what the plugin did about it and how to fix it;
    ``path`` is the docs-relative source path and ``line`` is 1-based (``None`` when the
    problem has no single line).
    """

    path: str
    line: Optional[int]
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclasses.dataclass(frozen=True)
class Card:
    """One annotation card: a heading section with a ``Link:`` and/or ``Date commented:`` line."""

    id: str
    """Anchor of the card, unique within its page (slug of the title)."""
    heading: str
    """The heading text as written (without ``#`` marks)."""
    title: str
    source: Optional[str]
    topic: Optional[str]
    link: Optional[str]
    """The URL to render as a live link, or ``None`` (missing or refused)."""
    link_text: Optional[str]
    """What the author wrote after the link label (shown as text when ``link`` is ``None``)."""
    date_commented: Optional[dt.date]
    date_text: Optional[str]
    future: Optional[str]
    """The "possible future links" paragraph, as Markdown, without its label."""
    future_label: Optional[str]
    commentary: str
    """Commentary as plain text (paragraphs separated by a blank line)."""
    line: int
    """Line of the card heading in the source file."""
    title_markdown: Optional[str] = None
    """The title as written, with its inline Markdown (``title`` is its plain text)."""

    # Cached: listings and templates ask for these many times per card. (A frozen
    # dataclass still has a __dict__, which is where cached_property stores the value.)
    @functools.cached_property
    def domain(self) -> Optional[str]:
        """Host name of the link without a leading ``www.``."""
        from .links import domain_of

        return domain_of(self.link) if self.link else None

    @functools.cached_property
    def excerpt(self) -> str:
        """First sentence of the commentary."""
        from .text import first_sentence

        return first_sentence(self.commentary, 200)


@dataclasses.dataclass(frozen=True)
class Entry:
    """A page of the site with entry front matter and/or annotation cards."""

    src_uri: str
    title: Optional[str] = None
    date: Optional[dt.date] = None
    lastmod: Optional[dt.date] = None
    summary: Optional[str] = None
    description: Optional[str] = None
    category: Optional[str] = None
    series: tuple[str, ...] = ()
    series_order: Optional[int] = None
    tags: tuple[str, ...] = ()
    status: Optional[str] = None
    authors: tuple[str, ...] = ()
    hero: Optional[str] = None
    image: Optional[str] = None
    draft: bool = False
    cards: tuple[Card, ...] = ()
    has_h1: bool = False
    """Whether the Markdown body starts with its own level-1 heading."""
    h1_title: Optional[str] = None
    """Plain text of that heading."""

    @property
    def display_title(self) -> str:
        """The title, else the page's own ``# heading``, else a readable form of the file name
        (as MkDocs names a page)."""
        if self.title:
            return self.title
        if self.h1_title:
            return self.h1_title
        stem = self.src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem in ("index", "README"):
            stem = self.src_uri.rsplit("/", 2)[-2] if "/" in self.src_uri else "Home"
        words = stem.replace("-", " ").replace("_", " ").strip()
        return words[:1].upper() + words[1:] if words else self.src_uri

    @property
    def updated(self) -> Optional[dt.date]:
        """``lastmod`` when it differs from ``date``."""
        return self.lastmod if self.lastmod and self.lastmod != self.date else None

"""Plain records shared by every module: problems, cards, entries and the entry fields.

``ENTRY_FIELDS`` is the one declaration of what an entry reads from its front matter: the
front matter reader validates each key by its kind, ``Entry`` holds one attribute per field
(a test checks they agree), and the export writes them in this order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Literal, Optional

FieldKind = Literal["text", "name", "names", "date", "number"]


@dataclasses.dataclass(frozen=True)
class EntryField:
    """One front matter key an entry reads."""

    attr: str
    """Attribute of ``Entry`` (and key of the export record)."""
    key: str
    """Front matter key."""
    kind: FieldKind
    """``text`` (free text), ``name`` (a short text: category, status), ``names`` (a text
    or a list of texts), ``date``, ``number`` (a whole number)."""
    limit: int = 200
    """Most characters kept of a text, a name or each item of a list of names: one value
    never copies more than this into the pages the plugin generates."""
    hierarchy: bool = False
    """Whether ``/`` in an item makes a hierarchy (tags), so that its parts must be names."""


ENTRY_FIELDS: tuple[EntryField, ...] = (
    EntryField("title", "title", "text", limit=300),
    EntryField("date", "date", "date"),
    EntryField("lastmod", "lastmod", "date"),
    EntryField("summary", "summary", "text", limit=1000),
    EntryField("description", "description", "text", limit=1000),
    EntryField("category", "category", "name"),
    EntryField("series", "series", "names"),
    EntryField("series_order", "series_order", "number"),
    EntryField("tags", "tags", "names", hierarchy=True),
    EntryField("status", "status", "name"),
    EntryField("authors", "author", "names"),
    EntryField("hero", "hero", "text", limit=2000),
    EntryField("image", "image", "text", limit=2000),
)

MAX_ITEMS = 100
"""Most items kept of a list of names (``tags``, ``series``, ``author``)."""

OPT_IN_KEY = "fieldnotes"
"""Front matter key that makes a page an entry (``true``) or keeps it from being one
(``false``), whatever its content."""

Precision = Literal["day", "month"]


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
class Thread:
    """One open thread: a piece of a card's future-links paragraph (see ``threads.py``)."""

    markdown: str
    """The thread as written (Markdown)."""
    parts: tuple[tuple[str, Optional[str]], ...]
    """Its readable text in pieces: ``(text, url)`` for a link whose URL the card's link
    schemes allow, ``(text, None)`` for the rest."""

    @property
    def text(self) -> str:
        """The thread as plain text."""
        return "".join(text for text, _ in self.parts)

    @property
    def links(self) -> tuple[str, ...]:
        """The URLs of its links, in order."""
        return tuple(url for _, url in self.parts if url is not None)


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
    """The date commented; the first of its month when ``date_precision`` is ``month``."""
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
    date_precision: Precision = "day"
    """``month`` for a month-only date such as ``2018-02`` or ``Feb 2018``."""
    domain: Optional[str] = None
    """Host name of ``link`` without a leading ``www.``."""
    excerpt: str = ""
    """First sentence of the commentary."""
    data_lines: tuple[int, ...] = ()
    """Source lines of the card's ``Link:``, ``Date commented:`` and ``Revisited:`` lines
    (data, not text)."""
    future_line: Optional[int] = None
    """Source line that opens the future-links paragraph."""
    revisited: Optional[dt.date] = None
    """The date of the ``Revisited:`` line; the first of its month when
    ``revisited_precision`` is ``month``."""
    revisited_precision: Precision = "day"
    revisited_text: Optional[str] = None
    """What the author wrote after the revisit label."""
    threads: tuple[Thread, ...] = ()
    """The future-links paragraph split into threads (``threads.split_threads``)."""
    future_list: bool = False
    """Whether the future links hold a Markdown list, which the card footer takes in too."""
    block: bool = False
    """Whether the card is an explicit ``/// card`` block (see ``card_blocks.py``)."""
    tags: tuple[str, ...] = ()
    """The card's own tags (a card block's ``tags`` option), besides its entry's."""
    status: Optional[str] = None
    """The card's own status (a card block's ``status`` option): it decides whether the card
    ages, before its entry's."""

    @property
    def date_iso(self) -> Optional[str]:
        """The date commented as ISO 8601 at its precision (``2018-02`` or ``2018-02-14``)."""
        if self.date_commented is None:
            return None
        text = self.date_commented.isoformat()
        return text[:7] if self.date_precision == "month" else text

    @property
    def revisited_iso(self) -> Optional[str]:
        """The revisit date as ISO 8601 at its precision."""
        if self.revisited is None:
            return None
        text = self.revisited.isoformat()
        return text[:7] if self.revisited_precision == "month" else text


@dataclasses.dataclass(frozen=True)
class Entry:
    """A page of the site that is a field-notes entry (see ``entries.is_entry``)."""

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
    line_count: int = 0
    """Lines of the source file (front matter included), to find card lines in the Markdown
    MkDocs hands to plugins (the source without its front matter)."""

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

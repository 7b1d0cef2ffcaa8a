"""From page sources to entries: one parse per page, cached by content across serve rebuilds."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Any, Optional

from . import frontmatter
from .cards import CardOptions, CardParser, Labels
from .frontmatter import FrontMatter
from .memo import LastBuild
from .model import Entry, Problem
from .text import markdown_to_text

# A level-1 heading at the top of the body: "# Title" or "Title" over a line of "=".
_H1 = re.compile(
    r"\A\s*(?:#[ \t]+(?P<atx>[^\n]*?)[ \t#]*(?:\n|\Z)"
    r"|(?P<setext>[^\n]+)\n=+[ \t]*(?:\n|\Z))"
)


@dataclasses.dataclass(frozen=True)
class ReadOptions:
    """Everything that changes how a page is read (part of the cache key)."""

    cards: CardOptions = dataclasses.field(default_factory=CardOptions)
    statuses: tuple[str, ...] = ()
    draft_statuses: tuple[str, ...] = ("draft",)

    @classmethod
    def from_config(cls, config: Any, locale: str) -> ReadOptions:
        """Reading options from the plugin's options."""
        labels = Labels(
            tuple(config.cards_link_labels),
            tuple(config.cards_date_labels),
            tuple(config.cards_future_labels),
        )
        schemes = tuple(s.lower() for s in config.cards_link_schemes)
        return cls(
            cards=CardOptions(config.cards_heading_level, labels, schemes, locale),
            statuses=tuple(frontmatter.status_key(s) for s in config.status_values),
            draft_statuses=tuple(frontmatter.status_key(s) for s in config.drafts_statuses),
        )


@dataclasses.dataclass(frozen=True)
class ParsedPage:
    """The result of reading one page: its entry (if it is one) and its problems."""

    entry: Optional[Entry]
    problems: tuple[Problem, ...]
    front_matter_end: int
    """Characters of front matter to remove from the Markdown when it was invalid, else 0."""


def parse_page(src_uri: str, text: str, options: ReadOptions) -> ParsedPage:
    """Read ``text`` (the source of ``src_uri``) into an entry; never raises for bad input."""
    problems: list[Problem] = []
    text = frontmatter.normalize_source(text)
    front: FrontMatter = frontmatter.split(text, src_uri, problems)
    lines = frontmatter.key_lines(text) if front.data else {}
    fields = frontmatter.read_fields(
        front.data,
        src_uri,
        lines,
        problems,
        locale=options.cards.locale,
        statuses=options.statuses,
    )
    cards = CardParser(options.cards).parse(front.body, src_uri, front.body_line, problems)
    problems.sort(key=lambda p: (p.line or 0, p.message))
    strip = len(text) - len(front.body) if front.has_block and not front.valid else 0
    if not fields.is_entry and not cards:
        return ParsedPage(None, tuple(problems), strip)
    status_key = frontmatter.status_key(fields.status) if fields.status else ""
    h1 = _H1.match(front.body)
    entry = Entry(
        src_uri=src_uri,
        title=fields.title,
        date=fields.date,
        lastmod=fields.lastmod,
        summary=fields.summary,
        description=fields.description,
        category=fields.category,
        series=fields.series,
        series_order=fields.series_order,
        tags=fields.tags,
        status=fields.status,
        authors=fields.authors,
        hero=fields.hero,
        image=fields.image,
        draft=bool(status_key) and status_key in options.draft_statuses,
        cards=cards,
        has_h1=h1 is not None,
        h1_title=markdown_to_text(h1.group("atx") or h1.group("setext")) or None if h1 else None,
    )
    return ParsedPage(entry, tuple(problems), strip)


class ParseCache(LastBuild[ParsedPage]):
    """Parsed pages keyed by path and content hash; entries unused by a build are dropped."""

    def __init__(self) -> None:
        super().__init__()
        self._options: Optional[ReadOptions] = None

    def start(self, options: ReadOptions) -> None:
        """Begin a build; a change of options empties the cache."""
        self._options = options
        self._begin(options)

    def get(self, src_uri: str, text: str) -> ParsedPage:
        """The parsed page for this exact content, parsing it if needed."""
        if self._options is None:
            raise RuntimeError("ParseCache.start() must be called before get()")
        key = (src_uri, hashlib.blake2b(text.encode("utf-8", "surrogatepass")).hexdigest())
        parsed = self._find(key) or parse_page(src_uri, text, self._options)
        self._keep(key, parsed)
        return parsed

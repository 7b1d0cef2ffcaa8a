"""From a page's source to an entry: the rule for what is an entry, and one parse per page.

A page is an entry when its author says so (front matter ``fieldnotes: true``, or a path the
plugin's ``entries`` option lists) or when it has an annotation card that shows it is field
notes (``cards.shows_field_notes``). ``fieldnotes: false`` keeps any page out. Front matter
keys such as ``tags``, ``status`` or ``date`` alone do not make an entry: other plugins
(Material's tags, blog and page status) own them on every other page.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import re
from typing import Any, Optional

from . import frontmatter
from .cards import CardOptions, CardParser, Labels, shows_field_notes
from .dates import describe
from .model import OPT_IN_KEY, Entry, Problem
from .plaintext import markdown_to_text

# A level-1 heading at the top of the body: "# Title" or "Title" over a line of "=".
_H1 = re.compile(
    r"\A\s*(?:#[ \t]+(?P<atx>[^\n]*?)[ \t#]*(?:\n|\Z)"
    r"|(?P<setext>[^\n]+)\n=+[ \t]*(?:\n|\Z))"
)
_OPT_IN = re.compile(rf"^[\"']?{OPT_IN_KEY}[\"']?[ \t]*:", re.M)


@dataclasses.dataclass(frozen=True)
class ReadOptions:
    """Everything that changes how a page is read."""

    cards: CardOptions = dataclasses.field(default_factory=CardOptions)
    statuses: tuple[str, ...] = ()
    draft_statuses: tuple[str, ...] = ("draft",)
    theme_statuses: tuple[str, ...] = ()
    """Statuses the theme declares (Material's ``extra.status``): never reported."""
    entries: tuple[str, ...] = ()
    """Path patterns of pages that are entries even without cards."""

    @classmethod
    def from_config(cls, config: Any, locale: str, extra: Any = None) -> ReadOptions:
        """Reading options from the plugin's options and MkDocs' ``extra``."""
        labels = Labels(
            tuple(config.cards_link_labels),
            tuple(config.cards_date_labels),
            tuple(config.cards_future_labels),
            tuple(config.cards_revisit_labels),
        )
        schemes = tuple(s.lower() for s in config.cards_link_schemes)
        theme = extra.get("status") if hasattr(extra, "get") else None  # MkDocs' extra
        return cls(
            cards=CardOptions(
                config.cards_heading_level,
                labels,
                schemes,
                locale,
                statuses=tuple(config.status_values),
            ),
            statuses=tuple(frontmatter.status_key(s) for s in config.status_values),
            draft_statuses=tuple(frontmatter.status_key(s) for s in config.status_drafts),
            theme_statuses=tuple(str(s) for s in theme) if isinstance(theme, dict) else (),
            entries=tuple(config.entries),
        )


@dataclasses.dataclass(frozen=True)
class ParsedPage:
    """The result of reading one page: its entry (``None`` if it is not one) and problems."""

    entry: Optional[Entry]
    problems: tuple[Problem, ...]
    front_matter_end: int
    """Characters of front matter to remove from the Markdown when it was invalid, else 0."""


NOT_AN_ENTRY = ParsedPage(None, (), 0)


def parse_page(src_uri: str, text: str, options: ReadOptions) -> ParsedPage:
    """Read ``text`` (the source of ``src_uri``); never raises for bad input.

    A page that is not an entry gives ``NOT_AN_ENTRY``: nothing about it is reported, since
    it is left exactly as MkDocs builds it.
    """
    text = frontmatter.normalize_source(text)
    body, body_line = frontmatter.body_of(text)
    problems: list[Problem] = []
    cards = CardParser(options.cards).parse(body, src_uri, body_line, problems)
    listed = any(fnmatch.fnmatchcase(src_uri, pattern) for pattern in options.entries)
    opt_in = body_line > 1 and _OPT_IN.search(text, 0, len(text) - len(body)) is not None
    if not (listed or opt_in or any(shows_field_notes(card) for card in cards)):
        return NOT_AN_ENTRY
    front = frontmatter.split(text, src_uri, problems)
    wanted = front.data.get(OPT_IN_KEY)
    has_cards = any(shows_field_notes(card) for card in cards)
    if wanted is False or not (listed or has_cards or wanted is True):
        return NOT_AN_ENTRY  # an opt-in key that is not `true` makes no entry of a page
    lines = frontmatter.key_lines(text) if front.data else {}
    if wanted is not None and wanted is not True:
        problems.append(
            Problem(
                src_uri,
                lines.get(OPT_IN_KEY),
                f"front matter key '{OPT_IN_KEY}' must be true or false, got "
                f"{describe(wanted)}; it was ignored.",
            )
        )
    fields = frontmatter.read_fields(
        front.data,
        src_uri,
        lines,
        problems,
        locale=options.cards.locale,
        months=options.cards.months,
        statuses=options.statuses,
        theme_statuses=options.theme_statuses,
    )
    problems.sort(key=lambda p: (p.line or 0, p.message))
    strip = len(text) - len(front.body) if front.has_block and not front.valid else 0
    status: Optional[str] = fields.get("status")
    marked = fields.pop("draft", False)  # draft: true
    h1 = _H1.match(front.body)
    entry = Entry(
        src_uri=src_uri,
        **fields,
        draft=marked
        or (status is not None and frontmatter.status_key(status) in options.draft_statuses),
        cards=cards,
        has_h1=h1 is not None,
        h1_title=markdown_to_text(h1.group("atx") or h1.group("setext")) or None if h1 else None,
        line_count=text.count("\n") + 1,
    )
    return ParsedPage(entry, tuple(problems), strip)


Stamp = tuple[int, int]
"""A page file's modification time (ns) and size: what MkDocs' ``--dirty`` trusts too."""


class ParseCache:
    """Parsed pages kept from one build to the next by path and exact source text, so a
    ``mkdocs serve`` rebuild parses only the pages an edit changed. It keeps only what the
    last build used, and empties itself when the reading options change.

    Under ``--dirty`` a page whose file has the stamp it had in the last build is not even
    read (``unchanged``): MkDocs does not read it either, and re-reading and hashing a
    thousand sources cost ~6% of a ``--dirty`` rebuild."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, bytes], ParsedPage] = {}
        self._used: dict[tuple[str, bytes], ParsedPage] = {}
        self._options: Optional[ReadOptions] = None
        self._stamps: dict[str, tuple[Stamp, bytes]] = {}
        self._stamped: dict[str, tuple[Stamp, bytes]] = {}
        self.digests: dict[str, bytes] = {}
        """The digest of each page's source in this build, by its source path."""

    def start(self, options: ReadOptions) -> None:
        """Begin a build."""
        if options != self._options:
            self._kept, self._stamps = {}, {}
        self._options, self._used, self.digests, self._stamped = options, {}, {}, {}

    def get(self, src_uri: str, text: str, stamp: Optional[Stamp] = None) -> ParsedPage:
        """The parsed page for this exact source, parsing it if needed; ``stamp``: its file's
        (see ``unchanged``)."""
        if self._options is None:
            raise RuntimeError("ParseCache.start() must be called before get()")
        # A digest, not the text: keeping every source's text would cost its size in memory.
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass")).digest()
        parsed = self._kept.get((src_uri, digest)) or parse_page(src_uri, text, self._options)
        self._use(src_uri, digest, parsed, stamp)
        return parsed

    def unchanged(self, src_uri: str, stamp: Stamp) -> Optional[ParsedPage]:
        """The parsed page of ``src_uri`` when its file has the ``stamp`` it had when the last
        build read it, else ``None`` (then read it and ``get`` it)."""
        last = self._stamps.get(src_uri)
        if last is None or last[0] != stamp:
            return None
        parsed = self._kept.get((src_uri, last[1]))
        if parsed is not None:
            self._use(src_uri, last[1], parsed, stamp)
        return parsed

    def _use(self, src_uri: str, digest: bytes, parsed: ParsedPage, stamp: Optional[Stamp]) -> None:
        self.digests[src_uri] = digest
        self._used[(src_uri, digest)] = parsed
        if stamp is not None:
            self._stamped[src_uri] = (stamp, digest)

    def finish(self) -> None:
        """End a build: keep what it used."""
        self._kept, self._used = self._used, {}
        self._stamps, self._stamped = self._stamped, {}

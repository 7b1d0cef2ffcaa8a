"""Find annotation cards in Markdown source and read their parts (no Markdown rendering).

The card convention needs no new syntax: a heading at the card level (``###`` by default)
whose section has a ``Link:`` and/or ``Date commented:`` line. The section runs to the next
heading of the same or a higher level, or a thematic break (``---``). Fenced code is skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Optional

from .card_blocks import NAME as BLOCK_NAME
from .card_blocks import block_line, read_options
from .dates import DateError, month_names, parse_when
from .links import domain_of, url_scheme
from .model import Card, Precision, Problem
from .plaintext import first_sentence, markdown_to_text, strip_control
from .report import quote
from .slugs import slugify, unique_in_page
from .threads import LIST_ITEM, has_list, split_threads

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# First characters of lines that may be headings, fences, thematic breaks or setext marks.
_BLOCK_STARTS = frozenset("#`~-*_=")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([\w\-:.]+)")
_TOPIC_SEP = re.compile(r"\s+(?:—|–|--)\s+|(?<=\S)—(?=\S)")
_SOURCE = re.compile(r"^(.*\S)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)$")
_MD_LINK = re.compile(
    r"\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+[\"'(][^)]*[\"')])?\s*\)"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|\t")
_ANGLE = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.\-]*:|www\.)[^<>\s]*)>")
# A bare URL and nothing else: no space, bracket, angle bracket or control character.
_LONE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\[\]\x00-\x1f\x7f]+")
# A heading that is itself a link: ### [Attention Is All You Need](https://arxiv.org/...)
_HEADING_LINK = re.compile(
    r"\[(?P<text>[^\]]+)\]\(\s*<?(?P<url>[^\s<>()]+(?:\([^\s()]*\)[^\s<>()]*)*)>?"
    r"(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_BARE = re.compile(r"(?<![\w<\[])([A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\[\]]+|www\.[^\s<>\[\]]+)")


@dataclasses.dataclass(frozen=True)
class Labels:
    """The label words that mark card lines (matched case-insensitively)."""

    link: tuple[str, ...] = ("Link",)
    date: tuple[str, ...] = ("Date commented",)
    future: tuple[str, ...] = ("Possible links I may attach in the future",)
    revisit: tuple[str, ...] = ("Revisited",)


@dataclasses.dataclass(frozen=True)
class CardOptions:
    """How cards are found and read."""

    level: int = 3
    labels: Labels = Labels()
    schemes: tuple[str, ...] = ("http", "https")
    locale: str = "en"
    months: Mapping[str, int] = dataclasses.field(default_factory=dict, compare=False)
    """Month names of ``locale`` (``dates.month_names``); computed when left empty."""
    statuses: tuple[str, ...] = ()
    """Known ``status`` values of card blocks (none: any value)."""

    def __post_init__(self) -> None:
        if not self.months:
            object.__setattr__(self, "months", month_names(self.locale))


def _label_pattern(words: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    # **Label:** value · **Label**: value · Label: value · _Label:_ value
    return re.compile(
        rf"^\s{{0,3}}(?P<open>\*\*|__|\*|_)?\s*(?P<label>{alternatives})\s*"
        rf"(?:(?P=open)\s*:|:\s*(?P=open)|:)(?(open)|)\s*(?P<value>.*?)\s*$",
        re.I,
    )


class LabelMatcher:
    """Recognizes label lines; shared by the source parser and the Markdown extension."""

    def __init__(self, labels: Labels) -> None:
        self.link = _label_pattern(labels.link)
        self.date = _label_pattern(labels.date)
        self.future = _label_pattern(labels.future)
        self.revisit = _label_pattern(labels.revisit)

    def kind(self, line: str) -> Optional[str]:
        """``'link'``, ``'date'``, ``'revisit'`` or ``None`` for one source line."""
        found = self.match(line)
        return found[0] if found else None

    def match(self, line: str) -> Optional[tuple[str, re.Match[str]]]:
        """``('link', 'date' or 'revisit', the match)`` for a label line, else ``None``."""
        if ":" not in line or line.startswith(("    ", "\t")):  # no label; indented code
            return None
        if m := self.link.match(line):
            return "link", m
        if m := self.date.match(line):
            return "date", m
        if m := self.revisit.match(line):
            return "revisit", m
        return None

    def is_future(self, line: str) -> bool:
        """Whether ``line`` opens the future-links paragraph."""
        return bool(self.future.match(line))


def heading_of(line: str) -> Optional[tuple[int, str]]:
    """``(level, text)`` of an ATX heading line, else ``None``."""
    match = _ATX.match(line)
    if not match:
        return None
    return len(match.group(1)), (match.group(2) or "").strip()


def split_heading(text: str) -> tuple[str, Optional[str], Optional[str], Optional[str]]:
    """``Title (Source) — topic`` → ``(title, source, topic, explicit_id)``; parts optional."""
    explicit_id = None
    attr_text = ""
    if attr := _ATTR_LIST.search(text):
        if id_match := _ATTR_ID.search(attr.group(1)):
            explicit_id = id_match.group(1)
        attr_text = " " + attr.group(0).strip()
        text = text[: attr.start()]
    text = " ".join(strip_control(text).split())
    topic = None
    separators = list(_TOPIC_SEP.finditer(text))
    if separators:
        last = separators[-1]
        head, tail = text[: last.start()].strip(), text[last.end() :].strip()
        if head:
            text, topic = head, tail or None
    source = None
    if _HEADING_LINK.fullmatch(text):
        pass  # [Title](url): the parentheses hold the link's address, not a source
    elif match := _SOURCE.match(text):
        text, source = match.group(1).strip(), match.group(2).strip() or None
    # The attribute list stays on the title so attr_list still applies it to the heading.
    return text + attr_text, source, topic, explicit_id


def find_urls(value: str) -> list[str]:
    """URLs in a ``Link:`` value: ``[text](url)``, ``<url>`` or bare, in order."""
    if _LONE_URL.fullmatch(value):  # the common case: what the general path finds too
        return [_trim(value)]
    return _find_urls(value)


def _find_urls(value: str) -> list[str]:
    compact = _CONTROLS.sub("", value).strip()
    if compact != value.strip() and " " not in compact:
        return [compact]  # java\tscript:… is read by browsers as javascript:…
    urls: list[str] = []
    rest = value
    for pattern in (_MD_LINK, _ANGLE):
        for match in pattern.finditer(rest):
            urls.append(match.group(match.lastindex or 1))
        rest = pattern.sub(" ", rest)
    urls.extend(_trim(m.group(1)) for m in _BARE.finditer(rest))
    if not urls and rest.strip() and len(rest.split()) == 1:
        urls.append(rest.strip())  # a lone relative path such as ../paper.pdf
    return urls


def _trim(url: str) -> str:
    """Drop punctuation that ends a sentence rather than the URL, and an unmatched ')'."""
    url = url.rstrip(".,;:!?'\"*")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:!?")
    return url


def _value(match: re.Match[str]) -> str:
    """The value of a label line, as written after the label."""
    return strip_control(match.group("value")).strip()


@dataclasses.dataclass
class _Section:
    heading_line: int
    heading: str
    lines: list[tuple[int, str]]
    block: bool = False
    """A ``/// card`` block: only its closing ``///`` ends it."""


def _in_block(section: Optional[_Section]) -> bool:
    return section is not None and section.block


# Blocks whose content is indented under an opening line: admonitions (!!!), collapsible
# details (???, ???+) and content tabs (===, ===+). Cards inside them are read de-indented.
_CONTAINER = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?|===!?\+?)(?:[ \t]|$)")
# A line that is only an HTML block tag, or a pymdownx.blocks fence (///): the end of the
# block holding a card (md_in_html's <div markdown>, /// details), so the end of its section.
_BOUNDARY = re.compile(
    r"^ {0,3}(?:</?(?:div|section|article|aside|details|summary|figure|blockquote|table|"
    r"nav|header|footer|main|ul|ol|dl|p)\b[^>]*>|///.*)[ \t]*$",
    re.I,
)


def _sections(
    lines: Sequence[str], first_line: int, level: int, setexts: list[tuple[int, str, str]]
) -> list[_Section]:
    """Card-level sections; setext headings found are appended to ``setexts``.

    A section runs to the next heading of the same or a higher level, a thematic break, a
    block boundary (``_BOUNDARY``) or the end of the indented block (``_CONTAINER``) holding
    its heading. Lines of nested blocks belong to the innermost open section. A card block
    (``/// card``) is a section that only its closing ``///`` ends; a heading inside it
    opens a section inside it.
    """
    sections: list[_Section] = []
    open_at: list[Optional[_Section]] = [None]  # the open section at each block depth
    indents: list[int] = []  # content indentation of each open indented block
    blocks: list[tuple[int, int]] = []  # open /// blocks: (slashes, their depth in open_at)
    fence: Optional[str] = None
    previous = ""  # the previous line at the current depth, for setext headings

    def innermost() -> Optional[_Section]:
        for section in reversed(open_at):
            if section is not None:
                return section
        return None

    for offset, raw in enumerate(lines):
        number = first_line + offset
        line = raw
        if "\t" in raw:  # tabs in the indentation count as 4 columns, as Markdown reads them
            lead = len(raw) - len(raw.lstrip(" \t"))
            line = raw[:lead].expandtabs(4) + raw[lead:]
        stripped = line.lstrip(" ")
        if indents and stripped:
            indent = len(line) - len(stripped)
            while indents and indent < indents[-1]:
                indents.pop()
                open_at.pop()
                fence = None
            while blocks and blocks[-1][1] >= len(open_at):
                blocks.pop()  # a /// block left open in an indented block ends with it
        base = indents[-1] if indents else 0
        line = line[base:] if stripped else ""
        first = stripped[:1]
        current = innermost()
        if fence is not None:
            if (
                first in "`~"
                and (m := _FENCE.match(line))
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line.strip()[len(m.group(1)) :].strip()
            ):
                fence = None
            if current:
                current.lines.append((number, ""))
            continue
        if not first:
            if current is not None:
                current.lines.append((number, ""))
            previous = ""
            continue
        if first not in _BLOCK_STARTS and first not in "!?</":  # most lines are plain text
            if current is not None:
                current.lines.append((number, line))
            previous = line
            continue
        if m := _FENCE.match(line):
            fence = m.group(1)
            if current:
                current.lines.append((number, ""))
            continue
        if _CONTAINER.match(line):
            indents.append(base + len(line) - len(line.lstrip(" ")) + 4)
            open_at.append(None)
            if current:
                current.lines.append((number, ""))
            previous = ""
            continue
        if first == "/" and (found := block_line(line)) is not None:
            slashes, name, argument = found
            if name is None and blocks and blocks[-1][0] == slashes:
                del open_at[blocks.pop()[1] :]  # the innermost block with as many slashes
            if not _in_block(open_at[-1]):
                open_at[-1] = None  # the block holding a card, or a card block, ends it
            if name is not None:
                opened = _Section(number, argument, [], block=True) if name == BLOCK_NAME else None
                blocks.append((slashes, len(open_at)))
                open_at.append(opened)
                if opened is not None:
                    sections.append(opened)
            previous = ""
            continue
        top = open_at[-1]
        if _BOUNDARY.match(line) or (top is not None and top.block and _BREAK.match(line)):
            if top is not None and top.block:
                top.lines.append((number, ""))  # inside a card block: part of its text
            else:
                open_at[-1] = None
            previous = ""
            continue
        setext = _SETEXT.match(line)
        if (
            setext
            and previous.strip()
            and not _BREAK.match(previous)
            and heading_of(previous) is None
        ):
            setexts.append((number - 1, previous, line.strip()[:3]))
            setext_level = 1 if setext.group(1)[0] == "=" else 2
            if current is not None and current.lines and current.lines[-1][1] == previous:
                current.lines.pop()
            if setext_level <= level:
                if _in_block(open_at[-1]):
                    open_at.append(None)
                open_at[-1] = None
                if setext_level == level:
                    opened = _Section(number - 1, previous.strip(), [])
                    open_at[-1] = opened
                    sections.append(opened)
                previous = ""
                continue
        heading = heading_of(line)
        if heading and heading[0] <= level:
            if _in_block(open_at[-1]):
                open_at.append(None)  # its section ends at the card block's end
            open_at[-1] = None
            if heading[0] == level:
                opened = _Section(number, heading[1], [])
                open_at[-1] = opened
                sections.append(opened)
            previous = ""
            continue
        if _BREAK.match(line):
            open_at[-1] = None
            previous = ""
            continue
        if current is not None:
            current.lines.append((number, line))
        previous = line
    return sections


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    paragraphs: list[list[tuple[int, str]]] = []
    block: list[tuple[int, str]] = []
    for number, line in lines:
        if line.strip():
            block.append((number, line))
        elif block:
            paragraphs.append(block)
            block = []
    if block:
        paragraphs.append(block)
    return paragraphs


class CardParser:
    """Parses the cards of one page body; problems are collected, never raised."""

    def __init__(self, options: CardOptions) -> None:
        self.options = options
        self.labels = LabelMatcher(options.labels)

    def parse(
        self, body: str, path: str, first_line: int, problems: list[Problem]
    ) -> tuple[Card, ...]:
        """Cards of ``body`` (whose first line is ``first_line`` of the file ``path``)."""
        cards: list[Card] = []
        taken: set[str] = set()
        titles: dict[str, int] = {}
        lines = body.split("\n")
        setexts: list[tuple[int, str, str]] = []
        sections = _sections(lines, first_line, self.options.level, setexts)
        for number, text, underline in setexts:
            if self.labels.kind(text):
                problems.append(
                    Problem(
                        path,
                        number,
                        f"the line {quote(text.strip())} is directly followed by "
                        f"{quote(underline)}, so Markdown shows it as a heading and the card "
                        f"loses it. Add a blank line before {quote(underline)}.",
                    )
                )
        for section in sections:
            if not section.block and not any(self.labels.kind(line) for _, line in section.lines):
                continue
            card = self._card(section, path, problems, taken)
            key = card.title.casefold()
            if key in titles:
                problems.append(
                    Problem(
                        path,
                        section.heading_line,
                        f"card {quote(card.title)} has the same title as the card on line "
                        f"{titles[key]}; its anchor is {quote('#' + card.id)}. Give each card "
                        "its own title so links to them stay clear.",
                    )
                )
            titles.setdefault(key, section.heading_line)
            cards.append(card)
        return tuple(cards)

    def _card(self, section: _Section, path: str, problems: list[Problem], taken: set[str]) -> Card:
        if section.block:  # the title as written: source and topic are options
            title_markdown = " ".join(strip_control(section.heading).split())
            source = topic = explicit_id = None
        else:
            title_markdown, source, topic, explicit_id = split_heading(section.heading)
        heading_url = None
        if linked := _HEADING_LINK.match(title_markdown):
            rest = title_markdown[linked.end() :]
            if not rest.strip() or rest.lstrip().startswith("{"):  # the whole title is a link
                title_markdown, heading_url = linked.group("text") + rest, linked.group("url")
        title = markdown_to_text(title_markdown)
        if not title:
            problems.append(
                Problem(
                    path,
                    section.heading_line,
                    "card block has no title; the card is shown as 'Untitled'. Write a title "
                    "after '/// card |'."
                    if section.block
                    else "card heading has no text; the card is shown as 'Untitled'. "
                    "Write a title after the '#' marks.",
                )
            )
            title = title_markdown = "Untitled"
        card_id = unique_in_page(explicit_id or slugify(title), taken)
        link = link_text = date_text = future = future_label = domain = None
        future_line = None
        date_commented = None
        precision: Precision = "day"
        revisit_text: Optional[str] = None
        revisited: Optional[tuple[dt.date, Precision]] = None
        revisit_line = 0
        data_lines: list[int] = []
        commentary: list[str] = []
        absorb = False  # a list right after an empty future-links label belongs to it
        lines = section.lines
        tags: tuple[str, ...] = ()
        status: Optional[str] = None
        if section.block:
            block_options = read_options(lines, title, path, problems, self.options.statuses)
            lines, tags = block_options.rest, block_options.names("tags")
            source, topic = block_options.text("source"), block_options.text("topic")
            status = block_options.text("status")
            data_lines.extend(block_options.taken)
            at = block_options.lines.get
            if (value := block_options.text("link")) is not None:
                link_text = value
                link_line = at("link", section.heading_line)
                link, domain = self._link(value, title, path, link_line, problems, option=True)
            if (value := block_options.text("date")) is not None:
                date_text = value
                when = self._date(value, title, path, at("date", section.heading_line), problems)
                if when is not None:
                    date_commented, precision = when
            if (value := block_options.text("revisited")) is not None:
                revisit_text, revisit_line = value, at("revisited", section.heading_line)
                revisited = self._date(value, title, path, revisit_line, problems, "revisit")
        for paragraph in _paragraphs(lines):
            first = paragraph[0][1]
            if absorb and (LIST_ITEM.match(first.strip()) or first[:1] in (" ", "\t")):
                future = "\n".join([future or "", *(x.strip() for _, x in paragraph)]).strip()
                continue
            absorb = False
            if future is None and ":" in first and (m := self.labels.future.match(first)):
                future_label = m.group("label")
                parts = [m.group("value")] + [line for _, line in paragraph[1:]]
                future = "\n".join(x.strip() for x in parts if x.strip())
                future_line = paragraph[0][0]
                absorb = len(paragraph) == 1 and (not future or future.endswith(":"))
                continue
            kept: list[str] = []
            for number, line in paragraph:
                found = self.labels.match(line)
                kind = found[0] if found else None
                given = {"link": link_text, "date": date_text, "revisit": revisit_text}
                if found and given[found[0]] is not None:
                    label = found[1].group("label") + ":"
                    problems.append(
                        Problem(
                            path,
                            number,
                            f"card {quote(title)} has a second {label} line; it is kept in the "
                            f"commentary. A card has one {label} line: move the other one into "
                            "the text or into a card of its own.",
                        )
                    )
                    kept.append(line)
                elif found and kind == "link":
                    data_lines.append(number)
                    link_text = _value(found[1])
                    link, domain = self._link(link_text, title, path, number, problems)
                    if heading_url and link and link != heading_url:
                        problems.append(
                            Problem(
                                path,
                                number,
                                f"card {quote(title)}: the heading links to {quote(heading_url)} "
                                f"and the Link: line to {quote(link)}; the Link: line is used. "
                                "Keep one of them, or make them the same.",
                            )
                        )
                elif found and kind == "revisit":
                    data_lines.append(number)
                    revisit_text, revisit_line = _value(found[1]), number
                    revisited = self._date(revisit_text, title, path, number, problems, "revisit")
                elif found:
                    data_lines.append(number)
                    date_text = _value(found[1])
                    when = self._date(date_text, title, path, number, problems)
                    if when is not None:
                        date_commented, precision = when
                else:
                    kept.append(line)
            if kept:
                commentary.append(markdown_to_text("\n".join(kept)))
        if link_text is None and heading_url is not None:
            link_text = heading_url
            link, domain = self._link(heading_url, title, path, section.heading_line, problems)
        text = "\n\n".join(c for c in commentary if c)
        if revisited and date_commented and _before(revisited, (date_commented, precision)):
            problems.append(
                Problem(
                    path,
                    revisit_line,
                    f"card {quote(title)}: the revisit date ({_iso(revisited)}) is before the "
                    f"date commented ({_iso((date_commented, precision))}); the card's age counts "
                    "from the date commented. Correct the one that is wrong.",
                )
            )
        return Card(
            id=card_id,
            heading=section.heading,
            title=title,
            source=source,
            topic=topic,
            link=link,
            link_text=link_text or None,
            date_commented=date_commented,
            date_text=date_text or None,
            future=future or None,
            future_label=future_label,
            commentary=text,
            line=section.heading_line,
            title_markdown=title_markdown,
            date_precision=precision,
            domain=domain,
            excerpt=first_sentence(text, 200),
            data_lines=tuple(data_lines),
            future_line=future_line,
            revisited=revisited[0] if revisited else None,
            revisited_precision=revisited[1] if revisited else "day",
            revisited_text=revisit_text or None,
            threads=split_threads(future, self.options.schemes) if future else (),
            future_list=bool(future) and has_list(future or ""),
            block=section.block,
            tags=tags,
            status=status,
        )

    def _link(
        self,
        value: str,
        title: str,
        path: str,
        line: int,
        problems: list[Problem],
        option: bool = False,
    ) -> tuple[Optional[str], Optional[str]]:
        """The card's live URL and its domain, or ``(None, None)`` when it is refused;
        ``option``: the value of a card block's ``link`` option, not of a ``Link:`` line."""
        urls = find_urls(value)
        what, label = ("the option 'link'", "link:") if option else ("the Link: line", "Link:")
        where = f"card {quote(title)}: "
        if not urls:
            problems.append(
                Problem(
                    path,
                    line,
                    where + f"{what} has no URL; the card is shown without a link. "
                    f"Write e.g. {label} https://example.org/paper",
                )
            )
            return None, None
        url = urls[0]
        if len(urls) > 1:
            problems.append(
                Problem(
                    path,
                    line,
                    where + f"{what} has {len(urls)} URLs; only the first "
                    f"({quote(url)}) is used as the card's link. Move the others into the "
                    "commentary.",
                )
            )
        if url.lower().startswith("www."):
            url = "https://" + url
        scheme = url_scheme(url)
        if scheme is None:
            problems.append(
                Problem(
                    path,
                    line,
                    where + f"the link {quote(url)} is relative; it is shown as text, not as a "
                    "link. Write the full address, starting with https://",
                )
            )
            return None, None
        domain = domain_of(url)
        if scheme in ("http", "https") and scheme in self.options.schemes and domain is None:
            problems.append(
                Problem(
                    path,
                    line,
                    where + f"the link {quote(url)} has no host name; it is shown as text, not "
                    "as a link. Write the full address, e.g. https://example.org/paper",
                )
            )
            return None, None
        if scheme not in self.options.schemes:
            schemes = ", ".join(f"{s}:" for s in self.options.schemes)
            problems.append(
                Problem(
                    path,
                    line,
                    where + f"the link {quote(url)} uses the scheme {quote(scheme + ':')}, "
                    f"which is not allowed; it is shown as text, not as a link. Allowed: {schemes}",
                )
            )
            return None, None
        return url, domain

    def _date(
        self,
        value: str,
        title: str,
        path: str,
        line: int,
        problems: list[Problem],
        kind: str = "date",
    ) -> Optional[tuple[dt.date, Precision]]:
        try:
            return parse_when(value, self.options.locale, self.options.months)
        except DateError as error:
            if kind == "revisit":
                problems.append(
                    Problem(
                        path,
                        line,
                        f"card {quote(title)}: cannot read the revisit date: {error}; the "
                        "revisit is left out. Write the date as YYYY-MM-DD (2025-12-14), "
                        "14 Dec 2025, or a month: 2025-12.",
                    )
                )
                return None
            problems.append(
                Problem(
                    path,
                    line,
                    f"card {quote(title)}: cannot read the date commented: {error}; the card is "
                    "shown as undated. Write the date as YYYY-MM-DD (2025-12-14), "
                    "14 Dec 2025, or a month: 2025-12.",
                )
            )
            return None


def _before(first: tuple[dt.date, Precision], second: tuple[dt.date, Precision]) -> bool:
    """Whether the date ``first`` is before ``second``, compared at the coarser precision."""
    if "month" in (first[1], second[1]):
        return (first[0].year, first[0].month) < (second[0].year, second[0].month)
    return first[0] < second[0]


def _iso(when: tuple[dt.date, Precision]) -> str:
    text = when[0].isoformat()
    return text[:7] if when[1] == "month" else text


def shows_field_notes(card: Card) -> bool:
    """Whether ``card`` marks its page as field notes: it is a card block, it has a
    ``Date commented:`` line, or a ``Link:`` line holding an absolute URL (``Link: see below``
    in a how-to is not enough)."""
    if card.block or card.date_text is not None:
        return True
    urls = find_urls(card.link_text or "")
    return any(url_scheme(url) or url.lower().startswith("www.") for url in urls)

"""The Markdown side of cards: it locates the cards the source parser found, never finds them.

Before conversion, ``mark_cards`` edits an entry's Markdown by source line: each card heading
gets a marker holding the card's index, the card's ``Link:``, ``Date commented:`` and
``Revisited:`` lines (data, shown in the card's meta row) are taken out, and the label of its
future-links paragraph becomes a marker (with a blank line before a list in that paragraph, so
that it is a list; the card footer takes the list in). Then two treeprocessors:

* ``fieldnotes_cards`` (priority 30, before inline processing) finds the marked headings
  wherever they are (top level, ``md_in_html`` blocks, admonitions, details, tabs), groups each
  with the rest of its section into a container, and gives the heading the card's id (so the
  table of contents, permalinks and search use it);
* ``fieldnotes_finish`` (priority -5, after everything) renders every card of the page in one
  template call and inserts the entry header.

The rendered cards and header stand in the tree as a placeholder each, which the
``fieldnotes_place`` postprocessor (priority 35) replaces with their HTML in one pass over
the page, before Python-Markdown's own ``raw_html`` (30) fills in what they hold (code, raw
HTML). Python-Markdown's stash would do the same in two or three passes with a call per
placeholder, on every entry page.

A card whose marker ends up where Markdown is not converted (raw HTML) is reported by the
plugin; its marker is removed from the page.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from typing import Any, Callable, ClassVar, Optional

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup
from pymdownx.blocks import BlocksMgrExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_any

from .card_blocks import NAME as BLOCK_NAME
from .card_blocks import OPTION_KEYS, block_line
from .cards import LabelMatcher, heading_of
from .model import Card
from .render import CardParts, meta_row
from .report import quote
from .threads import LIST_ITEM

CARD_ATTR = "data-fieldnotes-card"
PART_ATTR = "data-fieldnotes-part"
EMPTY_TOKEN = "FIELDNOTESEMPTYPAGEMARKER"
"""Body of an entry with no Markdown (Python-Markdown skips its treeprocessors for "")."""
_CARD_MARK = "\ue0f0{}\ue0f1"
_FUTURE_MARK = "\ue0f2{}\ue0f3"
_MARKS = re.compile("[\ue0f0\ue0f2][0-9]*[\ue0f1\ue0f3]")
_CARD_AT = re.compile("\ue0f0([0-9]+)\ue0f1")
_FUTURE_AT = re.compile("\ue0f2([0-9]+)\ue0f3[ \t]*")
_ATX_OPEN = re.compile(r"^([ \t]*#{1,6})(?:[ \t]+|$)")
_BLOCK_OPEN = re.compile(r"^([ \t]*/{3,}[ ]*[\w-]+[ ]*)(?:\|[ ]*)?")
BLOCK_ATTR = "data-fieldnotes-block"
"""Attribute of the element a card block makes, holding the card's index."""
_PLACEHOLDER_START = "\x02fieldnotes:"
_PLACEHOLDER = _PLACEHOLDER_START + "{}\x03"
"""Where a rendered card or header goes (STX/ETX, as Python-Markdown's own placeholders,
which it strips from the source: no text can forge one), alone in a paragraph."""
_PLACEHOLDER_AT = re.compile(f"<p>{_PLACEHOLDER.format('([0-9]+)')}</p>")


def _line_index(lines: Sequence[str], cards: Sequence[Card], line_count: int) -> Optional[int]:
    """How many source lines come before the Markdown's first line, if every card heading is
    where the source had it (the Markdown is the source without its front matter)."""
    offset = line_count - len(lines)
    for card in cards:
        i = card.line - 1 - offset
        if not 0 <= i < len(lines) or card.heading not in lines[i]:
            return None
    return offset


def _find_heading(lines: Sequence[str], card: Card, start: int) -> Optional[int]:
    for i in range(start, len(lines)):
        if card.block:
            found = block_line(lines[i].strip())
            if found and found[1] == BLOCK_NAME and found[2].strip() == card.heading.strip():
                return i
            continue
        heading = heading_of(lines[i].strip())
        if heading and heading[1] == card.heading:
            return i
        if lines[i].strip() == card.heading and i + 1 < len(lines):
            underline = lines[i + 1].strip()
            if underline and set(underline) <= {"-", "="}:
                return i
    return None


def mark_cards(
    markdown: str, cards: Sequence[Card], line_count: int, labels: LabelMatcher
) -> tuple[str, list[Card]]:
    """``markdown`` with the markers of ``cards`` (see the module docstring), and the cards
    it could not find in it (another plugin changed the Markdown before this one)."""
    lines = markdown.split("\n")
    offset = _line_index(lines, cards, line_count)
    edits: dict[int, Optional[str]] = {}
    missing: list[Card] = []
    start = 0
    for index, card in enumerate(cards):
        if offset is not None:
            at: Optional[int] = card.line - 1 - offset
        else:
            at = _find_heading(lines, card, start)
        if at is None:
            missing.append(card)
            continue
        start = at + 1
        line = lines[at]
        mark = _CARD_MARK.format(index)
        if card.block and (opening := _BLOCK_OPEN.match(line)):  # /// card | <mark>Title
            edits[at] = f"{opening.group(1)}| {mark}{line[opening.end() :]}"
        elif opening := _ATX_OPEN.match(line):
            edits[at] = f"{opening.group(1)} {mark}{line[opening.end() :]}"
        else:  # setext: the text line
            stripped = line.lstrip()
            edits[at] = f"{line[: len(line) - len(stripped)]}{mark}{stripped}"
        shift = at - (card.line - 1)  # source line → Markdown line
        for number in card.data_lines:
            edits[number - 1 + shift] = None
        if card.future_line is not None:
            i = card.future_line - 1 + shift
            stripped = lines[i].lstrip()
            found = labels.future.match(stripped)
            value = found.group("value") if found else stripped
            edits[i] = (
                f"{lines[i][: len(lines[i]) - len(stripped)]}{_FUTURE_MARK.format(index)}{value}"
            )
            if card.future_list:  # a list needs a blank line before it to be a list
                for j in range(i + 1, len(lines)):
                    if not lines[j].strip():
                        break
                    if LIST_ITEM.match(lines[j].strip()):
                        edits[j] = "\n" + lines[j]
                        break
    out = [edits.get(i, line) for i, line in enumerate(lines)] if edits else lines
    return "\n".join(line for line in out if line is not None), missing


def strip_marks(text: str) -> str:
    """``text`` without card markers (for raw HTML the Markdown side could not convert)."""
    return _MARKS.sub("", text) if "\ue0f0" in text or "\ue0f2" in text else text


@dataclasses.dataclass
class PageRender:
    """What the extension needs to know about the entry page being converted."""

    cards: tuple[Card, ...] = ()
    render_cards: Optional[Callable[[Sequence[CardParts]], list[str]]] = None
    header_html: Optional[str] = None
    placed: set[int] = dataclasses.field(default_factory=set)
    """Indexes of the cards the treeprocessor found in the page."""
    keep: frozenset[str] = frozenset()
    """Ids of the cards whose commentary HTML the plugin keeps (the cards its feeds publish)."""
    kept: dict[str, str] = dataclasses.field(default_factory=dict)
    """That HTML by card id, as the page shows it, once the page is converted."""
    blocks: bool = True
    """Whether the page's card blocks can be placed (no other extension has a ``card``
    block)."""
    meta_rows: list[str] = dataclasses.field(default_factory=list)
    """The meta row of each card placed (``render.meta_row``), as the page shows it."""


@dataclasses.dataclass
class ExtensionState:
    """Shared between the plugin (which sets ``page``) and the treeprocessors."""

    level: int
    page: Optional[PageRender] = None


class _CardStructure(Treeprocessor):
    def __init__(self, md: Markdown, state: ExtensionState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        page = self.state.page
        if page is None or not page.cards:
            return
        stops = {f"h{n}" for n in range(1, self.state.level + 1)} | {"hr"}
        self._group(root, page, stops)

    def _block(self, element: etree.Element, index: int, page: PageRender) -> etree.Element:
        """The card of a card block: a heading of the card level with its title, and the
        block's content (``CardBlock`` made the element)."""
        heading = etree.Element(f"h{self.state.level}")
        heading.text = page.cards[index].title_markdown or ""
        return self._card(heading, list(element), index, page)

    def _group(self, parent: etree.Element, page: PageRender, stops: set[str]) -> None:
        children = list(parent)
        for child in children:
            if len(child):
                self._group(child, page, stops)
        kept: list[etree.Element] = []
        i, count, changed = 0, len(children), False
        while i < count:
            element = children[i]
            block = element.get(BLOCK_ATTR) if element.tag == "div" else None
            if block is not None and block.isdigit() and int(block) < len(page.cards):
                kept.append(self._block(element, int(block), page))
                i, changed = i + 1, True
                continue
            found = _CARD_AT.match(element.text or "") if element.tag in stops else None
            index = int(found.group(1)) if found else -1
            if not 0 <= index < len(page.cards):
                kept.append(element)
                i += 1
                continue
            end = i + 1
            while (
                end < count
                and children[end].tag not in stops
                and children[end].get(BLOCK_ATTR) is None  # a card block is a card of its own
            ):
                end += 1
            kept.append(self._card(element, children[i + 1 : end], index, page))
            i, changed = end, True
        if changed:
            parent[:] = kept

    def _card(
        self, heading: etree.Element, section: list[etree.Element], index: int, page: PageRender
    ) -> etree.Element:
        card = page.cards[index]
        page.placed.add(index)
        container = etree.Element("div", {CARD_ATTR: str(index)})
        heading.set("id", card.id)
        heading.text = _CARD_AT.sub("", heading.text or "", count=1)
        if card.title_markdown and card.title_markdown != card.heading:
            # Show the title alone: source, topic and a heading's link are in the meta row.
            heading.text = card.title_markdown
        elif not heading.text.strip():
            heading.text = AtomicString(card.title)
        container.append(heading)
        commentary = etree.SubElement(container, "div", {PART_ATTR: "commentary"})
        future = etree.SubElement(container, "div", {PART_ATTR: "future"})
        in_future = False  # the list that follows the future-links label, when it has one
        for element in section:
            text = element.text or ""
            if element.tag == "p" and (mark := _FUTURE_AT.match(text)):
                element.text = text[mark.end() :]
                if element.text.strip() or len(element):
                    future.append(element)
                in_future = card.future_list
            elif in_future and element.tag in ("ul", "ol"):
                future.append(element)
                in_future = False
            else:
                commentary.append(element)
                in_future = False
        return container


class _Finish(Treeprocessor):
    def __init__(self, md: Markdown, state: ExtensionState) -> None:
        super().__init__(md)
        self.state = state
        self.blocks: list[str] = []
        """The HTML of each placeholder of the page being converted (``_Place``)."""

    def _html(self, elements: Sequence[etree.Element]) -> Markup:
        return Markup("".join(self.md.serializer(el) for el in elements).strip())

    def _placeholder(self, html: str) -> etree.Element:
        paragraph = etree.Element("p")
        paragraph.text = _PLACEHOLDER.format(len(self.blocks))
        self.blocks.append(html)
        return paragraph

    def _take_cards(
        self, parent: etree.Element, page: PageRender, parts: list[CardParts], slots: list[int]
    ) -> None:
        for position, child in enumerate(list(parent)):
            if len(child):
                self._take_cards(child, page, parts, slots)
            index = child.get(CARD_ATTR) if child.tag == "div" else None
            if index is None:
                continue
            heading, commentary, future = child[0], child[1], child[2]
            parts.append(
                CardParts(
                    page.cards[int(index)],
                    self._html([heading]),
                    self._html(list(commentary)),
                    self._html(list(future)),
                )
            )
            slots.append(len(self.blocks))
            parent[position] = self._placeholder("")

    def _keep(self, page: PageRender, parts: Sequence[CardParts]) -> None:
        # The postprocessors fill in the stashed blocks (code, nested cards, raw HTML) now that
        # every slot is set: the commentary as the page will show it.
        for part in parts:
            if part.card.id in page.keep:
                html = str(part.commentary)
                for processor in self.md.postprocessors:
                    html = processor.run(html)
                page.kept[part.card.id] = html

    def run(self, root: etree.Element) -> None:
        self.blocks = []
        page = self.state.page
        if page is None:
            return
        parts: list[CardParts] = []
        if page.placed and page.render_cards:
            # Innermost first, each at a reserved placeholder: a card nested in another
            # card's commentary (an admonition inside a card) is in its HTML as a placeholder,
            # which ``_Place`` fills in too.
            slots: list[int] = []
            self._take_cards(root, page, parts, slots)
            for slot, html in zip(slots, page.render_cards(parts)):
                self.blocks[slot] = html
                row = meta_row(html)
                if row:
                    page.meta_rows.append(row)
        for blocks in (self.md.htmlStash.rawHtmlBlocks, self.blocks):
            for i, block in enumerate(blocks):
                if isinstance(block, str):
                    blocks[i] = strip_marks(block)
        if page.keep:
            self._keep(page, parts)
        for element in list(root):
            if element.tag == "p" and element.text == EMPTY_TOKEN:
                root.remove(element)
        if page.header_html:
            position = 1 if len(root) and root[0].tag == "h1" else 0
            root.insert(position, self._placeholder(page.header_html))


class _Place(Postprocessor):
    """Put the HTML of the cards and the header where ``_Finish`` left their placeholders."""

    def __init__(self, md: Markdown, finish: _Finish) -> None:
        super().__init__(md)
        self.finish = finish

    def run(self, text: str) -> str:
        blocks = self.finish.blocks
        if not blocks:
            return text

        def block(found: re.Match[str]) -> str:
            index = int(found.group(1))
            return blocks[index] if index < len(blocks) else ""

        # A placeholder in a card's HTML (a card inside another's commentary) needs one more
        # pass; each pass fills at least one level.
        for _ in range(len(blocks)):
            if _PLACEHOLDER_START not in text:
                break
            text = _PLACEHOLDER_AT.sub(block, text)
        return text


class CardBlock(Block):
    """The ``/// card`` block of ``pymdownx.blocks``: a ``<div>`` holding the index of the
    card (from the marker ``mark_cards`` put in its title), which the ``fieldnotes_cards``
    treeprocessor makes a card. The source parser has read its options and ``mark_cards``
    has taken their lines out; they are declared all the same, so that pymdownx keeps a
    block whose options another plugin put back."""

    NAME = BLOCK_NAME
    ARGUMENT = None  # the title, optional: a block without one is reported as 'Untitled'
    OPTIONS: ClassVar[dict[str, tuple[Any, Callable[[Any], Any]]]] = dict.fromkeys(
        OPTION_KEYS, (None, type_any)
    )

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The block's element, inside ``parent``."""
        element = etree.SubElement(parent, "div")
        found = _CARD_AT.match(getattr(self, "argument", None) or "")
        if found:
            element.set(BLOCK_ATTR, found.group(1))
        return element


def block_taken(title: str) -> str:
    """The warning for a card block that another extension's ``card`` block took."""
    return (
        f"card {quote(title)} is a card block, but another Markdown extension has a block "
        "named 'card', so it is not shown as a card. Remove that extension, or write the card "
        "as a heading with a Link: line."
    )


def register_card_block(md: Markdown) -> bool:
    """Register ``CardBlock`` in ``md``, and pymdownx.blocks' block manager when no extension
    has; ``False`` when another extension already has a block named ``card``."""
    if "blocks" in md.parser.blockprocessors:
        manager = md.parser.blockprocessors["blocks"]
    else:
        extension = BlocksMgrExtension()
        extension.extendMarkdown(md)
        manager = extension.extension
    if not isinstance(manager, BlocksProcessor):
        return False
    if BLOCK_NAME in manager.blocks:
        return manager.blocks[BLOCK_NAME] is CardBlock
    manager.register(CardBlock, {})
    return True


class FieldnotesExtension(Extension):
    """Registers the treeprocessors; the plugin sets ``state.page`` before each entry."""

    def __init__(self, state: ExtensionState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:
        register_treeprocessors(md, self.state, PLUGIN_PREFIX)
        # MkDocs makes a Markdown instance per page, after on_page_markdown: only an entry
        # with card blocks gets the block (a page that is not an entry stays as it was).
        page = self.state.page
        if page is not None and any(card.block for card in page.cards):
            page.blocks = register_card_block(md)


PLUGIN_PREFIX = "fieldnotes"
"""Names of the plugin's treeprocessors (``fieldnotes_cards``): the standalone extension
(``extension.py``) steps aside when it finds them."""


def register_treeprocessors(md: Markdown, state: ExtensionState, prefix: str) -> None:
    """Register the two treeprocessors as ``{prefix}_cards`` and ``{prefix}_finish``, and the
    postprocessor that places what they render as ``{prefix}_place``."""
    # 30: before 'inline' (20) so headings and paragraphs still hold their source text.
    md.treeprocessors.register(_CardStructure(md, state), f"{prefix}_cards", 30)
    # -5: after 'relpath', 'unescape' and MkDocs' title extraction: content is final.
    finish = _Finish(md, state)
    md.treeprocessors.register(finish, f"{prefix}_finish", -5)
    # 35: before 'raw_html' (30) fills in the stashed HTML the cards hold.
    md.postprocessors.register(_Place(md, finish), f"{prefix}_place", 35)

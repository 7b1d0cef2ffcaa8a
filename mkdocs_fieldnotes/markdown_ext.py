"""Python-Markdown extension: turns card sections into cards and inserts plugin HTML.

Two treeprocessors, all driven by the page the plugin is rendering (``PageRender``):

* ``fieldnotes_cards`` (priority 30, before inline processing) groups each card's heading
  and section into a marker container, sets the heading's id to the card id (so the table
  of contents, permalinks and search use it) and drops the ``Link:``/``Date commented:``
  lines; the future-links paragraph is kept apart.
* ``fieldnotes_finish`` (priority -5, after everything) renders each marker container
  through the card template and inserts the entry header; both go to the HTML stash.

Only containers the extension created itself are rewritten; user HTML is never edited.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as etree
from typing import Optional, Protocol

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .cards import LabelMatcher
from .model import Card

CARD_ATTR = "data-fieldnotes-card"
PART_ATTR = "data-fieldnotes-part"
EMPTY_TOKEN = "FIELDNOTESEMPTYPAGEMARKER"
"""Body of an entry with no Markdown (Python-Markdown skips its treeprocessors for "")."""


class CardRenderer(Protocol):
    """Renders one card given its record and the HTML of its parts."""

    def __call__(
        self, index: int, card: Card, heading: str, commentary: str, future: str
    ) -> str: ...


@dataclasses.dataclass
class PageRender:
    """What the extension needs to know about the page being converted."""

    cards: tuple[Card, ...] = ()
    render_card: Optional[CardRenderer] = None
    header_html: Optional[str] = None


@dataclasses.dataclass
class ExtensionState:
    """Shared between the plugin (which sets ``page``) and the treeprocessors."""

    level: int
    labels: LabelMatcher
    page: Optional[PageRender] = None


def _norm(text: str) -> str:
    return " ".join(text.split())


class _CardStructure(Treeprocessor):
    def __init__(self, md: Markdown, state: ExtensionState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        page = self.state.page
        if page is None or not page.cards:
            return
        tag = f"h{self.state.level}"
        stops = {f"h{n}" for n in range(1, self.state.level + 1)} | {"hr"}
        pending = [(index, card, _norm(card.heading)) for index, card in enumerate(page.cards)]
        pending.reverse()  # popped from the end, in page order
        children = list(root)
        kept: list[etree.Element] = []
        i, count = 0, len(children)
        while i < count:
            element = children[i]
            if not pending or element.tag != tag or _norm(element.text or "") != pending[-1][2]:
                kept.append(element)
                i += 1
                continue
            index, card, _ = pending.pop()
            end = i + 1
            while end < count and children[end].tag not in stops:
                end += 1
            kept.append(self._card(element, children[i + 1 : end], index, card))
            i = end
        if len(pending) < len(page.cards):  # a card was made: the root gets its containers
            root[:] = kept

    def _card(
        self, heading: etree.Element, section: list[etree.Element], index: int, card: Card
    ) -> etree.Element:
        container = etree.Element("div", {CARD_ATTR: str(index)})
        heading.set("id", card.id)
        if card.source or card.topic:
            # Show the title alone: source and topic are in the card's meta row.
            heading.text = card.title_markdown or AtomicString(card.title)
        container.append(heading)
        commentary = etree.SubElement(container, "div", {PART_ATTR: "commentary"})
        future = etree.SubElement(container, "div", {PART_ATTR: "future"})
        labels = self.state.labels
        removed: set[str] = set()  # only the first Link: and Date commented: lines are data
        for element in section:
            text = element.text
            # Label lines have a colon: most commentary paragraphs are kept without a look.
            if element.tag == "p" and text and ":" in text and not len(element):
                lines = text.split("\n")
                if not len(future) and labels.is_future(lines[0]):
                    match = labels.future.match(lines[0])
                    first = match.group("value") if match else ""
                    element.text = "\n".join([first, *lines[1:]]).strip()
                    future.append(element)
                    continue
                kept = []
                for line in lines:
                    kind = labels.kind(line)
                    if kind is None or kind in removed:
                        kept.append(line)
                    else:
                        removed.add(kind)
                if not any(line.strip() for line in kept):
                    continue
                element.text = "\n".join(kept)
            commentary.append(element)
        return container


class _Finish(Treeprocessor):
    def __init__(self, md: Markdown, state: ExtensionState) -> None:
        super().__init__(md)
        self.state = state

    def _html(self, elements: list[etree.Element]) -> str:
        return "".join(self.md.serializer(el) for el in elements).strip()

    def _stash(self, html: str) -> etree.Element:
        paragraph = etree.Element("p")
        paragraph.text = self.md.htmlStash.store(html)
        return paragraph

    def run(self, root: etree.Element) -> None:
        page = self.state.page
        if page is None:
            return
        if page.cards and page.render_card:
            for position, element in enumerate(list(root)):
                index = element.get(CARD_ATTR)
                if index is None or element.tag != "div":
                    continue
                card = page.cards[int(index)]
                heading, commentary, future = element[0], element[1], element[2]
                html = page.render_card(
                    int(index),
                    card,
                    self._html([heading]),
                    self._html(list(commentary)),
                    self._html(list(future)),
                )
                root[position] = self._stash(html)
        for element in list(root):
            if element.tag == "p" and element.text == EMPTY_TOKEN:
                root.remove(element)
        if page.header_html:
            position = 1 if len(root) and root[0].tag == "h1" else 0
            root.insert(position, self._stash(page.header_html))


class FieldnotesExtension(Extension):
    """Registers the treeprocessors; the plugin sets ``state.page`` before each page."""

    def __init__(self, state: ExtensionState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:
        # 30: before 'inline' (20) so paragraphs still hold their source text.
        md.treeprocessors.register(_CardStructure(md, self.state), "fieldnotes_cards", 30)
        # -5: after 'relpath', 'unescape' and MkDocs' title extraction: content is final.
        md.treeprocessors.register(_Finish(md, self.state), "fieldnotes_finish", -5)

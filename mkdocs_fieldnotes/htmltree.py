"""Turn HTML rendered by the plugin's templates into ElementTree elements.

Generated listings are inserted into the Markdown tree as elements (not as raw HTML) so
that MkDocs resolves and validates their ``.md`` links and the table of contents sees their
headings. The parser is tolerant: void elements need no closing tag, stray end tags are
ignored and open elements are closed at the end.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from typing import Optional

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("div")
        self.stack: list[etree.Element] = [self.root]
        self.last: Optional[etree.Element] = None

    def _append_text(self, text: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            child = parent[-1]
            child.tail = (child.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        element = etree.SubElement(
            self.stack[-1], tag, {k: (v if v is not None else "") for k, v in attrs}
        )
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        etree.SubElement(self.stack[-1], tag, {k: (v if v is not None else "") for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._append_text(data)


def _parse(html: str) -> etree.Element:
    # The plugin's templates produce well-formed markup, which expat (C) reads ~20x faster
    # than html.parser; a user's override that is not well-formed takes the tolerant path.
    try:
        return etree.fromstring(f"<div>{html}</div>")
    except etree.ParseError:
        builder = _Builder()
        builder.feed(html)
        builder.close()
        return builder.root


def parse_fragment(html: str) -> list[etree.Element]:
    """Top-level elements of ``html``; top-level text is wrapped in ``<p>`` elements."""
    elements: list[etree.Element] = []
    root = _parse(html)
    if root.text and root.text.strip():
        paragraph = etree.Element("p")
        paragraph.text = root.text.strip()
        elements.append(paragraph)
    for child in list(root):
        tail = child.tail
        child.tail = None
        elements.append(child)
        if tail and tail.strip():
            paragraph = etree.Element("p")
            paragraph.text = tail.strip()
            elements.append(paragraph)
    return elements

"""Open threads: a card's future-links paragraph split into the threads the author listed.

The rule (documented in ``docs/authoring.md``, *Open threads*):

* each item of a Markdown list (``-``, ``*``, ``+``, ``1.``, ``1)``) is one thread, whatever
  it holds; a line under an item that starts no item continues it;
* the text before a list is split at semicolons, unless it ends with a colon (then it
  introduces the list and is no thread);
* text without a list is split at each semicolon followed by a space or the end, outside
  code spans, links, brackets, parentheses and ``<...>``;
* spaces and a final ``.``, ``,`` or ``;`` are taken off each thread; empty ones are dropped.

Pure: Markdown in, ``Thread`` records out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from typing import Optional

from .links import is_allowed
from .model import Card, Entry, Thread
from .plaintext import markdown_to_text

LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)")
"""The marker that opens a Markdown list item (the line is already stripped)."""

_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>[^\]]*)\]\(\s*<?(?P<url>[^()\s<>]+(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+[\"'(][^)]*[\"')])?\s*\)"
    r"|<(?P<angle>[A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*)>"
    r"|(?<![\w<\[/=\"'])(?P<bare>[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>\[\]()]+|www\.[^\s<>\[\]()]+)"
)
# An HTML entity ending where a semicolon is: "&amp;" is no place to cut.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+)\Z")
_OPENERS = {"(": ")", "[": "]", "<": ">"}
_TRAILING = ".,;:!?'\"*"


def split_threads(markdown: str, schemes: Sequence[str]) -> tuple[Thread, ...]:
    """The threads of a future-links paragraph (``Card.future``), in order; links keep their
    URL when ``schemes`` allow it (see ``links.is_allowed``)."""
    lead: list[str] = []
    items: list[list[str]] = []
    for raw in markdown.split("\n"):
        line = raw.strip()
        if marker := LIST_ITEM.match(line):
            items.append([line[marker.end() :]])
        elif items:
            items[-1].append(line)
        else:
            lead.append(line)
    pieces: list[str] = []
    intro = " ".join(lead).strip()
    if intro and not (items and intro.endswith(":")):
        pieces += split_semicolons(intro)
    pieces += [" ".join(item) for item in items]
    allowed = tuple(schemes)
    threads = []
    for piece in pieces:
        text = _tidy(piece)
        if text:
            threads.append(Thread(text, thread_parts(text, allowed)))
    return tuple(threads)


def has_list(markdown: str) -> bool:
    """Whether the future links hold a list item (the card footer then takes the list in)."""
    return any(LIST_ITEM.match(line.strip()) for line in markdown.split("\n"))


def split_semicolons(text: str) -> list[str]:
    """``text`` cut at each ``;`` followed by a space or the end, outside code spans, links,
    brackets, parentheses and ``<...>``."""
    if ";" not in text:
        return [text]
    pieces: list[str] = []
    closers: list[str] = []
    start = 0
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == "`":
            run = len(text) - len(text[i:].lstrip("`"))
            fence = "`" * run
            end = text.find(fence, i + run)
            i = (end + run) if end >= 0 else i + run
            continue
        if char == "\\":
            i += 2
            continue
        if char in _OPENERS:
            closers.append(_OPENERS[char])
        elif closers and char == closers[-1]:
            closers.pop()
        elif (
            char == ";"
            and not closers
            and (i + 1 == size or text[i + 1].isspace())
            and not _ENTITY.search(text, max(0, i - 32), i)
        ):
            pieces.append(text[start:i])
            start = i + 1
        i += 1
    pieces.append(text[start:])
    return pieces


def _tidy(piece: str) -> str:
    text = " ".join(piece.split())
    while text and text[-1] in ",;":
        text = text[:-1].rstrip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def thread_parts(markdown: str, schemes: tuple[str, ...]) -> tuple[tuple[str, Optional[str]], ...]:
    """``markdown`` as readable text in pieces: ``(text, url)`` for each link whose URL
    ``schemes`` allow, ``(text, None)`` for the rest (Markdown markup removed)."""
    parts: list[tuple[str, Optional[str]]] = []
    position = 0
    for match in _LINK.finditer(markdown):
        _text(parts, markdown[position : match.start()])
        position = match.end()
        url: str = match.group("url") or ""
        if url:
            label = markdown_to_text(match.group("text")) or url
            if match.group("image"):
                _text(parts, label)
                continue
        else:
            url = match.group("angle") or _trim(match.group("bare"))
            position = match.start() + (len(url) + 2 if match.group("angle") else len(url))
            label = url
        target = "https://" + url if url.lower().startswith("www.") else url
        parts.append((label, target if is_allowed(target, schemes) else None))
    _text(parts, markdown[position:])
    merged: list[tuple[str, Optional[str]]] = []
    for text, href in parts:
        if href is None and merged and merged[-1][1] is None:
            merged[-1] = (merged[-1][0] + text, None)
        else:
            merged.append((text, href))
    if merged and merged[0][1] is None:
        merged[0] = (merged[0][0].lstrip(), None)
    if merged and merged[-1][1] is None:
        merged[-1] = (merged[-1][0].rstrip(), None)
    return tuple((text, href) for text, href in merged if text)


def _text(parts: list[tuple[str, Optional[str]]], markdown: str) -> None:
    """Append the plain text of ``markdown``, keeping one space at either edge."""
    if not markdown:
        return
    text = markdown_to_text(markdown)
    before = " " if markdown[:1].isspace() and text else ""
    after = " " if markdown[-1:].isspace() else ""
    parts.append((before + text + after if text else after, None))


def _trim(url: str) -> str:
    """A bare URL without the punctuation that ends the sentence around it."""
    url = url.rstrip(_TRAILING)
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(_TRAILING)
    return url


# -- the Open threads page ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ThreadGroup:
    """The open threads of one entry: its cards that have some, in page order."""

    entry: Entry
    cards: tuple[Card, ...]
    count: int
    """Threads of those cards."""


def _newest_first(entry: Entry) -> tuple[int, str, str]:
    """Newest ``date`` first, undated last, then title and path (as the other listings)."""
    return (
        -entry.date.toordinal() if entry.date else 1,
        (entry.title or "").casefold(),
        entry.src_uri,
    )


def thread_groups(entries: Iterable[Entry]) -> list[ThreadGroup]:
    """The entries that have open threads, newest first, each with its cards that have some."""
    groups = []
    for entry in sorted(entries, key=_newest_first):
        cards = tuple(card for card in entry.cards if card.threads)
        if cards:
            groups.append(ThreadGroup(entry, cards, sum(len(c.threads) for c in cards)))
    return groups


def chunk_groups(groups: Sequence[ThreadGroup], size: int) -> list[list[ThreadGroup]]:
    """``groups`` in consecutive pages of at most ``size`` threads; an entry is never split,
    so an entry with more threads than ``size`` has a page to itself."""
    pages: list[list[ThreadGroup]] = []
    count = 0
    for group in groups:
        if not pages or (pages[-1] and count + group.count > size):
            pages.append([])
            count = 0
        pages[-1].append(group)
        count += group.count
    return pages or [[]]

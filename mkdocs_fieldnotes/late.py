"""Plugin HTML that goes into a page after search has indexed it.

Search plugins parse the HTML of every page, and their cost grows with each element. The
card meta rows (link, date, source, topic) and the entry header are element-rich, so while the
page is indexed they stand as a light placeholder holding their searchable words, and the
plugin swaps in the real HTML just before the theme renders the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Callable, Optional

META_ATTR = "data-fieldnotes-meta"
HEADER_OPEN = "<!--fieldnotes-header-->"
HEADER_CLOSE = "<!--/fieldnotes-header-->"
_META = re.compile(rf'<p class="fieldnotes-card__meta" {META_ATTR}="(\d+)">[^<]*</p>')


def meta_placeholder(index: int, words: Iterable[Optional[str]]) -> str:
    """Stand-in for the meta row of card ``index``: its words, escaped, in one element."""
    text = " · ".join(html.escape(w, quote=False) for w in words if w)
    return f'<p class="fieldnotes-card__meta" {META_ATTR}="{index}">{text}</p>'


def header_placeholder(lede: Optional[str]) -> str:
    """Stand-in for the entry header: the lede only, which search should find."""
    text = f'<p class="fieldnotes-header__lede">{html.escape(lede)}</p>' if lede else ""
    return f"{HEADER_OPEN}{text}{HEADER_CLOSE}"


def fill(
    content: str, header: Optional[Callable[[], str]], meta: Callable[[int], Optional[str]]
) -> str:
    """Replace the placeholders of ``content`` with the real header and meta rows.

    ``meta(index)`` gives a card's meta row, or ``None`` for an index the page does not have
    (the placeholder is then left as it is).
    """
    if header is not None:
        start = content.find(HEADER_OPEN)
        end = content.find(HEADER_CLOSE, start)
        if start >= 0 and end >= 0:
            content = f"{content[:start]}{header()}{content[end + len(HEADER_CLOSE) :]}"

    def swap(match: re.Match[str]) -> str:
        row = meta(int(match.group(1)))
        return match.group(0) if row is None else row

    return _META.sub(swap, content)

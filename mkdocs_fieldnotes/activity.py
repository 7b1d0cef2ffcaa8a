"""The activity chart: how many cards were commented each month, as plain data.

``fieldnotes/partials/activity.html`` draws it as an inline SVG (no script); this module
decides its bars: one per month over at most three years (a chart of fewer than twelve
months is widened to the twelve months that end with the last one), one per quarter over at
most nine years, one per year beyond, so that a chart never has more than 36 bars and stays
legible at any width. Geometry is in the SVG's own units (``WIDTH`` by ``HEIGHT``, stretched to
the width of the page); counts and links are what the template shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Callable, Literal, Optional

Unit = Literal["month", "quarter", "year"]
Month = tuple[int, int]
"""``(year, month)``."""
Target = tuple[str, str]
"""Where a bar links: ``(source path of a timeline page, anchor of the month on it)``; the
path is ``""`` when the month is on the chart's own page."""

MONTHS_MAX = 36
"""Most months charted one bar per month; beyond, one bar per quarter."""
QUARTERS_MAX = 36
"""Most quarters charted one bar per quarter; beyond, one bar per year."""
MONTHS_MIN = 12
"""Fewest months a monthly chart spans (its first months may have no card)."""
WIDTH = 360
"""Width of the chart in SVG units."""
HEIGHT = 60
"""Height of the tallest bar in SVG units."""
GAP = 0.2
"""Part of each slot left empty between two bars."""


def anchor(month: Month) -> str:
    """The id of a month's heading in the timeline lists (``fieldnotes-2025-12``)."""
    return f"fieldnotes-{month[0]:04d}-{month[1]:02d}"


@dataclasses.dataclass(frozen=True)
class Bar:
    """One bar: a month, quarter or year, its cards, its box and where it links."""

    start: Month
    """Its first month; with ``unit``, what the bar stands for."""
    count: int
    x: float
    y: float
    width: float
    height: float
    left: float
    """Where its slot (bar and gaps) starts: the slot is the area a pointer can click."""
    slot: float
    """Width of its slot."""
    target: Optional[Target]
    """The newest month of the bar that has cards, on the timeline; ``None``: no link."""
    tick: bool = False
    """Whether its year is written under it: a bar that starts a year (every year, or every
    second or fifth one when there are many)."""

    @property
    def quarter(self) -> int:
        """Its quarter (1 to 4), for a bar of a quarter."""
        return (self.start[1] - 1) // 3 + 1


@dataclasses.dataclass(frozen=True)
class Chart:
    """The bars of an activity chart and what its text says."""

    unit: Unit
    bars: tuple[Bar, ...]
    total: int
    """Dated cards charted."""
    undated: int
    """Cards without a date (not charted)."""
    peak: Bar
    """The bar with the most cards (the newest of equals)."""
    width: float = WIDTH
    height: float = HEIGHT

    @property
    def first(self) -> Bar:
        """The oldest bar."""
        return self.bars[0]

    @property
    def last(self) -> Bar:
        """The newest bar."""
        return self.bars[-1]


def _index(month: Month) -> int:
    return month[0] * 12 + month[1] - 1


def _month(index: int) -> Month:
    return index // 12, index % 12 + 1


def chart(
    counts: Mapping[Month, int],
    undated: int = 0,
    link: Optional[Callable[[Month], Optional[Target]]] = None,
) -> Optional[Chart]:
    """The chart of ``counts`` (cards per month); ``None`` when no month has a card.

    ``link`` gives a month's place on the timeline (``None``: bars are not links).
    """
    dated = {month: count for month, count in counts.items() if count > 0}
    if not dated:
        return None
    first, last = _index(min(dated)), _index(max(dated))
    span = last - first + 1
    if span <= MONTHS_MAX:
        unit: Unit = "month"
        first = min(first, last - MONTHS_MIN + 1)
        starts = list(range(first, last + 1))
        size = 1
    elif (last // 3) - (first // 3) + 1 <= QUARTERS_MAX:
        unit, size = "quarter", 3
        starts = list(range(first - first % 3, last + 1, 3))
    else:
        unit, size = "year", 12
        starts = list(range(first - first % 12, last + 1, 12))
    sums = [0] * len(starts)
    newest: list[Optional[Month]] = [None] * len(starts)
    for month, count in sorted(dated.items()):  # oldest first: the last one is the newest
        slot = (_index(month) - starts[0]) // size
        sums[slot] += count
        newest[slot] = month
    top = max(sums)
    slot_width = WIDTH / len(starts)
    step = 1 if unit != "year" else -(-len(starts) // 8)  # at most about eight years written
    bars = []
    for i, (start, count) in enumerate(zip(starts, sums)):
        # At least 2 units tall: a single card among hundreds still shows.
        height = max(HEIGHT * count / top, 2.0) if count else 0.0
        newest_month = newest[i]
        bars.append(
            Bar(
                start=_month(start),
                count=count,
                x=round(i * slot_width + slot_width * GAP / 2, 3),
                y=round(HEIGHT - height, 3),
                width=round(slot_width * (1 - GAP), 3),
                height=round(height, 3),
                left=round(i * slot_width, 3),
                slot=round(slot_width, 3),
                target=link(newest_month) if link and newest_month else None,
                tick=start % 12 == 0 and (start // 12) % step == 0,
            )
        )
    peak = max(reversed(bars), key=lambda bar: bar.count)
    return Chart(unit, tuple(bars), sum(sums), undated, peak)


def count_months(months: Iterable[Optional[Month]]) -> tuple[dict[Month, int], int]:
    """Cards per month, and the number of undated cards (``None``), of ``months``."""
    counts: dict[Month, int] = {}
    undated = 0
    for month in months:
        if month is None:
            undated += 1
        else:
            counts[month] = counts.get(month, 0) + 1
    return counts, undated

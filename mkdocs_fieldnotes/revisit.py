"""How old each card is, and which cards to reread: plain data, and no clock.

A card's age counts from its ``Revisited:`` date, else from its date commented, to the
build's reference date, which the caller passes in (``AgeRules.today``): the plugin computes
it once per build with ``reference_day``, from ``SOURCE_DATE_EPOCH`` when it is set, else
from the clock. Nothing here reads the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Callable, Literal, Optional

from mkdocs.exceptions import PluginError

from .frontmatter import status_key
from .i18n import Unit
from .model import Card, Entry, Precision
from .report import quote

State = Literal["fresh", "aging", "stale", "exempt"]
"""``fresh``, ``aging`` and ``stale`` by age; ``exempt`` for the cards of an entry whose status
keeps it from ageing (``evergreen``, ``archived``)."""


EPOCH_EXAMPLE = 1767225600
"""A value of ``SOURCE_DATE_EPOCH`` that messages suggest (2026-01-01 00:00 UTC)."""


@dataclasses.dataclass(frozen=True)
class AgeRules:
    """When a card is aging or stale, and the date ages count to."""

    today: Optional[dt.date] = None
    """The reference date of the build; ``None``: ages are not computed."""
    aging_months: int = 6
    """Whole months from which a card is aging (``revisit_aging_months``)."""
    stale_months: int = 12
    """Whole months from which a card is stale (``revisit_stale_months``)."""
    exempt: tuple[str, ...] = ("evergreen", "archived")
    """Statuses (as ``frontmatter.status_key`` writes them) whose cards never age."""
    shown: bool = True
    """Whether cards and listed items show their age (``revisit_ages``)."""

    @classmethod
    def from_config(cls, config: Any, today: Optional[dt.date]) -> AgeRules:
        """The rules of the plugin's options, with the build's reference date."""
        return cls(
            today=today,
            aging_months=config.revisit_aging_months,
            stale_months=config.revisit_stale_months,
            exempt=tuple(status_key(s) for s in config.revisit_exempt_statuses),
            shown=config.revisit_ages,
        )


@dataclasses.dataclass(frozen=True)
class Age:
    """How old a card is on the reference date."""

    since: dt.date
    """The date the age counts from: the revisit, else the date commented."""
    precision: Precision
    """``day``, or ``month`` for a date written as a month."""
    revisited: bool
    """Whether ``since`` is the ``Revisited:`` date."""
    months: int
    """Whole months from ``since`` to the reference date (negative when ``since`` is later)."""
    days: int
    """Days from ``since`` to the reference date (negative when ``since`` is later)."""
    state: State

    @property
    def since_iso(self) -> str:
        """``since`` as ISO 8601 at its precision."""
        text = self.since.isoformat()
        return text[:7] if self.precision == "month" else text

    @property
    def amount(self) -> tuple[int, Unit]:
        """What the wording says: ``(3, "month")`` for "3 months ago", ``(-2, "day")`` for
        "in 2 days", ``(0, "day")`` for "today" and ``(0, "month")`` for "this month" (a
        date written as a month). Whole years from 12 months, weeks from 7 days."""
        sign = -1 if self.days < 0 else 1
        months, days = abs(self.months), abs(self.days)
        if months >= 12:
            return sign * (months // 12), "year"
        if months >= 1 or self.precision == "month":
            return sign * months, "month"
        if days >= 7:
            return sign * (days // 7), "week"
        return sign * days, "day"


def status_of(card: Card, entry: Entry) -> Optional[str]:
    """The status that decides whether ``card`` can go stale: its own (a card block's
    ``status`` option), else its entry's."""
    return card.status or entry.status


def months_between(start: dt.date, end: dt.date, precision: Precision = "day") -> int:
    """Whole calendar months from ``start`` to ``end`` (``start`` ≤ ``end``); a date written
    as a month counts by months alone."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if precision == "day" and end.day < start.day:
        months -= 1
    return months


def _later(
    first: tuple[dt.date, Precision], second: tuple[dt.date, Precision]
) -> tuple[dt.date, Precision]:
    """The later of two dates, compared at the coarser precision (``first`` on a tie)."""
    if "month" in (first[1], second[1]):
        later = (second[0].year, second[0].month) > (first[0].year, first[0].month)
        return second if later else first
    return second if second[0] > first[0] else first


def age_of(card: Card, entry: Entry, rules: AgeRules) -> Optional[Age]:
    """The age of ``card`` on ``rules.today``; ``None`` for an undated card, or without a
    reference date."""
    today = rules.today
    if today is None:
        return None
    dates: list[tuple[dt.date, Precision]] = []
    if card.date_commented is not None:
        dates.append((card.date_commented, card.date_precision))
    if card.revisited is not None:
        dates.append((card.revisited, card.revisited_precision))
    if not dates:
        return None
    since, precision = dates[0] if len(dates) == 1 else _later(*dates)
    revisited = card.revisited is not None and (since, precision) == (
        card.revisited,
        card.revisited_precision,
    )
    if since <= today:
        months = months_between(since, today, precision)
    else:
        months = -months_between(today, since, precision)
    status = status_of(card, entry)
    state: State
    if status is not None and status_key(status) in rules.exempt:
        state = "exempt"
    elif months >= rules.stale_months:
        state = "stale"
    elif months >= rules.aging_months:
        state = "aging"
    else:
        state = "fresh"
    return Age(since, precision, revisited, months, (today - since).days, state)


def reference_day(epoch: Optional[str], now: dt.datetime) -> dt.date:
    """The build's reference date: the UTC day of ``SOURCE_DATE_EPOCH`` (``epoch``, whole
    seconds since 1970-01-01 UTC, the reproducible-builds convention) when it is set, else
    the UTC day of ``now``. A value that is not such a number stops the build."""
    if epoch is None or not epoch.strip():
        return now.astimezone(dt.timezone.utc).date()
    try:
        seconds = int(epoch.strip())
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise PluginError(
            f"fieldnotes: the environment variable SOURCE_DATE_EPOCH is {quote(epoch)}, which "
            "is not a whole number of seconds since 1970-01-01 UTC; the plugin reads it as the "
            f"date cards' ages count to. Set it to such a number (e.g. {EPOCH_EXAMPLE} for "
            "2026-01-01), or unset it to use today's date."
        ) from None


# -- the Revisit page -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RevisitItem:
    """A stale card, with its entry and age."""

    card: Card
    entry: Entry
    age: Age


@dataclasses.dataclass
class RevisitGroup:
    """The stale cards listed under one tag or one entry."""

    label: str
    """The tag's name, the entry's title, or empty for the cards of untagged entries."""
    src_uri: Optional[str]
    """The page the group's heading links to (the tag's page, the entry), if any."""
    items: list[RevisitItem] = dataclasses.field(default_factory=list)
    total: int = 0
    """Stale cards of the group, listed or not (see ``revisit_limit``)."""


def stale_items(entries: Iterable[Entry], rules: AgeRules) -> list[RevisitItem]:
    """Every stale card of ``entries``, oldest first (then by entry path and card line)."""
    items = []
    for entry in entries:
        for card in entry.cards:
            age = age_of(card, entry, rules)
            if age is not None and age.state == "stale":
                items.append(RevisitItem(card, entry, age))
    items.sort(key=lambda i: (i.age.since, i.entry.src_uri, i.card.line))
    return items


GroupKey = Callable[[Entry], tuple[str, str, Optional[str]]]
"""An entry's group: ``(sort key, label, src_uri of the heading's link)``; an empty sort key
puts the group last."""


def group_items(
    items: Sequence[RevisitItem], limit: int, group_of: GroupKey
) -> tuple[list[RevisitGroup], int]:
    """The first ``limit`` of ``items`` grouped by ``group_of`` (groups by their sort key,
    the empty one last; items oldest first), and how many items were left out."""
    groups: dict[str, RevisitGroup] = {}
    for number, item in enumerate(items):
        key, label, src_uri = group_of(item.entry)
        group = groups.get(key)
        if group is None:
            group = groups[key] = RevisitGroup(label, src_uri)
        group.total += 1
        if number < limit:
            group.items.append(item)
    ordered = sorted((k for k, g in groups.items() if g.items and k))
    ordered += [k for k, g in groups.items() if g.items and not k]
    return [groups[k] for k in ordered], max(0, len(items) - limit)

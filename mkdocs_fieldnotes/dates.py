"""Reading the dates authors write, and formatting dates for the page language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Optional

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names, match_skeleton, parse_pattern

from .model import Precision
from .report import quote

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](?P<time>[\d:.]+)(?P<zone> ?[^\d\s].*)?)?$")
# A time of day as YAML timestamps write it: 21:59, 21:59:43, 21:59:43.10; then an optional
# zone: Z, +01, -5, +05:30, +0530.
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_ZONE = re.compile(r"^ ?(?:Z|[+-](\d{1,2})(?::?(\d{2}))?)$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^([^\W\d_]+)\.?,?\s+(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")

_ENGLISH = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


class DateError(ValueError):
    """A date that cannot be read; the message says why."""


def month_names(locale: str) -> dict[str, int]:
    """Month names (English plus ``locale``'s wide and abbreviated forms) → month number.

    Asking Babel takes about 70 µs: a build computes the table once (``CardOptions.months``)
    and passes it to the functions below, which otherwise compute it on each call.
    """
    names = dict(_ENGLISH)
    try:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.casefold().rstrip("."), number)
    except (UnknownLocaleError, ValueError):
        pass
    return names


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise DateError(f"{quote(text)} is not a real date ({error})") from None


def parse_when(
    text: str, locale: str = "en", months: Optional[Mapping[str, int]] = None
) -> tuple[dt.date, Precision]:
    """Read a date as authors write it, or a month alone, with its precision.

    Besides what :func:`parse_date` reads: ``2018-02``, ``2018/02``, ``Feb 2018`` and
    ``February 2018`` (English month names and those of ``locale``) give the first of the
    month and ``"month"``. A year alone is refused: the timeline groups cards by month.
    """
    value = " ".join(text.strip().rstrip(".").split())
    if match := _YEAR_MONTH.match(value):
        return _make(int(match.group(1)), int(match.group(2)), 1, value), "month"
    if match := _MONTH_YEAR.match(value):
        names = months if months is not None else month_names(locale)
        number = names.get(match.group(1).casefold().rstrip("."))
        if number is None:
            raise DateError(f"{quote(match.group(1))} in {quote(value)} is not a month name")
        return _make(int(match.group(2)), number, 1, value), "month"
    if _YEAR.match(value):
        raise DateError(
            f"{quote(value)} is a year alone, and the timeline sorts cards by month; write at "
            "least the month (2018-02 or Feb 2018)"
        )
    return parse_date(value, locale, months), "day"


def _check_time(time: Optional[str], zone: Optional[str], value: str) -> None:
    """Refuse a time of day or a zone that does not exist (``T25:99``, ``+27:00``)."""
    if time is None:
        if zone is not None:
            raise DateError(f"{quote(value)} is not a date this plugin can read")
        return
    clock = _TIME.match(time)
    offset = _ZONE.match(zone) if zone is not None else None
    if clock is None or (zone is not None and offset is None):
        raise DateError(f"{quote(value)} is not a date this plugin can read")
    hour, minute, second = clock.group(1), clock.group(2), clock.group(3) or "0"
    if int(hour) > 23 or int(minute) > 59 or int(second) > 59:
        raise DateError(f"{quote(value)} has a time of day that does not exist ({time})")
    if offset is not None and (int(offset.group(1) or 0) > 23 or int(offset.group(2) or 0) > 59):
        raise DateError(f"{quote(value)} has a time zone that does not exist ({offset.group(0)})")


def parse_date(
    text: str, locale: str = "en", months: Optional[Mapping[str, int]] = None
) -> dt.date:
    """Read a date as authors write it.

    Accepted: ``2025-12-14`` (optionally with a time), ``2025/12/14``, ``14 Dec 2025``,
    ``14 December 2025``, ``Dec 14, 2025``, ``December 14, 2025`` (English month names and
    those of ``locale``), and day/month/year numbers when only one reading is possible.
    Raises :class:`DateError` otherwise, including for ambiguous dates like ``03/04/2025``.
    """
    value = " ".join(text.strip().rstrip(".").split())
    if not value:
        raise DateError("the date is empty")
    if match := _ISO.match(value):
        _check_time(match.group("time"), match.group("zone"), value)
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)), value)
    if match := _YMD_SLASH.match(value):
        year, month, day = (int(g) for g in match.groups())
        return _make(year, month, day, value)
    if match := _NUMERIC.match(value):
        first, second, year = (int(g) for g in match.groups())
        if first > 12 >= second:
            return _make(year, second, first, value)
        if second > 12 >= first:
            return _make(year, first, second, value)
        if first == second:
            return _make(year, first, second, value)
        if first <= 12 and second <= 12:
            raise DateError(f"{quote(value)} is ambiguous (day/month or month/day?)")
        raise DateError(f"{quote(value)} is not a real date")
    names = months if months is not None else month_names(locale)
    for pattern, day_group, month_group in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1)):
        if match := pattern.match(value):
            number = names.get(match.group(month_group).casefold().rstrip("."))
            if number is None:
                raise DateError(
                    f"{quote(match.group(month_group))} in {quote(value)} is not a month name"
                )
            return _make(int(match.group(3)), number, int(match.group(day_group)), value)
    raise DateError(f"{quote(value)} is not a date this plugin can read")


def coerce_date(
    value: object, locale: str = "en", months: Optional[Mapping[str, int]] = None
) -> dt.date:
    """A front-matter value as a date; raises :class:`DateError`.

    Accepts YAML dates and datetimes, strings :func:`parse_date` reads, and Material's blog
    form ``date: {created: ..., updated: ...}`` (its ``created`` date).
    """
    if isinstance(value, dict) and "created" in value:
        value = value["created"]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value, locale, months)
    raise DateError(f"expected a date, got {describe(value)}")


def describe(value: object) -> str:
    """How a YAML value is named in messages ("a number (3)", "a list", ...); a number of
    more than 24 characters is cut with "…"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        digits = str(value)
        return f"a number ({digits if len(digits) <= 24 else digits[:20] + '…'})"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"a date ({value.isoformat()})"
    return f"a {type(value).__name__}"


def is_known_locale(name: str) -> bool:
    """Whether Babel has data for ``name`` (``fr``, ``pt-BR``, ``pt_BR``...)."""
    try:
        Locale.parse(str(name).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def normalize_locale(name: Optional[str]) -> str:
    """A Babel locale identifier for ``name`` (``en`` when unknown or empty)."""
    if not name:
        return "en"
    try:
        return str(Locale.parse(str(name).replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"


class DateFormatter:
    """Formats dates in the words of ``locale``; the locale and patterns are read once.

    ``fmt`` is ``short``, ``medium``, ``long``, ``full`` or a CLDR pattern. Babel's
    ``format_date`` would look the locale and the pattern up again for each date (about
    twice the time on a site's tens of thousands of dates).
    """

    def __init__(self, locale: str = "en", fmt: str = "medium") -> None:
        self.locale = Locale.parse(locale)
        if fmt in ("short", "medium", "long", "full"):
            self._day = parse_pattern(get_date_format(fmt, self.locale))  # type: ignore[arg-type]
        else:
            self._day = parse_pattern(fmt)
        skeletons = self.locale.datetime_skeletons
        self._month = parse_pattern(skeletons[match_skeleton("yMMM", skeletons)])
        self._heading = parse_pattern("LLLL y")

    def date(self, value: dt.date, precision: Precision = "day") -> str:
        """``value`` at its precision: the day format, or ``Feb 2018`` for a month."""
        pattern = self._month if precision == "month" else self._day
        return str(pattern.apply(value, self.locale))

    def month(self, year: int, month: int) -> str:
        """Stand-alone month name with year, e.g. ``December 2025`` or ``décembre 2025``."""
        text = str(self._heading.apply(dt.date(year, month, 1), self.locale))
        return text[:1].upper() + text[1:]


def format_date(value: dt.date, locale: str = "en", fmt: str = "medium") -> str:
    """``value`` in the words of ``locale`` (see :class:`DateFormatter`)."""
    return DateFormatter(locale, fmt).date(value)


def format_month(year: int, month: int, locale: str = "en") -> str:
    """Stand-alone month name with year, e.g. ``December 2025`` or ``décembre 2025``."""
    return DateFormatter(locale).month(year, month)

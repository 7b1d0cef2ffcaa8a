"""Reading the dates authors write and formatting dates for the page language."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_fieldnotes.dates import (
    DateError,
    coerce_date,
    describe,
    format_date,
    format_month,
    month_names,
    normalize_locale,
    parse_date,
)

DEC_14 = dt.date(2025, 12, 14)


@pytest.mark.parametrize(
    "text",
    [
        "2025-12-14",
        "2025-12-14T10:30:00",
        "2025-12-14T10:30:00Z",
        "2025-12-14T10:30:00+02:00",
        "2025-12-14 10:30",
        "2025/12/14",
        "2025.12.14",
        "14 Dec 2025",
        "14 dec 2025",
        "14 DEC 2025",
        "14 Dec. 2025",
        "14 December 2025",
        "14 Dec, 2025",
        "14th Dec 2025",
        "14th December 2025",
        "Dec 14, 2025",
        "Dec 14 2025",
        "Dec. 14, 2025",
        "December 14, 2025",
        "December 14th, 2025",
        "14/12/2025",
        "12/14/2025",
        "14.12.2025",
        "14-12-2025",
        "12-14-2025",
        "  14   Dec   2025  ",
        "14 Dec 2025.",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == DEC_14


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1st Jan 2025", dt.date(2025, 1, 1)),
        ("2nd Feb 2025", dt.date(2025, 2, 2)),
        ("3rd Mar 2025", dt.date(2025, 3, 3)),
        ("4th Apr 2025", dt.date(2025, 4, 4)),
        ("Dec 1st, 2025", dt.date(2025, 12, 1)),
        ("Sept 3, 2025", dt.date(2025, 9, 3)),
        ("Sep 3, 2025", dt.date(2025, 9, 3)),
        ("May 5, 2025", dt.date(2025, 5, 5)),
        ("2025-1-5", dt.date(2025, 1, 5)),
        ("4/4/2025", dt.date(2025, 4, 4)),
        ("29 Feb 2024", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date_more(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("fr", "14 déc. 2025", DEC_14),
        ("fr", "14 déc 2025", DEC_14),
        ("fr", "14 décembre 2025", DEC_14),
        ("fr", "14 Décembre 2025", DEC_14),
        ("fr", "14 févr. 2025", dt.date(2025, 2, 14)),
        ("fr", "14 juil. 2025", dt.date(2025, 7, 14)),
        ("fr", "14 juin 2025", dt.date(2025, 6, 14)),
        ("fr", "14 mai 2025", dt.date(2025, 5, 14)),
        ("fr_FR", "14 décembre 2025", DEC_14),
        ("fr", "14 Dec 2025", DEC_14),  # English names always work
        ("de", "14. Dezember 2025", DEC_14),
        ("de", "14. Dez. 2025", DEC_14),
        ("de", "5. März 2025", dt.date(2025, 3, 5)),
        ("de", "5 Mai 2025", dt.date(2025, 5, 5)),
        ("es", "14 diciembre 2025", DEC_14),
        ("ru", "14 декабря 2025", DEC_14),
        ("unknown", "14 Dec 2025", DEC_14),
    ],
)
def test_parse_date_locale_month_names(locale: str, text: str, expected: dt.date) -> None:
    assert parse_date(text, locale) == expected


@pytest.mark.parametrize(
    ("text", "locale", "message"),
    [
        ("", "en", "the date is empty"),
        ("   ", "en", "the date is empty"),
        ("yesterday", "en", "'yesterday' is not a date this plugin can read"),
        ("2025", "en", "'2025' is not a date this plugin can read"),
        ("14 Dec", "en", "'14 Dec' is not a date this plugin can read"),
        ("2025-02-31", "en", "'2025-02-31' is not a real date (day is out of range for month)"),
        ("2025-13-01", "en", "'2025-13-01' is not a real date (month must be in 1..12)"),
        ("2025-00-10", "en", "'2025-00-10' is not a real date (month must be in 1..12)"),
        ("31 Apr 2025", "en", "'31 Apr 2025' is not a real date (day is out of range for month)"),
        ("29 Feb 2025", "en", "'29 Feb 2025' is not a real date (day is out of range for month)"),
        ("03/04/2025", "en", "'03/04/2025' is ambiguous (day/month or month/day?)"),
        ("1.2.2025", "en", "'1.2.2025' is ambiguous (day/month or month/day?)"),
        ("14/15/2025", "en", "'14/15/2025' is not a real date"),
        ("13/13/2025", "en", "'13/13/2025' is not a real date (month must be in 1..12)"),
        ("14 Foo 2025", "en", "'Foo' in '14 Foo 2025' is not a month name"),
        ("Foo 14, 2025", "en", "'Foo' in 'Foo 14, 2025' is not a month name"),
        ("14 décembre 2025", "en", "'décembre' in '14 décembre 2025' is not a month name"),
        (
            "14 Dec 2025 (updated)",
            "en",
            "'14 Dec 2025 (updated)' is not a date this plugin can read",
        ),
    ],
)
def test_parse_date_errors(text: str, locale: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, locale)
    assert str(caught.value) == message


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_month_names_include_english_and_locale() -> None:
    names = month_names("fr")
    assert names["december"] == 12
    assert names["dec"] == 12
    assert names["décembre"] == 12
    assert names["déc"] == 12
    assert names["janvier"] == 1
    assert "décembre" not in month_names("en")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DEC_14, DEC_14),
        (dt.datetime(2025, 12, 14, 23, 59), DEC_14),
        ("2025-12-14", DEC_14),
        ("14 Dec 2025", DEC_14),
    ],
)
def test_coerce_date(value: object, expected: dt.date) -> None:
    result = coerce_date(value)
    assert result == expected
    assert type(result) is dt.date


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (20251214, "expected a date, got a number (20251214)"),
        (None, "expected a date, got nothing"),
        (True, "expected a date, got a boolean (true)"),
        ([2025], "expected a date, got a list"),
        ({"y": 2025}, "expected a date, got a mapping"),
    ],
)
def test_coerce_date_errors(value: object, message: str) -> None:
    with pytest.raises(DateError) as caught:
        coerce_date(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "nothing"),
        (True, "a boolean (true)"),
        (False, "a boolean (false)"),
        (3, "a number (3)"),
        (2.5, "a number (2.5)"),
        ("x", "a text"),
        ({}, "a mapping"),
        ([], "a list"),
        ((1,), "a list"),
        (DEC_14, "a date (2025-12-14)"),
        (dt.datetime(2025, 12, 14, 1, 2), "a date (2025-12-14T01:02:00)"),
    ],
)
def test_describe(value: object, text: str) -> None:
    assert describe(value) == text


@pytest.mark.parametrize(
    ("locale", "fmt", "text"),
    [
        ("en", "medium", "Dec 14, 2025"),
        ("en", "long", "December 14, 2025"),
        ("en", "short", "12/14/25"),
        ("en", "full", "Sunday, December 14, 2025"),
        ("en_GB", "medium", "14 Dec 2025"),
        ("fr", "medium", "14 déc. 2025"),
        ("fr", "long", "14 décembre 2025"),
        ("fr", "full", "dimanche 14 décembre 2025"),
        ("de", "medium", "14.12.2025"),
        ("de", "long", "14. Dezember 2025"),
        ("en", "yyyy/MM/dd", "2025/12/14"),
    ],
)
def test_format_date(locale: str, fmt: str, text: str) -> None:
    assert format_date(DEC_14, locale, fmt) == text


def test_format_date_default_is_english_medium() -> None:
    assert format_date(DEC_14) == "Dec 14, 2025"


@pytest.mark.parametrize(
    ("locale", "year", "month", "text"),
    [
        ("en", 2025, 12, "December 2025"),
        ("fr", 2025, 12, "Décembre 2025"),
        ("fr", 2025, 3, "Mars 2025"),
        ("de", 2025, 3, "März 2025"),
        ("es", 2025, 1, "Enero 2025"),
    ],
)
def test_format_month(locale: str, year: int, month: int, text: str) -> None:
    assert format_month(year, month, locale) == text


@pytest.mark.parametrize(
    ("name", "locale"),
    [
        (None, "en"),
        ("", "en"),
        ("en", "en"),
        ("EN", "en"),
        ("fr", "fr"),
        ("fr-FR", "fr_FR"),
        ("fr_FR", "fr_FR"),
        ("pt-BR", "pt_BR"),
        ("en-US", "en_US"),
        ("de_DE", "de_DE"),
        ("zz", "en"),
        ("not a locale", "en"),
    ],
)
def test_normalize_locale(name: object, locale: str) -> None:
    assert normalize_locale(name) == locale  # type: ignore[arg-type]


def test_parsed_dates_round_trip_through_iso() -> None:
    for month in range(1, 13):
        day = dt.date(2025, month, 28)
        assert parse_date(day.isoformat()) == day
        assert parse_date(day.strftime("%d %B %Y")) == day
        assert parse_date(day.strftime("%b %d, %Y")) == day


def test_material_blog_date_mapping_uses_created() -> None:
    # Material's blog plugin documents `date: {created: ..., updated: ...}`.
    from mkdocs_fieldnotes.dates import coerce_date

    assert coerce_date({"created": dt.date(2025, 11, 2), "updated": dt.date(2025, 12, 1)}) == (
        dt.date(2025, 11, 2)
    )
    assert coerce_date({"created": "2025-11-02"}) == dt.date(2025, 11, 2)


@pytest.mark.parametrize(
    "text",
    [
        "2025-12-14T23:59",
        "2025-12-14 00:00:00",
        "2025-12-14T23:59:59.999",
        "2025-12-14T10:30Z",
        "2025-12-14T10:30:00+05:30",
        "2025-12-14T10:30:00-0500",
        "2025-12-14 21:59:43.10 -5",
    ],
)
def test_parse_date_with_a_real_time(text: str) -> None:
    assert parse_date(text) == DEC_14


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-12-14T25:99", "'2025-12-14T25:99' has a time of day that does not exist (25:99)"),
        ("2025-12-14T24:00", "'2025-12-14T24:00' has a time of day that does not exist (24:00)"),
        (
            "2025-12-14T10:30:60",
            "'2025-12-14T10:30:60' has a time of day that does not exist (10:30:60)",
        ),
        (
            "2025-12-14T10:30+24:00",
            "'2025-12-14T10:30+24:00' has a time zone that does not exist (+24:00)",
        ),
        ("2025-12-14T1:2", "'2025-12-14T1:2' is not a date this plugin can read"),
        ("2025-12-14T10:30 soon", "'2025-12-14T10:30 soon' is not a date this plugin can read"),
        ("2025-12-14T::", "'2025-12-14T::' is not a date this plugin can read"),
        ("2025-12-14\u202e", "'2025-12-14\\u202e' is not a date this plugin can read"),
    ],
)
def test_parse_date_refuses_times_that_do_not_exist(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message

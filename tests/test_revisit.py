"""The age of cards, ``Revisited:`` lines, threads, and the Revisit and Open threads pages as
plain data: the parser, ``revisit.py``, ``threads.py``, the plan, the export (no build)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any, Optional

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from mkdocs_fieldnotes import export
from mkdocs_fieldnotes.cards import CardOptions, CardParser, Labels
from mkdocs_fieldnotes.config import FieldnotesConfig
from mkdocs_fieldnotes.i18n import ago, words
from mkdocs_fieldnotes.model import Card, Entry, Problem, Thread
from mkdocs_fieldnotes.plan import Listing, PageOptions, plan_site
from mkdocs_fieldnotes.revisit import (
    Age,
    AgeRules,
    age_of,
    months_between,
    reference_day,
    stale_items,
)
from mkdocs_fieldnotes.threads import chunk_groups, split_threads, thread_groups, thread_parts
from mkdocs_fieldnotes.validate import check_config

D = dt.date
PATH = "notes/entry.md"
TODAY = D(2026, 1, 15)
RULES = AgeRules(today=TODAY)
SCHEMES = ("http", "https")
FUTURE = "Possible links I may attach in the future"
DATE_HINT = "Write the date as YYYY-MM-DD (2025-12-14), 14 Dec 2025, or a month: 2025-12."


def parse(body: str, **options: Any) -> tuple[tuple[Card, ...], list[str]]:
    problems: list[Problem] = []
    cards = CardParser(CardOptions(**options)).parse(body, PATH, 1, problems)
    return cards, [str(p) for p in problems]


def one(body: str, **options: Any) -> tuple[Card, list[str]]:
    cards, messages = parse(body, **options)
    assert len(cards) == 1, cards
    return cards[0], messages


def card(
    title: str = "T",
    commented: Optional[dt.date] = None,
    revisited: Optional[dt.date] = None,
    precision: str = "day",
    revisited_precision: str = "day",
    line: int = 1,
    future: Optional[str] = None,
) -> Card:
    return Card(
        id=title.lower().replace(" ", "-"),
        heading=title,
        title=title,
        source=None,
        topic=None,
        link=None,
        link_text=None,
        date_commented=commented,
        date_text=None,
        future=future,
        future_label=FUTURE if future else None,
        commentary="",
        line=line,
        date_precision=precision,  # type: ignore[arg-type]
        revisited=revisited,
        revisited_precision=revisited_precision,  # type: ignore[arg-type]
        threads=split_threads(future, SCHEMES) if future else (),
    )


# -- the reference date ----------------------------------------------------------------------

NOW = dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def test_reference_day_is_the_utc_day_of_now_without_source_date_epoch() -> None:
    assert reference_day(None, NOW) == D(2026, 3, 5)  # 04:30 UTC the next day
    assert reference_day("  ", NOW) == D(2026, 3, 5)


@pytest.mark.parametrize(
    ("epoch", "day"),
    [
        ("1768435200", D(2026, 1, 15)),
        ("1768521599", D(2026, 1, 15)),  # the last second of that day, UTC
        (" 0 ", D(1970, 1, 1)),
        ("-86400", D(1969, 12, 31)),
    ],
)
def test_reference_day_reads_source_date_epoch(epoch: str, day: dt.date) -> None:
    assert reference_day(epoch, NOW) == day


@pytest.mark.parametrize(
    ("epoch", "shown"),
    [("yesterday", "'yesterday'"), ("1.5e9", "'1.5e9'"), ("9" * 30, "'" + "9" * 30 + "'")],
)
def test_a_malformed_source_date_epoch_stops_the_build(epoch: str, shown: str) -> None:
    with pytest.raises(PluginError) as raised:
        reference_day(epoch, NOW)
    assert str(raised.value) == (
        f"fieldnotes: the environment variable SOURCE_DATE_EPOCH is {shown}, which is not a "
        "whole number of seconds since 1970-01-01 UTC; the plugin reads it as the date cards' "
        "ages count to. Set it to such a number (e.g. 1767225600 for 2026-01-01), or unset it "
        "to use today's date."
    )


# -- ages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "months"),
    [
        (D(2025, 7, 15), D(2026, 1, 15), "day", 6),
        (D(2025, 7, 16), D(2026, 1, 15), "day", 5),
        (D(2025, 1, 31), D(2025, 2, 28), "day", 0),
        (D(2025, 7, 1), D(2026, 1, 15), "month", 6),
        (D(2026, 1, 1), D(2026, 1, 15), "month", 0),
        (D(2026, 1, 15), D(2026, 1, 15), "day", 0),
    ],
)
def test_months_between(start: dt.date, end: dt.date, precision: str, months: int) -> None:
    assert months_between(start, end, precision) == months  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("commented", "state", "months"),
    [
        (D(2025, 7, 16), "fresh", 5),
        (D(2025, 7, 15), "aging", 6),  # exactly revisit_aging_months
        (D(2025, 1, 16), "aging", 11),
        (D(2025, 1, 15), "stale", 12),  # exactly revisit_stale_months
        (D(2020, 1, 1), "stale", 72),
        (D(2026, 3, 1), "fresh", -1),  # a date after the reference date
    ],
)
def test_state_by_age(commented: dt.date, state: str, months: int) -> None:
    age = age_of(card(commented=commented), Entry(PATH), RULES)
    assert age is not None
    assert (age.state, age.months, age.since, age.revisited) == (state, months, commented, False)


def test_thresholds_come_from_the_rules() -> None:
    rules = AgeRules(today=TODAY, aging_months=1, stale_months=2)
    ages = [age_of(card(commented=D(2025, m, 20)), Entry(PATH), rules) for m in (12, 11, 10)]
    assert [a.state for a in ages if a] == ["fresh", "aging", "stale"]


def test_the_revisit_date_resets_the_age() -> None:
    age = age_of(card(commented=D(2020, 1, 1), revisited=D(2025, 12, 1)), Entry(PATH), RULES)
    assert age == Age(D(2025, 12, 1), "day", True, 1, 45, "fresh")
    alone = age_of(card(revisited=D(2024, 1, 1)), Entry(PATH), RULES)
    assert alone is not None and (alone.revisited, alone.state) == (True, "stale")


def test_a_revisit_before_the_date_commented_does_not_count() -> None:
    age = age_of(card(commented=D(2025, 12, 1), revisited=D(2020, 1, 1)), Entry(PATH), RULES)
    assert age is not None
    assert (age.since, age.revisited, age.state) == (D(2025, 12, 1), False, "fresh")


def test_a_revisit_in_the_month_commented_counts_at_month_precision() -> None:
    # Revisited: 2025-12 (a month) after Date commented: 2025-12-20: the same month, so the
    # date commented stays; a later month wins.
    same = card(commented=D(2025, 12, 20), revisited=D(2025, 12, 1), revisited_precision="month")
    later = card(commented=D(2025, 11, 20), revisited=D(2025, 12, 1), revisited_precision="month")
    first, second = (age_of(c, Entry(PATH), RULES) for c in (same, later))
    assert first is not None and (first.since, first.revisited) == (D(2025, 12, 20), False)
    assert second is not None and (second.since, second.precision) == (D(2025, 12, 1), "month")
    assert second.since_iso == "2025-12"


def test_undated_cards_and_builds_without_a_date_have_no_age() -> None:
    assert age_of(card(), Entry(PATH), RULES) is None
    assert age_of(card(commented=D(2020, 1, 1)), Entry(PATH), AgeRules()) is None


@pytest.mark.parametrize("status", ["evergreen", "Evergreen", "archived", "ARCHIVED"])
def test_exempt_statuses_never_age(status: str) -> None:
    age = age_of(card(commented=D(2010, 1, 1)), Entry(PATH, status=status), RULES)
    assert age is not None and age.state == "exempt"
    assert age.months == 192  # the age is still known and shown


def test_exempt_statuses_come_from_the_rules() -> None:
    rules = AgeRules(today=TODAY, exempt=("reference",))
    old = card(commented=D(2010, 1, 1))
    assert age_of(old, Entry(PATH, status="evergreen"), rules).state == "stale"  # type: ignore[union-attr]
    assert age_of(old, Entry(PATH, status="reference"), rules).state == "exempt"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("since", "precision", "amount"),
    [
        (D(2026, 1, 15), "day", (0, "day")),
        (D(2026, 1, 14), "day", (1, "day")),
        (D(2026, 1, 9), "day", (6, "day")),
        (D(2026, 1, 8), "day", (1, "week")),
        (D(2025, 12, 16), "day", (4, "week")),
        (D(2025, 12, 15), "day", (1, "month")),
        (D(2025, 2, 16), "day", (10, "month")),
        (D(2025, 1, 16), "day", (11, "month")),
        (D(2025, 1, 15), "day", (1, "year")),
        (D(2023, 1, 16), "day", (2, "year")),
        (D(2026, 1, 1), "month", (0, "month")),
        (D(2025, 12, 1), "month", (1, "month")),
        (D(2026, 1, 17), "day", (-2, "day")),
        (D(2026, 4, 20), "day", (-3, "month")),
    ],
)
def test_amount_of_the_wording(since: dt.date, precision: str, amount: tuple[int, str]) -> None:
    commented = card(commented=since, precision=precision)
    age = age_of(commented, Entry(PATH), RULES)
    assert age is not None and age.amount == amount


@pytest.mark.parametrize(
    ("count", "unit", "english", "french"),
    [
        (0, "day", "today", "aujourd'hui"),
        (0, "month", "this month", "ce mois-ci"),
        (1, "day", "1 day ago", "il y a 1 jour"),
        (3, "week", "3 weeks ago", "il y a 3 semaines"),
        (11, "month", "11 months ago", "il y a 11 mois"),
        (1, "year", "1 year ago", "il y a 1 an"),
        (3, "year", "3 years ago", "il y a 3 ans"),
        (-2, "day", "in 2 days", "dans 2 jours"),
    ],
)
def test_relative_wording_in_english_and_french(
    count: int, unit: Any, english: str, french: str
) -> None:
    assert ago(count, unit, "en") == english
    assert ago(count, unit, "fr") == french


# -- the parser -------------------------------------------------------------------------------


def test_revisited_line_is_read_and_is_a_data_line() -> None:
    body = (
        "### T\nLink: https://example.org/a\n\nDate commented: 2024-03-02\n\n"
        "**Revisited:** 14 Dec 2025\n\nText.\n"
    )
    found, messages = one(body)
    assert messages == []
    assert (found.revisited, found.revisited_precision) == (D(2025, 12, 14), "day")
    assert found.revisited_text == "14 Dec 2025"
    assert found.revisited_iso == "2025-12-14"
    assert found.data_lines == (2, 4, 6)
    assert found.commentary == "Text."


def test_revisited_month_and_custom_labels() -> None:
    labels = Labels(revisit=("Relu le", "Reread"))
    found, messages = one(
        "### T\nDate commented: 2024-03-02\nrelu LE: févr. 2025\n", locale="fr", labels=labels
    )
    assert messages == []
    assert (found.revisited, found.revisited_precision, found.revisited_iso) == (
        D(2025, 2, 1),
        "month",
        "2025-02",
    )


def test_a_revisited_line_alone_makes_a_card_section() -> None:
    found, messages = one("### T\nRevisited: 2025-01-02\n")
    assert messages == []
    assert (found.date_commented, found.revisited) == (None, D(2025, 1, 2))


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("31 Feb 2025", "'31 Feb 2025' is not a real date (day is out of range for month)"),
        ("soon", "'soon' is not a date this plugin can read"),
        (
            "2025",
            "'2025' is a year alone, and the timeline sorts cards by month; write at least the "
            "month (2018-02 or Feb 2018)",
        ),
    ],
)
def test_an_unreadable_revisit_date_is_reported_with_its_line(value: str, error: str) -> None:
    found, messages = one(f"### T\nDate commented: 2024-03-02\n\nRevisited: {value}\n")
    assert found.revisited is None
    assert found.revisited_text == value
    assert found.data_lines == (2, 4)  # taken out of the page all the same
    assert messages == [
        f"{PATH}:4: card 'T': cannot read the revisit date: {error}; the revisit is left out. "
        f"{DATE_HINT}"
    ]


def test_a_revisit_before_the_date_commented_is_reported() -> None:
    found, messages = one("### T\nDate commented: 2025-05-02\nRevisited: 2024-01\n")
    assert found.revisited == D(2024, 1, 1)
    assert messages == [
        f"{PATH}:3: card 'T': the revisit date (2024-01) is before the date commented "
        "(2025-05-02); the card's age counts from the date commented. Correct the one that "
        "is wrong."
    ]


def test_a_second_revisited_line_stays_in_the_commentary() -> None:
    found, messages = one("### T\nRevisited: 2025-01-02\n\nRevisited: 2025-06-01\n")
    assert found.revisited == D(2025, 1, 2)
    assert found.commentary == "Revisited: 2025-06-01"
    assert messages == [
        f"{PATH}:4: card 'T' has a second Revisited: line; it is kept in the commentary. A card "
        "has one Revisited: line: move the other one into the text or into a card of its own."
    ]


def test_a_revisited_line_in_code_or_another_section_is_not_read() -> None:
    body = "### T\nDate commented: 2025-01-02\n\n```\nRevisited: 2020-01-01\n```\n\n## Other\nRevisited: 2020-01-01\n"
    found, messages = one(body)
    assert (found.revisited, messages) == (None, [])


# -- threads ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("future", "threads"),
    [
        (
            "the replication attempt that refit the Chinchilla\ndata; notes on inference-aware "
            "scaling; data-constrained scaling with repeated epochs.",
            [
                "the replication attempt that refit the Chinchilla data",
                "notes on inference-aware scaling",
                "data-constrained scaling with repeated epochs",
            ],
        ),
        ("one thing", ["one thing"]),
        ("a;b; c;", ["a;b", "c"]),  # only a semicolon followed by a space (or the end) cuts
        ("`x; y` and z; w", ["`x; y` and z", "w"]),
        ("DPO (and IPO; KTO); more", ["DPO (and IPO; KTO)", "more"]),
        ("[a; b](https://x.org/1); c", ["[a; b](https://x.org/1)", "c"]),
        ("<https://x.org/a;b>; c", ["<https://x.org/a;b>", "c"]),
        ("R&amp; D; x &#38; y; last", ["R&amp; D", "x &#38; y", "last"]),
        ("escaped\\; not a cut; cut", ["escaped\\; not a cut", "cut"]),
        ("et al..", ["et al.."]),
        ("- a; still a\n- b\n  continued\n1. c\n2) d", ["a; still a", "b continued", "c", "d"]),
        ("two papers:\n- A\n- B", ["A", "B"]),
        ("first; second\n- third", ["first", "second", "third"]),
        ("see:", ["see:"]),
        (" ; ;", []),
    ],
)
def test_split_threads(future: str, threads: list[str]) -> None:
    assert [t.markdown for t in split_threads(future, SCHEMES)] == threads


def test_thread_parts_keep_allowed_links_only() -> None:
    (thread,) = split_threads(
        'a [**paper**](https://arxiv.org/abs/1 "t"), <https://x.org/a>, www.example.com/z '
        "and [bad](javascript:alert(1)) [rel](../x.md) ![img](https://x.org/i.png) "
        "(https://y.org/p).",
        SCHEMES,
    )
    assert thread.parts == (
        ("a ", None),
        ("paper", "https://arxiv.org/abs/1"),
        (", ", None),
        ("https://x.org/a", "https://x.org/a"),
        (", ", None),
        ("www.example.com/z", "https://www.example.com/z"),
        (" and bad rel img (", None),
        ("https://y.org/p", "https://y.org/p"),
        (")", None),
    )
    assert thread.text == (
        "a paper, https://x.org/a, www.example.com/z and bad rel img (https://y.org/p)"
    )
    assert thread.links == (
        "https://arxiv.org/abs/1",
        "https://x.org/a",
        "https://www.example.com/z",
        "https://y.org/p",
    )


def test_thread_parts_follow_the_card_schemes() -> None:
    assert thread_parts("<doi:10.1/x>", ("https",)) == (("doi:10.1/x", None),)
    assert thread_parts("<doi:10.1/x>", ("https", "doi")) == (("doi:10.1/x", "doi:10.1/x"),)
    assert thread_parts("**bold** `code`", SCHEMES) == (("bold code", None),)


def test_cards_carry_their_threads() -> None:
    found, _ = one(
        f"### T\nDate commented: 2025-01-02\n\n**{FUTURE}:** a [paper](https://x.org/p); a talk.\n"
    )
    assert found.threads == (
        Thread("a [paper](https://x.org/p)", (("a ", None), ("paper", "https://x.org/p"))),
        Thread("a talk", (("a talk", None),)),
    )
    assert found.future_list is False


def test_a_list_after_an_empty_future_label_belongs_to_it() -> None:
    body = (
        f"### T\nDate commented: 2025-01-02\n\n**{FUTURE}:**\n\n- one\n- two\n\n"
        "    more of two\n\n- three\n\nAfter the list.\n"
    )
    found, messages = one(body)
    assert messages == []
    assert found.future == "- one\n- two\nmore of two\n- three"
    assert [t.markdown for t in found.threads] == ["one", "two more of two", "three"]
    assert found.future_list is True
    assert found.commentary == "After the list."


def test_a_list_after_a_label_with_text_stays_in_the_commentary() -> None:
    found, _ = one(f"### T\nDate commented: 2025-01-02\n\n{FUTURE}: later\n\n- one\n")
    assert [t.markdown for t in found.threads] == ["later"]
    assert (found.future_list, found.commentary) == (False, "one")


def test_a_list_inside_the_future_paragraph() -> None:
    found, _ = one(f"### T\nDate commented: 2025-01-02\n\n{FUTURE}: two:\n- one\n- two\n")
    assert found.future == "two:\n- one\n- two"
    assert [t.markdown for t in found.threads] == ["one", "two"]
    assert found.future_list is True


# -- options ----------------------------------------------------------------------------------


def checked(**options: Any) -> FieldnotesConfig:
    config = FieldnotesConfig()
    config.load_dict(options)
    errors, _ = config.validate()
    assert errors == []
    check_config(config, MkDocsConfig())
    return config


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"revisit_aging_months": 0},
            "fieldnotes: 'revisit_aging_months' must be at least 1, got 0.",
        ),
        (
            {"revisit_aging_months": 12},
            "fieldnotes: 'revisit_stale_months' (12) must be more than 'revisit_aging_months' "
            "(12): a card is aging before it is stale. Raise 'revisit_stale_months' or lower "
            "'revisit_aging_months'.",
        ),
        (
            {"revisit_stale_months": 3},
            "fieldnotes: 'revisit_stale_months' (3) must be more than 'revisit_aging_months' "
            "(6): a card is aging before it is stale. Raise 'revisit_stale_months' or lower "
            "'revisit_aging_months'.",
        ),
        (
            {"revisit_limit": 0},
            "fieldnotes: 'revisit_limit' must be at least 1, got 0. To generate no Revisit "
            "page, set 'revisit: false'.",
        ),
        (
            {"revisit_path": "tags"},
            "fieldnotes: 'tags_path' and 'revisit_path' are both 'tags'; each kind of page "
            "needs a folder of its own. Give one of them another folder.",
        ),
        (
            {"threads_path": "timeline/threads"},
            "fieldnotes: 'threads_path' 'timeline/threads' is inside 'timeline_path' "
            "'timeline', so the pages of one could take the place of the other's. Give each "
            "kind a folder outside the others, such as 'tags' and 'series'.",
        ),
        (
            {"revisit_path": "../up"},
            "fieldnotes: 'revisit_path' must be a folder inside docs_dir such as 'tags', got "
            "'../up'.",
        ),
        (
            {"export_path": "threads"},
            "fieldnotes: 'export_path' 'threads' is where 'threads_path' 'threads' needs a "
            "folder for the plugin's pages. Choose a file name outside it, such as "
            "'fieldnotes.json'.",
        ),
        (
            {"cards_revisit_labels": ["Link"]},
            "fieldnotes: 'cards_revisit_labels' item 1 'Link' is also in 'cards_link_labels'; "
            "a line can only be one kind of label. Keep it in one of the two.",
        ),
        (
            {"cards_revisit_labels": []},
            "fieldnotes: 'cards_revisit_labels' must list at least one label, such as "
            "['Revisited'].",
        ),
    ],
)
def test_bad_revisit_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(PluginError) as raised:
        checked(**options)
    assert str(raised.value) == message


def test_a_folder_of_a_page_turned_off_may_be_shared() -> None:
    config = checked(revisit=False, revisit_path="tags", threads_path=" /open/ ")
    assert config.threads_path == "open"


def test_page_options_from_config() -> None:
    config = checked(revisit_group_by="entry", revisit_limit=5, revisit_exempt_statuses=["Kept Up"])
    options = PageOptions.from_config(config, TODAY)
    assert (options.revisit, options.threads, options.revisit_group_by, options.revisit_limit) == (
        "revisit",
        "threads",
        "entry",
        5,
    )
    assert options.ages == AgeRules(TODAY, 6, 12, ("kept-up",))
    off = PageOptions.from_config(checked(revisit=False, threads=False))
    assert (off.revisit, off.threads, off.ages.today) == (None, None, None)


# -- the plan ---------------------------------------------------------------------------------


def entry(src: str, cards: tuple[Card, ...], tags: tuple[str, ...] = (), **fields: Any) -> Entry:
    return Entry(src, title=fields.pop("title", src), cards=cards, tags=tags, **fields)


OLD = D(2024, 1, 1)


def site_entries() -> list[Entry]:
    return [
        entry("b.md", (card("B1", OLD, line=3), card("B2", D(2025, 12, 1), line=9)), ("Search",)),
        entry(
            "a.md",
            (card("A1", D(2023, 5, 1)), card("A2", OLD, line=7)),
            ("LLMs/Pre-training", "Search"),
        ),
        entry("c.md", (card("C1", D(2022, 1, 1)),)),  # untagged
        entry("d.md", (card("D1", D(2021, 1, 1)),), ("Archive",), status="archived"),
        entry("e.md", (card("E1", D(2024, 6, 1)),), ("llms",)),
    ]


def listing(site: Any, kind: str) -> Listing:
    (found,) = [item for item in site.listings if item.kind == kind]
    return found


def test_stale_items_oldest_first() -> None:
    items = stale_items(site_entries(), RULES)
    assert [(i.card.title, i.age.since) for i in items] == [
        ("C1", D(2022, 1, 1)),
        ("A1", D(2023, 5, 1)),
        ("A2", OLD),  # the same day: by entry path, then line
        ("B1", OLD),
        ("E1", D(2024, 6, 1)),
    ]


def test_revisit_listing_grouped_by_the_first_tag() -> None:
    site = plan_site(site_entries(), PageOptions(ages=RULES), words("en"))
    page = listing(site, "revisit")
    assert (page.src_uri, page.title, page.template) == (
        "revisit/index.md",
        "Revisit",
        "fieldnotes/revisit.html",
    )
    assert (page.in_nav, page.empty, page.searchable) == (True, False, True)
    groups = page.context["groups"]
    # Sorted by tag key ('llms' before 'llms/pre-training' before 'search'); untagged last.
    assert [(g.label, g.src_uri, [i.card.title for i in g.items]) for g in groups] == [
        ("LLMs", "tags/llms.md", ["E1"]),
        ("LLMs/Pre-training", "tags/llms/pre-training.md", ["A1", "A2"]),
        ("Search", "tags/search.md", ["B1"]),
        ("", None, ["C1"]),
    ]
    context = {k: v for k, v in page.context.items() if k != "groups"}
    assert context == {
        "total": 5,
        "left_out": 0,
        "months": 12,
        "today": TODAY,
        "group_by": "tag",
    }


def test_revisit_listing_by_entry_and_limited() -> None:
    options = PageOptions(ages=RULES, revisit_group_by="entry", revisit_limit=3)
    page = listing(plan_site(site_entries(), options, words("en")), "revisit")
    groups = page.context["groups"]
    assert [(g.label, g.src_uri, len(g.items), g.total) for g in groups] == [
        ("a.md", "a.md", 2, 2),
        ("c.md", "c.md", 1, 1),
    ]
    assert (page.context["total"], page.context["left_out"]) == (5, 2)


def test_revisit_listing_without_tag_pages_names_the_tag_as_written() -> None:
    options = PageOptions(ages=RULES, tags=None)
    groups = listing(plan_site(site_entries(), options, words("fr")), "revisit").context["groups"]
    assert [(g.label, g.src_uri) for g in groups][:2] == [
        ("llms", None),
        ("LLMs/Pre-training", None),
    ]


def test_revisit_listing_is_empty_without_stale_cards_or_a_date() -> None:
    for options in (PageOptions(), PageOptions(ages=AgeRules(TODAY, 100, 200))):
        page = listing(plan_site(site_entries(), options, words("en")), "revisit")
        assert page.empty and page.context["groups"] == []


def test_threads_listing() -> None:
    entries = [
        entry("old.md", (card("O", future="x; y"),), date=D(2024, 1, 1)),
        entry(
            "new.md",
            (card("N1", future="a"), card("N2"), card("N3", future="b\n- c")),
            date=D(2025, 1, 1),
        ),
        entry("none.md", (card("Z"),), date=D(2026, 1, 1)),
    ]
    site = plan_site(entries, PageOptions(), words("fr"))
    page = listing(site, "threads")
    assert (page.src_uri, page.title, page.in_nav, page.empty) == (
        "threads/index.md",
        "Pistes ouvertes",
        True,
        False,
    )
    groups = page.context["groups"]
    assert [(g.entry.src_uri, [c.title for c in g.cards], g.count) for g in groups] == [
        ("new.md", ["N1", "N3"], 3),
        ("old.md", ["O"], 2),
    ]
    assert (page.context["total"], page.context["entry_total"], page.context["pager"]) == (
        5,
        2,
        None,
    )


def test_threads_pages_keep_each_entry_whole() -> None:
    entries = [
        entry(
            f"e{n}.md",
            (card("C", future="; ".join(f"t{i}" for i in range(size))),),
            date=D(2025, 1, 28 - n),
        )
        for n, size in enumerate((4, 4, 3, 12, 1))
    ]
    groups = thread_groups(entries)
    assert [[g.entry.src_uri for g in page] for page in chunk_groups(groups, 10)] == [
        ["e0.md", "e1.md"],
        ["e2.md"],
        ["e3.md"],  # more than a page's worth: a page to itself
        ["e4.md"],
    ]
    site = plan_site(entries, PageOptions(page_size=10), words("en"))
    pages = [item for item in site.listings if item.kind == "threads"]
    uris = ["threads/index.md", "threads/page/2.md", "threads/page/3.md", "threads/page/4.md"]
    assert [p.src_uri for p in pages] == uris
    assert [p.title for p in pages] == [
        "Open threads",
        "Open threads (2)",
        "Open threads (3)",
        "Open threads (4)",
    ]
    assert [p.in_nav for p in pages] == [True, False, False, False]
    assert pages[2].context["pager"] == {"number": 3, "uris": uris}
    assert {p.context["total"] for p in pages} == {24}


def test_no_threads_no_pages() -> None:
    site = plan_site([entry("a.md", (card("A"),))], PageOptions(), words("en"))
    assert [(p.src_uri, p.empty) for p in site.listings if p.kind == "threads"] == [
        ("threads/index.md", True)
    ]
    off = plan_site(
        [entry("a.md", (card("A", future="x"),))],
        PageOptions(threads=None, revisit=None),
        words("en"),
    )
    assert not [p for p in off.listings if p.kind in ("threads", "revisit")]


# -- the export -------------------------------------------------------------------------------


def test_exported_cards_carry_revisit_staleness_and_threads() -> None:
    revisited = card("R", D(2020, 1, 1), D(2025, 11, 30), future="a [p](https://x.org/p); b")
    stale = card("S", D(2024, 1, 1), line=9)
    record = export.entry_record(entry("a.md", (revisited, stale, card("U", line=20))), "a/", RULES)
    assert [
        {k: c[k] for k in ("id", "date_commented", "revisited", "staleness", "threads")}
        for c in record["cards"]
    ] == [
        {
            "id": "r",
            "date_commented": "2020-01-01",
            "revisited": "2025-11-30",
            "staleness": "fresh",
            "threads": [
                {"text": "a p", "links": ["https://x.org/p"]},
                {"text": "b", "links": []},
            ],
        },
        {
            "id": "s",
            "date_commented": "2024-01-01",
            "revisited": None,
            "staleness": "stale",
            "threads": [],
        },
        {"id": "u", "date_commented": None, "revisited": None, "staleness": None, "threads": []},
    ]
    keys = list(record["cards"][0])
    assert keys[keys.index("date_commented") :][:5] == [
        "date_commented",
        "revisited",
        "staleness",
        "future_links",
        "threads",
    ]
    exempt = export.entry_record(entry("b.md", (stale,), status="evergreen"), "b/", RULES)
    assert exempt["cards"][0]["staleness"] == "exempt"


def test_the_export_says_which_date_ages_count_to() -> None:
    site = plan_site(site_entries(), PageOptions(ages=RULES), words("en"))
    urls = {e.src_uri: e.src_uri[:-3] + "/" for e in site.entries}
    doc = export.site_document(site, urls, "S", None, "g")
    assert list(doc)[:4] == ["version", "generator", "site", "as_of"]
    assert doc["as_of"] == "2026-01-15"
    text = json.loads(export.dumps(doc))
    states = {c["id"]: c["staleness"] for e in text["entries"] for c in e["cards"]}
    assert states == {
        "a1": "stale",
        "a2": "stale",
        "b1": "stale",
        "b2": "fresh",
        "c1": "stale",
        "d1": "exempt",
        "e1": "stale",
    }
    undated = plan_site(site_entries(), PageOptions(), words("en"))
    assert export.site_document(undated, urls, "S", None, "g")["as_of"] is None


def test_card_fields_default_to_no_revisit_and_no_threads() -> None:
    plain = Card("a", "A", "A", None, None, None, None, None, None, None, None, "", 1)
    assert (plain.revisited, plain.revisited_iso, plain.threads, plain.future_list) == (
        None,
        None,
        (),
        False,
    )
    assert (
        dataclasses.replace(
            plain, revisited=D(2025, 2, 1), revisited_precision="month"
        ).revisited_iso
        == "2025-02"
    )


# -- `fieldnotes pages`: the same listings as Markdown ------------------------------------------


def test_markdown_pages_of_revisit_and_threads() -> None:
    import jinja2

    from mkdocs_fieldnotes.markdown_pages import listing_pages
    from mkdocs_fieldnotes.render import TEMPLATES, Renderer

    entries = site_entries()
    entries[0] = dataclasses.replace(
        entries[0],
        cards=(*entries[0].cards, card("B3", OLD, line=20, future="a [p](https://x.org/p); b*")),
    )
    site = plan_site(entries, PageOptions(ages=RULES, revisit_limit=4), words("en"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    pages = listing_pages(site, Renderer(env, "en", "medium", RULES))
    revisit = pages["revisit/index.md"]
    assert (
        "6 stale cards: not revisited for 12 months or more\\. The 2 most recent are not listed "
        "here\\. Ages as of Jan 15, 2026\\.\n" in revisit
    )
    assert "## [LLMs/Pre\\-training](../tags/llms/pre-training.md) (2)" in revisit
    assert "## [Search](../tags/search.md) (1 of 2)" in revisit
    assert "## Untagged (1)" in revisit
    assert (
        "1. [A1](../a.md#a1) · in [a\\.md](../a.md) · Commented May 1, 2023 · 2 years ago *Stale*"
        in revisit
    )
    threads = pages["threads/index.md"]
    assert "2 threads · 1 entry" in threads
    assert "## [b\\.md](../b.md) (2)" in threads
    assert "- a [p](<https://x.org/p>)\n- b\\*" in threads

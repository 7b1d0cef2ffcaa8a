"""What is an entry, and how cards are read and placed wherever Markdown puts them.

Pure tests of ``entries.parse_page`` (the rule), then real builds: cards inside
``md_in_html``, admonitions, details and tabs; a card in raw HTML; a heading that is a link;
month-only dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from conftest import SiteFactory, main_content, text_of

from mkdocs_fieldnotes.entries import NOT_AN_ENTRY, ReadOptions, parse_page
from mkdocs_fieldnotes.model import ENTRY_FIELDS, Entry

CARD = """\
### A paper (arXiv) — a topic
Link: https://arxiv.org/abs/1

Date commented: 2025-12-14

Commentary.
"""


def read(text: str, path: str = "notes/a.md", **options: object) -> tuple[Entry | None, list[str]]:
    parsed = parse_page(path, text, ReadOptions(**options))  # type: ignore[arg-type]
    return parsed.entry, [str(p) for p in parsed.problems]


# -- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "front",
    [
        "tags: [Guide, Setup]\nstatus: new\n",
        "title: 'Release: 1.0'\ndate: 2024-01-02\ntags: [News]\n",
        "category: C\nseries: S\nsummary: x\nauthor: Ann\n",
        "title: Contribute: Evals, Docs and Code\n",  # not valid YAML
        'title: ""\ndescription: ""\n',
    ],
)
def test_front_matter_alone_does_not_make_an_entry(front: str) -> None:
    text = f"---\n{front}---\n\n# A page\n\nText.\n"
    assert parse_page("guide.md", text, ReadOptions()) is NOT_AN_ENTRY


def test_a_link_line_of_prose_does_not_make_an_entry() -> None:
    text = "# Getting set up\n\n### Step one — prerequisites\n\nLink: this line is prose.\n"
    assert parse_page("guide.md", text, ReadOptions()) is NOT_AN_ENTRY


@pytest.mark.parametrize(
    "card",
    [
        CARD,
        "### A paper\nLink: <https://example.org/x>\n",
        "### A paper\nLink: [the paper](https://example.org/x)\n",
        "### A paper\nLink: www.example.org/x\n",
        "### A paper\nDate commented: 2025-12-14\n",
        "### A paper\nDate commented: not a date\n",  # a card, reported below
    ],
)
def test_a_card_makes_an_entry(card: str) -> None:
    entry, _ = read(f"# Notes\n\n{card}")
    assert entry is not None and len(entry.cards) == 1


def test_opt_in_and_opt_out() -> None:
    entry, problems = read("---\nfieldnotes: true\ntags: [a]\n---\n\nNo card yet.\n")
    assert entry is not None and entry.tags == ("a",) and problems == []
    assert read(f"---\nfieldnotes: false\n---\n\n{CARD}")[0] is None
    entry, problems = read(f"---\nfieldnotes: maybe\n---\n\n{CARD}")
    assert entry is not None
    assert problems == [
        "notes/a.md:2: front matter key 'fieldnotes' must be true or false, got a text; it "
        "was ignored."
    ]


def test_entries_option_lists_pages_by_pattern() -> None:
    text = "---\ntags: [a]\n---\n\nNo card.\n"
    assert read(text, entries=("notes/*",))[0] is not None
    assert read(text, path="guide.md", entries=("notes/*",))[0] is None


def test_a_page_that_is_not_an_entry_reports_nothing() -> None:
    text = "---\ntitle: [broken\n---\n\n### X\nLink: prose\n\nDate commented\n"
    assert parse_page("x.md", text, ReadOptions()) is NOT_AN_ENTRY


def test_theme_statuses_are_not_reported() -> None:
    text = f"---\nstatus: deprecated\n---\n\n{CARD}"
    statuses = ("draft", "published")
    _, problems = read(text, statuses=statuses, theme_statuses=("deprecated",))
    assert problems == []
    _, problems = read(text, statuses=statuses)
    assert len(problems) == 1 and "unknown value 'deprecated'" in problems[0]


def test_entry_fields_are_declared_once() -> None:
    """``ENTRY_FIELDS`` drives reading and the export; ``Entry`` has one attribute each."""
    attrs = [f.name for f in dataclasses.fields(Entry)]
    declared = [field.attr for field in ENTRY_FIELDS]
    assert attrs[1 : 1 + len(declared)] == declared


# -- cards as authors write them -----------------------------------------------------------


def test_heading_that_is_a_link_is_the_cards_link() -> None:
    text = (
        "# Reading list\n\n"
        "### [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
        "Date commented: 2018-02\n\nThe transformer.\n\n"
        "### [BERT](https://arxiv.org/abs/1810.04805) (Devlin et al.) — encoders\n"
        "Link: https://arxiv.org/abs/1810.04805\n\nDate commented: Feb 2019\n\n"
        "### [GPT-2](https://example.org/a)\nLink: https://example.org/b\n"
    )
    entry, problems = read(text)
    assert entry is not None
    first, second, third = entry.cards
    assert (first.title, first.source, first.link) == (
        "Attention Is All You Need",
        None,
        "https://arxiv.org/abs/1706.03762",
    )
    assert (first.date_commented, first.date_precision, first.date_iso) == (
        dt.date(2018, 2, 1),
        "month",
        "2018-02",
    )
    assert (second.title, second.source, second.topic) == ("BERT", "Devlin et al.", "encoders")
    assert second.date_iso == "2019-02"
    assert third.link == "https://example.org/b"
    assert problems == [
        "notes/a.md:14: card 'GPT-2': the heading links to 'https://example.org/a' and the "
        "Link: line to 'https://example.org/b'; the Link: line is used. Keep one of them, or "
        "make them the same."
    ]


def test_year_alone_is_refused_with_a_reason() -> None:
    _, problems = read("### A\nLink: https://a.org\n\nDate commented: 2018\n")
    assert problems == [
        "notes/a.md:4: card 'A': cannot read the date commented: '2018' is a year alone, and "
        "the timeline sorts cards by month; write at least the month (2018-02 or Feb 2018); "
        "the card is shown as undated. Write the date as YYYY-MM-DD (2025-12-14), "
        "14 Dec 2025, or a month: 2025-12."
    ]


# -- builds: cards wherever Markdown puts them ---------------------------------------------

NESTED = """\
---
title: Nested
---

<div markdown="1">

### Inside a div
Link: https://example.org/div

Date commented: 2025-12-01

In the div.

</div>

### After the div
Link: https://example.org/after

Date commented: 2025-12-02

After.

!!! note "An admonition"

    ### In an admonition
    Link: https://example.org/admonition

    Date commented: 2025-12-03

    Admonished.

??? info "Details"

    ### In details
    Link: https://example.org/details

    Date commented: 2025-12-04

    Detailed.

=== "Tab one"

    ### In a tab
    Link: https://example.org/tab

    Date commented: 2025-12-05

    Tabbed.

    **Possible links I may attach in the future:** a tabbed follow-up.

=== "Tab two"

    Nothing here.
"""

MARKDOWN = {
    "markdown_extensions": [
        "toc",
        "attr_list",
        "md_in_html",
        "admonition",
        "pymdownx.details",
        "pymdownx.superfences",
        {"pymdownx.tabbed": {"alternate_style": True}},
    ]
}


def test_cards_render_inside_blocks(build_site: SiteFactory) -> None:
    built = build_site({"index.md": "# Home\n", "notes/nested.md": NESTED}, MARKDOWN)
    soup = built.page("notes/nested/")
    cards = main_content(soup).select("article.fieldnotes-card")
    ids = [card["data-card-id"] for card in cards]
    assert ids == ["inside-a-div", "after-the-div", "in-an-admonition", "in-details", "in-a-tab"]
    links = [card.select_one("a.fieldnotes-card__link")["href"] for card in cards]
    assert links == [
        f"https://example.org/{n}" for n in ("div", "after", "admonition", "details", "tab")
    ]
    assert cards[2].find_parent(class_="admonition") is not None
    assert cards[3].find_parent("details") is not None
    assert cards[4].find_parent(class_="tabbed-block") is not None
    footer = cards[4].select_one("footer.fieldnotes-card__future")
    assert footer is not None and text_of(footer) == "a tabbed follow-up."
    text = text_of(main_content(soup))
    assert "Link:" not in text and "Date commented" not in text
    assert "\ue0f0" not in str(soup) and "\ue0f2" not in str(soup)
    export = built.export()["entries"][0]["cards"]
    assert [c["id"] for c in export] == ids
    assert export[4]["future_links"] == "a tabbed follow-up."


def test_card_in_raw_html_is_reported_not_dropped_silently(build_site: SiteFactory) -> None:
    page = f"# Raw\n\n{CARD}\n<div>\n\n### In raw HTML\nLink: https://example.org/raw\n\n</div>\n"
    built = build_site({"index.md": "# Home\n", "notes/raw.md": page}, MARKDOWN)
    built.expect_plugin_warning(
        "notes/raw.md:12: card 'In raw HTML' is inside raw HTML (an HTML block without "
        'markdown="1"), so it is not shown as a card and its Link: and Date commented: lines '
        'are left out. Add markdown="1" to the HTML element around it, or move the card out of it.'
    )
    html = built.page("notes/raw/")
    assert len(html.select("article.fieldnotes-card")) == 1
    assert "\ue0f0" not in str(html)
    assert "In raw HTML" in text_of(main_content(html))


def test_month_dates_in_cards_timeline_and_export(build_site: SiteFactory) -> None:
    page = (
        "# Papers\n\n### Old paper\nLink: https://example.org/old\n\nDate commented: Feb 2018\n\n"
        "### Day paper\nLink: https://example.org/day\n\nDate commented: 2018-02-20\n"
    )
    built = build_site({"index.md": "# Home\n", "notes/p.md": page})
    time = built.page("notes/p/").select_one("#old-paper").find_parent("article").find("time")
    assert (time["datetime"], time.get_text()) == ("2018-02", "Feb 2018")
    items = built.page("timeline/").select("li.fieldnotes-timeline__item")
    assert [i.find("a").get_text() for i in items] == ["Day paper", "Old paper"]
    cards = built.export()["entries"][0]["cards"]
    assert [c["date_commented"] for c in cards] == ["2018-02", "2018-02-20"]


def test_export_keys_follow_the_declaration(build_site: SiteFactory) -> None:
    built = build_site({"index.md": "# Home\n", "notes/p.md": f"# P\n\n{CARD}"})
    record = json.loads((built.site_dir / "fieldnotes.json").read_text("utf-8"))["entries"][0]
    assert list(record) == [
        "url",
        "source_path",
        *(field.attr for field in ENTRY_FIELDS),
        "draft",
        "cards",
    ]


def test_opt_in_needs_true() -> None:
    """A value other than ``true`` opts nothing in (the warning says it was ignored), and a
    quoted key is read like any other."""
    assert read("---\nfieldnotes: 'false'\n---\n\nText.\n")[0] is None
    assert read("---\nfieldnotes: yes please\n---\n\nText.\n")[0] is None
    assert read('---\n"fieldnotes": true\n---\n\nText.\n')[0] is not None

"""The activity chart: its bars as plain data (``activity.chart``), then the inline SVG on the
timeline page and on tag pages of real builds, with its links and its text alternative.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Built, SiteFactory, follow, main_content, page_file, text_of

from mkdocs_fieldnotes.activity import HEIGHT, WIDTH, anchor, chart, count_months


def months(first: tuple[int, int], count: int) -> list[tuple[int, int]]:
    index = first[0] * 12 + first[1] - 1
    return [((index + n) // 12, (index + n) % 12 + 1) for n in range(count)]


def test_one_month_is_the_last_bar_of_a_year() -> None:
    result = chart({(2025, 12): 3})
    assert result is not None
    assert result.unit == "month"
    assert [bar.start for bar in result.bars] == months((2025, 1), 12)
    assert [bar.count for bar in result.bars] == [0] * 11 + [3]
    last = result.bars[-1]
    assert (last.height, last.y) == (HEIGHT, 0)
    assert all(bar.height == 0 for bar in result.bars[:-1])
    assert (result.total, result.peak, result.first.start) == (3, last, (2025, 1))
    assert last.left + last.slot == pytest.approx(WIDTH)
    assert last.left < last.x < last.x + last.width < last.left + last.slot


@pytest.mark.parametrize(
    ("span", "unit", "bars"),
    [
        (12, "month", 12),
        (36, "month", 36),
        (37, "quarter", 13),
        (108, "quarter", 36),
        (109, "year", 10),
        (180, "year", 15),
    ],
)
def test_the_unit_keeps_a_chart_to_36_bars(span: int, unit: str, bars: int) -> None:
    every = months((2011, 1), span)
    result = chart({every[0]: 1, every[-1]: 2})
    assert result is not None
    assert (result.unit, len(result.bars)) == (unit, bars)
    assert result.total == 3
    assert result.first.start == (2011, 1)


def test_bars_of_quarters_and_years_start_on_their_boundary() -> None:
    result = chart({(2020, 5): 1, (2024, 2): 1})
    assert result is not None and result.unit == "quarter"
    assert (result.first.start, result.first.quarter, result.last.start) == (
        (2020, 4),
        2,
        (2024, 1),
    )
    result = chart({(2011, 5): 1, (2025, 8): 1})
    assert result is not None and result.unit == "year"
    assert (result.first.start, result.last.start) == ((2011, 1), (2025, 1))


def test_years_are_written_under_the_bars_that_start_them() -> None:
    result = chart({(2024, 11): 1, (2025, 12): 1})
    assert result is not None
    assert [bar.start for bar in result.bars if bar.tick] == [(2025, 1)]
    result = chart({(2011, 3): 1, (2025, 8): 1})  # 15 yearly bars: every second year
    assert result is not None and result.unit == "year"
    assert [bar.start[0] for bar in result.bars if bar.tick] == list(range(2012, 2026, 2))
    result = chart({(2019, 3): 1, (2025, 8): 1})  # quarters: the first quarter of each year
    assert result is not None and result.unit == "quarter"
    assert [bar.start for bar in result.bars if bar.tick] == [(y, 1) for y in range(2019, 2026)]


def test_a_small_count_still_shows_and_the_peak_is_the_newest_of_equals() -> None:
    result = chart({(2025, 1): 500, (2025, 2): 1, (2025, 3): 500})
    assert result is not None
    bars = {bar.start: bar for bar in result.bars}
    assert bars[(2025, 2)].height == 2.0  # not 0.12: one card among hundreds still shows
    assert result.peak.start == (2025, 3)


def test_a_bar_links_to_the_newest_month_with_cards() -> None:
    def link(month: tuple[int, int]) -> tuple[str, str]:
        return ("timeline/index.md", anchor(month))

    result = chart({(2020, 1): 1, (2020, 2): 4, (2023, 6): 2}, undated=3, link=link)
    assert result is not None and result.unit == "quarter"
    assert result.first.target == ("timeline/index.md", "fieldnotes-2020-02")
    assert result.undated == 3
    assert all(bar.target is None for bar in result.bars if not bar.count)


def test_no_chart_without_a_dated_card() -> None:
    assert chart({}, undated=4) is None
    assert count_months([(2025, 1), None, (2025, 1)]) == ({(2025, 1): 2}, 1)


# -- real builds ------------------------------------------------------------------------------


def entry(title: str, tags: str, *dates: str) -> str:
    cards = "".join(
        f"### {title} card {n}\nLink: https://example.org/{title}/{n}\n\nDate commented: {day}\n\n"
        "Text.\n\n"
        for n, day in enumerate(dates)
    )
    return f"---\ntitle: {title}\ntags: [{tags}]\n---\n\n{cards}"


FILES = {
    "index.md": "# Home\n",
    "notes/a.md": entry("Alpha", "LLMs", "2025-12-14", "2025-12-01", "2025-10-02"),
    "notes/b.md": entry("Beta", "Search", "2025-03-05", "2024-11-20"),
    "notes/c.md": "---\ntitle: Gamma\ntags: [LLMs]\n---\n\n### Undated\nLink: https://example.org/u\n\nNo date.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, use_dirs: bool) -> Built:
    factory = SiteFactory(tmp_path_factory.mktemp("activity"))
    result = factory(FILES, use_directory_urls=use_dirs)
    assert result.unclaimed == [] and not result.aborted, result.warnings
    return result


def figure(built: Built, src: str, use_dirs: bool) -> Any:
    return main_content(built.page(page_file(src, use_dirs))).select_one(
        "figure.fieldnotes-activity"
    )


def test_the_timeline_chart_is_an_accessible_svg(built: Built, use_dirs: bool) -> None:
    chart_ = figure(built, "timeline/index.md", use_dirs)
    svg = chart_.select_one("svg.fieldnotes-activity__chart")
    assert svg["role"] == "img"
    assert svg["viewbox"] == f"0 0 {WIDTH} {HEIGHT}"
    assert svg["preserveaspectratio"] == "none"
    title = svg.find("title", recursive=False)
    assert svg["aria-labelledby"] == title["id"]
    assert text_of(title) == ("Cards commented per month, November 2024 – December 2025: 5 cards")
    assert svg.find("a") is None  # an image holds nothing interactive
    assert len(svg.select("rect.fieldnotes-activity__bar")) == 4  # the months with cards
    links = chart_.select_one(".fieldnotes-activity__links")
    assert links["aria-hidden"] == "true"
    assert links["style"] == "--fieldnotes-bars: 14"
    assert [a["title"] for a in links.select("a")] == [
        "November 2024: 1 card",
        "March 2025: 1 card",
        "October 2025: 1 card",
        "December 2025: 2 cards",
    ]
    # The text alternative: every month's count, the months with cards linked.
    table = chart_.select_one("table.fieldnotes-activity__table")
    counts = [(text_of(r.th), text_of(r.td)) for r in table.select("tbody tr")]
    assert len(counts) == 14
    assert counts[0] == ("November 2024", "1") and counts[-1] == ("December 2025", "2")
    assert sum(int(c) for _, c in counts) == 5
    assert text_of(chart_.select_one(".fieldnotes-activity__undated")) == (
        "1 undated card is not in the chart."
    )
    assert text_of(chart_.select_one("figcaption")) == (
        "November 2024 – December 2025 · most: 2 in December 2025 · 1 undated card is not in "
        "the chart."
    )
    ticks = [text_of(cell) for cell in chart_.select(".fieldnotes-activity__ticks > span")]
    assert ticks == ["", "", "2025"] + [""] * 11  # January 2025 is the third bar


def test_each_bar_links_to_its_month_on_the_timeline(built: Built, use_dirs: bool) -> None:
    source = page_file("timeline/index.md", use_dirs)
    page = main_content(built.page(source))
    chart_ = page.select_one("figure.fieldnotes-activity")
    bars = chart_.select(".fieldnotes-activity__links a")
    assert [a["href"] for a in bars] == [
        "#fieldnotes-2024-11",
        "#fieldnotes-2025-03",
        "#fieldnotes-2025-10",
        "#fieldnotes-2025-12",
    ]
    assert all(a["tabindex"] == "-1" for a in bars)  # keyboard users have the table's links
    assert len(chart_.select(".fieldnotes-activity__links > *")) == 14  # a cell per month
    for a in bars:
        target = page.find(id=a["href"][1:])
        assert target is not None
        heading = target.find_parent("h3")
        assert heading is not None and "fieldnotes-timeline__month" in heading["class"]
    assert [a["href"] for a in chart_.select("table a")] == [a["href"] for a in bars]


def test_a_tag_page_charts_the_tags_cards_and_links_to_the_timeline(
    built: Built, use_dirs: bool
) -> None:
    source = page_file("tags/llms.md", use_dirs)
    chart_ = figure(built, "tags/llms.md", use_dirs)
    assert text_of(chart_.select_one("svg > title")) == (
        "Cards commented per month, January 2025 – December 2025: 3 cards"
    )
    links = chart_.select("table a")
    assert [text_of(a) for a in links] == ["October 2025", "December 2025"]
    for a in links:
        target, _ = follow(built, source, a["href"])  # the anchor exists on the timeline
        assert target == page_file("timeline/index.md", use_dirs)
    # It comes before the tag's entries, and adds no heading to the page.
    assert chart_.find_next("h2") is not None and text_of(chart_.find_next("h2")) == "Entries (2)"
    assert chart_.find(["h1", "h2", "h3", "h4"]) is None


def test_a_split_timeline_links_each_bar_to_its_years_page(build_site: SiteFactory) -> None:
    dates = [f"2024-{m:02d}-01" for m in range(1, 13)] + ["2025-01-05", "2025-02-07"]
    built = build_site(
        {"index.md": "# Home\n", "notes/a.md": entry("A", "x", *dates)},
        plugin={"listings_page_size": 12},
    )
    index = main_content(built.page("timeline/index.html"))
    links = index.select("figure.fieldnotes-activity table a")
    assert len(links) == 14
    targets = [follow(built, "timeline/index.html", a["href"]) for a in links]
    assert {t for t, _ in targets} == {"timeline/2024/index.html", "timeline/2025/index.html"}
    assert links[0]["href"].endswith("#fieldnotes-2024-01")
    # The year pages have no chart of their own.
    assert main_content(built.page("timeline/2024/index.html")).select("figure") == []


def test_the_chart_can_be_turned_off(build_site: SiteFactory) -> None:
    built = build_site(FILES, plugin={"timeline_chart": False})
    assert main_content(built.page("timeline/index.html")).select("figure") == []
    assert main_content(built.page("tags/llms/index.html")).select("figure") == []

"""The activity chart, the Sources and Topics pages and a card block in a real browser.

The same set-up as ``test_browser.py`` (the repository's docs site, Debian's Chromium through
Playwright, both Material schemes, 390 px and 1280 px): the pages fit, the console is clean,
the chart's bars are drawn in the theme's colours and lead to their month on the timeline,
and axe-core finds no serious problem in the plugin's markup. Screenshots of every case go
to ``test-artifacts/screenshots/explore-*.png`` for a human to look at.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import (
    IN_PLUGIN_MARKUP_JS,
    OVERFLOW_JS,
    SCHEMES,
    SCREENSHOTS,
    WIDTHS,
    SiteUnderTest,
    assert_clean_console,
    is_plugin_node,
    playwright_or_skip,
)

pytestmark = pytest.mark.browser
playwright_or_skip()


def explore_pages(export: dict[str, Any]) -> dict[str, str]:
    """The pages under test, from the export: the timeline, the tag with the most cards, the
    Sources and Topics indexes, the source with the most cards, and an entry with a card
    block."""
    tag = max(export["tags"], key=lambda t: (t["card_count"], t["name"]))
    block = next(e for e in export["entries"] if any(c["kind"] == "block" for c in e["cards"]))
    return {
        "timeline": "timeline/",
        "tag": tag["url"],
        "sources": "sources/",
        "topics": "topics/",
        "source": export["sources"][0]["url"],
        "block-entry": block["url"],
    }


PAGE_KEYS = ["timeline", "tag", "sources", "topics", "source", "block-entry"]


@pytest.fixture
def pages(docs_site: SiteUnderTest) -> dict[str, str]:
    """The pages under test (``docs_site``, ``visit``: conftest.py)."""
    assert docs_site.origin == "repository docs", "these tests need the repository's docs site"
    return explore_pages(docs_site.export)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_key", PAGE_KEYS)
def test_explore_page_fits_and_console_is_clean(
    visit: Any, pages: dict[str, str], page_key: str, scheme: str, width: int
) -> None:
    """No horizontal overflow, no console error; a screenshot is saved for review."""
    v = visit(scheme, width)
    v.open(pages[page_key])
    assert v.page.locator(".md-content [class*='fieldnotes-']").count() > 0, page_key
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"explore-{page_key}-{scheme}-{width}.png"
    v.page.screenshot(path=str(shot), full_page=True)
    chart = v.page.locator("figure.fieldnotes-activity")
    if chart.count():
        chart.screenshot(path=str(SCREENSHOTS / f"explore-{page_key}-chart-{scheme}-{width}.png"))
    report = v.page.evaluate(OVERFLOW_JS)
    assert report["scrollWidth"] <= report["innerWidth"], (
        f"{page_key} overflows: {report['scrollWidth']} > {report['innerWidth']}\n"
        + "\n".join(report["offenders"])
    )
    assert not report["offenders"], "\n".join(report["offenders"])
    assert_clean_console(v)


READ_CHART_JS = """
() => {
  const svg = document.querySelector('svg.fieldnotes-activity__chart');
  const bar = svg.querySelector('.fieldnotes-activity__bar');
  const box = svg.getBoundingClientRect();
  const barBox = bar.getBoundingClientRect();
  const table = document.querySelector('.fieldnotes-activity__text').getBoundingClientRect();
  return {
    fill: getComputedStyle(bar).fill,
    background: getComputedStyle(document.body).backgroundColor,
    width: box.width, height: box.height,
    barWidth: barBox.width, barHeight: barBox.height,
    contentWidth: document.querySelector('article.md-content__inner').clientWidth,
    tableArea: table.width * table.height,
  };
}
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_bars_are_drawn_in_each_schemes_colours(
    visit: Any, pages: dict[str, str], width: int
) -> None:
    """The bars show (a colour that is not the page's), fill the column at any width, and
    change colour with the scheme; the counts' table stays visually hidden."""
    backgrounds = set()
    for scheme in SCHEMES:
        v = visit(scheme, width)
        v.open(pages["timeline"])
        found = v.page.evaluate(READ_CHART_JS)
        # WCAG's non-text contrast: 3:1 between the bars and the page, in each scheme.
        assert contrast(found["fill"], found["background"]) >= 3, (scheme, found)
        assert found["barWidth"] > 1.5 and found["barHeight"] >= 1, found
        assert found["height"] >= 60, found
        assert abs(found["width"] - found["contentWidth"]) <= 2, found
        assert found["tableArea"] <= 1, found
        backgrounds.add(found["background"])
    assert len(backgrounds) == 2  # the scheme did change


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a CSS ``rgb()``/``rgba()`` colour."""
    channels = [float(c) for c in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_bar_leads_to_its_month_on_the_timeline(visit: Any, pages: dict[str, str]) -> None:
    """A click on a tag page's bar opens the timeline at that month's heading."""
    v = visit("default", 1280)
    v.open(pages["tag"])
    link = v.page.locator(".fieldnotes-activity__links a").last
    href = link.get_attribute("href")
    assert href and "#fieldnotes-" in href
    link.click()  # fails if something covers the bar's column
    anchor = href.split("#", 1)[1]
    v.page.wait_for_url(f"**/timeline/#{anchor}")
    heading = v.page.locator(f"#{anchor}").locator("xpath=..")
    assert heading.evaluate("el => el.tagName") == "H3"
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box  # scrolled into view
    assert_clean_console(v)


def test_the_counts_table_shows_when_a_keyboard_reaches_it(
    visit: Any, pages: dict[str, str]
) -> None:
    """Keyboard users get the table's links: focused, the table is shown."""
    v = visit("default", 390)
    v.open(pages["timeline"])
    link = v.page.locator("table.fieldnotes-activity__table a").first
    link.focus()
    box = v.page.locator(".fieldnotes-activity__text").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 20, box
    assert_clean_console(v)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_key", ["timeline", "sources", "source", "block-entry"])
def test_axe_finds_no_serious_problem_in_the_new_markup(
    visit: Any, pages: dict[str, str], page_key: str, scheme: str
) -> None:
    """axe-core: no serious/critical violation in fieldnotes markup."""
    from axe_playwright_python.sync_playwright import Axe

    v = visit(scheme, 1280)
    v.open(pages[page_key])
    results = Axe().run(v.page).response
    in_dom = lambda selector: bool(v.page.evaluate(IN_PLUGIN_MARKUP_JS, selector))  # noqa: E731
    ours = [
        f"{violation['id']} [{node.get('impact') or violation['impact']}] {node['target']}"
        for violation in results["violations"]
        for node in violation["nodes"]
        if is_plugin_node(node, in_dom)
        and (node.get("impact") or violation["impact"]) in ("serious", "critical")
    ]
    assert not ours, "\n".join(ours)
    assert_clean_console(v)

"""The built site in a real browser: cards, chips and the series box render, fit and work.

Debian's Chromium (driven by Playwright; never ``playwright install``) opens the repository's
own docs site, built with ``mkdocs build --strict`` and served on 127.0.0.1. Five pages (an
entry with cards and a series, the tags index, one tag, one series, the timeline) are checked
in both Material schemes (``default``, ``slate``) at a phone width (390 px) and a desktop width
(1280 px): nothing overflows horizontally, the console stays clean, the cards show their link
and date, the tag chips and the series link lead where they say, and axe-core finds no serious
or critical problem in the plugin's own markup.

A full-page screenshot of every case goes to ``test-artifacts/screenshots/`` (git-ignored) for
a human to look at; axe's full findings go to ``test-artifacts/axe/``.

If the repository's ``mkdocs.yml`` is missing or does not build, the tests wait up to
``FIELDNOTES_BROWSER_WAIT`` seconds (default 0; polled every 60 s) and then use a small
generated site (the example entry plus three entries), with a warning saying so.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from browser_support import (
    IN_PLUGIN_MARKUP_JS,
    OVERFLOW_JS,
    READ_COLOURS_JS,
    REPO,
    SCHEME_SENSITIVE,
    SCHEMES,
    SCREENSHOTS,
    TRANSPARENT,
    WIDTHS,
    SiteUnderTest,
    Targets,
    assert_clean_console,
    choose_targets,
    is_plugin_node,
    playwright_or_skip,
)

pytestmark = pytest.mark.browser
playwright_or_skip()

PAGES = ("entry", "tags", "tag", "series", "timeline")
AXE_ARTIFACTS = REPO / "test-artifacts" / "axe"
BLOCKING_IMPACTS = ("serious", "critical")


# -- fixtures -----------------------------------------------------------------------------
# ``docs_site`` (the repository's docs site, built once per test process), ``chromium`` and
# ``visit`` (a fresh page at a scheme and width) are in conftest.py.


@pytest.fixture
def targets(docs_site: SiteUnderTest) -> Targets:
    """Which entry, tag and series the tests visit."""
    return choose_targets(docs_site.export)


# -- tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_key", PAGES)
def test_page_fits_and_console_is_clean(
    visit: Any, targets: Targets, page_key: str, scheme: str, width: int
) -> None:
    """No horizontal overflow, no console error; a screenshot is saved for review."""
    v = visit(scheme, width)
    v.open(targets.pages()[page_key])
    # The content is there (an empty page would fit trivially).
    assert v.page.locator("article.md-content__inner h1").first.is_visible()
    assert v.page.locator(".md-content [class*='fieldnotes-']").count() > 0, (
        f"{page_key}: no fieldnotes markup on the page"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SCREENSHOTS / f"{page_key}-{scheme}-{width}.png"), full_page=True)
    report = v.page.evaluate(OVERFLOW_JS)
    assert report["scrollWidth"] <= report["innerWidth"], (
        f"{page_key} overflows horizontally: scrollWidth {report['scrollWidth']} > "
        f"{report['innerWidth']}\n" + "\n".join(report["offenders"])
    )
    assert not report["offenders"], f"{page_key}: elements past the right edge:\n" + "\n".join(
        report["offenders"]
    )
    assert_clean_console(v)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_entry_cards_show_link_and_date(
    visit: Any, docs_site: SiteUnderTest, targets: Targets, scheme: str, width: int
) -> None:
    """Every card of the entry is visible with its link button and its date, inside the view."""
    entry = next(e for e in docs_site.export["entries"] if e["url"] == targets.entry)
    v = visit(scheme, width)
    v.open(targets.entry)
    cards = v.page.locator("article.fieldnotes-card")
    assert cards.count() == len(entry["cards"])
    for index, expected in enumerate(entry["cards"]):
        card = cards.nth(index)
        card.scroll_into_view_if_needed()
        assert card.is_visible(), f"card {expected['id']} is not visible"
        assert card.get_attribute("data-card-id") == expected["id"]
        box = card.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width + 0.5, f"card {expected['id']} is too wide"
        if expected["link"]:
            link = card.locator("a.fieldnotes-card__link")
            assert link.is_visible(), f"card {expected['id']}: link button not visible"
            assert link.get_attribute("href") == expected["link"]
            assert link.inner_text().strip(), f"card {expected['id']}: link button is empty"
        if expected["date_commented"]:
            time = card.locator(".fieldnotes-card__meta time.fieldnotes-card__date")
            assert time.is_visible(), f"card {expected['id']}: date not visible"
            assert time.get_attribute("datetime") == expected["date_commented"]
            assert time.inner_text().strip()
    assert_clean_console(v)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_tag_chip_and_series_links_navigate(
    visit: Any, docs_site: SiteUnderTest, targets: Targets, scheme: str, width: int
) -> None:
    """A click on a tag chip opens that tag's page; the series title and the previous/next
    links open the series page and the neighbouring parts."""
    v = visit(scheme, width)
    v.open(targets.entry)
    header = v.page.locator("header.fieldnotes-header")
    chip = header.locator(".fieldnotes-chips").get_by_role(
        "link", name=targets.tag_name, exact=True
    )
    chip.click()  # fails if another element covers the chip
    v.page.wait_for_url(v.base_url + targets.tag)
    assert targets.tag_name.casefold() in v.h1().casefold()

    v.open(targets.entry)
    series_box = v.page.locator("nav.fieldnotes-series")
    assert series_box.is_visible()
    series_box.locator(".fieldnotes-series__title a").click()
    v.page.wait_for_url(v.base_url + targets.series)
    assert targets.series_name in v.h1()

    parts = next(s for s in docs_site.export["series"] if s["url"] == targets.series)["parts"]
    position = parts.index(targets.entry)
    neighbours = {"prev": position - 1, "next": position + 1}
    for rel, index in neighbours.items():
        v.open(targets.entry)
        link = v.page.locator(f"nav.fieldnotes-series a[rel='{rel}']")
        if not 0 <= index < len(parts):
            assert link.count() == 0, (
                f"{rel} link on the {'first' if rel == 'prev' else 'last'} part"
            )
            continue
        link.click()
        v.page.wait_for_url(v.base_url + parts[index])
    assert_clean_console(v)


def test_plugin_colours_follow_the_scheme(visit: Any, targets: Targets) -> None:
    """Cards, chips, header text and the series box change colour with the scheme.

    Material sets its scheme variables on ``<body data-md-color-scheme>``; a ``--fieldnotes-*``
    variable declared as ``var(--md-...)`` on ``:root`` alone is resolved there, in the light
    scheme, and stays light in slate (white cards, dark text on a dark page).
    """
    v = visit("default", 1280)
    v.open(targets.entry)
    light = v.page.evaluate(READ_COLOURS_JS, SCHEME_SENSITIVE)
    v.scheme = "slate"
    v.apply_scheme()
    dark = v.page.evaluate(READ_COLOURS_JS, SCHEME_SENSITIVE)
    missing = [sel for (sel, _), value in zip(SCHEME_SENSITIVE, light) if value is None]
    assert not missing, f"elements not on {targets.entry}: {missing}"
    unchanged = [
        f"{selector} {prop}: {before} in both schemes"
        for (selector, prop), before, after in zip(SCHEME_SENSITIVE, light, dark)
        if before == after and before not in TRANSPARENT
    ]
    assert not unchanged, "plugin colours ignore the dark (slate) scheme:\n" + "\n".join(unchanged)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_key", PAGES)
def test_axe_finds_no_serious_problem_in_plugin_markup(
    visit: Any, targets: Targets, page_key: str, scheme: str
) -> None:
    """axe-core: no serious/critical violation in fieldnotes markup; others are reported."""
    from axe_playwright_python.sync_playwright import Axe

    v = visit(scheme, 1280)
    v.open(targets.pages()[page_key])
    results = Axe().run(v.page).response
    in_dom = lambda selector: bool(v.page.evaluate(IN_PLUGIN_MARKUP_JS, selector))  # noqa: E731
    ours: list[str] = []
    theirs: list[str] = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation["impact"]
            summary = node.get("failureSummary", "").splitlines()[-1:]
            line = f"{violation['id']} [{impact}] {node['target']}: {summary}"
            plugin = is_plugin_node(node, in_dom)
            if plugin and impact in BLOCKING_IMPACTS:
                ours.append(line)
            else:
                theirs.append(("plugin " if plugin else "theme ") + line)
    AXE_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (AXE_ARTIFACTS / f"{page_key}-{scheme}.json").write_text(
        json.dumps(
            {"blocking": ours, "other": theirs, "violations": results["violations"]}, indent=2
        ),
        encoding="utf-8",
    )
    for line in theirs:
        print(f"axe (information) {page_key}/{scheme}: {line}")
    shown = ours[:25] + ([f"... and {len(ours) - 25} more"] if len(ours) > 25 else [])
    assert not ours, (
        f"axe: {len(ours)} serious/critical violation(s) in fieldnotes markup on {page_key} "
        f"({scheme}); all findings in test-artifacts/axe/{page_key}-{scheme}.json:\n"
        + "\n".join(shown)
    )
    assert_clean_console(v)


def test_site_under_test_is_named(docs_site: SiteUnderTest, targets: Targets) -> None:
    """Say which site and pages were used (visible with -rP), and that the pages exist."""
    print(f"browser tests ran against the {docs_site.origin} site: {targets}")
    for path in targets.pages().values():
        assert (docs_site.site_dir / path / "index.html").is_file(), path

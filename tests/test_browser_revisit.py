"""The age of cards, a revisited card and the Revisit and Open threads pages in a browser.

Debian's Chromium (driven by Playwright) opens a small site built with ``mkdocs build
--strict`` (``SOURCE_DATE_EPOCH`` pinned by ``conftest.py``, so the same cards are stale on
every run), in both Material schemes at a phone width (390 px) and a desktop width (1280 px):
the stale card's badge and the revisited card's two dates are visible, readable (contrast)
and change colour with the scheme, nothing overflows, the console stays clean. Screenshots of
the two cards and of both pages go to ``test-artifacts/screenshots/revisit-*.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    OVERFLOW_JS,
    SCHEMES,
    SCREENSHOTS,
    WIDTHS,
    Visit,
    mkdocs_build,
    mkdocs_yml,
    playwright_or_skip,
    serve,
)

pytestmark = pytest.mark.browser
playwright_or_skip()

FUTURE = "Possible links I may attach in the future"

ENTRY = f"""\
---
title: Retrieval notes
date: 2025-06-01
tags: [Search/Lexical, Evaluation]
---

### The Probabilistic Relevance Framework: BM25 and Beyond (Robertson & Zaragoza) — BM25
Link: https://www.staff.city.ac.uk/~sbrp622/papers/foundations_bm25_review.pdf

Date commented: 2024-02-10

The derivation of BM25 from the probability ranking principle, with the saturation and length
normalisation parameters explained one at a time.

**{FUTURE}:** a [tuning study](https://arxiv.org/abs/2104.08663); notes on BM25F for fields.

---

### Dense Passage Retrieval for Open-Domain Question Answering (Karpukhin et al.) — DPR
Link: https://arxiv.org/abs/2004.04906

Date commented: 2023-03-14

**Revisited:** 2 Jan 2026

Dual encoders trained with in-batch negatives; reread after the late-interaction papers.

{FUTURE}:

- hard-negative mining recipes
- a comparison with ColBERT on the same passages
"""

STALE = "article.fieldnotes-card--stale"
REVISITED = "article[data-card-id='dense-passage-retrieval-for-open-domain-question-answering']"

# Text colour, and the background it stands on (the first ancestor that paints one).
COLOURS_JS = """
(el) => {
  let bg = 'rgba(0, 0, 0, 0)';
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
  }
  return [getComputedStyle(el).color, bg];
}
"""


def _rgb(value: str) -> tuple[float, float, float, float]:
    inside = value[value.index("(") + 1 : value.index(")")]
    parts = [float(p) for p in inside.replace("/", ",").split(",")]
    return parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed CSS colours (the foreground blended over the
    background when it is translucent)."""
    fr, fg, fb, fa = _rgb(foreground)
    br, bg, bb, _ = _rgb(background)
    mixed = [f * fa + b * (1 - fa) for f, b in ((fr, br), (fg, bg), (fb, bb))]

    def luminance(rgb: list[float]) -> float:
        def channel(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(mixed), luminance([br, bg, bb])), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="session")
def revisit_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small site, built with --strict and served on 127.0.0.1 (once per test process;
    ``chromium`` is in conftest.py)."""
    root = tmp_path_factory.mktemp("revisit-browser")
    (root / "docs" / "notes").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Revisit browser test\n", "utf-8")
    (root / "docs" / "notes" / "retrieval.md").write_text(ENTRY, "utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_yml("Revisit browser test"), "utf-8")
    site_dir = root / "site"
    result = mkdocs_build(root / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    with serve(site_dir) as url:
        yield url


NO_TRANSITIONS_JS = """
() => {
  const st = document.createElement('style');
  st.textContent = '*, *::before, *::after { transition: none !important; }';
  document.head.appendChild(st);
}
"""


@pytest.fixture
def page(chromium: Any, revisit_site_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page at the test's scheme and width; console errors fail the test at the end."""
    params = request.node.callspec.params
    visit = Visit(chromium, revisit_site_url, params["scheme"], params["width"])

    def open_page(path: str) -> Any:
        visit.open(path)  # the scheme forced on <body>
        visit.page.evaluate(NO_TRANSITIONS_JS)
        return visit.page

    yield open_page
    visit.close()
    assert not visit.errors, "browser console errors:\n" + "\n".join(visit.errors)


def fits(tab: Any, what: str) -> None:
    report = tab.evaluate(OVERFLOW_JS)
    assert report["scrollWidth"] <= report["innerWidth"], f"{what} overflows: {report}"
    assert not report["offenders"], f"{what}: past the right edge:\n" + "\n".join(
        report["offenders"]
    )


def shot(locator: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"revisit-{name}.png"
    locator.screenshot(path=str(path))
    return path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_stale_and_revisited_cards(page: Any, scheme: str, width: int) -> None:
    tab = page("notes/retrieval/")
    stale = tab.locator(STALE)
    assert stale.count() == 1
    badge = stale.locator(".fieldnotes-card__meta .fieldnotes-badge--stale")
    assert badge.is_visible()
    assert badge.inner_text().strip().casefold() == "stale"
    assert stale.locator(".fieldnotes-age__ago").inner_text() == "1 year ago"
    ago_colours = stale.locator(".fieldnotes-age__ago").evaluate(COLOURS_JS)
    badge_colours = badge.evaluate(COLOURS_JS)
    assert contrast(*badge_colours) >= 4.5, badge_colours
    assert contrast(*ago_colours) >= 4.5, ago_colours
    # The stale card's top rule takes the stale colour, the badge's own.
    top = stale.evaluate("(el) => getComputedStyle(el).borderTopColor")
    assert top == badge_colours[0]

    revisited = tab.locator(REVISITED)
    commented = revisited.locator("time.fieldnotes-card__date")
    again = revisited.locator("time.fieldnotes-card__revisited")
    assert commented.is_visible() and again.is_visible()
    assert again.get_attribute("datetime") == "2026-01-02"
    assert revisited.locator(".fieldnotes-age__ago").inner_text() == "1 week ago"
    assert revisited.locator(".fieldnotes-badge").count() == 0
    label = again.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert label == '"Revisited\u00a0"'
    footer = revisited.locator("footer.fieldnotes-card__future li")
    assert footer.count() == 2
    fits(tab, "the entry")
    shot(stale, f"stale-card-{scheme}-{width}")
    shot(revisited, f"revisited-card-{scheme}-{width}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_revisit_and_threads_pages(page: Any, scheme: str, width: int) -> None:
    tab = page("revisit/")
    items = tab.locator("ol.fieldnotes-revisit > li")
    assert items.count() == 1
    badge = items.first.locator(".fieldnotes-badge--stale")
    assert badge.is_visible()
    assert contrast(*badge.evaluate(COLOURS_JS)) >= 4.5
    fits(tab, "the Revisit page")
    shot(tab.locator("article.md-content__inner"), f"page-{scheme}-{width}")
    items.first.locator("a.fieldnotes-revisit__title").click()
    tab.wait_for_url("**/notes/retrieval/#the-probabilistic-relevance-framework-bm25-and-beyond")

    tab = page("timeline/")
    stale = tab.locator("li.fieldnotes-timeline__item--stale")
    assert stale.count() == 1
    badge = stale.locator(".fieldnotes-timeline__entry .fieldnotes-badge--stale")
    assert badge.is_visible()
    dot = stale.evaluate("(el) => getComputedStyle(el, '::after').backgroundColor")
    assert dot == badge.evaluate("(el) => getComputedStyle(el).color")  # the stale colour
    revisited = tab.locator(".fieldnotes-timeline__revisited time")
    assert revisited.get_attribute("datetime") == "2026-01-02"
    fits(tab, "the timeline")
    shot(tab.locator("article.md-content__inner"), f"timeline-{scheme}-{width}")

    tab = page("threads/")
    threads = tab.locator("ul.fieldnotes-threads > li")
    assert threads.count() == 4
    assert threads.first.locator("a").get_attribute("href") == "https://arxiv.org/abs/2104.08663"
    fits(tab, "the Open threads page")
    shot(tab.locator("article.md-content__inner"), f"threads-{scheme}-{width}")


def test_badge_colours_follow_the_scheme(chromium: Any, revisit_site_url: str) -> None:
    colours = {}
    for scheme in SCHEMES:
        context = chromium.new_context(color_scheme="dark" if scheme == "slate" else "light")
        try:
            tab = context.new_page()
            tab.goto(revisit_site_url + "notes/retrieval/", wait_until="load")
            tab.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
            colours[scheme] = tab.locator(f"{STALE} .fieldnotes-badge--stale").evaluate(
                "(el) => getComputedStyle(el).color"
            )
        finally:
            context.close()
    assert colours["default"] != colours["slate"], colours

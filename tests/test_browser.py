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
import os
import shutil
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    FONT_HOSTS,
    IN_PLUGIN_MARKUP_JS,
    OVERFLOW_JS,
    READ_COLOURS_JS,
    REPO,
    SCHEME_SENSITIVE,
    SCREENSHOTS,
    TRANSPARENT,
    SiteUnderTest,
    Targets,
    build_repo_docs,
    choose_targets,
    chromium_or_skip,
    is_plugin_node,
    load_export,
    mkdocs_build,
    serve,
    write_fallback_site,
)

pytestmark = pytest.mark.browser

try:
    import playwright.sync_api as playwright_sync
except ImportError:  # pragma: no cover - depends on the environment
    _MISSING = "Playwright for Python is not installed: pip install 'mkdocs-fieldnotes[test]'"
    if os.environ.get("CI") == "true":
        raise
    pytest.skip(_MISSING, allow_module_level=True)

SCHEMES = ("default", "slate")
WIDTHS = (390, 1280)
PAGES = ("entry", "tags", "tag", "series", "timeline")
AXE_ARTIFACTS = REPO / "test-artifacts" / "axe"
BLOCKING_IMPACTS = ("serious", "critical")


# -- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteUnderTest:
    """The repository's docs site, built with --strict (or the generated fallback)."""
    root = tmp_path_factory.mktemp("browser-site")
    site_dir = root / "site"
    wait = float(os.environ.get("FIELDNOTES_BROWSER_WAIT", "0"))
    problem = build_repo_docs(site_dir, wait_seconds=wait)
    if problem is None:
        return SiteUnderTest(site_dir, "repository docs", load_export(site_dir))
    warnings.warn(
        f"browser tests use a generated site: the repository's docs did not build ({problem})",
        stacklevel=1,
    )
    shutil.rmtree(site_dir, ignore_errors=True)
    config = write_fallback_site(root / "fallback")
    result = mkdocs_build(config, site_dir)
    assert result.returncode == 0, f"fallback site did not build:\n{result.stderr}"
    return SiteUnderTest(site_dir, "generated fallback", load_export(site_dir))


@pytest.fixture(scope="module")
def targets(site: SiteUnderTest) -> Targets:
    """Which entry, tag and series the tests visit."""
    return choose_targets(site.export)


@pytest.fixture(scope="module")
def base_url(site: SiteUnderTest) -> Iterator[str]:
    """The site served over HTTP on 127.0.0.1."""
    with serve(site.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole module."""
    executable = chromium_or_skip()
    with playwright_sync.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Visit:
    """One browser page at one width and scheme, recording console errors."""

    def __init__(self, browser: Any, base_url: str, scheme: str, width: int) -> None:
        self.base_url = base_url
        self.scheme = scheme
        self.width = width
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme="dark" if scheme == "slate" else "light",
            reduced_motion="reduce",
        )
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _route(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host == "127.0.0.1":
            route.continue_()
        else:
            # No network here: fail fast instead of waiting for DNS. Only the font hosts'
            # failures are forgiven (see _console); anything else external is an error.
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "") if message.location else ""
        if any(host in where or host in message.text for host in FONT_HOSTS):
            return
        self.errors.append(f"console: {message.text} ({where})")

    def open(self, path: str) -> None:
        """Load a site-relative ``path`` and force the colour scheme on ``<body>``."""
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None, f"no response for {path}"
        assert response.ok, f"{path}: HTTP {response.status}"
        self.apply_scheme()

    def apply_scheme(self) -> None:
        """Set Material's scheme attribute (the palette follows prefers-color-scheme too)."""
        self.page.evaluate(
            "(s) => document.body.setAttribute('data-md-color-scheme', s)", self.scheme
        )
        actual = self.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert actual == self.scheme

    def h1(self) -> str:
        """Text of the page's main heading (without the permalink)."""
        text: str = self.page.locator("article.md-content__inner h1").first.inner_text()
        return text.replace("¶", "").strip()

    def close(self) -> None:
        """Close the context (and its page)."""
        self.context.close()


@pytest.fixture
def visit(browser: Any, base_url: str) -> Iterator[Any]:
    """Factory: ``visit(scheme, width)`` opens a fresh page; all are closed afterwards."""
    opened: list[Visit] = []

    def make(scheme: str, width: int) -> Visit:
        v = Visit(browser, base_url, scheme, width)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


def assert_clean_console(v: Visit) -> None:
    """No console error and no uncaught exception so far, but one: Material fetches
    ``sitemap.xml`` next to every ``<link rel="alternate">`` of a page (it takes them for
    other languages of the site), so a tag page's feed discovery links give a 404 for
    ``tags/<tag>/sitemap.xml``; documented in docs/feeds.md."""
    errors = [e for e in v.errors if not (" 404 " in e and "/sitemap.xml)" in e)]
    assert not errors, "browser console errors:\n" + "\n".join(errors)


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
    visit: Any, site: SiteUnderTest, targets: Targets, scheme: str, width: int
) -> None:
    """Every card of the entry is visible with its link button and its date, inside the view."""
    entry = next(e for e in site.export["entries"] if e["url"] == targets.entry)
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
    visit: Any, site: SiteUnderTest, targets: Targets, scheme: str, width: int
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

    parts = next(s for s in site.export["series"] if s["url"] == targets.series)["parts"]
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


def test_site_under_test_is_named(site: SiteUnderTest, targets: Targets) -> None:
    """Say which site and pages were used (visible with -rP), and that the pages exist."""
    print(f"browser tests ran against the {site.origin} site: {targets}")
    for path in targets.pages().values():
        assert (site.site_dir / path / "index.html").is_file(), path

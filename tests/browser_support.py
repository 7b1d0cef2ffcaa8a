"""Helpers for the browser tests (``test_browser*.py``): build a site, serve it, find and
launch Chromium, open pages, read the DOM.

Kept apart from the tests so the tests read as a list of what a visitor must see. The
fixtures that use them (one Chromium and one docs site per test process, shared by every
browser test) are in ``conftest.py``.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
import time
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Chrome builds its address bar's popups (two WebUI pages, chrome://omnibox-popup.top-chrome/)
# for every window, so for every browser context a test opens. A headless page never shows
# them, but they cost more CPU than the page under test; they are turned off. Chrome keeps
# only the last --disable-features switch it is given, and Playwright gives one of its own:
# launch_chromium reads that list from a first launch and passes it with these names added.
BROWSER_UI_OFF = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")

# There is no network: Material's Google Fonts requests fail by design, and only those
# failures are forgiven in the console.
FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")

# Material's two schemes and the two widths (a phone, a desktop) every page is checked in.
SCHEMES = ("default", "slate")
WIDTHS = (390, 1280)


def chromium_or_skip() -> str:
    """Path of Debian's Chromium; skip loudly without it (fail on CI, where it must exist)."""
    path = shutil.which("chromium")
    if path is None:
        message = (
            "Chromium not found: install Debian's chromium package (apt-get install chromium) "
            "to run the browser tests"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def playwright_or_skip() -> None:
    """Called as a browser test module is imported: without Playwright for Python the module
    is skipped (under ``CI=true`` the ImportError fails the run instead)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(
            "Playwright for Python is not installed: pip install 'mkdocs-fieldnotes[test]'",
            allow_module_level=True,
        )


# -- the site under test ------------------------------------------------------------------


@dataclass
class SiteUnderTest:
    """A built site: where it is on disk, what was built, and its export."""

    site_dir: Path
    origin: str  # which site: "repository docs" or "generated fallback"
    export: dict[str, Any]


def mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as a user runs it (a subprocess, so the build is the CLI's)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config_file),
            "-d",
            str(site_dir),
        ],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def build_repo_docs(site_dir: Path, wait_seconds: float, poll_seconds: float = 60) -> Optional[str]:
    """Build the repository's own docs site into ``site_dir``; ``None`` on success.

    While ``wait_seconds`` allow it, a missing or failing ``mkdocs.yml`` is tried again every
    ``poll_seconds`` (someone may be writing it). Returns why it could not be built.
    """
    config = REPO / "mkdocs.yml"
    deadline = time.monotonic() + wait_seconds
    while True:
        if config.is_file():
            result = mkdocs_build(config, site_dir)
            if result.returncode == 0:
                return None
            reason = f"mkdocs build --strict failed:\n{result.stderr[-3000:]}"
        else:
            reason = f"{config} does not exist"
        if time.monotonic() + poll_seconds > deadline:
            return reason
        time.sleep(poll_seconds)


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain one-colour PNG (so the fallback site's hero image exists)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


_FALLBACK_ENTRY = """\
---
title: '{title}'
date: '{date}'
summary: {summary}
category: Notebook
series: Retrieval Notes
series_order: {order}
tags: [{tags}]
---

### {card} (Somewhere) — {topic}
Link: https://example.org/{slug}

Date commented: {date}

Commentary on {card}: a sentence long enough to wrap on a phone screen, so that the card body
shows how paragraphs flow next to the meta row.

**Possible links I may attach in the future:** a follow-up post; a talk.

---

### A second resource on {topic}
Link: <https://www.example.com/a/rather/long/path/that/should/not/overflow/the/card>

Date commented: {date}

Short note.
"""

_MKDOCS_YML = """\
site_name: {site_name}
site_url: https://fieldnotes.example.org/
theme:
  name: material
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
plugins:
  - search
  - fieldnotes{options}
"""


def mkdocs_yml(site_name: str, **options: Any) -> str:
    """The ``mkdocs.yml`` of a browser test site: Material with its light and dark schemes
    (a toggle each), permalinks, ``site_url`` (so feeds are on) and the plugin with
    ``options`` (``status_publish_drafts=True`` → ``status_publish_drafts: true``)."""
    lines = "".join(f"\n      {key}: {json.dumps(value)}" for key, value in options.items())
    return _MKDOCS_YML.format(site_name=site_name, options=":" + lines if options else "")


def write_fallback_site(root: Path) -> Path:
    """A small site (the example entry plus three entries sharing a series); its mkdocs.yml."""
    docs = root / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "assets" / "images").mkdir(parents=True)
    (docs / "assets" / "images" / "hero.png").write_bytes(_png(64, 24, (63, 81, 181)))
    (docs / "assets" / "images" / "card.png").write_bytes(_png(32, 32, (63, 81, 181)))
    (docs / "index.md").write_text("# Fieldnotes browser test\n", encoding="utf-8")
    shutil.copy(FIXTURES / "example-entry.md", docs / "notes" / "example-entry.md")
    entries = [
        ("BM25 Revisited", "2025-10-01", "Retrieval, Search/Lexical", "Okapi BM25", "lexical"),
        ("Dense Retrievers", "2025-10-15", "Retrieval, Embeddings", "Dense Passage", "dense"),
        ("Judging Rankers", "2025-11-20", "Evaluation, Search/Metrics", "nDCG at ten", "metrics"),
    ]
    for order, (title, date, tags, card, topic) in enumerate(entries, start=2):
        slug = card.lower().replace(" ", "-")
        text = _FALLBACK_ENTRY.format(
            title=title,
            date=date,
            summary=f"Notes on {topic} retrieval.",
            order=order,
            tags=tags,
            card=card,
            topic=topic,
            slug=slug,
        )
        (docs / "notes" / f"{slug}.md").write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        mkdocs_yml("Fieldnotes browser test", status_publish_drafts=True), encoding="utf-8"
    )
    return config


def build_docs_site(root: Path) -> SiteUnderTest:
    """The repository's docs site, built with ``--strict`` into ``root/site``, or the generated
    fallback site when it does not build (after waiting ``FIELDNOTES_BROWSER_WAIT`` seconds,
    default 0), with a warning saying so."""
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


# -- serving ------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port); yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- the browser ----------------------------------------------------------------------------


def _features_off(browser_type: Any, executable: str) -> list[str]:
    """The ``--disable-features`` switch to add: Playwright's own list, read from the command
    line of a browser launched for it, and ``BROWSER_UI_OFF``. Nothing when that command line
    cannot be read: the browser then runs as Playwright launches it."""
    probe = browser_type.launch(
        executable_path=executable, args=[*CHROMIUM_ARGS, "--enable-automation"]
    )
    try:
        session = probe.new_browser_cdp_session()
        arguments = session.send("Browser.getBrowserCommandLine")["arguments"]
    except Exception:  # pragma: no cover - a Chromium without this DevTools command
        return []
    finally:
        probe.close()
    prefix = "--disable-features="
    given = [a[len(prefix) :] for a in arguments if a.startswith(prefix)]
    names = [name for name in (given[-1] if given else "").split(",") if name]
    return [prefix + ",".join([*names, *(n for n in BROWSER_UI_OFF if n not in names)])]


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (never ``playwright install``)."""
    import playwright.sync_api as playwright_sync

    executable = chromium_or_skip()
    with playwright_sync.sync_playwright() as p:
        args = [*CHROMIUM_ARGS, *_features_off(p.chromium, executable)]
        launched = p.chromium.launch(executable_path=executable, args=args)
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


def assert_clean_console(v: Visit) -> None:
    """No console error and no uncaught exception so far, but one: Material fetches
    ``sitemap.xml`` next to every ``<link rel="alternate">`` of a page (it takes them for
    other languages of the site), so a tag page's feed discovery links give a 404 for
    ``tags/<tag>/sitemap.xml``; documented in docs/feeds.md."""
    errors = [e for e in v.errors if not (" 404 " in e and "/sitemap.xml)" in e)]
    assert not errors, "browser console errors:\n" + "\n".join(errors)


# -- choosing pages -----------------------------------------------------------------------


@dataclass
class Targets:
    """Site-relative URLs of the pages the browser tests visit, and what to expect on them."""

    entry: str
    tag: str
    tag_name: str
    series: str
    series_name: str

    def pages(self) -> dict[str, str]:
        """Page key (used in test ids and screenshot names) → site-relative URL."""
        return {
            "entry": self.entry,
            "tags": "tags/",
            "tag": self.tag,
            "series": self.series,
            "timeline": "timeline/",
        }


def choose_targets(export: dict[str, Any]) -> Targets:
    """The entry with the most cards among those with cards, tags and a series."""
    candidates = [
        e for e in export["entries"] if e.get("cards") and e.get("series") and e.get("tags")
    ]
    assert candidates, "no entry in fieldnotes.json has cards, tags and a series"
    entry = max(candidates, key=lambda e: (len(e["cards"]), e["url"]))
    tag_name = entry["tags"][0]
    tag = next(t for t in export["tags"] if t["name"].casefold() == tag_name.casefold())
    series_name = entry["series"][0] if isinstance(entry["series"], list) else entry["series"]
    series = next(s for s in export["series"] if s["name"] == series_name)
    return Targets(entry["url"], tag["url"], tag["name"], series["url"], series["name"])


def load_export(site_dir: Path) -> dict[str, Any]:
    """The built site's ``fieldnotes.json``."""
    data: dict[str, Any] = json.loads((site_dir / "fieldnotes.json").read_text(encoding="utf-8"))
    return data


# -- in-page checks ----------------------------------------------------------------------

# Colours of plugin elements that must differ between the light and the dark scheme
# ([selector, CSS property] pairs); transitions are switched off so values are final.
SCHEME_SENSITIVE = [
    ["article.fieldnotes-card", "background-color"],
    ["article.fieldnotes-card > p:nth-of-type(2)", "color"],
    ["article.fieldnotes-card .fieldnotes-card__meta", "color"],
    ["article.fieldnotes-card .fieldnotes-card__date::before", "color"],  # label, from data-label
    ["header.fieldnotes-header a.fieldnotes-chip", "color"],
    ["header.fieldnotes-header a.fieldnotes-chip", "background-color"],
    ["header.fieldnotes-header .fieldnotes-header__lede", "color"],
    ["header.fieldnotes-header .fieldnotes-header__meta", "color"],
    ["nav.fieldnotes-series", "background-color"],
]

READ_COLOURS_JS = """
(pairs) => {
  if (!document.getElementById('fieldnotes-test-no-transitions')) {
    const style = document.createElement('style');
    style.id = 'fieldnotes-test-no-transitions';
    style.textContent = '*, *::before, *::after { transition: none !important; }';
    document.head.appendChild(style);
  }
  return pairs.map(([selector, prop]) => {
    const [base, pseudo] = selector.split('::');
    const el = document.querySelector(base);
    return el ? getComputedStyle(el, pseudo ? '::' + pseudo : null).getPropertyValue(prop) : null;
  });
}
"""

TRANSPARENT = ("rgba(0, 0, 0, 0)", "transparent")


# Elements inside .md-content whose right edge passes the viewport. An element clipped by a
# scrolling/hidden-overflow ancestor that itself fits is fine (code blocks, wide tables).
OVERFLOW_JS = """
() => {
  const limit = window.innerWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    for (const c of el.classList) s += '.' + c;
    return s;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(describe(e));
    }
    return parts.join(' > ');
  };
  const content = document.querySelector('.md-content');
  const clipped = (el) => {
    // Only containers inside the content count: <html> hides overflow-x, which cuts the
    // content off rather than making it fit.
    for (let a = el.parentElement; a && a !== content; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox !== 'visible') return a.getBoundingClientRect().right <= limit + 0.5;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > limit + 0.5 && !clipped(el)) {
      out.push(`${path(el)} (right=${Math.round(r.right)}, viewport=${limit})`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: limit,
    offenders: out.slice(0, 20),
  };
}
"""

# Whether an axe node (by its CSS target) is, or is inside, the plugin's markup.
IN_PLUGIN_MARKUP_JS = """
(selector) => {
  let el;
  try { el = document.querySelector(selector); } catch (e) { return false; }
  if (!el) return false;
  return el.closest('[class*="fieldnotes-"], article.fieldnotes-card') !== null;
}
"""


_PLUGIN_CLASS = re.compile(r"""\bclass=["'][^"']*\bfieldnotes-""")


def is_plugin_node(node: dict[str, Any], in_dom: Callable[[str], bool]) -> bool:
    """An axe violation node belongs to the plugin when its HTML, its target or an ancestor
    carries a ``fieldnotes-`` class (the site's name may contain "fieldnotes": not enough)."""
    if _PLUGIN_CLASS.search(node.get("html", "")):
        return True
    for target in node.get("target", []):
        if isinstance(target, str):
            if "fieldnotes-" in target or in_dom(target):
                return True
        elif any("fieldnotes-" in str(part) for part in target):
            return True
    return False

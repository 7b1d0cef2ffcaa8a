"""Shared fixtures: build real MkDocs sites in temporary folders and read what they produce.

``build_site`` writes files and an ``mkdocs.yml``, runs MkDocs the way the CLI does
(``on_startup`` → ``build`` → ``on_shutdown``) with ``strict`` on, and returns a ``Built``
with helpers to parse pages and the JSON export. Every WARNING logged by MkDocs or a plugin
is captured: a test must claim each one with ``built.expect_warning(...)`` (exact text), or
the ``_no_unexpected_warnings`` check at teardown fails the test.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, Optional, Union

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.theme import Theme

from mkdocs_fieldnotes.render import CompiledTemplates

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The date cards' ages count to (revisit.reference_day) is fixed for every build the tests run,
# here and in subprocesses, so that which cards are aging or stale does not depend on the day
# the suite runs. 1768435200 is 2026-01-15 00:00 UTC. Tests of the clock fallback unset it.
REFERENCE_EPOCH = "1768435200"
os.environ["SOURCE_DATE_EPOCH"] = REFERENCE_EPOCH

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The real user's entry, in the read-only shared/ folder beside the repository (CI lays it
# out the same way); tests that need it skip loudly when it is absent.
REFERENCE = next(
    (
        path
        for path in (
            REPO.parent / "shared" / "reference" / "field-notes-example.md",
            Path("/work/shared/reference/field-notes-example.md"),
        )
        if path.is_file()
    ),
    REPO.parent / "shared" / "reference" / "field-notes-example.md",
)


class _ThemeLoader(jinja2.FileSystemLoader):
    """MkDocs' loader for a theme, listing each installed folder once per test process.

    Every build lists every file of the theme (``Files.add_files_from_theme``: Material has
    thousands) by walking its folders: a quarter of a small site's build. The folders of
    installed packages (Material's, MkDocs' themes) do not change while the tests run, so
    their listing is kept; every other folder (a test's ``custom_dir``, the plugin's own
    templates) is walked again for every build, as MkDocs does.
    """

    installed: ClassVar[tuple[str, ...]] = tuple(
        os.path.normpath(path)
        for path in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    )
    listings: ClassVar[dict[tuple[str, bool], list[str]]] = {}

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            key = (os.path.normpath(searchpath), self.followlinks)
            listing = self.listings.get(key)
            if listing is None:
                walker = jinja2.FileSystemLoader([searchpath], self.encoding, self.followlinks)
                listing = walker.list_templates()
                if key[0].startswith(tuple(d + os.sep for d in self.installed)):
                    self.listings[key] = listing
            found.update(listing)
        return sorted(found)


THEME_GET_ENV = Theme.get_env
"""MkDocs' own ``Theme.get_env``, for a test that needs an environment without the cache below."""


def _speed_up_theme_environments() -> None:
    # The plugin's own cache of compiled templates (mkdocs serve keeps the plugin's): the key
    # holds the template's source checksum and every setting that changes its code, so what
    # a build writes is the same byte for byte.
    cache = CompiledTemplates()
    get_env = Theme.get_env

    def get_env_with_cache(self: Theme) -> jinja2.Environment:
        env = get_env(self)
        env.bytecode_cache = cache
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = _ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    Theme.get_env = get_env_with_cache  # type: ignore[method-assign]


# The two caches above make the builds run in this process (build_site, test_rebuilds.py...)
# about five times faster (0.51 -> 0.10 CPU-seconds for a small site); what they write is the
# same byte for byte (checked: the 341 such builds of the suite but test_fuzz.py's random ones,
# with and without them).
# Builds in subprocesses (``mkdocs build``/``serve``, the ``fieldnotes`` command) are not
# affected. ``FIELDNOTES_TEST_TEMPLATE_CACHE=0`` turns both off.
if os.environ.get("FIELDNOTES_TEST_TEMPLATE_CACHE", "1") != "0":
    _speed_up_theme_environments()


# -- running in parallel (pytest-xdist) -----------------------------------------------------
# pyproject.toml runs the suite with ``-n auto --dist worksteal``: one worker process per CPU,
# each with its own temporary folder (tmp_path, tmp_path_factory) and its own session-scoped
# fixtures. Nothing is shared between workers: sites are built under tmp_path, servers listen
# on free ports, each worker launches its own Chromium.


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Without pytest-xdist (``-p no:xdist``, or not installed), accept and ignore the
    ``-n``/``--dist`` options pyproject.toml gives, so the suite runs in one process."""
    if pluginmanager.has_plugin("xdist"):
        return
    group = parser.getgroup("xdist", "pytest-xdist is not active: these options are ignored")
    group._addoption("-n", "--numprocesses", dest="numprocesses", default=0)
    group._addoption("--dist", dest="dist", default="no")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def plugin_message(text: str) -> str:
    """A plugin warning as MkDocs prints it (with the logger prefix)."""
    return f"mkdocs_fieldnotes: {text}"


class Built:
    """The result of one build."""

    def __init__(self, root: Path, site_dir: Path, warnings: list[str], aborted: bool) -> None:
        self.root = root
        self.site_dir = site_dir
        self.warnings = warnings
        self.aborted = aborted
        self._claimed: set[int] = set()

    def page(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a built page, by its path inside site_dir."""
        path = self.site_dir / url_path
        if path.is_dir() or url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def exists(self, url_path: str) -> bool:
        """Whether a file exists in site_dir."""
        return (self.site_dir / url_path).exists()

    def export(self, name: str = "fieldnotes.json") -> Any:
        """The parsed JSON export."""
        return json.loads((self.site_dir / name).read_text(encoding="utf-8"))

    def search_index(self) -> Any:
        """The parsed search index (Material's or MkDocs' search plugin)."""
        return json.loads((self.site_dir / "search" / "search_index.json").read_text("utf-8"))

    def expect_warning(self, text: str) -> None:
        """Claim one warning whose message is exactly ``text`` (plugin prefix included)."""
        for i, message in enumerate(self.warnings):
            if i not in self._claimed and message == text:
                self._claimed.add(i)
                return
        raise AssertionError(f"warning not logged: {text!r}\nlogged: {self.warnings!r}")

    def expect_plugin_warning(self, text: str) -> None:
        """Claim one warning of this plugin (``text`` without the logger prefix)."""
        self.expect_warning(plugin_message(text))

    def expect_warning_matching(self, pattern: str) -> None:
        """Claim one warning matching the regular expression ``pattern``."""
        for i, message in enumerate(self.warnings):
            if i not in self._claimed and re.search(pattern, message):
                self._claimed.add(i)
                return
        raise AssertionError(f"no warning matches {pattern!r}\nlogged: {self.warnings!r}")

    @property
    def unclaimed(self) -> list[str]:
        """Warnings no test has claimed."""
        return [m for i, m in enumerate(self.warnings) if i not in self._claimed]


def write_project(root: Path, files: dict[str, Union[str, bytes]], config: dict[str, Any]) -> Path:
    """A project for a subprocess to build: ``files`` (text or bytes) in ``root/docs`` and
    ``config`` as ``root/mkdocs.yml``; returns ``root``."""
    for name, content in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return root


def run_python(
    args: list[str],
    cwd: Path,
    *,
    env: Optional[dict[str, str]] = None,
    without_pythonpath: bool = False,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` (this interpreter) in ``cwd``, as a user's shell or CI runs it: output
    captured as text, a failure returned rather than raised. ``env`` is added to this
    process' environment; ``without_pythonpath`` drops ``PYTHONPATH``, so the subprocess
    imports what is installed, as a user's would."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    if without_pythonpath:
        environment.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def tree_digest(root: Path) -> dict[str, str]:
    """SHA-256 of every file below ``root`` (relative POSIX path → hex digest)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def feeds_off(item: Any) -> Any:
    """A ``plugins:`` item with the plugin's feeds turned off, unless it sets a feeds option.

    Feeds need ``site_url``; without it a build with dated cards warns once (see
    ``test_feeds.py``). A test site without ``site_url`` that says nothing of feeds gets
    ``feeds: false``, so the other tests build what they built before feeds existed.
    """
    if item == "fieldnotes":
        return {"fieldnotes": {"feeds": False}}
    if isinstance(item, dict) and isinstance(item.get("fieldnotes"), dict):
        options = item["fieldnotes"]
        if not any(str(key).startswith("feeds") for key in options):
            return {**item, "fieldnotes": {**options, "feeds": False}}
    return item


def revisit_pages_off(item: Any) -> Any:
    """A ``plugins:`` item with the Revisit and Open threads pages turned off, unless it sets
    an option of theirs (``revisit*``, ``threads*``), so that the tests written before those
    pages existed build what they built then (``test_revisit_build.py`` tests the pages)."""
    if item == "fieldnotes":
        item = {"fieldnotes": {}}
    if isinstance(item, dict) and isinstance(item.get("fieldnotes"), dict):
        options = item["fieldnotes"]
        if not any(str(key).startswith(("revisit", "threads")) for key in options):
            return {**item, "fieldnotes": {**options, "revisit": False, "threads": False}}
    return item


def facet_pages_off(item: Any) -> Any:
    """A ``plugins:`` item with the Sources and Topics pages turned off, unless it sets an
    option of theirs (``sources*``, ``topics*``), so that the tests written before those pages
    existed build what they built then (``test_facets_build.py`` tests the pages)."""
    if item == "fieldnotes":
        item = {"fieldnotes": {}}
    if isinstance(item, dict) and isinstance(item.get("fieldnotes"), dict):
        options = item["fieldnotes"]
        if not any(str(key).startswith(("sources", "topics")) for key in options):
            return {**item, "fieldnotes": {**options, "sources": False, "topics": False}}
    return item


class SiteFactory:
    """Creates and builds sites under one temporary folder."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.builds: list[Built] = []
        self._count = 0

    def __call__(
        self,
        files: dict[str, Union[str, bytes]],
        config: Optional[dict[str, Any]] = None,
        *,
        plugin: Optional[dict[str, Any]] = None,
        strict: bool = True,
        serve: bool = False,
        use_directory_urls: bool = True,
        theme: Union[str, dict[str, Any]] = "material",
        root: Optional[Path] = None,
    ) -> Built:
        """Write ``files`` into ``docs/`` and build. ``plugin`` are fieldnotes options."""
        self._count += 1
        root = root or self.tmp_path / f"site{self._count}"
        docs = root / "docs"
        for name, content in files.items():
            path = docs / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        docs.mkdir(parents=True, exist_ok=True)
        cfg: dict[str, Any] = {
            "site_name": "Test site",
            "theme": {"name": theme} if isinstance(theme, str) else theme,
            "use_directory_urls": use_directory_urls,
            "markdown_extensions": ["toc", "attr_list"],
            "plugins": ["search", {"fieldnotes": plugin or {}}],
        }
        cfg.update(config or {})
        if "site_url" not in cfg and isinstance(cfg["plugins"], list):
            cfg["plugins"] = [feeds_off(item) for item in cfg["plugins"]]
        if isinstance(cfg["plugins"], list):
            cfg["plugins"] = [revisit_pages_off(item) for item in cfg["plugins"]]
            cfg["plugins"] = [facet_pages_off(item) for item in cfg["plugins"]]
        (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
        return self.build(root, strict=strict, serve=serve)

    def build(self, root: Path, *, strict: bool = True, serve: bool = False) -> Built:
        """Build the site at ``root`` again (files as they are now)."""
        collector = _Collector()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collector)
        aborted = False
        try:
            cfg = load_config(str(root / "mkdocs.yml"), strict=strict)
            cfg.plugins.on_startup(command="serve" if serve else "build", dirty=False)
            try:
                mkdocs_build.build(cfg, serve_url="http://127.0.0.1:8000/" if serve else None)
            except Abort:
                aborted = True
            finally:
                cfg.plugins.on_shutdown()
        finally:
            logger.removeHandler(collector)
        messages = [r.getMessage() for r in collector.records]
        built = Built(root, Path(cfg.site_dir), messages, aborted)
        self.builds.append(built)
        return built


@pytest.fixture(scope="module", params=[True, False], ids=["dir-urls", "file-urls"])
def use_dirs(request: pytest.FixtureRequest) -> bool:
    """Both values of MkDocs' use_directory_urls, for module-scoped shared builds."""
    return bool(request.param)


@pytest.fixture
def build_site(tmp_path: Path) -> Iterator[SiteFactory]:
    """Build sites; fails the test on any warning it did not claim."""
    factory = SiteFactory(tmp_path)
    yield factory
    leftovers = [(b.root.name, w) for b in factory.builds for w in b.unclaimed]
    if leftovers:
        pytest.fail(f"unexpected warnings: {leftovers!r}", pytrace=False)
    for built in factory.builds:
        if built.aborted and not built._claimed:
            pytest.fail(f"{built.root.name}: strict build aborted", pytrace=False)


ENTRY = """\
---
title: '{title}'
date: '2025-12-14'
tags: [{tags}]
---

### First resource (Somewhere) — a topic
Link: https://example.org/first

Date commented: 14 Dec 2025

Commentary about the first resource. Second sentence.
"""


# -- helpers for the build tests (test_build_*.py) ---------------------------------------


def page_file(src_uri: str, use_directory_urls: bool) -> str:
    """Path inside site_dir of the page built from ``src_uri``.

    ``notes/a.md`` → ``notes/a/index.html`` (directory URLs) or ``notes/a.html``;
    ``tags/index.md`` → ``tags/index.html`` either way.
    """
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return f"{stem}/index.html" if use_directory_urls else f"{stem}.html"


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """URL (relative to the site root) MkDocs gives the page built from ``src_uri``."""
    path = page_file(src_uri, use_directory_urls)
    if use_directory_urls and path.endswith("index.html"):
        return path[: -len("index.html")]
    return path


def resolve_href(built: Built, from_file: str, href: str) -> tuple[str, str]:
    """Follow a relative ``href`` found in the page ``from_file`` (a path inside site_dir).

    Returns ``(target file inside site_dir, fragment)``; a directory gets its
    ``index.html``. Fails the test for an absolute URL (another host or a scheme).
    """
    from urllib.parse import unquote, urljoin, urlsplit

    base = "https://site.invalid/"
    parts = urlsplit(urljoin(base + from_file, href))
    if f"{parts.scheme}://{parts.netloc}/" != base:
        raise AssertionError(f"{href!r} in {from_file} leaves the site")
    path = unquote(parts.path[1:])
    if path == "" or path.endswith("/") or (built.site_dir / path).is_dir():
        path = f"{path.rstrip('/')}/index.html".lstrip("/")
    return path, parts.fragment


def follow(built: Built, from_file: str, href: str) -> tuple[str, BeautifulSoup]:
    """Follow ``href`` from ``from_file``; assert the target exists (and its anchor, if any).

    Returns the target's path inside site_dir and its parsed HTML.
    """
    path, fragment = resolve_href(built, from_file, href)
    assert (built.site_dir / path).is_file(), f"{href!r} in {from_file} → missing {path}"
    soup = built.page(path)
    if fragment:
        assert soup.find(id=fragment) is not None, f"{href!r} in {from_file}: no #{fragment}"
    return path, soup


def fieldnotes_classes(soup: BeautifulSoup) -> list[str]:
    """Every ``fieldnotes-*`` class used by an element of ``soup``."""
    return [
        cls
        for element in soup.find_all(class_=True)
        for cls in element.get("class", [])
        if cls.startswith("fieldnotes")
    ]


def main_content(soup: BeautifulSoup) -> Any:
    """The page's own content (Material's ``article.md-content__inner``), without nav."""
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "not a Material page"
    return article


def text_of(element: Any) -> str:
    """Visible text with whitespace collapsed, without the ``¶`` permalinks of headings."""
    strings = [
        s for s in element.find_all(string=True) if not s.find_parent("a", class_="headerlink")
    ]
    return " ".join("".join(strings).split())


# -- the browser tests (test_browser*.py) ---------------------------------------------------
# One Chromium and one build of the repository's docs site per test process (each
# pytest-xdist worker has its own, in its own temporary folder, served on a free port), shared
# by every browser test that process runs; each test opens its pages in a new browser context.


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, launched through Playwright."""
    from browser_support import launch_chromium

    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The repository's docs site, built with --strict (or the generated fallback)."""
    from browser_support import build_docs_site

    return build_docs_site(tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="session")
def docs_site_url(docs_site: Any) -> Iterator[str]:
    """The docs site served over HTTP on 127.0.0.1."""
    from browser_support import serve

    with serve(docs_site.site_dir) as url:
        yield url


@pytest.fixture
def visit(chromium: Any, docs_site_url: str) -> Iterator[Any]:
    """Factory: ``visit(scheme, width)`` opens a fresh page of the docs site; all are closed
    afterwards."""
    from browser_support import Visit

    opened: list[Visit] = []

    def make(scheme: str, width: int) -> Visit:
        v = Visit(chromium, docs_site_url, scheme, width)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()

"""Compatibility: MkDocs' own themes, Material's ``tags`` and ``blog`` plugins, ProperDocs.

- ``mkdocs`` and ``readthedocs`` themes: cards, the stylesheet and the entry title work
  without Material (the entry header adds the ``<h1>`` those themes do not).
- Material's ``tags`` and ``blog`` plugins next to ``fieldnotes`` (``- tags`` is Material's
  plugin, ``- fieldnotes`` this one). What happens, precisely, is in the docstrings below;
  tests marked ``xfail(strict=True)`` show plugin bugs and start failing once they are fixed.
- ProperDocs (the maintained MkDocs 1.x continuation, ``properdocs`` on PyPI): a fresh venv
  with ProperDocs and this package builds the repository's own docs site with ``--strict``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, Built, SiteFactory, resolve_href, text_of

CSS = "assets/fieldnotes/fieldnotes.css"

NO_H1 = """\
---
title: Reading without a heading
date: 2025-12-14
category: Reading list
series: Foundations
tags: [ML/Transformers, Python]
---

Intro paragraph, no heading above it.

### Chinchilla (arXiv) — compute-optimal training
Link: https://arxiv.org/abs/2203.15556

Date commented: 14 Dec 2025

Fewer parameters, more tokens.
"""

WITH_H1 = """\
---
date: 2025-12-10
category: Reading list
series: Foundations
tags: [python]
---

# Tooling, with its own heading

### Ruff (Astral) — linting
Link: https://docs.astral.sh/ruff/

Date commented: 2025-12-01

Fast.
"""

SITE = {"index.md": "# Home\n\nStart here.\n", "notes/a.md": NO_H1, "notes/b.md": WITH_H1}

# A hook that records every page and file the build writes (after all plugins' on_files
# and on_nav ran), so tests can find two files written to the same place.
PROBE = """\
import json, os

def on_env(env, config, files):
    rows = [
        {"src": f.src_uri, "dest": f.dest_uri, "url": f.url, "page": f.is_documentation_page()}
        for f in files
        if f.inclusion.is_included()
    ]
    out = os.path.join(os.path.dirname(config.config_file_path), "written.json")
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(rows, handle)
    return env
"""


def probe_hook(tmp_path: Path) -> str:
    """Path of the recording hook (outside docs_dir, so it is not published)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "probe_hook.py"
    path.write_text(PROBE, "utf-8")
    return str(path)


def written(built: Built) -> list[dict[str, Any]]:
    """What the probe hook recorded for ``built``."""
    rows = json.loads((built.root / "written.json").read_text("utf-8"))
    assert isinstance(rows, list)
    return rows


def duplicates(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Destination paths written by more than one file, with their sources."""
    counts = Counter(r["dest"] for r in rows)
    return {d: sorted(r["src"] for r in rows if r["dest"] == d) for d, n in counts.items() if n > 1}


def main_area(soup: BeautifulSoup, theme: str) -> Any:
    """The page's content area in each theme (without nav and sidebars)."""
    selector = "article.md-content__inner" if theme == "material" else '[role="main"]'
    area = soup.select_one(selector)
    assert area is not None, f"no {selector} in the page"
    return area


# -- MkDocs' built-in themes --------------------------------------------------------------


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """``theme_site(theme)``: ``SITE`` built with that theme, once per theme for the
    read-only tests below."""
    factory = SiteFactory(tmp_path_factory.mktemp("themes"))
    builds: dict[str, Built] = {}

    def get(theme: str) -> Built:
        if theme not in builds:
            built = factory(SITE, theme=theme)
            assert built.unclaimed == [], "the shared site must build without any warning"
            builds[theme] = built
        return builds[theme]

    return get


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_builtin_themes_render_cards_and_link_the_stylesheet(
    theme_site: Callable[[str], Built], theme: str
) -> None:
    built = theme_site(theme)
    assert not built.aborted
    assert built.exists(CSS)
    for page in ("notes/a/index.html", "notes/b/index.html", "tags/index.html"):
        soup = built.page(page)
        sheets = [link["href"] for link in soup.head.select('link[rel="stylesheet"]')]
        ours = [href for href in sheets if href.endswith(CSS)]
        assert len(ours) == 1, (page, sheets)
        assert resolve_href(built, page, ours[0]) == (CSS, "")

    soup = built.page("notes/a/index.html")
    (card,) = main_area(soup, theme).select("article.fieldnotes-card")
    assert card["data-card-id"] == "chinchilla"
    assert card.find(id="chinchilla") is not None
    link = card.select_one("a.fieldnotes-card__link")
    assert link is not None
    assert link["href"] == "https://arxiv.org/abs/2203.15556"
    assert text_of(link) == "arxiv.org"
    time = card.select_one(".fieldnotes-card__meta time")
    assert time is not None
    assert time["datetime"] == "2025-12-14"
    chips = {a["href"] for a in soup.select("header.fieldnotes-header a.fieldnotes-chip")}
    assert chips == {"../../tags/ml/transformers/", "../../tags/python/"}


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_entry_title_is_shown_once_with_or_without_a_markdown_h1(
    theme_site: Callable[[str], Built], theme: str
) -> None:
    """Material adds an ``<h1>`` itself; for other themes the entry header adds it."""
    built = theme_site(theme)

    area = main_area(built.page("notes/a/index.html"), theme)
    (h1,) = area.find_all("h1")
    assert text_of(h1) == "Reading without a heading"
    header = area.select_one("header.fieldnotes-header")
    assert header is not None
    if theme == "material":
        assert h1.find_parent("header", class_="fieldnotes-header") is None
    else:
        assert h1.find_parent("header") is header
        assert h1["class"] == ["fieldnotes-header__title"]

    area = main_area(built.page("notes/b/index.html"), theme)
    (h1,) = area.find_all("h1")
    assert text_of(h1) == "Tooling, with its own heading"
    assert h1.find_parent("header") is None
    assert area.select_one("header.fieldnotes-header h1") is None


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_builtin_themes_title_generated_pages_once(
    theme_site: Callable[[str], Built], theme: str
) -> None:
    built = theme_site(theme)
    titles = {
        "tags/index.html": "Tags",
        "tags/python/index.html": "Tag: Python",
        "series/foundations/index.html": None,
        "categories/reading-list/index.html": None,
        "timeline/index.html": None,
    }
    for page, title in titles.items():
        h1s = main_area(built.page(page), theme).find_all("h1")
        assert len(h1s) == 1, (page, h1s)
        if title is not None:
            assert text_of(h1s[0]) == title


# -- Material's tags and blog plugins -----------------------------------------------------

BLOG_POST = """\
---
date: 2025-11-02
categories: [News]
tags: [Python]
---

# Hello from the blog

First post.

<!-- more -->

The rest.
"""

# Material's documented long form of a post date: fieldnotes would reject this mapping
# ("expected a date, got a mapping") if it read blog posts.
BLOG_POST_DATE_MAPPING = """\
---
date:
  created: 2025-10-01
  updated: 2025-10-05
categories: [News]
---

# Second post

Text.
"""

BLOG_SITE = {
    **SITE,
    "blog/index.md": "# Blog\n",
    "blog/posts/hello.md": BLOG_POST,
    "blog/posts/second.md": BLOG_POST_DATE_MAPPING,
}


def material_site(
    build_site: SiteFactory, tmp_path: Path, plugins: list[Any], files: dict[str, str]
) -> Built:
    """A Material site with ``plugins`` and the recording hook."""
    return build_site(files, {"plugins": plugins, "hooks": [probe_hook(tmp_path)]})


def test_material_tags_and_blog_listed_before_fieldnotes_coexist(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    """``plugins: [search, tags, blog, fieldnotes]`` builds strict, with no clashes.

    Blog posts are not fieldnotes entries: both ``on_files`` run at priority -50, so in
    this order Material's blog runs first and marks its posts EXCLUDED until its
    ``on_nav``; fieldnotes only reads pages included in the build at that point.
    """
    built = material_site(build_site, tmp_path, ["search", "tags", "blog", "fieldnotes"], BLOG_SITE)
    assert not built.aborted

    rows = written(built)
    assert duplicates(rows) == {}
    pages = {r["src"]: r["url"] for r in rows if r["page"]}
    assert pages["blog/posts/hello.md"] == "blog/2025/11/02/hello-from-the-blog/"
    assert pages["blog/posts/second.md"] == "blog/2025/10/01/second-post/"
    for src in ("tags/index.md", "series/index.md", "categories/index.md", "timeline/index.md"):
        assert src in pages, src
    # The blog's generated views and ours live in different folders.
    blog_views = {u for u in pages.values() if u.startswith("blog/")}
    assert {"blog/", "blog/archive/2025/", "blog/category/news/"} <= blog_views
    ours = {u for s, u in pages.items() if s.split("/")[0] in {"tags", "series", "categories"}}
    assert not any(u.startswith("blog/") for u in ours)

    # Two exports side by side: Material's tags.json and ours.
    assert built.exists("tags.json")
    export = built.export()
    assert {e["source_path"] for e in export["entries"]} == {"notes/a.md", "notes/b.md"}
    assert {t["name"] for t in export["tags"]} == {"ML", "ML/Transformers", "Python"}

    # Each tag once on our tag index; 'Python' and 'python' are one tag.
    rows_text = [
        text_of(tr.find("td"))
        for tr in built.page("tags/index.html").select("table.fieldnotes-term-table tbody tr")
    ]
    assert rows_text == ["ML", "ML/Transformers", "Python"]
    # The blog post tagged 'Python' is not counted on our tag page.
    python = built.page("tags/python/index.html")
    listed = {a["href"] for a in python.select("article.md-content__inner a[href]")}
    assert "../../notes/a/" in listed
    assert "../../notes/b/" in listed
    assert not any("blog/" in href for href in listed)

    # Blog posts keep Material's rendering only (no fieldnotes header).
    post = built.page("blog/2025/11/02/hello-from-the-blog/index.html")
    assert post.select_one("header.fieldnotes-header") is None
    assert [text_of(t) for t in post.select(".md-tags .md-tag")] == ["Python"]


def test_material_tags_shows_its_own_tag_row_on_entries(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    """Both plugins read ``tags:``. Material renders its tag row above the content
    (``span.md-tag``, not links, as no Material tags listing is configured), so by default
    (``tags_chips: auto``) the entry header leaves its chips out: one row of tags, not two.
    ``tags_chips: always`` shows both; with Material's row turned off (``tags: {tags: false}``)
    the chips come back."""
    built = material_site(build_site, tmp_path, ["search", "tags", "fieldnotes"], SITE)
    soup = built.page("notes/a/index.html")
    material_row = soup.select(".md-tags .md-tag")
    assert [text_of(t) for t in material_row] == ["ML/Transformers", "Python"]
    assert all(t.name == "span" for t in material_row)
    assert soup.select("header.fieldnotes-header .fieldnotes-chips") == []
    assert soup.select("header.fieldnotes-header") != []

    both = material_site(
        build_site,
        tmp_path / "both",
        ["search", "tags", {"fieldnotes": {"tags_chips": "always"}}],
        SITE,
    )
    soup = both.page("notes/a/index.html")
    assert len(soup.select(".md-tags .md-tag")) == 2
    chips = [text_of(a) for a in soup.select("header.fieldnotes-header a.fieldnotes-chip")]
    assert chips == ["ML/Transformers", "Python"]

    quiet = material_site(
        build_site, tmp_path / "quiet", ["search", {"tags": {"tags": False}}, "fieldnotes"], SITE
    )
    soup = quiet.page("notes/a/index.html")
    assert soup.select(".md-tags .md-tag") == []
    assert len(soup.select("header.fieldnotes-header a.fieldnotes-chip")) == 2


def test_material_tags_rejects_the_single_string_form_of_tags(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    """fieldnotes accepts ``tags: Python`` (one tag as a string); Material's tags plugin
    stops the build on it. With Material's tags plugin on, write tags as a list."""
    files = {
        **SITE,
        "notes/c.md": "---\ntitle: C\ndate: 2025-12-01\ntags: Python\nfieldnotes: true\n---\n\nText.\n",
    }
    built = material_site(build_site, tmp_path, ["search", "tags", "fieldnotes"], files)
    assert built.aborted
    built.expect_warning("Error reading page 'notes/c.md':")
    built.expect_warning_matching(
        r"^Error reading tags of page 'notes/c\.md' in '.*docs':\n"
        r"Expected iterable tags, but received: Python$"
    )

    alone = material_site(build_site, tmp_path / "alone", ["search", "fieldnotes"], files)
    assert not alone.aborted
    entry = next(e for e in alone.export()["entries"] if e["source_path"] == "notes/c.md")
    assert entry["tags"] == ["Python"]


def test_fieldnotes_listed_before_blog_exports_the_posts_real_urls(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    files = {**SITE, "blog/index.md": "# Blog\n", "blog/posts/hello.md": BLOG_POST}
    built = material_site(build_site, tmp_path, ["search", "fieldnotes", "tags", "blog"], files)
    assert not built.aborted
    pages = {r["src"]: r["url"] for r in written(built) if r["page"]}
    assert pages["blog/posts/hello.md"] == "blog/2025/11/02/hello-from-the-blog/"
    # Whether or not blog posts should be entries, each exported URL must be a real page.
    exported = {e["source_path"]: e["url"] for e in built.export()["entries"]}
    assert {s: pages[s] for s in exported} == exported


def test_user_tags_md_and_generated_tag_index_do_not_share_a_url(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    """docs/tags.md (Material's tags page) is written where the tag index goes: without the
    listings marker it is left as Material builds it, and no second page takes its URL."""
    files = {**SITE, "tags.md": "# Tags\n\n<!-- material/tags -->\n"}
    built = material_site(build_site, tmp_path, ["search", "tags", "fieldnotes"], files)
    assert duplicates(written(built)) == {}
    page = built.page("tags/index.html")
    assert page.find(id="tag:python") is not None  # Material's own listing is kept
    assert page.select("table.fieldnotes-term-table") == []


def test_user_tags_md_clash_disappears_with_another_tags_path(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    """The workaround for the clash above: move fieldnotes' tag pages elsewhere."""
    files = {**SITE, "tags.md": "# Tags\n\n<!-- material/tags -->\n"}
    plugins = ["search", "tags", {"fieldnotes": {"tags_path": "topics"}}]
    built = material_site(build_site, tmp_path, plugins, files)
    assert duplicates(written(built)) == {}
    material_index = built.page("tags/index.html")
    assert material_index.select_one("header.fieldnotes-header") is None
    assert material_index.select_one("table.fieldnotes-term-table") is None
    assert material_index.find(id="tag:python") is not None
    ours = built.page("topics/index.html")
    assert len(ours.select("table.fieldnotes-term-table tbody tr")) == 3


# -- ProperDocs ------------------------------------------------------------------------------

PROPERDOCS = "properdocs>=1.6.6"


def _run(args: list[Any], *, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def properdocs_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with ProperDocs and this package (editable) from the package registry."""
    root = tmp_path_factory.mktemp("properdocs")
    probe = _run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-d", root / "probe", PROPERDOCS],
        cwd=root,
        timeout=300,
    )
    if probe.returncode != 0:
        pytest.skip(
            "PACKAGE REGISTRY UNREACHABLE: cannot download "
            f"{PROPERDOCS!r}, so ProperDocs compatibility was NOT tested.\n"
            + (probe.stdout + probe.stderr)[-2000:]
        )
    venv = root / "venv"
    created = _run([sys.executable, "-m", "venv", venv], cwd=root)
    assert created.returncode == 0, created.stdout + created.stderr
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = _run([python, "-m", "pip", "install", PROPERDOCS, "-e", REPO], cwd=root)
    assert install.returncode == 0, (install.stdout + install.stderr)[-4000:]
    return venv


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.mark.slow
def test_properdocs_finds_the_plugin_through_the_mkdocs_entry_point(
    properdocs_venv: Path,
) -> None:
    """ProperDocs reads the ``mkdocs.plugins`` and ``properdocs.plugins`` groups, so the
    ``mkdocs.plugins`` entry point in pyproject.toml is enough."""
    code = (
        "import properdocs.plugins as p; ep = p.get_plugins()['fieldnotes']; "
        "print(ep.group, ep.value)"
    )
    result = _run([_venv_bin(properdocs_venv, "python"), "-c", code], cwd=properdocs_venv)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["mkdocs.plugins", "mkdocs_fieldnotes.plugin:FieldnotesPlugin"]


@pytest.mark.slow
def test_properdocs_builds_the_repository_docs_strict(
    properdocs_venv: Path, tmp_path: Path
) -> None:
    config = REPO / "mkdocs.yml"
    if not config.is_file():
        pytest.skip(f"NOT TESTED: the repository has no docs site config at {config}")
    site = tmp_path / "site"
    result = _run(
        [_venv_bin(properdocs_venv, "properdocs"), "build", "--strict", "-f", config, "-d", site],
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output

    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    generator = home.find("meta", attrs={"name": "generator"})
    assert generator is not None
    assert "ProperDocs" in generator["content"], generator
    assert (site / CSS).is_file()
    export = json.loads((site / "fieldnotes.json").read_text("utf-8"))
    assert export["entries"], "the docs site has no entries"
    for entry in export["entries"]:
        path = site / entry["url"]
        page = path / "index.html" if entry["url"].endswith("/") or entry["url"] == "" else path
        assert page.is_file(), entry["url"]
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert soup.select_one("header.fieldnotes-header") is not None, entry["url"]
        cards = soup.select("article.fieldnotes-card")
        assert len(cards) == len(entry["cards"]), entry["url"]
    for folder in ("tags", "series", "categories", "timeline"):
        assert (site / folder / "index.html").is_file(), folder


@pytest.mark.slow
def test_properdocs_strict_counts_plugin_warnings(properdocs_venv: Path, tmp_path: Path) -> None:
    """The plugin logs through ``get_plugin_logger``; under ProperDocs that is ProperDocs'
    logger, so ``--strict`` still fails on a bad card. (ProperDocs ships no ``mkdocs``
    theme of its own, hence Material here.)"""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "---\ntitle: Bad\ntags: [a]\n---\n\n### A card\nLink: ftp://example.org/x\n\nText.\n",
        "utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: W\ntheme: {name: material}\nplugins: [search, fieldnotes]\n", "utf-8"
    )
    result = _run(
        [_venv_bin(properdocs_venv, "properdocs"), "build", "--strict", "-f", "mkdocs.yml"],
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert (
        "WARNING -  mkdocs_fieldnotes: index.md:7: card 'A card': the link "
        "'ftp://example.org/x' uses the scheme 'ftp:', which is not allowed; it is shown as "
        "text, not as a link. Allowed: http:, https:"
    ) in output
    assert "Aborted with 1 warnings in strict mode!" in output

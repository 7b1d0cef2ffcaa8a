"""The navigation: per-term pages never in it, index pages one top-level link each.

Two layers: ``tidy_nav`` on navigations built by MkDocs' own ``get_navigation`` (compared
with the navigation MkDocs builds for the expected ``nav:``), and real Material builds with
the nav plugins people combine with it (literate-nav, awesome-nav, section-index), asserting
on the primary navigation and the footer links of the built pages.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Built, page_file, resolve_href
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation

from mkdocs_fieldnotes.navigation import tidy_nav

ENTRY = """\
---
title: {title}
tags: [LLMs, LLMs/Post-training]
series: S
category: C
---

### A paper (arXiv) — topic
Link: https://arxiv.org/abs/1

Date commented: 2025-12-14

Commentary.
"""

SITE = {
    "index.md": "# Home\n",
    "about.md": "# About\n",
    "notes/first.md": ENTRY.format(title="First entry"),
    "notes/second.md": ENTRY.format(title="Second entry"),
}
USER_PAGES = ["index.md", "about.md", "notes/first.md", "notes/second.md"]
INDEXES = ["timeline/index.md", "tags/index.md", "series/index.md", "categories/index.md"]
PER_TERM = ["tags/llms.md", "tags/llms/post-training.md", "series/s.md", "categories/c.md"]
INDEX_LINKS = [
    ("link", "Timeline"),
    ("link", "Tags"),
    ("link", "Series"),
    ("link", "Categories"),
]
IMPLICIT_TOP = [("link", "Home"), ("link", "About"), ("section", "Notes"), *INDEX_LINKS]
THEME = {"name": "material", "features": ["navigation.footer"]}


def needs(module: str) -> pytest.MarkDecorator:
    """Skip, saying why, when a nav plugin is not installed (the ``test`` extra installs
    awesome-nav and section-index on Python 3.10+ only: they need it)."""
    missing = importlib.util.find_spec(module) is None
    return pytest.mark.skipif(
        missing, reason=f"{module} is not installed: pip install -e '.[test]'"
    )


# -- tidy_nav on MkDocs' own navigation objects -------------------------------------------


def _config(tmp_path: Path, nav: Optional[list[Any]]) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(parents=True, exist_ok=True)
    cfg: dict[str, Any] = {"site_name": "Nav", "plugins": []}
    if nav is not None:
        cfg["nav"] = nav
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return load_config(str(path))


def _navigation(
    tmp_path: Path, nav: Optional[list[Any]], uris: list[str], *, section_index: bool = False
) -> tuple[Navigation, MkDocsConfig, Files]:
    config = _config(tmp_path, nav)
    files = Files([File(uri, None, config.site_dir, config.use_directory_urls) for uri in uris])
    navigation = get_navigation(files, config)
    if section_index:
        plugin = importlib.import_module("mkdocs_section_index.plugin")
        navigation = plugin.SectionIndexPlugin().on_nav(navigation, config, files)
    return navigation, config, files


def _shape(items: list[StructureItem]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        file = getattr(item, "file", None)
        name = file.src_uri if file is not None else item.title
        children = getattr(item, "children", None)
        out.append((name, _shape(children)) if children is not None else name)
    return out


def _links(nav: Navigation) -> dict[str, Any]:
    """Everything MkDocs derives from the nav tree: pages, previous/next, parents."""

    def uri(page: Any) -> Optional[str]:
        return None if page is None else page.file.src_uri

    def parent(item: Any) -> Optional[str]:
        return None if item.parent is None else getattr(item.parent, "title", None)

    return {
        "pages": [p.file.src_uri for p in nav.pages],
        "chain": [(uri(p.previous_page), uri(p), uri(p.next_page)) for p in nav.pages],
        "parents": {p.file.src_uri: parent(p) for p in nav.pages},
    }


def _assert_same(actual: Navigation, expected: Navigation) -> None:
    assert _shape(actual.items) == _shape(expected.items)
    assert _links(actual) == _links(expected)


NOTES = {"Notes": ["notes/first.md"]}
TAGS_GLOBBED = {"Tags": ["tags/index.md", "tags/llms.md", {"Llms": ["tags/llms/post-training.md"]}]}
URIS = ["index.md", "notes/first.md", *INDEXES, *PER_TERM]


def test_explicit_nav_loses_only_per_term_pages(tmp_path: Path) -> None:
    given = ["index.md", NOTES, TAGS_GLOBBED, {"Series": ["series/index.md", "series/s.md"]}]
    nav, config, files = _navigation(tmp_path, given, URIS)
    tidy_nav(nav, config, files, nav_given=True, per_term=PER_TERM, indexes=INDEXES)
    wanted = ["index.md", NOTES, {"Tags": ["tags/index.md"]}, {"Series": ["series/index.md"]}]
    expected, _, _ = _navigation(tmp_path / "expected", wanted, URIS)
    _assert_same(nav, expected)
    assert [page.file.src_uri for page in nav.pages] == [
        "index.md",
        "notes/first.md",
        "tags/index.md",
        "series/index.md",
    ]
    removed = files.get_file_from_path("tags/llms.md")
    assert removed is not None and removed.page is not None
    assert removed.page.parent is None
    assert (removed.page.previous_page, removed.page.next_page) == (None, None)


def test_implicit_nav_gets_index_links_last_in_order(tmp_path: Path) -> None:
    built_by_plugin = [
        "index.md",
        {"Categories": ["categories/index.md", "categories/c.md"]},
        NOTES,
        {"Series": ["series/index.md", "series/s.md"]},
        TAGS_GLOBBED,
        {"Timeline": ["timeline/index.md"]},
    ]
    nav, config, files = _navigation(tmp_path, built_by_plugin, URIS)
    tidy_nav(nav, config, files, nav_given=False, per_term=PER_TERM, indexes=INDEXES)
    expected, _, _ = _navigation(tmp_path / "expected", ["index.md", NOTES, *INDEXES], URIS)
    _assert_same(nav, expected)
    assert all(item.parent is None for item in nav.items)


@needs("mkdocs_section_index")
def test_implicit_nav_with_section_index(tmp_path: Path) -> None:
    # section-index made each folder's section into its index page, and the section of
    # tags/llms/ into the per-term page post-training.md: its place goes to its peers.
    built_by_plugin = [
        "index.md",
        NOTES,
        {"Series": ["series/index.md", "series/s.md"]},
        TAGS_GLOBBED,
        {"Timeline": ["timeline/index.md"]},
    ]
    nav, config, files = _navigation(tmp_path, built_by_plugin, URIS, section_index=True)
    assert _shape(nav.items)[3] == (
        "tags/index.md",
        ["tags/llms.md", ("tags/llms/post-training.md", [])],
    )
    indexes = ["timeline/index.md", "tags/index.md", "series/index.md"]
    tidy_nav(nav, config, files, nav_given=False, per_term=PER_TERM, indexes=indexes)
    wanted = ["index.md", NOTES, {"Timeline": ["timeline/index.md"]}]
    wanted += [{"Tags": ["tags/index.md"]}, {"Series": ["series/index.md"]}]
    expected, _, _ = _navigation(tmp_path / "expected", wanted, URIS, section_index=True)
    _assert_same(nav, expected)
    assert _shape(nav.items)[2:] == [(uri, []) for uri in indexes]


def test_user_sections_are_left_alone(tmp_path: Path) -> None:
    # Only the plugin's index pages move: a user's folder holding one page stays a section,
    # and an index page sharing its folder with a user's page stays where it is.
    uris = [*URIS, "tags/about-tags.md", "solo/page.md"]
    given = [
        "index.md",
        {"Solo": ["solo/page.md"]},
        {"Tags": ["tags/index.md", "tags/about-tags.md", "tags/llms.md"]},
    ]
    nav, config, files = _navigation(tmp_path, given, uris)
    tidy_nav(nav, config, files, nav_given=False, per_term=PER_TERM, indexes=INDEXES)
    wanted = [*given[:2], {"Tags": ["tags/index.md", "tags/about-tags.md"]}]
    expected, _, _ = _navigation(tmp_path / "expected", wanted, uris)
    _assert_same(nav, expected)


def test_nothing_to_do_changes_nothing(tmp_path: Path) -> None:
    nav, config, files = _navigation(tmp_path, ["index.md", NOTES], URIS)
    before = (_shape(nav.items), _links(nav), list(nav.pages))
    tidy_nav(nav, config, files, nav_given=False, per_term=PER_TERM, indexes=INDEXES)
    assert (_shape(nav.items), _links(nav), nav.pages) == before


# -- real builds --------------------------------------------------------------------------


def _primary(soup: BeautifulSoup) -> Any:
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None, "no Material primary navigation"
    return nav


def top_level(built: Built, src_uri: str, use_dirs: bool = True) -> list[tuple[str, str]]:
    """Top-level items of the primary nav on a page: ``("section" | "link", label)``."""
    nav = _primary(built.page(page_file(src_uri, use_dirs)))
    out = []
    for li in nav.find("ul", class_="md-nav__list").find_all("li", recursive=False):
        kind = "section" if "md-nav__item--nested" in li["class"] else "link"
        out.append((kind, li.select_one(".md-ellipsis").get_text(strip=True)))
    return out


def nav_targets(built: Built, src_uri: str, use_dirs: bool = True) -> list[str]:
    """Files (inside site_dir) linked from the primary nav of a page, in order; the
    current page's table of contents (which Material nests there) left out."""
    from_file = page_file(src_uri, use_dirs)
    targets = []
    for a in _primary(built.page(from_file)).select("a.md-nav__link[href]"):
        if a.find_parent("nav", class_="md-nav--secondary") is None:
            targets.append(resolve_href(built, from_file, a["href"])[0])
    return targets


def footer_targets(built: Built, src_uri: str, use_dirs: bool = True) -> dict[str, str]:
    """Previous/next links of a page's footer (Material's ``navigation.footer``)."""
    from_file = page_file(src_uri, use_dirs)
    soup = built.page(from_file)
    return {
        "prev" if "md-footer__link--prev" in a["class"] else "next": resolve_href(
            built, from_file, a["href"]
        )[0]
        for a in soup.select("a.md-footer__link")
    }


def assert_one_link_per_index(built: Built, use_dirs: bool = True) -> None:
    """Each user page and index page linked once from every page's nav, no per-term page."""
    expected = [page_file(uri, use_dirs) for uri in USER_PAGES + INDEXES]
    for src_uri in [*USER_PAGES, *INDEXES, *PER_TERM]:
        assert built.exists(page_file(src_uri, use_dirs)), src_uri
        assert nav_targets(built, src_uri, use_dirs) == expected, src_uri


def build(
    build_site: Any, plugins: list[Any], extra: Optional[dict[str, Any]] = None, **kw: Any
) -> Built:
    files = dict(SITE)
    files.update(kw.pop("files", {}))
    config = {"plugins": plugins, "theme": THEME, **(extra or {})}
    return build_site(files, config, **kw)


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_material_implicit_nav(build_site: Any, use_dirs: bool) -> None:
    built = build(build_site, ["search", "fieldnotes"], use_directory_urls=use_dirs)
    assert top_level(built, "about.md", use_dirs) == IMPLICIT_TOP
    assert_one_link_per_index(built, use_dirs)
    # The index pages follow the last user page in previous/next order, in nav order.
    assert footer_targets(built, "notes/second.md", use_dirs)["next"] == page_file(
        "timeline/index.md", use_dirs
    )
    assert footer_targets(built, "categories/index.md", use_dirs) == {
        "prev": page_file("series/index.md", use_dirs)
    }
    assert footer_targets(built, "tags/llms.md", use_dirs) == {}


def test_material_implicit_nav_other_folders(build_site: Any) -> None:
    # journal/ sorts first among the folders: the documented order does not follow names.
    plugin = {"timeline_path": "journal", "tags_path": "topics"}
    built = build(build_site, ["search", {"fieldnotes": plugin}])
    assert top_level(built, "index.md") == IMPLICIT_TOP
    assert nav_targets(built, "index.md")[-4:] == [
        "journal/index.html",
        "topics/index.html",
        "series/index.html",
        "categories/index.html",
    ]


def test_explicit_nav_is_left_alone(build_site: Any) -> None:
    nav = ["index.md", {"Notes": ["notes/first.md", "notes/second.md"]}]
    nav += [{"Tags": ["tags/index.md"]}, "about.md"]
    built = build(build_site, ["search", "fieldnotes"], {"nav": nav})
    assert top_level(built, "about.md") == [
        ("link", "Home"),
        ("section", "Notes"),
        ("section", "Tags"),
        ("link", "About"),
    ]
    assert nav_targets(built, "about.md") == [
        "index.html",
        "notes/first/index.html",
        "notes/second/index.html",
        "tags/index.html",
        "about/index.html",
    ]


def test_literate_nav_without_nav_file(build_site: Any) -> None:
    built = build(build_site, ["search", "literate-nav", "fieldnotes"])
    assert top_level(built, "about.md") == IMPLICIT_TOP
    assert_one_link_per_index(built)
    assert footer_targets(built, "tags/llms.md") == {}
    assert footer_targets(built, "tags/index.md") == {
        "prev": "timeline/index.html",
        "next": "series/index.html",
    }


SUMMARY = """\
* [Home](index.md)
* [About](about.md)
* [Notes](notes/)
* [Tags](tags/)
"""


@pytest.mark.parametrize(
    ("nav_file", "options"),
    [("SUMMARY.md", {}), ("NAV.md", {"nav_file": "NAV.md"})],
    ids=["SUMMARY", "nav_file-option"],
)
def test_literate_nav_with_nav_file(
    build_site: Any, nav_file: str, options: dict[str, Any]
) -> None:
    # [Tags](tags/) lists the whole folder, tag pages included: they go, the Tags
    # section the user asked for stays a section.
    plugins = ["search", {"literate-nav": options}, "fieldnotes"]
    built = build(build_site, plugins, files={nav_file: SUMMARY})
    assert top_level(built, "about.md") == [
        ("link", "Home"),
        ("link", "About"),
        ("section", "Notes"),
        ("section", "Tags"),
    ]
    assert nav_targets(built, "about.md") == [
        "index.html",
        "about/index.html",
        "notes/first/index.html",
        "notes/second/index.html",
        "tags/index.html",
    ]
    assert footer_targets(built, "tags/llms.md") == {}


@needs("mkdocs_awesome_nav")
def test_awesome_nav_without_nav_file(build_site: Any) -> None:
    built = build(build_site, ["search", "awesome-nav", "fieldnotes"])
    assert top_level(built, "about.md") == IMPLICIT_TOP
    assert_one_link_per_index(built)


@needs("mkdocs_awesome_nav")
def test_awesome_nav_with_nav_file(build_site: Any) -> None:
    nav_yml = "nav:\n  - index.md\n  - Notes: notes\n  - Tags: tags\n  - about.md\n"
    built = build(build_site, ["search", "awesome-nav", "fieldnotes"], files={".nav.yml": nav_yml})
    assert top_level(built, "about.md") == [
        ("link", "Home"),
        ("section", "Notes"),
        ("section", "Tags"),
        ("link", "About"),
    ]
    assert "tags/llms/index.html" not in nav_targets(built, "about.md")


@needs("mkdocs_section_index")
@pytest.mark.parametrize(
    "plugins",
    [
        ["search", "section-index", "fieldnotes"],
        ["search", "literate-nav", "section-index", "fieldnotes"],
    ],
    ids=["section-index", "literate-nav+section-index"],
)
def test_section_index(build_site: Any, plugins: list[str]) -> None:
    built = build(build_site, plugins)
    assert top_level(built, "about.md") == IMPLICIT_TOP
    assert_one_link_per_index(built)
    assert footer_targets(built, "tags/llms.md") == {}


def test_users_page_at_a_term_path_stays(build_site: Any) -> None:
    # docs/tags/llms.md is the user's own page (it hosts the tag's listing): it keeps its
    # place in the nav, so the Tags folder is a section of two pages and stays one.
    files = {"tags/llms.md": "# About LLMs\n"}
    built = build(build_site, ["search", "literate-nav", "fieldnotes"], files=files)
    assert top_level(built, "about.md") == [
        ("link", "Home"),
        ("link", "About"),
        ("section", "Notes"),
        ("section", "Tags"),
        ("link", "Timeline"),
        ("link", "Series"),
        ("link", "Categories"),
    ]
    targets = nav_targets(built, "about.md")
    assert {"tags/index.html", "tags/llms/index.html"} <= set(targets)
    assert "tags/llms/post-training/index.html" not in targets

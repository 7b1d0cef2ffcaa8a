"""Real builds: where the export and the generated pages may be written (issue 19, points 2,
3 and 5).

A file of the user's site at the export's place wins, with a warning; an export path that
MkDocs, the theme or the search plugin writes is a configuration error; two generated pages
never share a place, and the kinds' folders may not nest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Union

import pytest
import yaml
from conftest import SiteFactory, main_content, page_file, page_url, text_of
from test_rebuilds import build, fresh_plugins

from mkdocs_fieldnotes import export
from mkdocs_fieldnotes.entries import ReadOptions, parse_page
from mkdocs_fieldnotes.i18n import words
from mkdocs_fieldnotes.plan import Listing, PageOptions, page_place, plan_site, unique_places

ENTRY = """\
---
title: Alpha
date: 2025-12-14
tags: [Search]
---

### A card
Link: https://example.org/a

Date commented: 2025-12-14

Commentary.
"""

TAKEN_BY_PAGE = (
    "'fieldnotes.json.md' is written to 'fieldnotes.json/index.html', inside the export path "
    "'fieldnotes.json'; the page was written and the export was not. Rename the page, or set "
    "the plugin's 'export_path' to a free name."
)


def files(**more: str) -> dict[str, Union[str, bytes]]:
    return {"index.md": "# Home\n", "notes/a.md": ENTRY, **more}


def refused(built: Any, message: str) -> None:
    """The build stopped on ``message`` (a PluginError, logged by MkDocs) and nothing else."""
    assert built.aborted
    built.expect_warning(message)
    assert built.unclaimed == []


# -- 2. a file of the site at the export's place: it wins, with one warning -------------------


def test_page_written_inside_the_export_path_wins_with_directory_urls(
    build_site: SiteFactory,
) -> None:
    page = "---\ntitle: About the export\n---\n\nThe JSON lives elsewhere.\n"
    built = build_site(files(**{"fieldnotes.json.md": page}))
    built.expect_plugin_warning(TAKEN_BY_PAGE)
    assert built.aborted  # --strict counts the warning; the site is written all the same
    assert (built.site_dir / "fieldnotes.json").is_dir()
    soup = built.page("fieldnotes.json/index.html")
    assert text_of(main_content(soup)).startswith("About the export")
    written = sorted(p.name for p in built.site_dir.rglob("*.json") if p.is_file())
    assert written == ["search_index.json"]  # no export


def test_page_next_to_the_export_path_is_no_clash_with_file_urls(
    build_site: SiteFactory,
) -> None:
    # Without directory URLs the page is fieldnotes.json.html: both are written, no warning.
    page = "# About the export\n"
    built = build_site(files(**{"fieldnotes.json.md": page}), use_directory_urls=False)
    assert not built.aborted
    assert text_of(main_content(built.page("fieldnotes.json.html"))).startswith("About")
    assert built.export()["entries"][0]["url"] == page_url("notes/a.md", False)


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_page_in_a_folder_named_like_the_export_wins(
    build_site: SiteFactory, use_dirs: bool
) -> None:
    built = build_site(
        files(**{"fieldnotes.json/index.md": "# Folder page\n"}), use_directory_urls=use_dirs
    )
    built.expect_plugin_warning(
        "'fieldnotes.json/index.md' is written to 'fieldnotes.json/index.html', inside the "
        "export path 'fieldnotes.json'; the page was written and the export was not. Rename "
        "the page, or set the plugin's 'export_path' to a free name."
    )
    assert text_of(main_content(built.page("fieldnotes.json/index.html"))) == "Folder page"


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_file_where_the_export_needs_a_folder_wins(build_site: SiteFactory, use_dirs: bool) -> None:
    built = build_site(
        files(data="plain text, no extension\n"),
        plugin={"export_path": "data/notes.json"},
        use_directory_urls=use_dirs,
    )
    built.expect_plugin_warning(
        "'data' is written to 'data', where the export path 'data/notes.json' needs a folder; "
        "the file was written and the export was not. Rename the file, or set the plugin's "
        "'export_path' to a free name."
    )
    assert (built.site_dir / "data").read_text("utf-8") == "plain text, no extension\n"


def test_draft_page_at_the_export_place_is_no_clash_in_build(build_site: SiteFactory) -> None:
    # MkDocs leaves a draft out of `mkdocs build`: the export has its place.
    draft = "# Draft\n"
    built = build_site(
        files(**{"fieldnotes.json.md": draft}), config={"draft_docs": "fieldnotes.json.md"}
    )
    assert not built.aborted
    assert built.export()["version"] == export.SCHEMA_VERSION
    assert not (built.site_dir / "fieldnotes.json").is_dir()


def test_serve_rebuilds_follow_the_page_at_the_export_place(tmp_path: Path) -> None:
    # One plugin instance through three builds, as `mkdocs serve` runs them: the page
    # arrives (the export steps aside, one warning), then leaves (the export is back).
    root = tmp_path / "site"
    docs = root / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "notes" / "a.md").write_text(ENTRY, "utf-8")
    config = {"site_name": "S", "theme": "material", "plugins": ["search", "fieldnotes"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    site_dir = tmp_path / "out"
    with fresh_plugins():
        messages, plugin = build(root, site_dir, "serve")
        assert messages == []
        assert (site_dir / "fieldnotes.json").is_file()
        (docs / "fieldnotes.json.md").write_text("# About\n", "utf-8")
        messages, again = build(root, site_dir, "serve")
        assert again is plugin
        assert messages == [f"mkdocs_fieldnotes: {TAKEN_BY_PAGE}"]
        assert (site_dir / "fieldnotes.json" / "index.html").is_file()
        (docs / "fieldnotes.json.md").unlink()
        messages, again = build(root, site_dir, "serve")
        assert again is plugin
        assert messages == []
        assert (site_dir / "fieldnotes.json").is_file()


BLOCKER = """
import os

from mkdocs.plugins import event_priority


@event_priority(100)  # before fieldnotes writes the export: a folder takes its place
def on_post_build(config):
    path = os.path.join(config.site_dir, "fieldnotes.json")
    os.remove(path)
    os.makedirs(os.path.join(path, "stale"))
"""


def test_export_that_cannot_be_written_is_a_warning(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    hook = tmp_path / "blocker.py"
    hook.write_text(BLOCKER, "utf-8")
    built = build_site(files(), config={"hooks": [str(hook)]})
    built.expect_plugin_warning(
        "the export could not be written to 'fieldnotes.json': is a directory. Remove what "
        "stands at that path in site_dir, or set the plugin's 'export_path' to a free name."
    )
    assert (built.site_dir / "fieldnotes.json" / "stale").is_dir()
    assert built.page("notes/a/").find("article") is not None


# -- 3. an export path that MkDocs, the theme or a plugin writes: a configuration error -------

THEME_OUTPUTS = [
    pytest.param(
        "sitemap.xml",
        "would overwrite 'sitemap.xml', MkDocs' sitemap",
        id="sitemap",
    ),
    pytest.param(
        "sitemap.xml.gz",
        "would overwrite 'sitemap.xml.gz', MkDocs' compressed sitemap",
        id="sitemap-gz",
    ),
    pytest.param(
        "sitemap.xml/notes.json",
        "needs 'sitemap.xml' to be a folder, but it is MkDocs' sitemap",
        id="inside-sitemap",
    ),
    pytest.param("404.html", "would overwrite '404.html', a page of the theme", id="404"),
    pytest.param(
        "search/search_index.json",
        "is inside 'search/', the folder of the search plugin's index",
        id="search-index",
    ),
    pytest.param(
        "search",
        "would take the place of 'search/', the folder of the search plugin's index",
        id="search-folder",
    ),
    pytest.param(
        "assets/images/favicon.png",
        "would overwrite 'assets/images/favicon.png', a file of the theme",
        id="theme-file",
    ),
    pytest.param(
        "assets/fieldnotes/fieldnotes.css",
        "would overwrite 'assets/fieldnotes/fieldnotes.css', a file of the theme",
        id="own-stylesheet",
    ),
    pytest.param(
        "assets/images",
        "would take the place of the folder 'assets/images/', which holds "
        "'assets/images/favicon.png', a file of the theme",
        id="theme-folder",
    ),
]


@pytest.mark.parametrize(("path", "problem"), THEME_OUTPUTS)
def test_export_path_taken_by_the_site_is_refused(
    build_site: SiteFactory, path: str, problem: str
) -> None:
    built = build_site(files(), plugin={"export_path": path})
    refused(
        built,
        f"fieldnotes: 'export_path' '{path}' {problem}. Choose another path, such as "
        "'fieldnotes.json'.",
    )


def test_export_path_taken_is_refused_on_a_site_without_entries(build_site: SiteFactory) -> None:
    # A configuration error does not wait for the first entry to show up.
    built = build_site({"index.md": "# Home\n"}, plugin={"export_path": "sitemap.xml"})
    refused(
        built,
        "fieldnotes: 'export_path' 'sitemap.xml' would overwrite 'sitemap.xml', MkDocs' "
        "sitemap. Choose another path, such as 'fieldnotes.json'.",
    )


def test_export_path_of_materials_tags_export_is_refused(build_site: SiteFactory) -> None:
    built = build_site(
        files(),
        config={"plugins": ["search", "tags", {"fieldnotes": {"export_path": "tags.json"}}]},
    )
    refused(
        built,
        "fieldnotes: 'export_path' 'tags.json' would overwrite 'tags.json', the export of "
        "Material's tags plugin ('export_file'). Choose another path, such as "
        "'fieldnotes.json'.",
    )


def test_export_path_of_the_search_page_of_readthedocs_is_refused(
    build_site: SiteFactory,
) -> None:
    built = build_site(files(), plugin={"export_path": "search.html"}, theme="readthedocs")
    refused(
        built,
        "fieldnotes: 'export_path' 'search.html' would overwrite 'search.html', a page of the "
        "theme. Choose another path, such as 'fieldnotes.json'.",
    )


def test_default_export_path_taken_by_the_theme_suggests_another(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "fieldnotes.json").write_text("{}", "utf-8")
    built = build_site(
        files(), config={"theme": {"name": "material", "custom_dir": str(overrides)}}
    )
    refused(
        built,
        "fieldnotes: 'export_path' 'fieldnotes.json' would overwrite 'fieldnotes.json', a file "
        "of the theme. Choose another path, such as 'data/fieldnotes.json'.",
    )


def test_search_plugin_off_frees_its_folder(build_site: SiteFactory) -> None:
    built = build_site(
        files(), config={"plugins": [{"fieldnotes": {"export_path": "search/notes.json"}}]}
    )
    assert not built.aborted
    assert built.export("search/notes.json")["entries"][0]["title"] == "Alpha"


# -- 5. generated pages never take each other's place ------------------------------------------

NESTED = [
    pytest.param(
        {"tags_path": "x", "series_path": "x/y"},
        "fieldnotes: 'series_path' 'x/y' is inside 'tags_path' 'x', so the pages of one could "
        "take the place of the other's. Give each kind a folder outside the others, such as "
        "'tags' and 'series'.",
        id="series-in-tags",
    ),
    pytest.param(
        {"timeline_path": "tags/timeline"},
        "fieldnotes: 'timeline_path' 'tags/timeline' is inside 'tags_path' 'tags', so the pages "
        "of one could take the place of the other's. Give each kind a folder outside the "
        "others, such as 'tags' and 'series'.",
        id="timeline-in-tags",
    ),
    pytest.param(
        {"tags_path": "/lists/tags/", "categories_path": "lists"},
        "fieldnotes: 'tags_path' 'lists/tags' is inside 'categories_path' 'lists', so the pages "
        "of one could take the place of the other's. Give each kind a folder outside the "
        "others, such as 'tags' and 'series'.",
        id="outer-listed-later",
    ),
    pytest.param(
        {"export_path": "tags"},
        "fieldnotes: 'export_path' 'tags' is where 'tags_path' 'tags' needs a folder for the "
        "plugin's pages. Choose a file name outside it, such as 'fieldnotes.json'.",
        id="export-is-a-folder",
    ),
    pytest.param(
        {"export_path": "notes", "tags_path": "notes/tags"},
        "fieldnotes: 'export_path' 'notes' is where 'tags_path' 'notes/tags' needs a folder for "
        "the plugin's pages. Choose a file name outside it, such as 'fieldnotes.json'.",
        id="export-above-a-folder",
    ),
    pytest.param(
        {"export_path": "timeline/index.html"},
        "fieldnotes: 'export_path' 'timeline/index.html' is the index page of 'timeline_path' "
        "'timeline'. Choose another path, such as 'fieldnotes.json'.",
        id="export-is-an-index",
    ),
]


@pytest.mark.parametrize(("options", "message"), NESTED)
def test_folders_that_would_share_pages_are_refused(
    build_site: SiteFactory, options: dict[str, Any], message: str
) -> None:
    refused(build_site(files(), plugin=options), message)


def test_nested_folder_of_a_kind_turned_off_is_fine(build_site: SiteFactory) -> None:
    built = build_site(files(), plugin={"tags_path": "x", "series_path": "x/y", "series": False})
    assert not built.aborted
    assert built.export()["tags"][0]["url"] == "x/search/"


def tagged(n: int, tags: str) -> str:
    return ENTRY.replace("title: Alpha", f"title: Entry {n:02d}").replace("[Search]", tags)


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_tag_named_like_a_continuation_page_gets_a_page_of_its_own(
    build_site: SiteFactory, use_dirs: bool
) -> None:
    # Tag 'foo' has 11 entries: with pages of 10 it continues on tags/foo/page/2.md. A tag
    # 'foo/page/2' would be tags/foo/page/2.md too, but 'page' is a reserved slug.
    notes = {f"notes/{n:02d}.md": tagged(n, "[foo]") for n in range(1, 12)}
    notes["notes/12.md"] = tagged(12, "['foo/page/2']")
    built = build_site(
        {"index.md": "# Home\n", **notes},
        plugin={"listings_page_size": 10},
        use_directory_urls=use_dirs,
    )
    tags = {t["name"]: t for t in built.export()["tags"]}
    assert tags["foo"]["url"] == page_url("tags/foo.md", use_dirs)
    assert tags["foo/page/2"]["url"] == page_url("tags/foo/page-tag/2.md", use_dirs)
    urls = [t["url"] for t in tags.values()]
    assert len(set(urls)) == len(urls)
    second = built.page(page_file("tags/foo/page/2.md", use_dirs))
    titles = main_content(second).select("a.fieldnotes-entry__title")
    assert [a.get_text() for a in titles] == ["Entry 11", "Entry 12"]  # foo's 11th and 12th
    own = built.page(page_file("tags/foo/page-tag/2.md", use_dirs))
    assert [a.get_text() for a in main_content(own).select("a.fieldnotes-entry__title")] == [
        "Entry 12"
    ]


def listing(src: str, title: str) -> Listing:
    return Listing(src, title, "fieldnotes/tag.html", {})


def test_page_place_is_where_directory_urls_write_a_page() -> None:
    assert page_place("tags/foo.md") == page_place("tags/foo/index.md") == "tags/foo"
    assert page_place("index.md") == ""
    assert page_place("tags/index.md") == "tags"
    assert page_place("tags/foo/page/2.md") == "tags/foo/page/2"


def test_unique_places_keeps_the_first_and_says_so() -> None:
    first, twin, other, folder_twin = (
        listing("tags/a.md", "Tag: A"),
        listing("tags/a.md", "Tag: A\n"),
        listing("tags/b.md", "Tag: B"),
        listing("tags/b/index.md", "Tag: B (2)"),
    )
    kept, dropped, warnings = unique_places([first, twin, other, folder_twin])
    assert kept == [first, other]
    assert dropped == [twin, folder_twin]
    assert warnings == [
        (
            "tags/a.md",
            "'tags/a.md' ('Tag: A\\n') would be written where 'tags/a.md' ('Tag: A') is; it "
            "was not generated. Rename one of the two, or move the plugin's pages with the "
            "*_path options.",
        ),
        (
            "tags/b/index.md",
            "'tags/b/index.md' ('Tag: B (2)') would be written where 'tags/b.md' ('Tag: B') "
            "is; it was not generated. Rename one of the two, or move the plugin's pages with "
            "the *_path options.",
        ),
    ]


def test_plan_of_a_real_site_has_no_clash_and_every_term_a_page() -> None:
    options = ReadOptions()
    entries = []
    for n, tags in enumerate(["[foo, index, page]", "['foo/page', 'foo/index', 'page/2']"]):
        source = tagged(n, tags)
        parsed = parse_page(f"notes/{n}.md", source, options)
        assert parsed.entry is not None, parsed.problems
        entries.append(parsed.entry)
    site = plan_site(entries, PageOptions(page_size=10), words("en"))
    assert site.clashes == []
    assert site.pageless == set()
    places = [page_place(item.src_uri) for item in site.listings]
    assert len(set(places)) == len(places)
    assert all(site.page_of(term) == term.src_uri for term in site.tags)


def test_export_gives_no_url_to_a_term_whose_page_was_left_out() -> None:
    parsed = parse_page("notes/a.md", ENTRY, ReadOptions())
    assert parsed.entry is not None
    site = plan_site([parsed.entry], PageOptions(), words("en"))
    (term,) = site.tags
    urls = {"notes/a.md": "notes/a/", term.src_uri: "tags/search/"}
    assert export.site_document(site, urls, None, None, "x")["tags"][0]["url"] == "tags/search/"
    site.pageless.add((term.kind, term.key))
    assert site.page_of(term) is None
    assert export.site_document(site, urls, None, None, "x")["tags"][0]["url"] is None

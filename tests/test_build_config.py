"""Real builds: option checks (PluginError messages) and where the export is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SiteFactory, page_url
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

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


def files() -> dict[str, str | bytes]:
    return {"index.md": "# Home\n", "notes/a.md": ENTRY}


BAD_OPTIONS = [
    (
        {"locale": "klingon"},
        "fieldnotes: 'locale' 'klingon' is not a language Babel knows. Use a code such as 'en', "
        "'fr' or 'pt_BR', or remove the option to use the theme's language.",
    ),
    (
        {"date_format": ""},
        "fieldnotes: 'date_format' must not be empty. Use short, medium, long, full or a CLDR "
        "date pattern such as 'd MMM y'.",
    ),
    (
        {"date_format": "%Y-%m-%d"},
        "fieldnotes: 'date_format' '%Y-%m-%d' looks like a strftime format. Use short, medium, "
        "long, full or a CLDR date pattern such as 'd MMM y'.",
    ),
    (
        {"date_format": "HH:mm"},
        "fieldnotes: 'date_format' 'HH:mm' cannot format a date ('datetime.date' object has no "
        "attribute 'hour'). Use short, medium, long, full or a CLDR date pattern such as "
        "'d MMM y'.",
    ),
    (
        {"tags_cards_limit": -1},
        "fieldnotes: 'tags_cards_limit' must be 0 or more, got -1.",
    ),
    pytest.param(
        {"cards_heading_level": 9},
        "fieldnotes: 'cards_heading_level' must be between 1 and 6, got 9.",
        id="heading-level-9",
    ),
    pytest.param(
        {"cards_heading_level": 0},
        "fieldnotes: 'cards_heading_level' must be between 1 and 6, got 0.",
        id="heading-level-0",
    ),
    pytest.param(
        {"listings_page_size": 5},
        "fieldnotes: 'listings_page_size' must be at least 10, got 5.",
        id="page-size-5",
    ),
    pytest.param(
        {"cards_link_labels": []},
        "fieldnotes: 'cards_link_labels' must list at least one label, such as ['Link'].",
        id="no-link-labels",
    ),
    pytest.param(
        {"cards_date_labels": ["  "]},
        "fieldnotes: 'cards_date_labels' item 1 '  ' is empty. Write the words before the "
        "colon, such as 'Date commented', or remove the item.",
        id="blank-date-label",
    ),
    pytest.param(
        {"cards_future_labels": []},
        "fieldnotes: 'cards_future_labels' must list at least one label, such as ['To read next'].",
        id="no-future-labels",
    ),
    pytest.param(
        {"tags_path": "../x"},
        "fieldnotes: 'tags_path' must be a folder inside docs_dir such as 'tags', got '../x'.",
        id="tags-path-parent",
    ),
    pytest.param(
        {"timeline_path": "a/./b"},
        "fieldnotes: 'timeline_path' must be a folder inside docs_dir such as 'tags', got 'a/./b'.",
        id="timeline-path-dot",
    ),
    pytest.param(
        {"series_path": "/"},
        "fieldnotes: 'series_path' must be a folder inside docs_dir such as 'tags', got '/'.",
        id="series-path-root",
    ),
    pytest.param(
        {"tags_path": "notes", "series_path": "notes"},
        "fieldnotes: 'tags_path' and 'series_path' are both 'notes'; each kind of page needs "
        "a folder of its own. Give one of them another folder.",
        id="same-folder",
    ),
    pytest.param(
        {"categories_path": "timeline/"},
        "fieldnotes: 'categories_path' and 'timeline_path' are both 'timeline'; each kind of "
        "page needs a folder of its own. Give one of them another folder.",
        id="same-folder-after-trailing-slash",
    ),
    pytest.param(
        {"export_path": "/etc/x"},
        "fieldnotes: 'export_path' must be a relative path inside site_dir such as "
        "'fieldnotes.json', got '/etc/x'.",
        id="export-absolute",
    ),
    pytest.param(
        {"export_path": "../x"},
        "fieldnotes: 'export_path' must be a relative path inside site_dir such as "
        "'fieldnotes.json', got '../x'.",
        id="export-parent",
    ),
    pytest.param(
        {"export_path": "data/../../x.json"},
        "fieldnotes: 'export_path' must be a relative path inside site_dir such as "
        "'fieldnotes.json', got 'data/../../x.json'.",
        id="export-parent-after-normalizing",
    ),
    pytest.param(
        {"export_path": "C:/x.json"},
        "fieldnotes: 'export_path' must be a relative path inside site_dir such as "
        "'fieldnotes.json', got 'C:/x.json'.",
        id="export-drive",
    ),
    pytest.param(
        {"listings_marker": " "},
        "fieldnotes: 'listings_marker' must not be empty.",
        id="empty-marker",
    ),
]


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS)
def test_bad_option_aborts_the_build_with_a_clear_message(
    build_site: SiteFactory, options: dict[str, Any], message: str
) -> None:
    built = build_site(files(), plugin=options)
    assert built.aborted
    built.expect_warning(message)  # MkDocs logs the PluginError as an error, then aborts.
    assert built.unclaimed == []
    assert not built.exists("index.html")


def write_config(root: Path, options: dict[str, Any]) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    path = root / "mkdocs.yml"
    config = {"site_name": "T", "theme": "material", "plugins": [{"fieldnotes": options}]}
    path.write_text(yaml.safe_dump(config), "utf-8")
    return path


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS)
def test_bad_option_raises_plugin_error(
    tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    config = load_config(str(write_config(tmp_path, options)), strict=True)
    with pytest.raises(PluginError) as error:
        config.plugins.on_config(config)
    assert str(error.value) == message


def test_wrong_option_type_is_refused_by_mkdocs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_config(tmp_path, {"listings_page_size": "ten"})
    with pytest.raises(Abort, match=r"^Aborted with a configuration error!$"):
        load_config(str(path), strict=True)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "Config value 'plugins': Plugin 'fieldnotes' option 'listings_page_size': "
        "expected a whole number such as 200, got 'ten' (text). Write a whole number, "
        "without quotes."
    ]


def test_same_folder_is_fine_when_one_kind_is_off(build_site: SiteFactory) -> None:
    options = {"tags_path": "lists", "series_path": "lists", "series": False}
    built = build_site(files(), plugin=options)
    assert not built.aborted
    assert built.exists("lists/search/index.html")
    assert not built.exists("series")


def test_paths_are_normalized(build_site: SiteFactory) -> None:
    built = build_site(
        files(),
        plugin={"tags_path": "/topics/", "export_path": "data//./notes.json"},
    )
    assert built.exists("topics/index.html")
    assert built.exists("topics/search/index.html")
    assert built.export("data/notes.json")["tags"][0]["url"] == "topics/search/"


# -- export ----------------------------------------------------------------------------


def test_export_false_writes_no_json(build_site: SiteFactory) -> None:
    built = build_site(files(), plugin={"export": False})
    assert built.exists("notes/a/index.html")
    assert sorted(p.name for p in built.site_dir.rglob("*.json")) == ["search_index.json"]


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_export_path_in_a_folder(build_site: SiteFactory, use_dirs: bool) -> None:
    built = build_site(
        files(), plugin={"export_path": "data/notes.json"}, use_directory_urls=use_dirs
    )
    assert not built.exists("fieldnotes.json")
    data = built.export("data/notes.json")
    assert data["version"] == 1
    assert data["site"] == {"name": "Test site", "url": None}
    (entry,) = data["entries"]
    # URLs stay relative to the site root wherever the file is.
    assert entry["url"] == page_url("notes/a.md", use_dirs)
    assert entry["cards"][0]["url"] == page_url("notes/a.md", use_dirs) + "#a-card"


def test_export_does_not_replace_a_docs_file(build_site: SiteFactory) -> None:
    mine = '{"mine": true}\n'
    built = build_site({**files(), "fieldnotes.json": mine})
    built.expect_plugin_warning(
        "docs_dir already has 'fieldnotes.json'; the export was not written. Rename that "
        "file or set the plugin's 'export_path'."
    )
    assert (built.site_dir / "fieldnotes.json").read_text("utf-8") == mine


def test_export_path_dot_is_refused(build_site: SiteFactory) -> None:
    # '.' normalizes to the site root itself: no file can be written there. Today the
    # option is accepted and the export silently disappears (no file, no message).
    built = build_site(files(), plugin={"export_path": "."})
    assert built.aborted
    built.expect_warning(
        "fieldnotes: 'export_path' must be a relative path inside site_dir such as "
        "'fieldnotes.json', got '.'."
    )


def test_export_path_colliding_with_a_page_is_reported(build_site: SiteFactory) -> None:
    # 'index.html' is where the home page is written: the export is overwritten by it.
    # The user must hear about it (a warning or a PluginError naming the path).
    built = build_site(files(), plugin={"export_path": "index.html"})
    built.expect_warning_matching(r"'index\.html'")
    assert built.aborted


def test_export_file_name_starting_with_two_dots_is_allowed(tmp_path: Path) -> None:
    # '..notes.json' is a file inside site_dir, not a parent folder. (A bare SiteFactory:
    # the PluginError logged today fails the assertion below, not the fixture teardown.)
    built = SiteFactory(tmp_path)(files(), plugin={"export_path": "..notes.json"})
    assert built.warnings == []
    assert built.export("..notes.json")["entries"][0]["title"] == "Alpha"

"""Real builds: option values that used to crash the build or make the plugin useless
(issue 19, points 4 and 6).

Values are checked in two places. MkDocs checks each option's type when it loads
``mkdocs.yml`` (the types in ``config.py``): a wrong type stops ``load_config`` with
*Aborted with a configuration error!*. What types cannot say (control characters, paths the
file system cannot hold, label and scheme spelling, a date format that shows nothing) is
checked by ``validate.check_config``: a ``PluginError`` that stops the build.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Union

import pytest
import yaml
from conftest import SiteFactory, main_content
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError

from mkdocs_fieldnotes.config import FieldnotesConfig, show
from mkdocs_fieldnotes.validate import check_config

ENTRY = """\
---
title: Alpha
date: 2025-12-14
tags: [Search]
---

### A card
{label}: https://example.org/a

Date commented: 2025-12-14

Commentary.
"""


def files(label: str = "Link") -> dict[str, Union[str, bytes]]:
    return {"index.md": "# Home\n", "notes/a.md": ENTRY.format(label=label)}


def refused(built: Any, message: str) -> None:
    """The build stopped on ``message`` (a PluginError, logged by MkDocs) and nothing else."""
    assert built.aborted
    built.expect_warning(message)
    assert built.unclaimed == []
    assert not built.exists("index.html")


# -- 4. control characters and paths the file system cannot hold -------------------------------

CHARACTERS = [
    pytest.param(
        {"tags_path": "ta\x00gs"},
        "fieldnotes: 'tags_path' 'ta\\x00gs' contains the control character U+0000. Write the "
        "value without it.",
        id="nul-in-tags-path",
    ),
    pytest.param(
        {"series_path": "series\n"},
        "fieldnotes: 'series_path' 'series\\n' contains the control character U+000A. Write the "
        "value without it.",
        id="newline-in-series-path",
    ),
    pytest.param(
        {"categories_path": "a\tb"},
        "fieldnotes: 'categories_path' 'a\\tb' contains the control character U+0009. Write the "
        "value without it.",
        id="tab-in-categories-path",
    ),
    pytest.param(
        {"timeline_path": "time\x1b[31mline"},
        "fieldnotes: 'timeline_path' 'time\\x1b[31mline' contains the control character U+001B. "
        "Write the value without it.",
        id="esc-in-timeline-path",
    ),
    pytest.param(
        {"export_path": "fieldnotes\x00.json"},
        "fieldnotes: 'export_path' 'fieldnotes\\x00.json' contains the control character U+0000. "
        "Write the value without it.",
        id="nul-in-export-path",
    ),
    pytest.param(
        {"export_path": "notes\u202enosj.json"},
        "fieldnotes: 'export_path' 'notes\\u202enosj.json' contains the invisible bidirectional "
        "control U+202E. Write the value without it.",
        id="bidi-in-export-path",
    ),
    pytest.param(
        {"listings_marker": "<!-- listing\x00 -->"},
        "fieldnotes: 'listings_marker' '<!-- listing\\x00 -->' contains the control character "
        "U+0000. Write the value without it.",
        id="nul-in-marker",
    ),
    pytest.param(
        {"cards_link_labels": ["Link", "U\x00RL"]},
        "fieldnotes: 'cards_link_labels' item 2 'U\\x00RL' contains the control character "
        "U+0000. Write the value without it.",
        id="nul-in-label",
    ),
    pytest.param(
        {"cards_date_labels": ["Date\x7f"]},
        "fieldnotes: 'cards_date_labels' item 1 'Date\\x7f' contains the control character "
        "U+007F. Write the value without it.",
        id="del-in-date-label",
    ),
    pytest.param(
        {"cards_future_labels": ["Later\r"]},
        "fieldnotes: 'cards_future_labels' item 1 'Later\\r' contains the control character "
        "U+000D. Write the value without it.",
        id="cr-in-future-label",
    ),
    pytest.param(
        {"cards_link_schemes": ["ht\x00tp"]},
        "fieldnotes: 'cards_link_schemes' item 1 'ht\\x00tp' contains the control character "
        "U+0000. Write the value without it.",
        id="nul-in-scheme",
    ),
    pytest.param(
        {"locale": "en\x00"},
        "fieldnotes: 'locale' 'en\\x00' contains the control character U+0000. Write the value "
        "without it.",
        id="nul-in-locale",
    ),
    pytest.param(
        {"date_format": "d\x00MMM"},
        "fieldnotes: 'date_format' 'd\\x00MMM' contains the control character U+0000. Write the "
        "value without it.",
        id="nul-in-date-format",
    ),
    pytest.param(
        {"entries": ["notes/\x00*"]},
        "fieldnotes: 'entries' item 1 'notes/\\x00*' contains the control character U+0000. "
        "Write the value without it.",
        id="nul-in-entries",
    ),
    pytest.param(
        {"status_values": ["draft", "pub\x1blished"]},
        "fieldnotes: 'status_values' item 2 'pub\\x1blished' contains the control character "
        "U+001B. Write the value without it.",
        id="esc-in-status",
    ),
    pytest.param(
        {"tags_path": "a" * 300},
        f"fieldnotes: 'tags_path' has a name of 300 bytes ('{'a' * 80}…'); file systems allow "
        "255 at most. Use a shorter name.",
        id="long-folder-name",
    ),
    pytest.param(
        {"export_path": "data/" + "é" * 128 + ".json"},
        f"fieldnotes: 'export_path' has a name of 261 bytes ('{'é' * 80}…'); file systems allow "
        "255 at most. Use a shorter name.",
        id="long-export-name-in-bytes",
    ),
]


@pytest.mark.parametrize(("options", "message"), CHARACTERS)
def test_option_the_file_system_cannot_take_is_refused(
    build_site: SiteFactory, options: dict[str, Any], message: str
) -> None:
    refused(build_site(files(), plugin=options), message)


@pytest.mark.parametrize("name", ["timeline_path", "export_path"])
def test_path_too_long_for_the_file_system_is_refused(build_site: SiteFactory, name: str) -> None:
    value = "/".join(["d" * 200] * 21)  # every name fits; the whole path does not
    built = build_site(files(), plugin={name: value})
    size = len(os.path.join(str(built.site_dir), value).encode("utf-8"))
    pages = ", with the pages inside it," if name == "timeline_path" else ""
    refused(
        built,
        f"fieldnotes: '{name}' makes a path of {size} bytes in site_dir{pages} longer than the "
        "4096 bytes file systems allow. Use a shorter path.",
    )


def test_folder_near_the_limit_leaves_room_for_its_pages(build_site: SiteFactory) -> None:
    # 3,600 bytes of folder still leave room for a page name below it: accepted.
    value = "/".join(["d" * 199] * 18)
    built = build_site(files(), plugin={"tags_path": value, "export": False})
    assert not built.aborted
    assert (built.site_dir / value / "search" / "index.html").is_file()


def test_lone_surrogate_is_refused(tmp_path: Path) -> None:
    # YAML cannot write one into mkdocs.yml, but !ENV and Python configs can hand one over.
    options = FieldnotesConfig()
    options.load_dict({"tags_path": "tags\ud800"})
    assert options.validate() == ([], [])
    with pytest.raises(PluginError) as error:
        check_config(options, MkDocsConfig())
    assert str(error.value) == (
        "fieldnotes: 'tags_path' 'tags\\ud800' contains U+D800, half of a surrogate pair, which "
        "is not a character. Write the value without it."
    )


# -- 6. values that would make the plugin useless ----------------------------------------------

USELESS = [
    pytest.param(
        {"cards_link_schemes": []},
        "fieldnotes: 'cards_link_schemes' must list at least one URL scheme, such as ['http', "
        "'https']; with none, no card link could ever be a link.",
        id="no-scheme",
    ),
    pytest.param(
        {"cards_link_schemes": ["https:"]},
        "fieldnotes: 'cards_link_schemes' item 1 'https:' is written with its colon. Write the "
        "scheme's name alone: 'https'.",
        id="scheme-with-colon",
    ),
    pytest.param(
        {"cards_link_schemes": ["http", "https://"]},
        "fieldnotes: 'cards_link_schemes' item 2 'https://' is written with its colon. Write "
        "the scheme's name alone: 'https'.",
        id="scheme-with-slashes",
    ),
    pytest.param(
        {"cards_link_schemes": ["ht tp"]},
        "fieldnotes: 'cards_link_schemes' item 1 'ht tp' is not a URL scheme: a scheme is a "
        "letter followed by letters, digits, '+', '-' or '.' (RFC 3986), such as 'https'.",
        id="scheme-with-space",
    ),
    pytest.param(
        {"cards_link_schemes": ["1http"]},
        "fieldnotes: 'cards_link_schemes' item 1 '1http' is not a URL scheme: a scheme is a "
        "letter followed by letters, digits, '+', '-' or '.' (RFC 3986), such as 'https'.",
        id="scheme-starting-with-a-digit",
    ),
    pytest.param(
        {"cards_link_schemes": [":"]},
        "fieldnotes: 'cards_link_schemes' item 1 ':' is not a URL scheme: a scheme is a letter "
        "followed by letters, digits, '+', '-' or '.' (RFC 3986), such as 'https'.",
        id="scheme-colon-alone",
    ),
    pytest.param(
        {"cards_link_schemes": ["https", "JavaScript"]},
        "fieldnotes: 'cards_link_schemes' item 2 'JavaScript' makes links that run code or "
        "carry a page of their own, so its links are never made live. Remove it.",
        id="scheme-javascript",
    ),
    pytest.param(
        {"cards_link_schemes": ["data"]},
        "fieldnotes: 'cards_link_schemes' item 1 'data' makes links that run code or carry a "
        "page of their own, so its links are never made live. Remove it.",
        id="scheme-data",
    ),
    pytest.param(
        {"cards_link_labels": ["Link:"]},
        "fieldnotes: 'cards_link_labels' item 1 'Link:' ends with a colon, so it would only "
        "match a line with two ('Link:: ...'). Write the words before the colon: 'Link'.",
        id="label-with-colon",
    ),
    pytest.param(
        {"cards_date_labels": ["Date commented", "Read on :"]},
        "fieldnotes: 'cards_date_labels' item 2 'Read on :' ends with a colon, so it would "
        "only match a line with two ('Read on :: ...'). Write the words before the colon: "
        "'Read on'.",
        id="label-with-spaced-colon",
    ),
    pytest.param(
        {"cards_link_labels": ["Link", "Source"], "cards_date_labels": ["Read on", "source"]},
        "fieldnotes: 'cards_date_labels' item 2 'source' is also in 'cards_link_labels'; a line "
        "can only be one kind of label. Keep it in one of the two.",
        id="label-in-two-lists",
    ),
    pytest.param(
        {"cards_future_labels": ["Date   Commented"]},
        "fieldnotes: 'cards_future_labels' item 1 'Date   Commented' is also in "
        "'cards_date_labels'; a line can only be one kind of label. Keep it in one of the two.",
        id="label-in-two-lists-spacing",
    ),
    pytest.param(
        {"cards_future_labels": ["Later", ""]},
        "fieldnotes: 'cards_future_labels' item 2 '' is empty. Write the words before the "
        "colon, such as 'To read next', or remove the item.",
        id="empty-label",
    ),
    pytest.param(
        {"date_format": "' '"},
        "fieldnotes: 'date_format' \"' '\" shows every date as empty text. Use short, medium, "
        "long, full or a CLDR date pattern such as 'd MMM y'.",
        id="date-format-blank-literal",
    ),
    pytest.param(
        {"date_format": "''''"},
        "fieldnotes: 'date_format' \"''''\" shows no part of the date: 14 Dec 2025 and 2 Jan "
        "2024 both become \"''\". Use short, medium, long, full or a CLDR date pattern such as "
        "'d MMM y'.",
        id="date-format-quote-literal",
    ),
    pytest.param(
        {"date_format": "G"},
        "fieldnotes: 'date_format' 'G' shows no part of the date: 14 Dec 2025 and 2 Jan 2024 "
        "both become 'AD'. Use short, medium, long, full or a CLDR date pattern such as "
        "'d MMM y'.",
        id="date-format-era",
    ),
    pytest.param(
        {"date_format": "'today'"},
        "fieldnotes: 'date_format' \"'today'\" shows no part of the date: 14 Dec 2025 and 2 Jan "
        "2024 both become 'today'. Use short, medium, long, full or a CLDR date pattern such "
        "as 'd MMM y'.",
        id="date-format-literal-text",
    ),
    pytest.param(
        {"date_format": "d" * 500},
        f"fieldnotes: 'date_format' '{'d' * 80}…' cannot format a date (Invalid length for "
        f"field: '{'d' * 73}…). Use short, medium, long, full or a CLDR date pattern such as "
        "'d MMM y'.",
        id="date-format-long",
    ),
]


@pytest.mark.parametrize(("options", "message"), USELESS)
def test_option_that_would_make_the_plugin_useless_is_refused(
    build_site: SiteFactory, options: dict[str, Any], message: str
) -> None:
    refused(build_site(files(), plugin=options), message)


def test_schemes_and_labels_are_read_without_the_spaces_around_them(
    build_site: SiteFactory,
) -> None:
    built = build_site(
        files(label="Source"),
        plugin={"cards_link_schemes": [" HTTPS "], "cards_link_labels": [" Source  "]},
    )
    link = main_content(built.page("notes/a/")).select_one(".fieldnotes-card a[href]")
    assert link is not None
    assert link["href"] == "https://example.org/a"
    assert built.export()["entries"][0]["cards"][0]["link"] == "https://example.org/a"


def test_date_format_with_a_literal_and_a_field_is_fine(build_site: SiteFactory) -> None:
    built = build_site(files(), plugin={"date_format": "'on' d MMM"})
    assert not built.aborted
    time = main_content(built.page("notes/a/")).select_one("time[datetime='2025-12-14']")
    assert time is not None
    assert time.get_text() == "on 14 Dec"


# -- types: MkDocs stops on them when it loads mkdocs.yml ---------------------------------------

TYPES = [
    pytest.param(
        "cards_heading_level",
        True,
        "expected a whole number such as 3, got true (a boolean). Write a whole number, "
        "without quotes.",
        id="level-true",
    ),
    pytest.param(
        "listings_page_size",
        False,
        "expected a whole number such as 200, got false (a boolean). Write a whole number, "
        "without quotes.",
        id="page-size-false",
    ),
    pytest.param(
        "tags_cards_limit",
        True,
        "expected a whole number such as 30, got true (a boolean). Write a whole number, "
        "without quotes.",
        id="cards-limit-true",
    ),
    pytest.param(
        "tags_cards_limit",
        "12",
        "expected a whole number such as 30, got '12' (text). Write it without quotes: 12.",
        id="cards-limit-quoted",
    ),
    pytest.param(
        "cards_heading_level",
        2.5,
        "expected a whole number such as 3, got 2.5 (a number). Write a whole number, without "
        "quotes.",
        id="level-decimal",
    ),
    pytest.param(
        "tags_path",
        2024,
        "expected text such as 'tags', got 2024 (a number). Put the value in quotes: '2024'.",
        id="tags-path-number",
    ),
    pytest.param(
        "date_format",
        True,
        "expected text such as 'medium', got true (a boolean). Put the value in quotes: 'true'.",
        id="date-format-boolean",
    ),
    pytest.param(
        "locale",
        1.5,
        "expected text such as 'fr', got 1.5 (a number). Put the value in quotes: '1.5'.",
        id="locale-number",
    ),
    pytest.param(
        "export_path",
        ["a.json"],
        "expected text such as 'fieldnotes.json', got [\"a.json\"] (a list). Write one text value.",
        id="export-path-list",
    ),
    pytest.param(
        "listings_marker",
        {"a": 1},
        "expected text such as '<!-- fieldnotes:listing -->', got {\"a\": 1} (a mapping). "
        "Write one text value.",
        id="marker-mapping",
    ),
    pytest.param(
        "cards_link_labels",
        "Link",
        "expected a list of texts such as ['Link'], got 'Link' (text). Write it as a list: "
        "['Link'].",
        id="labels-not-a-list",
    ),
    pytest.param(
        "cards_link_schemes",
        ["https", 3],
        "item 2: expected text such as 'https', got 3 (a number). Put the value in quotes: '3'.",
        id="scheme-number",
    ),
    pytest.param(
        "status_drafts",
        ["draft", None],
        "item 2: expected text such as 'draft', got nothing. Write the text, or remove it.",
        id="status-empty-item",
    ),
    pytest.param(
        "entries",
        7,
        "expected a list of texts such as ['notes/*'], got 7 (a number).",
        id="entries-number",
    ),
    pytest.param(
        "export",
        "yes",
        "expected true or false, got 'yes' (text). Write true or false, without quotes.",
        id="export-quoted-yes",
    ),
    pytest.param(
        "enabled",
        0,
        "expected true or false, got 0 (a number). Write true or false, without quotes.",
        id="enabled-zero",
    ),
    pytest.param(
        "revisit_ages",
        "off",
        "expected true or false, got 'off' (text). Write true or false, without quotes.",
        id="revisit-ages-quoted-off",
    ),
]


def write_config(root: Path, options: dict[str, Any]) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    path = root / "mkdocs.yml"
    config = {"site_name": "T", "theme": "material", "plugins": [{"fieldnotes": options}]}
    path.write_text(yaml.safe_dump(config), "utf-8")
    return path


@pytest.mark.parametrize(("name", "value", "message"), TYPES)
def test_value_of_the_wrong_type_is_refused_with_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, value: Any, message: str
) -> None:
    path = write_config(tmp_path, {name: value})
    with pytest.raises(Abort, match=r"^Aborted with a configuration error!$"):
        load_config(str(path), strict=True)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [f"Config value 'plugins': Plugin 'fieldnotes' option '{name}': {message}"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("tags", "'tags'"),
        ("it's", '"it\'s"'),
        ("a\nb", "'a\\nb'"),
        (True, "true"),
        (None, "null"),
        (12, "12"),
        (["a", 1], '["a", 1]'),
        (list(range(40)), ("[" + ", ".join(str(n) for n in range(40)))[:80] + "…"),
    ],
)
def test_show_writes_values_as_a_user_wrote_them(value: Any, shown: str) -> None:
    assert show(value) == shown

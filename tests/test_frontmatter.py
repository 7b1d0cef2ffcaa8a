"""Front matter: splitting the YAML block off a page and validating entry fields (no build)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import REFERENCE

from mkdocs_fieldnotes import frontmatter
from mkdocs_fieldnotes.frontmatter import FrontMatter
from mkdocs_fieldnotes.model import Entry, Problem

PATH = "notes/entry.md"

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "example-entry.md"

YAML_HINT = (
    "Check the indentation and quote values that contain ': ' or start with a special character."
)


def split(text: str) -> tuple[FrontMatter, list[str]]:
    problems: list[Problem] = []
    result = frontmatter.split(frontmatter.normalize_source(text), PATH, problems)
    return result, [str(p) for p in problems]


def read(text: str, **options: Any) -> tuple[Entry, list[str]]:
    """The whole front-matter path of a page, as the plugin runs it."""
    problems: list[Problem] = []
    text = frontmatter.normalize_source(text)
    front = frontmatter.split(text, PATH, problems)
    fields = frontmatter.read_fields(
        front.data, PATH, frontmatter.key_lines(text), problems, **options
    )
    problems.sort(key=lambda p: (p.line or 0, p.message))  # as entries.parse_page reports them
    return Entry(PATH, **fields), [str(p) for p in problems]


def page(*lines: str) -> str:
    """A page whose front matter holds ``lines`` (first key on line 2)."""
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n\nBody.\n"


# --------------------------------------------------------------------------- split()


def test_no_front_matter_leaves_the_text_alone() -> None:
    text = "# Title\n\nSome text: with a colon.\n"
    result, messages = split(text)
    assert result == FrontMatter({}, text, 1, has_block=False, valid=True)
    assert messages == []


@pytest.mark.parametrize(
    "text",
    [
        "\n---\ntitle: x\n---\n",  # not on the first line
        "----\ntitle: x\n----\n",  # four dashes is a thematic break
        "--- title: x\n---\n",  # text on the opening line
        "---\n\nA thematic break, then text.\n",  # a Markdown rule, not front matter
        "",
    ],
    ids=["leading-blank-line", "four-dashes", "text-after-dashes", "rule", "empty-file"],
)
def test_text_that_is_not_a_front_matter_block(text: str) -> None:
    result, messages = split(text)
    assert result.has_block is False
    assert result.data == {}
    assert result.body == text
    assert result.body_line == 1
    assert messages == []


def test_valid_front_matter() -> None:
    result, messages = split("---\ntitle: Notes\ntags: [a, b]\n---\n# Body\n")
    assert result == FrontMatter(
        {"title": "Notes", "tags": ["a", "b"]}, "# Body\n", 5, has_block=True, valid=True
    )
    assert messages == []


def test_trailing_spaces_after_the_delimiters_are_allowed() -> None:
    result, messages = split("--- \t\ntitle: Notes\n---  \nBody\n")
    assert result.data == {"title": "Notes"}
    assert result.body == "Body\n"
    assert messages == []


def test_dots_close_the_block() -> None:
    result, messages = split("---\ntitle: Notes\n...\nBody\n")
    assert result.data == {"title": "Notes"}
    assert result.body == "Body\n"
    assert result.body_line == 4
    assert messages == []


def test_block_at_end_of_file_without_newline() -> None:
    result, messages = split("---\ntitle: Notes\n---")
    assert result.data == {"title": "Notes"}
    assert result.body == ""
    assert result.valid
    assert messages == []


def test_keys_are_strings() -> None:
    result, _ = split("---\n2025: year\ntrue: yes\n---\n")
    assert result.data == {"2025": "year", "True": True}


@pytest.mark.parametrize("block", ["---\n---\n", "---\n\n---\n", "---\n# only a comment\n---\n"])
def test_empty_front_matter_is_valid_and_empty(block: str) -> None:
    result, messages = split(block + "Body\n")
    assert result.data == {}
    assert result.has_block
    assert result.valid
    assert result.body == "Body\n"
    assert result.body_line == block.count("\n") + 1
    assert messages == []


@pytest.mark.parametrize(
    ("lines", "line", "what"),
    [
        (["title: Notes", "summary: a: b"], 3, "mapping values are not allowed in this context"),
        (
            ["title: Notes", "tags: [a, b", "date: 2025-01-01"],
            4,
            "did not find expected ',' or ']'",
        ),
        (["title: Notes", "  tags: x"], 3, "mapping values are not allowed in this context"),
        (["title: 'unclosed"], 3, "found unexpected end of stream"),
    ],
    ids=["colon-in-value", "unclosed-list", "bad-indent", "unclosed-quote"],
)
def test_yaml_syntax_error_is_reported_with_its_line(
    lines: list[str], line: int, what: str
) -> None:
    result, messages = split(page(*lines))
    assert messages == [
        f"{PATH}:{line}: front matter is not valid YAML ({what}); all of it was ignored. "
        + YAML_HINT
    ]
    assert result.data == {}
    assert result.has_block is True
    assert result.valid is False
    assert result.body == "\nBody.\n"
    assert result.body_line == len(lines) + 3


@pytest.mark.parametrize(
    ("content", "described"),
    [
        ("- a\n- b\n", "a list"),
        ("just some words\n", "a text"),
        ("42\n", "a number (42)"),
        ("true\n", "a boolean (true)"),
        ("2025-12-14\n", "a date (2025-12-14)"),
    ],
)
def test_front_matter_that_is_not_a_mapping(content: str, described: str) -> None:
    result, messages = split("---\n" + content + "---\nBody\n")
    assert messages == [
        f"{PATH}:2: front matter must be a mapping of 'key: value' lines, got {described}; "
        "it was ignored."
    ]
    assert result.data == {}
    assert result.has_block is True
    assert result.valid is False
    assert result.body == "Body\n"


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("\ufeff---\r\ntitle: x\r\n---\r\nBody\r\n", "---\ntitle: x\n---\nBody\n"),
        ("---\rtitle: x\r---\rBody\r", "---\ntitle: x\n---\nBody\n"),
        ("no front matter\r\n\r\nx", "no front matter\n\nx"),
        ("plain\n", "plain\n"),
        ("a \ufeff inside", "a \ufeff inside"),
    ],
    ids=["bom-crlf", "cr-only", "crlf-body", "unchanged", "bom-only-stripped-at-start"],
)
def test_normalize_source(raw: str, normalized: str) -> None:
    assert frontmatter.normalize_source(raw) == normalized


def test_bom_and_crlf_file_splits_like_a_clean_one() -> None:
    result, messages = split("\ufeff---\r\ntitle: Notes\r\ntags:\r\n  - a\r\n---\r\nBody\r\n")
    assert result.data == {"title": "Notes", "tags": ["a"]}
    assert result.body == "Body\n"
    assert result.body_line == 6
    assert messages == []


def test_key_lines_maps_top_level_keys_to_their_source_line() -> None:
    text = (
        "---\n"  # 1
        "title: Notes\n"  # 2
        "'quoted': 1\n"  # 3
        '"double": 2\n'  # 4
        "tags:\n"  # 5
        "  - a\n"  # 6
        "  - b: not a key\n"  # 7
        "# comment: not a key\n"  # 8
        "series:\n"  # 9
        "  nested: not top level\n"  # 10
        "date: 2025-01-01\n"  # 11
        "url: https://example.org\n"  # 12
        "---\n"
        "body_key: not in front matter\n"
    )
    assert frontmatter.key_lines(text) == {
        "title": 2,
        "quoted": 3,
        "double": 4,
        "tags": 5,
        "series": 9,
        "date": 11,
        "url": 12,
    }


@pytest.mark.parametrize("text", ["# no front matter\ntitle: x\n", "---\n---\n", ""])
def test_key_lines_without_keys(text: str) -> None:
    assert frontmatter.key_lines(text) == {}


def test_problem_text_with_and_without_line() -> None:
    assert str(Problem("a.md", 3, "bad")) == "a.md:3: bad"
    assert str(Problem("a.md", None, "bad")) == "a.md: bad"


# --------------------------------------------------------------------------- read_fields()


def test_reference_example_front_matter() -> None:
    if not REFERENCE.exists():
        pytest.skip(f"SKIPPED: the reference example {REFERENCE} is not on this machine")
    fields, messages = read(REFERENCE.read_text("utf-8"), statuses=("draft", "published"))
    assert messages == []
    assert fields.title == "LLM Training Field Notes: Pre-training & Post-training Resource Map"
    assert fields.date == dt.date(2025, 12, 14)
    assert fields.lastmod == dt.date(2025, 12, 14)
    assert (fields.summary or "").startswith("A living, annotated index")
    assert (fields.description or "").endswith("what I've read.")
    assert fields.category == "Blog"
    assert fields.series == ("Research Notes",)
    assert fields.series_order is None
    assert fields.tags == (
        "LLMs",
        "Pre-training",
        "Post-training",
        "Fine-tuning",
        "RLHF",
        "Datasets",
        "Systems",
    )
    assert fields.status == "draft"
    assert fields.authors == ("Bryan Chan",)
    assert fields.hero == "/assets/images/hero3.png"
    assert fields.image == "/assets/images/card3.png"


def test_fixture_example_front_matter() -> None:
    fields, messages = read(FIXTURE.read_text("utf-8"))
    assert messages == []
    assert fields.date == dt.date(2025, 11, 2)
    assert fields.lastmod == dt.date(2025, 11, 20)
    assert fields.category == "Notebook"
    assert fields.series == ("Retrieval Notes",)
    assert fields.authors == ("Ada Example",)
    assert len(fields.tags) == 7


def _text_message(key: str, described: str) -> str:
    return (
        f"front matter key '{key}' must be a text, got {described}; the value was ignored. "
        f"Write it in quotes, e.g. {key}: 'some text'."
    )


def _names_message(key: str, described: str) -> str:
    return (
        f"front matter key '{key}' must be a text or a list of texts, got {described}; "
        f"the value was ignored. Write e.g. {key}: [First, Second]."
    )


def _number_message(described: str) -> str:
    return (
        f"front matter key 'series_order' must be a whole number, got {described}; "
        "the value was ignored. Write e.g. series_order: 2."
    )


def _date_message(key: str, error: str) -> str:
    return (
        f"front matter key '{key}': {error}; the value was ignored. "
        f"Write the date as YYYY-MM-DD, e.g. {key}: 2025-12-14."
    )


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ("title: [a, b]", "title", _text_message("title", "a list")),
        (
            "description: 2025-01-01",
            "description",
            _text_message("description", "a date (2025-01-01)"),
        ),
        ("category: false", "category", _text_message("category", "a boolean (false)")),
        ("category: [Blog]", "category", _text_message("category", "a list")),
        ("status: true", "status", _text_message("status", "a boolean (true)")),
        ("status: {a: 1}", "status", _text_message("status", "a mapping")),
        ("hero: [a.png]", "hero", _text_message("hero", "a list")),
        ("image: {src: a.png}", "image", _text_message("image", "a mapping")),
        ("tags: {a: 1}", "tags", _names_message("tags", "a mapping")),
        ("tags: true", "tags", _names_message("tags", "a boolean (true)")),
        ("series: {name: S}", "series", _names_message("series", "a mapping")),
        ("series_order: abc", "series_order", _number_message("a text")),
        ("series_order: 2.5", "series_order", _number_message("a number (2.5)")),
        ("series_order: true", "series_order", _number_message("a boolean (true)")),
        ("series_order: [1]", "series_order", _number_message("a list")),
        (
            "date: 20251214",
            "date",
            _date_message("date", "expected a date, got a number (20251214)"),
        ),
        ("date: [2025]", "date", _date_message("date", "expected a date, got a list")),
        (
            "lastmod: true",
            "lastmod",
            _date_message("lastmod", "expected a date, got a boolean (true)"),
        ),
    ],
)
def test_wrong_type_is_reported_and_dropped(line: str, field: str, message: str) -> None:
    fields, messages = read(
        page("title: Page", line) if not line.startswith("title") else page(line)
    )
    key_line = 3 if not line.startswith("title") else 2
    assert messages == [f"{PATH}:{key_line}: {message}"]
    assert getattr(fields, field) in (None, ())


@pytest.mark.parametrize(
    ("item", "described"),
    [("null", "nothing"), ("true", "a boolean (true)"), ("[a]", "a list"), ("{a: 1}", "a mapping")],
)
def test_list_item_of_wrong_type_is_dropped(item: str, described: str) -> None:
    fields, messages = read(page("title: Page", "tags:", "  - Good", f"  - {item}", "  - Also"))
    assert messages == [
        f"{PATH}:3: front matter key 'tags' has an item that is {described}, not a text; "
        "the item was ignored. Quote it, e.g. 'Some name'."
    ]
    assert fields.tags == ("Good", "Also")


@pytest.mark.parametrize(
    ("line", "field", "used"),
    [
        ("title: 12", "title", "12"),
        ("summary: 3.5", "summary", "3.5"),
        ("category: 2025", "category", "2025"),
        ("status: 1", "status", "1"),
        ("title: 012", "title", "10"),  # YAML 1.1 reads an octal number: the message says so
        ("title: 1_000", "title", "1000"),
    ],
)
def test_number_where_a_text_is_expected_is_used_as_yaml_read_it(
    line: str, field: str, used: str
) -> None:
    fields, messages = read(page(line))
    key = line.split(":")[0]
    assert messages == [
        f"{PATH}:2: front matter key '{key}' is a number ({used}), not a text; it is used as "
        f"'{used}'. Write it in quotes to keep it as written: {key}: '{used}'."
    ]
    assert getattr(fields, field) == used


@pytest.mark.parametrize(
    ("line", "field", "used"),
    [
        ("tags: 3", "tags", ("3",)),
        ("series: 3", "series", ("3",)),
        ("author: 5", "authors", ("5",)),
    ],
)
def test_number_where_names_are_expected_is_one_name(
    line: str, field: str, used: tuple[str, ...]
) -> None:
    fields, messages = read(page(line))
    key = line.split(":")[0]
    assert messages == [
        f"{PATH}:2: front matter key '{key}' is a number ({used[0]}), not a text; it is used "
        f"as '{used[0]}'. Write it in quotes to keep it as written: {key}: '{used[0]}'."
    ]
    assert getattr(fields, field) == used


def test_number_items_are_used_as_names() -> None:
    fields, messages = read(page("tags: [Good, 2025, 3.0]"))
    assert messages == [
        f"{PATH}:2: front matter key 'tags' has an item that is a number (2025), not a text; "
        "it is used as '2025'. Write it in quotes to keep it as written, e.g. '2025'.",
        f"{PATH}:2: front matter key 'tags' has an item that is a number (3.0), not a text; "
        "it is used as '3.0'. Write it in quotes to keep it as written, e.g. '3.0'.",
    ]
    assert fields.tags == ("Good", "2025", "3.0")


def test_quoted_number_tag_is_accepted() -> None:
    fields, messages = read(page("tags: ['2025', '3.0']"))
    assert messages == []
    assert fields.tags == ("2025", "3.0")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date: 2025-12-14", dt.date(2025, 12, 14)),
        ("date: 2025-12-14 10:30:00", dt.date(2025, 12, 14)),
        ("date: 2025-12-14T23:30:00-05:00", dt.date(2025, 12, 14)),
        ("date: '2025-12-14'", dt.date(2025, 12, 14)),
        ('date: "2025-12-14"', dt.date(2025, 12, 14)),
        ("date: '14 Dec 2025'", dt.date(2025, 12, 14)),
        ("date: 14 Dec 2025", dt.date(2025, 12, 14)),
        ("date: December 14, 2025", dt.date(2025, 12, 14)),
        ("date: 2025/12/14", dt.date(2025, 12, 14)),
        ("date: 2025-1-5", dt.date(2025, 1, 5)),
    ],
)
def test_accepted_dates(line: str, expected: dt.date) -> None:
    fields, messages = read(page(line))
    assert messages == []
    assert fields.date == expected


def test_lastmod_is_read_like_date() -> None:
    fields, messages = read(page("date: 2025-12-01", "lastmod: '14 Dec 2025'"))
    assert messages == []
    assert fields.lastmod == dt.date(2025, 12, 14)


def test_locale_month_names_in_front_matter() -> None:
    fields, messages = read(page("date: 14 décembre 2025"), locale="fr")
    assert messages == []
    assert fields.date == dt.date(2025, 12, 14)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("date: 2025-02-31", "'2025-02-31' is not a real date (day is out of range for month)"),
        ("date: '2025-02-31'", "'2025-02-31' is not a real date (day is out of range for month)"),
        ("date: 2025-13-01", "'2025-13-01' is not a real date (month must be in 1..12)"),
        ("date: yesterday", "'yesterday' is not a date this plugin can read"),
        ("date: 03/04/2025", "'03/04/2025' is ambiguous (day/month or month/day?)"),
        ("date: 14 Foo 2025", "'Foo' in '14 Foo 2025' is not a month name"),
        ("date: ''", "the date is empty"),
    ],
    ids=["impossible", "impossible-quoted", "month-13", "word", "ambiguous", "month-name", "empty"],
)
def test_unreadable_date_is_reported_and_dropped(line: str, error: str) -> None:
    fields, messages = read(page("title: Page", line))
    assert messages == [f"{PATH}:3: {_date_message('date', error)}"]
    assert fields.date is None
    assert fields.title == "Page"


def test_impossible_date_does_not_lose_the_other_keys() -> None:
    fields, messages = read(page("date: 2025-02-31", "tags: [a]", "category: Blog"))
    assert len(messages) == 1
    assert fields.tags == ("a",)
    assert fields.category == "Blog"


@pytest.mark.parametrize("value", ["''", "'   '", '"\\t\\n "'])
def test_empty_title_is_reported(value: str) -> None:
    fields, messages = read(page(f"title: {value}", "tags: [a]"))
    assert messages == [f"{PATH}:2: front matter key 'title' is empty; the value was ignored."]
    assert fields.title is None


@pytest.mark.parametrize("key", ["summary", "description", "category", "status", "hero", "image"])
def test_empty_text_keys_are_reported(key: str) -> None:
    fields, messages = read(page("title: Page", f"{key}: '  '"))
    assert messages == [f"{PATH}:3: front matter key '{key}' is empty; the value was ignored."]
    assert getattr(fields, key) is None


def test_empty_tag_items_are_reported_one_by_one() -> None:
    fields, messages = read(page("title: Page", "tags: ['', a, '   ']"))
    message = f"{PATH}:3: front matter key 'tags' has an empty item; it was ignored."
    assert messages == [message, message]
    assert fields.tags == ("a",)


def test_empty_tag_text_is_reported() -> None:
    fields, messages = read(page("tags: ''"))
    assert messages == [f"{PATH}:2: front matter key 'tags' has an empty item; it was ignored."]
    assert fields.tags == ()


@pytest.mark.parametrize("value", ["", "[]", "null", "~"])
def test_absent_or_null_values_are_silent(value: str) -> None:
    fields, messages = read(page("title: Page", f"tags: {value}", f"series: {value}"))
    assert messages == []
    assert fields.tags == ()
    assert fields.series == ()


def test_whitespace_is_folded_silently() -> None:
    fields, messages = read(page('title: "  Deep   Learning \\t notes "', "tags: ['  a   b  ']"))
    assert messages == []
    assert fields.title == "Deep Learning notes"
    assert fields.tags == ("a b",)


def test_control_characters_are_removed_with_a_message() -> None:
    fields, messages = read(
        page('title: "Deep\\x01 Learning\\e[31m"', 'tags: ["a\\u202eb", "ok"]', "summary: ok")
    )
    assert messages == [
        f"{PATH}:2: front matter key 'title' with control or bidi override characters "
        "('Deep\\x01 Learning\\x1b[31m'); they were removed. Delete them from the file.",
        f"{PATH}:3: front matter key 'tags' has an item with control or bidi override "
        "characters ('a\\u202eb'); they were removed. Delete them from the file.",
    ]
    assert fields.title == "Deep Learning[31m"
    assert fields.tags == ("ab", "ok")


def test_unknown_status_is_kept_and_reported() -> None:
    fields, messages = read(page("status: Wip"), statuses=("draft", "published"))
    assert messages == [
        f"{PATH}:2: front matter key 'status' has the unknown value 'Wip'; it is shown as "
        "written. Use one of: draft, published (or add it to the plugin's 'status_values')."
    ]
    assert fields.status == "Wip"


@pytest.mark.parametrize("status", ["Draft", "DRAFT", "in progress", "In_Progress", "in-progress"])
def test_known_status_in_any_spelling_is_accepted(status: str) -> None:
    fields, messages = read(page(f"status: {status}"), statuses=("draft", "in-progress"))
    assert messages == []
    assert fields.status == status


def test_any_status_is_accepted_without_a_list() -> None:
    fields, messages = read(page("status: whatever"))
    assert messages == []
    assert fields.status == "whatever"


@pytest.mark.parametrize(
    ("status", "key"),
    [("Draft", "draft"), ("  In Progress ", "in-progress"), ("in__progress", "in-progress")],
)
def test_status_key(status: str, key: str) -> None:
    assert frontmatter.status_key(status) == key


def test_lastmod_before_date_is_reported_but_kept() -> None:
    fields, messages = read(page("date: 2025-12-14", "lastmod: 2025-12-01"))
    assert messages == [
        f"{PATH}:3: front matter key 'lastmod' (2025-12-01) is before 'date' (2025-12-14); "
        "it is shown as written. Check both dates."
    ]
    assert fields.lastmod == dt.date(2025, 12, 1)
    assert fields.date == dt.date(2025, 12, 14)


@pytest.mark.parametrize("lastmod", ["2025-12-14", "2025-12-15"])
def test_lastmod_on_or_after_date_is_silent(lastmod: str) -> None:
    _, messages = read(page("date: 2025-12-14", f"lastmod: {lastmod}"))
    assert messages == []


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("author: Ann Example", ("Ann Example",)),
        ("author: [Ann, Bob]", ("Ann", "Bob")),
        ("author: [Ann, ann, Bob]", ("Ann", "Bob")),
    ],
)
def test_author_text_or_list(line: str, authors: tuple[str, ...]) -> None:
    fields, messages = read(page(line))
    assert messages == []
    assert fields.authors == authors


@pytest.mark.parametrize(
    ("line", "series"),
    [("series: Research Notes", ("Research Notes",)), ("series: [A, B]", ("A", "B"))],
)
def test_series_text_or_list(line: str, series: tuple[str, ...]) -> None:
    fields, messages = read(page(line))
    assert messages == []
    assert fields.series == series


@pytest.mark.parametrize(("line", "order"), [("series_order: 3", 3), ("series_order: '4'", 4)])
def test_series_order(line: str, order: int) -> None:
    fields, messages = read(page(line))
    assert messages == []
    assert fields.series_order == order


def test_duplicate_tags_differing_in_case_are_merged_keeping_the_first_spelling() -> None:
    fields, messages = read(
        page("tags: [LLMs, llms, Other, LLMS, 'deep  learning', Deep Learning]")
    )
    assert messages == []
    assert fields.tags == ("LLMs", "Other", "deep learning")


@pytest.mark.parametrize("key", ["category", "status"])
def test_long_names_are_cut_with_a_message(key: str) -> None:
    fields, messages = read(page(f"{key}: {'c' * 250}"))
    assert messages == [
        f"{PATH}:2: front matter key '{key}' is 250 characters long; it was cut to 200. "
        "Use a shorter name."
    ]
    assert getattr(fields, key) == "c" * 200


def test_long_list_items_are_cut_with_a_message() -> None:
    fields, messages = read(page(f"tags: [{'t' * 250}, short]"))
    assert messages == [
        f"{PATH}:2: front matter key 'tags' has an item of 250 characters; it was cut to 200. "
        "Use a shorter name."
    ]
    assert fields.tags == ("t" * 200, "short")


def test_cut_name_does_not_end_with_a_space() -> None:
    fields, _ = read(page(f"category: {'a' * 199} bbbbbbbbbb"))
    assert fields.category == "a" * 199


def test_names_at_the_limit_are_not_cut() -> None:
    fields, messages = read(page(f"category: {'c' * 200}", f"tags: [{'t' * 200}]"))
    assert messages == []
    assert fields.category == "c" * 200


def test_texts_up_to_their_limit_are_not_cut() -> None:
    fields, messages = read(
        page(f"title: {'t' * 300}", f"summary: {'s' * 1000}", f"description: {'d' * 1000}")
    )
    assert messages == []
    assert fields.title == "t" * 300
    assert fields.summary == "s" * 1000
    assert fields.description == "d" * 1000


@pytest.mark.parametrize(
    ("key", "limit"), [("title", 300), ("summary", 1000), ("description", 1000), ("image", 2000)]
)
def test_long_texts_are_cut_with_a_message(key: str, limit: int) -> None:
    fields, messages = read(page(f"{key}: {'word ' * 20_000}"))
    assert messages == [
        f"{PATH}:2: front matter key '{key}' is 99999 characters long; it was cut to {limit}. "
        "Use a shorter text."
    ]
    assert getattr(fields, key) == ("word " * limit)[:limit].rstrip()


def test_page_without_front_matter_reads_no_field() -> None:
    fields, messages = read("# Just a page\n")
    assert fields == Entry(PATH)
    assert messages == []


def test_problems_without_line_numbers_when_lines_are_unknown() -> None:
    problems: list[Problem] = []
    frontmatter.read_fields({"tags": True}, PATH, {}, problems)
    assert [str(p) for p in problems] == [f"{PATH}: {_names_message('tags', 'a boolean (true)')}"]


def test_every_problem_of_a_page_is_reported() -> None:
    _, messages = read(
        page(
            "title: [x]",  # 2
            "date: yesterday",  # 3
            "tags: 3",  # 4
            "series_order: abc",  # 5
            "status: false",  # 6
        )
    )
    assert sorted(m.split(": front matter key ")[0] for m in messages) == [
        f"{PATH}:{line}" for line in range(2, 7)
    ]


# --------------------------------------------------------------------------- hardening (19)


def test_duplicate_key_is_reported_at_its_second_line_and_the_last_value_wins() -> None:
    text = page("title: First", "tags: [a]", "title: Second", "title: Third")
    fields, messages = read(text)
    assert messages == [
        f"{PATH}:4: front matter key 'title' is given again (it is already on line 2); YAML "
        "keeps the last value, so the one on line 2 is ignored. Delete one of them.",
        f"{PATH}:5: front matter key 'title' is given again (it is already on line 4); YAML "
        "keeps the last value, so the one on line 4 is ignored. Delete one of them.",
    ]
    assert fields.title == "Third"


def test_problems_of_a_duplicate_key_point_at_the_value_used() -> None:
    _, messages = read(page("title: Fine", "tags: [a]", "title: [not, text]"))
    assert messages[-1] == (
        f"{PATH}:4: front matter key 'title' must be a text, got a list; the value was "
        "ignored. Write it in quotes, e.g. title: 'some text'."
    )
    assert frontmatter.key_lines(page("title: a", "title: b")) == {"title": 3}


def test_duplicate_key_inside_a_mapping_and_quoted_spellings() -> None:
    _, messages = read(
        page("date:", "  created: 2025-01-01", "  created: 2025-01-02", "'tags': [a]", "tags: [b]")
    )
    assert messages == [
        f"{PATH}:4: the key 'created' is given again (it is already on line 3); YAML keeps "
        "the last value, so the one on line 3 is ignored. Delete one of them.",
        f"{PATH}:6: front matter key 'tags' is given again (it is already on line 5); YAML "
        "keeps the last value, so the one on line 5 is ignored. Delete one of them.",
    ]


def test_merge_keys_are_not_duplicates() -> None:
    _, messages = read(page("base: &base {x: 1}", "other:", "  <<: *base", "  x: 2"))
    assert messages == []


def test_duplicate_key_with_an_invisible_name_is_shown_visibly() -> None:
    _, messages = read(page('"ti\\u200btle": a', '"ti\\u200btle": b'))
    assert messages == [
        f"{PATH}:3: front matter key 'ti\\u200btle' is given again (it is already on line 2); "
        "YAML keeps the last value, so the one on line 2 is ignored. Delete one of them."
    ]


@pytest.mark.parametrize(
    "text",
    ["---\ntitle: x\n", "---\ntitle: x\ntags: [a]\n\n# Heading\n\nText.\n", "---  \n'quoted': 1\n"],
    ids=["end-of-file", "body-follows", "quoted-key"],
)
def test_front_matter_that_is_never_closed_is_reported(text: str) -> None:
    result, messages = split(text)
    assert messages == [
        f"{PATH}:1: front matter opens on line 1 but no line '---' closes it, so none of its "
        "keys are read and the page shows them as text. Add a line '---' after the last key."
    ]
    assert result.data == {} and result.body == text  # shown as MkDocs shows it


@pytest.mark.parametrize(
    ("line", "draft"), [("draft: true", True), ("draft: false", False), ("draft: null", False)]
)
def test_draft_key(line: str, draft: bool) -> None:
    fields, messages = read(page(line))
    assert messages == []
    assert fields.draft is draft


@pytest.mark.parametrize(
    ("line", "described"),
    [("draft: 'true'", "a text"), ("draft: 1", "a number (1)"), ("draft: [x]", "a list")],
)
def test_draft_key_that_is_not_a_boolean_is_reported(line: str, described: str) -> None:
    fields, messages = read(page(line))
    assert messages == [
        f"{PATH}:2: front matter key 'draft' must be true or false, got {described}; it was "
        "ignored. Write draft: true (unquoted) to make the entry a draft."
    ]
    assert fields.draft is False


def test_names_are_read_in_unicode_nfc() -> None:
    decomposed = "Cafe\u0301"
    fields, messages = read(
        page(f'tags: ["Café", "{decomposed}", "CAFE\u0301"]', f'category: "{decomposed}"')
    )
    assert messages == []
    assert fields.tags == ("Café",)
    assert fields.category == "Café"
    assert frontmatter.status_key("Cafe\u0301") == frontmatter.status_key("café")


@pytest.mark.parametrize(
    ("item", "read_as"),
    [("a/../b", "a/b"), ("/lead", "lead"), ("trail/", "trail"), ("a//b", "a/b"), ("./x", "x")],
)
def test_path_like_tags_are_read_without_empty_parts(item: str, read_as: str) -> None:
    fields, messages = read(page(f"tags: ['{item}']"))
    assert messages == [
        f"{PATH}:2: front matter key 'tags' has the item '{item}', with an empty or dots-only "
        f"part between '/'; it is read as '{read_as}'. Write it that way."
    ]
    assert fields.tags == (read_as,)


@pytest.mark.parametrize("item", ["/", "..", "../..", " / / ", "..."])
def test_tags_with_no_name_between_slashes_are_ignored(item: str) -> None:
    fields, messages = read(page(f"tags: ['{item}', ok]"))
    shown = " ".join(item.split())
    assert messages == [
        f"{PATH}:2: front matter key 'tags' has the item '{shown}', which has no name, only '/' "
        "or dots; the item was ignored. A '/' separates a parent tag from a child, as in "
        "LLMs/Post-training."
    ]
    assert fields.tags == ("ok",)


def test_hierarchical_tags_with_spaces_and_series_with_a_slash_are_silent() -> None:
    fields, messages = read(page("tags: ['LLMs / Post-training']", "series: ['A/../B']"))
    assert messages == []
    assert fields.tags == ("LLMs / Post-training",)
    assert fields.series == ("A/../B",)  # a series name has no hierarchy


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("\\u200b", "\\u200b"),
        ("\\u200e\\u200f\\u2060", "\\u200e\\u200f\\u2060"),
        ("\\ufeff \\u3164", "\\ufeff \\u3164"),
        ("\\u202e", "\\u202e"),
        ("\\x00", "\\x00"),
    ],
)
def test_tags_of_invisible_characters_only_are_ignored(value: str, shown: str) -> None:
    fields, messages = read(page(f'tags: ["{value}", ok]'))
    assert messages == [
        f"{PATH}:2: front matter key 'tags' has an item '{shown}', made only of invisible "
        "characters; the item was ignored. Write a visible text or delete it."
    ]
    assert fields.tags == ("ok",)


def test_title_of_invisible_characters_only_is_ignored() -> None:
    fields, messages = read(page('title: "\\u200b\\u200b"'))
    assert messages == [
        f"{PATH}:2: front matter key 'title' has the value '\\u200b\\u200b', made only of "
        "invisible characters; the value was ignored. Write a visible text or delete it."
    ]
    assert fields.title is None


def test_invisible_characters_inside_a_name_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # an emoji sequence needs its joiners
    fields, messages = read(page(f'tags: ["{family}", "می\u200cخواهم"]'))
    assert messages == []
    assert fields.tags == (family, "می\u200cخواهم")


def test_long_lists_are_cut_to_the_first_hundred_items() -> None:
    fields, messages = read(page(f"tags: [{', '.join(f't{i}' for i in range(250))}]"))
    assert messages == [
        f"{PATH}:2: front matter key 'tags' has 250 items; only the first 100 are used. Keep "
        "the list to 100 items or fewer."
    ]
    assert fields.tags == tuple(f"t{i}" for i in range(100))


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("date: '2025-01-02T25:99'", "'2025-01-02T25:99' has a time of day that does not exist (25:99)"),
        ("date: 2025-01-02T25:99:00", "'2025-01-02T25:99:00' has a time of day that does not exist (25:99:00)"),
        ("date: 2025-01-02 10:61", "'2025-01-02 10:61' has a time of day that does not exist (10:61)"),
        ("date: '2025-01-02T10:00+25:00'", "'2025-01-02T10:00+25:00' has a time zone that does not exist (+25:00)"),
        ("date: '2025-01-02T10:00 later'", "'2025-01-02T10:00 later' is not a date this plugin can read"),
    ],
)  # fmt: skip
def test_times_that_do_not_exist_are_refused(line: str, error: str) -> None:
    fields, messages = read(page(line))
    assert messages == [f"{PATH}:2: {_date_message('date', error)}"]
    assert fields.date is None


def test_integer_too_long_for_python_is_read_as_text() -> None:
    digits = "9" * 5000
    fields, messages = read(page(f"series_order: {digits}", f"title: {digits}", "tags: [a]"))
    assert messages == [
        f"{PATH}:2: {_number_message('a text')}",
        f"{PATH}:3: front matter key 'title' is 5000 characters long; it was cut to 300. Use a "
        "shorter text.",
    ]
    assert fields.series_order is None
    assert fields.title == "9" * 300
    assert fields.tags == ("a",)


def test_unicode_digits_in_series_order_do_not_crash() -> None:
    fields, messages = read(page("series_order: '²'"))
    assert messages == [f"{PATH}:2: {_number_message('a text')}"]
    assert fields.series_order is None


def test_yaml_alias_bomb_is_read_without_expanding_it() -> None:
    levels = ["a: &a [" + ", ".join(["xxxxxxxxxx"] * 9) + "]"]
    for name, previous in zip("bcdefghi", "abcdefgh"):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    keys = ["title: *i", "tags: *i", "summary: *i", "author: *i", "category: *i"]
    fields, messages = read(page(*levels, *keys))  # 9**9 leaves if anything expanded it
    first = len(levels) + 2
    assert messages == [
        f"{PATH}:{first}: {_text_message('title', 'a list')}",
        *[
            f"{PATH}:{first + 1}: front matter key 'tags' has an item that is a list, not a "
            "text; the item was ignored. Quote it, e.g. 'Some name'."
        ]
        * 9,
        f"{PATH}:{first + 2}: {_text_message('summary', 'a list')}",
        *[
            f"{PATH}:{first + 3}: front matter key 'author' has an item that is a list, not a "
            "text; the item was ignored. Quote it, e.g. 'Some name'."
        ]
        * 9,
        f"{PATH}:{first + 4}: {_text_message('category', 'a list')}",
    ]
    assert fields == Entry(PATH)


def test_long_number_is_cut_and_its_messages_stay_short() -> None:
    digits = "9" * 4000
    fields, messages = read(page(f"title: {digits}", f"tags: [{digits}]"))
    number = f"a number ({'9' * 20}…)"
    used = f"'{'9' * 80}…'"
    assert messages == [
        f"{PATH}:2: front matter key 'title' is 4000 characters long; it was cut to 300. Use a "
        "shorter text.",
        f"{PATH}:2: front matter key 'title' is {number}, not a text; it is used as {used}. "
        f"Write it in quotes to keep it as written: title: {used}.",
        f"{PATH}:3: front matter key 'tags' has an item of 4000 characters; it was cut to 200. "
        "Use a shorter name.",
        f"{PATH}:3: front matter key 'tags' has an item that is {number}, not a text; it is "
        f"used as {used}. Write it in quotes to keep it as written, e.g. {used}.",
    ]
    assert fields.title == "9" * 300
    assert fields.tags == ("9" * 200,)

"""Messages: how a user's value or file name is quoted, and what the Reporter logs."""

from __future__ import annotations

import errno
import os
from typing import Any, cast

import pytest

from mkdocs_fieldnotes.model import Problem
from mkdocs_fieldnotes.report import (
    MAX_PER_FILE,
    QUOTE_LIMIT,
    Reporter,
    drafts_note,
    quote,
    unreadable_message,
    visible,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("plain text", "'plain text'"),
        ("", "''"),
        ("Café 機械学習 🚀", "'Café 機械学習 🚀'"),
        ("it's", "'it's'"),
        ("a\nb\r\nc\td", "'a\\nb\\r\\nc\\td'"),
        ("\x1b[31mred\x1b[0m", "'\\x1b[31mred\\x1b[0m'"),
        ("\x00\x07\x7f\x85", "'\\x00\\x07\\x7f\\x85'"),
        ("dra\u200bft", "'dra\\u200bft'"),
        ("\u202eevil\u202c \u2066x\u2069", "'\\u202eevil\\u202c \\u2066x\\u2069'"),
        ("\u200e\u200f\u061c\ufeff\u2060\u00ad", "'\\u200e\\u200f\\u061c\\ufeff\\u2060\\xad'"),
        ("line\u2028para\u2029", "'line\\u2028para\\u2029'"),
        ("\u3164\u2800", "'\\u3164\\u2800'"),
        ("lone \udc80", "'lone \\udc80'"),
        ("tag \U000e0041", "'tag \\U000e0041'"),
        ("no\u00a0break\u3000wide", "'no\u00a0break\u3000wide'"),  # spaces show as spaces
        ("\U0001f468\u200d\U0001f469", "'\U0001f468\\u200d\U0001f469'"),
    ],
)
def test_quote_shows_invisible_and_control_characters(value: str, shown: str) -> None:
    assert quote(value) == shown


def test_quote_cuts_long_values() -> None:
    assert quote("x" * QUOTE_LIMIT) == f"'{'x' * QUOTE_LIMIT}'"
    assert quote("x" * 90_000) == f"'{'x' * QUOTE_LIMIT}…'"
    assert quote("y" * (QUOTE_LIMIT + 1)) == f"'{'y' * QUOTE_LIMIT}…'"


def test_quote_never_cuts_an_escape_in_half() -> None:
    value = "x" * (QUOTE_LIMIT - 3) + "\u200b" + "tail"
    assert quote(value) == f"'{'x' * (QUOTE_LIMIT - 3)}…'"
    assert quote("\u200b" * 1000) == "'" + "\\u200b" * (QUOTE_LIMIT // 6) + "…'"


def test_quote_counts_what_it_shows() -> None:
    value = "\x1b" * 20  # 20 characters, 80 shown
    assert quote(value) == "'" + "\\x1b" * 20 + "'"
    assert quote(value + "!") == "'" + "\\x1b" * 20 + "…'"


def test_visible_keeps_printable_text_and_escapes_the_rest() -> None:
    assert visible("notes/a b.md") == "notes/a b.md"
    assert visible("notes/é.md") == "notes/é.md"
    assert visible("notes/new\nWARNING -  forged.md") == "notes/new\\nWARNING -  forged.md"
    assert visible("x" * 500) == "x" * 500  # never shortened


class _Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def warning(self, text: str) -> None:
        self.lines.append(text)


def _reporter() -> tuple[Reporter, _Log]:
    log = _Log()
    return Reporter(cast(Any, log)), log


def test_reporter_cannot_be_made_to_forge_a_log_line() -> None:
    reporter, log = _reporter()
    path = "notes/a.md\nWARNING -  mkdocs_fieldnotes: all good\x1b[2K"
    reporter.problems([Problem(path, 3, "front matter key 'title' is empty.")], path)
    assert log.lines == [
        "notes/a.md\\nWARNING -  mkdocs_fieldnotes: all good\\x1b[2K:3: front matter key "
        "'title' is empty."
    ]
    assert all("\n" not in line and "\x1b" not in line for line in log.lines)


def test_reporter_says_each_problem_once_and_caps_them_per_file() -> None:
    reporter, log = _reporter()
    path = "notes/new\nline.md"
    for i in range(MAX_PER_FILE + 3):
        reporter.warn(path, f"{path}: problem {i}")
        reporter.warn(path, f"{path}: problem {i}")
    reporter.finish()
    assert len(log.lines) == MAX_PER_FILE + 1
    assert log.lines[0] == "notes/new\\nline.md: problem 0"
    assert log.lines[-1] == (
        "notes/new\\nline.md: 3 more problems not shown; fix the ones above and build again."
    )


def test_drafts_note_shows_file_names_visibly() -> None:
    assert drafts_note(["notes/a\u202e.md"]) == (
        "1 draft entry left out of the build: notes/a\\u202e.md. Preview with 'mkdocs serve', "
        "or set 'status_publish_drafts: true' to publish drafts."
    )


def _os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code), "/abs/docs/notes/a.md")


def _decode_error() -> UnicodeDecodeError:
    try:
        b"caf\xe9".decode("utf-8")
    except UnicodeDecodeError as error:
        return error
    raise AssertionError("not an error")


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            _decode_error(),
            "notes/a.md: is not valid UTF-8 text (byte 0xe9 at position 3); the page was left "
            "out of the site. Save the file as UTF-8.",
        ),
        (
            _os_error(errno.ELOOP),
            "notes/a.md: could not be read: it is a symbolic link in a loop (it leads back to "
            "itself); the page was left out of the site. Point the link at a real file, or "
            "remove it.",
        ),
        (
            _os_error(errno.ENOENT),
            "notes/a.md: could not be read: the file it points to does not exist (a broken "
            "symbolic link); the page was left out of the site. Point the link at an existing "
            "file, or remove it.",
        ),
        (
            _os_error(errno.EACCES),
            "notes/a.md: could not be read: permission denied; the page was left out of the "
            "site. Make the file readable by the user running MkDocs.",
        ),
        (
            _os_error(errno.EIO),
            "notes/a.md: could not be read: input/output error; the page was left out of the "
            "site. Check the file and its permissions.",
        ),
    ],
    ids=["not-utf8", "loop", "dangling", "permission", "other"],
)
def test_unreadable_page_is_named_for_what_it_is(error: Exception, text: str) -> None:
    assert unreadable_message("notes/a.md", error) == text

"""Turning problems into log warnings: de-duplicated, capped per file, and printed so that
no value from a user's file can hide in, or forge, a log line.

``quote`` is the one way a user's value or file name enters a message.
"""

from __future__ import annotations

import errno
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .plaintext import BLANK_LETTERS

if TYPE_CHECKING:  # only for the annotation: this module stays importable without MkDocs
    from mkdocs.plugins import PrefixedLogger

MAX_PER_FILE = 25

QUOTE_LIMIT = 80
"""Characters of a value that a message shows before it cuts it with "…"."""

_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    short = _SHORT_ESCAPES.get(char)
    if short is not None:
        return short
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _shown(char: str) -> bool:
    # Printable characters and spaces of any width stay; control characters, line and
    # paragraph separators, bidi and zero-width controls (format characters), lone
    # surrogates, private-use and unassigned code points are written as escapes.
    if char in BLANK_LETTERS:
        return False
    return char.isprintable() or unicodedata.category(char) == "Zs"


def visible(text: str) -> str:
    """``text`` with every character that is invisible, or changes how a line displays,
    written as a Python-style escape (``\\n``, ``\\x1b``, ``\\u200b``, ``\\u202e``): on
    one line and in reading order whatever it holds."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(char if _shown(char) else _escape(char) for char in text)


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A user's value or file name as a message shows it: in single quotes, its invisible
    and control characters escaped (see ``visible``), and cut with "…" once that form is
    longer than ``limit`` characters (an escape is never cut in half)."""
    if len(text) <= limit and text.isascii() and text.isprintable():
        return f"'{text}'"
    pieces: list[str] = []
    size = 0
    for char in text[: limit + 1]:  # each character shows as one character or more
        piece = char if _shown(char) else _escape(char)
        size += len(piece)
        if size > limit:
            return "'" + "".join(pieces) + "…'"
        pieces.append(piece)
    return "'" + "".join(pieces) + "'"


class Reporter:
    """Logs each distinct problem once per build, at most ``MAX_PER_FILE`` per file."""

    def __init__(self, log: PrefixedLogger) -> None:
        self.log = log
        self.seen: set[str] = set()
        self.per_file: dict[str, int] = {}
        self.hidden: dict[str, int] = {}

    def warn(self, path: str, text: str) -> None:
        """Log ``text`` (already prefixed with the path) unless said before or over the cap.

        The text is logged through ``visible``: a file name with a line break or an ESC
        sequence cannot start a forged log line, whatever the message's author forgot.
        """
        text = visible(text)
        if text in self.seen:
            return
        self.seen.add(text)
        count = self.per_file.get(path, 0) + 1
        self.per_file[path] = count
        if count > MAX_PER_FILE:
            self.hidden[path] = self.hidden.get(path, 0) + 1
            return
        self.log.warning(text)

    def problems(self, problems: Iterable[object], path: str) -> None:
        """Log a file's problems (their ``str()`` already names file and line)."""
        for problem in problems:
            self.warn(path, str(problem))

    def finish(self) -> None:
        """Say how many problems were not printed, per file."""
        for path, count in sorted(self.hidden.items()):
            plural = "s" if count > 1 else ""
            self.log.warning(
                f"{visible(path)}: {count} more problem{plural} not shown; fix the ones above "
                "and build again."
            )


def decode_reason(error: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8, in words."""
    return f"byte 0x{error.object[error.start]:02x} at position {error.start}"


_READ_ERRORS = {
    errno.ELOOP: (
        "it is a symbolic link in a loop (it leads back to itself)",
        "Point the link at a real file, or remove it.",
    ),
    errno.ENOENT: (
        "the file it points to does not exist (a broken symbolic link)",
        "Point the link at an existing file, or remove it.",
    ),
    errno.EACCES: ("permission denied", "Make the file readable by the user running MkDocs."),
    errno.EPERM: ("permission denied", "Make the file readable by the user running MkDocs."),
    errno.EISDIR: ("it is a folder", "Rename the folder so that it does not end in .md."),
}


def unreadable_message(src_uri: str, error: Exception) -> str:
    """The warning for a page whose source cannot be read (it is then left out of the site):
    not UTF-8, or an operating-system error named for what it is."""
    if isinstance(error, UnicodeDecodeError):
        return (
            f"{src_uri}: is not valid UTF-8 text ({decode_reason(error)}); the page was left "
            "out of the site. Save the file as UTF-8."
        )
    code = error.errno if isinstance(error, OSError) else None
    reason, fix = _READ_ERRORS.get(code or 0, ("", "Check the file and its permissions."))
    if not reason:
        strerror = error.strerror if isinstance(error, OSError) else None
        reason = (strerror or type(error).__name__).lower()
    return f"{src_uri}: could not be read: {reason}; the page was left out of the site. {fix}"


def drafts_note(paths: list[str]) -> str:
    """The info line of a build that left the draft entries at ``paths`` out."""
    shown = ", ".join(visible(path) for path in paths[:3])
    if len(paths) > 3:
        shown += f" and {len(paths) - 3} more"
    count = len(paths)
    return (
        f"{count} draft entr{'y' if count == 1 else 'ies'} left out of the build: {shown}. "
        "Preview with 'mkdocs serve', or set 'status_publish_drafts: true' to publish drafts."
    )

"""Turning problems into log warnings: sorted, de-duplicated, and capped per file."""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.plugins import PrefixedLogger

MAX_PER_FILE = 25


class Reporter:
    """Logs each distinct problem once per build, at most ``MAX_PER_FILE`` per file."""

    def __init__(self, log: PrefixedLogger) -> None:
        self.log = log
        self.seen: set[str] = set()
        self.per_file: dict[str, int] = {}
        self.hidden: dict[str, int] = {}

    def warn(self, path: str, text: str) -> None:
        """Log ``text`` (already prefixed with the path) unless said before or over the cap."""
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
            self.log.warning(
                f"{path}: {count} more problem{'s' if count > 1 else ''} not shown; fix the "
                "ones above and build again."
            )


def decode_reason(error: Exception) -> str:
    """Where a file stops being UTF-8, in words."""
    if isinstance(error, UnicodeDecodeError):
        return f"byte 0x{error.object[error.start]:02x} at position {error.start}"
    return str(error)


def drafts_note(paths: list[str]) -> str:
    """The info line of a build that left the draft entries at ``paths`` out."""
    shown = ", ".join(paths[:3])
    if len(paths) > 3:
        shown += f" and {len(paths) - 3} more"
    count = len(paths)
    return (
        f"{count} draft entr{'y' if count == 1 else 'ies'} left out of the build: {shown}. "
        "Preview with 'mkdocs serve', or set 'status_publish_drafts: true' to publish drafts."
    )

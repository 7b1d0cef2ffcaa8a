"""Explicit card blocks (``/// card | Title``): their syntax and their options, read from the
source. ``cards.py`` finds the blocks (the one parser); the Markdown side places them
(``markdown_ext.CardBlock``, a ``pymdownx.blocks`` block).

A card block is a ``pymdownx.blocks`` block named ``card``: the text after ``|`` is the title,
the ``key: value`` lines right under the opening line are its options, and the rest, up to
the closing ``///``, is the commentary. The options are the lines right under the opening
line, up to the first blank line: indented by four spaces, as ``pymdownx.blocks`` writes a
block's options, or flush left when the first one starts with a lower-case ``key:``. A
commentary that starts after a blank line is never read as options.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import textwrap
from collections.abc import Sequence
from typing import Optional

import yaml

from .dates import describe
from .frontmatter import _Loader, status_key
from .model import MAX_ITEMS, Problem
from .plaintext import only_invisible, strip_control
from .report import quote, visible

NAME = "card"
"""The block's name: ``/// card | Title``."""

OPTION_KEYS = ("link", "date", "revisited", "source", "topic", "tags", "status")
"""The options a card block takes, in the order messages list them."""

LIMIT = 200
"""Most characters kept of a ``source``, ``topic`` or ``status`` value, or of a tag."""

# pymdownx.blocks' own patterns: an opening line (slashes, a name, an optional argument
# after '|') and a closing line (the same number of slashes alone).
_LINE = re.compile(r"^ {0,3}(/{3,})[ ]*(?:([\w-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?)?$")
_TOP_KEY = re.compile(r"""^([^\s#:'"\-][^:\n]*?|'[^'\n]*'|"[^"\n]*")[ \t]*:(?:[ \t]|$)""")
# A lower-case key and a colon: the first line of options written flush left.
_OPTION_START = re.compile(r"^[a-z_][a-z0-9_-]*[ \t]*:(?:[ \t]|$)")


def block_line(line: str) -> Optional[tuple[int, Optional[str], str]]:
    """``(slashes, name, argument)`` of a ``pymdownx.blocks`` line: ``name`` is lower-cased,
    ``None`` on a closing line; ``None`` for any other line."""
    match = _LINE.match(line)
    if match is None:
        return None
    name = match.group(2)
    return len(match.group(1)), name.lower() if name else None, match.group(3) or ""


@dataclasses.dataclass(frozen=True)
class BlockOptions:
    """The options of one card block, validated (an option given wrong is left out)."""

    values: dict[str, object]
    """``link``, ``date``, ``revisited`` (texts as written), ``source``, ``topic``,
    ``status`` (clean texts) and ``tags`` (a tuple of names), for the options given."""
    lines: dict[str, int]
    """Source line of each option."""
    taken: tuple[int, ...]
    """Source lines of the options: data, taken out of the Markdown."""
    rest: list[tuple[int, str]]
    """The block's other lines: its commentary."""

    def text(self, key: str) -> Optional[str]:
        """The value of a text option, or ``None``."""
        value = self.values.get(key)
        return value if isinstance(value, str) else None

    def names(self, key: str) -> tuple[str, ...]:
        """The value of a list option (``tags``), or ``()``."""
        value = self.values.get(key)
        return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


def _option_lines(lines: Sequence[tuple[int, str]]) -> int:
    """How many of ``lines`` (the block's content) are its options (see the module's
    docstring)."""
    if not lines or not lines[0][1].strip():
        return 0
    first = lines[0][1]
    indented = first.startswith("    ")
    if not indented and not _OPTION_START.match(first):
        return 0
    count = 0
    for _, line in lines:
        if not line.strip() or (indented and not line.startswith("    ")):
            break
        count += 1
    return count


class _Reader:
    def __init__(
        self, title: str, path: str, problems: list[Problem], lines: dict[str, int]
    ) -> None:
        self.title = title
        self.path = path
        self.problems = problems
        self.lines = lines

    def warn(self, key: Optional[str], line: int, message: str) -> None:
        at = self.lines.get(key, line) if key else line
        self.problems.append(Problem(self.path, at, f"card {quote(self.title)}: {message}"))

    def text(self, key: str, value: object, line: int, *, item: bool = False) -> Optional[str]:
        """``value`` as a clean text (numbers as YAML read them), or ``None`` with a warning."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, (dt.date, dt.datetime)) and key in ("date", "revisited"):
            value = value.isoformat()
        if not isinstance(value, str):
            if item:
                self.warn(
                    key,
                    line,
                    f"the option {quote(key)} has an item that is {describe(value)}, not a "
                    "text; the item was ignored. Quote it, e.g. 'Some name'.",
                )
            else:
                self.warn(
                    key,
                    line,
                    f"the option {quote(key)} must be a text, got {describe(value)}; it was "
                    f"ignored. Write it in quotes, e.g. {key}: 'some text'.",
                )
            return None
        cleaned = " ".join(strip_control(value).split())
        if only_invisible(cleaned):
            self.warn(
                key,
                line,
                f"the option {quote(key)} is empty; it was ignored. Write a value after "
                f"'{key}:' or delete the line.",
            )
            return None
        if len(cleaned) > LIMIT and key not in ("link", "date", "revisited"):
            self.warn(
                key,
                line,
                f"the option {quote(key)} is {len(cleaned)} characters long; it was cut to "
                f"{LIMIT}. Use a shorter text.",
            )
            cleaned = cleaned[:LIMIT].rstrip()
        return cleaned

    def tags(self, value: object, line: int) -> tuple[str, ...]:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            items: list[object] = [value]
        elif isinstance(value, list):
            items = value
            if len(items) > MAX_ITEMS:
                self.warn(
                    "tags",
                    line,
                    f"the option 'tags' has {len(items)} items; only the first {MAX_ITEMS} "
                    f"are used. Keep the list to {MAX_ITEMS} items or fewer.",
                )
                items = items[:MAX_ITEMS]
        else:
            self.warn(
                "tags",
                line,
                f"the option 'tags' must be a text or a list of texts, got {describe(value)}; "
                "it was ignored. Write e.g. tags: [First, Second].",
            )
            return ()
        names: dict[str, str] = {}
        for item in items:
            name = self.text("tags", item, line, item=True)
            if name is not None and name.strip("/ ."):
                names.setdefault(name.casefold(), name)
        return tuple(names.values())


def read_options(
    lines: Sequence[tuple[int, str]],
    title: str,
    path: str,
    problems: list[Problem],
    statuses: Sequence[str] = (),
) -> BlockOptions:
    """Split a card block's ``lines`` (its content, after the opening line) into its options
    and its commentary, and validate the options; problems are appended, never raised.

    ``statuses`` are the known ``status`` values (none: any value is known).
    """
    count = _option_lines(lines)
    options, rest = list(lines[:count]), list(lines[count:])
    taken = tuple(number for number, _ in options)
    key_lines: dict[str, int] = {}
    reader = _Reader(title, path, problems, key_lines)
    if not options:
        return BlockOptions({}, key_lines, taken, rest)
    start = options[0][0]
    text = textwrap.dedent("\n".join(line for _, line in options))
    for offset, line in enumerate(text.split("\n")):
        if found := _TOP_KEY.match(line):
            key_lines[found.group(1).strip("'\"")] = start + offset  # YAML keeps the last
    # The front matter's loader: an impossible date or a huge number stays text (and is
    # reported by the option's check), and keys given twice are noted.
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = start + mark.line if mark is not None else start
        problem = getattr(error, "problem", None) or getattr(error, "context", None)
        what = visible(" ".join(str(problem or "invalid YAML").split()))
        reader.warn(
            None,
            where,
            f"the options of the card block are not valid YAML ({what}); they were ignored. "
            "Write one 'key: value' line per option right under the '/// card' line, and "
            "quote values that contain ': '.",
        )
        return BlockOptions({}, key_lines, taken, rest)
    finally:
        loader.dispose()
    for duplicate in sorted(loader.duplicates, key=lambda d: d.again):
        if duplicate.top:
            first, again = start + duplicate.first, start + duplicate.again
            reader.warn(
                None,
                again,
                f"the option {quote(duplicate.key)} is given again (it is already on line "
                f"{first}); the one on line {first} is ignored. Delete one of them.",
            )
    if not isinstance(data, dict):
        reader.warn(
            None,
            start,
            f"the options of the card block must be 'key: value' lines, got {describe(data)}; "
            "they were ignored. Write e.g. link: https://example.org/paper",
        )
        return BlockOptions({}, key_lines, taken, rest)
    values: dict[str, object] = {}
    for raw_key, value in data.items():
        key = str(raw_key)
        if key not in OPTION_KEYS:
            reader.warn(
                key,
                start,
                f"the card block has the option {quote(key)}, which cards do not have; it was "
                f"ignored. A card block takes {', '.join(OPTION_KEYS)}.",
            )
            continue
        if value is None:
            reader.warn(
                key,
                start,
                f"the option {quote(key)} is empty; it was ignored. Write a value after "
                f"'{key}:' or delete the line.",
            )
            continue
        if key == "tags":
            tags = reader.tags(value, start)
            if tags:
                values[key] = tags
            continue
        cleaned = reader.text(key, value, start)
        if cleaned is not None:
            values[key] = cleaned
    status = values.get("status")
    known = {status_key(s) for s in statuses}
    if isinstance(status, str) and known and status_key(status) not in known:
        reader.warn(
            "status",
            start,
            f"the option 'status' has the unknown value {quote(status)}; it is shown as "
            f"written. Use one of: {', '.join(statuses)} (or add it to the plugin's "
            "'status_values').",
        )
    return BlockOptions(values, key_lines, taken, rest)

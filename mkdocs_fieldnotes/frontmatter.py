"""Read and validate an entry's YAML front matter, reporting every problem with its line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Optional

import yaml

from .dates import DateError, coerce_date, describe
from .model import ENTRY_FIELDS, Problem
from .plaintext import strip_control

try:  # The C loader is several times faster; fall back where libyaml is missing.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

# Same delimiters MkDocs accepts: '---' to open, '---' or '...' to close.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TOP_KEY = re.compile(r"^([^\s#:'\"\-][^:\n]*?|'[^'\n]*'|\"[^\"\n]*\")[ \t]*:(?:[ \t]|$)", re.M)

MAX_NAME_LENGTH = 200


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps impossible timestamps (``2025-02-31``) as text.

    PyYAML raises for them and loses the whole front matter; keeping the text lets the
    validator report that one key with its line.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclasses.dataclass
class FrontMatter:
    """The split of a source file into front matter and body."""

    data: dict[str, Any]
    body: str
    body_line: int
    """1-based line number of the first body line in the source."""
    has_block: bool
    """Whether the file starts with a front-matter block (valid or not)."""
    valid: bool


def normalize_source(text: str) -> str:
    """Text as Markdown reads it: no BOM, ``\\n`` line endings."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def body_of(text: str) -> tuple[str, int]:
    """The body of normalized ``text`` after its front matter block (unparsed), and the
    1-based line where the body starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, 1
    return text[match.end() :], text.count("\n", 0, match.end()) + 1


def split(text: str, path: str, problems: list[Problem]) -> FrontMatter:
    """Split normalized ``text`` into front matter data and body; YAML errors become problems."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, text, 1, has_block=False, valid=True)
    yaml_text = match.group(1) or ""
    body = text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    try:
        data = yaml.load(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2
        what = " ".join(str(error.problem or error.context or "invalid YAML").split())
        problems.append(
            Problem(
                path,
                line,
                f"front matter is not valid YAML ({what}); all of it was ignored. "
                "Check the indentation and quote values that contain ': ' or start with "
                "a special character.",
            )
        )
        return FrontMatter({}, body, body_line, has_block=True, valid=False)
    except yaml.YAMLError as error:
        problems.append(
            Problem(path, 2, f"front matter could not be read ({error}); all of it was ignored.")
        )
        return FrontMatter({}, body, body_line, has_block=True, valid=False)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                path,
                2,
                f"front matter must be a mapping of 'key: value' lines, got {describe(data)}; "
                "it was ignored.",
            )
        )
        return FrontMatter({}, body, body_line, has_block=True, valid=False)
    return FrontMatter(
        {str(k): v for k, v in data.items()}, body, body_line, has_block=True, valid=True
    )


def key_lines(text: str) -> dict[str, int]:
    """1-based source line of each top-level key of the front matter in ``text``."""
    match = _FRONT_MATTER.match(text)
    if not match or not match.group(1):
        return {}
    lines: dict[str, int] = {}
    start = match.start(1)
    for key_match in _TOP_KEY.finditer(match.group(1)):
        key = key_match.group(1).strip("'\"")
        lines.setdefault(key, text.count("\n", 0, start + key_match.start()) + 1)
    return lines


class _Validator:
    def __init__(
        self,
        path: str,
        lines: dict[str, int],
        problems: list[Problem],
        locale: str,
        months: Optional[Mapping[str, int]],
    ):
        self.path = path
        self.lines = lines
        self.problems = problems
        self.locale = locale
        self.months = months

    def warn(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.lines.get(key), message))

    def text(self, key: str, value: object, *, name: bool = False) -> Optional[str]:
        if value is None:
            return None
        if not isinstance(value, str):
            self.warn(
                key,
                f"front matter key '{key}' must be a text, got {describe(value)}; "
                f"the value was ignored. Write it in quotes, e.g. {key}: 'some text'.",
            )
            return None
        cleaned = " ".join(strip_control(value).split())
        if not cleaned:
            self.warn(key, f"front matter key '{key}' is empty; the value was ignored.")
            return None
        if name and len(cleaned) > MAX_NAME_LENGTH:
            self.warn(
                key,
                f"front matter key '{key}' is {len(cleaned)} characters long; it was cut "
                f"to {MAX_NAME_LENGTH}. Use a shorter name.",
            )
            cleaned = cleaned[:MAX_NAME_LENGTH].rstrip()
        return cleaned

    def names(self, key: str, value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            items: list[object] = [value]
        elif isinstance(value, list):
            items = value
        else:
            self.warn(
                key,
                f"front matter key '{key}' must be a text or a list of texts, got "
                f"{describe(value)}; the value was ignored. Write e.g. {key}: [First, Second].",
            )
            return ()
        result: list[str] = []
        seen: set[str] = set()
        for item in items:
            if not isinstance(item, str):
                self.warn(
                    key,
                    f"front matter key '{key}' has an item that is {describe(item)}, not a "
                    "text; the item was ignored. Quote it, e.g. '2025'.",
                )
                continue
            cleaned = " ".join(strip_control(item).split())
            if not cleaned:
                self.warn(key, f"front matter key '{key}' has an empty item; it was ignored.")
                continue
            if len(cleaned) > MAX_NAME_LENGTH:
                self.warn(
                    key,
                    f"front matter key '{key}' has an item of {len(cleaned)} characters; it "
                    f"was cut to {MAX_NAME_LENGTH}. Use a shorter name.",
                )
                cleaned = cleaned[:MAX_NAME_LENGTH].rstrip()
            if cleaned.casefold() not in seen:
                seen.add(cleaned.casefold())
                result.append(cleaned)
        return tuple(result)

    def date(self, key: str, value: object) -> Optional[dt.date]:
        if value is None:
            return None
        try:
            return coerce_date(value, self.locale, self.months)
        except DateError as error:
            self.warn(
                key,
                f"front matter key '{key}': {error}; the value was ignored. "
                f"Write the date as YYYY-MM-DD, e.g. {key}: 2025-12-14.",
            )
            return None

    def integer(self, key: str, value: object) -> Optional[int]:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isdigit():
                return int(value.strip())
            self.warn(
                key,
                f"front matter key '{key}' must be a whole number, got {describe(value)}; "
                f"the value was ignored. Write e.g. {key}: 2.",
            )
            return None
        return value


def read_fields(
    data: dict[str, Any],
    path: str,
    lines: dict[str, int],
    problems: list[Problem],
    *,
    locale: str = "en",
    months: Optional[Mapping[str, int]] = None,
    statuses: tuple[str, ...] = (),
    theme_statuses: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Validate front matter ``data`` of ``path`` against ``ENTRY_FIELDS``: the ``Entry``
    attributes it sets. Problems are appended; bad values are dropped.

    ``statuses`` lists the known ``status`` values (compared case-insensitively); an unknown
    one is kept but reported, unless the theme declares it (Material's ``extra.status``).
    An empty tuple accepts any status.
    """
    check = _Validator(path, lines, problems, locale, months)
    readers = {
        "text": check.text,
        "name": lambda key, value: check.text(key, value, name=True),
        "names": check.names,
        "date": check.date,
        "number": check.integer,
    }
    fields: dict[str, Any] = {}
    for field in ENTRY_FIELDS:
        value = readers[field.kind](field.key, data.get(field.key))
        if value is not None and value != ():
            fields[field.attr] = value
    status = fields.get("status")
    known = statuses + theme_statuses
    if status and statuses and status_key(status) not in {status_key(s) for s in known}:
        check.warn(
            "status",
            f"front matter key 'status' has the unknown value '{status}'; it is shown "
            f"as written. Use one of: {', '.join(statuses)} (or add it to the plugin's "
            "'status_values').",
        )
    date, lastmod = fields.get("date"), fields.get("lastmod")
    if date and lastmod and lastmod < date:
        check.warn(
            "lastmod",
            f"front matter key 'lastmod' ({lastmod.isoformat()}) is before 'date' "
            f"({date.isoformat()}); it is shown as written. Check both dates.",
        )
    return fields


def status_key(status: str) -> str:
    """Status compared loosely: case-folded, spaces and underscores as ``-``."""
    return re.sub(r"[\s_]+", "-", status.strip().casefold())

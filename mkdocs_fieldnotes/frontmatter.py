"""Read and validate an entry's YAML front matter, reporting every problem with its line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Callable, Optional

import yaml

from .dates import DateError, coerce_date, describe
from .model import ENTRY_FIELDS, MAX_ITEMS, Problem
from .plaintext import only_invisible, strip_control
from .report import quote, visible

try:  # The C loader is several times faster; fall back where libyaml is missing.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

# Same delimiters MkDocs accepts: '---' to open, '---' or '...' to close.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TOP_KEY = re.compile(r"^([^\s#:'\"\-][^:\n]*?|'[^'\n]*'|\"[^\"\n]*\")[ \t]*:(?:[ \t]|$)", re.M)

DRAFT_KEY = "draft"
"""Front matter key that makes an entry a draft (``true``), as ``status: draft`` does: the
convention of Material's blog, Hugo and Jekyll."""

_MERGE = "tag:yaml.org,2002:merge"
# C0 controls but tab and newline, DEL, bidi embedding/override/isolate controls (what
# strip_control removes), and lone surrogates, which no UTF-8 page can hold.
_REMOVED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclasses.dataclass(frozen=True)
class _Duplicate:
    """A key given twice in one mapping: its lines (0-based, in the YAML text)."""

    key: str
    first: int
    again: int
    top: bool


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps what PyYAML cannot construct as text, and notes duplicate keys.

    Impossible timestamps (``2025-02-31``) and integers too long for Python (over 4,300
    digits) would raise and lose the whole front matter; as text, the validator reports
    that one key with its line. A key given twice in one mapping is noted with both lines
    (0-based, in the YAML text): YAML keeps the last value without a word.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[_Duplicate] = []
        self._root: Optional[yaml.Node] = None

    def construct_document(self, node: yaml.Node) -> Any:
        self._root = node
        return super().construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, _ in node.value:  # before merge keys (<<) are flattened in
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                    line = key_node.start_mark.line
                    if key_node.value in seen:
                        self.duplicates.append(
                            _Duplicate(
                                key_node.value, seen[key_node.value], line, node is self._root
                            )
                        )
                    seen[key_node.value] = line
        return super().construct_mapping(node, deep)


_Constructor = Callable[[yaml.SafeLoader, yaml.ScalarNode], object]


def _as_text_if_invalid(construct: _Constructor) -> _Constructor:
    def constructor(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
        try:
            return construct(loader, node)
        except ValueError:
            return loader.construct_scalar(node)

    return constructor


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", _as_text_if_invalid(yaml.SafeLoader.construct_yaml_timestamp)
)
_Loader.add_constructor(
    "tag:yaml.org,2002:int", _as_text_if_invalid(yaml.SafeLoader.construct_yaml_int)
)


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


def _unclosed(text: str) -> bool:
    """Whether ``text`` opens a front matter block (``---``, then a ``key:`` line) that no
    delimiter closes."""
    first, _, rest = text.partition("\n")
    return first.rstrip(" \t") == "---" and _TOP_KEY.match(rest.split("\n", 1)[0]) is not None


def split(text: str, path: str, problems: list[Problem]) -> FrontMatter:
    """Split normalized ``text`` into front matter data and body; YAML errors, duplicate keys
    and a block that is never closed become problems."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if _unclosed(text):
            problems.append(
                Problem(
                    path,
                    1,
                    "front matter opens on line 1 but no line '---' closes it, so none of its "
                    "keys are read and the page shows them as text. Add a line '---' after "
                    "the last key.",
                )
            )
        return FrontMatter({}, text, 1, has_block=False, valid=True)
    yaml_text = match.group(1) or ""
    body = text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    loader = _Loader(yaml_text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2
        what = visible(" ".join(str(error.problem or error.context or "invalid YAML").split()))
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
            Problem(
                path,
                2,
                f"front matter could not be read ({visible(str(error))}); all of it was ignored.",
            )
        )
        return FrontMatter({}, body, body_line, has_block=True, valid=False)
    finally:
        loader.dispose()
    for duplicate in sorted(loader.duplicates, key=lambda d: d.again):
        first, again = duplicate.first + 2, duplicate.again + 2  # the YAML starts on line 2
        where = "front matter key" if duplicate.top else "the key"
        problems.append(
            Problem(
                path,
                again,
                f"{where} {quote(duplicate.key)} is given again (it is already on line {first}"
                f"); YAML keeps the last value, so the one on line {first} is ignored. "
                "Delete one of them.",
            )
        )
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
        # Assigned, not set once: YAML keeps the last of duplicate keys, so its line counts.
        lines[key] = text.count("\n", 0, start + key_match.start()) + 1
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

    def clean(self, key: str, value: str, limit: int, item: bool, name: bool) -> Optional[str]:
        """``value`` as the plugin uses it (``None``: nothing left), each change reported.

        Silent: Unicode NFC (two spellings of "Café" are one name), trimmed ends and runs of
        whitespace as one space. Reported: control characters and bidi overrides removed,
        nothing visible left, longer than ``limit`` (cut).
        """
        subject = f"front matter key '{key}' has an item" if item else f"front matter key '{key}'"
        raw = value
        if not value.isascii() and not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        kept = strip_control(value) if value.isascii() else _REMOVED.sub("", value)
        cleaned = " ".join(kept.split())
        if not cleaned and not raw.strip(" \t\n"):
            if item:
                self.warn(key, f"front matter key '{key}' has an empty item; it was ignored.")
            else:
                self.warn(key, f"front matter key '{key}' is empty; the value was ignored.")
            return None
        if only_invisible(cleaned):
            what, dropped = ("an item", "the item") if item else ("the value", "the value")
            self.warn(
                key,
                f"front matter key '{key}' has {what} {quote(raw)}, made only of invisible "
                f"characters; {dropped} was ignored. Write a visible text or delete it.",
            )
            return None
        if len(kept) != len(value):
            self.warn(
                key,
                f"{subject} with control or bidi override characters ({quote(raw)}); they "
                "were removed. Delete them from the file.",
            )
        if len(cleaned) > limit:
            kind = "name" if name else "text"
            size = f"of {len(cleaned)} characters" if item else f"is {len(cleaned)} characters long"
            self.warn(key, f"{subject} {size}; it was cut to {limit}. Use a shorter {kind}.")
            cleaned = cleaned[:limit].rstrip()
        return cleaned

    def number_as_text(self, key: str, value: object, item: bool) -> Optional[str]:
        """A number where a text is expected is used as YAML read it, with a warning (YAML
        may have read ``012`` as 10 or ``1e3`` as 1000.0); other types give ``None``."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        text = str(value)
        if item:
            self.warn(
                key,
                f"front matter key '{key}' has an item that is {describe(value)}, not a text; "
                f"it is used as {quote(text)}. Write it in quotes to keep it as written, "
                f"e.g. {quote(text)}.",
            )
        else:
            self.warn(
                key,
                f"front matter key '{key}' is {describe(value)}, not a text; it is used as "
                f"{quote(text)}. Write it in quotes to keep it as written: {key}: {quote(text)}.",
            )
        return text

    def text(self, key: str, value: object, limit: int, *, name: bool = False) -> Optional[str]:
        if value is None:
            return None
        if not isinstance(value, str):
            number = self.number_as_text(key, value, item=False)
            if number is not None:
                return self.clean(key, number, limit, item=False, name=name)
            self.warn(
                key,
                f"front matter key '{key}' must be a text, got {describe(value)}; "
                f"the value was ignored. Write it in quotes, e.g. {key}: 'some text'.",
            )
            return None
        return self.clean(key, value, limit, item=False, name=name)

    def names(self, key: str, value: object, limit: int, hierarchy: bool) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            items: list[object] = [value]
        elif isinstance(value, list):
            items = value
            if len(items) > MAX_ITEMS:
                self.warn(
                    key,
                    f"front matter key '{key}' has {len(items)} items; only the first "
                    f"{MAX_ITEMS} are used. Keep the list to {MAX_ITEMS} items or fewer.",
                )
                items = items[:MAX_ITEMS]
        else:
            number = self.number_as_text(key, value, item=False)
            if number is None:
                self.warn(
                    key,
                    f"front matter key '{key}' must be a text or a list of texts, got "
                    f"{describe(value)}; the value was ignored. Write e.g. "
                    f"{key}: [First, Second].",
                )
                return ()
            items = [number]
        result: list[str] = []
        seen: set[str] = set()
        for item in items:
            if not isinstance(item, str):
                number = self.number_as_text(key, item, item=True)
                if number is None:
                    self.warn(
                        key,
                        f"front matter key '{key}' has an item that is {describe(item)}, not "
                        "a text; the item was ignored. Quote it, e.g. 'Some name'.",
                    )
                    continue
                item = number
            cleaned = self.clean(key, item, limit, item=True, name=True)
            if cleaned is not None and hierarchy and ("/" in cleaned or not cleaned.strip(".")):
                cleaned = self.path_like(key, cleaned)
            if cleaned is not None and cleaned.casefold() not in seen:
                seen.add(cleaned.casefold())
                result.append(cleaned)
        return tuple(result)

    def path_like(self, key: str, value: str) -> Optional[str]:
        """A hierarchical name (``A/B``) with no empty or dots-only part: such parts are left
        out, with a warning; ``None`` when no part is left."""
        parts = [part.strip() for part in value.split("/")]
        kept = [part for part in parts if part.strip(".")]
        if len(kept) == len(parts):
            return value
        if not kept:
            self.warn(
                key,
                f"front matter key '{key}' has the item {quote(value)}, which has no name, only "
                "'/' or dots; the item was ignored. A '/' separates a parent tag from a child, "
                "as in LLMs/Post-training.",
            )
            return None
        joined = "/".join(kept)
        self.warn(
            key,
            f"front matter key '{key}' has the item {quote(value)}, with an empty or dots-only "
            f"part between '/'; it is read as {quote(joined)}. Write it that way.",
        )
        return joined

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
            digits = value.strip() if isinstance(value, str) else ""
            if digits.isascii() and digits.isdigit() and len(digits) <= 18:
                return int(digits)
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
    attributes it sets, and ``draft`` (``True``) for ``draft: true``. Problems are appended;
    bad values are dropped, long ones cut (see ``EntryField.limit`` and ``MAX_ITEMS``).

    ``statuses`` lists the known ``status`` values (compared case-insensitively); an unknown
    one is kept but reported, unless the theme declares it (Material's ``extra.status``).
    An empty tuple accepts any status.
    """
    check = _Validator(path, lines, problems, locale, months)
    fields: dict[str, Any] = {}
    for field in ENTRY_FIELDS:
        raw = data.get(field.key)
        value: object
        if field.kind == "text" or field.kind == "name":
            value = check.text(field.key, raw, field.limit, name=field.kind == "name")
        elif field.kind == "names":
            value = check.names(field.key, raw, field.limit, field.hierarchy)
        elif field.kind == "date":
            value = check.date(field.key, raw)
        else:
            value = check.integer(field.key, raw)
        if value is not None and value != ():
            fields[field.attr] = value
    draft = data.get(DRAFT_KEY)
    if draft is True:
        fields["draft"] = True
    elif draft is not None and draft is not False:
        check.warn(
            DRAFT_KEY,
            f"front matter key '{DRAFT_KEY}' must be true or false, got {describe(draft)}; it "
            "was ignored. Write draft: true (unquoted) to make the entry a draft.",
        )
    status = fields.get("status")
    known = statuses + theme_statuses
    if status and statuses and status_key(status) not in {status_key(s) for s in known}:
        check.warn(
            "status",
            f"front matter key 'status' has the unknown value {quote(status)}; it is shown "
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


_STATUS_SEPARATORS = re.compile(r"[\s_]+")


def status_key(status: str) -> str:
    """Status compared loosely: Unicode NFC, case-folded, spaces and underscores as ``-``."""
    return _STATUS_SEPARATORS.sub("-", unicodedata.normalize("NFC", status).strip().casefold())

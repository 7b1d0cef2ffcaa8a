"""Checks of the plugin's options that their types alone cannot express."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from .config import FieldnotesConfig, show
from .dates import format_date, is_known_locale

KINDS = ("tags", "series", "categories", "timeline", "revisit", "threads", "sources", "topics")
"""The kinds of generated pages; each has an on/off option and a ``<kind>_path`` folder."""

PATH_OPTIONS = (*(f"{kind}_path" for kind in KINDS), "export_path")
"""Options that name a path in the built site."""

NAME_MAX = 255
"""Longest file or folder name, in bytes, that common file systems accept."""

PATH_MAX = 4096
"""Longest path, in bytes, that Linux accepts (its ``PATH_MAX``)."""

FOLDER_ROOM = NAME_MAX + 1
"""Room a folder option leaves under ``PATH_MAX`` for the pages written inside it."""

SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*\Z")
"""A URL scheme name (RFC 3986, section 3.1)."""

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
"""Schemes whose links run code or carry a document of their own: never made live."""

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Invisible characters that reorder text: refused in paths, where they disguise a URL."""

LABEL_EXAMPLES = {
    "cards_link_labels": "Link",
    "cards_date_labels": "Date commented",
    "cards_future_labels": "To read next",
    "cards_revisit_labels": "Revisited",
}
"""The label options, with the example each message suggests."""

DATE_FORMAT_HELP = "Use short, medium, long, full or a CLDR date pattern such as 'd MMM y'."
"""How every message about ``date_format`` ends."""

SAMPLE_DATES = (dt.date(2025, 12, 14), dt.date(2024, 1, 2))
"""Two dates that differ in every field (day, weekday, month, year)."""


def _folder(name: str, value: str) -> str:
    path = value.strip().strip("/")
    parts = path.split("/")
    if not path or any(part in ("", ".", "..") for part in parts) or "\\" in path:
        raise PluginError(
            f"fieldnotes: '{name}' must be a folder inside docs_dir such as 'tags', got "
            f"{show(value)}."
        )
    return path


def _odd_character(text: str, path: bool) -> Optional[str]:
    """Why ``text`` cannot be an option's value: a control character (or a lone surrogate,
    or in a path a bidirectional control), in words; ``None`` when it has none."""
    if text.isprintable():  # the common case, and no control character is printable
        return None
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            return f"the control character U+{ord(char):04X}"
        if category == "Cs":
            return f"U+{ord(char):04X}, half of a surrogate pair, which is not a character"
        if path and char in BIDI_CONTROLS:
            return f"the invisible bidirectional control U+{ord(char):04X}"
    return None


def _check_characters(options: FieldnotesConfig) -> None:
    """Every text of every option: no control character (NUL, line breaks, tabs, ESC...)."""
    for name, value in options.items():
        items: Iterable[tuple[str, Any]]
        if isinstance(value, str):
            items = [("", value)]
        elif isinstance(value, list):
            items = ((f" item {number}", item) for number, item in enumerate(value, start=1))
        else:
            continue
        for where, text in items:
            if not isinstance(text, str):
                continue
            odd = _odd_character(text, path=name in PATH_OPTIONS)
            if odd:
                raise PluginError(
                    f"fieldnotes: '{name}'{where} {show(text)} contains {odd}. Write the "
                    "value without it."
                )


def _check_length(name: str, path: str, site_dir: str, room: int) -> None:
    """A path the file system can hold: each name at most ``NAME_MAX`` bytes, and the whole
    path in ``site_dir`` at most ``PATH_MAX - room`` bytes."""
    for part in path.split("/"):
        size = len(part.encode("utf-8", "surrogatepass"))
        if size > NAME_MAX:
            raise PluginError(
                f"fieldnotes: '{name}' has a name of {size} bytes ({show(part)}); file systems "
                f"allow {NAME_MAX} at most. Use a shorter name."
            )
    size = len(os.path.join(site_dir, path).encode("utf-8", "surrogatepass"))
    if size > PATH_MAX - room:
        pages = ", with the pages inside it," if room else ""
        raise PluginError(
            f"fieldnotes: '{name}' makes a path of {size} bytes in site_dir{pages} longer than "
            f"the {PATH_MAX} bytes file systems allow. Use a shorter path."
        )


def safe_join(root: str, relative: str) -> str:
    """``root/relative``, refusing any result outside ``root`` (a last line of defence)."""
    base = os.path.realpath(root)
    path = os.path.realpath(os.path.join(base, relative))
    if os.path.commonpath([base, path]) != base or path == base:
        raise PluginError(f"fieldnotes: refusing to write {relative!r} outside site_dir.")
    return path


def check_config(options: FieldnotesConfig, config: MkDocsConfig) -> None:
    """Raise :class:`PluginError` with a clear message for options that cannot work.

    Paths, labels and schemes are normalized in ``options`` on the way (spaces and slashes
    around a folder, spaces around a label or a scheme).
    """
    _check_characters(options)
    if not 1 <= options.cards_heading_level <= 6:
        raise PluginError(
            "fieldnotes: 'cards_heading_level' must be between 1 and 6, got "
            f"{options.cards_heading_level}."
        )
    if options.listings_page_size < 10:
        raise PluginError(
            "fieldnotes: 'listings_page_size' must be at least 10, got "
            f"{options.listings_page_size}."
        )
    if options.tags_cards_limit < 0:
        raise PluginError(
            f"fieldnotes: 'tags_cards_limit' must be 0 or more, got {options.tags_cards_limit}."
        )
    _check_ages(options)
    if options.feeds_limit < 1:
        raise PluginError(
            f"fieldnotes: 'feeds_limit' must be at least 1, got {options.feeds_limit}. To "
            "publish no feeds, set 'feeds: false'."
        )
    seen: dict[str, str] = {}  # a label, as lines are matched (case, spacing) -> its option
    for name in LABEL_EXAMPLES:
        options[name] = _labels(name, options[name])
        for number, label in enumerate(options[name], start=1):
            key = " ".join(label.casefold().split())
            other = seen.setdefault(key, name)
            if other != name:
                raise PluginError(
                    f"fieldnotes: '{name}' item {number} {show(label)} is also in '{other}'; a "
                    "line can only be one kind of label. Keep it in one of the two."
                )
    options.cards_link_schemes = _schemes(options.cards_link_schemes)
    site_dir = str(config.get("site_dir") or "")
    for kind in KINDS:
        name = f"{kind}_path"
        options[name] = _folder(name, options[name])
        _check_length(name, options[name], site_dir, FOLDER_ROOM)
    folders = [(f"{kind}_path", options[f"{kind}_path"]) for kind in KINDS if options[kind]]
    for (first, path), (second, other) in itertools.combinations(folders, 2):
        if path == other:
            raise PluginError(
                f"fieldnotes: '{first}' and '{second}' are both {show(path)}; each kind of page "
                "needs a folder of its own. Give one of them another folder."
            )
    for (outer, outer_path), (inner, inner_path) in itertools.permutations(folders, 2):
        if inner_path.startswith(outer_path + "/"):
            raise PluginError(
                f"fieldnotes: '{inner}' {show(inner_path)} is inside '{outer}' "
                f"{show(outer_path)}, so the pages of one could take the place of the other's. "
                "Give each kind a folder outside the others, such as 'tags' and 'series'."
            )
    options.export_path = _export_path(options.export_path, folders)
    _check_length("export_path", options.export_path, site_dir, 0)
    if options.locale is not None and not is_known_locale(options.locale):
        raise PluginError(
            f"fieldnotes: 'locale' {show(options.locale)} is not a language Babel knows. Use a "
            "code such as 'en', 'fr' or 'pt_BR', or remove the option to use the theme's "
            "language."
        )
    _check_date_format(options.date_format)
    if not options.listings_marker.strip():
        raise PluginError("fieldnotes: 'listings_marker' must not be empty.")


def _check_ages(options: FieldnotesConfig) -> None:
    """The revisit options: at least one month to aging, more to stale, one card listed."""
    aging, stale = options.revisit_aging_months, options.revisit_stale_months
    if aging < 1:
        raise PluginError(f"fieldnotes: 'revisit_aging_months' must be at least 1, got {aging}.")
    if stale <= aging:
        raise PluginError(
            f"fieldnotes: 'revisit_stale_months' ({stale}) must be more than "
            f"'revisit_aging_months' ({aging}): a card is aging before it is stale. Raise "
            "'revisit_stale_months' or lower 'revisit_aging_months'."
        )
    if options.revisit_limit < 1:
        raise PluginError(
            f"fieldnotes: 'revisit_limit' must be at least 1, got {options.revisit_limit}. To "
            "generate no Revisit page, set 'revisit: false'."
        )


def _labels(name: str, labels: list[str]) -> list[str]:
    example = LABEL_EXAMPLES[name]
    if not labels:
        raise PluginError(
            f"fieldnotes: '{name}' must list at least one label, such as ['{example}']."
        )
    for number, label in enumerate(labels, start=1):
        words = label.strip()
        if not words:
            raise PluginError(
                f"fieldnotes: '{name}' item {number} {show(label)} is empty. Write the words "
                f"before the colon, such as '{example}', or remove the item."
            )
        if words.endswith(":"):
            raise PluginError(
                f"fieldnotes: '{name}' item {number} {show(label)} ends with a colon, so it "
                f"would only match a line with two ('{words}: ...'). Write the words before "
                f"the colon: {show(words.rstrip(':').strip())}."
            )
    return [label.strip() for label in labels]


def _schemes(schemes: list[str]) -> list[str]:
    if not schemes:
        raise PluginError(
            "fieldnotes: 'cards_link_schemes' must list at least one URL scheme, such as "
            "['http', 'https']; with none, no card link could ever be a link."
        )
    for number, scheme in enumerate(schemes, start=1):
        name = scheme.strip()
        bare = name.rstrip("/").rstrip(":") if name.rstrip("/").endswith(":") else name
        where = f"fieldnotes: 'cards_link_schemes' item {number} {show(scheme)}"
        if bare != name and SCHEME.match(bare):
            raise PluginError(
                f"{where} is written with its colon. Write the scheme's name alone: {show(bare)}."
            )
        if not SCHEME.match(name):
            raise PluginError(
                f"{where} is not a URL scheme: a scheme is a letter followed by letters, "
                "digits, '+', '-' or '.' (RFC 3986), such as 'https'."
            )
        if name.lower() in UNSAFE_SCHEMES:
            raise PluginError(
                f"{where} makes links that run code or carry a page of their own, so its "
                "links are never made live. Remove it."
            )
    return [scheme.strip() for scheme in schemes]


def _export_path(value: str, folders: list[tuple[str, str]]) -> str:
    export = value.strip()
    norm = posixpath.normpath(export) if export else ""
    if (
        not export
        or export.startswith(("/", "\\"))
        or export.endswith("/")
        or "\\" in export
        or ":" in export
        or norm in (".", "..")
        or norm.startswith("../")
    ):
        raise PluginError(
            f"fieldnotes: 'export_path' must be a relative path inside site_dir such as "
            f"'fieldnotes.json', got {show(export)}."
        )
    for name, folder in folders:
        if norm == folder or folder.startswith(norm + "/"):
            raise PluginError(
                f"fieldnotes: 'export_path' {show(norm)} is where '{name}' {show(folder)} needs "
                "a folder for the plugin's pages. Choose a file name outside it, such as "
                "'fieldnotes.json'."
            )
        if norm == f"{folder}/index.html":
            raise PluginError(
                f"fieldnotes: 'export_path' {show(norm)} is the index page of '{name}' "
                f"{show(folder)}. Choose another path, such as 'fieldnotes.json'."
            )
    return norm


def _check_date_format(fmt: str) -> None:
    if not fmt.strip():
        raise PluginError(f"fieldnotes: 'date_format' must not be empty. {DATE_FORMAT_HELP}")
    if "%" in fmt:
        raise PluginError(
            f"fieldnotes: 'date_format' {show(fmt)} looks like a strftime format. "
            f"{DATE_FORMAT_HELP}"
        )
    try:
        shown = [format_date(date, "en", fmt) for date in SAMPLE_DATES]
    except (AttributeError, KeyError, ValueError, TypeError) as error:
        reason = str(error)
        reason = reason if len(reason) <= 100 else reason[:100] + "…"
        raise PluginError(
            f"fieldnotes: 'date_format' {show(fmt)} cannot format a date ({reason}). "
            f"{DATE_FORMAT_HELP}"
        ) from None
    if not any(text.strip() for text in shown):
        raise PluginError(
            f"fieldnotes: 'date_format' {show(fmt)} shows every date as empty text. "
            f"{DATE_FORMAT_HELP}"
        )
    if shown[0] == shown[1]:
        raise PluginError(
            f"fieldnotes: 'date_format' {show(fmt)} shows no part of the date: 14 Dec 2025 and "
            f"2 Jan 2024 both become {show(shown[0])}. {DATE_FORMAT_HELP}"
        )


def _enabled(config: MkDocsConfig, *names: str) -> Optional[Any]:
    """The first of the plugins ``names`` that is in the config and enabled."""
    plugins = config.get("plugins") or {}
    for name in names:
        plugin = plugins.get(name)
        if plugin is not None and getattr(plugin, "config", {}).get("enabled", True):
            return plugin
    return None


def site_outputs(config: MkDocsConfig, files: Files) -> list[tuple[str, str]]:
    """What MkDocs, the theme and known plugins write into ``site_dir`` besides the pages and
    files of ``docs_dir``: ``(path, what it is)``, a path ending in ``/`` for a folder they
    own. The theme's static files are in ``files``; the rest is written outside MkDocs' file
    list (``mkdocs/commands/build.py``, ``mkdocs/contrib/search``, Material's plugins)."""
    outputs: list[tuple[str, str]] = []
    theme = config.get("theme")
    for name in sorted(getattr(theme, "static_templates", ())):
        if name == "sitemap.xml":
            outputs.append(("sitemap.xml", "MkDocs' sitemap"))
            outputs.append(("sitemap.xml.gz", "MkDocs' compressed sitemap"))
        else:
            outputs.append((name, "a page of the theme"))
    for name in config.get("extra_templates") or ():
        outputs.append((posixpath.normpath(name), "a page listed in 'extra_templates'"))
    if _enabled(config, "search", "material/search"):
        outputs.append(("search/", "the search plugin's index"))
    tags = _enabled(config, "material/tags")
    if tags is not None and tags.config.get("export", False):
        path = posixpath.normpath(str(tags.config.get("export_file", "tags.json")))
        outputs.append((path, "the export of Material's tags plugin ('export_file')"))
    social = _enabled(config, "material/social")
    if social is not None and social.config.get("cards", True):
        folder = str(social.config.get("cards_dir", "assets/images/social")).strip("/")
        outputs.append((f"{folder}/", "the cards of Material's social plugin ('cards_dir')"))
    privacy = _enabled(config, "material/privacy")
    if privacy is not None and privacy.config.get("assets_fetch", True):
        folder = str(privacy.config.get("assets_fetch_dir", "assets/external")).strip("/")
        outputs.append(
            (f"{folder}/", "the downloads of Material's privacy plugin ('assets_fetch_dir')")
        )
    theme_dirs = {os.path.normpath(d) for d in getattr(theme, "dirs", ())}
    for file in files:
        if file.src_dir is not None and os.path.normpath(file.src_dir) in theme_dirs:
            outputs.append((file.dest_uri, "a file of the theme"))
    return outputs


def check_export_target(path: str, outputs: Iterable[tuple[str, str]]) -> None:
    """Refuse an ``export_path`` that one of ``outputs`` (see ``site_outputs``) takes: the
    export would overwrite it, or the other way round, silently."""
    other = "data/fieldnotes.json" if path == "fieldnotes.json" else "fieldnotes.json"
    for target, what in outputs:
        folder = target.endswith("/")
        target = target.rstrip("/")
        if path == target:
            problem = (
                f"would take the place of {show(target + '/')}, the folder of {what}"
                if folder
                else f"would overwrite {show(target)}, {what}"
            )
        elif path.startswith(target + "/"):
            problem = (
                f"is inside {show(target + '/')}, the folder of {what}"
                if folder
                else f"needs {show(target)} to be a folder, but it is {what}"
            )
        elif target.startswith(path + "/"):
            held = target + ("/" if folder else "")
            problem = (
                f"would take the place of the folder {show(path + '/')}, which holds "
                f"{show(held)}, {what}"
            )
        else:
            continue
        raise PluginError(
            f"fieldnotes: 'export_path' {show(path)} {problem}. Choose another path, such as "
            f"'{other}'."
        )

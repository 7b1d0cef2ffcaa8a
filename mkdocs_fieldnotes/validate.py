"""Checks of the plugin's options that their types alone cannot express."""

from __future__ import annotations

import datetime as dt
import os
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .config import FieldnotesConfig
from .dates import format_date, is_known_locale


def _folder(name: str, value: str) -> str:
    path = value.strip().strip("/")
    parts = path.split("/")
    if not path or any(part in ("", ".", "..") for part in parts) or "\\" in path:
        raise PluginError(
            f"fieldnotes: '{name}' must be a folder inside docs_dir such as 'tags', got {value!r}."
        )
    return path


def safe_join(root: str, relative: str) -> str:
    """``root/relative``, refusing any result outside ``root`` (a last line of defence)."""
    base = os.path.realpath(root)
    path = os.path.realpath(os.path.join(base, relative))
    if os.path.commonpath([base, path]) != base or path == base:
        raise PluginError(f"fieldnotes: refusing to write {relative!r} outside site_dir.")
    return path


def check_config(options: FieldnotesConfig, config: MkDocsConfig) -> None:
    """Raise :class:`PluginError` with a clear message for options that cannot work."""
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
    for name in ("cards_link_labels", "cards_date_labels", "cards_future_labels"):
        if not options[name] or any(not str(label).strip() for label in options[name]):
            raise PluginError(f"fieldnotes: '{name}' must list at least one non-empty label.")
    for name in ("tags_path", "series_path", "categories_path", "timeline_path"):
        options[name] = _folder(name, options[name])
    enabled = [
        options[name + "_path"]
        for name in ("tags", "series", "categories", "timeline")
        if options[name]
    ]
    if len(set(enabled)) != len(enabled):
        raise PluginError(
            "fieldnotes: the folders of tags, series, categories and timeline must differ, "
            f"got {', '.join(enabled)}."
        )
    export = options.export_path.strip()
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
            f"'fieldnotes.json', got {export!r}."
        )
    options.export_path = norm
    if options.locale is not None and not is_known_locale(options.locale):
        raise PluginError(
            f"fieldnotes: 'locale' {options.locale!r} is not a language Babel knows. Use a code "
            "such as 'en', 'fr' or 'pt_BR', or remove the option to use the theme's language."
        )
    if not options.date_format.strip():
        raise PluginError(
            "fieldnotes: 'date_format' must not be empty. Use short, medium, long, full or a "
            "CLDR date pattern such as 'd MMM y'."
        )
    if "%" in options.date_format:
        raise PluginError(
            f"fieldnotes: 'date_format' {options.date_format!r} looks like a strftime format. "
            "Use short, medium, long, full or a CLDR date pattern such as 'd MMM y'."
        )
    try:
        format_date(dt.date(2025, 12, 14), "en", options.date_format)
    except (AttributeError, KeyError, ValueError, TypeError) as error:
        raise PluginError(
            f"fieldnotes: 'date_format' {options.date_format!r} cannot format a date ({error}). "
            "Use short, medium, long, full or a CLDR date pattern such as 'd MMM y'."
        ) from None
    if not options.listings_marker.strip():
        raise PluginError("fieldnotes: 'listings_marker' must not be empty.")

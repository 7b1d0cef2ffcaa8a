"""A site read the way a build reads it, without building it: what the ``fieldnotes``
command works on.

``load_project`` reads ``mkdocs.yml`` with MkDocs' own YAML loader (``!ENV``, ``!relative``,
``INHERIT``) and validates, with MkDocs' own option types, only what the command needs (the
docs folder, the URL settings, the exclusions), so a site whose other plugins or theme are not
installed here (a Zensical site, say) still loads. The fieldnotes options come from the
plugin's entry under ``plugins:``, else from the extension's under ``markdown_extensions:``,
checked by the same rules as in a build. ``read_site`` then lists the pages with MkDocs'
``get_files`` and reads them with the plugin's own functions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import posixpath
from collections.abc import Iterable
from typing import Any, Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel, get_files
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from . import feeds
from .config import FieldnotesConfig
from .dates import normalize_locale
from .entries import ParseCache, ReadOptions, parse_page
from .extension import NAMES, extension_options
from .files import Collected, Placed, add_listings, read_entries, taken_paths
from .header import resolve_image
from .i18n import theme_language, words
from .model import Problem
from .plan import PageOptions, Site, plan_site
from .render import file_urls
from .report import Reporter, unreadable_message
from .revisit import reference_day
from .validate import KINDS, check_config

log = get_plugin_logger(__name__)

USED = (
    "site_name",
    "site_url",
    "docs_dir",
    "site_dir",
    "use_directory_urls",
    "exclude_docs",
    "draft_docs",
    "not_in_nav",
    "extra",
)
"""The MkDocs options the command reads (validated by MkDocs' own option types)."""


class ProjectError(Exception):
    """A configuration the command cannot work with; its text is one line for the user."""


@dataclasses.dataclass
class Project:
    """The site's configuration as the command needs it."""

    config_file: str
    mkdocs: MkDocsConfig
    options: FieldnotesConfig
    origin: str
    """Where the options came from: ``plugin``, ``extension`` or ``defaults``."""
    locale: str
    notes: list[str] = dataclasses.field(default_factory=list)
    """Configuration warnings (a renamed option, say): a strict build would stop on them."""

    @property
    def read_options(self) -> ReadOptions:
        """How pages are read, as in a build."""
        return ReadOptions.from_config(self.options, self.locale, self.mkdocs.extra)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _entries(value: Any) -> Iterable[tuple[Any, Any]]:
    """``(name, options)`` of a ``plugins:`` or ``markdown_extensions:`` list or mapping."""
    if isinstance(value, dict):
        yield from value.items()
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                yield next(iter(item.items()))
            else:
                yield item, None


def load_project(config_file: str) -> Project:
    """Read ``config_file`` (an ``mkdocs.yml``); a ``ProjectError`` says what is wrong."""
    mkdocs = MkDocsConfig(config_file_path=config_file)
    try:
        with open(config_file, "rb") as fd:
            raw = yaml_load(fd, get_yaml_loader(config=mkdocs))
    except FileNotFoundError:
        raise ProjectError(
            f"{config_file}: no such file. Run the command in the folder of mkdocs.yml, or "
            "pass its path with -f."
        ) from None
    except OSError as error:
        raise ProjectError(f"{config_file}: cannot be read ({error.strerror}).") from None
    except (ConfigurationError, UnicodeDecodeError, ValueError) as error:
        raise ProjectError(f"{config_file}: {_one_line(error)}") from None
    if not isinstance(raw, dict):
        raise ProjectError(f"{config_file}: expected a mapping of options (site_name: ...).")
    mkdocs.load_dict({key: raw[key] for key in USED if key in raw})
    failed, _warnings = mkdocs.validate()
    if failed:
        name, reason = failed[0]
        raise ProjectError(f"{config_file}: option '{name}': {_one_line(reason)}")
    notes: list[str] = []
    plugin = next((o for n, o in _entries(raw.get("plugins")) if n == "fieldnotes"), False)
    extension = next((o for n, o in _entries(raw.get("markdown_extensions")) if n in NAMES), False)
    if plugin is not False:
        options, origin = _plugin_options(config_file, plugin, mkdocs, notes), "plugin"
    elif extension is not False:
        origin = "extension"
        if extension is not None and not isinstance(extension, dict):
            raise ProjectError(
                f"{config_file}: the options of the 'fieldnotes' Markdown extension must be a "
                "mapping."
            )
        try:
            options = extension_options(extension or {})
        except PluginError as error:
            raise ProjectError(f"{config_file}: {_one_line(error)}") from None
    else:
        options, origin = _plugin_options(config_file, {}, mkdocs, notes), "defaults"
    theme = raw.get("theme")
    language = theme_language(theme) if isinstance(theme, dict) else None
    locale = normalize_locale(options.locale or language)
    return Project(config_file, mkdocs, options, origin, locale, notes)


def _plugin_options(
    config_file: str, value: Any, mkdocs: MkDocsConfig, notes: list[str]
) -> FieldnotesConfig:
    if value is not None and not isinstance(value, dict):
        raise ProjectError(
            f"{config_file}: the options of the 'fieldnotes' plugin must be a mapping."
        )
    options = FieldnotesConfig(config_file_path=config_file)
    options.load_dict(dict(value or {}))
    errors, warnings = options.validate()
    if errors:
        name, error = errors[0]
        raise ProjectError(
            f"{config_file}: plugin 'fieldnotes' option '{name}': {_one_line(error)}"
        )
    for name, warning in warnings:
        notes.append(f"plugin 'fieldnotes' option '{name}': {_one_line(warning)}")
    try:
        check_config(options, mkdocs)
    except PluginError as error:
        text = _one_line(error).removeprefix("fieldnotes: ")
        raise ProjectError(f"{config_file}: plugin 'fieldnotes': {text}") from None
    return options


MANIFEST = ".fieldnotes-pages"
"""File that ``fieldnotes pages`` writes into its folder, listing the pages it wrote."""


def site_files(project: Project, leave_out: Optional[str] = None) -> Files:
    """The site's files as MkDocs lists them (``exclude_docs``, ``draft_docs``...), without
    the folders ``fieldnotes pages`` wrote (they hold a ``MANIFEST``) and ``leave_out`` (a
    folder in ``docs_dir``, as a docs-relative path): generated pages are not read again."""
    files = get_files(project.mkdocs)
    folders = {posixpath.dirname(f.src_uri) for f in files if f.name == MANIFEST}
    folders |= {leave_out.rstrip("/")} if leave_out else set()
    prefixes = tuple(f"{folder}/" for folder in folders if folder)
    if prefixes:
        for file in [f for f in files if f.src_uri.startswith(prefixes)]:
            files.remove(file)
    return files


@dataclasses.dataclass
class Checked:
    """What ``check`` found."""

    problems: list[Problem]
    pages: int
    entries: int
    cards: int


def check(project: Project, files: Files) -> Checked:
    """Every problem a build reports from reading the pages, page by page, in path order."""
    options = project.read_options
    problems: list[Problem] = []
    pages = entries = cards = 0
    visible: dict[str, Any] = {}
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        pages += 1
        try:
            text = file.content_string
        except (UnicodeDecodeError, OSError) as error:
            message = unreadable_message(file.src_uri, error)
            problems.append(Problem(file.src_uri, None, message[len(file.src_uri) + 2 :]))
            continue
        parsed = parse_page(file.src_uri, text, options)
        problems.extend(parsed.problems)
        if parsed.entry is not None:
            entries += 1
            cards += len(parsed.entry.cards)
            visible[file.src_uri] = parsed.entry
    urls = {f.src_uri: f.url for f in files}
    schemes = options.cards.schemes
    social = project.options.social_meta != "never"  # the preview image is read
    for entry in visible.values():
        if entry.hero:
            _, problem = resolve_image(entry.hero, entry, urls.get, schemes)
            if problem is not None:
                problems.append(problem)
        if entry.image and social:
            _, problem = resolve_image(entry.image, entry, urls.get, schemes, key="image")
            if problem is not None:
                problems.append(problem)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Checked(problems, pages, entries, cards)


@dataclasses.dataclass
class Reading:
    """The site read and planned as a build would: its entries, listings and URLs."""

    files: Files
    collected: Collected
    site: Site
    placed: Placed

    @property
    def urls(self) -> dict[str, str]:
        """Site-relative URL of every page by ``src_uri`` (hosted listings: their host's)."""
        return file_urls(self.files, self.placed.aliases)


def read_site(project: Project, files: Files) -> Reading:
    """Read every page and plan the listings, logging problems as a build does."""
    cache = ParseCache()
    cache.start(project.read_options)
    reporter = Reporter(log)
    publish = project.options.status_publish_drafts
    collected = read_entries(files, cache, reporter, publish=publish, serve=False)
    now = dt.datetime.now(dt.timezone.utc)  # as the plugin: SOURCE_DATE_EPOCH, else today
    today = reference_day(os.getenv("SOURCE_DATE_EPOCH"), now)
    options = PageOptions.from_config(project.options, today)
    site = plan_site(collected.visible, options, words(project.locale))
    # File.generated() reads the name of the plugin whose event is running, which MkDocs
    # sets only inside a build (on_files, where add_listings runs): set it the same way.
    project.mkdocs.plugins._current_plugin = "fieldnotes"
    placed = add_listings(files, project.mkdocs, site.listings, project.options.listings_marker)
    reporter.finish()
    return Reading(files, collected, site, placed)


def feed_records(project: Project, reading: Reading) -> list[dict[str, Any]]:
    """The feeds a build writes, as its export lists them: planned from the site, none
    without ``site_url``, a feed whose path a file of the site takes left out (the build warns
    about both). Paths the theme or other plugins write are not known here."""
    if not project.options.feeds:
        return []
    options = feeds.FeedOptions.from_config(project.options)
    mkdocs = project.mkdocs
    planned = feeds.plan_feeds(reading.site, options, mkdocs.site_name, words(project.locale))
    if not planned or not mkdocs.site_url:
        return []
    paths = [path for feed in planned for path in (feed.atom_path, feed.json_path)]
    taken = taken_paths(reading.files, [], paths, serve=False)
    kept = [f for f in planned if f.atom_path not in taken and f.json_path not in taken]
    return feeds.export_records(kept, reading.urls)


def move_listings(project: Project, base: str) -> None:
    """Put the listing pages under ``base`` (a folder in ``docs_dir``), where ``fieldnotes
    pages`` writes them."""
    for kind in KINDS:
        project.options[f"{kind}_path"] = posixpath.join(base, project.options[f"{kind}_path"])


def docs_relative(project: Project, path: str) -> Optional[str]:
    """``path`` (a folder) relative to ``docs_dir``, or ``None`` when it is not inside it."""
    docs = os.path.realpath(project.mkdocs.docs_dir)
    target = os.path.realpath(path)
    if target == docs or os.path.commonpath([docs, target]) != docs:
        return None
    return os.path.relpath(target, docs).replace(os.sep, "/")

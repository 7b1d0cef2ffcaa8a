"""Cards without the plugin: a Python-Markdown extension for Zensical and plain Python-Markdown.

List it under ``markdown_extensions`` as ``fieldnotes`` (its entry point in the
``markdown.extensions`` group) or ``mkdocs_fieldnotes.extension`` (the module, by its
``makeExtension``). Its options are the plugin's options that decide how a page is read and
how its cards look, under the same names (``EXTENSION_OPTIONS``).

It is the plugin's Markdown side with a different front end: a preprocessor reads the page
with the one parser (``entries.parse_page``), places the markers with ``mark_cards``, and the
plugin's two treeprocessors (``markdown_ext.register_treeprocessors``) group and render the
cards through the package's templates (``render.Renderer``), here in a Jinja environment of
the extension's own: a copy of a template in the theme's ``custom_dir`` still wins.

What the host tells an extension decides what it can do:

* **Zensical** hands its page context to extensions (its ``rendering_context``
  preprocessor): the page's path and the site's config. The extension then reads the page's
  source file, so front matter (``fieldnotes: true``), the ``entries`` patterns, and the file
  and line in every warning are the plugin's.
* **MkDocs** and plain Python-Markdown name no page: the extension reads the Markdown it is
  given, warnings give the line in that text, and front matter that MkDocs took out is not
  seen. On MkDocs use the plugin: with the plugin active, this extension does nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence
from typing import Any, Optional

import jinja2
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .cards import LabelMatcher
from .config import FieldnotesConfig
from .dates import normalize_locale
from .entries import ReadOptions, parse_page
from .markdown_ext import (
    PLUGIN_PREFIX,
    ExtensionState,
    PageRender,
    block_taken,
    mark_cards,
    register_card_block,
    register_treeprocessors,
)
from .model import Problem
from .render import TEMPLATES, Renderer
from .report import Reporter, quote, visible
from .revisit import AgeRules, reference_day
from .validate import check_config

log = get_plugin_logger(__name__)

EXTENSION_OPTIONS: tuple[str, ...] = (
    "locale",
    "date_format",
    "entries",
    "cards_heading_level",
    "cards_link_labels",
    "cards_date_labels",
    "cards_future_labels",
    "cards_revisit_labels",
    "cards_link_schemes",
    "status_values",
    "status_drafts",
    "revisit_ages",
    "revisit_aging_months",
    "revisit_stale_months",
    "revisit_exempt_statuses",
)
"""The plugin's options the extension takes, with the same names, defaults and checks."""

NAMES = ("fieldnotes", "mkdocs_fieldnotes.extension")
"""The names under which ``markdown_extensions`` may list the extension."""

PREFIX = "fieldnotes_standalone"
"""Names of the extension's own processors (``fieldnotes_standalone_read``...)."""

CONTEXT = "rendering_context"
"""Name of Zensical's preprocessor that holds the page being rendered and the site config."""


def extension_options(options: Mapping[str, Any]) -> FieldnotesConfig:
    """The extension's ``options`` checked like the plugin's; a bad one is a ``PluginError``
    naming it."""
    unknown = sorted(str(name) for name in options if name not in EXTENSION_OPTIONS)
    if unknown:
        raise PluginError(
            f"fieldnotes extension: unknown option '{unknown[0]}'. Its options are: "
            f"{', '.join(EXTENSION_OPTIONS)} (the plugin's other options need the plugin)."
        )
    # Kept by the options' text: hosts build a new extension for every page.
    key = json.dumps(dict(options), sort_keys=True, default=str)
    if key not in _CHECKED:
        _CHECKED[key] = _checked(dict(options))
    return _CHECKED[key]


_CHECKED: dict[str, FieldnotesConfig] = {}


def _checked(options: dict[str, Any]) -> FieldnotesConfig:
    config = FieldnotesConfig()
    config.load_dict(options)
    errors, _warnings = config.validate()
    if errors:
        name, error = errors[0]
        raise PluginError(f"fieldnotes extension: option '{name}': {error}")
    try:
        check_config(config, MkDocsConfig())
    except PluginError as error:
        raise PluginError(f"{error}".replace("fieldnotes:", "fieldnotes extension:", 1)) from None
    return config


def plugin_differences(
    plugin: FieldnotesConfig, extensions: Sequence[Any], configs: Mapping[str, Any]
) -> list[str]:
    """Warnings for options the listed extension sets otherwise than the plugin: MkDocs uses
    the plugin's, Zensical the extension's, so the two sites would differ."""
    for name in NAMES:
        if name not in extensions:
            continue
        try:
            listed = extension_options(configs.get(name) or {})
        except PluginError:
            return []  # MkDocs already refused the extension's options
        return [
            f"the '{name}' Markdown extension sets '{option}' to {listed[option]!r} and the "
            f"plugin to {plugin[option]!r}. MkDocs uses the plugin's value, Zensical the "
            "extension's, so the two sites differ: give both the same value."
            for option in EXTENSION_OPTIONS
            if listed[option] != plugin[option]
        ]
    return []


@functools.lru_cache(maxsize=16)
def renderer(
    template_dirs: tuple[str, ...],
    locale: str,
    date_format: str,
    ages: Optional[AgeRules] = None,
) -> Renderer:
    """A ``Renderer`` over the package's templates, after ``template_dirs`` (a theme's
    ``custom_dir``), kept for the whole build: hosts build a new extension for every page."""
    loaders = [jinja2.FileSystemLoader(d) for d in (*template_dirs, TEMPLATES)]
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True)
    return Renderer(env, locale, date_format, ages)


class Host:
    """What the host tells the extension about the page being converted (Zensical only)."""

    def __init__(self, md: Markdown) -> None:
        self.src_uri: Optional[str] = None
        """The page's path in docs_dir, when the host names it."""
        self.source: Optional[str] = None
        """The page's source file (front matter included), when it could be read."""
        self.language: Optional[str] = None
        self.extra: Any = None
        self.template_dirs: tuple[str, ...] = ()
        # Python-Markdown's Registry has no get().
        context = md.preprocessors[CONTEXT] if CONTEXT in md.preprocessors else None  # noqa: SIM401
        page = getattr(context, "page", None)
        config = getattr(context, "config", None)
        path = getattr(page, "path", None)
        if not isinstance(config, dict) or not isinstance(path, str) or not path:
            return
        self.src_uri = path.replace(os.sep, "/")
        root = str(config.get("root_dir") or ".")
        docs_dir = os.path.join(root, str(config.get("docs_dir") or "docs"))
        try:
            with open(os.path.join(docs_dir, path), encoding="utf-8-sig") as fp:
                self.source = fp.read()
        except (OSError, UnicodeDecodeError):
            self.source = None  # the Markdown as handed over is read instead
        theme = config.get("theme")
        if isinstance(theme, dict):
            language = theme.get("language")
            self.language = str(language) if language else None
            custom_dir = theme.get("custom_dir")
            if custom_dir:
                self.template_dirs = (os.path.join(root, str(custom_dir)),)
        self.extra = config.get("extra")


def problem_text(problem: Problem) -> str:
    """A problem as the extension logs it: ``path:line: message``, or ``line N: message``
    when the host did not name the page."""
    if problem.path:
        return str(problem)
    return f"line {problem.line}: {problem.message}" if problem.line else problem.message


@dataclasses.dataclass
class _State(ExtensionState):
    src: str = ""
    """The page's path, when the host names it."""


class _Read(Preprocessor):
    """Reads the page with the one parser and marks its cards (see ``mark_cards``)."""

    def __init__(self, md: Markdown, options: FieldnotesConfig, state: _State) -> None:
        super().__init__(md)
        self.options = options
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.page = None
        if f"{PLUGIN_PREFIX}_cards" in self.md.treeprocessors:
            return lines  # the plugin is active and renders the cards itself
        host = Host(self.md)
        markdown = "\n".join(lines)
        locale = normalize_locale(self.options.locale or host.language)
        read = ReadOptions.from_config(self.options, locale, host.extra)
        src = host.src_uri or ""
        parsed = parse_page(src, host.source if host.source is not None else markdown, read)
        reporter = Reporter(log)  # each problem once, at most 25 for the page
        for problem in parsed.problems:
            reporter.warn(src, problem_text(problem))
        entry = parsed.entry
        if entry is None or not entry.cards:
            reporter.finish()
            return lines
        labels = LabelMatcher(read.cards.labels)
        marked, missing = mark_cards(markdown, entry.cards, entry.line_count, labels)
        for card in missing:
            where = f"{src}:{card.line}: " if src else ""
            reporter.warn(
                src,
                f"{where}card {quote(card.title)} was not found in the Markdown that the "
                "fieldnotes extension was handed; it is shown as plain Markdown. Check the "
                "extensions that change the Markdown before it.",
            )
        reporter.finish()
        render = PageRender(cards=entry.cards)
        render.placed.update(i for i, card in enumerate(entry.cards) if card in missing)
        if any(card.block for card in entry.cards):  # before the block parser runs
            render.blocks = register_card_block(self.md)
        # The cards' ages count to the date the plugin would use (SOURCE_DATE_EPOCH, else today).
        today = reference_day(os.environ.get("SOURCE_DATE_EPOCH"), dt.datetime.now(dt.timezone.utc))
        ages = AgeRules.from_config(self.options, today)
        cards = renderer(host.template_dirs, locale, self.options.date_format, ages)
        render.render_cards = functools.partial(cards.cards, entry)
        self.state.page = render
        self.state.src = src
        return marked.split("\n")


class _Unplaced(Treeprocessor):
    """Reports the cards the treeprocessors could not place (in raw HTML), then forgets the
    page."""

    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        page, self.state.page = self.state.page, None
        if page is None:
            return
        src = self.state.src
        for index, card in enumerate(page.cards):
            if index in page.placed:
                continue
            where = f"{src}:{card.line}: " if src else f"line {card.line}: "
            if card.block and not page.blocks:
                log.warning(visible(where + block_taken(card.title)))
                continue
            log.warning(
                visible(
                    f"{where}card {quote(card.title)} is inside raw HTML (an HTML block "
                    'without markdown="1"), so it is not shown as a card and its Link: and '
                    'Date commented: lines are left out. Add markdown="1" to the HTML '
                    "element around it (with the md_in_html extension), or move the card "
                    "out of it."
                )
            )


class FieldnotesCardsExtension(Extension):
    """Annotation cards as a Python-Markdown extension (Zensical, plain Python-Markdown).

    Options (``EXTENSION_OPTIONS``) have the names, defaults and checks of the plugin's:
    ``locale`` (default: the host theme's language, else English), ``date_format``,
    ``entries``, ``cards_heading_level``, ``cards_link_labels``, ``cards_date_labels``,
    ``cards_future_labels``, ``cards_revisit_labels``, ``cards_link_schemes``,
    ``status_values``, ``status_drafts``, ``revisit_aging_months``, ``revisit_stale_months``,
    ``revisit_exempt_statuses``.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        self.options = extension_options(kwargs)
        self.config = {
            name: [self.options[name], f"The plugin's option '{name}'."]
            for name in EXTENSION_OPTIONS
        }

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the reading preprocessor and the plugin's treeprocessors."""
        state = _State(self.options.cards_heading_level)
        # 40: before Zensical's macros and snippets (35, 32) change the text, as the plugin
        # marks cards before other plugins change the Markdown.
        md.preprocessors.register(_Read(md, self.options, state), f"{PREFIX}_read", 40)
        register_treeprocessors(md, state, PREFIX)
        # After the finishing treeprocessor (-5): which cards were placed is known.
        md.treeprocessors.register(_Unplaced(md, state), f"{PREFIX}_unplaced", -6)


def makeExtension(**kwargs: Any) -> FieldnotesCardsExtension:
    """Python-Markdown's hook for ``mkdocs_fieldnotes.extension`` in ``markdown_extensions``."""
    return FieldnotesCardsExtension(**kwargs)

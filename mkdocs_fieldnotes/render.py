"""Rendering the plugin's templates through the theme's Jinja environment."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Hashable
from typing import Any, Optional

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import fasthtml
from .dates import format_date, format_month
from .i18n import words
from .late import meta_placeholder
from .memo import Memo

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
"""The plugin's templates folder, added last to the theme's folders."""


def _own_templates() -> tuple[str, ...]:
    folder = os.path.join(TEMPLATES, "fieldnotes")
    names = []
    for root, _dirs, files in os.walk(folder):
        for file in files:
            if file.endswith(".html"):
                relative = os.path.relpath(os.path.join(root, file), TEMPLATES)
                names.append(relative.replace(os.sep, "/"))
    return tuple(sorted(names))


OWN_TEMPLATES = _own_templates()
"""Every ``fieldnotes/*.html`` template the package ships."""


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory across ``mkdocs serve`` rebuilds (builds do not use it).

    MkDocs makes a new Jinja environment for each rebuild, so every template the plugin renders
    would be compiled again (about 15 ms each). Jinja checks each kept template against its
    current source, and the whole cache is emptied when the environment's compile-time options
    change; an environment whose options cannot be compared does not use it.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._options: Optional[tuple[Any, ...]] = None

    def attach(self, env: jinja2.Environment) -> None:
        """Serve ``env``'s templates from this cache (when its options allow)."""
        options = _compile_options(env)
        if options is None:
            return
        if options != self._options:
            self._code.clear()
            self._options = options
        env.bytecode_cache = self

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` with the kept code, if any (Jinja then checks its source)."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the code Jinja just compiled."""
        self._code[bucket.key] = bucket.bytecode_to_string()


def _compile_options(env: jinja2.Environment) -> Optional[tuple[Any, ...]]:
    """What the compiled code of ``env``'s templates depends on; ``None`` when a callable
    (autoescape, finalize) makes it unknowable."""
    if not isinstance(env.autoescape, bool) or env.finalize is not None:
        return None
    return (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        tuple(sorted(env.extensions)),
        env.optimized,
        env.autoescape,
        env.is_async,
    )


class Renderer:
    """Renders ``fieldnotes/*.html`` with autoescaping, so a ``custom_dir`` copy wins.

    The theme environment is overlaid (same loader, filters and globals) with autoescape on:
    every value from a user's file is escaped unless a template marks it safe.
    """

    def __init__(
        self,
        env: jinja2.Environment,
        locale: str,
        date_format: str,
        memo: Optional[Memo] = None,
        compiled: Optional[CompiledTemplates] = None,
    ) -> None:
        self.env = env.overlay(autoescape=True)
        if compiled is not None:
            compiled.attach(self.env)
        self.locale = locale
        self.date_format = date_format
        self.words = words(locale)
        self.env.filters["fieldnotes_date"] = self.date
        self.env.filters["fieldnotes_month"] = self.month
        self.env.globals["fieldnotes_t"] = self.t
        self._cache: dict[str, jinja2.Template] = {}
        self._default: dict[str, bool] = {}
        self.fast = True
        """Use ``fasthtml`` for the default templates the site does not override."""
        self.memo = memo if memo is not None else Memo()
        """Headers, meta rows and listings kept across serve rebuilds (off until started)."""

    def date(self, value: Optional[dt.date]) -> str:
        """Localized date (empty for ``None``)."""
        return format_date(value, self.locale, self.date_format) if value else ""

    def month(self, value: tuple[int, int]) -> str:
        """Localized "Month Year" for a ``(year, month)`` pair."""
        return format_month(value[0], value[1], self.locale)

    def t(self, key: str, **values: Any) -> str:
        """Translated UI word, with ``{placeholders}`` filled in (``key_one`` when count is 1)."""
        if not values:
            return self.words.get(key, key)
        if values.get("count") == 1 and f"{key}_one" in self.words:
            key = f"{key}_one"
        text = self.words.get(key, key)
        return text.format(**values)

    def template(self, name: str) -> jinja2.Template:
        """Load (once per build) a template, turning Jinja errors into a clear PluginError."""
        if name not in self._cache:
            try:
                self._cache[name] = self.env.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                raise PluginError(
                    f"fieldnotes: template '{error.filename or name}' line {error.lineno}: "
                    f"{error.message}. Fix or delete your copy in custom_dir."
                ) from None
            except jinja2.TemplateNotFound:
                raise PluginError(
                    f"fieldnotes: template '{name}' was not found in the theme folders. "
                    "Is the package installed correctly?"
                ) from None
        return self._cache[name]

    def render(self, name: str, **context: Any) -> str:
        """Render template ``name`` with ``context``."""
        try:
            return self.template(name).render(**context)
        except jinja2.TemplateError as error:
            raise PluginError(
                f"fieldnotes: template '{name}' failed: {error}. "
                "Check your copy of it in custom_dir."
            ) from None

    def is_default(self, name: str) -> bool:
        """Whether template ``name`` resolves to the plugin's own file (not overridden)."""
        if name not in self._default:
            if name in self._cache:
                filename = self._cache[name].filename
            else:  # only where it would load from: no need to compile it
                try:
                    _, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
                except jinja2.TemplateNotFound:
                    self.template(name)  # raises the plugin's clear error
                    raise
            path = os.path.abspath(filename or "")
            self._default[name] = path.startswith(TEMPLATES + os.sep)
        return self._default[name]

    def all_default(self) -> bool:
        """Whether every template of the plugin is its own (no ``custom_dir`` copy)."""
        return all(self.is_default(name) for name in OWN_TEMPLATES)

    def epoch(self) -> Optional[Hashable]:
        """What all memoized HTML depends on besides its own key (see ``memo.py``): the words
        and date format; ``None`` (no memo) when a template is overridden."""
        return (self.locale, self.date_format) if self.all_default() else None

    def _fast(self, *names: str) -> bool:
        return self.fast and all(self.is_default(f"fieldnotes/{n}") for n in names)

    def card(
        self, entry: Any, index: int, card: Any, heading: str, commentary: str, future: str
    ) -> str:
        """One card through ``fieldnotes/card.html``; the HTML parts come from Python-Markdown.

        ``meta`` is a light placeholder holding the meta row's words: the row itself
        (``card-meta.html``, see ``meta()``) replaces it once search has indexed the page.
        """
        date = self.date(card.date_commented)
        placeholder = meta_placeholder(
            index, (card.domain or card.link_text, date, card.source, card.topic)
        )
        if self._fast("card.html", "partials/card-footer.html"):
            return fasthtml.card(card, heading, commentary, future, placeholder, self.t)
        return self.render(
            "fieldnotes/card.html",
            entry=entry,
            card=card,
            heading=Markup(heading),
            commentary=Markup(commentary),
            future=Markup(future),
            meta=Markup(placeholder),
        )

    def timeline_groups(self, context: dict[str, Any], groups: Any, year_headings: bool) -> Markup:
        """``partials/timeline-groups.html`` for a listing whose template ``context`` is given."""
        if self._fast("partials/timeline-groups.html"):
            html = fasthtml.timeline_groups(
                groups, year_headings, context["href"], self.t, self.date, self.month
            )
        else:
            name = "fieldnotes/partials/timeline-groups.html"
            html = self.render(
                name, **{**context, "groups": groups, "year_headings": year_headings}
            )
        return Markup(html)

    def entry_list(self, context: dict[str, Any], entries: Any) -> Markup:
        """``partials/entry-list.html`` for ``entries``, in a listing whose ``context`` is given."""
        if self._fast("partials/entry-list.html"):
            html = fasthtml.entry_list(entries, context["href"], self.t, self.date)
        else:
            name = "fieldnotes/partials/entry-list.html"
            html = self.render(name, **{**context, "entries": entries})
        return Markup(html)

    def header(self, context: dict[str, Any]) -> str:
        """The entry header through ``fieldnotes/entry-header.html`` (and its partials)."""
        return self.memo.get(
            lambda key: ("header", key.of(context, deep_terms=False)),
            lambda: self._header(context),
        )

    def _header(self, context: dict[str, Any]) -> str:
        if self._fast("entry-header.html", "partials/tag-chips.html", "partials/series-box.html"):
            return fasthtml.entry_header(context, self.t, self.date)
        return self.render("fieldnotes/entry-header.html", **context)

    def meta(self, entry: Any, card: Any) -> str:
        """The meta row of a card through ``fieldnotes/partials/card-meta.html``."""
        return self.memo.get(lambda key: ("meta", key.ref(card)), lambda: self._meta(entry, card))

    def _meta(self, entry: Any, card: Any) -> str:
        if self._fast("partials/card-meta.html"):
            return fasthtml.card_meta(card, self.t, self.date)
        return self.render("fieldnotes/partials/card-meta.html", entry=entry, card=card)

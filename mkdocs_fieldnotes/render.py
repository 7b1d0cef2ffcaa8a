"""Rendering: the plugin's HTML comes from ``templates/fieldnotes/*.html`` and nothing else.

Templates render through an overlay of the theme's Jinja environment, so a ``custom_dir`` copy
of any template or partial wins, one file at a time. The one escaping rule: autoescape
(markupsafe) for every value, and ``Markup`` only for HTML that Python-Markdown made from the
author's Markdown. What the theme itself prints of an entry or generated page (``title``,
``description``, ``author`` in ``page.meta``) is handed over escaped the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from typing import Any, Callable, Optional, TypeVar

import jinja2
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from .dates import DateFormatter
from .i18n import ago, words
from .model import Card, Entry, Precision
from .plan import Listing, Site
from .report import quote
from .revisit import Age, AgeRules, age_of

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
"""The plugin's templates folder, added last to the theme's folders."""

CARD_END = "\ue0ff<!--fieldnotes:card-end-->\ue0ff"
"""Between the cards (or other items) of one render call (private-use characters: never in a
page)."""

# All cards of a page in one render call; each goes through fieldnotes/card.html.
_CARDS = (
    "{%- for part in parts %}{% set card = part.card %}{% set heading = part.heading %}"
    "{% set commentary = part.commentary %}{% set future = part.future %}"
    '{% include "fieldnotes/card.html" %}' + CARD_END + "{% endfor %}"
)

T = TypeVar("T")

UrlOf = Callable[[str], Optional[str]]
"""Maps a docs-relative source path to a URL relative to the current page (None: no page)."""

PageLink = Callable[[str, str], Optional[str]]
"""``(kind, name)`` → the URL of the generated page of a ``tag`` or ``topic`` of that name,
relative to the current page (None: no page)."""


def _no_page(kind: str, name: str) -> Optional[str]:
    return None


@dataclasses.dataclass(frozen=True)
class CardParts:
    """One card to render: its record and the HTML Python-Markdown made of its parts."""

    card: Card
    heading: Markup
    commentary: Markup
    future: Markup


def _settings(env: jinja2.Environment) -> tuple[Any, ...]:
    """The settings of ``env`` that change the code Jinja compiles a template to."""
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
        env.is_async,
        env.autoescape,
        env.finalize,
        getattr(env, "newstyle_gettext", None),  # set by the i18n extension
    )


def _values(chunks: Iterable[str], count: int) -> list[str]:
    """The text of each value of a per-value loop (``CARD_END`` after each), split from the
    chunks Jinja yields as they come: the whole loop's text joined first, then split, held
    every value twice at once (the feeds' 5,000 Atom entries: 35 MiB at the peak of a build)."""
    values: list[str] = []
    current: list[str] = []
    for chunk in chunks:
        if CARD_END not in chunk:
            current.append(chunk)
            continue
        *ends, rest = chunk.split(CARD_END)
        for end in ends:
            current.append(end)
            values.append("".join(current))
            current = []
        current.append(rest)
    return values[:count]


class CompiledTemplates(jinja2.BytecodeCache):
    """The code Jinja compiled each template to, kept across the builds of one ``mkdocs serve``
    (MkDocs makes the theme's environment anew for each build, and compiling the plugin's
    templates again took about a sixth of a ``--dirty`` rebuild's rendering).

    One key: the template's name and file, Jinja's checksum of its source and the settings
    that change compiled code. An edited template, a ``custom_dir`` copy added or removed, or
    other settings compile again; only the last code of a template is kept (for each set of
    settings), so editing a template during ``mkdocs serve`` does not pile up its versions.
    """

    def __init__(self) -> None:
        self._code: dict[tuple[str, tuple[Any, ...]], tuple[str, Any]] = {}

    def load_bytecode(self, bucket: Any) -> None:
        """Give ``bucket`` the code kept for its template, if it was made from this source."""
        kept = self._code.get((bucket.key, _settings(bucket.environment)))
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Any) -> None:
        """Keep the code Jinja just compiled for ``bucket``'s template, in place of any other."""
        self._code[(bucket.key, _settings(bucket.environment))] = (bucket.checksum, bucket.code)

    def __len__(self) -> int:
        """How many compiled templates are kept."""
        return len(self._code)


class Renderer:
    """Renders ``fieldnotes/*.html`` through the theme's environment, with autoescape on."""

    def __init__(
        self,
        env: jinja2.Environment,
        locale: str,
        date_format: str,
        ages: Optional[AgeRules] = None,
        compiled: Optional[CompiledTemplates] = None,
    ) -> None:
        # auto_reload off: the environment is new each build, and checking each template
        # file for changes at each include costs a stat() per card.
        self.env = env.overlay(autoescape=True, auto_reload=False, bytecode_cache=compiled)
        self.locale = locale
        self.dates = DateFormatter(locale, date_format)
        # The text of each date and the HTML of each age, made once per build: a site's tens
        # of thousands of cards and listed items share a few thousand of each.
        self._texts: dict[tuple[Any, ...], str] = {}
        self.words = words(locale)
        self.ages = ages or AgeRules()
        self.env.filters["fieldnotes_date"] = self.date
        self.env.filters["fieldnotes_month"] = self.month
        self.env.filters["fieldnotes_period"] = self.period
        self.env.filters["fieldnotes_ago"] = self.ago
        self.env.globals["fieldnotes_t"] = self.t
        self.env.globals["fieldnotes_age"] = self.age
        self.env.globals["fieldnotes_age_html"] = self.age_html
        self.env.globals["fieldnotes_today"] = self.ages.today
        self.env.globals["fieldnotes_as_of"] = self.t("as_of", date=self.date(self.ages.today))
        self._cards: Optional[jinja2.Template] = None
        self._age_macro: Optional[Callable[[Age], str]] = None
        self._loops: dict[tuple[str, str], jinja2.Template] = {}

    def date(self, value: Optional[dt.date], precision: Precision = "day") -> str:
        """Localized date at its precision (empty for ``None``)."""
        if value is None:
            return ""
        key = ("date", value, precision)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self.dates.date(value, precision)
        return text

    def age(self, card: Card, entry: Entry) -> Optional[Age]:
        """The age of ``card`` on the build's reference date, to show (``None``: undated, no
        date to count to, or ages not shown: ``revisit_ages``)."""
        return age_of(card, entry, self.ages) if self.ages.shown else None

    def age_html(self, age: Age) -> str:
        """``age`` through the macro ``age_html`` of ``fieldnotes/partials/age.html``, imported
        once per build (a ``{% from %}`` import in a template included once per card would
        import it again for each card). The macro is given nothing but ``age`` and the build's
        constants, so each age is rendered once per build."""
        key = ("age", age)
        html = self._texts.get(key)
        if html is None:
            if self._age_macro is None:
                name = "fieldnotes/partials/age.html"
                module = self._run(lambda: self.env.get_template(name).module, name)
                self._age_macro = getattr(module, "age_html")  # noqa: B009 (a Jinja module)
            html = self._texts[key] = self._age_macro(age)
        return html

    def ago(self, age: Age) -> str:
        """How long ago, in words: "3 months ago", "today" (see ``i18n.ago``)."""
        count, unit = age.amount
        return ago(count, unit, self.locale)

    def month(self, value: tuple[int, int]) -> str:
        """Localized "Month Year" for a ``(year, month)`` pair."""
        return self.dates.month(value[0], value[1])

    def period(self, start: tuple[int, int], unit: str = "month") -> str:
        """A bar of the activity chart in words: its month ("December 2025"), quarter
        ("Q4 2025") or year ("2025"), from its first ``(year, month)``."""
        if unit == "month":
            return self.month(start)
        if unit == "quarter":
            return self.t("quarter", quarter=(start[1] - 1) // 3 + 1, year=start[0])
        return str(start[0])

    def t(self, key: str, **values: Any) -> str:
        """Translated UI word, with ``{placeholders}`` filled in (``key_one`` when count is 1)."""
        if not values:
            return self.words.get(key, key)
        if values.get("count") == 1 and f"{key}_one" in self.words:
            key = f"{key}_one"
        return self.words.get(key, key).format(**values)

    def render(self, name: str, **context: Any) -> str:
        """Render template ``name`` with ``context``."""
        return self._run(lambda: self.env.get_template(name).render(**context), name)

    def _run(self, run: Callable[[], T], name: str) -> T:
        """Load and render a template; every Jinja error becomes one clear PluginError."""
        try:
            return run()
        except jinja2.TemplateSyntaxError as error:  # the template or an included partial
            raise PluginError(
                f"fieldnotes: template '{error.filename or error.name or name}' line "
                f"{error.lineno}: {(error.message or '').rstrip('.')}. "
                "Fix or delete your copy in custom_dir."
            ) from None
        except jinja2.TemplateNotFound as error:
            raise PluginError(
                f"fieldnotes: template '{error.name}' was not found in the theme folders. "
                "Is the package installed correctly?"
            ) from None
        except jinja2.TemplateError as error:
            raise PluginError(
                f"fieldnotes: template '{name}' failed: {error}. "
                "Check your copy of it in custom_dir."
            ) from None

    def cards(
        self, entry: Entry, parts: Sequence[CardParts], links: Optional[PageLink] = None
    ) -> list[str]:
        """The HTML of each card of a page, in one render call (``fieldnotes/card.html``);
        ``links`` gives the URL of a tag's or topic's page (the template's ``page_link``)."""
        if not parts:
            return []
        if self._cards is None:
            self._cards = self.env.from_string(_CARDS)
        cards = self._cards
        context = {"parts": parts, "entry": entry, "page_link": links or _no_page}
        return self._run(
            lambda: _values(cards.generate(**context), len(parts)), "fieldnotes/card.html"
        )

    def each(self, name: str, var: str, values: Sequence[Any]) -> list[str]:
        """Template ``name`` for each of ``values`` (given to it as ``var``), in one render
        call: the cost of a call is paid once, not once per value."""
        if not values:
            return []
        if (name, var) not in self._loops:
            source = (
                f"{{%- for {var} in fieldnotes_values %}}"
                f'{{% include "{name}" %}}{CARD_END}{{% endfor %}}'
            )
            self._loops[(name, var)] = self.env.from_string(source)
        loop = self._loops[(name, var)]
        return self._run(
            lambda: _values(loop.generate(fieldnotes_values=values), len(values)), name
        )

    def listing(self, listing: Listing, site: Site, url_of: UrlOf) -> tuple[str, list[str]]:
        """The HTML of ``listing`` on a page whose links ``url_of`` makes, and its warnings."""
        warnings: list[str] = []
        link = checked_urls(url_of, warnings.append)

        def href(target: str, anchor: Optional[str] = None) -> str:
            url = link(target)
            return f"{url}#{anchor}" if anchor else url

        context = {
            **listing.context,
            "href": href,
            "tags_of": site.tags_of,
            "category_of": site.category_of,
            "title": listing.title,
            "kind": listing.kind,
            "options": site.options,
        }
        return self.render(listing.template, **context), warnings


META_ROW = '<p class="fieldnotes-card__meta">'
"""How ``fieldnotes/partials/card-meta.html`` opens a card's meta row."""


def meta_row(card_html: str) -> Optional[str]:
    """The meta row of a rendered card (link, dates, age, source, topic, tags), or ``None``
    when a ``custom_dir`` copy of the templates writes it another way."""
    start = card_html.find(META_ROW)
    end = card_html.find("</p>", start) if start >= 0 else -1
    return card_html[start : end + 4] if end >= 0 else None


_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r"<h[1-6][\s>]")


def light_for_search(header: Optional[str], meta_rows: Sequence[str]) -> list[str]:
    """The parts of an entry page that search reads as stand-ins (``hide_from_search``), in
    page order: the entry header, unless it holds the page's heading (its sections start
    there), then the cards' meta rows."""
    parts = [header] if header and not _HEADING.search(header) else []
    parts.extend(meta_rows)
    return parts


def _swap_in_order(
    content: str, swaps: Sequence[tuple[str, str]]
) -> tuple[str, list[tuple[str, str]]]:
    """``content`` with each ``(old, new)`` of ``swaps`` (in page order) made, in one pass, and
    the swaps made: an ``old`` not found after the last one made is left out."""
    made: list[tuple[str, str]] = []
    pieces: list[str] = []
    start = 0
    for old, new in swaps:
        at = content.find(old, start)
        if at < 0:
            continue
        pieces += (content[start:at], new)
        start = at + len(old)
        made.append((old, new))
    if not made:
        return content, made
    pieces.append(content[start:])
    return "".join(pieces), made


def hide_from_search(content: str, rows: Sequence[str]) -> tuple[str, list[tuple[str, str]]]:
    """``content`` with each of ``rows`` (in page order) replaced by a stand-in that search
    reads much faster: one paragraph of the same words (a row is a dozen elements, and search
    parses every element of every page), and the ``(stand-in, row)`` pairs ``show_again`` puts
    back. A row another plugin changed or moved stays where it is."""
    swaps = [
        (row, f'<p data-fieldnotes-meta="{number}">{" ".join(_TAG.sub(" ", row).split())}</p>')
        for number, row in enumerate(rows)  # a row, or the header
    ]
    content, made = _swap_in_order(content, swaps)
    return content, [(stand_in, row) for row, stand_in in made]


def show_again(content: str, hidden: Sequence[tuple[str, str]]) -> str:
    """``content`` with the rows ``hide_from_search`` took out back in their places (a
    stand-in another plugin removed leaves its row out)."""
    return _swap_in_order(content, hidden)[0]


def checked_urls(url_of: UrlOf, warn: Callable[[str], None]) -> Callable[[str], str]:
    """``url_of`` for listings: a missing page gets a warning (and ``#``), never a crash."""

    def link(src_uri: str) -> str:
        url = url_of(src_uri)
        if url is None:
            warn(
                f"the listing links to {quote(src_uri)}, which another plugin removed from the "
                "site. Check the plugins that run after fieldnotes."
            )
            return "#"
        return url

    return link


def page_urls(urls: Mapping[str, str], aliases: Mapping[str, str], page_url: str) -> UrlOf:
    """URL of a file (by ``src_uri``) relative to the page at ``page_url``; ``None`` if absent.

    ``urls`` maps each file of the build to its URL; ``aliases`` maps a generated page's path
    to the user's page that hosts its listing.
    """
    base = get_relative_url(".", page_url)

    def url_of(src_uri: str) -> Optional[str]:
        url = urls.get(aliases.get(src_uri, src_uri))
        return None if url is None else f"{base}/{url}"

    return url_of


def file_urls(files: Files, aliases: Mapping[str, str]) -> dict[str, str]:
    """URL of every file by ``src_uri``; a hosted generated page gets its host's URL."""
    urls = {f.src_uri: f.url for f in files}
    for generated, host in aliases.items():
        urls[generated] = urls[host]
    return urls


def theme_meta(meta: MutableMapping[str, Any], entry: Entry, theme_statuses: Any) -> None:
    """What the theme prints of an entry's front matter: the plugin's validated values,
    escaped (a value the plugin refused is not printed at all).

    Material shows ``status`` as an icon in the nav; a status Material has no text for
    (``extra.status``) would show a blank icon, so it is taken out. The check uses the
    plugin's reading of ``status``: the raw value may be a list or a mapping.
    """
    for key, value in (
        ("title", entry.title),
        ("description", entry.description),
        ("author", ", ".join(entry.authors) or None),
    ):
        if key in meta:
            if value is None:
                del meta[key]
            else:
                meta[key] = escape(value)
    if "status" in meta:
        status = entry.status
        if status is not None and isinstance(theme_statuses, dict) and status in theme_statuses:
            meta["status"] = status
        else:
            del meta["status"]

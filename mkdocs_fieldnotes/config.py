"""The plugin's options (``plugins: - fieldnotes: {...}`` in ``mkdocs.yml``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Optional

from mkdocs.config import base
from mkdocs.config import config_options as c

from .report import QUOTE_LIMIT, quote, visible


def show(value: object) -> str:
    """An option's value as a message shows it: text through ``report.quote`` (quoted,
    invisible and control characters escaped, cut when long), anything else as YAML writes
    it (``true``, ``null``, ``2024``, ``[1, 2]``), cut the same way."""
    if isinstance(value, str):
        quoted = quote(value)  # in double quotes when the value holds single ones
        return f'"{quoted[1:-1]}"' if "'" in value and '"' not in value else quoted
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = visible(json.dumps(value, ensure_ascii=False, default=str))  # JSON is YAML
    return text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT] + "…"


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return type(value).__name__


def _not_text(value: object, example: str) -> str:
    if value is None:  # an empty item of a list (`- ` alone, or `[a, , b]`)
        return f"expected text such as {example!r}, got nothing. Write the text, or remove it."
    fix = (
        "Write one text value."
        if isinstance(value, (list, dict))
        else f"Put the value in quotes: '{show(value)}'."
    )
    return f"expected text such as {example!r}, got {show(value)} ({_kind(value)}). {fix}"


class Text(c.OptionallyRequired[str]):
    """A text option. YAML reads ``2024``, ``1.0`` or ``yes`` as a number or a boolean; such a
    value is refused with the fix (quotes), never turned into text behind the user's back."""

    def __init__(self, default: Optional[str] = None, *, example: str = "") -> None:
        super().__init__(default=default)
        self.example = example or default or ""

    def run_validation(self, value: object) -> str:
        """``value`` if it is text, else a ``ValidationError`` that says how to write it."""
        if isinstance(value, str):
            return value
        raise base.ValidationError(_not_text(value, self.example))


class Integer(c.OptionallyRequired[int]):
    """A whole-number option. Unlike ``Type(int)``, it refuses ``true`` and ``false``
    (``bool`` is a subclass of ``int`` in Python)."""

    def __init__(self, default: int) -> None:
        super().__init__(default=default)

    def run_validation(self, value: object) -> int:
        """``value`` if it is a whole number, else a ``ValidationError`` with the fix."""
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            fix = f"Write it without quotes: {value.strip()}."
        else:
            fix = "Write a whole number, without quotes."
        raise base.ValidationError(
            f"expected a whole number such as {self.default}, got {show(value)} "
            f"({_kind(value)}). {fix}"
        )


class Flag(c.OptionallyRequired[bool]):
    """A true/false option, with a message that names the value it got."""

    def __init__(self, default: bool) -> None:
        super().__init__(default=default)

    def run_validation(self, value: object) -> bool:
        """``value`` if it is a boolean, else a ``ValidationError`` with the fix."""
        if isinstance(value, bool):
            return value
        raise base.ValidationError(
            f"expected true or false, got {show(value)} ({_kind(value)}). "
            "Write true or false, without quotes."
        )


class TextList(base.BaseConfigOption[list[str]]):
    """A list of texts; a single text, or an item that is not text, is refused with the fix."""

    def __init__(self, default: list[str], *, example: str) -> None:
        super().__init__()
        self.default = default
        self.example = example

    def run_validation(self, value: object) -> list[str]:
        """A copy of ``value`` if it is a list of texts, else a ``ValidationError``."""
        if value is None:
            return list(self.default)
        if not isinstance(value, list):
            fix = f"Write it as a list: [{show(value)}]." if isinstance(value, str) else ""
            raise base.ValidationError(
                f"expected a list of texts such as [{self.example!r}], got {show(value)} "
                f"({_kind(value)}). {fix}".rstrip()
            )
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str):
                raise base.ValidationError(f"item {number}: {_not_text(item, self.example)}")
        return list(value)

    def __repr__(self) -> str:
        return f"TextList(default={self.default!r})"


class FieldnotesConfig(base.Config):
    """Options of the ``fieldnotes`` plugin, grouped by prefix."""

    enabled = Flag(default=True)
    """Turn the plugin off without removing it (e.g. `enabled: !ENV [FIELDNOTES, true]`)."""

    locale = c.Optional(Text(example="fr"))
    """Language for dates and month names (`fr`, `pt_BR`...). Default: the theme's language."""

    date_format = Text(default="medium")
    """Babel date format: `short`, `medium`, `long`, `full` or a CLDR pattern like `d MMM y`."""

    entries = TextList(default=[], example="notes/*")
    """Paths of pages that are entries even without cards, as shell-style patterns matched
    against the path in `docs_dir` (`notes/*`; `*` also matches `/`). A page with a card is an
    entry anyway; `fieldnotes: false` in a page's front matter keeps it out."""

    # -- cards --------------------------------------------------------------------------
    cards_heading_level = Integer(default=3)
    """Heading level of annotation cards: 3 means `### Title (Source) — topic`."""

    cards_link_labels = TextList(default=["Link"], example="Link")
    """Labels of the line that holds a card's URL (case-insensitive; bold allowed)."""

    cards_date_labels = TextList(default=["Date commented"], example="Date commented")
    """Labels of the line that holds the date a card was commented on."""

    cards_future_labels = TextList(
        default=["Possible links I may attach in the future"], example="To read next"
    )
    """Labels that open a card's "future links" paragraph, shown in the card footer."""

    cards_revisit_labels = TextList(default=["Revisited"], example="Revisited")
    """Labels of the line that holds the date a card was last reread; its age counts from it."""

    cards_link_schemes = TextList(default=["http", "https"], example="https")
    """URL schemes rendered as live links; any other link is shown as text with a warning."""

    # -- entries ------------------------------------------------------------------------
    status_values = TextList(
        default=["draft", "in-progress", "published", "evergreen", "archived"], example="draft"
    )
    """Known `status` values; an unknown value is shown but reported. Empty list: any value."""

    status_drafts = TextList(default=["draft"], example="draft")
    """Statuses that make an entry a draft: left out of `mkdocs build`, badged in `serve`."""

    status_publish_drafts = Flag(default=False)
    """Publish drafts in `mkdocs build` too (they keep their Draft badge)."""

    # -- generated pages ----------------------------------------------------------------
    tags = Flag(default=True)
    """Generate the tag index and one page per tag."""

    tags_path = Text(default="tags")
    """Folder (under `docs_dir`, in memory only) of the tag index and tag pages."""

    tags_cards_limit = Integer(default=30)
    """Most recent cards listed on a tag page (0: none); the timeline always has them all."""

    tags_chips = c.Choice(("auto", "always", "never"), default="auto")
    """The row of tag chips in the entry header: `auto` shows it unless Material's `tags`
    plugin is enabled (Material then shows its own row of the same tags), `always`, `never`."""

    series = Flag(default=True)
    """Generate the series index and one page per series (and the series box on entries)."""

    series_path = Text(default="series")
    """Folder of the series index and series pages."""

    categories = Flag(default=True)
    """Generate the category index and one page per category."""

    categories_path = Text(default="categories")
    """Folder of the category index and category pages."""

    timeline = Flag(default=True)
    """Generate the "date commented" timeline of every card."""

    timeline_path = Text(default="timeline")
    """Folder of the timeline pages."""

    timeline_chart = Flag(default=True)
    """The activity chart (cards commented per month, an inline SVG) at the top of the
    timeline page and of each tag page."""

    sources = Flag(default=True)
    """Generate the Sources index (the sites the cards link to, with counts) and one page per
    site listing its cards."""

    sources_path = Text(default="sources")
    """Folder of the Sources index and source pages."""

    topics = Flag(default=True)
    """Generate the Topics index (the topics after the dash in card headings, with counts)
    and one page per topic listing its cards."""

    topics_path = Text(default="topics")
    """Folder of the Topics index and topic pages."""

    listings_page_size = Integer(default=200)
    """Most items on one listing page: past it a tag, series or category page continues on
    numbered pages, and the timeline is split by year (then month)."""

    listings_marker = Text(default="<!-- fieldnotes:listing -->")
    """Marker in your own page at a generated path where the listing is inserted."""

    # -- age of cards, the Revisit and Open threads pages ----------------------------------
    revisit = Flag(default=True)
    """Generate the Revisit page: the stale cards, oldest first."""

    revisit_path = Text(default="revisit")
    """Folder of the Revisit page."""

    revisit_group_by = c.Choice(("tag", "entry"), default="tag")
    """How the Revisit page groups its cards: `tag` (each card under the first tag of its
    entry) or `entry`."""

    revisit_limit = Integer(default=100)
    """Most cards listed on the Revisit page, the oldest first (at least 1); its counts
    include every stale card."""

    revisit_ages = Flag(default=True)
    """Show each card's age ("3 months ago") and, once it is aging or stale, a badge, on the
    card and on its timeline, tag and series items. Off: no age on them; the Revisit page and
    the export still have every card's age and staleness."""

    revisit_aging_months = Integer(default=6)
    """Whole months since a card's `Revisited:` date (else its date commented) from which
    the card is aging (at least 1)."""

    revisit_stale_months = Integer(default=12)
    """Whole months from which a card is stale and listed on the Revisit page; more than
    `revisit_aging_months`."""

    revisit_exempt_statuses = TextList(default=["evergreen", "archived"], example="evergreen")
    """Entry statuses whose cards never age: they show their age, and are never aging or
    stale."""

    threads = Flag(default=True)
    """Generate the Open threads page: every "future links" paragraph, split into threads."""

    threads_path = Text(default="threads")
    """Folder of the Open threads pages."""

    # -- social previews --------------------------------------------------------------------
    social_meta = c.Choice(("auto", "always", "never"), default="auto")
    """OpenGraph, Twitter card, `article:` and JSON-LD metadata in the `<head>` of entry
    pages: `auto` leaves the OpenGraph and Twitter tags to Material's `social` plugin when it
    is enabled and writes nothing the page's head already has, `always`, `never`."""

    # -- export ---------------------------------------------------------------------------
    export = Flag(default=True)
    """Write the machine-readable JSON export of every entry and card."""

    export_path = Text(default="fieldnotes.json")
    """Path of the export inside `site_dir`."""

    # -- feeds ----------------------------------------------------------------------------
    feeds = Flag(default=True)
    """Publish Atom and JSON feeds of the cards (one item per dated card): `feed.xml` and
    `feed.json` at the root of the site, and next to each tag, series and category page.
    They need `site_url`."""

    feeds_limit = Integer(default=50)
    """Most items in one feed: its newest cards by date commented (at least 1)."""

    feeds_tags = Flag(default=True)
    """A feed per tag page (a parent tag's feed has its child tags' cards too)."""

    feeds_series = Flag(default=True)
    """A feed per series page."""

    feeds_categories = Flag(default=True)
    """A feed per category page."""

    # -- renamed options (their old names keep working, with a notice) --------------------
    drafts_statuses = c.Deprecated(moved_to="status_drafts")
    drafts_publish = c.Deprecated(moved_to="status_publish_drafts")
    timeline_page_size = c.Deprecated(moved_to="listings_page_size")
    listing_marker = c.Deprecated(moved_to="listings_marker")

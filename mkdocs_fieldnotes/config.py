"""The plugin's options (``plugins: - fieldnotes: {...}`` in ``mkdocs.yml``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class FieldnotesConfig(base.Config):
    """Options of the ``fieldnotes`` plugin, grouped by prefix."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. `enabled: !ENV [FIELDNOTES, true]`)."""

    locale = c.Optional(c.Type(str))
    """Language for dates and month names (`fr`, `pt_BR`...). Default: the theme's language."""

    date_format = c.Type(str, default="medium")
    """Babel date format: `short`, `medium`, `long`, `full` or a CLDR pattern like `d MMM y`."""

    entries = c.ListOfItems(c.Type(str), default=[])
    """Paths of pages that are entries even without cards, as shell-style patterns matched
    against the path in `docs_dir` (`notes/*`; `*` also matches `/`). A page with a card is an
    entry anyway; `fieldnotes: false` in a page's front matter keeps it out."""

    # -- cards --------------------------------------------------------------------------
    cards_heading_level = c.Type(int, default=3)
    """Heading level of annotation cards: 3 means `### Title (Source) — topic`."""

    cards_link_labels = c.ListOfItems(c.Type(str), default=["Link"])
    """Labels of the line that holds a card's URL (case-insensitive; bold allowed)."""

    cards_date_labels = c.ListOfItems(c.Type(str), default=["Date commented"])
    """Labels of the line that holds the date a card was commented on."""

    cards_future_labels = c.ListOfItems(
        c.Type(str), default=["Possible links I may attach in the future"]
    )
    """Labels that open a card's "future links" paragraph, shown in the card footer."""

    cards_link_schemes = c.ListOfItems(c.Type(str), default=["http", "https"])
    """URL schemes rendered as live links; any other link is shown as text with a warning."""

    # -- entries ------------------------------------------------------------------------
    status_values = c.ListOfItems(
        c.Type(str), default=["draft", "in-progress", "published", "evergreen", "archived"]
    )
    """Known `status` values; an unknown value is shown but reported. Empty list: any value."""

    status_drafts = c.ListOfItems(c.Type(str), default=["draft"])
    """Statuses that make an entry a draft: left out of `mkdocs build`, badged in `serve`."""

    status_publish_drafts = c.Type(bool, default=False)
    """Publish drafts in `mkdocs build` too (they keep their Draft badge)."""

    # -- generated pages ----------------------------------------------------------------
    tags = c.Type(bool, default=True)
    """Generate the tag index and one page per tag."""

    tags_path = c.Type(str, default="tags")
    """Folder (under `docs_dir`, in memory only) of the tag index and tag pages."""

    tags_cards_limit = c.Type(int, default=30)
    """Most recent cards listed on a tag page (0: none); the timeline always has them all."""

    tags_chips = c.Choice(("auto", "always", "never"), default="auto")
    """The row of tag chips in the entry header: `auto` shows it unless Material's `tags`
    plugin is enabled (Material then shows its own row of the same tags), `always`, `never`."""

    series = c.Type(bool, default=True)
    """Generate the series index and one page per series (and the series box on entries)."""

    series_path = c.Type(str, default="series")
    """Folder of the series index and series pages."""

    categories = c.Type(bool, default=True)
    """Generate the category index and one page per category."""

    categories_path = c.Type(str, default="categories")
    """Folder of the category index and category pages."""

    timeline = c.Type(bool, default=True)
    """Generate the "date commented" timeline of every card."""

    timeline_path = c.Type(str, default="timeline")
    """Folder of the timeline pages."""

    listings_page_size = c.Type(int, default=200)
    """Most items on one listing page: past it a tag, series or category page continues on
    numbered pages, and the timeline is split by year (then month)."""

    listings_marker = c.Type(str, default="<!-- fieldnotes:listing -->")
    """Marker in your own page at a generated path where the listing is inserted."""

    # -- export ---------------------------------------------------------------------------
    export = c.Type(bool, default=True)
    """Write the machine-readable JSON export of every entry and card."""

    export_path = c.Type(str, default="fieldnotes.json")
    """Path of the export inside `site_dir`."""

    # -- renamed options (their old names keep working, with a notice) --------------------
    drafts_statuses = c.Deprecated(moved_to="status_drafts")
    drafts_publish = c.Deprecated(moved_to="status_publish_drafts")
    timeline_page_size = c.Deprecated(moved_to="listings_page_size")
    listing_marker = c.Deprecated(moved_to="listings_marker")

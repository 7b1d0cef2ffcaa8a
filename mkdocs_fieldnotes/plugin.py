"""MkDocs glue: each event calls into the pure modules of this package (see architecture.md)."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable
from typing import Any, Literal, Optional

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import __version__, export, feeds, social
from .cards import LabelMatcher
from .config import FieldnotesConfig
from .dates import normalize_locale
from .dirty import DirtyOutputs, Inputs, KeptTexts, Rendered, template_stamp
from .entries import ParseCache, ReadOptions
from .extension import plugin_differences
from .files import (
    add_export_placeholder,
    add_listings,
    add_placeholders,
    read_entries,
    taken_paths,
)
from .header import render_header
from .headings import SLOT, TocStyle, place_listing, title_in_toc
from .i18n import theme_language, words
from .markdown_ext import (
    EMPTY_TOKEN,
    ExtensionState,
    FieldnotesExtension,
    PageRender,
    block_taken,
    mark_cards,
)
from .model import Entry
from .navigation import tidy_nav
from .plan import INDEX_ORDER, Listing, PageOptions, Site, insert_listing, plan_site
from .render import (
    TEMPLATES,
    CompiledTemplates,
    Renderer,
    file_urls,
    hide_from_search,
    light_for_search,
    page_urls,
    show_again,
    theme_meta,
)
from .report import Reporter, drafts_note, quote, visible
from .revisit import AgeRules, reference_day
from .validate import check_config, check_export_target, safe_join, site_outputs

log = get_plugin_logger(__name__)
CSS = "assets/fieldnotes/fieldnotes.css"


class FieldnotesPlugin(BasePlugin[FieldnotesConfig]):
    """Annotation cards, entry headers, index pages, a timeline and a JSON export.

    Hooks: ``on_startup`` (serve or build), ``on_config`` (options, templates, the Markdown
    extension), ``on_files`` (read every page once, plan and add the generated pages),
    ``on_nav`` (URLs, navigation), ``on_page_markdown`` (mark an entry's cards, render its
    header), ``on_page_content`` (report cards that could not be placed), ``on_page_context``
    (search stand-ins for headers and meta rows; place listings), ``on_post_page``,
    ``on_build_error`` and ``on_post_build`` (the export).
    """

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serve = self.dirty = False
        self.cache = ParseCache()
        self.outputs = DirtyOutputs()  # what a --dirty build last wrote: see dirty.py
        self.export_texts = KeptTexts()  # --dirty: the export's entry records
        self.commentary = feeds.CommentaryStore()  # the cards' HTML the feeds publish
        self.compiled = CompiledTemplates()  # serve: the templates' code, by name and source
        self.site: Optional[Site] = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Learn serve vs build; defining it keeps this instance (and its caches) across
        serve rebuilds, while per-build state is reset in ``on_config``."""
        self.serve, self.dirty = command == "serve", dirty

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        """Check the options, reset per-build state, add the templates and the extension."""
        if not self.config.enabled:
            self.site = None  # kept across serve rebuilds: forget the last enabled build
            return config
        check_config(self.config, config)
        extensions, mdx = config.markdown_extensions, config.mdx_configs
        for difference in plugin_differences(self.config, extensions, mdx):
            log.warning(difference)  # the extension, listed for Zensical, does nothing here
        self.locale = normalize_locale(self.config.locale or theme_language(config.theme))
        # The date cards' ages count to, once per build (revisit.py reads no clock).
        now = dt.datetime.now(dt.timezone.utc)
        self.today = reference_day(os.environ.get("SOURCE_DATE_EPOCH"), now)
        self.reporter = Reporter(log)
        self.entries: dict[str, Entry] = {}
        self.listings: dict[str, Listing] = {}
        self.hosted: set[str] = set()
        self.aliases: dict[str, str] = {}
        self.strip: dict[str, int] = {}
        self.drafts_left_out: list[str] = []
        self.urls: dict[str, str] = {}  # src_uri -> URL of every file, set in on_nav
        self.nav_given = config.nav is not None  # navigation.tidy_nav: literate-nav replaces it
        self.export_on = False
        self.site = None
        self.feeds: list[feeds.Feed] = []
        self.feed_pages: dict[str, feeds.Feed] = {}  # src_uri -> the feed the page shows
        self.feed_cards: dict[str, frozenset[str]] = {}  # src_uri -> ids of its cards in feeds
        self.feeds_kept: set[str] = set()  # --dirty: atom paths of the feeds left as they are
        self.inputs: Optional[Inputs] = None  # --dirty: the keys of this build's inputs
        self.commentary.start({})
        self.read_options = ReadOptions.from_config(self.config, self.locale, config.extra)
        self.labels = LabelMatcher(self.read_options.cards.labels)
        # social_meta: auto leaves OpenGraph and Twitter tags to Material's social plugin.
        self.opengraph = self.config.social_meta == "always" or not social.material_cards(
            config.plugins
        )
        self.toc_style = TocStyle.from_mdx(config.mdx_configs)
        self.state = ExtensionState(self.read_options.cards.level)
        self.unindexed: dict[str, list[str]] = {}  # what search reads as stand-ins, by page
        self.hidden: list[tuple[str, str]] = []  # (stand-in, HTML) in the page being indexed
        config.theme.dirs.append(TEMPLATES)  # last: the theme and custom_dir override ours
        config.markdown_extensions.append(FieldnotesExtension(self.state))
        return config

    @event_priority(-50)  # late: see the files other plugins added or removed
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Optional[Files]:
        """Read every page once, plan the generated pages and add them (only with entries)."""
        if not self.config.enabled:
            return files
        if self.config.export:  # a configuration error, whether or not the site has entries
            check_export_target(self.config.export_path, site_outputs(config, files))
        self.cache.start(self.read_options)
        publish = self.config.status_publish_drafts
        collected = read_entries(
            files, self.cache, self.reporter, publish=publish, serve=self.serve, dirty=self.dirty
        )
        self.cache.finish()
        self.entries, self.strip = collected.entries, collected.strip
        self.drafts_left_out = collected.drafts_left_out
        if not collected.visible:  # a guest on a site without field notes: change nothing
            stylesheet = files.get_file_from_path(CSS)
            if stylesheet is not None and (stylesheet.abs_src_path or "").startswith(TEMPLATES):
                files.remove(stylesheet)
            return files
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)  # first: the user's own CSS wins
        options = PageOptions.from_config(self.config, self.today)
        self.site = plan_site(collected.visible, options, words(self.locale))
        for src, message in self.site.clashes:
            self.reporter.warn(src, message)
        marker = self.config.listings_marker
        placed = add_listings(files, config, self.site.listings, marker)
        self.listings, self.hosted, self.aliases = placed.listings, placed.hosted, placed.aliases
        for src in placed.left_alone:
            log.info(
                f"{visible(src)} stands where fieldnotes would put a listing and has no "
                f"'{marker}' marker; it is left as it is. Add the marker where the listing "
                "should go, or move the plugin's pages with the *_path options."
            )
        env, date_format = config.theme.get_env(), self.config.date_format
        compiled = self.compiled if self.serve else None  # a build compiles each once anyway
        self.renderer = Renderer(env, self.locale, date_format, options.ages, compiled)
        if self.config.export:
            path = self.config.export_path
            clash = add_export_placeholder(files, config, path, serve=self.serve)
            if clash:
                self.reporter.warn(self.config.export_path, clash)
            self.export_on = clash is None
        if self.config.feeds:
            self._plan_feeds(files, config)
        return files

    def _plan_feeds(self, files: Files, config: MkDocsConfig) -> None:
        """Plan the feeds, check their paths, and say which cards' HTML to keep (feeds.py)."""
        assert self.site is not None
        options = feeds.FeedOptions.from_config(self.config)
        planned = feeds.plan_feeds(self.site, options, config.site_name, words(self.locale))
        if not planned:
            return
        if not config.site_url:  # `mkdocs serve` always sets it
            if not self.serve:
                name = os.path.basename(config.config_file_path or "") or "mkdocs.yml"
                self.reporter.warn(name, feeds.no_site_url(name))
            return
        paths = [path for feed in planned for path in (feed.atom_path, feed.json_path)]
        outputs = site_outputs(config, files)
        if self.export_on:
            outputs.insert(0, (self.config.export_path, "the plugin's export ('export_path')"))
        taken = taken_paths(files, outputs, paths, serve=self.serve)
        for feed in planned:
            clash = next((p for p in (feed.atom_path, feed.json_path) if p in taken), None)
            if clash is None:
                self.feeds.append(feed)
            else:
                self.reporter.warn(clash, feeds.clash_message(feed, clash, taken[clash]))
        add_placeholders(files, config, (p for f in self.feeds for p in (f.atom_path, f.json_path)))
        self.feed_pages = feeds.feeds_of_pages(self.feeds, self.listings)
        icon = config.theme.name == "material"
        for src, feed in self.feed_pages.items():
            self.listings[src].context["feeds"] = feeds.link_context(feed, icon)
        self.feed_cards = feeds.feed_cards(self.feeds)
        if self.dirty:  # a page --dirty does not convert keeps the HTML of the last build
            digests = self.cache.digests
            self.commentary.start({src: digests[src] for src in self.feed_cards if src in digests})

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Optional[jinja2.Environment]:
        """Under serve, give the theme's environment (made anew each rebuild) the plugin's
        cache of compiled templates, unless it has one: no template is compiled twice."""
        if self.config.enabled and self.serve and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled
        return env

    @event_priority(-100)  # last: every plugin has placed its files and built its nav
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Optional[Navigation]:
        """Know every page's URL; under ``--dirty``, decide which listing pages to rebuild."""
        if self.site is None:
            return nav
        # navigation.tidy_nav
        kinds = INDEX_ORDER
        listings, hosted = self.listings, self.hosted
        tidy_nav(
            nav,
            config,
            files,
            nav_given=self.nav_given,
            per_term={s for s, i in listings.items() if not i.in_nav and s not in hosted},
            indexes=sorted(
                (s for s, i in listings.items() if i.in_nav),
                key=lambda s: kinds.index(listings[s].kind),
            ),
        )
        self.urls = file_urls(files, self.aliases)
        if self.dirty:  # MkDocs asks which files changed next
            self._plan_dirty(files, config)
        return nav

    def _plan_dirty(self, files: Files, config: MkDocsConfig) -> None:
        """Leave alone the listing pages and feeds whose inputs did not change (dirty.py)."""
        self.inputs = inputs = self._inputs(config)
        listed = [s for s in self.listings if s in self.urls]
        keys = {s: inputs.key((self.urls[s], self.listings[s])) for s in listed}
        for feed in self.feeds:
            keys[feed.atom_path] = keys[feed.json_path] = inputs.key(feed)

        def render(src: str) -> Rendered:
            return (self.listings[src].title, *self._render_listing(src, self.urls[src]))

        built, again = self.outputs.plan(files, keys, render)
        for src, message in again:  # as the last build said them
            self.reporter.warn(src, message)
        self.feeds_kept = {  # both files, or neither: MkDocs writes a placeholder over either
            f.atom_path for f in self.feeds if not {f.atom_path, f.json_path} & built
        }
        log.debug(
            f"--dirty: {len(built & set(listed))} of {len(listed)} listing pages built "
            f"({self.outputs.compared} rendered to compare with the last build), "
            f"{len(self.feeds) - len(self.feeds_kept)} of {len(self.feeds)} feeds written"
        )

    def _inputs(self, config: MkDocsConfig) -> Inputs:
        """What listings and feeds are made of, for ``--dirty`` (dirty.py)."""
        assert self.site is not None
        site = self.site
        terms = [*site.tags, *site.series, *site.categories]
        stamp = (
            sorted(self.config.items()),
            (config.site_url, config.site_name, config.site_description, config.site_author),
            self.locale,
            config.use_directory_urls,  # the URL of a page the listing names by a template
            sorted(self.aliases.items()),
            sorted(site.pageless),
            site.options,  # the reference date of the cards' ages included
            template_stamp(config.theme.dirs),
        )
        return Inputs(site.entries, terms, self.cache.digests, self.urls, stamp, site.terms_of)

    def _render_listing(self, src: str, page_url: str) -> tuple[str, list[str]]:
        """The HTML of the listing of page ``src`` and its warnings."""
        assert self.site is not None
        url_of = page_urls(self.urls, self.aliases, page_url)
        html, warnings = self.renderer.listing(self.listings[src], self.site, url_of)
        return html, [f"{src}: {message}" for message in warnings]

    def _listing(self, src: str, page_url: str) -> str:
        early = self.outputs.take(src) if self.dirty else None
        html, messages = early or self._render_listing(src, page_url)
        for message in messages:
            self.reporter.warn(src, message)
        if self.dirty:
            self.outputs.rendered(src, (self.listings[src].title, html, messages))
        return html

    @event_priority(50)  # early: cards are located by their source lines
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        """Mark an entry's cards and render its header; put a listing's slot in its page."""
        if self.site is None:
            return markdown
        src = page.file.src_uri
        if src in self.listings:
            listing = self.listings[src]
            if src in self.hosted:
                markdown = insert_listing(markdown, self.config.listings_marker, SLOT)
            else:
                page.meta["title"] = escape(listing.title)
        entry = self.entries.get(src)
        if entry is None:
            self.state.page = None
            return markdown
        if src in self.strip and markdown.lstrip().startswith("---"):
            markdown = markdown.lstrip()[self.strip[src] :]  # invalid YAML MkDocs kept
        markdown, missing = mark_cards(markdown, entry.cards, entry.line_count, self.labels)
        for card in missing:
            self.reporter.warn(
                src,
                f"{src}:{card.line}: card {quote(card.title)} was not found in the Markdown that "
                "another plugin handed to fieldnotes; it is shown as plain Markdown. Check the "
                "plugins that change page Markdown before fieldnotes.",
            )
        render = PageRender(cards=entry.cards)
        render.placed.update(i for i, card in enumerate(entry.cards) if card in missing)
        links = self.site.page_links(page_urls(self.urls, self.aliases, page.url))
        render.render_cards = functools.partial(self.renderer.cards, entry, links=links)
        render.header_html = self._header(entry, page, config)
        render.keep = self.feed_cards.get(src, frozenset())
        theme_meta(page.meta, entry, config.extra.get("status"))
        self.state.page = render
        return markdown if markdown.strip() else EMPTY_TOKEN

    @staticmethod
    def _own_h1(entry: Entry, config: MkDocsConfig) -> bool:
        # Material prints the page title itself; other themes get it in the entry header.
        return not entry.has_h1 and config.theme.name != "material"

    def _header(self, entry: Entry, page: Page, config: MkDocsConfig) -> str:
        title = entry.display_title if self._own_h1(entry, config) else None
        chips = self.config.tags_chips
        if chips == "auto":
            tags = config.plugins.get("material/tags") or config.plugins.get("tags")
            shown = tags is not None and all(tags.config.get(k, True) for k in ("enabled", "tags"))
            chips = "never" if shown else "always"  # Material prints its own row of them
        url_of = page_urls(self.urls, self.aliases, page.url)
        schemes = self.read_options.cards.schemes
        html, problem = render_header(
            self.renderer, entry, self.site, url_of, schemes, title=title, chips=chips == "always"
        )
        if problem:
            self.reporter.warn(entry.src_uri, str(problem))
        return html

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        """Report the cards the Markdown side could not place; put the header's own title in
        the table of contents."""
        if not self.config.enabled:  # on_config set up nothing (no `state`)
            return html
        render, self.state.page = self.state.page, None
        if render is not None:
            src = page.file.src_uri
            entry = self.entries[src]
            if render.kept:
                self.commentary.put(src, render.kept)
            self.unindexed[src] = light_for_search(render.header_html, render.meta_rows)
            if self._own_h1(entry, config):
                html, page.toc = title_in_toc(html, page.toc, self.toc_style)
            for index, card in enumerate(render.cards):
                if index in render.placed:
                    continue
                if card.block and not render.blocks:
                    self.reporter.warn(src, f"{src}:{card.line}: {block_taken(card.title)}")
                else:
                    self.reporter.warn(
                        src,
                        f"{src}:{card.line}: card {quote(card.title)} is inside raw HTML (an "
                        'HTML block without markdown="1"), so it is not shown as a card and its '
                        'Link: and Date commented: lines are left out. Add markdown="1" to '
                        "the HTML element around it, or move the card out of it.",
                    )
        return html

    @event_priority(100)  # before search (0) indexes the page
    def _hide_meta_rows(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        """While search indexes an entry page, its header and each card's meta row are
        stand-ins of the same words in one element: search parses every element of every
        page, and these are a dozen per card (``render.hide_from_search``)."""
        rows = self.unindexed.pop(page.file.src_uri, None)
        if rows and page.content is not None:
            page.content, self.hidden = hide_from_search(page.content, rows)
        return context

    @event_priority(-100)  # after search indexed the page: listings repeat other pages' text
    def _after_search(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        """Put the meta rows back; place a page's listing, with its headings in the table of
        contents."""
        if self.hidden:
            page.content = show_again(page.content or "", self.hidden)
            self.hidden = []
        src = page.file.src_uri
        if self.site is None or page.content is None or src not in self.listings:
            return context
        html = self._listing(src, page.url)
        page.content, page.toc = place_listing(page.content, page.toc, html, self.toc_style)
        return context

    on_page_context = CombinedEvent(_hide_meta_rows, _after_search)

    @event_priority(-100)  # last: every other plugin has seen the page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> Optional[str]:
        """Drop a generated page's HTML once written (megabytes on large sites); announce the
        page's feed in its ``<head>``; put an entry's social previews there."""
        src = page.file.src_uri
        if self.site is None:
            return output
        if src in self.listings and src not in self.hosted:
            page.content = None
        output = self._feed_discovery(page, output)
        entry = self.entries.get(src)
        if entry is not None and self.config.social_meta != "never":
            output = self._social(entry, page, output, config)
        return output

    def _feed_discovery(self, page: Page, output: str) -> str:
        """``output`` with links to the page's feed in its ``<head>``, if it has one: no theme
        block does this on every theme."""
        feed = self.feed_pages.get(page.file.src_uri)
        if feed is None and self.feeds and page.file.dest_uri == "index.html":
            feed = self.feeds[0] if self.feeds[0].kind == "site" else None
        if feed is None:
            return output
        url_of = page_urls(self.urls, self.aliases, page.url)
        links = self.renderer.render(
            "fieldnotes/partials/feed-head.html",
            feeds=[feeds.link_context(feed, False)],
            href=lambda path: url_of(path) or "#",
        )
        return feeds.insert_in_head(output, links)

    def _social(self, entry: Entry, page: Page, output: str, config: MkDocsConfig) -> str:
        """``output`` with the entry's social previews before ``</head>`` (social.py)."""
        assert self.site is not None
        schemes = self.read_options.cards.schemes
        image, problem = social.preview_image(entry, self.urls, schemes)
        if problem:
            self.reporter.warn(entry.src_uri, str(problem))
        context = social.preview(
            entry,
            page.url,
            image,
            social.SocialSite.of(config.site_name, config.site_url),
            social.tag_names(entry, self.site),
            social.Present.of(output) if self.config.social_meta == "auto" else social.Present(),
            opengraph=self.opengraph,
        )
        html = self.renderer.render("fieldnotes/partials/social-meta.html", **context)
        return feeds.insert_in_head(output, html)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build: the next ``--dirty`` build writes every listing page and feed."""
        self.outputs.forget()
        self.export_texts.forget()
        self.commentary.forget()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the export, then the build's summary lines."""
        if not self.config.enabled:
            return
        if self.site is not None and self.export_on:
            path = safe_join(config.site_dir, self.config.export_path)
            records = feeds.export_records(self.feeds, self.urls)
            try:
                export.write_file(
                    path,
                    self.site,
                    self.urls,
                    config.site_name,
                    config.site_url,
                    feeds=records,
                    text_of=self._entry_text,
                )
            except OSError as error:  # a folder left there by a --dirty build, a full disk...
                self.reporter.warn(path, export.unwritten(self.config.export_path, error))
        if self.site is not None and self.feeds:
            self._write_feeds(config)
        self.commentary.finish()
        self.outputs.commit()
        self.export_texts.commit()
        self.reporter.finish()
        if self.drafts_left_out:
            log.info(drafts_note(self.drafts_left_out))

    def _entry_text(self, entry: Entry, url: str, ages: Optional[AgeRules]) -> str:
        """An entry's record in the export; under ``--dirty``, the last build's when its
        inputs did not change (KeptTexts)."""
        inputs = self.inputs
        if inputs is None:
            return export.entry_text(entry, url, ages)
        key = inputs.key((entry, url))
        return self.export_texts.get(
            entry.src_uri, key, lambda: export.entry_text(entry, url, ages)
        )

    def _write_feed_files(self, config: MkDocsConfig, texts: Iterable[tuple[str, str]]) -> None:
        """Write each ``(path, text)`` into site_dir; a file that cannot be written is reported
        and written by the next ``--dirty`` build."""
        for path, text in texts:
            try:
                feeds.write_text(safe_join(config.site_dir, path), text)
            except OSError as error:
                self.reporter.warn(path, feeds.unwritten(path, error))
                self.outputs.unwritten(path)

    def _write_feeds(self, config: MkDocsConfig) -> None:
        """Write every feed, in both formats, into site_dir (over its placeholder)."""
        assert self.site is not None
        site_url = str(config.site_url)
        info = feeds.FeedSite(
            url=site_url if site_url.endswith("/") else site_url + "/",
            name=config.site_name,
            description=config.site_description,
            author=config.site_author,
            language=self.locale.replace("_", "-"),
            generator=__version__,
        )
        written = [f for f in self.feeds if f.atom_path not in self.feeds_kept]  # --dirty
        docs, plain = feeds.publish(written, self.site, self.urls, info, self.commentary.get)
        published = {doc.feed.atom_path for doc in docs}
        for feed in written:  # a feed left with no item (its entries were removed): no file
            if feed.atom_path not in published:
                for path in (feed.atom_path, feed.json_path):
                    feeds.remove_placeholder(safe_join(config.site_dir, path))
        # One format at a time, each item's text made once: only one format's texts are held.
        entries = feeds.atom_entries(docs, self.renderer)
        self._write_feed_files(
            config, ((d.feed.atom_path, feeds.atom(d, self.renderer, entries)) for d in docs)
        )
        del entries
        items = feeds.json_items(docs)
        self._write_feed_files(
            config, ((d.feed.json_path, feeds.json_feed(d, items)) for d in docs)
        )
        if plain and self.dirty:
            log.info(
                f"{plain} feed item(s) carry their commentary as plain text: their pages were not "
                "converted by this --dirty build. A build without --dirty gives them their HTML."
            )

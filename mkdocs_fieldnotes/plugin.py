"""MkDocs glue: each event calls into the pure modules of this package."""

from __future__ import annotations

import functools
from typing import Any, Literal, Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import export
from .cards import LabelMatcher
from .collect import ParseCache, ReadOptions
from .config import FieldnotesConfig
from .dates import normalize_locale
from .dirty import DirtyListings
from .files import add_export_placeholder, add_listings, read_entries
from .header import UrlOf, render_header
from .headings import SLOT, TocStyle, place_listing
from .i18n import theme_language, words
from .late import fill, header_placeholder
from .markdown_ext import EMPTY_TOKEN, ExtensionState, FieldnotesExtension, PageRender
from .memo import Memo
from .model import Entry
from .pages import Listing, PageOptions, inert_meta, insert_listing
from .render import TEMPLATES, CompiledTemplates, Renderer
from .report import Reporter, drafts_note
from .site import Site, build_site, file_urls, listing_html, page_urls
from .validate import check_config, safe_join

log = get_plugin_logger(__name__)
CSS = "assets/fieldnotes/fieldnotes.css"


class FieldnotesPlugin(BasePlugin[FieldnotesConfig]):
    """Annotation cards, entry headers, index pages, a timeline and a JSON export."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serve = self.dirty = False
        self.cache = ParseCache()
        self.dirty_listings = DirtyListings()  # what a --dirty build last wrote: see dirty.py
        self.memo = Memo()  # rendered HTML across serve rebuilds: see memo.py
        self.compiled = CompiledTemplates()  # and compiled templates
        self.site: Optional[Site] = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across serve rebuilds: the parse cache
        # survives, while per-build state is rebuilt in on_config.
        self.serve = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        if not self.config.enabled:
            return config
        check_config(self.config, config)
        self.locale = normalize_locale(self.config.locale or theme_language(config.theme))
        self.reporter = Reporter(log)
        self.entries: dict[str, Entry] = {}
        self.listings: dict[str, Listing] = {}
        self.hosted: set[str] = set()
        self.aliases: dict[str, str] = {}
        self.strip: dict[str, int] = {}
        self.drafts_left_out = 0
        self.urls: dict[str, str] = {}  # src_uri -> URL of every file, set in on_nav
        self.export_on = False
        self.site = None
        self.read_options = ReadOptions.from_config(self.config, self.locale)
        self.toc_style = TocStyle.from_mdx(config.mdx_configs)
        cards = self.read_options.cards
        self.state = ExtensionState(cards.level, LabelMatcher(cards.labels))
        config.theme.dirs.append(TEMPLATES)  # last: the theme and custom_dir override ours
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)  # first: the user's own CSS wins
        config.markdown_extensions.append(FieldnotesExtension(self.state))
        return config

    @event_priority(-50)  # late: see the files other plugins added or removed
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Optional[Files]:
        if not self.config.enabled:
            return files
        self.cache.start(self.read_options)
        serve, publish = self.serve, self.config.drafts_publish
        collected = read_entries(files, self.cache, self.reporter, publish=publish, serve=serve)
        self.cache.finish()
        self.entries, self.strip = collected.entries, collected.strip
        self.drafts_left_out = collected.drafts_left_out
        options = PageOptions.from_config(self.config)
        self.site = build_site(collected.visible, options, words(self.locale))
        placed = add_listings(files, config, self.site.listings)
        self.listings, self.hosted, self.aliases = placed.listings, placed.hosted, placed.aliases
        env = config.theme.get_env()
        compiled = self.compiled if self.serve else None  # a build compiles each template once
        date_format, memo = self.config.date_format, self.memo
        self.renderer = Renderer(env, self.locale, date_format, memo, compiled)
        if self.config.export:
            clash = add_export_placeholder(files, config, self.config.export_path)
            if clash:
                self.reporter.warn(self.config.export_path, clash)
            self.export_on = clash is None
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        if not self.config.enabled or self.site is None:
            return markdown
        src = page.file.src_uri
        if src in self.strip and markdown.lstrip().startswith("---"):
            markdown = markdown.lstrip()[self.strip[src] :]  # invalid YAML MkDocs kept
        render = PageRender()
        if src in self.hosted:
            markdown = insert_listing(markdown, self.config.listing_marker, SLOT)
        entry = self.entries.get(src)
        if entry is not None:
            render.cards = entry.cards
            render.render_card = functools.partial(self.renderer.card, entry)
            render.header_html = header_placeholder(entry.summary)  # see on_page_context
            inert_meta(page.meta, config.extra.get("status"))
            if not markdown.strip():
                markdown = EMPTY_TOKEN
        self.state.page = render
        return markdown

    def _header(self, entry: Entry, page: Page, config: MkDocsConfig, url_of: UrlOf) -> str:
        # Material prints the page title itself; other themes get it in the header.
        title = page.title if not entry.has_h1 and config.theme.name != "material" else None
        schemes = self.read_options.cards.schemes
        html, problem = render_header(self.renderer, entry, self.site, url_of, schemes, title=title)
        if problem:
            self.reporter.warn(entry.src_uri, str(problem))
        return html

    @event_priority(-100)  # late: every plugin has placed its files
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Optional[Navigation]:
        if self.config.enabled:
            self.urls = file_urls(files, self.aliases)
            epoch = self.renderer.epoch() if self.serve else None
            self.memo.start(epoch)  # memoizes only under serve: a build renders all once
            if self.dirty and self.site is not None:  # MkDocs asks which pages changed next
                site, listed = self.site, [s for s in self.listings if s in self.urls]
                html = {s: self._listing(s, self.urls[s], site) for s in listed}
                built = self.dirty_listings.plan(files, html)
                log.debug(f"--dirty: {len(built)} of {len(listed)} listing pages built")
        return nav

    def _listing(self, src: str, page_url: str, site: Site) -> str:
        url_of = page_urls(self.urls, self.aliases, page_url)
        html, warnings = listing_html(self.renderer, self.listings[src], site, url_of, page_url)
        for message in warnings:
            self.reporter.warn(src, f"{src}: {message}")
        return html

    @event_priority(-100)  # after search indexed the page: see late.py
    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        if not self.config.enabled or self.site is None or page.content is None:
            return context
        src = page.file.src_uri
        entry, listing = self.entries.get(src), self.listings.get(src)
        if entry is None and listing is None:
            return context
        url_of = page_urls(self.urls, self.aliases, page.url)
        if entry is not None:
            cards = entry.cards
            page.content = fill(
                page.content,
                lambda: self._header(entry, page, config, url_of),
                lambda i: self.renderer.meta(entry, cards[i]) if i < len(cards) else None,
            )
        if listing is not None:
            html = self.dirty_listings.take(src)  # rendered in on_nav under --dirty
            html = self._listing(src, page.url, self.site) if html is None else html
            page.content, page.toc = place_listing(page.content, page.toc, html, self.toc_style)
        return context

    def on_page_content(self, html: str, /, *, page: Page, **kwargs: Any) -> Optional[str]:
        if self.config.enabled:
            self.state.page = None
        return html

    @event_priority(-100)  # last: every other plugin has seen the page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> Optional[str]:
        src = page.file.src_uri
        if self.config.enabled and src in self.listings and src not in self.hosted:
            # Written now: its HTML (megabytes on large sites) is not kept to the end.
            page.content = None
        return output

    def on_build_error(self, *, error: Exception) -> None:
        self.dirty_listings.forget()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.site is not None and self.export_on:
            # Written here, entry by entry, rather than held in memory as a generated file.
            path = safe_join(config.site_dir, self.config.export_path)
            site_name, site_url = config.site_name, config.site_url
            export.write_file(path, self.site, self.urls, site_name, site_url, self.memo)
        if self.memo.enabled:
            log.debug(f"serve: {self.memo.hits} pieces of HTML reused, {self.memo.misses} rendered")
        self.memo.finish()
        self.dirty_listings.commit()
        self.reporter.finish()
        if self.drafts_left_out:
            log.info(drafts_note(self.drafts_left_out))

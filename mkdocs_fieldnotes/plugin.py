"""MkDocs glue: each event calls into the pure modules of this package."""

from __future__ import annotations

import dataclasses
import functools
import os
from typing import Any, Literal, Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import __version__, export
from .cards import LabelMatcher
from .collect import ParseCache, ReadOptions
from .config import FieldnotesConfig
from .dates import normalize_locale
from .header import render_header
from .i18n import words
from .markdown_ext import (
    EMPTY_TOKEN,
    LISTING_TOKEN,
    ExtensionState,
    FieldnotesExtension,
    PageRender,
)
from .model import Entry
from .pages import Listing, PageOptions, inert_meta, insert_listing, markdown_source
from .render import Renderer
from .report import Reporter, decode_reason
from .site import Site, build_site, listing_context
from .validate import check_config, safe_join

log = get_plugin_logger(__name__)
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
CSS = "assets/fieldnotes/fieldnotes.css"


class FieldnotesPlugin(BasePlugin[FieldnotesConfig]):
    """Annotation cards, entry headers, index pages, a timeline and a JSON export."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serve = False
        self.cache = ParseCache()
        self.site: Optional[Site] = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across serve rebuilds: the parse cache
        # survives, while per-build state is rebuilt in on_config.
        self.serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        if not self.config.enabled:
            return config
        check_config(self.config, config)
        self.locale = normalize_locale(self.config.locale or _theme_language(config))
        self.reporter = Reporter(log)
        self.entries: dict[str, Entry] = {}
        self.listings: dict[str, Listing] = {}
        self.hosted: set[str] = set()
        self.aliases: dict[str, str] = {}
        self.strip: dict[str, int] = {}
        self.drafts_left_out = 0
        self.export_urls: Optional[dict[str, str]] = None
        self.site = None
        self.read_options = ReadOptions.from_config(self.config, self.locale)
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
        visible: list[Entry] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            try:
                text = file.content_string
            except (UnicodeDecodeError, OSError) as error:
                # MkDocs would stop with a traceback on this page: leave it out instead.
                file.inclusion = InclusionLevel.EXCLUDED
                self.reporter.warn(
                    file.src_uri,
                    f"{file.src_uri}: is not valid UTF-8 text ({decode_reason(error)}); the "
                    "page was left out of the site. Save the file as UTF-8.",
                )
                continue
            parsed = self.cache.get(file.src_uri, text)
            self.reporter.problems(parsed.problems, file.src_uri)
            if parsed.front_matter_end:
                self.strip[file.src_uri] = parsed.front_matter_end
            entry = parsed.entry
            if entry is None:
                continue
            mkdocs_draft = file.inclusion == InclusionLevel.DRAFT  # MkDocs' own draft_docs
            if mkdocs_draft and not entry.draft:
                entry = dataclasses.replace(entry, draft=True)
            self.entries[file.src_uri] = entry
            if entry.draft and (mkdocs_draft or not self.config.drafts_publish):
                file.inclusion = InclusionLevel.DRAFT
                if not self.serve:
                    self.drafts_left_out += 1
                    continue
            visible.append(entry)
        self.cache.finish()
        self.site = build_site(visible, PageOptions.from_config(self.config), words(self.locale))
        by_dest = {f.dest_uri: f for f in files}
        for listing in self.site.listings:
            level = InclusionLevel.UNDEFINED if listing.in_nav else InclusionLevel.NOT_IN_NAV
            source = markdown_source(listing.title, LISTING_TOKEN, listing.searchable)
            new = File.generated(config, listing.src_uri, content=source, inclusion=level)
            # A user's page at the same source path, or written to the same place (docs/tags.md
            # and tags/index.md both give tags/index.html), hosts the listing instead.
            host = files.get_file_from_path(listing.src_uri) or by_dest.get(new.dest_uri)
            if host is not None:
                self.listings[host.src_uri] = listing
                self.hosted.add(host.src_uri)
                self.aliases[listing.src_uri] = host.src_uri
                continue
            self.listings[listing.src_uri] = listing
            files.append(new)
        self.renderer = Renderer(config.theme.get_env(), self.locale, self.config.date_format)
        if self.config.export:
            self._add_export(self.site, files, config)
        return files

    def _add_export(self, site: Site, files: Files, config: MkDocsConfig) -> None:
        path = self.config.export_path
        existing = files.get_file_from_path(path)
        if existing is not None:
            origin = getattr(existing, "generated_by", None)
            where = f"the plugin '{origin}' already adds" if origin else "docs_dir already has"
            self.reporter.warn(
                path,
                f"{where} '{path}'; the export was not written. Rename that file or set the "
                "plugin's 'export_path'.",
            )
            return
        taken = next((f for f in files if f.dest_uri == path), None)
        if taken is not None:
            self.reporter.warn(
                path,
                f"the export path '{path}' is where '{taken.src_uri}' is written; the export "
                "was not written. Set the plugin's 'export_path' to a free name.",
            )
            return
        self.export_urls = {}  # filled in on_env, once other plugins have placed every file
        # A placeholder, so pages can link to the export and MkDocs validates those links;
        # on_post_build writes the real content over it. INCLUDED: MkDocs re-applies
        # exclude_docs ('.*') to files left UNDEFINED.
        placeholder = File.generated(config, path, content="", inclusion=InclusionLevel.INCLUDED)
        files.append(placeholder)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        if not self.config.enabled or self.site is None:
            return markdown
        src = page.file.src_uri
        if src in self.strip and markdown.lstrip().startswith("---"):
            markdown = markdown.lstrip()[self.strip[src] :]  # invalid YAML MkDocs kept
        render = PageRender()
        listing = self.listings.get(src)
        if listing is not None:
            if src in self.hosted:
                markdown = insert_listing(markdown, self.config.listing_marker, LISTING_TOKEN)
            show_title = src not in self.hosted
            context = listing_context(listing, self.site, src, show_title, self.aliases)
            render.listing = functools.partial(self.renderer.render, listing.template, **context)
        entry = self.entries.get(src)
        if entry is not None:
            render.cards = entry.cards
            render.render_card = functools.partial(self.renderer.card, entry)
            render.header_html = self._header(entry, page, files, config)
            inert_meta(page.meta, config.extra.get("status"))
            if not markdown.strip():
                markdown = EMPTY_TOKEN
        self.state.page = render
        return markdown

    def _header(self, entry: Entry, page: Page, files: Files, config: MkDocsConfig) -> str:
        def url_of(src_uri: str) -> Optional[str]:
            target = files.get_file_from_path(self.aliases.get(src_uri, src_uri))
            return get_relative_url(target.url, page.file.url) if target else None

        show_title = not entry.has_h1 and config.theme.name != "material"
        html, problem = render_header(
            self.renderer,
            entry,
            self.site,
            url_of,
            self.read_options.cards.schemes,
            title=page.title if show_title else None,
        )
        if problem:
            self.reporter.warn(entry.src_uri, str(problem))
        return html

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.config.enabled and self.export_urls is not None:
            pages = files.documentation_pages(inclusion=lambda _: True)
            self.export_urls = {f.src_uri: f.url for f in pages}
            for generated, host in self.aliases.items():
                self.export_urls[generated] = self.export_urls[host]
        return env

    def on_page_content(self, html: str, /, *, page: Page, **kwargs: Any) -> Optional[str]:
        if self.config.enabled:
            self.state.page = None
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.site is not None and self.export_urls is not None:
            # Written here, entry by entry, rather than held in memory as a generated file.
            path = safe_join(config.site_dir, self.config.export_path)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            generator = f"mkdocs-fieldnotes {__version__}"
            with open(path, "w", encoding="utf-8", newline="\n") as fp:
                export.write(
                    fp, self.site, self.export_urls, config.site_name, config.site_url, generator
                )
        self.reporter.finish()
        if self.drafts_left_out:
            n = self.drafts_left_out
            log.info(
                f"{n} draft entr{'y' if n == 1 else 'ies'} left out of the build. Preview with "
                "'mkdocs serve', or set 'drafts_publish: true' to publish drafts."
            )


def _theme_language(config: MkDocsConfig) -> Optional[str]:
    language = config.theme.get("language") or config.theme.get("locale")
    return str(language) if language else None

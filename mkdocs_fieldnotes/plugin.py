"""MkDocs glue: each event calls into the pure modules of this package."""

from __future__ import annotations

import functools
import os
from typing import Any, Literal, Optional

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import __version__, export
from .cards import CardOptions, LabelMatcher, Labels
from .collect import ParseCache, ReadOptions
from .config import FieldnotesConfig
from .dates import normalize_locale
from .frontmatter import status_key
from .header import header_context, resolve_image
from .i18n import words
from .markdown_ext import LISTING_TOKEN, ExtensionState, FieldnotesExtension, PageRender
from .model import Card, Entry, Problem
from .pages import Listing, PageOptions, markdown_source
from .render import Renderer
from .site import Site, build_site, listing_context
from .validate import check_config

log = get_plugin_logger(__name__)
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
CSS = "assets/fieldnotes/fieldnotes.css"


class FieldnotesPlugin(BasePlugin[FieldnotesConfig]):
    """Annotation cards, entry headers, index pages, a timeline and a JSON export."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._serve = False
        self._cache = ParseCache()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across serve rebuilds: the parse cache
        # survives, while per-build state is rebuilt in on_config.
        self._serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> Optional[MkDocsConfig]:
        if not self.config.enabled:
            return config
        check_config(self.config, config)
        self.locale = normalize_locale(self.config.locale or _theme_language(config))
        self.words = words(self.locale)
        self.show_drafts = self._serve or self.config.drafts_publish
        self.entries: dict[str, Entry] = {}
        self.hosted: dict[str, Listing] = {}
        self.generated: dict[str, Listing] = {}
        self.hero_problems: set[Problem] = set()
        self.drafts_left_out = 0
        self.site: Optional[Site] = None
        labels = Labels(
            tuple(self.config.cards_link_labels),
            tuple(self.config.cards_date_labels),
            tuple(self.config.cards_future_labels),
        )
        self.read_options = ReadOptions(
            cards=CardOptions(
                self.config.cards_heading_level,
                labels,
                tuple(s.lower() for s in self.config.cards_link_schemes),
                self.locale,
            ),
            statuses=tuple(status_key(s) for s in self.config.status_values),
            draft_statuses=tuple(status_key(s) for s in self.config.drafts_statuses),
        )
        self.state = ExtensionState(self.config.cards_heading_level, LabelMatcher(labels))
        config.theme.dirs.append(TEMPLATES)
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)
        config.markdown_extensions.append(FieldnotesExtension(self.state))  # type: ignore[arg-type]
        return config

    @event_priority(-50)  # late: see the files other plugins added or removed
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Optional[Files]:
        if not self.config.enabled:
            return files
        self._cache.start(self.read_options)
        entries: list[Entry] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            try:
                text = file.content_string
            except (UnicodeDecodeError, OSError) as error:
                log.warning(f"{file.src_uri}: cannot be read as UTF-8 text ({error}); skipped.")
                continue
            parsed = self._cache.get(file.src_uri, text)
            for problem in parsed.problems:
                log.warning(str(problem))
            self._strip = getattr(self, "_strip", {})
            if parsed.front_matter_end:
                self._strip[file.src_uri] = parsed.front_matter_end
            entry = parsed.entry
            if entry is None:
                continue
            if file.inclusion == InclusionLevel.DRAFT and not entry.draft:
                entry = _as_draft(entry)
            self.entries[file.src_uri] = entry
            if entry.draft and not self.config.drafts_publish:
                file.inclusion = InclusionLevel.DRAFT
                if not self._serve:
                    self.drafts_left_out += 1
                    continue
            entries.append(entry)
        self._cache.finish()
        options = PageOptions(
            tags=self.config.tags_path if self.config.tags else None,
            series=self.config.series_path if self.config.series else None,
            categories=self.config.categories_path if self.config.categories else None,
            timeline=self.config.timeline_path if self.config.timeline else None,
            page_size=self.config.timeline_page_size,
        )
        self.site = build_site(entries, options, self.words)
        for listing in self.site.listings:
            if files.get_file_from_path(listing.src_uri) is not None:
                self.hosted[listing.src_uri] = listing
                continue
            level = InclusionLevel.UNDEFINED if listing.in_nav else InclusionLevel.NOT_IN_NAV
            source = markdown_source(listing.title, "", LISTING_TOKEN)
            files.append(File.generated(config, listing.src_uri, content=source, inclusion=level))
            self.generated[listing.src_uri] = listing
        self.renderer = Renderer(config.theme.get_env(), self.locale, self.config.date_format)
        if self.config.export:
            self._add_export(files, config)
        return files

    def _add_export(self, files: Files, config: MkDocsConfig) -> None:
        assert self.site is not None
        path = self.config.export_path
        if files.get_file_from_path(path) is not None:
            log.warning(
                f"docs_dir already has '{path}'; the export was not written. Rename your file "
                "or set the plugin's 'export_path'."
            )
            return
        url = {f.src_uri: f.url for f in files.documentation_pages(inclusion=lambda _: True)}
        site = self.site
        doc = export.document(
            {"name": config.site_name, "url": config.site_url, "generator": f"mkdocs-fieldnotes {__version__}"},
            [export.entry_record(e, url[e.src_uri], {}, self.show_drafts) for e in site.entries],
            [export.term_record(t, url.get(t.src_uri), url) for t in site.tags],
            [export.term_record(t, url.get(t.src_uri), url) for t in site.series],
            [export.term_record(t, url.get(t.src_uri), url) for t in site.categories],
        )
        files.append(File.generated(config, path, content=export.dumps(doc)))

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> Optional[str]:
        if not self.config.enabled or self.site is None:
            return markdown
        src = page.file.src_uri
        strip = getattr(self, "_strip", {}).get(src)
        if strip and markdown.lstrip().startswith("---"):
            markdown = markdown.lstrip()[strip:]
        entry = self.entries.get(src)
        listing = self.hosted.get(src) or self.generated.get(src)
        render = PageRender()
        if listing is not None:
            if src in self.hosted:
                marker = self.config.listing_marker
                if marker in markdown:
                    markdown = markdown.replace(marker, f"\n\n{LISTING_TOKEN}\n\n", 1)
                else:
                    markdown = f"{markdown.rstrip()}\n\n{LISTING_TOKEN}\n"
            context = listing_context(listing, self.site, src, show_title=src not in self.hosted)
            render.listing = functools.partial(self.renderer.render, listing.template, **context)
        if entry is not None:
            render.cards = entry.cards
            render.render_card = functools.partial(self._render_card, entry)
            render.header_html = self._render_header(entry, page, files, config)
        self.state.page = render
        return markdown

    def _render_card(
        self, entry: Entry, card: Card, heading: str, commentary: str, future: str
    ) -> str:
        return self.renderer.render(
            "fieldnotes/card.html",
            entry=entry,
            card=card,
            heading=Markup(heading),
            commentary=Markup(commentary),
            future=Markup(future),
        )

    def _render_header(self, entry: Entry, page: Page, files: Files, config: MkDocsConfig) -> str:
        assert self.site is not None

        def url_of(src_uri: str) -> Optional[str]:
            target = files.get_file_from_path(src_uri)
            return get_relative_url(target.url, page.file.url) if target else None

        hero = None
        if entry.hero:
            hero, problem = resolve_image(
                entry.hero, entry, url_of, self.read_options.cards.schemes
            )
            if problem and problem not in self.hero_problems:
                self.hero_problems.add(problem)
                log.warning(str(problem))
        context = header_context(entry, self.site, url_of, hero)
        context["show_title"] = not entry.has_h1 and config.theme.name != "material"
        context["title"] = page.title
        return self.renderer.render("fieldnotes/entry-header.html", **context)

    def on_page_content(self, html: str, /, *, page: Page, **kwargs: Any) -> Optional[str]:
        if self.config.enabled:
            self.state.page = None
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.drafts_left_out:
            n = self.drafts_left_out
            log.info(
                f"{n} draft entr{'y' if n == 1 else 'ies'} left out of the build. Preview with "
                "'mkdocs serve', or set 'drafts_publish: true' to publish drafts."
            )


def _theme_language(config: MkDocsConfig) -> Optional[str]:
    language = config.theme.get("language") or config.theme.get("locale")
    return str(language) if language else None


def _as_draft(entry: Entry) -> Entry:
    import dataclasses

    return dataclasses.replace(entry, draft=True)

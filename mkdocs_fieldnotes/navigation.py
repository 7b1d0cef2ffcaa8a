"""The site navigation, tidied once every plugin has built it.

Per-term pages (one per tag, series, category, timeline year) are added as
``NOT_IN_NAV``, yet nav plugins that glob folders (literate-nav, awesome-nav patterns,
``- tags/`` in a literate-nav ``nav:``) list them anyway; they are taken out here. In a
nav the user did not write, each index page alone in the section of its folder becomes
one top-level link after the user's own pages, in the plugin's documented order.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

# Nav plugins that build a nav with no `nav:` in mkdocs.yml: module → the option naming
# the file in docs_dir by which a user writes the nav instead.
NAV_FILE_OPTIONS = {"mkdocs_literate_nav": "nav_file", "mkdocs_awesome_nav": "filename"}


def nav_file(config: MkDocsConfig, files: Files) -> Optional[str]:
    """The nav file at the top of ``docs_dir`` read by literate-nav or awesome-nav, if any
    (``SUMMARY.md``, ``.nav.yml``): the user wrote the nav there."""
    for plugin in config.plugins.values():
        option = NAV_FILE_OPTIONS.get(type(plugin).__module__.split(".")[0])
        name = plugin.config.get(option) if option else None
        if isinstance(name, str) and files.get_file_from_path(name) is not None:
            return name
    return None


def tidy_nav(
    nav: Navigation,
    config: MkDocsConfig,
    files: Files,
    *,
    nav_given: bool,
    per_term: Collection[str],
    indexes: Sequence[str],
) -> None:
    """Take the ``per_term`` pages (source paths) out of ``nav``; in an implicit nav, make
    each of the ``indexes`` pages alone in a section one top-level link, in that order.

    ``nav_given`` says whether ``config.nav`` was set in ``on_config``: literate-nav
    replaces it in ``on_files``, so it must be read before. The nav is implicit when it
    was not and no nav file (``nav_file``) was written either. ``nav.pages``, parents and
    previous/next links are kept as MkDocs sets them; sections left empty are dropped.
    """
    removed: list[Page] = []
    _prune(nav.items, None, frozenset(per_term), removed)
    moved: list[Page] = []
    if not nav_given and nav_file(config, files) is None:
        moved = _hoist(nav.items, indexes)
    if not removed and not moved:
        return
    for page in (*removed, *moved):
        _unlink(page)
    gone = {id(page) for page in (*removed, *moved)}
    nav.pages[:] = [page for page in nav.pages if id(page) not in gone]
    if moved:
        # Appended after every other item: they follow the last page of the nav.
        others = [item for item in _pages(nav.items) if id(item) not in gone]
        tail = others[-1] if others else None
        for page in moved:
            page.previous_page = tail
            if tail is not None:
                tail.next_page = page
            tail = page
        nav.pages.extend(moved)


def _prune(
    items: list[StructureItem],
    parent: Optional[Section],
    drop: frozenset[str],
    removed: list[Page],
) -> None:
    """Remove the pages in ``drop`` from ``items``, and the sections this empties."""
    kept: list[StructureItem] = []
    for item in items:
        emptied = False
        if isinstance(item, Section) and item.children:
            _prune(item.children, item, drop, removed)
            emptied = not item.children
        if isinstance(item, Page) and item.file.src_uri in drop:
            removed.append(item)
            # A section-index page took the place of its section: its other pages stay.
            children = _children(item) or []
            for child in children:
                child.parent = parent
            kept += children
            children.clear()
            item.parent = None
        elif not (emptied and not item.is_page):
            item.parent = parent
            kept.append(item)
    items[:] = kept


def _lone_index(item: StructureItem, wanted: Collection[str]) -> Optional[Page]:
    """The index page that ``item`` holds alone: a section of one page, or a
    section-index page (a section made into its index page) with no pages left under it."""
    if isinstance(item, Page):
        lone = item.is_section and not _children(item)
        return item if lone and item.file.src_uri in wanted else None
    if isinstance(item, Section) and len(item.children) == 1:
        child = item.children[0]
        if isinstance(child, Page) and not _children(child) and child.file.src_uri in wanted:
            return child
    return None


def _hoist(items: list[StructureItem], indexes: Sequence[str]) -> list[Page]:
    """Move each of the ``indexes`` pages held alone in a section to the end of ``items``
    (the top level), in the order of ``indexes``; returns the pages moved."""
    found: dict[str, Page] = {}

    def visit(level: list[StructureItem]) -> None:
        kept: list[StructureItem] = []
        for item in level:
            page = _lone_index(item, indexes)
            if page is not None:
                found[page.file.src_uri] = page
                continue
            if isinstance(item, Section) and item.children:
                visit(item.children)
                if not item.children and not item.is_page:
                    continue  # held only the index: nothing left to show
            kept.append(item)
        level[:] = kept

    visit(items)
    moved = [found[src] for src in indexes if src in found]
    for page in moved:
        page.parent = None
    items.extend(moved)
    return moved


def _pages(items: list[StructureItem]) -> list[Page]:
    """Pages of ``items`` in nav order, as MkDocs lists them in ``Navigation.pages``."""
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        pages += _pages(_children(item) or [])
    return pages


def _children(item: StructureItem) -> Optional[list[StructureItem]]:
    """The items under ``item``: a section's, or those of a page that section-index made
    into its section's link (a ``SectionPage``, both a page and a section)."""
    children = getattr(item, "children", None)
    return children if isinstance(children, list) else None


def _unlink(page: Page) -> None:
    """Take ``page`` out of the chain of previous/next links, joining its neighbours."""
    before, after = page.previous_page, page.next_page
    if before is not None and before.next_page is page:
        before.next_page = after
    if after is not None and after.previous_page is page:
        after.previous_page = before
    page.previous_page = page.next_page = None

"""The plugin's work on MkDocs' ``Files``: reading entries, adding listing pages.

Kept apart from ``plugin.py`` so the event handlers stay glue; everything here takes the
``Files`` collection and plain values, and returns plain values.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Iterable
from typing import Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .dirty import GeneratedFile
from .entries import ParseCache, Stamp
from .headings import SLOT
from .model import Entry
from .plan import Listing, markdown_source
from .report import Reporter, quote, unreadable_message


@dataclasses.dataclass
class Collected:
    """What reading every page gave."""

    entries: dict[str, Entry] = dataclasses.field(default_factory=dict)
    """Every entry, drafts included, by source path."""
    visible: list[Entry] = dataclasses.field(default_factory=list)
    """Entries readers see in this build (listings, export)."""
    strip: dict[str, int] = dataclasses.field(default_factory=dict)
    """Pages whose invalid front matter MkDocs kept: characters to remove."""
    drafts_left_out: list[str] = dataclasses.field(default_factory=list)
    """Draft entries left out of this build."""


def _stamp(file: File) -> Optional[Stamp]:
    """The modification time and size of a page's file; ``None`` for a page another plugin
    generated, or a file gone."""
    if file.generated_by is not None or not file.abs_src_path:
        return None
    try:
        stat = os.stat(file.abs_src_path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def read_entries(
    files: Files,
    cache: ParseCache,
    reporter: Reporter,
    *,
    publish: bool,
    serve: bool,
    dirty: bool = False,
) -> Collected:
    """Parse every page (through ``cache``), report problems, and mark drafts; under
    ``dirty``, a page whose file did not change since the last build is not read again.

    A draft (``status`` in the draft statuses, or MkDocs' own ``draft_docs``) becomes an
    MkDocs DRAFT: left out of ``build``, shown by ``serve``; ``publish`` keeps the plugin's
    drafts in the build (with their badge).
    """
    out = Collected()
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        stamp = _stamp(file) if dirty else None
        parsed = cache.unchanged(file.src_uri, stamp) if stamp is not None else None
        if parsed is None:
            try:
                text = file.content_string
            except (UnicodeDecodeError, OSError) as error:
                # MkDocs would stop with a traceback on this page: leave it out instead.
                file.inclusion = InclusionLevel.EXCLUDED
                reporter.warn(file.src_uri, unreadable_message(file.src_uri, error))
                continue
            parsed = cache.get(file.src_uri, text, stamp)
        reporter.problems(parsed.problems, file.src_uri)
        if parsed.front_matter_end:
            out.strip[file.src_uri] = parsed.front_matter_end
        entry = parsed.entry
        if entry is None:
            continue
        mkdocs_draft = file.inclusion == InclusionLevel.DRAFT
        if mkdocs_draft and not entry.draft:
            entry = dataclasses.replace(entry, draft=True)
        out.entries[file.src_uri] = entry
        if entry.draft and (mkdocs_draft or not publish):
            file.inclusion = InclusionLevel.DRAFT
            if not serve:
                out.drafts_left_out.append(file.src_uri)
                continue
        out.visible.append(entry)
    return out


@dataclasses.dataclass
class Placed:
    """Where each listing is rendered."""

    listings: dict[str, Listing] = dataclasses.field(default_factory=dict)
    """Listing of each page that shows one (generated, or the user's hosting page)."""
    hosted: set[str] = dataclasses.field(default_factory=set)
    """User pages that host a listing."""
    aliases: dict[str, str] = dataclasses.field(default_factory=dict)
    """Generated path → the user's page that hosts it (or stands at its place) instead."""
    left_alone: list[str] = dataclasses.field(default_factory=list)
    """User pages at a listing's place without the marker: left as they are, no listing."""


def add_listings(
    files: Files, config: MkDocsConfig, listings: list[Listing], marker: str
) -> Placed:
    """Add a generated page for each listing, or let the user's page at its place host it.

    A user's page at a listing's place hosts the listing only when it asks for it with
    ``marker``; without it, the page is left as it is (it is another plugin's, or the user's
    own) and the listing is not made. A listing with nothing to list is placed only where a
    page asks for it: a site with nothing of a kind gets no page for it.
    """
    placed = Placed()
    by_dest = {f.dest_uri: f for f in files}
    for listing in listings:
        level = InclusionLevel.UNDEFINED if listing.in_nav else InclusionLevel.NOT_IN_NAV
        source = markdown_source(listing.title, SLOT, listing.searchable)
        new = GeneratedFile.generated(config, listing.src_uri, content=source, inclusion=level)
        # A user's page at the same source path, or written to the same place (docs/tags.md
        # and tags/index.md both give tags/index.html), hosts the listing instead.
        host = files.get_file_from_path(listing.src_uri) or by_dest.get(new.dest_uri)
        asked = host is not None and marker in host.content_string
        if listing.empty and not asked:
            continue
        if host is not None and not asked:
            # The user's page (Material's tags page at docs/tags.md, say) is left as it is;
            # links to the listing lead to it.
            placed.aliases[listing.src_uri] = host.src_uri
            placed.left_alone.append(host.src_uri)
            continue
        if host is not None:
            placed.listings[host.src_uri] = listing
            placed.hosted.add(host.src_uri)
            placed.aliases[listing.src_uri] = host.src_uri
            continue
        placed.listings[listing.src_uri] = listing
        files.append(new)
    return placed


def _written(file: File, serve: bool) -> bool:
    """Whether MkDocs writes ``file`` into site_dir in this build (drafts: only in serve)."""
    if file.inclusion is InclusionLevel.EXCLUDED:
        return False
    return serve or file.inclusion is not InclusionLevel.DRAFT


def export_clash(files: Files, path: str, *, serve: bool = False) -> Optional[str]:
    """Why the export cannot be written at ``path``, or ``None``: a file of the build is
    written there, inside it (``fieldnotes.json/index.html``, from a page
    ``fieldnotes.json.md`` with directory URLs), or where it needs a folder. That file wins;
    the export is left out. (What the theme and other plugins write is refused earlier, as
    a configuration error: ``validate.check_export_target``.)"""
    existing = files.get_file_from_path(path)
    if existing is not None and _written(existing, serve):
        origin = getattr(existing, "generated_by", None)
        where = f"the plugin '{origin}' already adds" if origin else "docs_dir already has"
        return (
            f"{where} {quote(path)}; the export was not written. Rename that file or set the "
            "plugin's 'export_path'."
        )
    for file in files:
        if file is existing or not _written(file, serve):
            continue
        dest = file.dest_uri
        what = "page" if file.is_documentation_page() else "file"
        if dest == path:
            return (
                f"the export path {quote(path)} is where {quote(file.src_uri)} is written; the "
                "export was not written. Set the plugin's 'export_path' to a free name."
            )
        if dest.startswith(path + "/"):
            place = f"inside the export path {quote(path)}"
        elif path.startswith(dest + "/"):
            place = f"where the export path {quote(path)} needs a folder"
        else:
            continue
        return (
            f"{quote(file.src_uri)} is written to {quote(dest)}, {place}; the {what} was "
            f"written and the export was not. Rename the {what}, or set the plugin's "
            "'export_path' to a free name."
        )
    return None


def add_export_placeholder(
    files: Files, config: MkDocsConfig, path: str, *, serve: bool = False
) -> Optional[str]:
    """An empty file at the export's path, so pages can link to it and MkDocs checks those
    links; the plugin writes the real content over it after the build.

    Returns why it could not be added (see ``export_clash``), or ``None``.
    """
    clash = export_clash(files, path, serve=serve)
    if clash is None:
        # INCLUDED: MkDocs re-applies exclude_docs ('.*') to files left UNDEFINED.
        inclusion = InclusionLevel.INCLUDED
        files.append(File.generated(config, path, content="", inclusion=inclusion))
    return clash


def taken_paths(
    files: Files, outputs: Iterable[tuple[str, str]], paths: Iterable[str], *, serve: bool
) -> dict[str, str]:
    """Which of ``paths`` (in site_dir) something of the build already takes, and by what,
    in words: a file written there, inside it (as a folder), or where it needs a folder.
    ``outputs`` are what MkDocs, the theme and known plugins write besides the files
    (``validate.site_outputs``). One pass over the files, then a few lookups per path."""
    dests: dict[str, str] = {}
    folders: dict[str, str] = {}
    for target, what in outputs:
        if target.endswith("/"):
            folders.setdefault(target.rstrip("/"), what)
        else:
            dests.setdefault(target, what)
    for file in files:
        if not _written(file, serve):
            continue
        origin = getattr(file, "generated_by", None)
        kind = "page" if file.is_documentation_page() else "file"
        where = f"that the plugin '{origin}' adds" if origin else "of docs_dir"
        what = f"the {kind} {quote(file.src_uri)} {where}"
        dests.setdefault(file.dest_uri, what)
        folder = posixpath.dirname(file.dest_uri)
        while folder and folder not in folders:
            folders[folder] = what
            folder = posixpath.dirname(folder)
    taken: dict[str, str] = {}
    for path in paths:
        found = dests.get(path) or folders.get(path)
        parent = posixpath.dirname(path)
        while found is None and parent:
            found = dests.get(parent)
            parent = posixpath.dirname(parent)
        if found is not None:
            taken[path] = found
    return taken


def add_placeholders(files: Files, config: MkDocsConfig, paths: Iterable[str]) -> None:
    """An empty file at each of ``paths`` (files the plugin writes after the build, such as
    the feeds), so pages can link to them and MkDocs checks those links."""
    for path in paths:
        # INCLUDED: MkDocs re-applies exclude_docs ('.*') to files left UNDEFINED.
        files.append(
            GeneratedFile.generated(config, path, content="", inclusion=InclusionLevel.INCLUDED)
        )

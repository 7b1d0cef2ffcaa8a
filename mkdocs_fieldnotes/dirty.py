"""``--dirty`` builds: a listing page is rebuilt when its listing changed, and only then.

With ``--dirty``, MkDocs rebuilds a page only when ``File.is_modified()`` says so: a page of
``docs_dir`` when its source is newer than its output, a generated file always. Left at that,
every tag, series, category and timeline page (288 of them for 1,000 entries) would be
rendered and written again on each edit, and a docs_dir page that hosts a listing would keep
an old one. So in a ``--dirty`` build the plugin renders every listing before MkDocs reads the
pages and compares it with what the last build of
the same process wrote (``mkdocs build --dirty`` has none, so it writes every listing page):

* a generated listing page whose source and listing are unchanged is not modified for MkDocs;
* a docs_dir page hosting a listing that changed loses its output, so MkDocs builds it again
  although its source did not change.

Everything else keeps MkDocs' own ``--dirty`` rule.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Optional

from mkdocs.structure.files import File, Files


class ListingFile(File):
    """A generated listing page (``ListingFile.generated(...)`` makes one)."""

    unchanged = False
    """Set in a ``--dirty`` build when the page is the one the last build wrote."""

    def is_modified(self) -> bool:
        """Whether ``--dirty`` must build the page: MkDocs' answer unless it is unchanged."""
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


class DirtyListings:
    """What the last ``--dirty`` build of this process wrote for each listing page."""

    def __init__(self) -> None:
        self._written: dict[str, tuple[str, str]] = {}
        self._pending: dict[str, tuple[str, str]] = {}
        self._html: dict[str, str] = {}

    def plan(self, files: Files, listings: Mapping[str, str]) -> list[str]:
        """Mark the pages of ``listings`` (``src_uri`` → listing HTML) for this build.

        Returns the ``src_uri`` of every listing page MkDocs will build; ``take()`` hands out
        their HTML when they are built.
        """
        self._html = dict(listings)
        built: list[str] = []
        pending: dict[str, tuple[str, str]] = {}
        for src_uri, html in listings.items():
            file = files.get_file_from_path(src_uri)
            if file is None:
                continue
            source = file.content_string if isinstance(file, ListingFile) else ""
            pending[src_uri] = state = (source, html)  # a docs_dir page: MkDocs sees its source
            same = self._written.get(src_uri) == state
            if isinstance(file, ListingFile):
                file.unchanged = same
            elif not same and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)  # a stale listing on a page of yours
            if file.is_modified():
                built.append(src_uri)
        self._pending = pending
        return built

    def take(self, src_uri: str) -> Optional[str]:
        """The listing HTML ``plan()`` was given for this page, once; else ``None``."""
        return self._html.pop(src_uri, None)

    def commit(self) -> None:
        """The build wrote the pages it planned: they are what the next build compares with."""
        self._written, self._pending, self._html = self._pending, {}, {}

    def forget(self) -> None:
        """A build failed: what it wrote is unknown, so the next build writes every listing."""
        self._written, self._pending, self._html = {}, {}, {}

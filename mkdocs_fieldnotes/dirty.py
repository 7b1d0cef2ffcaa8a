"""``--dirty`` builds: a listing page or a feed is written again when its inputs changed.

With ``--dirty``, MkDocs rebuilds a page only when ``File.is_modified()`` says so: a page of
``docs_dir`` when its source is newer than its output, a generated file always. Left at that,
every tag, series, category, timeline and facet page (431 of them for 1,000 entries) would be
rendered and written again on each edit, and a docs_dir page that hosts a listing would keep
an old one. So in a ``--dirty`` build the plugin computes a key of each listing's inputs before
MkDocs reads the pages (``Inputs.key``), and compares it with the key of the last build of the
same process (``mkdocs build --dirty`` has none, so it writes every listing page):

* a generated listing page whose source and inputs are unchanged is not modified for MkDocs;
* a docs_dir page hosting a listing whose inputs changed loses its output, so MkDocs builds it
  again although its source did not change.

A key covers what a listing template can read: its context, in which each entry and card
stands for the digest of its page's source, its URL and the names of the terms shown with it
(so an edit changes the key of exactly the listings that show that page), every page path
brings its URL, and the build's ``stamp`` covers the options, the reference date of the
cards' ages and the plugin's template files. A value the key cannot describe makes the
listing count as changed. Feeds are compared the same way, on what they are made of (their
``Feed``), and the export keeps the text of each entry whose key did not change
(``KeptTexts``). Everything else keeps MkDocs' own ``--dirty`` rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Callable, Optional

from mkdocs.structure.files import File, Files

from .index import Term
from .model import Entry

Key = Optional[str]
"""A digest of something's inputs; ``None`` when they could not be described (changed)."""

_ATOMS = (int, float, type(None), dt.date)


def _digest(parts: list[Any]) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Inputs:
    """Keys of the listings of one build, comparable with those of the next build.

    Entries, cards and terms stand for tokens made once per build: an entry for its page's
    digest, URL and the names of its terms, a card for its entry's token and its place, a
    term for its own fields (its entries as tokens, its children as terms) and its parent's
    name and page. Any other dataclass is described by its fields, once per build however
    many listings show it.
    """

    def __init__(
        self,
        entries: Iterable[Entry],
        terms: Iterable[Term],
        digests: Mapping[str, bytes],
        urls: Mapping[str, str],
        stamp: Any,
        terms_of: Callable[[Entry], Iterable[Term]] = lambda entry: (),
    ) -> None:
        """``digests``: the digest of each entry's page source; ``terms``: the tags (roots
        and children), series and categories; ``urls``: the URL of each page by its source
        path; ``stamp``: what every listing depends on (see the module's docstring);
        ``terms_of``: the terms a template may show with an entry (``Site.tags_of``...)."""
        self._stamp = _digest([stamp])
        self._urls = urls
        self._known: dict[int, str] = {}
        self._open: set[int] = set()
        for entry in entries:
            src = entry.src_uri
            shown: list[Any] = []  # a tag's name is its most common spelling, on any page
            for term in terms_of(entry):
                self._walk(_shown(term), shown)
            token = _digest([src, digests.get(src), entry.draft, urls.get(src), shown])
            self._known[id(entry)] = token
            for number, card in enumerate(entry.cards):
                self._known[id(card)] = f"{token}.{number}"
        for term in terms:
            self._term(term)

    def _term(self, term: Term) -> Optional[str]:
        """A term's token: its fields, its children by their tokens, its parent by what a
        page shows of it (``_shown``). Not its parent's entries: a sibling's new card does not
        make every page of the family change."""
        if id(term) in self._known:  # a child, met under its parent
            return self._known[id(term)]
        parts: list[Any] = [type(term).__qualname__]
        described = True
        for field in dataclasses.fields(term):
            value = getattr(term, field.name)
            if field.name == "children":
                children = [self._term(child) for child in value]
                described = described and None not in children
                parts.append(children)
            elif field.name == "parent":
                described = described and self._walk(_shown(value), parts)
            else:
                described = described and self._walk(value, parts)
        if not described:
            return None  # then described field by field where it is shown: never "unchanged"
        self._known[id(term)] = token = _digest(parts)
        return token

    def key(self, value: Any) -> Key:
        """The key of ``value``: atoms, lists, tuples, sets, dicts and dataclasses."""
        out: list[Any] = [self._stamp]
        return _digest(out) if self._walk(value, out) else None

    def _walk(self, value: Any, out: list[Any]) -> bool:
        known = self._known.get(id(value))
        if known is not None:
            out.append(known)
            return True
        if isinstance(value, str):  # a page's path also stands for its URL (or its absence)
            out.append(value)
            out.append(self._urls.get(value))
            return True
        if isinstance(value, _ATOMS):  # bool is an int
            out.append(value)
            return True
        if isinstance(value, (list, tuple)):
            out.append("(" if isinstance(value, tuple) else "[")
            for item in value:
                if not self._walk(item, out):
                    return False
            out.append(")")
            return True
        if isinstance(value, (set, frozenset)):
            members: list[list[Any]] = []
            for item in value:
                members.append([])
                if not self._walk(item, members[-1]):
                    return False
            out.append("{")
            out.extend(sorted(members, key=repr))  # each member's parts kept together
            out.append("}")
            return True
        if isinstance(value, dict):
            out.append("{")
            for name, item in value.items():
                if not (self._walk(name, out) and self._walk(item, out)):
                    return False
            out.append("}")
            return True
        if (
            not dataclasses.is_dataclass(value)
            or isinstance(value, type)
            or id(value) in self._open
        ):
            return False  # a function...; a cycle the tokens above do not break
        self._open.add(id(value))
        parts: list[Any] = [type(value).__qualname__]
        described = True
        for field in dataclasses.fields(value):
            if not self._walk(getattr(value, field.name), parts):
                described = False
                break
        self._open.discard(id(value))
        if not described:
            return False
        self._known[id(value)] = token = _digest(parts)  # shown on several listings
        out.append(token)
        return True


def template_stamp(folders: Iterable[str]) -> list[tuple[str, int, int]]:
    """Path, modification time and size of each template under ``fieldnotes/`` in the theme's
    ``folders`` (``custom_dir`` copies included): editing one changes every key."""
    stamp = []
    for folder in folders:
        root = os.path.join(folder, "fieldnotes")
        for parent, _, names in sorted(os.walk(root)):
            for name in sorted(names):
                path = os.path.join(parent, name)
                stat = os.stat(path)
                stamp.append((path, stat.st_mtime_ns, stat.st_size))
    return stamp


class GeneratedFile(File):
    """A file the plugin generates: a listing page, or the placeholder of a feed
    (``GeneratedFile.generated(...)`` makes one)."""

    unchanged = False
    """Set in a ``--dirty`` build when the file is the one the last build wrote."""

    def is_modified(self) -> bool:
        """Whether ``--dirty`` must write the file: MkDocs' answer unless it is unchanged."""
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


Rendered = tuple[str, str, list[str]]
"""A listing rendered: its page's title, its HTML and its warnings."""


def _shown_digest(rendered: Rendered) -> str:
    return _digest(list(rendered))


class DirtyOutputs:
    """Which listing pages and feeds a ``--dirty`` build writes, by the keys of their inputs
    in this build and in the last build of this process; and the warnings of the listings it
    does not render again.

    A listing page whose key changed is rendered before MkDocs decides what to build, and
    left alone after all when its title, HTML and warnings are those the last build wrote
    (an edit to a card's commentary changes the key of every listing showing the card, and
    the HTML of few of them). It is not rendered a second time: ``take`` hands its HTML over.
    """

    def __init__(self) -> None:
        self._written: dict[str, Hashable] = {}
        self._keys: dict[str, Hashable] = {}
        self._warnings: dict[str, list[str]] = {}
        self._said: dict[str, list[str]] = {}
        self._shown: dict[str, str] = {}  # digest of what each listing page showed
        self._showing: dict[str, str] = {}
        self._early: dict[str, tuple[str, list[str]]] = {}
        self.compared = 0
        """How many listings the last ``plan`` rendered to compare with the last build."""

    def plan(
        self,
        files: Files,
        keys: Mapping[str, Key],
        render: Optional[Callable[[str], Rendered]] = None,
    ) -> tuple[set[str], list[tuple[str, str]]]:
        """Mark the files of ``keys`` (``src_uri`` → key of its inputs) for this build;
        ``render`` renders the listing of a page whose key changed.

        Returns the ``src_uri`` of each of them that MkDocs will write, and the warnings the
        last build gave for the listings it will not render, as ``(src_uri, warning)``: they
        are given again, as MkDocs would if it built those pages.
        """
        built: set[str] = set()
        again: list[tuple[str, str]] = []
        self._keys, self._said, self._showing, self._early = {}, {}, {}, {}
        self.compared = 0
        for src_uri, key in keys.items():
            file = files.get_file_from_path(src_uri)
            if file is None:
                continue
            # A docs_dir page hosting a listing: MkDocs compares its source itself.
            source = file.content_string if isinstance(file, GeneratedFile) else ""
            state = None if key is None else (source, key)
            self._keys[src_uri] = state
            last = self._written.get(src_uri)
            same = state is not None and last == state
            shown = self._shown.get(src_uri)
            if same and shown is not None:
                self._showing[src_uri] = shown
            elif (
                render is not None
                and shown is not None
                and isinstance(last, tuple)
                and last[0] == source
            ):
                rendered = render(src_uri)
                self.compared += 1
                self._showing[src_uri] = digest = _shown_digest(rendered)
                same = digest == shown  # then its warnings are the last build's too
                if not same:
                    self._early[src_uri] = rendered[1:]
            if isinstance(file, GeneratedFile):
                file.unchanged = same
            elif not same and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)  # a stale listing on a page of yours
            if file.is_modified():
                built.add(src_uri)
            else:
                self._said[src_uri] = kept = self._warnings.get(src_uri, [])
                again.extend((src_uri, warning) for warning in kept)
                self._early.pop(src_uri, None)
        return built, again

    def take(self, src_uri: str) -> Optional[tuple[str, list[str]]]:
        """The HTML and warnings of a listing ``plan`` rendered, once."""
        return self._early.pop(src_uri, None)

    def rendered(self, src_uri: str, rendered: Rendered) -> None:
        """A listing this build rendered and wrote."""
        self._said[src_uri] = rendered[2]
        self._showing[src_uri] = _shown_digest(rendered)

    def unwritten(self, src_uri: str) -> None:
        """A file this build could not write: the next build writes it."""
        self._keys.pop(src_uri, None)
        self._showing.pop(src_uri, None)

    def commit(self) -> None:
        """The build wrote what it planned: the next build compares with it."""
        self._written, self._warnings, self._shown = self._keys, self._said, self._showing
        self._keys, self._said, self._showing, self._early = {}, {}, {}, {}

    def forget(self) -> None:
        """A build failed: what it wrote is unknown, so the next build writes everything."""
        self._written, self._keys, self._warnings, self._said = {}, {}, {}, {}
        self._shown, self._showing, self._early = {}, {}, {}


class KeptTexts:
    """Texts the last ``--dirty`` build of this process made, by name and key: a text whose
    key did not change is used again (the export's entry records)."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, str]] = {}
        self._now: dict[str, tuple[str, str]] = {}

    def get(self, name: str, key: Key, make: Callable[[], str]) -> str:
        """The text of ``name``: the last build's if made from the same ``key``, else
        ``make()``."""
        last = self._last.get(name)
        text = last[1] if last is not None and key is not None and last[0] == key else make()
        if key is not None:
            self._now[name] = (key, text)
        return text

    def commit(self) -> None:
        """The build is done: the next one uses its texts."""
        self._last, self._now = self._now, {}

    def forget(self) -> None:
        """A build failed: keep nothing."""
        self._last, self._now = {}, {}


def _shown(term: Optional[Term]) -> Optional[tuple[str, ...]]:
    """What a page shows of a term it names (a tag's parent, an entry's tags): its kind,
    key, name, label and page."""
    if term is None:
        return None
    return (term.kind, term.key, term.name, term.label, term.slug, term.src_uri)

"""Plugin HTML kept across ``mkdocs serve`` rebuilds, keyed by everything it is made from.

Under ``mkdocs serve`` every edit rebuilds the whole site, but an edit changes one page: the
listings, entry headers, card meta rows and export records of everything else would come out
the same. ``Memo`` keeps them from one rebuild to the next.

Keys are exact, not hashes of likely inputs (``Key``):

* a parsed ``Entry`` or ``Card`` stands by identity. The parse cache hands out the same
  object while a page's source is unchanged (records are frozen), and any change gives a new
  object; the memo stores the records of a key with its value, so their identities cannot be
  taken by other objects while the key exists;
* everything else a template receives (terms, timeline items, URLs, numbers) goes into the key
  by value;
* a listing's links are made while it renders: it is kept with the URL of every page it
  links to, and used again only while each of those pages has the same URL;
* what every page shares (locale, date format) is the memo's *epoch*: a new epoch empties it.

A memo only runs with the plugin's own templates: a ``custom_dir`` template may read anything
(``config``, other partials), which no key can follow. It keeps only what the last build used,
so its size follows the site, not the number of rebuilds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable
from typing import Any, Callable, Generic, Optional, TypeVar

from .index import Group, Term, TimelineItem
from .model import Card, Entry

T = TypeVar("T")
V = TypeVar("V")


class Unkeyable(TypeError):
    """A value a ``Key`` cannot hold (its output is then computed and not kept)."""


class Key:
    """Builds one memo key: values by value, parsed records by identity.

    A parsed ``Entry`` or ``Card`` stands in the key as its ``id()``, and the record itself is
    kept in ``keep``, which the memo stores with the value: while the key exists its records
    stay alive, so no other object can take their identity. (Python-level ``__hash__`` and
    ``__eq__`` on thousands of wrappers per key would cost more than the rendering saved.)
    """

    __slots__ = ("keep",)

    def __init__(self) -> None:
        self.keep: list[object] = []

    def ref(self, record: object) -> int:
        """Identity of a parsed record (see the class docstring)."""
        self.keep.append(record)
        return id(record)

    def of(self, value: Any, *, deep_terms: bool = True) -> Hashable:
        """A hashable stand-in for ``value``: two values with equal keys render alike.

        ``deep_terms``: a ``Term`` stands with its entries and sub-terms (what listing pages
        show); without it, with its names and page only (what the entry header shows of a
        tag, category or series). Raises ``Unkeyable`` for a type it does not know.
        """
        kind = type(value)
        if kind is str:
            return str(value)
        if kind is Entry or kind is Card:
            return self.ref(value)  # a bare int: scalars below are tagged with their type
        if kind is TimelineItem:
            return (self.ref(value.card), self.ref(value.entry))
        if kind is list or kind is tuple:
            return tuple([self.of(v, deep_terms=deep_terms) for v in value])
        if kind is Group:
            return ("group", value.year, value.month, self.of(value.items))
        if kind is Term:
            return self._term(value, deep_terms)
        if isinstance(value, _SCALARS):
            return (kind.__name__, value)  # 1, 1.0 and True are equal in Python, not on a page
        if kind is dict:
            return (
                "dict",
                tuple([(k, self.of(v, deep_terms=deep_terms)) for k, v in value.items()]),
            )
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = dataclasses.fields(value)
            return (
                kind.__qualname__,
                tuple([self.of(getattr(value, f.name), deep_terms=deep_terms) for f in fields]),
            )
        raise Unkeyable(f"no memo key for {kind.__qualname__}")

    def _term(self, term: Term, deep: bool) -> Hashable:
        if not deep:
            return ("term", _term_name(term))
        return (
            "term",
            _term_name(term),
            term.own_count,
            tuple([self.ref(e) for e in term.entries]),
            tuple([self._term(child, True) for child in term.children]),
            _term_name(term.parent),
        )


_SCALARS = (str, int, float, bool, type(None), dt.date)


def _term_name(term: Optional[Term]) -> Hashable:
    if term is None:
        return None
    return (term.kind, term.key, term.name, term.label, term.slug, term.src_uri)


class LastBuild(Generic[V]):
    """Values kept from one build to the next: only those the last build used, and none once
    the epoch (what all of them depend on) changes. Subclasses begin each build with
    ``_begin`` and end it with ``finish``."""

    def __init__(self) -> None:
        self._items: dict[Hashable, V] = {}
        self._used: dict[Hashable, V] = {}
        self._epoch: Optional[Hashable] = None

    def _begin(self, epoch: Optional[Hashable]) -> None:
        if epoch is None or epoch != self._epoch:
            self._items = {}
        self._epoch = epoch
        self._used = {}

    def _find(self, key: Hashable) -> Optional[V]:
        found = self._used.get(key)
        return self._items.get(key) if found is None else found

    def _keep(self, key: Hashable, value: V) -> None:
        self._used[key] = value

    def finish(self) -> None:
        """End a build: keep only what it used, so memory follows the site, not the rebuilds."""
        self._items = self._used
        self._used = {}

    def __len__(self) -> int:
        return len(self._items)


class Memo(LastBuild[tuple[Any, tuple[object, ...]]]):
    """Rendered values by key for one epoch; ``get`` computes what the last build did not have.

    Each value is stored with the records its key refers to (see ``Key``).
    """

    def __init__(self) -> None:
        super().__init__()
        self.enabled = False
        self.hits = 0
        self.misses = 0

    def start(self, epoch: Optional[Hashable]) -> None:
        """Begin a build. ``None`` turns the memo off (and empties it); a new epoch empties it."""
        self.enabled = epoch is not None
        self._begin(epoch)
        self.hits = self.misses = 0

    def get(
        self,
        key: Callable[[Key], Hashable],
        compute: Callable[[], T],
        valid: Optional[Callable[[T], bool]] = None,
    ) -> T:
        """The value for the key ``key`` builds, from this build, the last one, or ``compute``.

        ``key`` is only called while the memo is on, so builds pay nothing for it; a key it
        cannot build means the value is computed and not kept. ``valid`` checks a kept value
        against what its key cannot hold (a listing's links against the current page URLs);
        a kept value it refuses is computed again.
        """
        if not self.enabled:
            return compute()
        builder = Key()
        try:
            k = key(builder)
        except Unkeyable:
            return compute()
        found = self._find(k)
        if found is not None and valid is not None and not valid(found[0]):
            found = None
        if found is not None:
            self.hits += 1
            value: T = found[0]
            self._keep(k, found)
        else:
            self.misses += 1
            value = compute()
            self._keep(k, (value, tuple(builder.keep)))
        return value

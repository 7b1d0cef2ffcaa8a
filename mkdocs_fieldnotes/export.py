"""The machine-readable export (``fieldnotes.json``): a versioned, sorted document."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping, Sequence
from typing import IO, Any, Callable, Optional

from . import __version__
from .facets import Facet
from .index import Term
from .model import ENTRY_FIELDS, Card, Entry
from .plan import Site
from .report import quote
from .revisit import Age, AgeRules, age_of

SCHEMA_VERSION = 1


def _iso(value: Any) -> Optional[str]:
    return value.isoformat() if value is not None else None


def card_record(card: Card, entry_url: str, age: Optional[Age] = None) -> dict[str, Any]:
    """One card as exported; ``age`` gives its ``staleness`` (``revisit.age_of``)."""
    return {
        "id": card.id,
        "url": f"{entry_url}#{card.id}",
        "title": card.title,
        "heading": card.heading,
        "source": card.source,
        "topic": card.topic,
        "tags": list(card.tags),
        "status": card.status,
        "link": card.link,
        "domain": card.domain,
        "date_commented": card.date_iso,
        "revisited": card.revisited_iso,
        "staleness": age.state if age is not None else None,
        "future_links": card.future,
        "threads": [{"text": t.text, "links": list(t.links)} for t in card.threads],
        "commentary": card.commentary,
        "kind": "block" if card.block else "heading",
        "line": card.line,
    }


def entry_record(entry: Entry, url: str, ages: Optional[AgeRules] = None) -> dict[str, Any]:
    """One entry as exported: its ``ENTRY_FIELDS``, then ``draft`` and its cards (drafts only
    reach the export in serve or when published); ``ages`` decide the cards' staleness."""
    record: dict[str, Any] = {"url": url, "source_path": entry.src_uri}
    for field in ENTRY_FIELDS:
        value = getattr(entry, field.attr)
        if field.kind == "date":
            value = _iso(value)
        elif field.kind == "names":
            value = list(value)
        record[field.attr] = value
    record["draft"] = entry.draft
    rules = ages or AgeRules()
    record["cards"] = [card_record(c, url, age_of(c, entry, rules)) for c in entry.cards]
    return record


def term_record(term: Term, url: Optional[str], urls: Mapping[str, str]) -> dict[str, Any]:
    """A tag, series or category as exported; ``urls`` maps entry paths to their URLs."""
    record: dict[str, Any] = {
        "name": term.name,
        "slug": term.slug,
        "url": url,
        "entries": [urls[e.src_uri] for e in term.entries if e.src_uri in urls],
        "card_count": term.card_count,
    }
    if term.kind == "tag":
        record["parent"] = term.parent.name if term.parent else None
        record["children"] = [child.name for child in term.children]
    if term.kind == "series":
        record["parts"] = record.pop("entries")
    return record


def facet_record(facet: Facet, url: Optional[str], urls: Mapping[str, str]) -> dict[str, Any]:
    """A source or topic as exported: its cards' URLs (newest first) and their entries'."""
    cards = [f"{urls[i.entry.src_uri]}#{i.card.id}" for i in facet.items if i.entry.src_uri in urls]
    entries = dict.fromkeys(urls[i.entry.src_uri] for i in facet.items if i.entry.src_uri in urls)
    return {
        "name": facet.name,
        "slug": facet.slug,
        "url": url,
        "card_count": facet.card_count,
        "entries": list(entries),
        "cards": cards,
    }


def document(
    site: Mapping[str, Any],
    entries: Sequence[dict[str, Any]],
    tags: Sequence[dict[str, Any]],
    series: Sequence[dict[str, Any]],
    categories: Sequence[dict[str, Any]],
    feeds: Sequence[dict[str, Any]] = (),
    sources: Sequence[dict[str, Any]] = (),
    topics: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The whole export document; ``feeds`` lists the feeds the build wrote, ``site["as_of"]``
    is the date the cards' ages count to (ISO 8601); ``sources`` and ``topics`` are the
    facets (``facet_record``)."""
    return {
        "version": SCHEMA_VERSION,
        "generator": site.get("generator"),
        "site": {"name": site.get("name"), "url": site.get("url")},
        "as_of": site.get("as_of"),
        "entries": sorted(entries, key=lambda e: (e["source_path"], e["url"])),
        "tags": list(tags),
        "series": list(series),
        "categories": list(categories),
        "sources": list(sources),
        "topics": list(topics),
        "feeds": list(feeds),
    }


def _term_url(site: Site, term: Term, urls: Mapping[str, str]) -> Optional[str]:
    page = site.page_of(term)
    return urls.get(page) if page is not None else None


def site_document(
    site: Site, urls: Mapping[str, str], name: Optional[str], url: Optional[str], generator: str
) -> dict[str, Any]:
    """The export of a whole site; ``urls`` maps docs paths to site-relative URLs."""
    ages = site.options.ages
    return document(
        {"name": name, "url": url, "generator": generator, "as_of": _iso(ages.today)},
        [entry_record(e, urls[e.src_uri], ages) for e in site.entries if e.src_uri in urls],
        [term_record(t, _term_url(site, t, urls), urls) for t in site.tags],
        [term_record(t, _term_url(site, t, urls), urls) for t in site.series],
        [term_record(t, _term_url(site, t, urls), urls) for t in site.categories],
        sources=[facet_record(f, urls.get(f.src_uri), urls) for f in site.sources],
        topics=[facet_record(f, urls.get(f.src_uri), urls) for f in site.topics],
    )


LISTS = ("entries", "tags", "series", "categories", "sources", "topics", "feeds")


def _dump(value: Any) -> str:
    # No indent: the stdlib's C encoder only runs without one (several times faster).
    return json.dumps(value, ensure_ascii=False)


def _record_text(record: Mapping[str, Any]) -> str:
    cards = record.get("cards")
    if not cards:
        return _dump(record)
    head = _dump({k: v for k, v in record.items() if k != "cards"})[:-1]
    lines = ",\n      ".join(_dump(card) for card in cards)
    return f'{head}, "cards": [\n      {lines}\n    ]}}'


def _write(fp: IO[str], doc: Mapping[str, Any]) -> None:
    """``doc``'s keys one per line; list items (entries, terms, cards) one per line.

    A list item that is already a string is taken as the text of its record.
    """
    fp.write("{\n")
    keys = list(doc)
    for i, key in enumerate(keys):
        fp.write(f"  {_dump(key)}: ")
        value = doc[key]
        if key in LISTS:
            first = True
            for record in value:
                fp.write("[\n    " if first else ",\n    ")
                fp.write(record if isinstance(record, str) else _record_text(record))
                first = False
            fp.write("[]" if first else "\n  ]")
        else:
            fp.write(_dump(value))
        fp.write(",\n" if i < len(keys) - 1 else "\n")
    fp.write("}\n")


def dumps(doc: Mapping[str, Any]) -> str:
    """Deterministic JSON text: fixed key order, UTF-8, one record per line, final newline."""
    buffer = io.StringIO()
    _write(buffer, doc)
    return buffer.getvalue()


EntryText = Callable[[Entry, str, Optional[AgeRules]], str]
"""Makes the text of an entry's record from the entry, its URL and the age rules."""


def entry_text(entry: Entry, url: str, ages: Optional[AgeRules] = None) -> str:
    """The text of an entry's record in the export (``entry_record``, one card per line)."""
    return _record_text(entry_record(entry, url, ages))


def write(
    fp: IO[str],
    site: Site,
    urls: Mapping[str, str],
    name: Optional[str],
    url: Optional[str],
    generator: str,
    feeds: Sequence[dict[str, Any]] = (),
    text_of: EntryText = entry_text,
) -> None:
    """Write the export of ``site`` to ``fp`` one record at a time (``feeds``: the records
    of the feeds the build writes, see ``feeds.export_records``; ``text_of`` makes each
    entry's text, or finds it made by the last build under ``--dirty``).

    The text is the same as ``dumps(site_document(...))``, without holding the whole
    document (tens of MB on large sites) in memory.
    """
    ages = site.options.ages
    head = {"name": name, "url": url, "generator": generator, "as_of": _iso(ages.today)}
    doc = document(head, [], [], [], [], feeds)
    # An entry another plugin took out of the site after fieldnotes read it has no URL.
    present = [e for e in site.entries if e.src_uri in urls]
    entries = sorted(present, key=lambda e: (e.src_uri, urls[e.src_uri]))
    doc["entries"] = (text_of(e, urls[e.src_uri], ages) for e in entries)
    for key, terms in (
        ("tags", site.tags),
        ("series", site.series),
        ("categories", site.categories),
    ):
        doc[key] = (term_record(t, _term_url(site, t, urls), urls) for t in terms)
    doc["sources"] = (facet_record(f, urls.get(f.src_uri), urls) for f in site.sources)
    doc["topics"] = (facet_record(f, urls.get(f.src_uri), urls) for f in site.topics)
    _write(fp, doc)


def unwritten(path: str, error: OSError) -> str:
    """The warning for an export that could not be written to ``path`` (in site_dir)."""
    reason = (error.strerror or type(error).__name__).lower()
    return (
        f"the export could not be written to {quote(path)}: {reason}. Remove what stands at "
        "that path in site_dir, or set the plugin's 'export_path' to a free name."
    )


def write_file(
    path: str,
    site: Site,
    urls: Mapping[str, str],
    name: Optional[str],
    url: Optional[str],
    feeds: Sequence[dict[str, Any]] = (),
    text_of: EntryText = entry_text,
) -> None:
    """Write the export of ``site`` to ``path`` (its folder is created)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fp:
        generator = f"mkdocs-fieldnotes {__version__}"
        write(fp, site, urls, name, url, generator, feeds, text_of)

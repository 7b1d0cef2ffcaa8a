"""The machine-readable export (``fieldnotes.json``): a versioned, sorted document."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import IO, Any, Optional

from .index import Term
from .model import Card, Entry
from .site import Site

SCHEMA_VERSION = 1


def _iso(value: Any) -> Optional[str]:
    return value.isoformat() if value is not None else None


def card_record(card: Card, entry_url: str) -> dict[str, Any]:
    """One card as exported."""
    return {
        "id": card.id,
        "url": f"{entry_url}#{card.id}",
        "title": card.title,
        "heading": card.heading,
        "source": card.source,
        "topic": card.topic,
        "link": card.link,
        "date_commented": _iso(card.date_commented),
        "future_links": card.future,
        "commentary": card.commentary,
        "line": card.line,
    }


def entry_record(entry: Entry, url: str) -> dict[str, Any]:
    """One entry as exported (drafts only reach the export in serve or when published)."""
    return {
        "url": url,
        "source_path": entry.src_uri,
        "title": entry.title,
        "date": _iso(entry.date),
        "lastmod": _iso(entry.lastmod),
        "summary": entry.summary,
        "description": entry.description,
        "category": entry.category,
        "series": list(entry.series),
        "series_order": entry.series_order,
        "tags": list(entry.tags),
        "status": entry.status,
        "draft": entry.draft,
        "authors": list(entry.authors),
        "hero": entry.hero,
        "image": entry.image,
        "cards": [card_record(card, url) for card in entry.cards],
    }


def term_record(term: Term, url: Optional[str], urls: Mapping[str, str]) -> dict[str, Any]:
    """A tag, series or category as exported; ``urls`` maps entry paths to their URLs."""
    record: dict[str, Any] = {
        "name": term.name,
        "slug": term.slug,
        "url": url,
        "entries": [urls[e.src_uri] for e in term.entries],
        "card_count": term.card_count,
    }
    if term.kind == "tag":
        record["parent"] = term.parent.name if term.parent else None
        record["children"] = [child.name for child in term.children]
    if term.kind == "series":
        record["parts"] = record.pop("entries")
    return record


def document(
    site: Mapping[str, Any],
    entries: Sequence[dict[str, Any]],
    tags: Sequence[dict[str, Any]],
    series: Sequence[dict[str, Any]],
    categories: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """The whole export document."""
    return {
        "version": SCHEMA_VERSION,
        "generator": site.get("generator"),
        "site": {"name": site.get("name"), "url": site.get("url")},
        "entries": sorted(entries, key=lambda e: (e["source_path"], e["url"])),
        "tags": list(tags),
        "series": list(series),
        "categories": list(categories),
    }


def site_document(
    site: Site, urls: Mapping[str, str], name: Optional[str], url: Optional[str], generator: str
) -> dict[str, Any]:
    """The export of a whole site; ``urls`` maps docs paths to site-relative URLs."""
    return document(
        {"name": name, "url": url, "generator": generator},
        [entry_record(e, urls[e.src_uri]) for e in site.entries],
        [term_record(t, urls.get(t.src_uri), urls) for t in site.tags],
        [term_record(t, urls.get(t.src_uri), urls) for t in site.series],
        [term_record(t, urls.get(t.src_uri), urls) for t in site.categories],
    )


def dumps(doc: Mapping[str, Any]) -> str:
    """Deterministic JSON text (stable key order, UTF-8, trailing newline)."""
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write(
    fp: IO[str],
    site: Site,
    urls: Mapping[str, str],
    name: Optional[str],
    url: Optional[str],
    generator: str,
) -> None:
    """Write the export of ``site`` to ``fp`` one entry at a time.

    The text is the same as ``dumps(site_document(...))``, without holding the whole
    document (tens of MB on large sites) in memory.
    """
    empty = {"name": name, "url": url, "generator": generator}
    head = document(empty, [], [], [], [])
    fp.write("{\n")
    keys = list(head)
    for i, key in enumerate(keys):
        fp.write(f"  {json.dumps(key)}: ")
        if key == "entries":
            records = (entry_record(e, urls[e.src_uri]) for e in site.entries)
        elif key in ("tags", "series", "categories"):
            terms = {"tags": site.tags, "series": site.series, "categories": site.categories}
            records = (term_record(t, urls.get(t.src_uri), urls) for t in terms[key])
        else:
            text = json.dumps(head[key], ensure_ascii=False, indent=2)
            fp.write(text.replace("\n", "\n  "))
            fp.write(",\n" if i < len(keys) - 1 else "\n")
            continue
        first = True
        for record in records:
            fp.write("[\n    " if first else ",\n    ")
            text = json.dumps(record, ensure_ascii=False, indent=2)
            fp.write(text.replace("\n", "\n    "))
            first = False
        fp.write("[]" if first else "\n  ]")
        fp.write(",\n" if i < len(keys) - 1 else "\n")
    fp.write("}\n")

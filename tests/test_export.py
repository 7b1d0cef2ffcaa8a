"""The machine-readable export: records, the document and its JSON text (no build)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from mkdocs_fieldnotes import export
from mkdocs_fieldnotes.i18n import words
from mkdocs_fieldnotes.index import build_categories, build_series, build_tags
from mkdocs_fieldnotes.model import Card, Entry
from mkdocs_fieldnotes.plan import PageOptions
from mkdocs_fieldnotes.plan import plan_site as build_site

D = dt.date

CARD = Card(
    id="café-notes",
    heading="Café notes (Src) — topic",
    title="Café notes",
    source="Src",
    topic="topic",
    link="https://example.org/a",
    link_text="[a](https://example.org/a)",
    date_commented=D(2025, 12, 14),
    date_text="14 Dec 2025",
    future="later; maybe",
    future_label="Possible links I may attach in the future",
    commentary="First “quoted” sentence.\n\nSecond paragraph.",
    line=24,
)
UNDATED = Card(
    id="bare",
    heading="Bare",
    title="Bare",
    source=None,
    topic=None,
    link=None,
    link_text="javascript:alert(1)",
    date_commented=None,
    date_text=None,
    future=None,
    future_label=None,
    commentary="",
    line=40,
)
ENTRY = Entry(
    "notes/a.md",
    title="Notes",
    date=D(2025, 12, 14),
    lastmod=D(2025, 12, 15),
    summary="Sum",
    description="Desc",
    category="Blog",
    series=("Research Notes",),
    series_order=2,
    tags=("LLMs/RLHF", "Systems"),
    status="draft",
    authors=("Ann", "Bob"),
    hero="/h.png",
    image="/i.png",
    draft=True,
    cards=(CARD, UNDATED),
)
URLS = {"notes/a.md": "notes/a/", "notes/b.md": "notes/b/"}


def test_card_record() -> None:
    assert export.card_record(CARD, "notes/a/") == {
        "id": "café-notes",
        "url": "notes/a/#café-notes",
        "title": "Café notes",
        "heading": "Café notes (Src) — topic",
        "source": "Src",
        "topic": "topic",
        "tags": [],
        "status": None,
        "link": "https://example.org/a",
        "domain": None,  # a card built by hand: the parser reads the domain
        "date_commented": "2025-12-14",
        "revisited": None,
        "staleness": None,  # no age given (test_revisit.py tests the export of ages)
        "future_links": "later; maybe",
        "threads": [],  # a card built by hand: the parser splits threads (test_revisit.py)
        "commentary": "First “quoted” sentence.\n\nSecond paragraph.",
        "kind": "heading",
        "line": 24,
    }


def test_card_record_of_a_card_without_link_or_date() -> None:
    record = export.card_record(UNDATED, "notes/a/")
    assert record["link"] is None  # a refused link never reaches the export as a link
    assert record["date_commented"] is None
    assert record["future_links"] is None
    assert record["url"] == "notes/a/#bare"


def test_entry_record() -> None:
    record = export.entry_record(ENTRY, "notes/a/")
    cards = record.pop("cards")
    assert record == {
        "url": "notes/a/",
        "source_path": "notes/a.md",
        "title": "Notes",
        "date": "2025-12-14",
        "lastmod": "2025-12-15",
        "summary": "Sum",
        "description": "Desc",
        "category": "Blog",
        "series": ["Research Notes"],
        "series_order": 2,
        "tags": ["LLMs/RLHF", "Systems"],
        "status": "draft",
        "draft": True,
        "authors": ["Ann", "Bob"],
        "hero": "/h.png",
        "image": "/i.png",
    }
    assert [c["id"] for c in cards] == ["café-notes", "bare"]
    assert [c["url"] for c in cards] == ["notes/a/#café-notes", "notes/a/#bare"]


def test_entry_record_of_a_minimal_entry() -> None:
    record = export.entry_record(Entry("b.md"), "b/")
    assert record["title"] is None
    assert record["date"] is None
    assert record["series"] == []
    assert record["tags"] == []
    assert record["authors"] == []
    assert record["draft"] is False
    assert record["cards"] == []


def test_entry_record_is_json_ready() -> None:
    record = export.entry_record(ENTRY, "notes/a/")
    assert json.loads(json.dumps(record)) == record


def test_term_records() -> None:
    other = Entry("notes/b.md", date=D(2026, 1, 1), tags=("llms",), series=("Research Notes",))
    entries = [ENTRY, other]
    tags = {t.key: t for t in build_tags(entries, "tags")}
    assert export.term_record(tags["llms"], "tags/llms/", URLS) == {
        "name": "LLMs",
        "slug": "llms",
        "url": "tags/llms/",
        "entries": ["notes/b/", "notes/a/"],
        "card_count": 2,
        "parent": None,
        "children": ["LLMs/RLHF"],
    }
    assert export.term_record(tags["llms/rlhf"], None, URLS) == {
        "name": "LLMs/RLHF",
        "slug": "llms/rlhf",
        "url": None,
        "entries": ["notes/a/"],
        "card_count": 2,
        "parent": "LLMs",
        "children": [],
    }
    (series,) = build_series(entries, "series")
    assert export.term_record(series, "series/research-notes/", URLS) == {
        "name": "Research Notes",
        "slug": "research-notes",
        "url": "series/research-notes/",
        "card_count": 2,
        "parts": ["notes/a/", "notes/b/"],  # series_order 2 before an unordered part
    }
    (category,) = build_categories(entries, "categories")
    assert export.term_record(category, "categories/blog/", URLS) == {
        "name": "Blog",
        "slug": "blog",
        "url": "categories/blog/",
        "entries": ["notes/a/"],
        "card_count": 2,
    }


SITE = {"generator": "mkdocs-fieldnotes 1.0", "name": "My notes", "url": "https://x.org/"}


def test_document_shape_and_entry_order() -> None:
    entries = [
        {"source_path": "b.md", "url": "b/"},
        {"source_path": "a.md", "url": "a2/"},
        {"source_path": "a.md", "url": "a1/"},
    ]
    doc = export.document({**SITE, "other": "ignored"}, entries, [{"t": 1}], [{"s": 1}], [])
    assert list(doc) == [
        "version",
        "generator",
        "site",
        "as_of",
        "entries",
        "tags",
        "series",
        "categories",
        "sources",
        "topics",
        "feeds",
    ]
    assert doc["version"] == export.SCHEMA_VERSION == 1
    assert doc["generator"] == "mkdocs-fieldnotes 1.0"
    assert doc["site"] == {"name": "My notes", "url": "https://x.org/"}
    assert doc["as_of"] is None  # SITE gives no reference date
    assert [e["url"] for e in doc["entries"]] == ["a1/", "a2/", "b/"]
    assert doc["tags"] == [{"t": 1}]
    assert doc["series"] == [{"s": 1}]
    assert doc["categories"] == []
    assert doc["feeds"] == []


def test_document_with_missing_site_values() -> None:
    doc = export.document({}, [], [], [], [])
    assert doc["generator"] is None
    assert doc["site"] == {"name": None, "url": None}


def full_document(order: int) -> dict[str, object]:
    other = Entry("notes/b.md", title="B", date=D(2026, 1, 1), tags=("Systems",))
    entries = [ENTRY, other] if order == 0 else [other, ENTRY]
    records = [export.entry_record(e, URLS[e.src_uri]) for e in entries]
    tags = [export.term_record(t, t.src_uri, URLS) for t in build_tags(entries, "tags")]
    series = [export.term_record(t, t.src_uri, URLS) for t in build_series(entries, "series")]
    categories = [
        export.term_record(t, t.src_uri, URLS) for t in build_categories(entries, "categories")
    ]
    return export.document(SITE, records, tags, series, categories)


def test_dumps_is_deterministic_and_independent_of_entry_order() -> None:
    first = export.dumps(full_document(0))
    assert first == export.dumps(full_document(0))
    assert first == export.dumps(full_document(1))


def test_dumps_text() -> None:
    text = export.dumps(full_document(0))
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert "café-notes" in text  # UTF-8, not \\u escapes
    assert "\\u" not in text
    assert text.startswith('{\n  "version": 1,\n  "generator": "mkdocs-fieldnotes 1.0",\n')
    assert json.loads(text) == full_document(0)


@pytest.mark.parametrize("value", ["</script>", "a\u2028b", "\x00", "“quotes”"])
def test_dumps_round_trips_odd_text(value: str) -> None:
    doc = export.document({"name": value}, [], [], [], [])
    assert json.loads(export.dumps(doc))["site"]["name"] == value


def test_streamed_export_is_the_document_text() -> None:
    """``write`` streams record by record; its bytes are those of ``dumps(site_document())``."""
    other = Entry("notes/b.md", title="B", date=D(2026, 1, 1), tags=("Systems",))
    site = build_site([other, ENTRY], PageOptions(), words("en"))
    urls = {**URLS, **{t.src_uri: f"{t.src_uri[:-3]}/" for t in site.tags + site.series}}
    buffer = io.StringIO()
    export.write(buffer, site, urls, "My notes", "https://x.org/", "mkdocs-fieldnotes 1.0")
    expected = export.site_document(
        site, urls, "My notes", "https://x.org/", "mkdocs-fieldnotes 1.0"
    )
    assert buffer.getvalue() == export.dumps(expected)
    assert json.loads(buffer.getvalue())["entries"][0]["cards"]  # notes/a.md has cards

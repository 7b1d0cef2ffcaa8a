"""The serve memo: exact keys, and rebuilds that give the same bytes as a clean build."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_fieldnotes.index import Group, Term, TimelineItem
from mkdocs_fieldnotes.memo import Key, Memo, Unkeyable
from mkdocs_fieldnotes.model import Card, Entry
from mkdocs_fieldnotes.pages import PageOptions
from mkdocs_fieldnotes.plugin import FieldnotesPlugin


def make_card(title: str = "A paper", day: int = 1) -> Card:
    return Card(
        id="a-paper",
        heading=title,
        title=title,
        source=None,
        topic=None,
        link="https://example.org/",
        link_text="https://example.org/",
        date_commented=dt.date(2025, 1, day),
        date_text=f"2025-01-{day:02d}",
        future=None,
        future_label=None,
        commentary="Text.",
        line=3,
    )


# -- keys ---------------------------------------------------------------------------------


def of(value: Any, **kwargs: Any) -> Any:
    return Key().of(value, **kwargs)


def test_records_are_keyed_by_identity_and_kept_alive() -> None:
    a, b = make_card(), make_card()
    assert a == b  # equal records...
    key = Key()
    assert key.of([a]) == key.of([a])
    assert key.of([a]) != key.of([b])  # ...are different keys: only the same parsed object
    assert key.keep == [a, a, a, b]  # the memo stores these with the value: ids stay taken


def test_keys_tell_apart_what_renders_differently() -> None:
    assert of({"n": 1}) != of({"n": True})
    assert of({"n": 1}) != of({"n": 1.0})
    assert of({"n": "1"}) != of({"n": 1})
    assert of({"n": None}) != of({"n": "None"})
    assert of(dt.date(2025, 1, 1)) != of(dt.datetime(2025, 1, 1))
    assert of(["a", "b"]) != of(["b", "a"])
    assert of({"a": 1, "b": 2}) == of({"a": 1, "b": 2})
    card = make_card()
    entry_a = Entry("a.md", cards=(card,))
    item = TimelineItem(card, entry_a)
    assert of([item]) == of([TimelineItem(card, entry_a)])
    assert of([item]) != of([TimelineItem(card, Entry("a.md", cards=(card,)))])
    assert of(Group(2025, 1, [item])) != of(Group(2025, 2, [item]))
    assert of(PageOptions()) != of(PageOptions(timeline=None))


def test_keys_of_terms_deep_and_shallow() -> None:
    one, two = Entry("a.md"), Entry("b.md")
    term = Term("tag", "x", "X", "X", "x", "tags/x.md", [one])
    more = Term("tag", "x", "X", "X", "x", "tags/x.md", [one, two])
    renamed = Term("tag", "x", "x!", "x!", "x", "tags/x.md", [one])
    # A listing shows a term's entries; the entry header shows only its name and page.
    assert of(term) != of(more)
    assert of(term, deep_terms=False) == of(more, deep_terms=False)
    assert of(term, deep_terms=False) != of(renamed, deep_terms=False)
    parent = Term("tag", "p", "P", "P", "p", "tags/p.md", [one], children=[term])
    term.parent = parent
    other_child = Term("tag", "x", "X", "X", "x", "tags/x.md", [two], parent=parent)
    bigger = Term("tag", "p", "P", "P", "p", "tags/p.md", [one], children=[other_child])
    assert of(parent) != of(bigger)  # sub-terms are part of a listing
    of(term)  # a parent link does not recurse forever


def test_unknown_types_are_not_keys() -> None:
    with pytest.raises(Unkeyable, match="no memo key for object"):
        of({"x": object()})


# -- Memo ---------------------------------------------------------------------------------


def test_memo_off_computes_every_time() -> None:
    memo, calls = Memo(), []
    memo.start(None)
    for _ in range(2):
        assert memo.get(lambda key: "k", lambda: calls.append(1) or "v") == "v"
    assert len(calls) == 2 and len(memo) == 0


def test_memo_keeps_what_the_last_build_used() -> None:
    memo, calls = Memo(), []

    def value(name: str) -> str:
        calls.append(name)
        return name.upper()

    memo.start("epoch")
    assert memo.get(lambda key: "a", lambda: value("a")) == "A"
    assert memo.get(lambda key: "b", lambda: value("b")) == "B"
    memo.finish()
    memo.start("epoch")
    assert memo.get(lambda key: "a", lambda: value("a")) == "A"  # kept
    assert (memo.hits, memo.misses) == (1, 0)
    memo.finish()  # "b" was not used by this build: dropped
    assert len(memo) == 1
    memo.start("epoch")
    memo.get(lambda key: "b", lambda: value("b"))
    assert calls == ["a", "b", "b"]
    memo.finish()
    memo.start("other epoch")  # e.g. another locale or a page added: nothing is reused
    memo.get(lambda key: "b", lambda: value("b"))
    assert calls == ["a", "b", "b", "b"]


def test_memo_keeps_the_records_of_its_keys() -> None:
    memo = Memo()
    memo.start("epoch")
    card = make_card()
    memo.get(lambda key: ("meta", key.ref(card)), lambda: "html")
    memo.finish()
    ((value, keep),) = memo._items.values()
    assert value == "html" and keep == (card,) and keep[0] is card


def test_memo_computes_again_what_its_check_refuses() -> None:
    memo, calls = Memo(), []

    def compute() -> tuple[str, int]:
        calls.append(1)
        return ("html", len(calls))

    memo.start("epoch")
    memo.get(lambda key: "k", compute)
    memo.finish()
    memo.start("epoch")
    assert memo.get(lambda key: "k", compute, valid=lambda kept: kept[1] == 1) == ("html", 1)
    memo.finish()
    memo.start("epoch")  # e.g. a page the listing links to has a new URL
    assert memo.get(lambda key: "k", compute, valid=lambda kept: False) == ("html", 2)
    assert (memo.hits, memo.misses) == (0, 1)
    memo.finish()
    memo.start("epoch")
    assert memo.get(lambda key: "k", compute) == ("html", 2)  # the new value was kept


def test_memo_computes_but_does_not_keep_an_unkeyable_value() -> None:
    memo = Memo()
    memo.start("epoch")
    assert memo.get(lambda key: key.of(object()), lambda: "v") == "v"
    memo.finish()
    assert len(memo) == 0


# -- rebuilds under serve give the bytes of a clean build ---------------------------------

ENTRY = """\
---
title: '{title}'
date: 2025-0{month}-01
category: {category}
tags: [{tags}]
series: {series}
---

{cards}
"""

CARD = """\
### {title} (Source) — topic

Link: https://example.org/{slug}

Date commented: 2025-0{month}-{day:02d}

Commentary on {title}. Second sentence.

"""

REMOVER = """
import os

from mkdocs.plugins import event_priority


@event_priority(-100)  # after fieldnotes has read the pages: listings still link to them
def on_files(files, config):
    files.remove(files.get_file_from_path("notes/gone.md"))
    if files.get_file_from_path("move-b.txt"):  # a plugin that gives B another URL
        b = files.get_file_from_path("notes/b.md")
        b.dest_uri, b.url = "moved/b/index.html", "moved/b/"
        b.abs_dest_path = os.path.join(b.dest_dir, "moved", "b", "index.html")
    return files
"""


def card(title: str, month: int = 3, day: int = 1) -> str:
    slug = title.lower().replace(" ", "-")
    return CARD.format(title=title, slug=slug, month=month, day=day)


def entry(
    title: str,
    *cards: str,
    tags: str = "Alpha",
    series: str = "S1",
    month: int = 3,
    category: str = "Papers",
) -> str:
    return ENTRY.format(
        title=title,
        tags=tags,
        series=series,
        cards="".join(cards),
        month=month,
        category=category,
    )


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def fresh_plugins() -> Iterator[None]:
    """A clean build: MkDocs keeps plugin instances across loads (that is how serve keeps
    them); hide them so this build gets new ones."""
    option: Any = MkDocsConfig.plugins
    saved, option.plugin_cache = option.plugin_cache, {}
    try:
        yield
    finally:
        option.plugin_cache = saved


def build(
    root: Path, site_dir: Path, command: str, *, dirty: bool = False
) -> tuple[list[str], FieldnotesPlugin]:
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
        cfg.plugins.on_startup(command=command, dirty=dirty)  # type: ignore[arg-type]
        try:
            mkdocs_build.build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        logger.removeHandler(collector)
    plugin = cfg.plugins["fieldnotes"]
    assert isinstance(plugin, FieldnotesPlugin)
    return sorted(collector.messages), plugin


def output(site_dir: Path) -> dict[str, bytes]:
    """Every page and JSON file (sitemaps hold the build date)."""
    return {
        str(p.relative_to(site_dir)): p.read_bytes()
        for p in sorted(site_dir.rglob("*"))
        if p.suffix in (".html", ".json")
    }


def test_serve_rebuilds_match_clean_builds(tmp_path: Path) -> None:
    """After each edit, a rebuild that reuses the memo writes exactly what a clean build
    writes, warnings included; an unchanged rebuild renders nothing again."""
    root = tmp_path / "site"
    docs = root / "docs"
    (docs / "notes").mkdir(parents=True)
    (root / "remover.py").write_text(REMOVER, "utf-8")
    config = {
        "site_name": "Memo",
        "theme": {"name": "material"},
        "markdown_extensions": [{"toc": {"permalink": True}}],
        "plugins": ["search", {"fieldnotes": {"timeline_page_size": 10, "tags_cards_limit": 2}}],
        "hooks": [str(root / "remover.py")],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    files = {
        "index.md": "# Home\n",
        "notes/a.md": entry(
            "Entry A", *(card(f"A{n}", day=n) for n in range(1, 7)), tags="Alpha, Beta/Sub"
        ),
        "notes/b.md": entry(
            "Entry B", card("Three", month=4), card("B2", month=4), month=4, tags="Beta"
        ),
        "notes/c.md": entry(
            "Entry C", card("Four", month=5), card("C2", month=5, day=9), month=5, series="S1"
        ),
        "notes/d.md": entry("Entry D", card("Five", month=6), month=6, tags="Gamma", series="S2"),
        "notes/gone.md": entry("Gone", card("Six", month=7), month=7, tags="Alpha"),
    }
    edits: list[tuple[str, dict[str, Any]]] = [
        ("nothing changed", {}),
        ("commentary of B", {"notes/b.md": files["notes/b.md"].replace("Second", "Other")}),
        (
            "title of C (in A's series box)",
            {"notes/c.md": files["notes/c.md"].replace("Entry C", "Entry C renamed")},
        ),
        (
            "tag spelling on B (chips of A)",
            {
                "notes/b.md": entry(
                    "Entry B", card("Three", month=4), card("B2", month=4), month=4, tags="BETA"
                )
            },
        ),
        (
            "card added to D",
            {
                "notes/d.md": entry(
                    "Entry D",
                    card("Five", month=6),
                    card("Seven", month=6, day=9),
                    month=6,
                    tags="Gamma",
                    series="S2",
                )
            },
        ),
        (
            "card in a new month",
            {
                "notes/d.md": entry(
                    "Entry D",
                    card("Five", month=6),
                    card("Seven", month=1),
                    month=6,
                    tags="Gamma",
                    series="S2",
                )
            },
        ),
        ("new entry", {"notes/e.md": entry("Entry E", card("Eight", month=2), tags="Alpha")}),
        ("another plugin gives B a new URL", {"move-b.txt": "x"}),
        ("entry deleted", {"notes/a.md": None}),
        ("nothing changed again", {}),
    ]
    for path, text in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, "utf-8")

    serve_dir, clean_dir = tmp_path / "serve", tmp_path / "clean"
    _, plugin = build(root, serve_dir, "serve")
    for name, change in edits:
        for path, text in change.items():
            if text is None:
                (docs / path).unlink()
            else:
                (docs / path).write_text(text, "utf-8")
        warnings, again = build(root, serve_dir, "serve")
        assert again is plugin, "MkDocs did not keep the plugin across rebuilds"
        hits, misses = plugin.memo.hits, plugin.memo.misses
        shutil.rmtree(clean_dir, ignore_errors=True)
        with fresh_plugins():
            clean_warnings, clean_plugin = build(root, clean_dir, "serve")
        assert clean_plugin is not plugin and clean_plugin.memo.hits == 0
        assert warnings == clean_warnings, name
        assert any("which another plugin removed" in w for w in warnings), name
        served, clean = output(serve_dir), output(clean_dir)
        assert sorted(served) == sorted(clean), name
        for page in clean:
            assert served[page] == clean[page], f"{name}: {page} differs from a clean build"
        if name.startswith("nothing changed"):
            assert misses == 0 and hits > 20, (name, hits, misses)
        else:  # pages added or removed too: what does not show them is reused
            assert hits > 0 and misses > 0, (name, hits, misses)
        shutil.rmtree(serve_dir)  # as serve does not: stale files would hide a missing page


def test_memo_is_off_for_builds_and_custom_templates(tmp_path: Path) -> None:
    root = tmp_path / "site"
    docs = root / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "notes" / "a.md").write_text(entry("Entry A", card("One")), "utf-8")
    overrides = root / "overrides" / "fieldnotes" / "partials"
    overrides.mkdir(parents=True)
    config = {
        "site_name": "Memo",
        "theme": {"name": "material"},
        "plugins": ["search", "fieldnotes"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    with fresh_plugins():
        for _ in range(2):
            _, plugin = build(root, tmp_path / "out", "build")
            assert not plugin.memo.enabled and len(plugin.memo) == 0
    # A custom_dir copy of any fieldnotes template turns the memo off under serve too.
    (overrides / "pager.html").write_text("{# mine #}", "utf-8")
    config["theme"] = {"name": "material", "custom_dir": "overrides"}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    with fresh_plugins():
        for _ in range(2):
            _, plugin = build(root, tmp_path / "out", "serve")
            assert not plugin.memo.enabled and len(plugin.memo) == 0

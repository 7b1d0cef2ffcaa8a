"""Serve rebuilds: each one writes what a clean build of the same sources writes.

Also the helpers ``test_dirty.py`` uses: site sources (``entry``, ``card``), ``build`` (one
MkDocs build the way the CLI runs it) and ``output`` (the pages and JSON of a site).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from conftest import THEME_GET_ENV
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme

from mkdocs_fieldnotes.plugin import FieldnotesPlugin
from mkdocs_fieldnotes.render import CompiledTemplates

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
    """After each edit, a serve rebuild (same plugin instance, parse cache kept) writes
    exactly what a clean build writes, warnings included."""
    root = tmp_path / "site"
    docs = root / "docs"
    (docs / "notes").mkdir(parents=True)
    (root / "remover.py").write_text(REMOVER, "utf-8")
    config = {
        "site_name": "Memo",
        "theme": {"name": "material"},
        "markdown_extensions": [{"toc": {"permalink": True}}],
        "plugins": ["search", {"fieldnotes": {"listings_page_size": 10, "tags_cards_limit": 2}}],
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
        shutil.rmtree(clean_dir, ignore_errors=True)
        with fresh_plugins():
            clean_warnings, clean_plugin = build(root, clean_dir, "serve")
        assert clean_plugin is not plugin
        assert warnings == clean_warnings, name
        assert any("which another plugin removed" in w for w in warnings), name
        served, clean = output(serve_dir), output(clean_dir)
        assert sorted(served) == sorted(clean), name
        for page in clean:
            assert served[page] == clean[page], f"{name}: {page} differs from a clean build"
        shutil.rmtree(serve_dir)  # as serve does not: stale files would hide a missing page


def _theme_site(root: Path) -> None:
    (root / "docs" / "notes").mkdir(parents=True)
    config = {"site_name": "Kept", "theme": {"name": "material"}, "plugins": ["fieldnotes"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (root / "docs" / "notes" / "a.md").write_text(entry("Entry A", card("A1")), "utf-8")


def test_serve_keeps_the_themes_compiled_templates_across_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under serve, the theme's environment gets the plugin's cache of compiled templates: a
    rebuild compiles neither Material's templates nor the plugin's again, and writes the same
    site. A build does not get it, and a cache another plugin set is left in place."""
    monkeypatch.setattr(Theme, "get_env", THEME_GET_ENV)  # the suite's own cache off
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: Any = None, *args: Any) -> Any:
        compiled.append(str(name))
        return compile_(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    caches: list[Any] = []
    on_env = FieldnotesPlugin.on_env

    def seen(self: FieldnotesPlugin, env: jinja2.Environment, **kwargs: Any) -> Any:
        result = on_env(self, env, **kwargs)
        caches.append(env.bytecode_cache)
        return result

    monkeypatch.setattr(FieldnotesPlugin, "on_env", seen)
    root, site = tmp_path / "site", tmp_path / "out"
    _theme_site(root)
    with fresh_plugins():
        _, plugin = build(root, site, "serve")
        first, pages = list(compiled), output(site)
        del compiled[:]
        _, again = build(root, site, "serve")
    assert again is plugin and caches == [plugin.compiled, plugin.compiled]
    assert plugin.renderer.env.bytecode_cache is plugin.compiled  # the plugin's own templates
    assert {"main.html", "base.html", "fieldnotes/card.html"} <= set(first)
    # Nothing loaded from a file is compiled again: only the one-line loop the plugin makes
    # from a string (render.Renderer.cards), which no bytecode cache sees.
    assert compiled == ["None"]
    assert output(site) == pages
    # A build compiles once anyway: the environment is left as MkDocs made it.
    with fresh_plugins():
        _, built = build(root, tmp_path / "built", "build")
    assert caches[-1] is None and built.renderer.env.bytecode_cache is None
    # Another plugin's cache (here the one this suite installs) stays.
    other = CompiledTemplates()

    def get_env(theme: Theme) -> jinja2.Environment:
        env = THEME_GET_ENV(theme)
        env.bytecode_cache = other
        return env

    monkeypatch.setattr(Theme, "get_env", get_env)
    with fresh_plugins():
        build(root, tmp_path / "other", "serve")
    assert caches[-1] is other

"""`mkdocs serve --dirty`: listing pages are rebuilt when their listing changed, and only then.

Each rebuild here is compared with a clean build of the same sources. Before a rebuild every
page written so far gets a marker comment appended; a page that still ends with it was left
alone by the rebuild, a page without it was written again.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import tree_digest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel
from test_index import card as bare_card
from test_rebuilds import build, card, entry, fresh_plugins, output

from mkdocs_fieldnotes import feeds
from mkdocs_fieldnotes.dirty import DirtyOutputs, GeneratedFile, Inputs
from mkdocs_fieldnotes.index import Term
from mkdocs_fieldnotes.model import Entry

KEPT = "\n<!--kept by the dirty rebuild-->"
LISTING_DIRS = ("tags/", "series/", "categories/", "timeline/")
HOSTED_TAGS = "# My tags\n\nIntro.\n\n<!-- fieldnotes:listing -->\n"
DIRTY_WARNING = "A 'dirty' build is being performed"


def mark_all(site_dir: Path) -> None:
    """Append KEPT to every page that does not end with it yet."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text("utf-8")
        if not text.endswith(KEPT):
            page.write_text(text + KEPT, "utf-8")


def rewritten(site_dir: Path) -> set[str]:
    """Pages the last rebuild wrote."""
    return {
        str(page.relative_to(site_dir))
        for page in site_dir.rglob("*.html")
        if not page.read_text("utf-8").endswith(KEPT)
    }


def edit(path: Path, text: str) -> None:
    """Write ``text`` and date it after every output, as an editor's save would be."""
    path.write_text(text, "utf-8")
    later = time.time() + 60
    os.utime(path, (later, later))


def listing_pages(pages: dict[str, bytes]) -> set[str]:
    return {p for p in pages if p.startswith(LISTING_DIRS) and p.endswith(".html")}


def make_site(root: Path) -> Path:
    docs = root / "docs"
    files = {
        "index.md": "# Home\n",
        "tags/index.md": HOSTED_TAGS,
        "notes/a.md": entry("Entry A", card("A1"), tags="Alpha, Beta", series="S1"),
        "notes/b.md": entry(
            "Entry B", card("B1", month=4), month=4, tags="Gamma", series="S2", category="Talks"
        ),
        "notes/c.md": entry("Entry C", card("C1", month=5), month=5, tags="Alpha", series="S1"),
    }
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, "utf-8")
    config = {
        "site_name": "Dirty",
        "theme": {"name": "material"},
        "plugins": ["search", "fieldnotes"],
        # Entries out of the nav: a renamed entry would change the nav of every page, and
        # --dirty leaves the nav of unedited pages as it was (MkDocs' rule, not the plugin's).
        "not_in_nav": "/notes/**",
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return docs


def clean_output(root: Path, site_dir: Path) -> dict[str, bytes]:
    shutil.rmtree(site_dir, ignore_errors=True)
    with fresh_plugins():
        warnings, _ = build(root, site_dir, "serve")
    assert warnings == []
    return output(site_dir)


def without_marker(pages: dict[str, bytes]) -> dict[str, bytes]:
    marker = KEPT.encode()
    return {p: b.removesuffix(marker) for p, b in pages.items()}


def content(page: bytes) -> str:
    """The page's title and content. The navigation is left out: in a --dirty rebuild MkDocs
    does not read unedited pages, so their nav titles are missing from every page it writes."""
    soup = BeautifulSoup(page.decode("utf-8"), "html.parser")
    title, main = soup.find("title"), soup.find("div", class_="md-content")
    assert title is not None and main is not None
    return f"{title}{main}"


def test_serve_dirty_rebuilds_the_listings_an_edit_changed(tmp_path: Path) -> None:
    root = tmp_path / "site"
    docs = make_site(root)
    served_dir = tmp_path / "served"
    with fresh_plugins():
        warnings, plugin = build(root, served_dir, "serve", dirty=True)
        assert [w for w in warnings if DIRTY_WARNING not in w] == []
        first = output(served_dir)
        assert first == clean_output(root, tmp_path / "clean")
        pages = listing_pages(first)
        assert {"tags/index.html", "tags/gamma/index.html", "series/s2/index.html"} <= pages

        # A new title and a new tag for A.
        mark_all(served_dir)
        edit(
            docs / "notes/a.md",
            entry("Entry A renamed", card("A1"), tags="Alpha, Beta, Delta", series="S1"),
        )
        sources = tree_digest(docs)
        warnings, again = build(root, served_dir, "serve", dirty=True)
        assert tree_digest(docs) == sources  # the hosting page's output goes, never its source
        assert again is plugin, "MkDocs did not keep the plugin across rebuilds"
        assert [w for w in warnings if DIRTY_WARNING not in w] == []
        written = rewritten(served_dir)
        served = without_marker(output(served_dir))
        clean = clean_output(root, tmp_path / "clean")
        # Every listing page shows what a clean build shows, whether rebuilt or kept.
        assert listing_pages(served) == listing_pages(clean)
        for page in listing_pages(clean):
            assert content(served[page]) == content(clean[page]), f"{page}: not a clean build's"
        assert served["fieldnotes.json"] == clean["fieldnotes.json"]
        assert content(served["notes/a/index.html"]) == content(clean["notes/a/index.html"])
        rebuilt = written & listing_pages(clean)
        # Listings that show A: its tags (Delta's page is new), its series, the tag index
        # (a page of docs_dir whose source did not change) and the timeline.
        assert {
            "tags/index.html",
            "tags/alpha/index.html",
            "tags/beta/index.html",
            "tags/delta/index.html",
            "series/s1/index.html",
            "timeline/index.html",
        } <= rebuilt
        # Listings that do not show A were left alone.
        assert (
            not {
                "tags/gamma/index.html",
                "series/s2/index.html",
                "categories/talks/index.html",
            }
            & rebuilt
        )
        assert len(rebuilt) < len(listing_pages(clean))

        # Nothing changed: no listing page is written again.
        mark_all(served_dir)
        warnings, _ = build(root, served_dir, "serve", dirty=True)
        assert [w for w in warnings if DIRTY_WARNING not in w] == []
        assert rewritten(served_dir) & listing_pages(clean) == set()

        # Removing the hosting page's output by hand: it is written again.
        (served_dir / "tags/index.html").unlink()
        mark_all(served_dir)
        build(root, served_dir, "serve", dirty=True)
        assert rewritten(served_dir) & listing_pages(clean) == {"tags/index.html"}
        hosted = without_marker(output(served_dir))["tags/index.html"]
        assert content(hosted) == content(clean["tags/index.html"])


def test_serve_dirty_reads_only_the_pages_an_edit_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As MkDocs' own --dirty, the plugin does not read a page whose file has the time and
    size it had in the last build; the edited page is read and shows its edit."""
    root = tmp_path / "site"
    docs = make_site(root)
    served_dir = tmp_path / "served"
    read: list[str] = []
    content_string = File.content_string

    def reading(self: File) -> str:
        if self.generated_by is None:
            read.append(self.src_uri)
        return content_string.fget(self)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(File, "content_string", property(reading))
    with fresh_plugins():
        build(root, served_dir, "serve", dirty=True)
        assert {"notes/a.md", "notes/b.md", "notes/c.md"} <= set(read)
        del read[:]
        edit(docs / "notes/b.md", entry("Entry B edited", card("B1", month=4), month=4))
        warnings, _ = build(root, served_dir, "serve", dirty=True)
        assert [w for w in warnings if DIRTY_WARNING not in w] == []
        # The edited page is read (by the plugin, then by MkDocs), and so is the tag index, a
        # page of docs_dir hosting a listing that B's new title changed; the others are not.
        assert set(read) == {"notes/b.md", "tags/index.md"}
        assert read.count("notes/b.md") == 2
        served = without_marker(output(served_dir))
        assert "Entry B edited" in content(served["notes/b/index.html"])
        assert (
            served["fieldnotes.json"] == clean_output(root, tmp_path / "clean")["fieldnotes.json"]
        )


REWRITER = """
from mkdocs.plugins import event_priority

BUILDS = []


@event_priority(100)  # before fieldnotes reads the pages
def on_files(files, config):
    BUILDS.append(1)
    page = files.get_file_from_path("notes/b.md")
    page.content_string = page.content_string.replace("Entry B", f"Entry B, build {len(BUILDS)}")
"""


def test_serve_dirty_reads_a_page_another_plugin_rewrote_in_memory(tmp_path: Path) -> None:
    """A page whose content another plugin set in memory has no file to trust: it is read
    (MkDocs sets ``abs_src_path`` to ``None`` for it) although its file did not change."""
    root = tmp_path / "site"
    make_site(root)
    (root / "rewriter.py").write_text(REWRITER, "utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["hooks"] = ["rewriter.py"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    served_dir = tmp_path / "served"
    with fresh_plugins():
        build(root, served_dir, "serve", dirty=True)
        build(root, served_dir, "serve", dirty=True)  # no file changed
    export = json.loads((served_dir / "fieldnotes.json").read_text("utf-8"))
    titles = {e["title"] for e in export["entries"]}
    assert "Entry B, build 2" in titles and "Entry B, build 1" not in titles


def test_build_dirty_writes_every_listing(tmp_path: Path) -> None:
    """Each `mkdocs build --dirty` is a new process, with no last build to compare with: it
    writes every listing page, the tag index hosted by a page of docs_dir included."""
    root = tmp_path / "site"
    docs = make_site(root)
    site_dir = tmp_path / "built"
    with fresh_plugins():
        build(root, site_dir, "build", dirty=True)
    mark_all(site_dir)
    text = (docs / "notes/b.md").read_text("utf-8")
    edit(docs / "notes/b.md", text.replace("Commentary on", "Notes on"))
    with fresh_plugins():
        build(root, site_dir, "build", dirty=True)
    pages = output(site_dir)
    assert "tags/index.html" in listing_pages(pages)
    assert listing_pages(pages) <= rewritten(site_dir)
    assert "notes/b/index.html" in rewritten(site_dir)
    assert "notes/a/index.html" not in rewritten(site_dir)  # MkDocs' rule for pages of docs_dir


@pytest.fixture
def files(tmp_path: Path) -> tuple[Files, str]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tags.md").write_text("# Tags\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.plugins._current_plugin = "fieldnotes"  # as during the plugin's on_files
    listing = GeneratedFile.generated(config, "tags/a.md", content="# A\n")
    hosting = File("tags.md", str(tmp_path / "docs"), str(tmp_path / "out"), True)
    return Files([listing, hosting]), str(tmp_path / "out")


def write(path: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("old", "utf-8")


def test_generated_file_is_modified_until_its_output_matches(files: tuple[Files, str]) -> None:
    collection, _ = files
    listing = collection.get_file_from_path("tags/a.md")
    assert isinstance(listing, GeneratedFile) and listing.inclusion == InclusionLevel.UNDEFINED
    dirty = DirtyOutputs()
    assert dirty.plan(collection, {"tags/a.md": "k1"}) == ({"tags/a.md"}, [])
    write(listing.abs_dest_path)
    dirty.rendered("tags/a.md", ("A", "<p>A</p>", ["tags/a.md: a warning"]))
    dirty.commit()
    # Same key: not modified, and the warning of the page it keeps is given again.
    assert dirty.plan(collection, {"tags/a.md": "k1"}) == (
        set(),
        [("tags/a.md", "tags/a.md: a warning")],
    )
    assert not listing.is_modified()
    os.remove(listing.abs_dest_path)  # unchanged, but its output is gone
    assert listing.is_modified()
    write(listing.abs_dest_path)
    assert dirty.plan(collection, {"tags/a.md": "k2"}) == ({"tags/a.md"}, [])
    dirty.commit()
    listing.content_string = "# A renamed\n"  # the page's own source changed
    assert dirty.plan(collection, {"tags/a.md": "k2"}) == ({"tags/a.md"}, [])
    dirty.commit()
    # A key that could not be made (None) is never "the same".
    assert dirty.plan(collection, {"tags/a.md": None}) == ({"tags/a.md"}, [])
    dirty.commit()
    assert dirty.plan(collection, {"tags/a.md": None}) == ({"tags/a.md"}, [])


def test_a_listing_whose_inputs_changed_is_left_alone_when_it_shows_the_same(
    files: tuple[Files, str],
) -> None:
    """A changed key makes the listing render before MkDocs decides what to build; it is
    written only when its title, HTML or warnings differ from the last build's, and rendered
    once either way."""
    collection, _ = files
    listing = collection.get_file_from_path("tags/a.md")
    assert isinstance(listing, GeneratedFile)
    dirty = DirtyOutputs()
    hosting = collection.get_file_from_path("tags.md")
    assert hosting is not None and not isinstance(hosting, GeneratedFile)
    shown: list[tuple[str, str, list[str]]] = []
    hosted = [("Tags", "<p>T</p>", [])]

    def render(src: str) -> tuple[str, str, list[str]]:
        return shown[-1] if src == "tags/a.md" else hosted[-1]

    keys = {"tags/a.md": "k1", "tags.md": "h1"}
    assert dirty.plan(collection, keys, render) == ({"tags/a.md", "tags.md"}, [])
    write(listing.abs_dest_path)
    write(hosting.abs_dest_path)  # after the source: MkDocs would not build it again
    dirty.rendered("tags/a.md", ("A", "<p>A</p>", ["tags/a.md: a warning"]))
    dirty.rendered("tags.md", hosted[-1])
    dirty.commit()
    # New keys, the same pages: left alone, the warning given again.
    shown.append(("A", "<p>A</p>", ["tags/a.md: a warning"]))
    keys = {"tags/a.md": "k2", "tags.md": "h2"}
    assert dirty.plan(collection, keys, render) == (
        set(),
        [("tags/a.md", "tags/a.md: a warning")],
    )
    assert not listing.is_modified() and dirty.take("tags/a.md") is None
    assert os.path.isfile(hosting.abs_dest_path)
    dirty.commit()
    # Your page hosting a listing that shows something new: its output goes, so MkDocs
    # builds it again.
    hosted.append(("Tags", "<p>T2</p>", []))
    keys = {"tags/a.md": "k2", "tags.md": "h3"}
    assert dirty.plan(collection, keys, render) == (
        {"tags.md"},
        [("tags/a.md", "tags/a.md: a warning")],
    )
    assert not os.path.isfile(hosting.abs_dest_path)
    dirty.commit()
    # New HTML: written, with the HTML rendered early, handed over once.
    shown.append(("A", "<p>A2</p>", []))
    assert dirty.plan(collection, {"tags/a.md": "k3"}, render) == ({"tags/a.md"}, [])
    assert dirty.take("tags/a.md") == ("<p>A2</p>", [])
    assert dirty.take("tags/a.md") is None
    dirty.rendered("tags/a.md", ("A", "<p>A2</p>", []))
    dirty.commit()
    # The same HTML under a new title, or with a new warning: written.
    for changed in (("B", "<p>A2</p>", []), ("A", "<p>A2</p>", ["tags/a.md: new"])):
        shown.append(changed)
        assert dirty.plan(collection, {"tags/a.md": f"k-{changed}"}, render)[0] == {"tags/a.md"}
        dirty.rendered("tags/a.md", changed)
        dirty.commit()
        shown.append(("A", "<p>A2</p>", []))  # back: differs from what was just written
        assert dirty.plan(collection, {"tags/a.md": "k3"}, render)[0] == {"tags/a.md"}
        dirty.rendered("tags/a.md", shown[-1])
        dirty.commit()
    # The page's own source changed: written without comparing.
    listing.content_string = "# A renamed\n"
    assert dirty.plan(collection, {"tags/a.md": "k4"}, render)[0] == {"tags/a.md"}
    assert dirty.take("tags/a.md") is None


def test_a_failed_build_makes_the_next_one_write_every_listing(files: tuple[Files, str]) -> None:
    collection, _ = files
    listing = collection.get_file_from_path("tags/a.md")
    assert listing is not None
    dirty = DirtyOutputs()
    dirty.plan(collection, {"tags/a.md": "k1"})
    write(listing.abs_dest_path)
    dirty.commit()
    dirty.plan(collection, {"tags/a.md": "k2"})
    dirty.forget()  # on_build_error: the page may hold k2's listing, or not
    assert dirty.plan(collection, {"tags/a.md": "k1"}) == ({"tags/a.md"}, [])


def test_an_unwritten_file_is_written_by_the_next_build(files: tuple[Files, str]) -> None:
    collection, _ = files
    listing = collection.get_file_from_path("tags/a.md")
    assert listing is not None
    dirty = DirtyOutputs()
    dirty.plan(collection, {"tags/a.md": "k1"})
    write(listing.abs_dest_path)
    dirty.unwritten("tags/a.md")  # a feed the build could not write
    dirty.commit()
    assert dirty.plan(collection, {"tags/a.md": "k1"}) == ({"tags/a.md"}, [])


def test_a_hosting_page_loses_its_output_only_when_its_listing_changed(
    files: tuple[Files, str],
) -> None:
    collection, _ = files
    hosting = collection.get_file_from_path("tags.md")
    assert hosting is not None and not isinstance(hosting, GeneratedFile)
    write(hosting.abs_dest_path)
    later = time.time() + 60
    os.utime(hosting.abs_dest_path, (later, later))  # newer than its source: not modified
    dirty = DirtyOutputs()
    assert dirty.plan(collection, {"tags.md": "k1"}) == ({"tags.md"}, [])
    assert not os.path.exists(hosting.abs_dest_path)
    write(hosting.abs_dest_path)
    os.utime(hosting.abs_dest_path, (later, later))
    dirty.commit()
    assert dirty.plan(collection, {"tags.md": "k1"}) == (set(), [])
    assert os.path.exists(hosting.abs_dest_path)


REMOVER = """
from mkdocs.plugins import event_priority


@event_priority(-100)  # after fieldnotes added its pages
def on_files(files, config):
    files.remove(files.get_file_from_path("tags/gamma.md"))
    return files
"""


def test_serve_dirty_with_a_listing_page_another_plugin_removed(tmp_path: Path) -> None:
    root = tmp_path / "site"
    make_site(root)
    (root / "remover.py").write_text(REMOVER, "utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["hooks"] = [str(root / "remover.py")]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    served_dir = tmp_path / "served"
    with fresh_plugins():
        for _ in range(2):
            warnings, _ = build(root, served_dir, "serve", dirty=True)
            assert [w for w in warnings if DIRTY_WARNING not in w] == [
                "mkdocs_fieldnotes: tags/index.md: the listing links to 'tags/gamma.md', which "
                "another plugin removed from the site. Check the plugins that run after fieldnotes."
            ]
    pages = output(served_dir)
    assert "tags/gamma/index.html" not in pages and "tags/alpha/index.html" in pages


def feeds_and_export(site_dir: Path) -> dict[str, bytes]:
    """The plugin's files other than pages: every feed, in both formats, and the export."""
    names = ("feed.xml", "feed.json", "fieldnotes.json")
    return {
        p.relative_to(site_dir).as_posix(): p.read_bytes()
        for p in sorted(site_dir.rglob("*"))
        if p.name in names
    }


PAGER = """{#- A custom_dir copy of the pager (the test edits it). -#}
{%- if pager %}<nav class="fieldnotes-pager">{% for uri in pager.uris %}<a href="{{ href(uri) }}">{{ loop.index }}</a>{% endfor %}</nav>{% endif %}
"""


def test_serve_dirty_stays_a_clean_build_through_a_run_of_edits(tmp_path: Path) -> None:
    """Edit after edit, each `--dirty` rebuild shows on every listing page, feed and in the
    export what a clean build of the same sources shows; the keys of the listings' inputs
    (dirty.Inputs) must see every change that reaches a listing."""
    root = tmp_path / "site"
    docs = make_site(root)
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["site_url"] = "https://example.org/"  # feeds on
    config["theme"]["custom_dir"] = "overrides"
    config["plugins"] = ["search", {"fieldnotes": {"listings_page_size": 10}}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    pager = root / "overrides" / "fieldnotes" / "partials" / "pager.html"
    pager.parent.mkdir(parents=True)
    pager.write_text(PAGER, "utf-8")
    notes = docs / "notes"
    for number in range(10):  # Alpha's page and the timeline have a second page
        text = entry(f"Filler {number}", card(f"F{number}", month=1 + number % 9), tags="Alpha")
        (notes / f"f{number}.md").write_text(text, "utf-8")
    d_text = entry("Entry D", card("D1", month=6), card("D2", month=7), month=6, tags="ALPHA")
    edits = [
        # One more paragraph on C's card: the keys of C's listings change, their HTML not.
        (
            "commentary",
            lambda: edit(notes / "c.md", (notes / "c.md").read_text("utf-8") + "More.\n"),
        ),
        # A new first sentence on C's card: the excerpt its listings show.
        (
            "excerpt",
            lambda: edit(
                notes / "c.md",
                (notes / "c.md").read_text("utf-8").replace("Commentary on C1.", "Now C1 is."),
            ),
        ),
        # A new entry spelling Alpha "ALPHA" like C below: the tag's name changes everywhere.
        ("new entry", lambda: edit(notes / "d.md", d_text)),
        (
            "spelling",
            lambda: edit(
                notes / "c.md", entry("Entry C", card("C1", month=5), month=5, tags="ALPHA")
            ),
        ),
        # A child tag: its parent's page shows it.
        (
            "child tag",
            lambda: edit(
                notes / "b.md",
                entry(
                    "Entry B", card("B1", month=4), month=4, tags="Gamma, alpha/Kid", series="S2"
                ),
            ),
        ),
        # A card moves to another month: the timeline's pages shift.
        (
            "date",
            lambda: edit(notes / "a.md", entry("Entry A", card("A1", month=8), tags="Alpha, Beta")),
        ),
        ("series", lambda: edit(notes / "d.md", d_text.replace("series: S1", "series: S2"))),
        ("removed", lambda: (notes / "c.md").unlink()),
        # The template every paged listing uses.
        ("template", lambda: edit(pager, PAGER.replace('class="fieldnotes-pager"', 'class="x"'))),
    ]
    served_dir = tmp_path / "served"
    with fresh_plugins():
        warnings, _ = build(root, served_dir, "serve", dirty=True)
        assert [w for w in warnings if DIRTY_WARNING not in w] == []
        for name, change in edits:
            mark_all(served_dir)
            change()
            warnings, _ = build(root, served_dir, "serve", dirty=True)
            assert [w for w in warnings if DIRTY_WARNING not in w] == [], name
            served = without_marker(output(served_dir))
            clean = clean_output(root, tmp_path / "clean")
            assert listing_pages(served) >= listing_pages(clean), name
            for page in listing_pages(clean):
                assert content(served[page]) == content(clean[page]), f"{name}: {page}"
            # A feed whose page went stays in site_dir, like every output --dirty leaves.
            files, served_files = feeds_and_export(tmp_path / "clean"), feeds_and_export(served_dir)
            assert any(p.endswith("feed.xml") for p in files)
            assert {p: served_files.get(p) for p in files} == files, name
            rebuilt = rewritten(served_dir) & listing_pages(clean)
            if name == "commentary":  # C's listings show its first sentence: none changed
                assert rebuilt == set()
            if name == "excerpt":  # C shows on Alpha, S1, the timeline: not on Gamma's page
                assert "tags/gamma/index.html" not in rebuilt
                assert "tags/alpha/index.html" in rebuilt
            if name == "template":  # every paged listing
                assert "tags/alpha/page/2/index.html" in rebuilt


def entry_with(src: str, *titles: str, tags: tuple[str, ...] = ()) -> Entry:
    return Entry(src, title=src, tags=tags, cards=tuple(bare_card(t) for t in titles))


def keys_of(
    entries: list[Entry],
    digests: dict[str, bytes],
    urls: dict[str, str],
    value: object,
    terms: Sequence[Term] = (),
    stamp: object = "s",
) -> object:
    return Inputs(entries, terms, digests, urls, stamp).key(value)


def test_inputs_keys_compare_across_builds() -> None:
    urls = {"a.md": "a/", "b.md": "b/", "tags/x.md": "tags/x/"}
    digests = {"a.md": b"1", "b.md": b"2"}

    def listing(entries: list[Entry]) -> dict[str, object]:
        return {"entries": entries, "cards": [entries[0].cards[0]], "index_uri": "tags/x.md"}

    first = [entry_with("a.md", "One"), entry_with("b.md", "Two")]
    again = [entry_with("a.md", "One"), entry_with("b.md", "Two")]  # a new build's objects
    key = keys_of(first, digests, urls, listing(first))
    assert isinstance(key, str)
    assert keys_of(again, digests, urls, listing(again)) == key
    # An edit of a page shown: the key changes; of a page not shown: it does not.
    assert keys_of(again, {**digests, "a.md": b"9"}, urls, listing(again)) != key
    assert keys_of(again, {**digests, "c.md": b"9"}, urls, listing(again)) == key
    # A page the listing names moves, or goes: the key changes.
    assert keys_of(again, digests, {**urls, "tags/x.md": "x/"}, listing(again)) != key
    gone = {k: v for k, v in urls.items() if k != "tags/x.md"}
    assert keys_of(again, digests, gone, listing(again)) != key
    # The build's stamp (options, templates, the reference date...) is in every key.
    assert keys_of(again, digests, urls, listing(again), stamp="t") != key
    # Order matters; sets do not keep one.
    assert keys_of(again, digests, urls, listing(again[::-1])) != key
    assert keys_of(first, digests, urls, {"s": {"x", "y", "z"}}) == keys_of(
        again, digests, urls, {"s": {"z", "y", "x"}}
    )
    # ...but each member stays whole: these two sets hold the same strings, paired otherwise.
    assert keys_of([], {}, {}, {("a", "d"), ("c", "b")}) != keys_of(
        [], {}, {}, {("a", "b"), ("c", "d")}
    )


def test_inputs_key_of_what_it_cannot_describe_is_none() -> None:
    assert keys_of([], {}, {}, {"href": lambda s: s}) is None
    assert keys_of([], {}, {}, [object()]) is None


def test_inputs_terms_stand_for_their_fields_and_their_parents_name() -> None:
    a = entry_with("a.md", "One", tags=("ml",))
    b = entry_with("b.md", "Two", tags=("ml/llm",))
    c = entry_with("c.md", "Three", tags=("ml/cv",))

    def family(parent_name: str, c_digest: bytes) -> dict[str, object]:
        """The keys of the pages of tag ml and of its children ml/llm and ml/cv."""
        parent = Term("tag", "ml", parent_name, parent_name, "ml", "tags/ml.md", [a, b, c])
        llm = Term("tag", "ml/llm", "ml/llm", "llm", "ml/llm", "tags/ml/llm.md", [b])
        cv = Term("tag", "ml/cv", "ml/cv", "cv", "ml/cv", "tags/ml/cv.md", [c])
        llm.parent = cv.parent = parent
        parent.children = [llm, cv]
        digests = {"a.md": b"1", "b.md": b"2", "c.md": c_digest}
        inputs = Inputs([a, b, c], [parent, llm, cv], digests, {}, "s")
        terms = {"ml": parent, "llm": llm, "cv": cv}
        return {name: inputs.key({"term": term}) for name, term in terms.items()}

    keys = family("ml", b"3")
    assert None not in keys.values() and family("ml", b"3") == keys
    # An edit of c: its tag's page and its parent's change; its sibling's does not.
    edited = family("ml", b"4")
    assert edited["cv"] != keys["cv"] and edited["ml"] != keys["ml"]
    assert edited["llm"] == keys["llm"]
    # The parent's name shows on its children's pages.
    renamed = family("ML", b"3")
    assert renamed["llm"] != keys["llm"] and renamed["cv"] != keys["cv"]


def test_inputs_entry_token_covers_the_names_of_its_terms() -> None:
    """A custom template may print an entry's tags (Site.tags_of) on any listing: a tag's
    name is its most common spelling, so another page's edit can change it."""
    a = entry_with("a.md", "One", tags=("ml",))
    digests = {"a.md": b"1"}

    def key(name: str) -> object:
        term = Term("tag", "ml", name, name, "ml", "tags/ml.md", [a])
        return Inputs([a], [term], digests, {}, "s", lambda entry: [term]).key([a])

    assert key("ml") == key("ml") and key("ml") != key("ML")


def test_a_feed_file_that_could_not_be_written_is_written_by_the_next_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    make_site(root)
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["site_url"] = "https://example.org/"  # feeds on
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    served_dir = tmp_path / "served"
    write_text = feeds.write_text

    def refuse_gamma_json(path: str, text: str) -> None:
        if path.endswith(os.path.join("gamma", "feed.json")):
            raise PermissionError(13, "Permission denied", path)
        write_text(path, text)

    with fresh_plugins():
        monkeypatch.setattr(feeds, "write_text", refuse_gamma_json)
        warnings, _ = build(root, served_dir, "serve", dirty=True)
        assert [w for w in warnings if DIRTY_WARNING not in w] == [
            "mkdocs_fieldnotes: the feed 'tags/gamma/feed.json' could not be written: "
            "permission denied. Remove what stands at that path in site_dir."
        ]
        monkeypatch.undo()
        # Nothing edited: the other feeds are left alone, the Gamma feed is written in full.
        warnings, _ = build(root, served_dir, "serve", dirty=True)
        assert [w for w in warnings if DIRTY_WARNING not in w] == []
    clean_output(root, tmp_path / "clean")
    served, clean = feeds_and_export(served_dir), feeds_and_export(tmp_path / "clean")
    assert served["tags/gamma/feed.json"] == clean["tags/gamma/feed.json"] != b""
    assert served == clean

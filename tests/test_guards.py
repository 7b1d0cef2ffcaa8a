"""Guards: per-build state does not grow, and nothing is written outside site_dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SiteFactory
from mkdocs.exceptions import PluginError

from mkdocs_fieldnotes.entries import ParseCache, ParsedPage, ReadOptions
from mkdocs_fieldnotes.validate import safe_join

ENTRY = "---\ntags: [a]\n---\n\n### Card {n}\nLink: https://example.org/{n}\n"


def test_parse_cache_keeps_only_what_the_last_build_used() -> None:
    cache = ParseCache()
    used: list[tuple[str, str, ParsedPage]] = []
    for build in range(30):  # 30 rebuilds, each with a new version of two pages
        cache.start(ReadOptions())
        for src, n in (("notes/a.md", build), ("notes/b.md", 1000 + build)):
            text = ENTRY.format(n=n)
            used.append((src, text, cache.get(src, text)))
        cache.finish()
    first = used[-2][2]
    assert first.entry is not None
    assert first.entry.cards[0].id == "card-29"
    # Unchanged content is not parsed again: the same object comes back.
    cache.start(ReadOptions())
    assert cache.get("notes/a.md", ENTRY.format(n=29)) is first
    assert cache.get("notes/b.md", ENTRY.format(n=1029)) is used[-1][2]
    # Every version only an earlier build used was dropped: it is parsed again.
    stale = [(src, text) for src, text, parsed in used[:-2] if cache.get(src, text) is parsed]
    assert stale == []
    # Other reading options empty the cache.
    cache.finish()
    cache.start(ReadOptions(statuses=("draft",)))
    assert cache.get("notes/a.md", ENTRY.format(n=29)) is not first


def test_parse_cache_knows_an_unchanged_file_by_its_stamp() -> None:
    cache = ParseCache()
    cache.start(ReadOptions())
    first = cache.get("notes/a.md", ENTRY.format(n=1), (100, 50))
    unstamped = cache.get("notes/b.md", ENTRY.format(n=2))
    digests = dict(cache.digests)
    cache.finish()
    cache.start(ReadOptions())
    assert cache.unchanged("notes/a.md", (100, 50)) is first
    assert cache.digests == {"notes/a.md": digests["notes/a.md"]}
    assert cache.unchanged("notes/a.md", (101, 50)) is None  # touched: read it again
    assert cache.unchanged("notes/a.md", (100, 51)) is None
    assert cache.unchanged("notes/b.md", (100, 50)) is None  # read without a stamp
    assert cache.get("notes/b.md", ENTRY.format(n=2)) is unstamped
    cache.finish()
    cache.start(ReadOptions())  # the page found by its stamp is kept for the next build
    assert cache.unchanged("notes/a.md", (100, 50)) is first
    cache.finish()
    cache.start(ReadOptions())
    assert cache.unchanged("notes/b.md", (100, 50)) is None  # not used by the last build
    cache.finish()
    cache.start(ReadOptions(statuses=("draft",)))  # other options: nothing is kept
    assert cache.unchanged("notes/a.md", (100, 50)) is None


def test_get_before_start_is_a_programming_error() -> None:
    with pytest.raises(RuntimeError, match=r"ParseCache\.start\(\) must be called before get\(\)"):
        ParseCache().get("a.md", "")


@pytest.mark.parametrize("path", ["../x.json", "a/../../x.json", "/etc/x.json", "."])
def test_safe_join_refuses_paths_outside_the_root(tmp_path: Path, path: str) -> None:
    with pytest.raises(PluginError) as error:
        safe_join(str(tmp_path), path)
    assert str(error.value) == f"fieldnotes: refusing to write {path!r} outside site_dir."


def test_safe_join_inside(tmp_path: Path) -> None:
    assert safe_join(str(tmp_path), "data/x.json") == str(tmp_path.resolve() / "data" / "x.json")


HOOK = """
from mkdocs.structure.files import File


def on_files(files, config):
    files.append(File.generated(config, "fieldnotes.json", content="{}"))
    return files
"""


def test_export_path_taken_by_another_plugin(build_site: SiteFactory, tmp_path: Path) -> None:
    root = tmp_path / "hooked"
    root.mkdir()
    (root / "adds_json.py").write_text(HOOK, "utf-8")
    built = build_site(
        {"index.md": "# Home\n", "notes/a.md": ENTRY.format(n=1)},
        {"hooks": [str(root / "adds_json.py")]},
        root=root,
    )
    built.expect_plugin_warning(
        f"the plugin '{root / 'adds_json.py'}' already adds 'fieldnotes.json'; the export was "
        "not written. Rename that file or set the plugin's 'export_path'."
    )
    assert (built.site_dir / "fieldnotes.json").read_text("utf-8") == "{}"


REMOVER = """
from mkdocs.plugins import event_priority


@event_priority(-100)  # after fieldnotes (-50) has read the pages
def on_files(files, config):
    files.remove(files.get_file_from_path("notes/b.md"))
    return files
"""


def test_entry_removed_by_a_later_plugin(build_site: SiteFactory, tmp_path: Path) -> None:
    """No crash: the listing that links to the vanished entry says so; the export skips it."""
    root = tmp_path / "hooked"
    root.mkdir()
    (root / "removes_b.py").write_text(REMOVER, "utf-8")
    built = build_site(
        {"index.md": "# Home\n", "notes/a.md": ENTRY.format(n=1), "notes/b.md": ENTRY.format(n=2)},
        {"hooks": [str(root / "removes_b.py")]},
        root=root,
    )
    for page in ("tags/a.md", "timeline/index.md"):
        built.expect_plugin_warning(
            f"{page}: the listing links to 'notes/b.md', which another plugin removed from the "
            "site. Check the plugins that run after fieldnotes."
        )
    assert [e["source_path"] for e in built.export()["entries"]] == ["notes/a.md"]
    (tag,) = built.export()["tags"]
    assert tag["entries"] == ["notes/a/"]

"""The benchmark tools work: the corpus is deterministic and valid, the runner reports.

Timings are never asserted (they depend on the machine): only that the corpus reads as the
plugin expects, builds in every flavor with ``--strict`` and no warning, and that
``benchmarks/run.py`` produces the JSON structure ``docs/performance.md`` describes.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Built, SiteFactory, tree_digest

from mkdocs_fieldnotes.dates import parse_date
from mkdocs_fieldnotes.entries import ReadOptions, parse_page

sys.path.insert(0, str(REPO / "benchmarks"))
import corpus
import dirty
import run

ENTRIES, CARDS = 12, 3


def _docs_files(root: Path) -> dict[str, str]:
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*.md")}


def _body(text: str) -> str:
    """Text after the front matter."""
    return text.split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    for flavor in corpus.FLAVORS:
        corpus.generate(root / flavor, ENTRIES, CARDS, seed=7, flavor=flavor)
    return {flavor: root / flavor for flavor in corpus.FLAVORS}


# -- corpus ------------------------------------------------------------------------------


def test_same_seed_same_corpus_other_seed_other_text(tmp_path: Path) -> None:
    corpus.generate(tmp_path / "a", ENTRIES, CARDS, seed=3)
    corpus.generate(tmp_path / "b", ENTRIES, CARDS, seed=3)
    corpus.generate(tmp_path / "c", ENTRIES, CARDS, seed=4)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "c")


def test_flavors_have_the_same_pages_and_body_text(projects: dict[str, Path]) -> None:
    plain, fieldnotes, blog = (_docs_files(projects[f]) for f in ("plain", "fieldnotes", "blog"))
    assert _docs_files(projects["floor"]) == _docs_files(projects["core-floor"]) == plain
    assert plain.keys() == fieldnotes.keys()
    assert len([p for p in plain if p.startswith("notes/")]) == ENTRIES
    posts = {p: text for p, text in blog.items() if p.startswith("blog/posts/")}
    assert len(posts) == ENTRIES
    assert set(blog) - set(posts) == {"index.md", "blog/index.md", "tags.md"}
    # Same body text; the blog adds only its invisible excerpt separator.
    bodies = sorted(_body(t) for p, t in plain.items() if p.startswith("notes/"))
    blog_bodies = sorted(
        _body(t).replace(f"{corpus.EXCERPT_SEPARATOR}\n\n", "", 1) for t in posts.values()
    )
    assert bodies == blog_bodies
    assert all(t.count(corpus.EXCERPT_SEPARATOR) == 1 for t in posts.values())
    assert plain == fieldnotes
    assert "fieldnotes" not in (projects["plain"] / "mkdocs.yml").read_text("utf-8")


def test_every_entry_reads_cleanly_with_all_its_cards(projects: dict[str, Path]) -> None:
    for path, text in _docs_files(projects["fieldnotes"]).items():
        parsed = parse_page(path, text, ReadOptions())
        if path == "index.md":
            assert parsed.entry is None
            continue
        assert parsed.problems == (), path
        entry = parsed.entry
        assert entry is not None
        assert len(entry.cards) == CARDS
        assert entry.title
        assert entry.summary
        assert entry.description
        assert entry.category
        assert entry.date
        assert entry.lastmod
        assert entry.date <= entry.lastmod
        assert 2021 <= entry.date.year <= 2025
        assert entry.tags
        assert entry.authors
        assert not entry.draft
        for card in entry.cards:
            assert card.link
            assert card.link.startswith("https://")
            assert card.source
            assert card.topic
            assert card.date_commented is None or entry.date <= card.date_commented <= entry.lastmod
            assert card.commentary.count("\n\n") >= 1  # two paragraphs or more


def test_corpus_shape_at_scale() -> None:
    drawn = corpus.draw(400, 2, seed=1)
    entries = drawn.entries
    counts = collections.Counter(tag for e in entries for tag in e.tags)
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] > 4 * ranked[len(ranked) // 2]  # skewed, Zipf-like
    assert len(counts) > 100
    assert any("/" in tag for tag in counts)
    assert len({e.category for e in entries}) == len(corpus.CATEGORIES)
    in_series = [e for e in entries if e.series]
    assert 0.25 <= len(in_series) / len(entries) <= 0.35
    parts = collections.Counter(e.series for e in in_series)
    assert min(parts.values()) >= 2
    assert max(parts.values()) <= 8
    for name in parts:
        orders = sorted(e.series_order for e in in_series if e.series == name)  # type: ignore[type-var]
        assert orders == list(range(1, parts[name] + 1))
    assert {e.date.year for e in entries} == {2021, 2022, 2023, 2024, 2025}
    words = [len(p.split()) for e in entries for c in e.cards for p in c.paragraphs]
    assert min(words) >= 80
    assert max(words) <= 175
    assert {len(c.paragraphs) for e in entries for c in e.cards} == {2, 3, 4}
    styles = {c.date_format for e in entries for c in e.cards}
    assert styles == set(range(6))


@pytest.mark.parametrize("style", range(6))
def test_every_date_style_reads_back_as_the_same_day(style: int) -> None:
    for day in corpus.draw(30, 3, seed=style).entries[0].date, corpus.LAST_DAY, corpus.FIRST_DAY:
        assert parse_date(corpus._date_text(day, style)) == day


@pytest.fixture(scope="module")
def flavor_builds(
    projects: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Built]:
    """``flavor_builds(flavor)``: a copy of that corpus project (the module's stays pristine)
    built strict, once, for the read-only tests below; any warning fails it."""
    root = tmp_path_factory.mktemp("flavors")
    factory = SiteFactory(root)
    builds: dict[str, Built] = {}

    def get(flavor: str) -> Built:
        if flavor not in builds:
            shutil.copytree(projects[flavor], root / flavor)
            built = factory.build(root / flavor)
            assert built.unclaimed == [], f"{flavor}: {built.unclaimed}"
            builds[flavor] = built
        return builds[flavor]

    return get


@pytest.mark.parametrize("flavor", corpus.FLAVORS)
def test_each_flavor_builds_strict_without_warnings(
    flavor_builds: Callable[[str], Built], flavor: str
) -> None:
    built = flavor_builds(flavor)
    assert not built.aborted
    pages = list(built.site_dir.rglob("*.html"))
    assert len(pages) > ENTRIES
    if flavor == "fieldnotes":
        assert len(built.export()["entries"]) == ENTRIES
        assert built.exists("timeline/index.html")
    if flavor == "blog":
        assert built.exists("blog/index.html")
        assert built.exists("tags/index.html")
    if flavor in corpus.FLOORS:
        assert built.exists("timeline/index.html")
        assert not built.exists("fieldnotes.json")
        assert built.exists("sources/index.html") == (flavor == "floor")
    if flavor == "core":
        assert len(built.export()["entries"]) == ENTRIES
        assert built.exists("timeline/index.html")
        assert not built.exists("sources/index.html") and not built.exists("feed.xml")


@pytest.mark.parametrize("floor_flavor", sorted(corpus.FLOORS))
def test_floor_has_the_pages_and_nav_of_its_flavor_without_the_plugin(
    projects: dict[str, Path], flavor_builds: Callable[[str], Built], floor_flavor: str
) -> None:
    """``floor`` has the pages and navigation of ``fieldnotes``, ``core-floor`` those of
    ``core`` (fewer: no Sources, Topics, Revisit or Open threads pages), all empty."""
    floor, fieldnotes = flavor_builds(floor_flavor), flavor_builds(corpus.FLOORS[floor_flavor])
    assert "fieldnotes" not in (projects[floor_flavor] / "mkdocs.yml").read_text("utf-8")

    def pages(site_dir: Path) -> set[str]:
        return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}

    assert pages(floor.site_dir) == pages(fieldnotes.site_dir)
    assert {"tags/index.html", "series/index.html", "timeline/index.html"} <= pages(floor.site_dir)

    def nav(built: Any) -> list[str]:
        home = built.page("index.html")
        return [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a")]

    assert nav(floor) == nav(fieldnotes)
    assert "Timeline" in nav(floor)
    # Empty: the floor's tag page has its title and none of the plugin's listing.
    tag_page = next(p for p in pages(floor.site_dir) if p.startswith("tags/") and p.count("/") == 2)
    assert floor.page(tag_page).select_one("article h1") is not None
    assert not floor.page(tag_page).select(".fieldnotes-entries")
    assert fieldnotes.page(tag_page).select(".fieldnotes-entries")


def test_corpus_cli(tmp_path: Path) -> None:
    script = str(REPO / "benchmarks" / "corpus.py")
    args = [sys.executable, script, str(tmp_path / "out"), "--entries", "3", "--cards", "2"]
    done = subprocess.run([*args, "--flavor", "blog"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote 3 entries")
    assert len(list((tmp_path / "out" / "docs" / "blog" / "posts").rglob("*.md"))) == 3
    again = subprocess.run(args, capture_output=True, text=True)
    assert again.returncode == 2
    assert "is not empty" in again.stderr


# -- runner ------------------------------------------------------------------------------


def _run(tmp_path: Path, *args: str) -> dict[str, Any]:
    out = tmp_path / "result.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, str(REPO / "benchmarks" / "run.py"), *args, "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "target" in done.stdout
    return json.loads(out.read_text("utf-8"))  # type: ignore[no-any-return]


def _positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


@pytest.mark.slow
def test_runner_compares_plain_fieldnotes_blog_and_serve(tmp_path: Path) -> None:
    work = tmp_path / "work"
    result = _run(
        tmp_path,
        "--entries",
        str(ENTRIES),
        "--cards",
        str(CARDS),
        "--pairs",
        "1",
        "--blog",
        "--floor",
        "--core",
        "--serve-edits",
        "1",
        "--serve-dirty",
        "--work",
        str(work),
    )
    assert result["corpus"]["entries"] == ENTRIES
    assert result["corpus"]["cards"] == CARDS
    assert _positive(result["corpus"]["markdown_bytes"])
    assert result["machine"]["versions"]["mkdocs"]
    assert set(result["builds"]) == {"plain", "floor", "fieldnotes", "core", "core-floor", "blog"}
    for flavor, build in result["builds"].items():
        assert len(build["wall_s"]) == 1, flavor
        assert _positive(build["wall_s"][0]), flavor
        assert _positive(build["median_s"])
        assert _positive(build["median_cpu_s"])
        assert _positive(build["median_rss_mib"])
        assert build["html_pages"] > ENTRIES
        largest = build["largest_pages"][0]
        assert largest["path"].endswith(".html")
        assert _positive(largest["bytes"])
    assert _positive(result["builds"]["fieldnotes"]["export_bytes"])
    assert result["builds"]["plain"]["export_bytes"] is None
    assert result["builds"]["floor"]["export_bytes"] is None
    assert _positive(result["builds"]["core"]["export_bytes"])
    assert result["builds"]["core"]["html_pages"] < result["builds"]["fieldnotes"]["html_pages"]
    assert result["builds"]["floor"]["html_pages"] == result["builds"]["fieldnotes"]["html_pages"]
    assert result["builds"]["core-floor"]["html_pages"] == result["builds"]["core"]["html_pages"]
    assert result["builds"]["core-floor"]["export_bytes"] is None
    assert set(result["ratios"]) == {
        "fieldnotes_vs_plain",
        "floor_vs_plain",
        "fieldnotes_vs_floor",
        "core_vs_plain",
        "core_vs_floor",
        "blog_vs_plain",
        "blog_vs_fieldnotes",
        "blog_vs_core",
    }
    for r in result["ratios"].values():
        assert _positive(r["cpu_median"])
        assert len(r["pairs"]) == 1
        assert _positive(r["median"])
        assert _positive(r["rss"])
    serve = result["serve"]
    assert "blog" not in serve and "core-floor" not in serve
    for flavor in ("plain", "floor", "fieldnotes", "core"):
        assert _positive(serve[flavor]["initial_s"])
        assert len(serve[flavor]["rebuild_s"]) == 1
        assert _positive(serve[flavor]["median_s"])
    assert _positive(serve["ratio"]["of_medians"])
    assert _positive(serve["floor_ratio"]["of_medians"])
    dirty = result["serve_dirty"]
    assert set(dirty) == {"plain", "floor", "fieldnotes", "core", "ratio", "floor_ratio"}
    assert len(dirty["fieldnotes"]["rebuild_s"]) == 1 and _positive(dirty["ratio"]["median"])
    assert len(dirty["core"]["rebuild_s"]) == 1
    names = [t["target"] for t in result["targets"]]
    assert names == [
        "build time fieldnotes/plain <= 1.35",
        "peak RSS fieldnotes/plain <= 1.3",
        "build time fieldnotes/floor <= 1.2",
        "build time core/plain <= 1.35",
        "peak RSS core/plain <= 1.3",
        "build time core/core-floor <= 1.2",
        "largest fieldnotes page (KB) <= 300",
        "blog+tags time / fieldnotes time >= 2.5",
        "blog+tags time / core time >= 2.5",
        "serve rebuild fieldnotes/plain <= 1.1",
        "serve --dirty rebuild fieldnotes (s) <= 2",
        "serve --dirty rebuild core (s) <= 2",
    ]
    assert all(isinstance(t["met"], bool) and _positive(t["measured"]) for t in result["targets"])
    with_cpu = [t["target"] for t in result["targets"] if t["cpu"] is not None]
    assert with_cpu == [names[i] for i in (0, 2, 3, 5, 7, 8)]  # build times and blog comparisons
    # The edited entry is restored and the work folder is kept (--work given).
    fresh = tmp_path / "fresh"
    corpus.generate(fresh, ENTRIES, CARDS, seed=0, flavor="fieldnotes")
    assert tree_digest(fresh / "docs") == tree_digest(work / f"fieldnotes-{ENTRIES}x{CARDS}/docs")


@pytest.mark.slow
def test_runner_scaling_mode(tmp_path: Path) -> None:
    result = _run(
        tmp_path, "--scaling", "--scaling-sizes", "4", "8", "--cards", "2", "--pairs", "1"
    )
    scaling = result["scaling"]
    assert set(scaling["sizes"]) == {"4", "8"}
    for row in scaling["sizes"].values():
        for flavor in ("plain", "fieldnotes"):
            assert _positive(row[flavor]["median_s"])
            assert _positive(row[flavor]["per_entry_ms"])
        assert row["fieldnotes_largest_page"]["path"].endswith(".html")
    assert _positive(scaling["growth"]["fieldnotes"])
    assert _positive(scaling["growth"]["plain"])
    assert [t["target"] for t in result["targets"]] == ["time/entry growth (fieldnotes) <= 1.2"]
    assert _positive(scaling["growth"]["fieldnotes_cpu"])
    assert "builds" not in result


def test_ratio_and_targets_from_known_figures() -> None:
    plain = [run.Build("plain", 10.0, 100_000, 8.0), run.Build("plain", 20.0, 110_000, 16.0)]
    notes = [
        run.Build("fieldnotes", 11.0, 120_000, 9.6),
        run.Build("fieldnotes", 30.0, 125_000, 16.0),
    ]
    r = run.ratio(notes, plain)
    assert r == {
        "pairs": [1.1, 1.5],
        "median": 1.3,
        "cpu_pairs": [1.2, 1.0],
        "cpu_median": 1.1,
        "rss": round(122_500 / 105_000, 3),
    }
    over = {**r, "median": 1.4, "cpu_median": 1.36}
    result = {
        "ratios": {"fieldnotes_vs_plain": r, "blog_vs_fieldnotes": {"median": 3.0}},
        "builds": {"fieldnotes": {"largest_pages": [{"path": "x.html", "bytes": 310_000}]}},
        "serve": {"ratio": {"of_medians": 1.05}},
    }
    rows = [
        (t["target"], t["measured"], t["met"], t["cpu"], t["cpu_met"]) for t in run.targets(result)
    ]
    assert rows == [
        ("build time fieldnotes/plain <= 1.35", 1.3, True, 1.1, True),
        ("peak RSS fieldnotes/plain <= 1.3", 1.167, True, None, None),
        ("largest fieldnotes page (KB) <= 300", 310.0, False, None, None),
        ("blog+tags time / fieldnotes time >= 2.5", 3.0, True, None, None),
        ("serve rebuild fieldnotes/plain <= 1.1", 1.05, True, None, None),
    ]
    result["ratios"] = {"fieldnotes_vs_plain": over, "fieldnotes_vs_floor": over}
    rows = [(t["target"], t["met"], t["cpu_met"]) for t in run.targets(result)][:3]
    assert rows == [
        ("build time fieldnotes/plain <= 1.35", False, False),
        ("peak RSS fieldnotes/plain <= 1.3", True, None),
        ("build time fieldnotes/floor <= 1.2", False, False),
    ]


def test_dirty_script_times_rebuilds_and_restores_the_entry(
    projects: dict[str, Path], tmp_path: Path
) -> None:
    """``benchmarks/dirty.py`` times --dirty rebuilds in one process; its counts show that an
    edit writes some listing pages and feeds again, not all, and the edited entry is put back."""
    project = tmp_path / "fieldnotes"
    shutil.copytree(projects["fieldnotes"], project)
    before = tree_digest(project)
    out = tmp_path / "dirty.json"
    script = str(REPO / "benchmarks" / "dirty.py")
    command = [sys.executable, script, str(project), "--edits", "2", "--json", str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""  # no warning, and not MkDocs' own about --dirty
    assert "median rebuild" in done.stdout
    result = json.loads(out.read_text("utf-8"))
    assert _positive(result["first_cpu_s"]) and _positive(result["median_cpu_s"])
    assert len(result["rebuilds"]) == 2
    for rebuild in result["rebuilds"]:
        assert _positive(rebuild["cpu_s"])
        assert set(rebuild["steps_s"]) == set(dirty.STEPS.values())
        listings, all_listings = rebuild["listings"]
        feeds, all_feeds = rebuild["feeds"]
        # The edited entry's listings are compared, and few or none written again.
        assert 0 < rebuild["listings_compared"] < all_listings
        assert 0 <= listings <= rebuild["listings_compared"] and 0 <= feeds < all_feeds
    assert tree_digest(project) == before


def test_shares_script_times_each_feature_in_fresh_builds(
    projects: dict[str, Path], tmp_path: Path
) -> None:
    """``benchmarks/shares.py --builds 2 --nav-pairs 1`` builds twice in fresh processes and
    reports each feature's median share, the feeds' discovery links among the feeds' work,
    and the Sources and Topics navigation links timed apart (their two links taken out)."""
    out = tmp_path / "shares.json"
    script = str(REPO / "benchmarks" / "shares.py")
    project = str(projects["fieldnotes"])
    command = [sys.executable, script, project, "--builds", "2", "--nav-pairs", "1"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [*command, "--json", str(out)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "median of 2 builds" in done.stdout
    assert "navigation links to sources/index.md and topics/index.md" in done.stdout
    result = json.loads(out.read_text("utf-8"))
    assert len(result["builds"]) == 2
    for build in result["builds"]:
        assert _positive(build["total"])
        spent = build["spent"]
        for label in (
            "feeds: writing",
            "feeds: discovery links",
            "social previews",
            "pages: source",
            "pages: topic",
            "pages: revisit",
            "ages: computing",
        ):
            assert _positive(spent[label]), label
        assert build["groups"]["feeds (16)"] == pytest.approx(
            sum(s for label, s in spent.items() if label.startswith("feeds:")) / build["total"]
        )
    eighteen = "sources, topics, chart, social (18)"
    for group in ("feeds (16)", "revisit, threads pages and ages (17)", eighteen):
        shares = sorted(build["groups"][group] for build in result["builds"])
        assert result["groups"][group] == pytest.approx(sum(shares) / 2)  # median of two
    nav = result["nav_links"]
    assert len(nav["with"]) == len(nav["without"]) == 1 and _positive(nav["with"][0])
    assert result["groups"][eighteen + " with its navigation links"] == pytest.approx(
        result["groups"][eighteen] + nav["median"] / result["total"]
    )
    assert (nav["of"], nav["pages"]) == (eighteen, ["sources/index.md", "topics/index.md"])
    # --nav-of 17: the Revisit and Open threads links, added to their group (one build here).
    out17 = tmp_path / "shares17.json"
    command = [sys.executable, script, project, "--nav-pairs", "1", "--nav-of", "17"]
    done = subprocess.run(
        [*command, "--json", str(out17)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "navigation links to revisit/index.md and threads/index.md" in done.stdout
    result = json.loads(out17.read_text("utf-8"))
    seventeen = "revisit, threads pages and ages (17)"
    assert result["nav_links"]["pages"] == ["revisit/index.md", "threads/index.md"]
    assert result["groups"][seventeen + " with its navigation links"] == pytest.approx(
        result["groups"][seventeen] + result["nav_links"]["median"] / result["total"]
    )


def test_shares_script_refuses_zero_builds(tmp_path: Path) -> None:
    script = str(REPO / "benchmarks" / "shares.py")
    done = subprocess.run(
        [sys.executable, script, str(tmp_path), "--builds", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        "error: --builds must be at least 1 and --nav-pairs at least 0"
    )


@pytest.mark.slow
def test_versus_builds_another_commit_with_its_own_package(tmp_path: Path) -> None:
    """``benchmarks/versus.py`` builds one corpus with the package of a commit (checked out in
    a temporary worktree, imported from there) and with the working tree, round by round, and
    takes the worktree away after; ``--floor`` adds the flavor's floor and both ratios to it."""
    out = tmp_path / "versus.json"
    script = str(REPO / "benchmarks" / "versus.py")
    args = ["HEAD", "--entries", str(ENTRIES), "--cards", str(CARDS), "--rounds", "2"]
    args += ["--flavor", "core", "--rev-flavor", "fieldnotes", "--floor", "--json", str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "now ÷ rev" in done.stdout and "now ÷ floor" in done.stdout
    result = json.loads(out.read_text("utf-8"))
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert result["commit"] == head
    assert (result["flavor"], result["rev_flavor"]) == ("core", "fieldnotes")
    rev_package = Path(result["rev_package"])
    assert rev_package.name == "mkdocs_fieldnotes" and rev_package.parent.name == "rev"
    assert not rev_package.exists()  # the worktree is gone
    assert list(result["cpu_s"]) == ["plain", "rev", "now", "floor"]
    for name in ("plain", "rev", "now", "floor"):
        assert len(result["cpu_s"][name]) == 2 and all(map(_positive, result["cpu_s"][name]))
    for key in (
        "now_over_rev",
        "rev_over_plain",
        "now_over_plain",
        "rev_over_floor",
        "now_over_floor",
    ):
        assert len(result[key]["cpu_pairs"]) == 2 and _positive(result[key]["cpu_median"])
    worktrees = subprocess.run(
        ["git", "-C", str(REPO), "worktree", "list"], capture_output=True, text=True, check=True
    ).stdout
    assert "fieldnotes-versus-" not in worktrees


FAKE_VALGRIND = """\
#!/usr/bin/env python3
# Stands in for valgrind: runs the build, logs how it was called, and reports a count made
# from the site it wrote (deterministic, and different for each project).
import json, os, subprocess, sys
args = sys.argv[1:]
tool = [a for a in args if a.startswith("--")]
command = args[len(tool):]
done = subprocess.run(command)
site = command[command.index("-d") + 1]
files = sum(len(names) for _, _, names in os.walk(site))
keys = ("PYTHONHASHSEED", "SOURCE_DATE_EPOCH")
record = {"tool": tool, "cwd": os.getcwd(), **{k: os.environ.get(k) for k in keys}}
with open(os.environ["FAKE_VALGRIND_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(record) + "\\n")
print(f"==1== I   refs:      {files * 1000:,}", file=sys.stderr)
sys.exit(done.returncode)
"""


@pytest.mark.slow
def test_instructions_script_counts_each_build_once(tmp_path: Path) -> None:
    """``benchmarks/instructions.py`` builds each flavor and each feature turned off once
    under ``valgrind --tool=cachegrind`` (here a stand-in that counts the files written),
    with a fixed hash seed and reference date, and divides the counts."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "valgrind").write_text(FAKE_VALGRIND, "utf-8")
    (bin_dir / "valgrind").chmod(0o755)
    log, out = tmp_path / "calls.jsonl", tmp_path / "instructions.json"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env |= {"FAKE_VALGRIND_LOG": str(log), "NO_MKDOCS_2_WARNING": "1"}
    script = str(REPO / "benchmarks" / "instructions.py")
    args = ["--entries", "6", "--cards", "2", "--jobs", "2", "--json", str(out)]
    done = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text("utf-8"))
    counts = result["instructions"]
    features = [
        "feeds (16)",
        "Revisit and Open threads pages (17)",
        "card ages (17)",
        "Sources, Topics, chart, social previews (18)",
    ]
    assert list(counts) == [
        "plain",
        "floor",
        "fieldnotes",
        "core",
        "core-floor",
        *(f"without {feature}" for feature in features),
    ]
    calls = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert len(calls) == len(counts)
    assert all(
        c["tool"] == ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
        for c in calls
    )
    assert {(c["PYTHONHASHSEED"], c["SOURCE_DATE_EPOCH"]) for c in calls} == {("0", "1767225600")}
    # Turning a feature off takes its pages away: fewer files, a smaller count.
    assert all(counts[f"without {f}"] < counts["fieldnotes"] for f in features if "ages" not in f)
    assert counts["without card ages (17)"] == counts["fieldnotes"]  # the same files
    assert result["ratios"] == pytest.approx(
        {
            "fieldnotes ÷ plain": counts["fieldnotes"] / counts["plain"],
            "fieldnotes ÷ floor": counts["fieldnotes"] / counts["floor"],
            "core ÷ plain": counts["core"] / counts["plain"],
            "core ÷ core-floor": counts["core"] / counts["core-floor"],
        }
    )
    fieldnotes = counts["fieldnotes"]
    assert result["shares"] == pytest.approx(
        {f: (fieldnotes - counts[f"without {f}"]) / fieldnotes for f in features}
    )
    assert "feeds (16): " in done.stdout and "(budget 3%)" in done.stdout
    assert "card ages (17): 0.00%: no budget" in done.stdout


def test_instructions_script_needs_valgrind(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}
    script = str(REPO / "benchmarks" / "instructions.py")
    done = subprocess.run(
        [sys.executable, script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        "error: valgrind is not on the PATH (Debian: apt-get install valgrind)"
    )

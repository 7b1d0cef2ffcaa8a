"""`mkdocs serve` stays healthy through 20 edits: correct pages, no stale pages, no loops.

A real `mkdocs serve` runs on 127.0.0.1 (a free port) against a temporary site. After each
edit the test waits for MkDocs to report the rebuild, then fetches pages over HTTP.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Callable, Optional

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import tree_digest

pytestmark = pytest.mark.slow

ENTRY = """\
---
title: '{title}'
date: '2025-0{month}-01'
tags: [{tags}]
series: {series}
---

{cards}
"""

CARD = """\
### {title} (Source) — topic
Link: https://example.org/{slug}

Date commented: 2025-0{month}-1{day}

Commentary on {title}.

---
"""


def card(title: str, month: int = 3, day: int = 0) -> str:
    slug = title.lower().replace(" ", "-")
    return CARD.format(title=title, slug=slug, month=month, day=day)


def entry(title: str, tags: str, series: str, cards: list[str], month: int = 3) -> str:
    return ENTRY.format(title=title, tags=tags, series=series, cards="\n".join(cards), month=month)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running `mkdocs serve` whose log lines are collected by a thread."""

    def __init__(self, root: Path, *options: str) -> None:
        self.root = root
        self.port = free_port()
        self.lines: list[str] = []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *options],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def builds(self) -> int:
        # "Documentation built in" is unreliable: MkDocs' duplicate filter hides a repeated
        # message (two builds of 0.27 s). The initial build ends with "Serving on", each
        # rebuild with a time-stamped "Reloading browsers".
        started = any("Serving on" in line for line in self.lines)
        return started + sum("Reloading browsers" in line for line in self.lines)

    def wait_builds(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.builds() < count:
            if self.proc.poll() is not None:
                raise AssertionError("mkdocs serve exited:\n" + "\n".join(self.lines))
            if time.monotonic() > deadline:
                raise AssertionError(f"no rebuild #{count}:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)

    def get(self, path: str) -> Optional[BeautifulSoup]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as r:
                return BeautifulSoup(r.read().decode("utf-8"), "html.parser")
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(match.group(1)) if match else 0

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "notes" / "a.md").write_text(
        entry("Entry A", "Alpha", "S1", [card("Card one"), card("Card two", day=1)]), "utf-8"
    )
    (docs / "notes" / "b.md").write_text(
        entry("Entry B", "Beta", "S1", [card("Card three", month=4)], month=4), "utf-8"
    )
    config = {
        "site_name": "Serve test",
        "theme": {"name": "material"},
        "plugins": ["search", "fieldnotes"],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return tmp_path


@pytest.fixture
def server(site: Path) -> Iterator[Server]:
    srv = Server(site)
    try:
        srv.wait_builds(1, timeout=90)
        yield srv
    finally:
        srv.stop()


def chip_names(page: Optional[BeautifulSoup]) -> list[str]:
    assert page is not None
    return [a.get_text() for a in page.select(".fieldnotes-chips .fieldnotes-chip")]


def card_ids(page: Optional[BeautifulSoup]) -> list[str]:
    assert page is not None
    return [a["data-card-id"] for a in page.select("article.fieldnotes-card")]


def timeline_titles(page: Optional[BeautifulSoup]) -> list[str]:
    assert page is not None
    return [a.get_text() for a in page.select(".fieldnotes-timeline__title")]


def test_twenty_edits(site: Path, server: Server) -> None:
    docs = site / "docs"
    a, b, c = docs / "notes" / "a.md", docs / "notes" / "b.md", docs / "notes" / "c.md"
    cards_a = [card("Card one"), card("Card two", day=1)]
    rss: list[int] = []
    digest_before = tree_digest(docs)
    step = 0

    def edit(action: Callable[[], None], check: Callable[[], None]) -> None:
        nonlocal step, digest_before
        step += 1
        before = server.builds()
        action()
        digest_before = tree_digest(docs)
        server.wait_builds(before + 1)
        time.sleep(0.2)
        check()
        # The build itself never writes into docs_dir.
        assert tree_digest(docs) == digest_before, f"edit {step}: docs_dir changed"
        rss.append(server.rss_kib())

    def write(path: Path, text: str) -> Callable[[], None]:
        return lambda: path.write_text(text, "utf-8")

    # 1-4: add and remove cards
    cards_a.append(card("Card four", day=5))
    edit(
        write(a, entry("Entry A", "Alpha", "S1", cards_a)),
        lambda: assert_equal(
            card_ids(server.get("notes/a/")), ["card-one", "card-two", "card-four"]
        ),
    )
    edit(
        write(a, entry("Entry A", "Alpha", "S1", cards_a[1:])),
        lambda: assert_equal(card_ids(server.get("notes/a/")), ["card-two", "card-four"]),
    )
    edit(
        write(a, entry("Entry A", "Alpha", "S1", cards_a)),
        lambda: assert_equal(
            timeline_titles(server.get("timeline/"))[:3], ["Card three", "Card four", "Card two"]
        ),
    )
    edit(
        write(
            b,
            entry(
                "Entry B",
                "Beta",
                "S1",
                [card("Card three", month=4), card("Card five", month=5)],
                month=4,
            ),
        ),
        lambda: assert_equal(timeline_titles(server.get("timeline/"))[0], "Card five"),
    )
    # 5-8: rename tags; the old tag page disappears (no stale page)
    edit(
        write(a, entry("Entry A", "Gamma", "S1", cards_a)),
        lambda: (
            assert_equal(chip_names(server.get("notes/a/")), ["Gamma"]),
            assert_equal(server.get("tags/alpha/"), None),
        ),
    )
    edit(
        write(b, entry("Entry B", "Gamma, Beta", "S1", [card("Card three", month=4)], month=4)),
        lambda: assert_equal(len(server.get("tags/gamma/").select(".fieldnotes-entry")), 2),
    )  # type: ignore[union-attr]
    edit(
        write(b, entry("Entry B", "Delta/Sub", "S1", [card("Card three", month=4)], month=4)),
        lambda: (
            assert_equal(server.get("tags/beta/"), None),
            assert_equal(server.get("tags/delta/sub/") is not None, True),
        ),
    )
    edit(
        write(a, entry("Entry A", "Delta", "S1", cards_a)),
        lambda: assert_equal(len(server.get("tags/delta/").select(".fieldnotes-entry")), 2),
    )  # type: ignore[union-attr]
    # 9-11: move an entry between series
    edit(
        write(b, entry("Entry B", "Delta/Sub", "S2", [card("Card three", month=4)], month=4)),
        lambda: (
            assert_equal(server.get("series/s2/") is not None, True),
            assert_equal(len(server.get("series/s1/").select(".fieldnotes-parts > li")), 1),
        ),
    )  # type: ignore[union-attr]
    edit(
        write(a, entry("Entry A", "Delta", "S2", cards_a)),
        lambda: (
            assert_equal(server.get("series/s1/"), None),
            assert_equal(len(server.get("series/s2/").select(".fieldnotes-parts > li")), 2),
        ),
    )  # type: ignore[union-attr]
    edit(
        write(a, entry("Entry A", "Delta", "S1", cards_a)),
        lambda: assert_equal(
            server.get("notes/a/").select_one(".fieldnotes-series__part").get_text(),  # type: ignore[union-attr]
            "Part 1 of 1",
        ),
    )
    # 12-13: a YAML error, then its fix
    broken = entry("Entry A", "Delta", "S1", cards_a).replace("tags: [Delta]", "tags: [Delta")
    edit(
        write(a, broken),
        lambda: assert_equal(
            any("front matter is not valid YAML" in line for line in server.lines), True
        ),
    )
    edit(
        write(a, entry("Entry A", "Delta", "S1", cards_a)),
        lambda: assert_equal(chip_names(server.get("notes/a/")), ["Delta"]),
    )
    # 14-16: add an entry, edit it, delete it
    edit(
        write(c, entry("Entry C", "Epsilon", "S1", [card("Card six", month=6)], month=6)),
        lambda: assert_equal(server.get("tags/epsilon/") is not None, True),
    )
    edit(
        write(
            c,
            entry(
                "Entry C",
                "Epsilon",
                "S1",
                [card("Card six", month=6), card("Card seven", month=7)],
                month=6,
            ),
        ),
        lambda: assert_equal(timeline_titles(server.get("timeline/"))[0], "Card seven"),
    )
    edit(
        lambda: c.unlink(),
        lambda: (
            assert_equal(server.get("tags/epsilon/"), None),
            assert_equal("Card seven" in timeline_titles(server.get("timeline/")), False),
        ),
    )
    # 17-18: a draft appears in serve with its badge, then is published
    edit(
        write(
            c,
            entry("Entry C", "Zeta", "S1", [card("Card eight", month=8)], month=8).replace(
                "series: S1", "series: S1\nstatus: draft"
            ),
        ),
        lambda: assert_equal(
            server.get("notes/c/").select_one(".fieldnotes-badge--draft").get_text(), "Draft"
        ),
    )  # type: ignore[union-attr]
    edit(
        write(c, entry("Entry C", "Zeta", "S1", [card("Card eight", month=8)], month=8)),
        lambda: assert_equal(server.get("notes/c/").select_one(".fieldnotes-badge--draft"), None),
    )  # type: ignore[union-attr]
    # 19-20: change a card's date, then its title (anchor follows)
    edit(
        write(c, entry("Entry C", "Zeta", "S1", [card("Card eight", month=1)], month=8)),
        lambda: assert_equal(timeline_titles(server.get("timeline/"))[-1], "Card eight"),
    )
    edit(
        write(c, entry("Entry C", "Zeta", "S1", [card("Card nine", month=1)], month=8)),
        lambda: assert_equal(card_ids(server.get("notes/c/")), ["card-nine"]),
    )

    assert step == 20
    # The export is served too, and follows the edits (entry C's card was renamed last).
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/fieldnotes.json") as r:
        export = json.loads(r.read().decode("utf-8"))
    cards = {c["id"] for e in export["entries"] for c in e["cards"]}
    assert "card-nine" in cards and "card-eight" not in cards
    # No rebuild loop: once quiet, the server stays quiet.
    settled = server.builds()
    time.sleep(3)
    assert server.builds() == settled, "mkdocs serve kept rebuilding with no edit"
    # Memory stays flat: the last rebuilds use no more than 40 MiB over the early ones.
    assert max(rss[-5:]) - min(rss[:5]) < 40 * 1024, rss
    assert server.proc.poll() is None


def assert_equal(actual: object, expected: object) -> None:
    assert actual == expected, f"{actual!r} != {expected!r}"


def test_serve_dirty_rebuilds_the_edited_entry_and_the_listings_that_show_it(site: Path) -> None:
    """`mkdocs serve --dirty` on a real server: the edit shows on the entry, on the listings
    and in the export, and the listings that do not show the entry are not written again."""
    server = Server(site, "--dirty", "--verbose")
    try:
        server.wait_builds(1, timeout=90)
        a = site / "docs" / "notes" / "a.md"
        cards_a = [card("Card one"), card("Card two", day=1)]
        before = server.builds()
        a.write_text(entry("Entry A renamed", "Alpha, Gamma", "S1", cards_a), "utf-8")
        server.wait_builds(before + 1)
        time.sleep(0.2)
        alpha, gamma, beta = (server.get(f"tags/{t}/") for t in ("alpha", "gamma", "beta"))
        assert alpha is not None and gamma is not None and beta is not None
        assert "Entry A renamed" in alpha.get_text() and "Entry A renamed" in gamma.get_text()
        assert chip_names(server.get("notes/a/")) == ["Alpha", "Gamma"]
        index = server.get("tags/")
        assert index is not None and "Gamma" in index.get_text()
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/fieldnotes.json") as r:
            export = json.loads(r.read().decode("utf-8"))
        assert "Entry A renamed" in {e["title"] for e in export["entries"]}
        counts = [
            (int(m.group(1)), int(m.group(2)))
            for line in server.lines
            if (m := re.search(r"--dirty: (\d+) of (\d+) listing pages built", line))
        ]
        assert len(counts) == 2, server.lines[-30:]
        (first_built, first_total), (built, total) = counts
        assert first_built == first_total  # the first build writes every page
        assert 0 < built < total  # tags/beta/ (entry B only) is left as it is
        settled = server.builds()
        time.sleep(3)
        assert server.builds() == settled, "mkdocs serve --dirty kept rebuilding with no edit"
    finally:
        server.stop()

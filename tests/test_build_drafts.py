"""Real builds: draft entries are left out of ``mkdocs build``, badged in ``mkdocs serve``
and published with their badge when ``status_publish_drafts`` is on."""

from __future__ import annotations

import json
import logging

import pytest
from bs4 import BeautifulSoup
from conftest import Built, SiteFactory, follow, main_content, page_file, page_url, text_of

LOGGER = "mkdocs.plugins.mkdocs_fieldnotes.plugin"

PUBLISHED = """\
---
title: Published entry
date: 2025-12-01
tags: [Search]
series: Retrieval Notes
series_order: 1
category: Notebook
---

### Published card
Link: https://pub.example/

Date commented: 2025-12-01

Published commentary.
"""

DRAFT = """\
---
title: Draft entry
date: 2025-12-20
status: draft
tags: [Search, Secret]
series: Retrieval Notes
series_order: 2
category: Notebook
---

### Draft card
Link: https://draft.example/

Date commented: 2025-12-20

Draft commentary.
"""

WIP = """\
---
title: Work in progress
date: 2025-12-10
tags: [Search]
---

### Wip card
Link: https://wip.example/

Date commented: 2025-12-10

Not ready.
"""


def files() -> dict[str, str | bytes]:
    return {"index.md": "# Home\n", "notes/pub.md": PUBLISHED, "notes/draft.md": DRAFT}


def plugin_infos(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.INFO
    ]


def left_out_one(path: str) -> str:
    """The INFO line of a build that left the one draft entry at ``path`` out."""
    return (
        f"mkdocs_fieldnotes: 1 draft entry left out of the build: {path}. Preview with "
        "'mkdocs serve', or set 'status_publish_drafts: true' to publish drafts."
    )


# -- mkdocs build ------------------------------------------------------------------------


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_build_leaves_drafts_out_everywhere(
    build_site: SiteFactory, use_dirs: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    built = build_site(files(), use_directory_urls=use_dirs)
    assert not built.aborted
    assert not built.exists(page_file("notes/draft.md", use_dirs))
    assert built.exists(page_file("notes/pub.md", use_dirs))
    assert plugin_infos(caplog) == [left_out_one("notes/draft.md")]

    # Tag index and pages: counts without the draft; a tag only the draft has is gone.
    tags = main_content(built.page(page_file("tags/index.md", use_dirs)))
    rows = [
        tuple(text_of(td) for td in tr.select("td"))
        for tr in tags.select("table.fieldnotes-term-table tbody tr")
    ]
    assert rows == [("Search", "1", "1")]
    assert not built.exists(page_file("tags/secret.md", use_dirs))
    search = main_content(built.page(page_file("tags/search.md", use_dirs)))
    titles = [text_of(a) for a in search.select("a.fieldnotes-entry__title")]
    assert titles == ["Published entry"]
    assert [text_of(a) for a in search.select("a.fieldnotes-timeline__title")] == ["Published card"]

    # Series, category and timeline pages.
    series = main_content(built.page(page_file("series/retrieval-notes.md", use_dirs)))
    heads = [text_of(li.select_one(".fieldnotes-entry__head")) for li in series.select("ol > li")]
    assert heads == ["Part 1 of 1 Published entry"]
    category = main_content(built.page(page_file("categories/notebook.md", use_dirs)))
    assert [text_of(a) for a in category.select("a.fieldnotes-entry__title")] == ["Published entry"]
    timeline = main_content(built.page(page_file("timeline/index.md", use_dirs)))
    assert [text_of(a) for a in timeline.select("a.fieldnotes-timeline__title")] == [
        "Published card"
    ]

    # The published entry's series box no longer points at the draft.
    pub = built.page(page_file("notes/pub.md", use_dirs))
    box = pub.select_one("nav.fieldnotes-series")
    assert text_of(box.select_one(".fieldnotes-series__part")) == "Part 1 of 1"
    assert box.select_one("a.fieldnotes-series__next") is None

    # No built page mentions or links the draft.
    for path in sorted(built.site_dir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert "Draft entry" not in soup.get_text(), path
        assert soup.select(".fieldnotes-badge--draft") == [], path

    # Export and search index.
    data = built.export()
    assert [e["source_path"] for e in data["entries"]] == ["notes/pub.md"]
    assert [(t["name"], t["entries"], t["card_count"]) for t in data["tags"]] == [
        ("Search", [page_url("notes/pub.md", use_dirs)], 1)
    ]
    assert data["series"][0]["parts"] == [page_url("notes/pub.md", use_dirs)]
    index = json.loads((built.site_dir / "search/search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if "draft" in d["location"]]


def test_info_counts_every_draft_left_out(
    build_site: SiteFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    second = DRAFT.replace("Draft entry", "Second draft").replace("Draft card", "Other card")
    build_site({**files(), "notes/draft2.md": second})
    assert plugin_infos(caplog) == [
        "mkdocs_fieldnotes: 2 draft entries left out of the build: notes/draft.md, "
        "notes/draft2.md. Preview with 'mkdocs serve', or set 'status_publish_drafts: true' "
        "to publish drafts."
    ]


def test_info_names_three_drafts_and_counts_the_others(
    build_site: SiteFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    drafts = {
        f"notes/draft{n}.md": DRAFT.replace("Draft entry", f"Draft {n}").replace(
            "Draft card", f"Card {n}"
        )
        for n in range(1, 6)
    }
    built = build_site({"index.md": "# Home\n", "notes/pub.md": PUBLISHED, **drafts})
    assert not [p for p in drafts if built.exists(page_file(p, True))]
    assert plugin_infos(caplog) == [
        "mkdocs_fieldnotes: 5 draft entries left out of the build: notes/draft1.md, "
        "notes/draft2.md, notes/draft3.md and 2 more. Preview with 'mkdocs serve', or set "
        "'status_publish_drafts: true' to publish drafts."
    ]


def test_no_info_without_drafts(build_site: SiteFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    build_site({"index.md": "# Home\n", "notes/pub.md": PUBLISHED})
    assert plugin_infos(caplog) == []


# -- mkdocs serve and status_publish_drafts ------------------------------------------------------


def assert_draft_shown(built: Built, use_dirs: bool) -> None:
    """The draft has its page with a Draft badge and appears, badged, in every listing."""
    source = page_file("notes/draft.md", use_dirs)
    page = built.page(source)
    header = page.select_one("header.fieldnotes-header")
    assert "fieldnotes-header--draft" in header["class"]
    (badge,) = header.select(".fieldnotes-badge")
    assert "fieldnotes-badge--draft" in badge["class"]
    assert text_of(badge) == "Draft"
    assert [c["data-card-id"] for c in page.select("article.fieldnotes-card")] == ["draft-card"]

    # The published entry has no badge.
    pub = built.page(page_file("notes/pub.md", use_dirs))
    assert pub.select(".fieldnotes-badge--draft") == []

    # Tag page: both entries (newest first), the draft one badged; its card too.
    tag_file = page_file("tags/search.md", use_dirs)
    tag = main_content(built.page(tag_file))
    entries = tag.select("ul.fieldnotes-entries > li")
    assert [text_of(li.select_one(".fieldnotes-entry__head")) for li in entries] == [
        "Draft entry Draft",
        "Published entry",
    ]
    assert follow(built, tag_file, entries[0].a["href"])[0] == source
    items = tag.select("li.fieldnotes-timeline__item")
    assert [text_of(i.select_one(".fieldnotes-timeline__head")) for i in items] == [
        "Draft card Draft",
        "Published card",
    ]
    assert follow(built, tag_file, items[0].select_one("a")["href"])[0] == source
    tags = main_content(built.page(page_file("tags/index.md", use_dirs)))
    rows = [
        tuple(text_of(td) for td in tr.select("td"))
        for tr in tags.select("table.fieldnotes-term-table tbody tr")
    ]
    assert rows == [("Search", "2", "2"), ("Secret", "1", "1")]

    # Series page and series box.
    series = main_content(built.page(page_file("series/retrieval-notes.md", use_dirs)))
    heads = [text_of(li.select_one(".fieldnotes-entry__head")) for li in series.select("ol > li")]
    assert heads == [
        "Part 1 of 2 Published entry",
        "Part 2 of 2 Draft entry Draft",
    ]
    box = built.page(page_file("notes/pub.md", use_dirs)).select_one("nav.fieldnotes-series")
    nxt = box.select_one("a.fieldnotes-series__next")
    assert follow(built, page_file("notes/pub.md", use_dirs), nxt["href"])[0] == source

    # Timeline.
    timeline = main_content(built.page(page_file("timeline/index.md", use_dirs)))
    heads = [text_of(p) for p in timeline.select(".fieldnotes-timeline__head")]
    assert heads == ["Draft card Draft", "Published card"]


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_serve_shows_drafts_with_a_badge(
    build_site: SiteFactory, use_dirs: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    built = build_site(files(), serve=True, use_directory_urls=use_dirs)
    assert not built.aborted
    assert_draft_shown(built, use_dirs)
    assert plugin_infos(caplog) == []
    data = built.export()
    assert [(e["source_path"], e["draft"]) for e in data["entries"]] == [
        ("notes/draft.md", True),
        ("notes/pub.md", False),
    ]


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_status_publish_drafts_builds_drafts_with_a_badge(
    build_site: SiteFactory, use_dirs: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    built = build_site(files(), plugin={"status_publish_drafts": True}, use_directory_urls=use_dirs)
    assert not built.aborted
    assert_draft_shown(built, use_dirs)
    assert plugin_infos(caplog) == []
    data = built.export()
    assert [(e["source_path"], e["status"], e["draft"]) for e in data["entries"]] == [
        ("notes/draft.md", "draft", True),
        ("notes/pub.md", None, False),
    ]
    search = json.loads((built.site_dir / "search/search_index.json").read_text("utf-8"))
    locations = {d["location"] for d in search["docs"]}
    assert f"{page_url('notes/draft.md', use_dirs)}#draft-card" in locations


def test_custom_draft_status(build_site: SiteFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    wip = WIP.replace("tags: [Search]", "status: in-progress\ntags: [Search]")
    built = build_site(
        {"index.md": "# Home\n", "notes/pub.md": PUBLISHED, "notes/wip.md": wip},
        plugin={"status_drafts": ["in-progress"]},
    )
    assert not built.exists("notes/wip/index.html")
    assert plugin_infos(caplog) == [left_out_one("notes/wip.md")]
    assert [e["source_path"] for e in built.export()["entries"]] == ["notes/pub.md"]


def test_mkdocs_draft_docs_count_as_drafts(
    build_site: SiteFactory, caplog: pytest.LogCaptureFixture
) -> None:
    # A page MkDocs itself treats as a draft ('draft_docs') is a draft entry too.
    caplog.set_level(logging.INFO, logger=LOGGER)
    source = {"index.md": "# Home\n", "notes/pub.md": PUBLISHED, "notes/wip.md": WIP}
    config = {"draft_docs": "notes/wip.md\n"}
    built = build_site(source, config)
    assert not built.exists("notes/wip/index.html")
    assert [e["source_path"] for e in built.export()["entries"]] == ["notes/pub.md"]
    tag = main_content(built.page("tags/search/"))
    assert [text_of(a) for a in tag.select("a.fieldnotes-entry__title")] == ["Published entry"]
    assert plugin_infos(caplog) == [left_out_one("notes/wip.md")]

    served = build_site(source, config, serve=True)
    header = served.page("notes/wip/").select_one("header.fieldnotes-header")
    assert text_of(header.select_one(".fieldnotes-badge--draft")) == "Draft"
    tag = main_content(served.page("tags/search/"))
    assert [text_of(p) for p in tag.select(".fieldnotes-entry__head")] == [
        "Work in progress Draft",
        "Published entry",
    ]

"""Real builds: the tag, series, category and timeline pages, the nav and the export.

One shared site (built once per ``use_directory_urls`` value) covers the listings; the
timeline split, the French site, user pages at generated paths, ``tags: false`` and the
guards (docs_dir untouched, reproducible output) get their own small builds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import pytest
from bs4 import Tag
from conftest import (
    Built,
    SiteFactory,
    follow,
    main_content,
    page_file,
    page_url,
    resolve_href,
    text_of,
    tree_digest,
)

# -- the shared site ----------------------------------------------------------------------

ALPHA = """\
---
title: Alpha
date: 2025-12-14
summary: Alpha's summary.
category: Notebook
series: Retrieval Notes
series_order: 2
tags: [LLMs/Post-training, Search, Banana]
---

### Alpha one (Source A) — topic A
Link: https://a.example/one

Date commented: 2025-12-14

First alpha card. More text.

### Alpha two
Link: https://a.example/two

Date commented: 2025-11-02

Second alpha card.
"""

GAMMA = """\
---
title: Gamma
date: 2024-03-01
category: notebook
series: Retrieval Notes
series_order: 1
tags: [llms, search, zeta]
---

### Gamma card
Link: https://g.example/

Date commented: 2024-03-02

Gamma commentary.

### Undated card
Link: https://u.example/

Only a link, no date.
"""

DELTA = """\
---
title: Delta
date: 2025-06-01
category: Essays
series: Retrieval Notes
series_order: 3
tags: [apple, LLMs/Post-training]
---

### Delta card
Link: https://d.example/

Date commented: 2025-06-05

Delta commentary.
"""

EPSILON = """\
---
title: Epsilon
date: 2025-01-01
series: Other Series
tags: [Search]
fieldnotes: true
---

An entry without cards.
"""

ETA = """\
---
title: Eta
date: 2024-05-05
series: Other Series
fieldnotes: true
---

Another entry without cards.
"""


def shared_files() -> dict[str, str | bytes]:
    return {
        "index.md": "# Home\n",
        "notes/alpha.md": ALPHA,
        "notes/gamma.md": GAMMA,
        "notes/delta.md": DELTA,
        "notes/epsilon.md": EPSILON,
        "notes/eta.md": ETA,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, use_dirs: bool) -> Built:
    """One strict build per URL style, shared by the read-only tests below."""
    factory = SiteFactory(tmp_path_factory.mktemp("indexes"))
    result = factory(shared_files(), use_directory_urls=use_dirs)
    assert result.unclaimed == [], "the shared site must build without any warning"
    assert not result.aborted
    return result


def targets(built: Built, from_file: str, links: list[Tag]) -> list[str]:
    """Follow each link (asserting its target and anchor exist); the target files."""
    return [follow(built, from_file, a["href"])[0] for a in links]


def anchored(built: Built, from_file: str, links: list[Tag]) -> list[str]:
    """``<target file>#<fragment>`` of each link, after checking both exist."""
    result = []
    for a in links:
        path, _ = follow(built, from_file, a["href"])
        fragment = resolve_href(built, from_file, a["href"])[1]
        result.append(f"{path}#{fragment}" if fragment else path)
    return result


# -- tags -------------------------------------------------------------------------------


def test_tag_index_lists_every_tag_with_counts(built: Built, use_dirs: bool) -> None:
    source = page_file("tags/index.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Tags"
    rows = page.select("table.fieldnotes-term-table tbody tr")
    table = [tuple(text_of(td) for td in row.select("td")) for row in rows]
    # Sorted case-insensitively: "apple" before "Banana"; a child follows its parent.
    assert table == [
        ("apple", "1", "1"),
        ("Banana", "1", "2"),
        ("LLMs", "3", "5"),
        ("LLMs/Post-training", "2", "3"),
        ("Search", "3", "4"),
        ("zeta", "1", "2"),
    ]
    linked = targets(built, source, [row.select_one("a") for row in rows])
    assert linked == [
        page_file(f"tags/{slug}.md", use_dirs)
        for slug in ("apple", "banana", "llms", "llms/post-training", "search", "zeta")
    ]


def test_tag_index_shows_the_hierarchy_as_a_tree(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("tags/index.md", use_dirs)))
    tree = page.select_one("ul.fieldnotes-tag-tree")
    roots = tree.find_all("li", recursive=False)

    def label(li: Tag) -> str:
        chip = li.find("a", class_="fieldnotes-chip", recursive=False)
        count = chip.select_one(".fieldnotes-chip__count")
        return f"{chip.find(string=True, recursive=False).strip()}={text_of(count)}"

    assert [label(li) for li in roots] == [
        "apple=1",
        "Banana=1",
        "LLMs=3",
        "Search=3",
        "zeta=1",
    ]
    llms = roots[2]
    children = llms.select(":scope > ul > li")
    assert [label(li) for li in children] == ["Post-training=2"]
    title = llms.select_one(".fieldnotes-chip__count")["title"]
    assert title == "3 entries, 5 cards"


def test_tag_page_lists_entries_then_cards_in_timeline_order(built: Built, use_dirs: bool) -> None:
    source = page_file("tags/llms.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Tag: LLMs"
    h2 = page.find_all("h2")
    assert [text_of(h) for h in h2] == ["Entries (3)", "Cards (5)"]
    # A parent tag rolls up its children: Alpha and Delta are only tagged LLMs/Post-training.
    entries = page.select("ul.fieldnotes-entries a.fieldnotes-entry__title")
    assert [text_of(a) for a in entries] == ["Alpha", "Delta", "Gamma"]
    assert targets(built, source, entries) == [
        page_file(f"notes/{n}.md", use_dirs) for n in ("alpha", "delta", "gamma")
    ]
    entry_list = page.select_one("ul.fieldnotes-entries")
    cards_heading = h2[1]
    assert entry_list.find_previous("h2") is h2[0]
    assert cards_heading.find_previous("ul", class_="fieldnotes-entries") is entry_list
    # Cards: newest "date commented" first, the undated one last, each linking to its anchor.
    items = page.select("li.fieldnotes-timeline__item")
    dates = [i.select_one(".fieldnotes-timeline__date") for i in items]
    assert [d.get("datetime") for d in dates] == [
        "2025-12-14",
        "2025-11-02",
        "2025-06-05",
        "2024-03-02",
        None,
    ]
    links = [i.select_one("a.fieldnotes-timeline__title") for i in items]
    assert [text_of(a) for a in links] == [
        "Alpha one",
        "Alpha two",
        "Delta card",
        "Gamma card",
        "Undated card",
    ]
    assert anchored(built, source, links) == [
        page_file("notes/alpha.md", use_dirs) + "#alpha-one",
        page_file("notes/alpha.md", use_dirs) + "#alpha-two",
        page_file("notes/delta.md", use_dirs) + "#delta-card",
        page_file("notes/gamma.md", use_dirs) + "#gamma-card",
        page_file("notes/gamma.md", use_dirs) + "#undated-card",
    ]
    months = [text_of(h) for h in page.select("h3.fieldnotes-timeline__month")]
    assert months == ["December 2025", "November 2025", "June 2025", "March 2024", "Undated"]
    # Related tags: the child is linked from the parent and back.
    (child,) = page.select(".fieldnotes-related a.fieldnotes-chip")
    path, child_page = follow(built, source, child["href"])
    assert path == page_file("tags/llms/post-training.md", use_dirs)
    (up,) = main_content(child_page).select(".fieldnotes-related a.fieldnotes-chip")
    assert text_of(up) == "↑ LLMs"
    assert follow(built, path, up["href"])[0] == source


def test_child_tag_page_has_only_its_own_entries(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("tags/llms/post-training.md", use_dirs)))
    assert text_of(page.h1) == "Tag: LLMs/Post-training"
    entries = page.select("ul.fieldnotes-entries a.fieldnotes-entry__title")
    assert [text_of(a) for a in entries] == ["Alpha", "Delta"]
    titles = [text_of(a) for a in page.select("a.fieldnotes-timeline__title")]
    assert titles == ["Alpha one", "Alpha two", "Delta card"]


def test_tags_differing_only_in_case_merge(built: Built, use_dirs: bool) -> None:
    # "Search" (Alpha, Epsilon) and "search" (Gamma): one tag, the most used spelling.
    assert not built.exists(page_file("tags/search-2.md", use_dirs))
    page = main_content(built.page(page_file("tags/search.md", use_dirs)))
    assert text_of(page.h1) == "Tag: Search"
    entries = page.select("ul.fieldnotes-entries a.fieldnotes-entry__title")
    assert [text_of(a) for a in entries] == ["Alpha", "Epsilon", "Gamma"]
    names = [t["name"] for t in built.export()["tags"]]
    assert [n for n in names if n.casefold() == "search"] == ["Search"]
    # The entry that wrote "search" shows the merged spelling and links to the one page.
    gamma = page_file("notes/gamma.md", use_dirs)
    chips = built.page(gamma).select("header.fieldnotes-header a.fieldnotes-chip")
    assert [text_of(a) for a in chips] == ["LLMs", "Search", "zeta"]
    assert targets(built, gamma, chips)[1] == page_file("tags/search.md", use_dirs)


def test_counts_of_one_are_singular(built: Built, use_dirs: bool) -> None:
    # "Essays" has one entry with one card: English needs "1 entry", "1 card".
    page = main_content(built.page(page_file("categories/index.md", use_dirs)))
    essays = page.select_one("ul.fieldnotes-category-list > li")
    counts = [text_of(span) for span in essays.select(".fieldnotes-entry__meta > span")]
    assert counts == ["1 entry", "1 card"]
    tags = main_content(built.page(page_file("tags/index.md", use_dirs)))
    apple = tags.select_one("ul.fieldnotes-tag-tree .fieldnotes-chip__count")
    assert apple["title"] == "1 entry, 1 card"


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_child_tag_named_index_gets_its_own_page(build_site: SiteFactory, use_dirs: bool) -> None:
    # "LLMs/index" must not land on tags/llms/index.md: with directory URLs that is the
    # URL of the parent's page tags/llms.md (both become tags/llms/index.html).
    entry = (
        "---\ntitle: Alpha\ndate: 2025-12-14\ntags: [LLMs, LLMs/index]\nfieldnotes: true\n---\n"
        "\nText.\n"
    )
    built = build_site({"index.md": "# Home\n", "notes/a.md": entry}, use_directory_urls=use_dirs)
    source = page_file("notes/a.md", use_dirs)
    chips = built.page(source).select("header.fieldnotes-header a.fieldnotes-chip")
    assert [text_of(a) for a in chips] == ["LLMs", "LLMs/index"]
    pages = [follow(built, source, a["href"]) for a in chips]
    assert pages[0][0] != pages[1][0], "both tags link to the same page"
    assert [text_of(main_content(soup).h1) for _, soup in pages] == ["Tag: LLMs", "Tag: LLMs/index"]
    urls = [t["url"] for t in built.export()["tags"]]
    assert len(set(urls)) == 2, urls


# -- series -----------------------------------------------------------------------------


def test_series_index_lists_parts_and_date_range(built: Built, use_dirs: bool) -> None:
    source = page_file("series/index.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Series"
    items = page.select("ul.fieldnotes-series-list > li")
    assert [text_of(li.select_one("a")) for li in items] == ["Other Series", "Retrieval Notes"]
    metas = [li.select_one(".fieldnotes-entry__meta") for li in items]
    assert [[text_of(span) for span in m.find_all("span")] for m in metas] == [
        ["2 parts", "May 5, 2024 – Jan 1, 2025"],
        ["3 parts", "Mar 1, 2024 – Dec 14, 2025"],
    ]
    assert [t["datetime"] for t in metas[1].select("time")] == ["2024-03-01", "2025-12-14"]
    assert targets(built, source, [li.select_one("a") for li in items]) == [
        page_file("series/other-series.md", use_dirs),
        page_file("series/retrieval-notes.md", use_dirs),
    ]


def test_series_page_orders_by_series_order_then_date(built: Built, use_dirs: bool) -> None:
    source = page_file("series/retrieval-notes.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Series: Retrieval Notes"
    parts = page.select("ol.fieldnotes-parts > li")
    # series_order wins over the date: Delta (June 2025) comes after Alpha (December 2025).
    assert [text_of(li.select_one(".fieldnotes-entry__head")) for li in parts] == [
        "Part 1 of 3 Gamma",
        "Part 2 of 3 Alpha",
        "Part 3 of 3 Delta",
    ]
    assert targets(built, source, [li.select_one("a") for li in parts]) == [
        page_file(f"notes/{n}.md", use_dirs) for n in ("gamma", "alpha", "delta")
    ]
    # Without series_order, the older entry comes first.
    other = main_content(built.page(page_file("series/other-series.md", use_dirs)))
    assert [text_of(a) for a in other.select("ol.fieldnotes-parts a")] == ["Eta", "Epsilon"]


def test_series_box_on_an_entry(built: Built, use_dirs: bool) -> None:
    source = page_file("notes/alpha.md", use_dirs)
    box = built.page(source).select_one("header.fieldnotes-header nav.fieldnotes-series")
    assert box["aria-label"] == "Series: Retrieval Notes"
    assert text_of(box.select_one(".fieldnotes-series__part")) == "Part 2 of 3"
    series_link = box.select_one(".fieldnotes-series__title a")
    assert follow(built, source, series_link["href"])[0] == page_file(
        "series/retrieval-notes.md", use_dirs
    )
    prev = box.select_one("a.fieldnotes-series__prev")
    nxt = box.select_one("a.fieldnotes-series__next")
    assert (prev["rel"], nxt["rel"]) == (["prev"], ["next"])
    assert text_of(prev) == "← Previous: Gamma"
    assert text_of(nxt) == "Next: Delta →"
    assert follow(built, source, prev["href"])[0] == page_file("notes/gamma.md", use_dirs)
    assert follow(built, source, nxt["href"])[0] == page_file("notes/delta.md", use_dirs)
    parts = box.select("details.fieldnotes-series__parts ol > li")
    assert [text_of(li) for li in parts] == ["Gamma", "Alpha", "Delta"]
    assert parts[1].select_one("strong")["aria-current"] == "page"
    assert parts[1].find("a") is None
    assert targets(built, source, [parts[0].a, parts[2].a]) == [
        page_file("notes/gamma.md", use_dirs),
        page_file("notes/delta.md", use_dirs),
    ]
    # The first part has no "previous" link.
    first = built.page(page_file("notes/gamma.md", use_dirs)).select_one("nav.fieldnotes-series")
    assert text_of(first.select_one(".fieldnotes-series__part")) == "Part 1 of 3"
    assert first.select_one("a.fieldnotes-series__prev") is None
    assert first.select_one("a.fieldnotes-series__next") is not None


# -- categories -------------------------------------------------------------------------


def test_category_index_and_pages(built: Built, use_dirs: bool) -> None:
    source = page_file("categories/index.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Categories"
    items = page.select("ul.fieldnotes-category-list > li")
    assert [text_of(li.select_one("a")) for li in items] == ["Essays", "Notebook"]
    counts = [text_of(span) for span in items[1].select(".fieldnotes-entry__meta > span")]
    assert counts == ["2 entries", "4 cards"]
    linked = targets(built, source, [li.select_one("a") for li in items])
    assert linked == [
        page_file("categories/essays.md", use_dirs),
        page_file("categories/notebook.md", use_dirs),
    ]
    notebook = main_content(built.page(linked[1]))
    assert text_of(notebook.h1) == "Category: Notebook"
    # Newest first (Alpha 2025-12-14, then Gamma 2024-03-01); "notebook" merged in.
    entries = notebook.select("ul.fieldnotes-entries a.fieldnotes-entry__title")
    assert [text_of(a) for a in entries] == ["Alpha", "Gamma"]
    assert [t["datetime"] for t in notebook.select(".fieldnotes-entry__meta time")] == [
        "2025-12-14",
        "2024-03-01",
    ]
    back = notebook.select_one(".fieldnotes-back a")
    assert follow(built, linked[1], back["href"])[0] == source


# -- timeline ---------------------------------------------------------------------------


def test_timeline_newest_first_grouped_by_year_and_month(built: Built, use_dirs: bool) -> None:
    source = page_file("timeline/index.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Timeline"
    headings = [
        (h.name, text_of(h))
        for h in page.find_all(["h2", "h3"])
        if "fieldnotes-timeline__year" in h.get("class", [])
        or "fieldnotes-timeline__month" in h.get("class", [])
    ]
    assert headings == [
        ("h2", "2025"),
        ("h3", "December 2025"),
        ("h3", "November 2025"),
        ("h3", "June 2025"),
        ("h2", "2024"),
        ("h3", "March 2024"),
        ("h2", "Undated"),
    ]
    items = page.select("li.fieldnotes-timeline__item")
    # Each item sits under the heading of its month; the undated one under "Undated".
    under = [text_of(i.find_parent("ol").find_previous(["h2", "h3"])) for i in items]
    assert under == ["December 2025", "November 2025", "June 2025", "March 2024", "Undated"]
    links = [i.select_one("a.fieldnotes-timeline__title") for i in items]
    assert anchored(built, source, links) == [
        page_file("notes/alpha.md", use_dirs) + "#alpha-one",
        page_file("notes/alpha.md", use_dirs) + "#alpha-two",
        page_file("notes/delta.md", use_dirs) + "#delta-card",
        page_file("notes/gamma.md", use_dirs) + "#gamma-card",
        page_file("notes/gamma.md", use_dirs) + "#undated-card",
    ]
    first = items[0]
    assert text_of(first.select_one("time")) == "Dec 14, 2025"
    assert text_of(first.select_one(".fieldnotes-timeline__source")) == "Source A"
    assert text_of(first.select_one(".fieldnotes-timeline__topic")) == "topic A"
    assert text_of(first.select_one(".fieldnotes-timeline__excerpt")) == "First alpha card."
    entry_link = first.select_one(".fieldnotes-timeline__entry a")
    assert follow(built, source, entry_link["href"])[0] == page_file("notes/alpha.md", use_dirs)


# -- nav --------------------------------------------------------------------------------


def test_index_pages_in_nav_and_term_pages_not(built: Built, use_dirs: bool) -> None:
    source = page_file("notes/alpha.md", use_dirs)
    nav = built.page(source).select_one("nav.md-nav--primary")
    linked = {resolve_href(built, source, a["href"])[0] for a in nav.select("a[href]")}
    for index in ("tags", "series", "categories", "timeline"):
        assert page_file(f"{index}/index.md", use_dirs) in linked
    term_pages = [
        page_file(f"{folder}/{slug}.md", use_dirs)
        for folder, slug in (
            ("tags", "llms"),
            ("tags", "llms/post-training"),
            ("tags", "search"),
            ("series", "retrieval-notes"),
            ("categories", "notebook"),
        )
    ]
    for path in term_pages:
        assert built.exists(path)
        assert path not in linked
    assert not [p for p in linked if p.startswith("tags/") and p != "tags/index.html"]


# -- export -----------------------------------------------------------------------------


def test_export_has_terms_with_urls(built: Built, use_dirs: bool) -> None:
    data = built.export()

    def url(src: str) -> str:
        return page_url(src, use_dirs)

    tags = {t["name"]: t for t in data["tags"]}
    assert list(tags) == ["apple", "Banana", "LLMs", "LLMs/Post-training", "Search", "zeta"]
    assert tags["LLMs"] == {
        "name": "LLMs",
        "slug": "llms",
        "url": url("tags/llms.md"),
        "entries": [url("notes/alpha.md"), url("notes/delta.md"), url("notes/gamma.md")],
        "card_count": 5,
        "parent": None,
        "children": ["LLMs/Post-training"],
    }
    assert tags["LLMs/Post-training"]["parent"] == "LLMs"
    assert tags["LLMs/Post-training"]["url"] == url("tags/llms/post-training.md")
    assert [s["name"] for s in data["series"]] == ["Other Series", "Retrieval Notes"]
    retrieval = data["series"][1]
    assert retrieval["url"] == url("series/retrieval-notes.md")
    assert retrieval["parts"] == [url(f"notes/{n}.md") for n in ("gamma", "alpha", "delta")]
    assert data["series"][0]["parts"] == [url("notes/eta.md"), url("notes/epsilon.md")]
    assert [(c["name"], c["url"], c["entries"]) for c in data["categories"]] == [
        ("Essays", url("categories/essays.md"), [url("notes/delta.md")]),
        ("Notebook", url("categories/notebook.md"), [url("notes/alpha.md"), url("notes/gamma.md")]),
    ]
    # Every URL of the export is a page of the site.
    for kind in ("tags", "series", "categories"):
        for term in data[kind]:
            assert follow(built, "index.html", term["url"])


# -- timeline split ---------------------------------------------------------------------


def cards_entry(
    title: str, dates: list[Optional[dt.date]], entry_date: str = "2025-01-01", tags: str = "[]"
) -> str:
    """An entry with one card per date (``None``: an undated card)."""
    parts = [f"---\ntitle: {title}\ndate: {entry_date}\ntags: {tags}\n---\n"]
    for n, when in enumerate(dates, start=1):
        dated = f"\nDate commented: {when.isoformat()}\n" if when else ""
        parts.append(
            f"\n### {title} card {n}\nLink: https://example.org/{n}\n{dated}\nCommentary {n}.\n"
        )
    return "".join(parts)


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_timeline_splits_by_year_past_the_page_size(
    build_site: SiteFactory, use_dirs: bool
) -> None:
    dates_2025 = [dt.date(2025, m, 1) for m in range(1, 8)]  # 7 cards
    dates_2024 = [dt.date(2024, m, 15) for m in range(1, 6)]  # 5 cards
    files = {
        "index.md": "# Home\n",
        "notes/new.md": cards_entry("New", [*dates_2025, None]),
        "notes/old.md": cards_entry("Old", dates_2024, "2024-01-01"),
    }
    built = build_site(files, plugin={"listings_page_size": 10}, use_directory_urls=use_dirs)
    index = page_file("timeline/index.md", use_dirs)
    head = main_content(built.page(index))
    pages = head.select("ul.fieldnotes-timeline-pages > li")
    assert [text_of(li) for li in pages] == ["2025 7", "2024 5", "Undated 1"]
    leaves = targets(built, index, [li.a for li in pages])
    assert leaves == [
        page_file("timeline/2025.md", use_dirs),
        page_file("timeline/2024.md", use_dirs),
        page_file("timeline/undated.md", use_dirs),
    ]
    assert head.select("li.fieldnotes-timeline__item") == []

    y2025, y2024, undated = (main_content(built.page(p)) for p in leaves)
    assert text_of(y2025.h1) == "Timeline · 2025"
    assert len(y2025.select("li.fieldnotes-timeline__item")) == 7
    assert len(y2024.select("li.fieldnotes-timeline__item")) == 5
    assert len(undated.select("li.fieldnotes-timeline__item")) == 1
    dates = [t["datetime"] for t in y2025.select("time.fieldnotes-timeline__date")]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2025-07-01"
    # Pager: newer/older between the leaves, and back to the index.
    pager = {p: main_content(built.page(p)).select_one("nav.fieldnotes-pager") for p in leaves}
    first = pager[leaves[0]]
    assert first.select_one("a[rel=prev]") is None
    assert follow(built, leaves[0], first.select_one("a[rel=next]")["href"])[0] == leaves[1]
    middle = pager[leaves[1]]
    assert follow(built, leaves[1], middle.select_one("a[rel=prev]")["href"])[0] == leaves[0]
    assert follow(built, leaves[1], middle.select_one("a[rel=next]")["href"])[0] == leaves[2]
    last = pager[leaves[2]]
    assert last.select_one("a[rel=next]") is None
    assert text_of(last.select_one("a[rel=prev]")) == "← Newer"
    assert text_of(middle.select_one("a[rel=next]")) == "Older →"
    index_links = [a for a in last.select("a") if not a.get("rel")]
    assert targets(built, leaves[2], index_links) == [index]
    # Every card link on a leaf resolves to its anchor.
    for leaf in leaves:
        links = main_content(built.page(leaf)).select("a.fieldnotes-timeline__title")
        assert all(f for _, f in (resolve_href(built, leaf, a["href"]) for a in links))
        targets(built, leaf, links)


def test_timeline_splits_a_large_year_by_month(build_site: SiteFactory) -> None:
    december = [dt.date(2025, 12, d) for d in range(1, 12)]  # 11: two December pages
    november = [dt.date(2025, 11, d) for d in range(1, 4)]
    files = {
        "index.md": "# Home\n",
        "notes/a.md": cards_entry("A", december + november, tags="[T]"),
        "notes/b.md": cards_entry("B", [dt.date(2024, 6, 1)], "2024-06-01", tags="[t]"),
    }
    built = build_site(files, plugin={"listings_page_size": 10, "tags_cards_limit": 10})
    head = main_content(built.page("timeline/"))
    pages = head.select("ul.fieldnotes-timeline-pages > li")
    assert [text_of(li) for li in pages] == [
        "December 2025 10",
        "December 2025 (2) 1",
        "November 2025 3",
        "2024 1",
    ]
    leaves = targets(built, "timeline/index.html", [li.a for li in pages])
    assert leaves == [
        "timeline/2025/12/index.html",
        "timeline/2025/12-2/index.html",
        "timeline/2025/11/index.html",
        "timeline/2024/index.html",
    ]
    first = main_content(built.page(leaves[0]))
    assert text_of(first.h1) == "Timeline · 2025-12"
    dates = [t["datetime"] for t in first.select("time.fieldnotes-timeline__date")]
    assert dates == [dt.date(2025, 12, d).isoformat() for d in range(11, 1, -1)]
    second = main_content(built.page(leaves[1]))
    assert [t["datetime"] for t in second.select("time.fieldnotes-timeline__date")] == [
        "2025-12-01"
    ]
    older = second.select_one("nav.fieldnotes-pager a[rel=next]")
    assert follow(built, leaves[1], older["href"])[0] == leaves[2]
    # A tag page shows at most tags_cards_limit cards and points to the timeline.
    tag = main_content(built.page("tags/t/"))
    assert [text_of(h) for h in tag.find_all("h2")] == ["Entries (2)", "Recent cards (15)"]
    assert len(tag.select("li.fieldnotes-timeline__item")) == 10
    more = tag.select_one("p.fieldnotes-more")
    assert text_of(more) == "5 older cards are in the timeline. Timeline"
    assert follow(built, "tags/t/index.html", more.a["href"])[0] == "timeline/index.html"


# -- language ---------------------------------------------------------------------------


def test_french_site_uses_french_dates_and_words(build_site: SiteFactory) -> None:
    files = {"index.md": "# Accueil\n", "notes/alpha.md": ALPHA, "notes/gamma.md": GAMMA}
    built = build_site(files, theme={"name": "material", "language": "fr"})
    timeline = main_content(built.page("timeline/"))
    assert text_of(timeline.h1) == "Chronologie"
    months = [text_of(h) for h in timeline.select("h3.fieldnotes-timeline__month")]
    assert months == ["Décembre 2025", "Novembre 2025", "Mars 2024"]
    assert text_of(timeline.select("h2.fieldnotes-timeline__year")[-1]) == "Sans date"
    assert text_of(timeline.select_one("time.fieldnotes-timeline__date")) == "14 déc. 2025"
    entry = main_content(built.page("notes/alpha/"))
    card_time = entry.select_one("article.fieldnotes-card .fieldnotes-card__meta time")
    assert (card_time["datetime"], text_of(card_time)) == ("2025-12-14", "14 déc. 2025")
    assert text_of(main_content(built.page("tags/llms/")).h1) == "Étiquette : LLMs"
    assert text_of(main_content(built.page("tags/")).h1) == "Étiquettes"


# -- nav and user pages at generated paths ----------------------------------------------


def test_explicit_nav_can_reference_the_generated_tag_index(build_site: SiteFactory) -> None:
    config = {
        "nav": [
            {"Home": "index.md"},
            {"Notes": ["notes/alpha.md", "notes/gamma.md"]},
            {"All tags": "tags/index.md"},
        ]
    }
    built = build_site(
        {"index.md": "# Home\n", "notes/alpha.md": ALPHA, "notes/gamma.md": GAMMA}, config
    )
    assert not built.aborted
    source = "notes/alpha/index.html"
    nav = built.page(source).select_one("nav.md-nav--primary")
    by_text = {text_of(a): a["href"] for a in nav.select("a[href]")}
    assert follow(built, source, by_text["All tags"])[0] == "tags/index.html"
    assert text_of(main_content(built.page("tags/")).h1) == "Tags"
    # The other generated pages are still built, outside the explicit nav.
    assert built.exists("series/index.html")
    assert built.exists("timeline/index.html")
    linked = {resolve_href(built, source, h)[0] for h in by_text.values()}
    assert "series/index.html" not in linked


HOSTED_WITH_MARKER = """\
# My tags

Intro text written by the author.

<!-- fieldnotes:listing -->

Closing words after the listing.
"""

HOSTED_WITHOUT_MARKER = """\
# My tags

Intro text written by the author.
"""


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_user_page_at_a_generated_path_hosts_the_listing_at_the_marker(
    build_site: SiteFactory, use_dirs: bool
) -> None:
    files = {**shared_files(), "tags/index.md": HOSTED_WITH_MARKER}
    built = build_site(files, use_directory_urls=use_dirs)
    source = page_file("tags/index.md", use_dirs)
    page = main_content(built.page(source))
    assert [text_of(h) for h in page.find_all("h1")] == ["My tags"]
    blocks = [
        child
        for child in page.find_all(["p", "ul", "table"], recursive=False)
        if child.name != "p" or text_of(child)
    ]
    kinds = [
        text_of(b) if b.name == "p" else b.name + "." + ".".join(b.get("class", [])) for b in blocks
    ]
    assert kinds == [
        "Intro text written by the author.",
        "ul.fieldnotes-tag-tree",
        "table.fieldnotes-term-table",
        "Closing words after the listing.",
    ]
    rows = page.select("table.fieldnotes-term-table tbody tr a")
    assert targets(built, source, rows)[0] == page_file("tags/apple.md", use_dirs)
    # The per-tag pages are still generated next to the user's index.
    apple = page_file("tags/apple.md", use_dirs)
    back = main_content(built.page(apple)).select_one(".fieldnotes-back a")
    assert follow(built, apple, back["href"])[0] == source


def test_user_page_without_marker_is_left_as_it_is(build_site: SiteFactory) -> None:
    """A page of the user's (or another plugin's, like Material's tags page) at the tag
    index's place hosts the listing only when it has the marker: without it, it is left as
    MkDocs builds it, and tag pages link back to it."""
    files = {**shared_files(), "tags/index.md": HOSTED_WITHOUT_MARKER}
    built = build_site(files)
    page = main_content(built.page("tags/"))
    assert [text_of(h) for h in page.find_all("h1")] == ["My tags"]
    assert page.find("p", string="Intro text written by the author.") is not None
    assert page.select("[class*=fieldnotes]") == []
    back = built.page("tags/search/").select_one("p.fieldnotes-back a")
    assert back is not None and resolve_href(built, "tags/search/index.html", back["href"])[0] == (
        "tags/index.html"
    )


def test_tags_off_removes_tag_pages_and_chips_become_text(build_site: SiteFactory) -> None:
    built = build_site(shared_files(), plugin={"tags": False})
    assert not built.exists("tags")
    source = "notes/alpha/index.html"
    header = built.page(source).select_one("header.fieldnotes-header")
    chips = header.select(".fieldnotes-chips .fieldnotes-chip")
    assert [(c.name, text_of(c)) for c in chips] == [
        ("span", "LLMs/Post-training"),
        ("span", "Search"),
        ("span", "Banana"),
    ]
    assert header.select(".fieldnotes-chips a") == []
    nav = built.page(source).select_one("nav.md-nav--primary")
    linked = {resolve_href(built, source, a["href"])[0] for a in nav.select("a[href]")}
    assert "series/index.html" in linked
    assert not [p for p in linked if p.startswith("tags/")]
    assert built.export()["tags"] == []
    assert built.exists("series/index.html")
    assert built.exists("timeline/index.html")


# -- guards -----------------------------------------------------------------------------


def test_build_leaves_docs_dir_untouched(build_site: SiteFactory, tmp_path: Path) -> None:
    root = tmp_path / "guarded"
    files = {**shared_files(), "tags/index.md": HOSTED_WITH_MARKER}
    docs = root / "docs"
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, "utf-8")
    before = tree_digest(docs)
    built = build_site(files, root=root)
    assert built.exists("tags/llms/index.html")
    assert tree_digest(docs) == before
    assert sorted(before) == sorted(files)


def test_two_builds_give_identical_output(build_site: SiteFactory, tmp_path: Path) -> None:
    first = build_site(shared_files(), root=tmp_path / "one" / "project")
    second = build_site(shared_files(), root=tmp_path / "two" / "elsewhere")
    a, b = tree_digest(first.site_dir), tree_digest(second.site_dir)
    # sitemap.xml.gz stores the time it was compressed in its gzip header, so its bytes
    # change from one second to the next; the sitemap.xml it holds is compared instead.
    a.pop("sitemap.xml.gz")
    b.pop("sitemap.xml.gz")
    assert sorted(a) == sorted(b)
    generated = [p for p in a if p.split("/")[0] in ("tags", "series", "categories", "timeline")]
    assert len(generated) >= 10
    different = sorted(p for p in a if a[p] != b[p])
    assert different == []
    assert first.export() == second.export()


def test_listing_headings_get_ids_permalinks_and_toc_entries(build_site: SiteFactory) -> None:
    """Listings go in after Markdown: their headings still behave like the page's own."""
    cards = "".join(
        f"### Card {i}\nLink: https://example.org/{i}\n\nDate commented: 2025-0{i}-02\n\nWords.\n\n"
        for i in (3, 4)
    )
    built = build_site(
        {
            "index.md": "# Home\n",
            "notes/a.md": "---\ntags: [x]\n---\n\n" + cards,
            "timeline/index.md": "# Reading log\n\n## Before\n\n<!-- fieldnotes:listing -->\n\n"
            "## After\n",
        },
        {"markdown_extensions": [{"toc": {"permalink": True}}, "attr_list"]},
    )
    page = main_content(built.page("timeline/index.html"))
    headings = [(h.name, h.get("id"), h.select_one("a.headerlink")) for h in page.select("h2, h3")]
    assert [(name, ident) for name, ident, _ in headings] == [
        ("h2", "before"),
        ("h2", "2025"),
        ("h3", "april-2025"),
        ("h3", "march-2025"),
        ("h2", "after"),
    ]
    assert all(link is not None and link["href"] == f"#{i}" for _, i, link in headings)
    toc = built.page("timeline/index.html").select("nav.md-nav--secondary a.md-nav__link")
    # Material prints the table of contents twice (sidebar and mobile drawer): order, not count.
    assert list(dict.fromkeys(a["href"] for a in toc)) == [
        "#before",
        "#2025",
        "#april-2025",
        "#march-2025",
        "#after",
    ]
    tag = built.page("tags/x/index.html")
    toc = list(dict.fromkeys(a["href"] for a in tag.select("nav.md-nav--secondary a")))
    assert toc[:2] == ["#entries-1", "#cards-2"]


def test_an_entry_list_override_is_used_on_tag_and_category_pages(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    # tag.html and category.html call entry_list(): a custom_dir copy of the partial wins
    # over the plugin's Python rendering of it, and sees the listing's variables.
    root = tmp_path / "override"
    partials = root / "overrides" / "fieldnotes" / "partials"
    partials.mkdir(parents=True)
    (partials / "entry-list.html").write_text(
        '<ul class="mine" data-term="{{ term.name }}">{% for e in entries %}'
        '<li><a href="{{ href(e.src_uri) }}">{{ e.display_title }}</a></li>{% endfor %}</ul>',
        "utf-8",
    )
    entry = "---\ntitle: {}\ncategory: Notebook\ntags: [Shared]\nfieldnotes: true\n---\n\nText.\n"
    built = build_site(
        {
            "notes/a.md": entry.format("A <b> & co"),
            "notes/b.md": entry.format("Bee"),
        },
        theme={"name": "material", "custom_dir": "overrides"},
        root=root,
    )
    for page in ("tags/shared/index.html", "categories/notebook/index.html"):
        content = main_content(built.page(page))
        lists = content.select("ul.mine")
        assert len(lists) == 1, page
        assert not content.select(".fieldnotes-entries"), page
        assert [a.get_text() for a in lists[0].select("a")] == ["A <b> & co", "Bee"]
        assert lists[0].select("a")[0]["href"] == "../../notes/a/"
    assert (
        main_content(built.page("tags/shared/index.html")).select_one("ul.mine")["data-term"]
        == "Shared"
    )
    # No card and no series: nothing to list on a timeline or a series index.
    assert not built.exists("timeline")
    assert not built.exists("series")

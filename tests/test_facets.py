"""Sources and topics (``facets.py``, ``plan.plan_facets``): the cards grouped by the site
their link is on and by their topic, as plain data, then as pages of real builds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import pytest
from conftest import Built, SiteFactory, follow, main_content, page_file, text_of

from mkdocs_fieldnotes.facets import build_facets, facet_key
from mkdocs_fieldnotes.i18n import words
from mkdocs_fieldnotes.index import build_timeline
from mkdocs_fieldnotes.model import Card, Entry
from mkdocs_fieldnotes.plan import PageOptions, plan_facets, plan_site


def card(
    title: str,
    domain: Optional[str] = None,
    topic: Optional[str] = None,
    day: Optional[dt.date] = None,
    line: int = 1,
) -> Card:
    return Card(
        id=title.lower().replace(" ", "-"),
        heading=title,
        title=title,
        source=None,
        topic=topic,
        link=f"https://{domain}/x" if domain else None,
        link_text=None,
        date_commented=day,
        date_text=None,
        future=None,
        future_label=None,
        commentary="",
        line=line,
        domain=domain,
    )


def entry(src: str, *cards: Card) -> Entry:
    return Entry(src_uri=src, title=src, cards=cards)


D = dt.date


def test_sources_group_hosts_case_insensitively_most_cards_first() -> None:
    timeline = build_timeline(
        [
            entry(
                "a.md",
                card("One", "arxiv.org", day=D(2025, 1, 1), line=1),
                card("Two", "ArXiv.org", day=D(2025, 3, 1), line=2),
                card("Three", "huggingface.co", day=D(2024, 1, 1), line=3),
            ),
            entry("b.md", card("Four", "arxiv.org", day=D(2025, 2, 1)), card("No link")),
        ]
    )
    sources = build_facets("source", timeline, "sources")
    assert [(f.name, f.card_count, f.entry_count, f.src_uri) for f in sources] == [
        ("arxiv.org", 3, 2, "sources/arxiv-org.md"),
        ("huggingface.co", 1, 1, "sources/huggingface-co.md"),
    ]
    # Newest first (timeline order), whatever the entry.
    assert [i.card.title for i in sources[0].items] == ["Two", "Four", "One"]
    assert sources[0].last_date == D(2025, 3, 1)


def test_topics_group_case_and_spacing_and_take_the_most_used_spelling() -> None:
    timeline = build_timeline(
        [
            entry(
                "a.md",
                card("A", topic="Pre-training", line=1),
                card("B", topic="pre-training", line=2),
                card("C", topic="Pre-Training  ", line=3),
                card("D", topic="Pre-training", line=4),
                card("E", topic="RLHF", line=5),
                card("F", topic="rlhf", line=6),
            )
        ]
    )
    topics = build_facets("topic", timeline, "topics")
    # Pre-training: 2 of 4 spell it so; RLHF and rlhf tie, the first in code-point order wins.
    assert [(f.name, f.card_count, f.slug) for f in topics] == [
        ("Pre-training", 4, "pre-training"),
        ("RLHF", 2, "rlhf"),
    ]
    assert facet_key("topic", " Pre-training ") == facet_key("topic", "pre-TRAINING")
    assert facet_key("topic", "a  b") == facet_key("topic", "A B")


def test_facet_slugs_follow_the_slug_rule_and_keep_the_plugins_names_free() -> None:
    timeline = build_timeline(
        [
            entry(
                "a.md",
                card("A", topic="Index", line=1),
                card("B", topic="Café au lait", line=2),
                card("C", topic="café-au-lait", line=3),
                card("D", topic="Page", line=4),
            )
        ]
    )
    slugs = {f.name: f.slug for f in build_facets("topic", timeline, "topics")}
    assert slugs["Index"] == "index-topic"  # topics/index.md is the index page
    assert slugs["Page"] == "page-topic"  # topics/<slug>/page/2.md are numbered pages
    assert slugs["Café au lait"] == "café-au-lait"
    assert slugs["café-au-lait"].startswith("café-au-lait-")  # another value, its own slug
    assert len(set(slugs.values())) == 4


def test_plan_facets_pages_past_the_page_size() -> None:
    cards = [
        card(f"C{n}", "example.org", day=D(2025, 1, 1) + dt.timedelta(n), line=n) for n in range(25)
    ]
    timeline = build_timeline([entry("a.md", *cards)])
    facets = build_facets("source", timeline, "sources")
    listings = plan_facets(facets, "sources", "source", words("en"), page_size=10)
    assert [(p.src_uri, p.title, p.in_nav, p.kind) for p in listings] == [
        ("sources/index.md", "Sources", True, "source-index"),
        ("sources/example-org.md", "Source: example.org", False, "source"),
        ("sources/example-org/page/2.md", "Source: example.org (2)", False, "source"),
        ("sources/example-org/page/3.md", "Source: example.org (3)", False, "source"),
    ]
    first = listings[1].context
    assert [i.card.title for i in first["items"]][:2] == ["C24", "C23"]
    assert first["pager"] == {
        "number": 1,
        "uris": [
            "sources/example-org.md",
            "sources/example-org/page/2.md",
            "sources/example-org/page/3.md",
        ],
    }
    assert len(listings[3].context["items"]) == 5


def test_the_site_plan_has_facets_unless_they_are_turned_off() -> None:
    entries = [entry("a.md", card("A", "example.org", "Topic", D(2025, 1, 1)))]
    site = plan_site(entries, PageOptions(), words("en"))
    assert [f.name for f in site.sources] == ["example.org"]
    assert site.facet_page("source", "EXAMPLE.org") == "sources/example-org.md"
    assert site.facet_page("topic", " topic ") == "topics/topic.md"
    kinds = {listing.kind for listing in site.listings}
    assert {"source-index", "source", "topic-index", "topic"} <= kinds
    off = plan_site(entries, PageOptions(sources=None, topics=None), words("en"))
    assert (off.sources, off.topics) == ([], [])
    assert off.facet_page("topic", "Topic") is None
    assert not {"source-index", "topic-index"} & {listing.kind for listing in off.listings}


# -- real builds ------------------------------------------------------------------------------

ALPHA = """\
---
title: Alpha
date: 2025-12-14
tags: [LLMs]
---

### Attention (Vaswani et al.) — Architecture
Link: https://www.arxiv.org/abs/1706.03762

Date commented: 2025-12-14

First.

### Chinchilla (DeepMind) — scaling  laws
Link: https://arxiv.org/abs/2203.15556

Date commented: 2025-11-02

Second.
"""

BETA = """\
---
title: Beta
date: 2024-03-01
---

### Playbook — Scaling laws
Link: https://huggingface.co/spaces/x

Date commented: 2024-03-02

Third.

### No link — Architecture
Date commented: 2024-02-01

Fourth.
"""


def shared_files() -> dict[str, Any]:
    return {"index.md": "# Home\n", "notes/alpha.md": ALPHA, "notes/beta.md": BETA}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, use_dirs: bool) -> Built:
    factory = SiteFactory(tmp_path_factory.mktemp("facets"))
    result = factory(
        shared_files(), plugin={"sources": True, "topics": True}, use_directory_urls=use_dirs
    )
    assert result.unclaimed == [] and not result.aborted, result.warnings
    return result


def rows(table: Any) -> list[list[str]]:
    return [
        [text_of(cell) for cell in row.find_all(["td", "th"])] for row in table.select("tbody tr")
    ]


def test_sources_index_lists_each_site_with_its_counts(built: Built, use_dirs: bool) -> None:
    source = page_file("sources/index.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Sources"
    assert text_of(page.select_one(".fieldnotes-facet-summary")) == "2 sites · 3 cards"
    table = page.select_one("table.fieldnotes-facet-table")
    assert [text_of(th) for th in table.select("thead th")] == [
        "Source",
        "Cards",
        "Entries",
        "Latest",
    ]
    assert rows(table) == [
        ["arxiv.org", "2", "1", "Dec 14, 2025"],
        ["huggingface.co", "1", "1", "Mar 2, 2024"],
    ]
    links = table.select("tbody a")
    assert [follow(built, source, a["href"])[0] for a in links] == [
        page_file("sources/arxiv-org.md", use_dirs),
        page_file("sources/huggingface-co.md", use_dirs),
    ]


def test_topics_index_groups_spellings(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("topics/index.md", use_dirs)))
    assert rows(page.select_one("table.fieldnotes-facet-table")) == [
        ["Architecture", "2", "2", "Dec 14, 2025"],
        ["Scaling laws", "2", "2", "Nov 2, 2025"],
    ]


def test_a_source_page_lists_its_cards_newest_first(built: Built, use_dirs: bool) -> None:
    source = page_file("sources/arxiv-org.md", use_dirs)
    page = main_content(built.page(source))
    assert text_of(page.h1) == "Source: arxiv.org"
    assert text_of(page.select_one(".fieldnotes-facet-summary")) == "2 cards · 1 entry"
    rows = page.select("ol.fieldnotes-facet-cards > li")
    assert [text_of(li) for li in rows] == [
        "Dec 14, 2025 Attention Alpha",
        "Nov 2, 2025 Chinchilla Alpha",
    ]
    target, _ = follow(built, source, rows[0].a["href"])
    assert target == page_file("notes/alpha.md", use_dirs)
    assert rows[0].a["href"].endswith("#attention")
    assert [text_of(h) for h in page.select("h2, h3")] == ["2025"]
    back = page.select_one("p.fieldnotes-back a")
    assert follow(built, source, back["href"])[0] == page_file("sources/index.md", use_dirs)


def test_cards_link_their_topic_page(built: Built, use_dirs: bool) -> None:
    source = page_file("notes/beta.md", use_dirs)
    topics = main_content(built.page(source)).select(".fieldnotes-card__topic a")
    assert [text_of(a) for a in topics] == ["Scaling laws", "Architecture"]
    assert [follow(built, source, a["href"])[0] for a in topics] == [
        page_file("topics/scaling-laws.md", use_dirs),
        page_file("topics/architecture.md", use_dirs),
    ]


def test_index_pages_are_nav_links_and_value_pages_are_not(built: Built, use_dirs: bool) -> None:
    nav = built.page("index.html").select("nav.md-nav--primary a.md-nav__link")
    labels = [text_of(a) for a in nav]
    assert "Sources" in labels and "Topics" in labels
    assert not any(label.startswith(("arxiv", "Source:", "Topic:")) for label in labels)


def test_export_has_the_sources_and_topics(built: Built, use_dirs: bool) -> None:
    data = built.export()
    assert list(data)[-3:] == ["sources", "topics", "feeds"]
    alpha = "notes/alpha/" if use_dirs else "notes/alpha.html"
    assert data["sources"][0] == {
        "name": "arxiv.org",
        "slug": "arxiv-org",
        "url": "sources/arxiv-org/" if use_dirs else "sources/arxiv-org.html",
        "card_count": 2,
        "entries": [alpha],
        "cards": [f"{alpha}#attention", f"{alpha}#chinchilla"],
    }
    assert [t["name"] for t in data["topics"]] == ["Architecture", "Scaling laws"]


def test_facets_can_be_turned_off(build_site: SiteFactory) -> None:
    built = build_site(shared_files(), plugin={"sources": False, "topics": True})
    assert not built.exists("sources")
    assert built.exists("topics/index.html")
    assert built.export()["sources"] == []
    assert main_content(built.page("notes/beta/index.html")).select(".fieldnotes-card__topic a")


def test_long_sources_continue_on_numbered_pages(build_site: SiteFactory) -> None:
    cards = "".join(
        f"### Card {n}\nLink: https://example.org/{n}\n\nDate commented: 2025-01-{n + 1:02d}\n\nText.\n\n"
        for n in range(12)
    )
    built = build_site(
        {"index.md": "# Home\n", "notes/a.md": "---\ntitle: A\n---\n\n" + cards},
        plugin={"sources": True, "listings_page_size": 10},
    )
    first = main_content(built.page("sources/example-org/index.html"))
    assert len(first.select("ol.fieldnotes-facet-cards > li")) == 10
    pager = first.select_one("nav.fieldnotes-pager")
    (second,) = pager.select("a[rel=next]")
    target, page = follow(built, "sources/example-org/index.html", second["href"])
    assert target == "sources/example-org/page/2/index.html"
    assert len(main_content(page).select("ol.fieldnotes-facet-cards > li")) == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"sources_path": "tags"},
            "fieldnotes: 'tags_path' and 'sources_path' are both 'tags'; each kind of page "
            "needs a folder of its own. Give one of them another folder.",
        ),
        (
            {"topics_path": "timeline/topics"},
            "fieldnotes: 'topics_path' 'timeline/topics' is inside 'timeline_path' 'timeline', "
            "so the pages of one could take the place of the other's. Give each kind a folder "
            "outside the others, such as 'tags' and 'series'.",
        ),
        (
            {"sources_path": "../up"},
            "fieldnotes: 'sources_path' must be a folder inside docs_dir such as 'tags', got "
            "'../up'.",
        ),
    ],
)
def test_facet_paths_are_checked(
    build_site: SiteFactory, options: dict[str, Any], message: str
) -> None:
    built = build_site(shared_files(), plugin=options)
    assert built.aborted
    built.expect_warning(message)

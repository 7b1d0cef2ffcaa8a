"""Real builds: annotation cards and the entry header as readers and tools see them.

Each test builds a small Material site (strict) with both ``use_directory_urls`` values and
asserts on the parsed HTML, the search index and the JSON export.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import (
    Built,
    SiteFactory,
    fieldnotes_classes,
    follow,
    main_content,
    page_file,
    page_url,
    resolve_href,
    text_of,
)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)

ALPHA = """\
---
title: Alpha entry
date: 2025-12-14
lastmod: 2025-12-20
summary: The lede of alpha.
author: [Ada Lovelace, Bob Example]
status: published
category: Notebook
tags: [LLMs/Post-training, Search]
hero: /assets/x.png
---

Intro paragraph before the cards.

### First resource (Somewhere) — a topic
Link: https://www.example.org/first/paper

Date commented: 14 Dec 2025

Commentary with *emphasis*, `inline code` and a [link to plain](../plain.md).

Second paragraph of commentary.

**Possible links I may attach in the future:** a follow-up paper; a talk.

### Second resource
**Link:** <https://docs.example.net/guide>

**Date commented:** 2025-11-02

Short note.
"""

BETA = """\
---
title: Beta entry
date: 2025-10-01
lastmod: 2025-10-01
tags: [search]
---

### Beta card
Link: https://beta.example.com/

Date commented: 2025-10-03

Beta commentary.
"""

BAD = """\
---
title: Bad links
---

### Sneaky card
Link: javascript:alert(1)

Date commented: 2025-12-01

Text of the sneaky card.
"""

BAD_WARNING = (
    "notes/bad.md:6: card 'Sneaky card': the link 'javascript:alert(1)' uses the scheme "
    "'javascript:', which is not allowed; it is shown as text, not as a link. "
    "Allowed: http:, https:"
)

PLAIN = "# Plain page\n\nJust prose, no front matter and no cards.\n\n### A heading\n\nText.\n"

TOC_PERMALINK = {"markdown_extensions": [{"toc": {"permalink": True}}, "attr_list"]}


def site_files() -> dict[str, str | bytes]:
    return {
        "index.md": "# Home\n",
        "notes/a.md": ALPHA,
        "notes/beta.md": BETA,
        "plain.md": PLAIN,
        "assets/x.png": PNG,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, use_dirs: bool) -> Built:
    """One strict build per URL style, shared by the read-only tests of this module."""
    factory = SiteFactory(tmp_path_factory.mktemp("cards"))
    result = factory(site_files(), TOC_PERMALINK, use_directory_urls=use_dirs)
    assert result.unclaimed == [], "the main site must build without any warning"
    assert not result.aborted
    return result


@pytest.fixture(scope="module")
def built_bad(tmp_path_factory: pytest.TempPathFactory, use_dirs: bool) -> Built:
    """A site whose only entry has a ``javascript:`` link (strict: the warning aborts)."""
    factory = SiteFactory(tmp_path_factory.mktemp("bad"))
    result = factory(
        {"index.md": "# Home\n", "notes/bad.md": BAD}, TOC_PERMALINK, use_directory_urls=use_dirs
    )
    result.expect_plugin_warning(BAD_WARNING)
    assert result.unclaimed == []
    # --strict counts the warning, and the pages are written before the build aborts.
    assert result.aborted
    return result


# -- cards ------------------------------------------------------------------------------


def test_cards_are_articles_whose_heading_carries_the_card_id(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("notes/a.md", use_dirs)))
    cards = page.select("article.fieldnotes-card")
    assert [c["data-card-id"] for c in cards] == ["first-resource", "second-resource"]
    for card in cards:
        heading = card.find("h3")
        assert heading is not None
        assert heading["id"] == card["data-card-id"] == card["aria-labelledby"]
    # The source and topic are split off the heading text; the permalink stays in it.
    first = cards[0].find("h3")
    assert first.find(string=True, recursive=False).strip() == "First resource"
    # The intro paragraph before the first card stays outside any card.
    intro = page.find("p", string="Intro paragraph before the cards.")
    assert intro is not None
    assert intro.find_parent("article", class_="fieldnotes-card") is None
    # A card is a block of its own, never wrapped in a paragraph (the raw HTML of a card
    # that starts with a blank line would be).
    assert all(card.parent.name != "p" for card in cards)


def test_card_ids_are_in_the_toc_and_have_permalinks(built: Built, use_dirs: bool) -> None:
    soup = built.page(page_file("notes/a.md", use_dirs))
    toc_links = {a["href"] for nav in soup.select("nav.md-nav--secondary") for a in nav.select("a")}
    assert {"#first-resource", "#second-resource"} <= toc_links
    for card_id in ("first-resource", "second-resource"):
        heading = soup.find(id=card_id)
        assert heading.name == "h3"
        permalink = heading.select_one("a.headerlink")
        assert permalink is not None
        assert permalink["href"] == f"#{card_id}"


def test_card_meta_row(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("notes/a.md", use_dirs)))
    first, second = page.select("article.fieldnotes-card")

    meta = first.select_one(".fieldnotes-card__meta")
    link = meta.select_one("a.fieldnotes-card__link")
    assert link["href"] == "https://www.example.org/first/paper"
    assert "noopener" in link["rel"]
    assert text_of(link) == "example.org"  # the domain, without www.
    time = meta.select_one("time")
    assert time["datetime"] == "2025-12-14"
    assert text_of(time) == "Dec 14, 2025"
    assert time["data-label"] == "Commented"
    source = meta.select_one(".fieldnotes-card__source")
    assert (text_of(source), source["data-label"]) == ("Somewhere", "Source")
    topic = meta.select_one(".fieldnotes-card__topic")
    assert (text_of(topic), topic["data-label"]) == ("a topic", "Topic")

    # Bold labels and an <url> value are read the same way.
    meta2 = second.select_one(".fieldnotes-card__meta")
    assert meta2.select_one("a.fieldnotes-card__link")["href"] == "https://docs.example.net/guide"
    assert text_of(meta2.select_one("a.fieldnotes-card__link")) == "docs.example.net"
    assert meta2.select_one("time")["datetime"] == "2025-11-02"
    assert text_of(meta2.select_one("time")) == "Nov 2, 2025"
    assert meta2.select_one(".fieldnotes-card__source") is None
    assert meta2.select_one(".fieldnotes-card__topic") is None


def test_commentary_is_in_the_body_and_label_lines_are_gone(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("notes/a.md", use_dirs)))
    first, second = page.select("article.fieldnotes-card")
    paragraphs = [text_of(p) for p in first.select("article > p:not(.fieldnotes-card__meta)")]
    assert paragraphs == [
        "Commentary with emphasis, inline code and a link to plain.",
        "Second paragraph of commentary.",
    ]
    assert [text_of(p) for p in second.select("article > p:not(.fieldnotes-card__meta)")] == [
        "Short note."
    ]
    words = page.get_text(" ")
    for label in ("Link:", "Date commented:", "Possible links I may attach in the future:"):
        assert label not in words
    assert "2025-11-02" not in words  # the raw date line of the second card is gone too


def test_future_links_footer(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("notes/a.md", use_dirs)))
    first, second = page.select("article.fieldnotes-card")
    footer = first.select_one("footer.fieldnotes-card__future")
    assert footer["data-label"] == "Possible links I may attach in the future"
    paragraphs = footer.find_all("p", class_=False)
    assert [text_of(p) for p in paragraphs] == ["a follow-up paper; a talk."]
    # The future links are not part of the commentary.
    commentary = first.select("article > p:not(.fieldnotes-card__meta)")
    assert commentary and all("follow-up" not in p.get_text() for p in commentary)
    assert second.select_one("footer.fieldnotes-card__future") is None


def test_markdown_in_commentary_renders_and_md_links_resolve(built: Built, use_dirs: bool) -> None:
    source = page_file("notes/a.md", use_dirs)
    body = main_content(built.page(source)).select_one("article.fieldnotes-card > p:nth-of-type(2)")
    assert text_of(body.select_one("em")) == "emphasis"
    assert text_of(body.select_one("code")) == "inline code"
    link = body.select_one("a[href]")
    assert link["href"] == ("../../plain/" if use_dirs else "../plain.html")
    target, soup = follow(built, source, link["href"])
    assert target == page_file("plain.md", use_dirs)
    assert text_of(main_content(soup).h1) == "Plain page"


def test_refused_link_is_never_a_live_link(built_bad: Built, use_dirs: bool) -> None:
    built = built_bad
    soup = built.page(page_file("notes/bad.md", use_dirs))
    hrefs = [a["href"] for a in soup.select("a[href]")]
    assert hrefs, "the page has links (nav, permalinks)"
    assert not [h for h in hrefs if "javascript" in h.lower()]
    card = soup.select_one("article.fieldnotes-card")
    inert = card.select_one(".fieldnotes-card__link")
    assert inert.name == "span"
    assert "fieldnotes-card__link--inert" in inert["class"]
    assert text_of(inert) == "javascript:alert(1)"
    assert card.select_one("time")["datetime"] == "2025-12-01"
    # No page of the site turns it into a link (the timeline and tag pages included).
    pages = sorted(built.site_dir.rglob("*.html"))
    assert len(pages) > 3
    for path in pages:
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert not [a for a in page.select("a[href]") if "javascript:" in a["href"].lower()]
    (entry,) = built.export()["entries"]
    assert entry["cards"][0]["link"] is None


def test_search_index_has_one_section_per_card(built: Built, use_dirs: bool) -> None:
    index = json.loads((built.site_dir / "search/search_index.json").read_text("utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    url = page_url("notes/a.md", use_dirs)
    first = by_location[f"{url}#first-resource"]
    assert first["title"] == "First resource"
    assert "Second paragraph of commentary." in first["text"]
    assert f"{url}#second-resource" in by_location
    assert f"{page_url('notes/beta.md', use_dirs)}#beta-card" in by_location


def test_search_stand_ins_never_reach_the_pages(built: Built, use_dirs: bool) -> None:
    """Search reads the header and meta rows as stand-ins; every page is written with the
    real ones."""
    for path in sorted(built.site_dir.rglob("*.html")):
        assert "data-fieldnotes-meta" not in path.read_text("utf-8"), path
    card = built.page(page_file("notes/a.md", use_dirs)).select_one("article.fieldnotes-card")
    row = card.select_one("p.fieldnotes-card__meta")
    assert (
        row.select_one("a.fieldnotes-card__link")["href"] == "https://www.example.org/first/paper"
    )
    assert row.select_one("time.fieldnotes-card__date")["datetime"] == "2025-12-14"
    index = json.dumps(built.search_index())
    assert "fieldnotes-card__" not in index and "data-fieldnotes-meta" not in index


def test_search_finds_card_meta_words_and_the_lede(built: Built, use_dirs: bool) -> None:
    """The header and the meta rows are in the page when search indexes it: their words are
    found, each in its own section (the header's in the page's, a meta row's in its card's)."""
    by_location = {doc["location"]: doc for doc in built.search_index()["docs"]}
    url = page_url("notes/a.md", use_dirs)
    first = by_location[f"{url}#first-resource"]["text"]
    for words in ("example.org", "Dec 14, 2025", "Somewhere", "a topic"):
        assert words in first
    second = by_location[f"{url}#second-resource"]["text"]
    for words in ("docs.example.net", "Nov 2, 2025"):
        assert words in second
    page = by_location[url]["text"]
    for words in (
        "The lede of alpha.",
        "published",
        "Dec 14, 2025",
        "Updated Dec 20, 2025",
        "By Ada Lovelace, Bob Example",
        "Notebook",
        "LLMs/Post-training",
        "Search",
    ):
        assert words in page
    assert page.index("The lede of alpha.") < page.index("Intro paragraph before the cards.")
    cards = [loc for loc in by_location if loc.startswith(f"{url}#")]
    assert cards == [f"{url}#first-resource", f"{url}#second-resource"]
    assert not [loc for loc in cards if "Ada Lovelace" in by_location[loc]["text"]]
    assert "example.org" not in page  # a meta row is in its card's section only


def test_no_placeholder_reaches_a_page(built: Built, use_dirs: bool) -> None:
    for name in ("notes/a.md", "notes/beta.md", "tags/index.md", "timeline/index.md"):
        html = (built.site_dir / page_file(name, use_dirs)).read_text("utf-8")
        for marker in ("data-fieldnotes-meta", "fieldnotes-header-->", "fieldnotes-listing-slot"):
            assert marker not in html, (name, marker)
    soup = built.page(page_file("notes/a.md", use_dirs))
    metas = soup.select("article.fieldnotes-card > p.fieldnotes-card__meta")
    assert [m.select_one("a.fieldnotes-card__link")["href"] for m in metas] == [
        "https://www.example.org/first/paper",
        "https://docs.example.net/guide",
    ]
    assert text_of(soup.select_one("header.fieldnotes-header p.fieldnotes-header__lede")) == (
        "The lede of alpha."
    )


def test_page_without_front_matter_or_cards_is_untouched(built: Built, use_dirs: bool) -> None:
    soup = built.page(page_file("plain.md", use_dirs))
    assert fieldnotes_classes(soup) == []
    page = main_content(soup)
    assert text_of(page.h1) == "Plain page"
    assert page.find("h3", id="a-heading") is not None
    assert "plain.md" not in [e["source_path"] for e in built.export()["entries"]]


def test_export_lists_cards_with_urls(built: Built, use_dirs: bool) -> None:
    data = built.export()
    assert [e["source_path"] for e in data["entries"]] == [
        "notes/a.md",
        "notes/beta.md",
    ]
    alpha = data["entries"][0]
    url = page_url("notes/a.md", use_dirs)
    assert alpha["url"] == url
    first = alpha["cards"][0]
    assert first == {
        "id": "first-resource",
        "url": f"{url}#first-resource",
        "title": "First resource",
        "heading": "First resource (Somewhere) — a topic",
        "source": "Somewhere",
        "topic": "a topic",
        "tags": [],
        "status": None,
        "link": "https://www.example.org/first/paper",
        "domain": "example.org",
        "date_commented": "2025-12-14",
        "revisited": None,
        "staleness": "fresh",  # a month before the tests' reference date (conftest.py)
        "future_links": "a follow-up paper; a talk.",
        "threads": [
            {"text": "a follow-up paper", "links": []},
            {"text": "a talk", "links": []},
        ],
        "commentary": "Commentary with emphasis, inline code and a link to plain.\n\n"
        "Second paragraph of commentary.",
        "kind": "heading",
        "line": 15,
    }
    # Each exported card URL points at a built page with that anchor.
    for entry in data["entries"]:
        for card in entry["cards"]:
            follow(built, "index.html", card["url"])


# -- entry header -------------------------------------------------------------------------


def test_entry_header_fields(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("notes/a.md", use_dirs)))
    header = page.select_one("header.fieldnotes-header")
    assert header is not None
    # Material prints the title as the page's h1; the header follows it.
    assert text_of(page.h1) == "Alpha entry"
    assert header.find_previous_sibling("h1") is page.h1
    assert text_of(header.select_one(".fieldnotes-header__lede")) == "The lede of alpha."
    date = header.select_one("time.fieldnotes-header__date")
    assert (date["datetime"], text_of(date)) == ("2025-12-14", "Dec 14, 2025")
    updated = header.select_one(".fieldnotes-header__updated")
    assert text_of(updated) == "Updated Dec 20, 2025"
    assert updated.time["datetime"] == "2025-12-20"
    assert text_of(header.select_one(".fieldnotes-header__authors")) == (
        "By Ada Lovelace, Bob Example"
    )
    badge = header.select_one(".fieldnotes-badge--status")
    assert text_of(badge) == "published"
    assert header.select_one(".fieldnotes-badge--draft") is None


def test_updated_is_hidden_when_lastmod_equals_date(built: Built, use_dirs: bool) -> None:
    header = built.page(page_file("notes/beta.md", use_dirs)).select_one("header.fieldnotes-header")
    assert header.select_one("time.fieldnotes-header__date")["datetime"] == "2025-10-01"
    assert header.select_one(".fieldnotes-header__updated") is None
    assert header.select_one(".fieldnotes-header__lede") is None
    assert header.select_one(".fieldnotes-header__authors") is None


def test_entry_header_links_resolve(built: Built, use_dirs: bool) -> None:
    source = page_file("notes/a.md", use_dirs)
    header = built.page(source).select_one("header.fieldnotes-header")

    category = header.select_one(".fieldnotes-header__category a")
    assert text_of(category) == "Notebook"
    target, soup = follow(built, source, category["href"])
    assert target == page_file("categories/notebook.md", use_dirs)
    assert text_of(main_content(soup).h1) == "Category: Notebook"

    chips = header.select(".fieldnotes-chips a.fieldnotes-chip")
    assert [text_of(a) for a in chips] == ["LLMs/Post-training", "Search"]
    targets = [follow(built, source, a["href"]) for a in chips]
    assert [t for t, _ in targets] == [
        page_file("tags/llms/post-training.md", use_dirs),
        page_file("tags/search.md", use_dirs),
    ]
    assert [text_of(main_content(s).h1) for _, s in targets] == [
        "Tag: LLMs/Post-training",
        "Tag: Search",
    ]

    hero = header.select_one("figure.fieldnotes-header__hero img")
    assert hero["src"] == ("../../assets/x.png" if use_dirs else "../assets/x.png")
    image, fragment = resolve_href(built, source, hero["src"])
    assert (image, fragment) == ("assets/x.png", "")
    assert (built.site_dir / image).read_bytes() == PNG


def test_tags_differing_in_case_share_one_chip_target(built: Built, use_dirs: bool) -> None:
    # Alpha has "Search", Beta has "search": one tag page, the most used spelling (tie:
    # code-point order, "Search" < "search") names it on both entries.
    beta = page_file("notes/beta.md", use_dirs)
    (chip,) = built.page(beta).select("header.fieldnotes-header a.fieldnotes-chip")
    assert text_of(chip) == "Search"
    target, _ = follow(built, beta, chip["href"])
    assert target == page_file("tags/search.md", use_dirs)


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_hero_relative_to_the_entry_and_missing_hero(
    build_site: SiteFactory, use_dirs: bool
) -> None:
    front = "---\ntitle: {}\ndate: 2025-01-01\nhero: {}\nfieldnotes: true\n---\n\nText.\n"
    near = front.format("Near", "img/near.png")
    missing = front.format("Missing", "/assets/nope.png")
    built = build_site(
        {
            "index.md": "# Home\n",
            "notes/near.md": near,
            "notes/img/near.png": PNG,
            "notes/missing.md": missing,
        },
        use_directory_urls=use_dirs,
    )
    built.expect_plugin_warning(
        "notes/missing.md: front matter key 'hero': the image '/assets/nope.png' is not in "
        "docs_dir; no hero image is shown. Add the file or fix the path (a leading / starts "
        "at docs_dir)."
    )
    assert built.aborted  # strict counts the warning
    source = page_file("notes/near.md", use_dirs)
    img = built.page(source).select_one("header.fieldnotes-header figure img")
    assert resolve_href(built, source, img["src"]) == ("notes/img/near.png", "")
    header = built.page(page_file("notes/missing.md", use_dirs)).select_one(
        "header.fieldnotes-header"
    )
    assert header.select("img") == []


MARKDOWN_TITLES = """\
---
title: Titles
date: 2025-01-01
---

### *Attention* is all you `need` (Vaswani) — transformers
Link: https://example.org/attention

Date commented: 2025-01-03

Text.

### *Plain* `code` title
Link: https://example.org/plain

Date commented: 2025-01-02

More.
"""


@pytest.fixture(scope="module")
def built_titles(tmp_path_factory: pytest.TempPathFactory) -> Built:
    factory = SiteFactory(tmp_path_factory.mktemp("titles"))
    result = factory({"index.md": "# Home\n", "notes/t.md": MARKDOWN_TITLES})
    assert result.unclaimed == []
    return result


def test_markdown_in_a_card_title_renders_with_source_and_topic(built_titles: Built) -> None:
    # A heading with "(Source) — topic" must render its inline Markdown like any heading
    # (the card without source/topic below does). Today the title is inserted as an
    # AtomicString, so readers see "*Attention* is all you `need`" with the marks.
    soup = built_titles.page("notes/t/")
    first, second = soup.select("article.fieldnotes-card h3")
    assert [text_of(e) for e in second.select("em, code")] == ["Plain", "code"]
    assert text_of(second) == "Plain code title"
    assert [(e.name, text_of(e)) for e in first.select("em, code")] == [
        ("em", "Attention"),
        ("code", "need"),
    ]
    assert text_of(first) == "Attention is all you need"
    toc = [text_of(a) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc[-2:] == ["Attention is all you need", "Plain code title"]


def test_listings_show_card_titles_without_markdown_marks(built_titles: Built) -> None:
    # The timeline prints card.title, which still holds the Markdown source ("*Plain*").
    timeline = main_content(built_titles.page("timeline/"))
    titles = [text_of(a) for a in timeline.select("a.fieldnotes-timeline__title")]
    assert titles == ["Attention is all you need", "Plain code title"]

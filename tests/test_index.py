"""Tags, series, categories and the timeline as plain data, and the generated-page plan."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest

from mkdocs_fieldnotes import plan as pages
from mkdocs_fieldnotes.i18n import words
from mkdocs_fieldnotes.index import (
    Term,
    TimelineItem,
    build_categories,
    build_series,
    build_tags,
    build_timeline,
    group_by_month,
    series_positions,
    split_tag,
)
from mkdocs_fieldnotes.model import Card, Entry

D = dt.date


def card(card_id: str, when: Optional[dt.date] = None, line: int = 1) -> Card:
    return Card(
        id=card_id,
        heading=card_id,
        title=card_id,
        source=None,
        topic=None,
        link=None,
        link_text=None,
        date_commented=when,
        date_text=when.isoformat() if when else None,
        future=None,
        future_label=None,
        commentary="",
        line=line,
    )


def by_key(terms: list[Term]) -> dict[str, Term]:
    return {t.key: t for t in terms}


def uris(entries: list[Entry]) -> list[str]:
    return [e.src_uri for e in entries]


def ids(items: list[TimelineItem]) -> list[str]:
    return [i.card.id for i in items]


# --------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("name", "segments"),
    [
        ("LLMs", ["LLMs"]),
        ("LLMs/Post-training", ["LLMs", "Post-training"]),
        ("LLMs / Post-training", ["LLMs", "Post-training"]),
        ("a//b/", ["a", "b"]),
        ("/", []),
        ("a / b / c", ["a", "b", "c"]),
    ],
)
def test_split_tag(name: str, segments: list[str]) -> None:
    assert split_tag(name) == segments


def test_tag_hierarchy_and_roll_up() -> None:
    a = Entry("a.md", title="A", date=D(2025, 1, 1), tags=("LLMs/Post-training", "ML"))
    b = Entry("b.md", title="B", date=D(2025, 2, 1), tags=("llms/RLHF", "llms"))
    c = Entry("c.md", title="C", tags=("LLMs",))
    tags = build_tags([a, b, c], "tags")
    assert [t.key for t in tags] == ["llms", "llms/post-training", "llms/rlhf", "ml"]
    terms = by_key(tags)

    llms = terms["llms"]
    assert (llms.name, llms.label, llms.slug, llms.src_uri) == (
        "LLMs",
        "LLMs",
        "llms",
        "tags/llms.md",
    )
    assert llms.parent is None
    assert llms.depth == 0
    assert llms.own_count == 2  # b and c use the tag itself
    assert uris(llms.entries) == ["b.md", "a.md", "c.md"]  # children roll up, newest first
    assert [c.key for c in llms.children] == ["llms/post-training", "llms/rlhf"]
    assert llms.kind == "tag"

    post = terms["llms/post-training"]
    assert post.name == "LLMs/Post-training"
    assert post.label == "Post-training"
    assert post.slug == "llms/post-training"
    assert post.src_uri == "tags/llms/post-training.md"
    assert post.parent is llms
    assert post.depth == 1
    assert post.own_count == 1
    assert uris(post.entries) == ["a.md"]

    rlhf = terms["llms/rlhf"]
    assert rlhf.name == "LLMs/RLHF"
    assert rlhf.src_uri == "tags/llms/rlhf.md"
    assert uris(rlhf.entries) == ["b.md"]

    assert uris(terms["ml"].entries) == ["a.md"]


def test_parent_is_created_when_only_children_are_used() -> None:
    tags = build_tags([Entry("a.md", tags=("A/B/C",))], "tags")
    assert [(t.key, t.name, t.own_count, t.src_uri) for t in tags] == [
        ("a", "A", 0, "tags/a.md"),
        ("a/b", "A/B", 0, "tags/a/b.md"),
        ("a/b/c", "A/B/C", 1, "tags/a/b/c.md"),
    ]
    assert all(uris(t.entries) == ["a.md"] for t in tags)
    assert [t.depth for t in tags] == [0, 1, 2]


def test_entry_with_parent_and_child_tag_counts_once() -> None:
    entry = Entry("a.md", tags=("LLMs", "LLMs/RLHF", "llms/rlhf"))
    terms = by_key(build_tags([entry], "tags"))
    assert uris(terms["llms"].entries) == ["a.md"]
    assert terms["llms/rlhf"].own_count == 1


def test_case_insensitive_merge_and_most_used_spelling() -> None:
    entries = [
        Entry("a.md", tags=("rlhf",)),
        Entry("b.md", tags=("RLHF",)),
        Entry("c.md", tags=("RLHF",)),
    ]
    (term,) = build_tags(entries, "tags")
    assert term.key == "rlhf"
    assert term.name == "RLHF"
    assert term.slug == "rlhf"
    assert uris(term.entries) == ["a.md", "b.md", "c.md"]


def test_spelling_tie_goes_to_code_point_order() -> None:
    entries = [Entry("a.md", tags=("llms",)), Entry("b.md", tags=("LLMs",))]
    (term,) = build_tags(entries, "tags")
    assert term.name == "LLMs"


def test_parent_spelling_counts_uses_in_child_tags() -> None:
    entries = [
        Entry("a.md", tags=("ml",)),
        Entry("b.md", tags=("ML/Vision",)),
        Entry("c.md", tags=("ML/Audio",)),
    ]
    terms = by_key(build_tags(entries, "tags"))
    assert terms["ml"].name == "ML"
    assert terms["ml/vision"].name == "ML/Vision"


def test_sibling_tags_with_the_same_slug_get_distinct_paths() -> None:
    tags = build_tags([Entry("a.md", tags=("C++", "C#", "Lang/C++", "Lang/C#"))], "tags")
    paths = [t.src_uri for t in tags]
    assert len(set(paths)) == len(paths)
    assert "tags/c.md" in paths


def test_top_level_index_slug_is_reserved() -> None:
    terms = by_key(build_tags([Entry("a.md", tags=("Index",))], "tags"))
    assert terms["index"].slug == "index-tag"
    assert terms["index"].src_uri == "tags/index-tag.md"


def test_child_tag_named_index_does_not_take_the_parents_url() -> None:
    # With use_directory_urls, tags/ml.md and tags/ml/index.md both become tags/ml/.
    terms = by_key(build_tags([Entry("a.md", tags=("ML/Index",))], "tags"))
    assert terms["ml"].src_uri == "tags/ml.md"
    assert terms["ml/index"].src_uri != "tags/ml/index.md"
    assert not terms["ml/index"].src_uri.endswith("/index.md")


def test_tag_folder_option() -> None:
    (term,) = build_tags([Entry("a.md", tags=("X",))], "topics/all")
    assert term.src_uri == "topics/all/x.md"


def test_tag_entries_order_newest_first_then_title_then_path() -> None:
    entries = [
        Entry("z.md", title="Zed", tags=("t",)),
        Entry("old.md", title="Old", date=D(2020, 1, 1), tags=("t",)),
        Entry("b.md", title="beta", date=D(2025, 1, 1), tags=("t",)),
        Entry("a.md", title="Alpha", date=D(2025, 1, 1), tags=("t",)),
        Entry("y.md", title="Alpha", tags=("t",)),
        Entry("x.md", title="Alpha", tags=("t",)),
    ]
    (term,) = build_tags(entries, "tags")
    assert uris(term.entries) == ["a.md", "b.md", "old.md", "x.md", "y.md", "z.md"]
    assert term.first_date == D(2020, 1, 1)
    assert term.last_date == D(2025, 1, 1)


def test_no_tags() -> None:
    assert build_tags([Entry("a.md")], "tags") == []


def test_card_count_sums_cards_of_the_entries() -> None:
    entries = [
        Entry("a.md", tags=("t",), cards=(card("x"), card("y"))),
        Entry("b.md", tags=("t",), cards=(card("z"),)),
        Entry("c.md", tags=("u",), cards=(card("w"),)),
    ]
    terms = by_key(build_tags(entries, "tags"))
    assert terms["t"].card_count == 3
    assert terms["u"].card_count == 1


# --------------------------------------------------------------------------- series


def series_entries() -> list[Entry]:
    return [
        Entry("p1.md", title="Part one", series=("Intro",), series_order=2),
        Entry("p2.md", title="Part two", series=("intro",), series_order=1),
        Entry("p3.md", title="b", series=("Intro",), date=D(2025, 1, 1)),
        Entry("p4.md", title="a", series=("Intro",), date=D(2025, 1, 1)),
        Entry("p5.md", title="undated", series=("Intro",)),
        Entry("p6.md", title="early", series=("Intro", "Other"), date=D(2024, 1, 1)),
        Entry("p7.md", title="Part zero", series=("Intro",), series_order=0, date=D(2026, 1, 1)),
    ]


def test_series_order() -> None:
    series = build_series(series_entries(), "series")
    assert [s.name for s in series] == ["Intro", "Other"]
    intro = series[0]
    assert intro.kind == "series"
    assert intro.slug == "intro"
    assert intro.src_uri == "series/intro.md"
    # series_order first (0, 1, 2), then by date (oldest first), then title, undated last.
    assert uris(intro.entries) == ["p7.md", "p2.md", "p1.md", "p6.md", "p4.md", "p3.md", "p5.md"]
    assert intro.own_count == 7
    assert uris(series[1].entries) == ["p6.md"]


def test_series_reserved_and_colliding_slugs() -> None:
    entries = [
        Entry("a.md", series=("Index",)),
        Entry("b.md", series=("C++",)),
        Entry("c.md", series=("C#",)),
    ]
    series = build_series(entries, "series")
    slugs = {s.name: s.slug for s in series}
    assert slugs["Index"] == "index-series"
    assert len(set(slugs.values())) == 3
    assert all(s.src_uri == f"series/{s.slug}.md" for s in series)


@pytest.mark.parametrize("entry_index", range(7))
def test_series_positions(entry_index: int) -> None:
    entries = series_entries()
    series = build_series(entries, "series")
    order = ["p7.md", "p2.md", "p1.md", "p6.md", "p4.md", "p3.md", "p5.md"]
    entry = entries[entry_index]
    positions = {p.series.name: p for p in series_positions(entry, series)}
    intro = positions["Intro"]
    i = order.index(entry.src_uri)
    assert intro.number == i + 1
    assert intro.total == 7
    assert (intro.previous.src_uri if intro.previous else None) == (order[i - 1] if i else None)
    assert (intro.next.src_uri if intro.next else None) == (order[i + 1] if i < 6 else None)
    assert set(positions) == ({"Intro", "Other"} if entry.src_uri == "p6.md" else {"Intro"})


def test_series_positions_single_part() -> None:
    entries = series_entries()
    other = series_positions(entries[5], build_series(entries, "series"))[1]
    assert (other.series.name, other.number, other.total) == ("Other", 1, 1)
    assert other.previous is None
    assert other.next is None


def test_series_positions_for_an_entry_outside_the_series() -> None:
    series = build_series(series_entries(), "series")
    assert series_positions(Entry("x.md", series=("Intro",)), series) == []
    assert series_positions(Entry("p1.md"), series) == []


# --------------------------------------------------------------------------- categories


def test_categories_newest_first() -> None:
    entries = [
        Entry("x.md", category="Blog", date=D(2024, 1, 1)),
        Entry("y.md", category="blog", date=D(2025, 1, 1)),
        Entry("z.md", category="Blog"),
        Entry("w.md", category="Notes", date=D(2025, 5, 5)),
        Entry("v.md", category="index"),
        Entry("u.md"),
    ]
    categories = build_categories(entries, "categories")
    assert [(c.name, c.slug, c.src_uri) for c in categories] == [
        ("Blog", "blog", "categories/blog.md"),
        ("index", "index-category", "categories/index-category.md"),
        ("Notes", "notes", "categories/notes.md"),
    ]
    blog = categories[0]
    assert blog.kind == "category"
    assert uris(blog.entries) == ["y.md", "x.md", "z.md"]
    assert blog.own_count == 3
    assert (blog.first_date, blog.last_date) == (D(2024, 1, 1), D(2025, 1, 1))
    assert categories[1].first_date is None


def test_no_categories() -> None:
    assert build_categories([Entry("a.md")], "categories") == []


# --------------------------------------------------------------------------- timeline


def timeline_entries() -> list[Entry]:
    return [
        Entry(
            "a.md",
            title="A",
            date=D(2025, 1, 1),
            cards=(card("a1", D(2025, 3, 1)), card("a2"), card("a3", D(2025, 3, 1))),
        ),
        Entry(
            "b.md",
            title="B",
            date=D(2025, 2, 1),
            cards=(card("b1", D(2025, 3, 1)), card("b2", D(2024, 12, 31))),
        ),
        Entry("c.md", title="C", cards=(card("c1", D(2025, 3, 1)), card("c2"))),
        Entry("d.md", title="D", date=D(2025, 2, 1), cards=(card("d1", D(2025, 3, 1)),)),
        Entry("e.md", title="no cards", date=D(2030, 1, 1)),
    ]


def test_timeline_order() -> None:
    items = build_timeline(timeline_entries())
    # Same "date commented": newer entry first (b, d share a date: title B < D), then a,
    # then the undated entry c; within an entry, card order. Undated cards last.
    assert ids(items) == ["b1", "d1", "a1", "a3", "c1", "b2", "a2", "c2"]
    assert [i.entry.src_uri for i in items][:2] == ["b.md", "d.md"]


def test_timeline_does_not_depend_on_entry_order() -> None:
    entries = timeline_entries()
    assert ids(build_timeline(reversed(entries))) == ids(build_timeline(entries))


def test_timeline_same_title_falls_back_to_path() -> None:
    entries = [
        Entry("z.md", title="Same", cards=(card("z", D(2025, 1, 1)),)),
        Entry("a.md", title="same", cards=(card("a", D(2025, 1, 1)),)),
    ]
    assert ids(build_timeline(entries)) == ["a", "z"]


def test_group_by_month() -> None:
    groups = group_by_month(build_timeline(timeline_entries()))
    assert [(g.year, g.month, ids(g.items)) for g in groups] == [
        (2025, 3, ["b1", "d1", "a1", "a3", "c1"]),
        (2024, 12, ["b2"]),
        (None, None, ["a2", "c2"]),
    ]


def test_group_by_month_splits_the_same_month_of_different_years() -> None:
    entry = Entry(
        "a.md", cards=(card("x", D(2025, 3, 1)), card("y", D(2024, 3, 1)), card("z", D(2024, 3, 9)))
    )
    groups = group_by_month(build_timeline([entry]))
    assert [(g.year, g.month, ids(g.items)) for g in groups] == [
        (2025, 3, ["x"]),
        (2024, 3, ["z", "y"]),
    ]


def test_group_by_month_of_nothing() -> None:
    assert group_by_month([]) == []


# --------------------------------------------------------------------------- timeline pages


def many_cards() -> list[TimelineItem]:
    cards = [
        card(f"c{year}{month:02d}{k}", D(year, month, 10 + k))
        for year, month, count in [(2025, 3, 3), (2025, 2, 2), (2024, 12, 1)]
        for k in range(count)
    ]
    cards += [card("u1"), card("u2"), card("u3")]
    return build_timeline([Entry("e.md", title="E", cards=tuple(cards))])


def test_timeline_on_one_page_when_small_enough() -> None:
    items = many_cards()
    (listing,) = pages.plan_timeline(items, "timeline", len(items), words("en"))
    assert listing.src_uri == "timeline/index.md"
    assert listing.title == "Timeline"
    assert listing.template == "fieldnotes/timeline.html"
    assert listing.in_nav is True
    assert listing.kind == "timeline"
    assert listing.context["total"] == 9
    assert listing.context["pages"] == []
    assert [(g.year, g.month, len(g.items)) for g in listing.context["groups"]] == [
        (2025, 3, 3),
        (2025, 2, 2),
        (2024, 12, 1),
        (None, None, 3),
    ]


def test_timeline_split_by_year() -> None:
    listings = pages.plan_timeline(many_cards(), "timeline", 5, words("en"))
    assert [(x.src_uri, x.title, x.in_nav) for x in listings] == [
        ("timeline/index.md", "Timeline", True),
        ("timeline/2025.md", "Timeline · 2025", False),
        ("timeline/2024.md", "Timeline · 2024", False),
        ("timeline/undated.md", "Timeline · Undated", False),
    ]
    head, y2025, y2024, undated = listings
    assert head.context["groups"] == []
    assert head.context["total"] == 9
    assert [(p["label"], p["src_uri"], p["count"]) for p in head.context["pages"]] == [
        ("2025", "timeline/2025.md", 5),
        ("2024", "timeline/2024.md", 1),
        (None, "timeline/undated.md", 3),
    ]
    assert [(g.year, g.month) for g in y2025.context["groups"]] == [(2025, 3), (2025, 2)]
    assert y2025.context["total"] == 5
    assert [(x.context["newer"], x.context["older"]) for x in listings[1:]] == [
        (None, "timeline/2024.md"),
        ("timeline/2025.md", "timeline/undated.md"),
        ("timeline/2024.md", None),
    ]
    assert all(x.context["index_uri"] == "timeline/index.md" for x in listings[1:])
    assert undated.context["groups"][0].year is None
    assert y2024.context["month"] is None


def test_timeline_split_by_month_and_in_pieces() -> None:
    listings = pages.plan_timeline(many_cards(), "timeline", 2, words("en"))
    assert [x.src_uri for x in listings] == [
        "timeline/index.md",
        "timeline/2025/03.md",
        "timeline/2025/03-2.md",
        "timeline/2025/02.md",
        "timeline/2024.md",
        "timeline/undated.md",
        "timeline/undated-2.md",
    ]
    assert [x.context["total"] for x in listings[1:]] == [2, 1, 2, 1, 2, 1]
    assert [x.title for x in listings[1:4]] == ["Timeline · 2025-03"] * 2 + ["Timeline · 2025-02"]
    assert listings[1].context["month"] == (2025, 3)
    pages_overview = listings[0].context["pages"]
    assert [(p["label"], p.get("part")) for p in pages_overview] == [
        ((2025, 3), 1),
        ((2025, 3), 2),
        ((2025, 2), 1),
        ("2024", None),
        (None, 1),
        (None, 2),
    ]
    chain = [(x.context["newer"], x.context["older"]) for x in listings[1:]]
    uris_ = [x.src_uri for x in listings[1:]]
    assert chain == [
        (uris_[i - 1] if i else None, uris_[i + 1] if i + 1 < len(uris_) else None)
        for i in range(len(uris_))
    ]
    shown = [i.card.id for x in listings[1:] for g in x.context["groups"] for i in g.items]
    assert shown == ids(many_cards())


def test_timeline_page_titles_follow_the_language() -> None:
    listings = pages.plan_timeline(many_cards(), "chrono", 5, words("fr"))
    assert [(x.src_uri, x.title) for x in listings] == [
        ("chrono/index.md", "Chronologie"),
        ("chrono/2025.md", "Chronologie · 2025"),
        ("chrono/2024.md", "Chronologie · 2024"),
        ("chrono/undated.md", "Chronologie · Sans date"),
    ]


def test_empty_timeline_is_one_page() -> None:
    (listing,) = pages.plan_timeline([], "timeline", 10, words("en"))
    assert listing.context == {"groups": [], "total": 0, "pages": [], "month_pages": {}}


def test_chunk() -> None:
    assert pages.chunk([], 3) == [[]]
    items = many_cards()[:5]
    assert pages.chunk(items, 2) == [items[0:2], items[2:4], items[4:5]]


# --------------------------------------------------------------------------- term pages


def test_plan_terms_for_tags() -> None:
    entries = [
        Entry("a.md", tags=("LLMs/RLHF",), cards=(card("x", D(2025, 1, 1)), card("y"))),
        Entry("b.md", tags=("Other",), cards=(card("z", D(2025, 2, 1)),)),
    ]
    tags = build_tags(entries, "tags")
    timeline = build_timeline(entries)
    listings = pages.plan_terms(tags, "tags", "tag", timeline, 1, words("en"))
    assert [(x.src_uri, x.title, x.in_nav, x.kind) for x in listings] == [
        ("tags/index.md", "Tags", True, "tag-index"),
        ("tags/llms.md", "Tag: LLMs", False, "tag"),
        ("tags/llms/rlhf.md", "Tag: LLMs/RLHF", False, "tag"),
        ("tags/other.md", "Tag: Other", False, "tag"),
    ]
    assert [t.key for t in listings[0].context["roots"]] == ["llms", "other"]
    llms = listings[1].context
    assert llms["card_total"] == 2
    assert llms["more_cards"] == 1
    assert [i.card.id for g in llms["groups"] for i in g.items] == ["x"]
    assert llms["index_uri"] == "tags/index.md"


def test_plan_terms_for_series_in_german() -> None:
    series = build_series([Entry("a.md", series=("Kurs",))], "serie")
    listings = pages.plan_terms(series, "serie", "series", [], 10, words("de"))
    assert [(x.src_uri, x.title, x.template) for x in listings] == [
        ("serie/index.md", "Serien", "fieldnotes/series-index.html"),
        ("serie/kurs.md", "Serie: Kurs", "fieldnotes/series.html"),
    ]
    assert "groups" not in listings[1].context


def test_markdown_source() -> None:
    assert pages.markdown_source('Tag: "x" <y> & z', "<!-- marker -->") == (
        '---\ntitle: "Tag: \\"x\\" <y> & z"\n---\n\n'
        "<h1>Tag: &#34;x&#34; &lt;y&gt; &amp; z</h1>\n\n<!-- marker -->\n"
    )
    assert pages.markdown_source("T", "M", searchable=False) == (
        '---\ntitle: "T"\nsearch:\n  exclude: true\n---\n\n<h1>T</h1>\n\nM\n'
    )

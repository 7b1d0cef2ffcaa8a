"""Placeholders swapped in after search indexing, and listing headings (pure functions)."""

from __future__ import annotations

from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.structure.toc import AnchorLink, TableOfContents

from mkdocs_fieldnotes.headings import SLOT, TocStyle, anchor_headings, place_listing
from mkdocs_fieldnotes.late import fill, header_placeholder, meta_placeholder


def test_meta_placeholder_escapes_and_skips_empty_words() -> None:
    assert meta_placeholder(2, ["a<b", None, "", "c & d"]) == (
        '<p class="fieldnotes-card__meta" data-fieldnotes-meta="2">a&lt;b · c &amp; d</p>'
    )


def test_fill_swaps_header_and_meta_rows() -> None:
    content = (
        "<h1>T</h1>"
        + header_placeholder("Lede <x>")
        + "<h3>a</h3>"
        + meta_placeholder(0, ["one"])
        + "<p>text</p><h3>b</h3>"
        + meta_placeholder(1, ["two"])
        + meta_placeholder(7, ["stray"])
    )
    calls: list[str] = []

    def header() -> str:
        calls.append("header")
        return "<header>H</header>"

    out = fill(content, header, lambda i: f"<p>meta {i}</p>" if i < 2 else None)
    assert out == (
        "<h1>T</h1><header>H</header><h3>a</h3><p>meta 0</p><p>text</p><h3>b</h3><p>meta 1</p>"
        + meta_placeholder(7, ["stray"])  # no such card: left as it is
    )
    assert calls == ["header"]


def test_fill_without_header_placeholder_keeps_content() -> None:
    assert fill("<p>x</p>", lambda: "<header/>", lambda i: None) == "<p>x</p>"
    assert fill("<p>x</p>", None, lambda i: None) == "<p>x</p>"


def test_toc_style_from_mdx() -> None:
    assert TocStyle.from_mdx({}) == TocStyle()
    style = TocStyle.from_mdx(
        {"toc": {"permalink": "#", "separator": "_", "toc_depth": "2-3", "permalink_title": "L"}}
    )
    assert (style.permalink, style.separator, style.depth, style.permalink_title) == (
        "#",
        "_",
        (2, 3),
        "L",
    )
    assert TocStyle.from_mdx({"toc": {"permalink": True, "toc_depth": 2}}).permalink == "&para;"
    assert TocStyle.from_mdx({"toc": {"toc_depth": "x-y"}}).depth == (1, 6)


def test_anchor_headings_ids_are_unique_and_permalinked() -> None:
    style = TocStyle(slugify=toc_slugify, permalink="&para;")
    taken = {"entries"}
    html, headings = anchor_headings(
        '<h2>Entries</h2><p>x</p><h3 class="m">May &amp; June</h3><h2 id="own">Own</h2>',
        taken,
        style,
    )
    assert html == (
        '<h2 id="entries_1">Entries<a class="headerlink" href="#entries_1" '
        'title="Permanent link">&para;</a></h2><p>x</p>'
        '<h3 class="m" id="may-june">May &amp; June<a class="headerlink" href="#may-june" '
        'title="Permanent link">&para;</a></h3><h2 id="own">Own</h2>'
    )
    assert [(h.level, h.id, h.title) for h in headings] == [
        (2, "entries_1", "Entries"),
        (3, "may-june", "May &amp; June"),
        (2, "own", "Own"),
    ]
    assert {"entries_1", "may-june", "own"} <= taken


def test_anchor_headings_respects_toc_depth() -> None:
    _, headings = anchor_headings("<h2>A</h2><h3>B</h3>", set(), TocStyle(depth=(1, 2)))
    assert [h.title for h in headings] == ["A"]


def _tree(toc: TableOfContents) -> list[tuple[str, list[object]]]:
    def walk(items: list[AnchorLink]) -> list[tuple[str, list[object]]]:
        return [(i.id, walk(i.children)) for i in items]

    return walk(list(toc))


def test_place_listing_at_the_slot_nests_in_the_toc() -> None:
    intro = AnchorLink("Intro", "intro", 1)
    intro.children = [AnchorLink("Before", "before", 2)]
    after = AnchorLink("After", "after", 2)
    intro.children.append(after)
    content = f'<h1 id="intro">Intro</h1><h2 id="before">B</h2>{SLOT}<h2 id="after">A</h2>'
    html, toc = place_listing(
        content, TableOfContents([intro]), "<h2>Listed</h2><h3>Month</h3>", TocStyle()
    )
    assert html == (
        '<h1 id="intro">Intro</h1><h2 id="before">B</h2><h2 id="listed">Listed</h2>'
        '<h3 id="month">Month</h3><h2 id="after">A</h2>'
    )
    assert _tree(toc) == [("intro", [("before", []), ("listed", [("month", [])]), ("after", [])])]


def test_place_listing_without_slot_goes_last() -> None:
    html, toc = place_listing("<p>x</p>", TableOfContents([]), "<h2>L</h2>", TocStyle())
    assert html == '<p>x</p><h2 id="l">L</h2>'
    assert _tree(toc) == [("l", [])]

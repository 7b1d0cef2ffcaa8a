"""HTML from the plugin's templates → ElementTree elements for the Markdown tree."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest

from mkdocs_fieldnotes.htmltree import VOID, parse_fragment


def render(html: str) -> list[str]:
    return [etree.tostring(e, encoding="unicode") for e in parse_fragment(html)]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a<br>b</p>", ["<p>a<br />b</p>"]),
        ("<p>a<br/>b</p>", ["<p>a<br />b</p>"]),
        ("<img src='x.png' alt='a'><p>x</p>", ['<img src="x.png" alt="a" />', "<p>x</p>"]),
        ("<hr><hr/>", ["<hr />", "<hr />"]),
        (
            "<p><input type=checkbox checked>done</p>",
            ['<p><input type="checkbox" checked="" />done</p>'],
        ),
        ("<wbr><span>x</span>", ["<wbr />", "<span>x</span>"]),
    ],
)
def test_void_elements_need_no_end_tag(html: str, expected: list[str]) -> None:
    assert render(html) == expected


def test_void_list() -> None:
    assert {"br", "img", "hr", "input", "source", "wbr", "meta", "link"} <= VOID
    assert "p" not in VOID
    assert "span" not in VOID


def test_self_closing_non_void_element_is_empty() -> None:
    assert render('<span class="x"/><p>after</p>') == ['<span class="x" />', "<p>after</p>"]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a &amp; b</p>", "a & b"),
        ("<p>&lt;script&gt;</p>", "<script>"),
        ("<p>&eacute;&#233;&#xE9;</p>", "ééé"),
        ("<p>&#8212; &mdash;</p>", "— —"),
        ("<p>&quot;q&quot; &#39;s&#39;</p>", "\"q\" 's'"),
    ],
)
def test_entities_are_decoded(html: str, text: str) -> None:
    (element,) = parse_fragment(html)
    assert element.text == text


def test_entities_in_attributes_are_decoded() -> None:
    (element,) = parse_fragment('<a href="x?a=1&amp;b=2" title="&lt;t&gt;" data-flag>t</a>')
    assert element.attrib == {"href": "x?a=1&b=2", "title": "<t>", "data-flag": ""}
    assert etree.tostring(element, encoding="unicode") == (
        '<a href="x?a=1&amp;b=2" title="&lt;t&gt;" data-flag="">t</a>'
    )


def test_unclosed_tags_are_closed_at_the_end() -> None:
    assert render("<div><p>unclosed <em>text") == ["<div><p>unclosed <em>text</em></p></div>"]


def test_end_tag_closes_the_elements_opened_inside() -> None:
    assert render("<div><p><em>x</div><p>y</p>") == ["<div><p><em>x</em></p></div>", "<p>y</p>"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("</span><p>x</p></div>", ["<p>x</p>"]),
        ("<p>a</b>b</p>", ["<p>ab</p>"]),
        ("<ul><li>x</li></li></ul>", ["<ul><li>x</li></ul>"]),
    ],
)
def test_stray_end_tags_are_ignored(html: str, expected: list[str]) -> None:
    assert render(html) == expected


def test_top_level_text_is_wrapped_in_paragraphs() -> None:
    assert render("before <b>bold</b> between <p>p</p>  after  ") == [
        "<p>before</p>",
        "<b>bold</b>",
        "<p>between</p>",
        "<p>p</p>",
        "<p>after</p>",
    ]


def test_only_text() -> None:
    assert render("  just text &amp; more  ") == ["<p>just text &amp; more</p>"]


@pytest.mark.parametrize("html", ["", "   ", "\n\n", "<!-- comment -->", "<!-- a -->\n  "])
def test_nothing_visible(html: str) -> None:
    assert parse_fragment(html) == []


def test_whitespace_between_elements_is_not_a_paragraph() -> None:
    assert render("<p>a</p>\n  \n<p>b</p>\n") == ["<p>a</p>", "<p>b</p>"]


def test_text_inside_elements_keeps_its_whitespace() -> None:
    (element,) = parse_fragment("<pre>  a\n    b  </pre>")
    assert element.text == "  a\n    b  "


def test_nested_structure_and_tails() -> None:
    (nav,) = parse_fragment(
        '<nav class="s"><a href="p.md">Prev</a> · <a href="n.md">Next</a></nav>'
    )
    assert nav.tag == "nav"
    assert nav.get("class") == "s"
    assert [(a.tag, a.get("href"), a.text, a.tail) for a in nav] == [
        ("a", "p.md", "Prev", " · "),
        ("a", "n.md", "Next", None),
    ]


def test_returned_elements_have_no_tail() -> None:
    elements = parse_fragment("<p>a</p>tail one<p>b</p>tail two")
    assert all(e.tail is None for e in elements)
    assert [e.text for e in elements] == ["a", "tail one", "b", "tail two"]

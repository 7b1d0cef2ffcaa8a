"""Pure tests of render.py: the search stand-ins (the build tests are in
test_build_cards.py) and the per-value loops of ``Renderer.each`` and ``Renderer.cards``."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from test_index import card as bare_card

from mkdocs_fieldnotes.model import Entry
from mkdocs_fieldnotes.render import (
    TEMPLATES,
    CardParts,
    Renderer,
    hide_from_search,
    light_for_search,
    meta_row,
    show_again,
)

ROW = (
    '<p class="fieldnotes-card__meta">\n<a class="fieldnotes-card__link" href="https://a.org/x" '
    'rel="noopener">a.org</a>\n<time datetime="2025-12-14">Dec 14, 2025</time>\n'
    '<span class="fieldnotes-card__source" data-label="Source">R&amp;D Lab</span>\n</p>'
)
CARD = f'<article class="fieldnotes-card"><h3 id="t">T</h3>{ROW}<p>Commentary.</p></article>'


def test_meta_row_is_cut_from_a_rendered_card() -> None:
    assert meta_row(CARD) == ROW
    assert meta_row("<article><h3>T</h3><p>No meta row here.</p></article>") is None
    assert meta_row('<p class="fieldnotes-card__meta">never closed') is None


def test_stand_ins_keep_the_words_and_come_back_exactly() -> None:
    page = f"<h1>Page</h1>{CARD}<p>Between.</p>{CARD}"
    hidden_page, hidden = hide_from_search(page, [ROW, ROW])
    assert hidden_page.count('<p data-fieldnotes-meta="0">a.org Dec 14, 2025 R&amp;D Lab</p>') == 1
    assert hidden_page.count('<p data-fieldnotes-meta="1">') == 1
    assert "fieldnotes-card__meta" not in hidden_page
    assert "<p>Commentary.</p>" in hidden_page
    assert show_again(hidden_page, hidden) == page


def test_a_row_another_plugin_changed_stays_as_it_is() -> None:
    changed = CARD.replace('rel="noopener"', 'rel="noopener" target="_blank"')
    hidden_page, hidden = hide_from_search(changed, [ROW])
    assert hidden_page == changed
    assert hidden == []
    assert show_again(hidden_page, hidden) == changed


def test_a_header_with_the_page_heading_is_indexed_as_it_is() -> None:
    header = '<header class="fieldnotes-header"><p>Lede</p></header>'
    titled = '<header class="fieldnotes-header">\n<h1 class="x">Title</h1></header>'
    assert light_for_search(header, [ROW]) == [ROW, header]
    assert light_for_search(titled, [ROW]) == [ROW]
    assert light_for_search(None, []) == []


def renderer(overrides: dict[str, str]) -> Renderer:
    """A renderer over the package's templates, with ``overrides`` as a custom_dir would."""
    loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader(overrides), jinja2.FileSystemLoader([TEMPLATES])]
    )
    return Renderer(jinja2.Environment(loader=loader), "en", "medium")


def test_each_writes_what_an_include_per_value_writes() -> None:
    """``each`` renders all values in one call: each value's text is what including the
    template for it alone writes, and a custom_dir copy wins."""
    partial = "<li>{{ item }}</li>\n{%- set seen = item %}\n"
    overrides = {"fieldnotes/partials/x.html": partial}
    env = jinja2.Environment(loader=jinja2.DictLoader(overrides), autoescape=True)
    include = env.from_string(
        "{% for item in values %}{% include 'fieldnotes/partials/x.html' %}|{% endfor %}"
    )
    values = ["a", "<b>", "c"]
    expected = include.render(values=values).split("|")[:3]
    assert renderer(overrides).each("fieldnotes/partials/x.html", "item", values) == expected
    assert expected == ["<li>a</li>", "<li>&lt;b&gt;</li>", "<li>c</li>"]


def test_a_broken_copy_of_a_looped_template_names_its_file_and_line() -> None:
    broken = "<article>\n{{ card.title }}\n{% if card.link %}\n</article>\n"
    card = bare_card("T")
    parts = [CardParts(card, Markup("T"), Markup(""), Markup(""))]
    with pytest.raises(PluginError) as error:
        renderer({"fieldnotes/card.html": broken}).cards(Entry("a.md"), parts)
    assert str(error.value) == (
        "fieldnotes: template 'fieldnotes/card.html' line 3: Unexpected end of template. "
        "Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost "
        "block that needs to be closed is 'if'. Fix or delete your copy in custom_dir."
    )
    with pytest.raises(PluginError) as error:
        renderer({"fieldnotes/partials/feed-atom-entry.html": "{{ item.id }\n"}).each(
            "fieldnotes/partials/feed-atom-entry.html", "item", ["x"]
        )
    assert str(error.value).startswith(
        "fieldnotes: template 'fieldnotes/partials/feed-atom-entry.html' line 1: "
    )

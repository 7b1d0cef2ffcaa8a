"""Pure tests of render.py's search stand-ins (the build tests are in test_build_cards.py)."""

from __future__ import annotations

from mkdocs_fieldnotes.render import hide_from_search, light_for_search, meta_row, show_again

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

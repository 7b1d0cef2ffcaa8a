"""Pure tests of render.py: the search stand-ins (the build tests are in
test_build_cards.py), the per-value loops of ``Renderer.each`` and ``Renderer.cards``, the
words of dates and ages made once per build, and the compiled templates kept across builds."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from test_index import card as bare_card

from mkdocs_fieldnotes.model import Entry
from mkdocs_fieldnotes.render import (
    CARD_END,
    TEMPLATES,
    CardParts,
    CompiledTemplates,
    Renderer,
    _values,
    hide_from_search,
    light_for_search,
    meta_row,
    show_again,
)
from mkdocs_fieldnotes.revisit import Age

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


def test_rows_out_of_page_order_or_gone_are_left_alone() -> None:
    page = f"<h1>Page</h1>{CARD}<p>Between.</p>{CARD.replace('a.org', 'b.org')}"
    second = ROW.replace("a.org", "b.org")
    hidden_page, hidden = hide_from_search(page, [second, ROW])  # ROW comes first
    assert [row for _, row in hidden] == [second]
    assert hidden_page.count("fieldnotes-card__meta") == 1
    assert show_again(hidden_page, hidden) == page
    assert show_again(page, hidden) == page  # another plugin took the stand-in out


def test_a_row_another_plugin_changed_stays_as_it_is() -> None:
    changed = CARD.replace('rel="noopener"', 'rel="noopener" target="_blank"')
    hidden_page, hidden = hide_from_search(changed, [ROW])
    assert hidden_page == changed
    assert hidden == []
    assert show_again(hidden_page, hidden) == changed


def test_a_header_with_the_page_heading_is_indexed_as_it_is() -> None:
    header = '<header class="fieldnotes-header"><p>Lede</p></header>'
    titled = '<header class="fieldnotes-header">\n<h1 class="x">Title</h1></header>'
    assert light_for_search(header, [ROW]) == [header, ROW]
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


def test_loop_text_is_split_into_values_as_it_comes() -> None:
    """The chunks Jinja yields are cut at each CARD_END, wherever it falls in a chunk; the
    text after the last value is not a value."""
    chunks = ["<a>", "b", f"{CARD_END}c{CARD_END}", "", f"{CARD_END}d", f"e{CARD_END}\n"]
    assert _values(chunks, 4) == ["<a>b", "c", "", "de"]
    assert _values(iter(chunks), 2) == ["<a>b", "c"]
    assert _values([], 0) == []


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


def test_each_date_and_age_is_worded_once_per_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """A site's cards share their dates and ages: each is made into text once per build,
    and every card gets the same text as the first."""
    import datetime as dt

    from mkdocs_fieldnotes import render

    made: list[tuple[object, ...]] = []
    ago = render.ago
    monkeypatch.setattr(render, "ago", lambda *a: made.append(a) or ago(*a))
    words = renderer({})
    day = dt.date(2025, 12, 14)
    assert [words.date(day), words.date(day), words.date(day, "month")] == [
        "Dec 14, 2025",
        "Dec 14, 2025",
        "Dec 2025",
    ]
    stale = Age(dt.date(2024, 1, 2), "day", False, 23, 700, "stale")
    first = words.age_html(stale)
    assert words.age_html(Age(dt.date(2024, 1, 2), "day", False, 23, 700, "stale")) == first
    assert "1 year ago" in first and "fieldnotes-badge--stale" in first
    fresh = words.age_html(Age(dt.date(2025, 12, 1), "day", False, 0, 13, "fresh"))
    assert "1 week ago" in fresh and "badge" not in fresh
    assert made == [(1, "year", "en"), (1, "week", "en")]
    assert renderer({}).date(day, "month") == "Dec 2025"  # a new build words it again


def _load(cache: CompiledTemplates, templates: dict[str, str], **settings: object) -> str:
    """Render ``x.html`` in a new environment, as each build has one, sharing ``cache``."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        bytecode_cache=cache,
        **settings,  # type: ignore[arg-type]
    )
    return env.get_template("x.html").render(value="<b>")


def test_compiled_templates_are_kept_across_builds_until_their_source_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, *args: object, **kwargs: object) -> object:
        compiled.append(source)
        return compile_(self, source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    cache = CompiledTemplates()
    templates = {"x.html": "<p>{{ value }}</p>"}
    assert _load(cache, templates, autoescape=True) == "<p>&lt;b&gt;</p>"
    assert _load(cache, templates, autoescape=True) == "<p>&lt;b&gt;</p>"
    assert len(compiled) == 1  # the second build reused the code
    templates["x.html"] = "<div>{{ value }}</div>"  # an edited custom_dir copy
    assert _load(cache, templates, autoescape=True) == "<div>&lt;b&gt;</div>"
    assert len(compiled) == 2
    assert len(cache) == 1  # the edited template's old code is not kept
    # Settings compiled into the code (autoescape here) compile again.
    assert _load(cache, templates, autoescape=False) == "<div><b></div>"
    assert _load(cache, templates, autoescape=True) == "<div>&lt;b&gt;</div>"
    assert len(compiled) == 3
    assert len(cache) == 2  # one code for each set of settings

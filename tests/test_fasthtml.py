"""The default templates written in Python give exactly the bytes of the Jinja ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from typing import Any, Optional

import jinja2
import markupsafe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from mkdocs_fieldnotes import fasthtml
from mkdocs_fieldnotes.header import header_context
from mkdocs_fieldnotes.i18n import words
from mkdocs_fieldnotes.index import TimelineItem, group_by_month
from mkdocs_fieldnotes.model import Card, Entry
from mkdocs_fieldnotes.pages import PageOptions
from mkdocs_fieldnotes.render import Renderer
from mkdocs_fieldnotes.site import build_site

TEMPLATES = os.path.join(os.path.dirname(fasthtml.__file__), "templates")


def renderer(locale: str = "en", *dirs: str) -> Renderer:
    loader = jinja2.FileSystemLoader([*dirs, TEMPLATES])
    return Renderer(jinja2.Environment(loader=loader, auto_reload=False), locale, "medium")


def make_card(
    link: Optional[str] = "https://example.org/a?b=1&c=2",
    link_text: Optional[str] = None,
    date: Optional[dt.date] = dt.date(2025, 12, 14),
    source: Optional[str] = "Src <b>",
    topic: Optional[str] = "To\"pic's",
    future_label: Optional[str] = None,
) -> Card:
    return Card(
        id="the-id",
        heading="h",
        title="T",
        source=source,
        topic=topic,
        link=link,
        link_text=link_text,
        date_commented=date,
        date_text=None,
        future=None,
        future_label=future_label,
        commentary="",
        line=1,
    )


def both(r: Renderer, card: Card, future: str = "") -> tuple[tuple[str, str], tuple[str, str]]:
    heading, commentary = '<h3 id="the-id">T</h3>', "<p>Words &amp; more</p>"
    r.fast = False
    slow = (r.meta(None, card), r.card(None, 0, card, heading, commentary, future))
    r.fast = True
    fast = (r.meta(None, card), r.card(None, 0, card, heading, commentary, future))
    return slow, fast


VARIANTS = [
    make_card(),
    make_card(link=None, link_text="javascript:alert(1) & <x>"),
    make_card(link=None, link_text=None),
    make_card(date=None),
    make_card(source=None, topic=None),
    make_card(future_label="Later & <then>"),
]


@pytest.mark.parametrize("locale", ["en", "fr", "de", "es"])
@pytest.mark.parametrize("index", range(len(VARIANTS)))
def test_same_bytes_as_the_templates(locale: str, index: int) -> None:
    slow, fast = both(renderer(locale), VARIANTS[index], future="<p>later</p>")
    assert fast == slow
    slow, fast = both(renderer(locale), VARIANTS[index])
    assert fast == slow


text = st.one_of(st.none(), st.text(max_size=12))


@settings(max_examples=200, deadline=None)
@given(source=text, topic=text, link_text=text, label=text, has_link=st.booleans())
def test_same_bytes_for_any_text(
    source: Optional[str],
    topic: Optional[str],
    link_text: Optional[str],
    label: Optional[str],
    has_link: bool,
) -> None:
    card = make_card(
        link="https://e.org/x" if has_link else None,
        link_text=link_text,
        source=source,
        topic=topic,
        future_label=label,
    )
    slow, fast = both(renderer(), card, future="<p>f</p>")
    assert fast == slow


def test_an_override_switches_back_to_jinja(tmp_path: os.PathLike[str]) -> None:
    partials = os.path.join(tmp_path, "fieldnotes", "partials")
    os.makedirs(partials)
    with open(os.path.join(partials, "card-meta.html"), "w", encoding="utf-8") as f:
        f.write("<p class=custom>{{ card.source }}</p>")
    r = renderer("en", str(tmp_path))
    assert r.meta(None, make_card()) == "<p class=custom>Src &lt;b&gt;</p>"
    assert r.is_default("fieldnotes/card.html")
    assert not r.is_default("fieldnotes/partials/card-meta.html")


def timeline_both(r: Renderer, groups: list[Any], year_headings: bool) -> tuple[str, str]:
    def href(src: str, anchor: Optional[str] = None) -> str:
        return f"../{src}?a=1&b=2" + (f"#{anchor}" if anchor else "")

    context: dict[str, Any] = {"href": href}
    r.fast = False
    slow = str(r.timeline_groups(context, groups, year_headings))
    r.fast = True
    fast = str(r.timeline_groups(context, groups, year_headings))
    return slow, fast


def timeline_sample() -> list[Any]:
    entry = Entry(src_uri="notes/a.md", title="A & <b>")
    draft = Entry(src_uri="notes/d.md", draft=True)  # no title: its file name is shown
    undated_card = dataclasses.replace(
        make_card(date=None, source=None, topic=None), id="u", commentary=""
    )
    items = [
        TimelineItem(dataclasses.replace(make_card(), commentary="First. Second."), entry),
        TimelineItem(make_card(date=dt.date(2025, 12, 1), source=None), draft),
        TimelineItem(make_card(date=dt.date(2024, 3, 9), topic=None), entry),
        TimelineItem(undated_card, draft),
    ]
    return group_by_month(items)


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("year_headings", [True, False])
def test_timeline_groups_same_bytes_as_the_template(locale: str, year_headings: bool) -> None:
    slow, fast = timeline_both(renderer(locale), timeline_sample(), year_headings)
    assert fast == slow
    assert "fieldnotes-timeline__year" in fast if year_headings else "timeline__year" not in fast
    assert timeline_both(renderer(locale), [], year_headings) == ("", "")


def header_entries() -> list[Entry]:
    day = dt.date
    return [
        Entry(
            src_uri="notes/a.md",
            title="A & <b>",
            date=day(2025, 1, 2),
            lastmod=day(2025, 2, 3),
            summary='Sum "x" & y',
            category="Cat <1>",
            series=("Ser & ies",),
            series_order=1,
            tags=("LLMs/Post-training", "x&y"),
            status="in-progress",
            authors=("Ada", "Bob <b>"),
        ),
        Entry(
            src_uri="notes/b.md",
            title="B",
            date=day(2025, 1, 5),
            lastmod=day(2025, 1, 5),
            series=("Ser & ies",),
            series_order=2,
            draft=True,
        ),
        Entry(src_uri="notes/c.md", series=("Ser & ies",), series_order=3, tags=("solo",)),
        Entry(src_uri="notes/d.md", title="D"),
    ]


@pytest.mark.parametrize("locale", ["en", "de"])
@pytest.mark.parametrize("linked", [True, False])
@pytest.mark.parametrize("show_title", [True, False])
def test_entry_header_same_bytes_as_the_templates(
    locale: str, linked: bool, show_title: bool
) -> None:
    entries = header_entries()
    site = build_site(entries, PageOptions(), words(locale))
    r = renderer(locale)

    def url_of(src: str) -> Optional[str]:
        return f"../{src[:-3]}/?q=1&r=2" if linked else None

    outputs = []
    for entry in entries:
        context = header_context(entry, site, url_of, "https://e.org/h.png?a&b" if linked else None)
        context["show_title"], context["title"] = show_title, "Page <title>"
        r.fast = False
        slow = r.header(dict(context))
        r.fast = True
        assert r.header(dict(context)) == slow, entry.src_uri
        outputs.append(slow)
    html = "".join(outputs)
    for part in ("series__prev", "series__next", "badge--draft", "badge--status", "__updated"):
        assert part in html  # the sample exercises every branch of the templates
    assert ("fieldnotes-header__hero" in html) is linked
    assert ("fieldnotes-header__title" in html) is show_title
    assert ('<a class="fieldnotes-chip"' in html) is linked


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_entry_list_same_bytes_as_the_template(locale: str) -> None:
    entries = [
        *header_entries(),
        Entry(src_uri="notes/e.md", title="E", cards=(make_card(), make_card(date=None))),
        Entry(src_uri="notes/f.md", title="F", cards=(make_card(),), series=("S", "T & u")),
    ]

    def href(src: str) -> str:
        return f"../{src}?a=1&b=2"

    r = renderer(locale)
    outputs = []
    for listed in (entries, entries[:1], []):
        r.fast = False
        slow = str(r.entry_list({"href": href}, listed))
        r.fast = True
        fast = str(r.entry_list({"href": href}, listed))
        assert fast == slow
        outputs.append(fast)
    assert 'href="../notes/a.md?a=1&amp;b=2">A &amp; &lt;b&gt;</a>' in outputs[0]
    assert "T &amp; u" in outputs[0] and "fieldnotes-badge--draft" in outputs[0]
    assert outputs[0].count('<li class="fieldnotes-entry">') == 6
    assert "fieldnotes-empty" in outputs[2] and "<ul" not in outputs[2]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.builds(Markup, st.text())))
def test_escape_gives_the_bytes_of_markupsafe(value: Any) -> None:
    assert fasthtml.escape(value) == str(markupsafe.escape(value))
    assert type(fasthtml.escape(value)) is str or isinstance(value, Markup)


def test_escape_of_every_special_character() -> None:
    assert fasthtml.escape("""a&b<c>d"e'f""") == "a&amp;b&lt;c&gt;d&#34;e&#39;f"
    assert fasthtml.escape(Markup("<b>")) == "<b>"

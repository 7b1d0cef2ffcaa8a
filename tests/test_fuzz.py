"""Property-based tests: arbitrary input never raises and outputs keep their invariants."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from mkdocs_fieldnotes.entries import ReadOptions, parse_page
from mkdocs_fieldnotes.links import url_scheme
from mkdocs_fieldnotes.model import ENTRY_FIELDS, Card
from mkdocs_fieldnotes.render import Renderer
from mkdocs_fieldnotes.slugs import slugify

TEMPLATES = Path(__file__).resolve().parent.parent / "mkdocs_fieldnotes" / "templates"
OPTIONS = ReadOptions(statuses=("draft", "published"))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.dates(),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=8,
)
keys = st.sampled_from([*(f.key for f in ENTRY_FIELDS), "other"])
nasty = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "\"'><img src=x onerror=alert(1)>",
        "../../etc/passwd",
        "a/b\\c",
        "\u202eevil",
        "🚀",
        "x" * 300,
        "\x00\x07",
        "javascript:alert(1)",
        "&amp;<b>",
        "{{ 7*7 }}",
        "{% raw %}",
        "03/04/2025",
        "2025-02-31",
        "14 Dec 2025",
        " ",
        "",
    ]
)
line_text = st.one_of(st.text(max_size=60), nasty)


def check_invariants(src: str, text: str) -> None:
    parsed = parse_page(src, text, OPTIONS)
    lines = text.count("\n") + 2
    for problem in parsed.problems:
        assert problem.path == src
        assert problem.line is None or 1 <= problem.line <= lines
        assert problem.message
    if parsed.entry is None:
        return
    ids = [card.id for card in parsed.entry.cards]
    assert len(ids) == len(set(ids)), ids
    for card in parsed.entry.cards:
        assert card.id and "/" not in card.id and " " not in card.id
        if card.link is not None:
            assert url_scheme(card.link) in ("http", "https"), card.link
        assert card.date_commented is None or isinstance(card.date_commented, dt.date)
    for name in parsed.entry.tags + parsed.entry.series:
        assert name.strip() and "\n" not in name


@FUZZ
@given(st.text(max_size=400))
def test_any_text_is_read_without_error(text: str) -> None:
    check_invariants("notes/a.md", text)


@FUZZ
@given(st.dictionaries(keys, yaml_values, max_size=8), st.text(max_size=100))
def test_any_front_matter_values(data: dict[str, object], body: str) -> None:
    try:
        front = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:  # pragma: no cover - PyYAML cannot represent the value
        return
    check_invariants("notes/a.md", f"---\n{front}---\n{body}")


@FUZZ
@given(
    st.lists(
        st.tuples(
            line_text,  # heading
            st.one_of(line_text, st.just("https://example.org/x")),  # link value
            line_text,  # date value
            st.lists(line_text, max_size=3),  # commentary
            st.booleans(),  # bold labels
        ),
        max_size=4,
    )
)
def test_any_card_sections(sections: list[tuple[str, str, str, list[str], bool]]) -> None:
    parts = ["---\ntitle: T\ntags: [a]\n---\n"]
    for heading, link, date, commentary, bold in sections:
        label = "**Link:**" if bold else "Link:"
        parts.append(f"### {heading}\n{label} {link}\n\nDate commented: {date}\n")
        parts.extend(f"\n{c}\n" for c in commentary)
        parts.append("\n---\n")
    check_invariants("notes/a.md", "".join(parts))


@FUZZ
@given(st.text(max_size=120))
def test_slugs_are_confined(name: str) -> None:
    slug = slugify(name)
    assert slug and slug == slugify(name)
    assert "/" not in slug and "\\" not in slug and slug not in (".", "..")
    assert not slug.startswith("-") and not slug.endswith("-")


def _renderer() -> Renderer:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)))
    return Renderer(env, "en", "medium")


RENDERER = _renderer()


@FUZZ
@given(line_text, line_text, line_text, line_text, st.booleans())
def test_card_template_escapes_every_field(
    title: str, source: str, topic: str, link_text: str, dated: bool
) -> None:
    card = Card(
        id="card",
        heading=title,
        title=title,
        source=source or None,
        topic=topic or None,
        link=None,
        link_text=link_text or None,
        date_commented=dt.date(2025, 1, 2) if dated else None,
        date_text=None,
        future=None,
        future_label=link_text or None,
        commentary=title,
        line=1,
    )
    html = RENDERER.render(
        "fieldnotes/card.html",
        card=card,
        entry=None,
        heading=Markup("<h3 id='card'>T</h3>"),
        commentary="",
        future=Markup("<p>f</p>") if link_text else "",
    )
    soup = BeautifulSoup(html, "html.parser")
    allowed = {"article", "h3", "div", "span", "time", "footer", "p", "svg", "path"}
    assert {tag.name for tag in soup.find_all(True)} <= allowed
    for tag in soup.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag

"""Property-based tests: arbitrary input never raises and outputs keep their invariants."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SiteFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from mkdocs_fieldnotes.entries import ReadOptions, parse_page
from mkdocs_fieldnotes.frontmatter import DRAFT_KEY, status_key
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


# -- every front matter key, every YAML type, in real builds ------------------------------

HOSTILE_TEXTS = [
    "<script>alert('fnx')</script>",
    "\"'><fnx-a fnxattr=1>",
    "</title><fnx-b>T</fnx-b>",
    "<img src=x onerror=alert('fnx')>",
    "a\x00b",
    "\x1b[31mred",
    "\u202eevil",
    "zero\u200bwidth",
    "\u200b\u200f",
    "\u3164",
    "x" * 3000,
    "Café",
    "Cafe\u0301",
    "/",
    "a/../b",
    "line\nbreak",
    "\ud800",  # a lone surrogate: YAML refuses it, the build must not
    "2025-01-02T25:99",
    "2025-12-14",
    "{{ 7*7 }}",
    "&amp;",
    "",
    "  ",
    "12",
]
front_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.dates(),
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=12),
)
front_values = st.one_of(
    front_scalars,
    st.lists(front_scalars, max_size=4),
    st.dictionaries(st.sampled_from(["created", "x", "<fnx-k>"]), front_scalars, max_size=2),
)
FRONT_KEYS = [field.key for field in ENTRY_FIELDS] + [DRAFT_KEY]
FIELD_OF = {field.key: field for field in ENTRY_FIELDS}
BUILDS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _as_written(text: str) -> str:
    """A text as the plugin uses it when it says nothing: NFC, whitespace folded."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _needs_warning(key: str, value: object, record: dict[str, Any]) -> bool:
    """Whether the plugin did not use ``value`` as written (so it must have said so)."""
    if value is None:
        return False
    if key == DRAFT_KEY:
        return not isinstance(value, bool)
    field = FIELD_OF[key]
    used = record[field.attr]
    if field.kind in ("text", "name"):
        return not (isinstance(value, str) and used == _as_written(value))
    if field.kind == "names":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return True
        expected: list[str] = []
        for item in map(_as_written, items):
            if not item:
                return True
            if item.casefold() not in {e.casefold() for e in expected}:
                expected.append(item)
        return used != expected
    return used is None  # date, number: read, or reported


def _inert(soup: BeautifulSoup, where: str) -> None:
    for tag in soup.find_all(True):
        assert not tag.name.startswith("fnx"), f"{where}: {tag}"
        assert not any(a.startswith(("fnx", "on")) for a in tag.attrs), f"{where}: {tag}"
        if tag.name == "script" and tag.get("type") == "application/ld+json":
            # Social previews: the values as JSON data, which no browser runs; no '<', '>'
            # or '&' in it can end the element.
            data = tag.string or ""
            assert not {"<", ">", "&"} & set(data), f"{where}: {tag}"
            assert isinstance(json.loads(data), dict), f"{where}: {tag}"
        elif tag.name == "script":
            assert "fnx" not in (tag.string or ""), f"{where}: {tag}"


@pytest.mark.slow  # 20 small builds, about 10 s
@BUILDS
@given(st.dictionaries(st.sampled_from(FRONT_KEYS), front_values, min_size=1))
def test_any_front_matter_in_a_real_build(data: dict[str, object]) -> None:
    """Every key the plugin reads, with values of every YAML type and hostile texts, in a
    Material build: no traceback, a warning at the key's line for every value not used as
    written, no element or attribute of the input live in any page, a valid export."""
    lines: dict[str, int] = {}
    front = ""
    for key, value in data.items():
        lines[key] = 2 + front.count("\n")
        front += yaml.safe_dump({key: value}, allow_unicode=True, width=10**9)
    source = f"---\n{front}---\n\n# Entry\n\n### R\nLink: https://example.org/r\n"
    with tempfile.TemporaryDirectory() as tmp:
        built = SiteFactory(Path(tmp))(
            {"index.md": "# Home\n", "notes/e.md": source},
            plugin={"status_publish_drafts": True},
            strict=False,
        )
        export = json.loads((built.site_dir / "fieldnotes.json").read_text("utf-8"))
        [record] = export["entries"]
        warned = " ".join(built.warnings)
        whole = "front matter is not valid YAML" in warned or "could not be read" in warned
        for key, value in data.items():
            if not whole and _needs_warning(key, value, record):
                prefix = f"mkdocs_fieldnotes: notes/e.md:{lines[key]}: "
                assert any(w.startswith(prefix) for w in built.warnings), (key, value, record)
        status = record["status"]
        marked = data.get(DRAFT_KEY) is True and not whole
        assert record["draft"] is (marked or (status is not None and status_key(status) == "draft"))
        for path in built.site_dir.rglob("*.html"):
            _inert(BeautifulSoup(path.read_text("utf-8"), "html.parser"), path.name)
        assert all("\n" not in w for w in built.warnings)

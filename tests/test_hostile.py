"""Hostile and broken input: the build finishes, the user is told, readers are safe."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SiteFactory, follow, tree_digest

NAMES = [
    "<script>alert('tag')</script>",
    "\"'><img src=x onerror=alert(1)>",
    "../../../etc/passwd",
    "a\\b\\..\\c",
    "ctrl\x07char",
    "\u202eright-to-left \u05e9\u05dc\u05d5\u05dd",
    "🚀🔥",
    "L" * 150,
    "</title><script>alert(2)</script>",
]


def hostile_entry() -> str:
    front = {
        "title": "</title><script>alert(3)</script> & <b>bold</b>",
        "description": '"><script>alert(4)</script>',
        "summary": "<img src=x onerror=alert(5)>",
        "date": "2025-12-14",
        "category": NAMES[1],
        "series": NAMES[0],
        "author": NAMES[8],
        "tags": NAMES,
    }
    return (
        "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"
        '### <em>Injected</em> ("><script>x</script>) — <img src=x onerror=alert(6)>\n'
        "Link: javascript:alert(7)\n\n"
        "Date commented: 2025-12-14\n\n"
        "Plain commentary.\n\n"
        "---\n\n"
        "### Data link\n"
        "Link: data:text/html,<script>alert(8)</script>\n\n"
        "### VB link\n"
        "Link: vbscript:msgbox(1)\n"
    )


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


SCRIPT_FREE = {"script", "iframe", "object", "embed"}


def assert_inert(soup: BeautifulSoup, where: str) -> None:
    """No element or attribute from the hostile file made it into the page."""
    for tag in soup.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), f"{where}: {tag}"
        for attr in ("href", "src"):
            value = str(tag.get(attr, "")).replace("\t", "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{where}: {tag}"
        if tag.name == "script" and tag.get("type") == "application/ld+json":
            # Social previews: the entry's text as JSON data, which no browser runs; no
            # '<', '>' or '&' in it can end the element or open a comment.
            data = tag.string or ""
            assert not {"<", ">", "&"} & set(data), f"{where}: {tag}"
            assert isinstance(json.loads(data), dict), f"{where}: {tag}"
        elif tag.name == "script":
            assert "alert(" not in (tag.string or ""), f"{where}: {tag}"
    assert not soup.select("img[src=x]"), where
    assert not soup.find("b", string="bold") or where.endswith("search"), where


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_hostile_names_are_escaped_and_confined(
    build_site: SiteFactory, use_directory_urls: bool
) -> None:
    source = hostile_entry()
    built = build_site(
        {"index.md": "# Home\n", "notes/evil.md": source},
        plugin={"status_values": []},
        strict=False,  # a plain build finishes; the warnings below would fail --strict
        use_directory_urls=use_directory_urls,
    )
    tags_line = line_of(source, "tags:")
    for message in (
        "front matter key 'tags' has an item with control or bidi override characters "
        "('\\u202eright-to-left \u05e9\u05dc\u05d5\u05dd'); they were removed. Delete them "
        "from the file.",
        "front matter key 'tags' has an item with control or bidi override characters "
        "('ctrl\\x07char'); they were removed. Delete them from the file.",
        "front matter key 'tags' has the item '../../../etc/passwd', with an empty or "
        "dots-only part between '/'; it is read as 'etc/passwd'. Write it that way.",
    ):
        built.expect_plugin_warning(f"notes/evil.md:{tags_line}: {message}")
    built.expect_plugin_warning(
        f"notes/evil.md:{line_of(source, 'Link: java')}: card 'Injected': the link 'javascript:alert(7)' uses the scheme "
        "'javascript:', which is not allowed; it is shown as text, not as a link. "
        "Allowed: http:, https:"
    )
    built.expect_plugin_warning(
        f"notes/evil.md:{line_of(source, 'Link: data')}: card 'Data link': the link "
        "'data:text/html' uses the scheme 'data:', "
        "which is not allowed; it is shown as text, not as a link. Allowed: http:, https:"
    )
    built.expect_plugin_warning(
        f"notes/evil.md:{line_of(source, 'Link: vb')}: card 'VB link': the link 'vbscript:msgbox(1)' uses the scheme "
        "'vbscript:', which is not allowed; it is shown as text, not as a link. "
        "Allowed: http:, https:"
    )
    assert not built.aborted
    site = built.site_dir.resolve()
    # Every file the build wrote is inside site_dir.
    for path in site.rglob("*"):
        assert site in path.resolve().parents or path.resolve() == site
    html_files = list(site.rglob("*.html"))
    assert len(html_files) > 10
    for path in html_files:
        assert_inert(BeautifulSoup(path.read_text("utf-8"), "html.parser"), str(path))
    entry_url = "notes/evil/" if use_directory_urls else "notes/evil.html"
    page = built.page(entry_url)
    # The exact names are shown as text.
    chips = [a.get_text() for a in page.select(".fieldnotes-chips .fieldnotes-chip")]
    assert "<script>alert('tag')</script>" in chips
    assert "ctrlchar" in chips  # control characters removed
    title = page.find("title").get_text()
    assert "alert(3)" in title and page.find("title").find(True) is None
    # What the theme prints of the front matter is escaped exactly once: the reader sees
    # the author's text, never "&amp;" or "&lt;".
    assert title == "</title><script>alert(3)</script> & <b>bold</b> - Test site"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        '"><script>alert(4)</script>'
    )
    assert page.find("meta", attrs={"name": "author"})["content"] == NAMES[8]
    # Tag links resolve to files inside site_dir.
    base = (site / entry_url).parent if not use_directory_urls else site / entry_url
    for a in page.select(".fieldnotes-chips a"):
        target = (base / unquote(a["href"])).resolve()
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file() and site in target.parents, a["href"]
    # The titles of generated pages are escaped exactly once too.
    entry_file = "notes/evil/index.html" if use_directory_urls else "notes/evil.html"
    chip = page.select_one(".fieldnotes-chips a")
    category = page.select_one(".fieldnotes-header__category a")
    for link, title in ((chip, f"Tag: {NAMES[0]}"), (category, f"Category: {NAMES[1]}")):
        _, generated = follow(built, entry_file, link["href"])
        assert generated.find("title").get_text() == f"{title} - Test site"
        assert generated.select_one("article h1").get_text() == title
    data = built.export()
    assert data["entries"][0]["cards"][0]["link"] is None
    assert all(c["link"] is None for c in data["entries"][0]["cards"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bom.md", "\ufeff---\ntitle: BOM\ntags: [x]\n---\n\n### A\nLink: https://e.org\n"),
        (
            "crlf.md",
            "---\r\ntitle: CRLF\r\ntags: [x]\r\n---\r\n\r\n### A\r\nLink: https://e.org\r\n",
        ),
        ("no-newline.md", "---\ntitle: NN\ntags: [x]\n---\n\n### A\nLink: https://e.org"),
        ("front-only.md", "---\ntitle: Only\ntags: [x]\nfieldnotes: true\n---\n"),
        ("empty.md", ""),
    ],
)
def test_file_shapes_build(build_site: SiteFactory, name: str, content: str) -> None:
    built = build_site({"index.md": "# Home\n", f"notes/{name}": content.encode("utf-8")})
    assert not built.aborted
    page = built.page(f"notes/{name[:-3]}/")
    if "Link:" in content:
        card = page.select_one("article.fieldnotes-card")
        assert card is not None
        assert card.select_one("a.fieldnotes-card__link")["href"] == "https://e.org"
    if "tags" in content:
        assert [a.get_text() for a in page.select(".fieldnotes-chip")] == ["x"]


def test_non_utf8_page_is_left_out_with_a_warning(build_site: SiteFactory) -> None:
    built = build_site(
        {"index.md": "# Home\n", "notes/latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1")}
    )
    built.expect_plugin_warning(
        "notes/latin1.md: is not valid UTF-8 text (byte 0xe9 at position 14); the page was "
        "left out of the site. Save the file as UTF-8."
    )
    assert built.aborted  # strict: the warning fails the build, without a traceback
    assert not built.exists("notes/latin1/index.html")


def test_several_megabyte_page(build_site: SiteFactory) -> None:
    cards = "".join(
        f"### Resource {i} (Src) — topic\nLink: https://example.org/{i}\n\n"
        f"Date commented: 2025-01-{i % 28 + 1:02d}\n\n"
        + ("Words of commentary. " * 120)
        + "\n\n---\n\n"
        for i in range(1200)
    )
    text = "---\ntitle: Big\ntags: [big]\n---\n\n" + cards
    assert len(text.encode()) > 2_500_000
    built = build_site({"index.md": "# Home\n", "notes/big.md": text})
    assert not built.aborted
    data = built.export()
    assert len(data["entries"][0]["cards"]) == 1200
    # Listings are split: no generated page renders all 1,200 cards.
    for path in (built.site_dir / "timeline").rglob("*.html"):
        assert (
            len(
                BeautifulSoup(path.read_text("utf-8"), "html.parser").select(
                    ".fieldnotes-timeline__item"
                )
            )
            <= 200
        )


def test_repeated_problems_are_capped(build_site: SiteFactory) -> None:
    cards = "".join(f"### Card {i}\nLink: nowhere-{i}\n\n" for i in range(40))
    # Relative links do not make a card field notes: the page opts in.
    front = "---\ntags: [a]\nfieldnotes: true\n---\n\n"
    built = build_site({"index.md": "# Home\n", "notes/many.md": front + cards})
    for i in range(25):
        built.expect_plugin_warning(
            f"notes/many.md:{7 + 3 * i}: card 'Card {i}': the link 'nowhere-{i}' is relative; it "
            "is shown as text, not as a link. Write the full address, starting with https://"
        )
    built.expect_plugin_warning(
        "notes/many.md: 15 more problems not shown; fix the ones above and build again."
    )
    assert len(built.warnings) == 26


def test_docs_dir_untouched_and_no_writes_outside_site(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    built = build_site(
        {"index.md": "# Home\n", "notes/evil.md": "---\ntags: ['../../x']\nfieldnotes: true\n---\n"}
    )
    path_like = (
        "notes/evil.md:2: front matter key 'tags' has the item '../../x', with an empty or "
        "dots-only part between '/'; it is read as 'x'. Write it that way."
    )
    built.expect_plugin_warning(path_like)
    before = tree_digest(built.root / "docs")
    again = build_site.build(built.root)
    again.expect_plugin_warning(path_like)
    assert tree_digest(built.root / "docs") == before
    outside = {p for p in tmp_path.rglob("*") if p.is_file()} - {
        p
        for p in tmp_path.rglob("*")
        if p.is_file()
        and (
            built.site_dir in p.parents
            or (built.root / "docs") in p.parents
            or p.name == "mkdocs.yml"
        )
    }
    assert outside == set(), outside
    assert again.aborted  # strict: the warning fails the build, after the site is written
    assert os.path.isfile(again.site_dir / "tags" / "x" / "index.html")

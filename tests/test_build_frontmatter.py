"""Front matter in real builds: what the theme receives of it, the warnings for malformed
front matter, odd file names, unreadable pages, and values that would amplify into the
generated pages."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import pytest
from bs4 import BeautifulSoup
from conftest import Built, SiteFactory, page_file, resolve_href

CARD = "\n### R\nLink: https://example.org/r\n"
SITE = "Test site"


def html_pages(built: Built) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site, parsed, by its path inside site_dir."""
    return {
        path.relative_to(built.site_dir).as_posix(): BeautifulSoup(
            path.read_text("utf-8"), "html.parser"
        )
        for path in sorted(built.site_dir.rglob("*.html"))
    }


def assert_inert(soup: BeautifulSoup, where: str) -> None:
    """No element or attribute from the hostile values (all marked ``fnx``) is live."""
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


def nav_titles(soup: BeautifulSoup, theme: str) -> list[tuple[str, str]]:
    """``(href, text)`` of the navigation links of a page."""
    if theme == "material":
        links = soup.select("nav.md-nav--primary a.md-nav__link[href]")
    else:
        links = [a for a in soup.select("ul.navbar-nav a[href]") if not a.get("rel")]
    return [
        (str(a["href"]), " ".join(a.get_text(" ").split()))
        for a in links
        if not str(a["href"]).startswith("#")  # menus, search, the page's own headings
    ]


def meta(soup: BeautifulSoup, name: str) -> Optional[str]:
    tag = soup.find("meta", attrs={"name": name})
    return None if tag is None else str(tag["content"])


# -- 1. what the theme receives ----------------------------------------------------------

THEME_ENTRIES = {
    "notes/markup.md": (
        '---\ntitle: "</title><fnx-a fnxattr=1>T & U</fnx-a>"\n'
        "description: '\"><fnx-b fnxattr=2>'\n"
        "author: \"<script>alert('fnx')</script>\"\n"
        "tags: [t]\n---\n"
    ),
    "notes/listy.md": (
        '---\ntitle: [a, "<fnx-c>b</fnx-c>"]\n'
        'description: {x: "<fnx-d fnxattr=3>y</fnx-d>"}\n'
        'author: [["<fnx-e>q</fnx-e>"]]\n'
        'status: ["<fnx-f>"]\n'
        "tags: [t]\n---\n"
    ),
    "notes/number.md": "---\ntitle: 12\ndescription: 3.5\nauthor: 7\ntags: [t]\n---\n",
    "notes/other.md": (
        '---\ntitle: true\ndescription:\nauthor: {a: "<fnx-g>"}\nstatus: new\ntags: [t]\n---\n'
    ),
}
# Title, description and author each entry's page gets: the cleaned value, or none (the
# title then comes from the file name, as MkDocs names a page).
THEME_EXPECTED: dict[str, tuple[str, Optional[str], Optional[str]]] = {
    "notes/markup.md": (
        "</title><fnx-a fnxattr=1>T & U</fnx-a>",
        '"><fnx-b fnxattr=2>',
        "<script>alert('fnx')</script>",
    ),
    "notes/listy.md": ("Listy", None, None),
    "notes/number.md": ("12", "3.5", "7"),
    "notes/other.md": ("Other", None, None),
}
THEME_WARNINGS = [
    "notes/listy.md:2: front matter key 'title' must be a text, got a list; the value was "
    "ignored. Write it in quotes, e.g. title: 'some text'.",
    "notes/listy.md:3: front matter key 'description' must be a text, got a mapping; the value "
    "was ignored. Write it in quotes, e.g. description: 'some text'.",
    "notes/listy.md:4: front matter key 'author' has an item that is a list, not a text; the "
    "item was ignored. Quote it, e.g. 'Some name'.",
    "notes/listy.md:5: front matter key 'status' must be a text, got a list; the value was "
    "ignored. Write it in quotes, e.g. status: 'some text'.",
    "notes/number.md:2: front matter key 'title' is a number (12), not a text; it is used as "
    "'12'. Write it in quotes to keep it as written: title: '12'.",
    "notes/number.md:3: front matter key 'description' is a number (3.5), not a text; it is "
    "used as '3.5'. Write it in quotes to keep it as written: description: '3.5'.",
    "notes/number.md:4: front matter key 'author' is a number (7), not a text; it is used as "
    "'7'. Write it in quotes to keep it as written: author: '7'.",
    "notes/other.md:2: front matter key 'title' must be a text, got a boolean (true); the "
    "value was ignored. Write it in quotes, e.g. title: 'some text'.",
    "notes/other.md:4: front matter key 'author' must be a text or a list of texts, got a "
    "mapping; the value was ignored. Write e.g. author: [First, Second].",
]


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["dir-urls", "file-urls"])
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_theme_gets_the_cleaned_escaped_value_or_nothing(
    build_site: SiteFactory, theme: str, use_directory_urls: bool
) -> None:
    files = {"index.md": "# Home\n", **{src: text + CARD for src, text in THEME_ENTRIES.items()}}
    built = build_site(
        files,
        {"extra": {"status": {"new": "New"}}},
        theme=theme,
        use_directory_urls=use_directory_urls,
    )
    for message in THEME_WARNINGS:
        built.expect_plugin_warning(message)
    pages = html_pages(built)
    assert len(pages) > 8  # entries, tag, timeline, indexes: every one is checked
    for path, soup in pages.items():
        assert_inert(soup, path)
    seen: dict[str, set[str]] = {src: set() for src in THEME_EXPECTED}
    targets = {page_file(src, use_directory_urls): src for src in THEME_EXPECTED}
    for path, soup in pages.items():
        for href, text in nav_titles(soup, theme):
            target, fragment = resolve_href(built, path, href)
            if target in targets and not fragment:
                seen[targets[target]].add(text)
    for src, (title, description, author) in THEME_EXPECTED.items():
        assert seen[src] == {title}, src  # the nav of every page, escaped exactly once
        soup = pages[page_file(src, use_directory_urls)]
        head_title = soup.find("title")
        assert head_title.get_text() == f"{title} - {SITE}"
        assert head_title.find(True) is None
        if theme == "material":
            assert meta(soup, "description") == description, src
            assert meta(soup, "author") == author, src
        else:  # MkDocs' theme prints the site's description and author, never the page's
            assert meta(soup, "description") is None and meta(soup, "author") is None
    if theme == "material":  # a status the theme declares keeps its icon; a list has none
        other = pages[page_file("notes/other.md", use_directory_urls)]
        listy = pages[page_file("notes/listy.md", use_directory_urls)]
        icons = other.select(".md-nav__link--active .md-status")
        assert icons and {icon.get("title") for icon in icons} == {"New"}
        assert listy.select(".md-nav__link--active .md-status") == []


# -- 2. malformed front matter, as a build reports it -------------------------------------


def test_malformed_front_matter_in_a_real_build(build_site: SiteFactory) -> None:
    files = {
        "index.md": "# Home\n",
        "notes/dup.md": "---\ntitle: First\ntags: [a]\ntitle: Second\n---\n" + CARD,
        "notes/unclosed.md": "---\ntitle: Never closed\ntags: [a]\n" + CARD,
        "notes/draft.md": "---\ntitle: Draft\ndraft: true\ntags: [a]\n---\n" + CARD,
        "notes/draft-text.md": "---\ntitle: Not a draft\ndraft: 'yes'\ntags: [a]\n---\n" + CARD,
        "notes/cafe-1.md": '---\ntitle: One\ntags: ["Café"]\n---\n' + CARD,
        "notes/cafe-2.md": '---\ntitle: Two\ntags: ["Cafe\\u0301"]\n---\n' + CARD,
        "notes/paths.md": (
            '---\ntitle: Paths\ntags: ["/", "..", "a/../b", "/lead/", "x//y", "\\u200b\\u200f"]\n'
            "---\n" + CARD
        ),
        "notes/time.md": "---\ntitle: Time\ndate: 2025-01-02T25:99\ntags: [a]\n---\n" + CARD,
    }
    built = build_site(files, strict=False)
    for message in [
        "notes/dup.md:4: front matter key 'title' is given again (it is already on line 2); "
        "YAML keeps the last value, so the one on line 2 is ignored. Delete one of them.",
        "notes/unclosed.md:1: front matter opens on line 1 but no line '---' closes it, so none "
        "of its keys are read and the page shows them as text. Add a line '---' after the last "
        "key.",
        "notes/draft-text.md:3: front matter key 'draft' must be true or false, got a text; it "
        "was ignored. Write draft: true (unquoted) to make the entry a draft.",
        "notes/paths.md:3: front matter key 'tags' has the item '/', which has no name, only "
        "'/' or dots; the item was ignored. A '/' separates a parent tag from a child, as in "
        "LLMs/Post-training.",
        "notes/paths.md:3: front matter key 'tags' has the item '..', which has no name, only "
        "'/' or dots; the item was ignored. A '/' separates a parent tag from a child, as in "
        "LLMs/Post-training.",
        "notes/paths.md:3: front matter key 'tags' has the item 'a/../b', with an empty or "
        "dots-only part between '/'; it is read as 'a/b'. Write it that way.",
        "notes/paths.md:3: front matter key 'tags' has the item '/lead/', with an empty or "
        "dots-only part between '/'; it is read as 'lead'. Write it that way.",
        "notes/paths.md:3: front matter key 'tags' has the item 'x//y', with an empty or "
        "dots-only part between '/'; it is read as 'x/y'. Write it that way.",
        "notes/paths.md:3: front matter key 'tags' has an item '\\u200b\\u200f', made only of "
        "invisible characters; the item was ignored. Write a visible text or delete it.",
        "notes/time.md:3: front matter key 'date': '2025-01-02T25:99' has a time of day that "
        "does not exist (25:99); the value was ignored. Write the date as YYYY-MM-DD, e.g. "
        "date: 2025-12-14.",
    ]:
        built.expect_plugin_warning(message)
    data = built.export()
    records = {e["source_path"]: e for e in data["entries"]}
    # The last of duplicate keys is the one used, by the plugin and by the theme.
    assert records["notes/dup.md"]["title"] == "Second"
    assert built.page("notes/dup/").find("title").get_text() == f"Second - {SITE}"
    # Unclosed front matter reads as MkDocs shows it: text, and no key of it used.
    assert records["notes/unclosed.md"]["title"] is None
    assert "title: Never closed" in built.page("notes/unclosed/").select_one("article").get_text()
    # draft: true is a draft, left out of `mkdocs build`; a quoted 'yes' is not.
    assert "notes/draft.md" not in records and not built.exists("notes/draft/index.html")
    assert records["notes/draft-text.md"]["draft"] is False
    # Two spellings of "Café" (composed, decomposed) are one tag, with one page.
    assert records["notes/cafe-2.md"]["tags"] == ["Café"]
    cafe = [t for t in data["tags"] if t["name"].casefold() == "café"]
    assert len(cafe) == 1 and len(cafe[0]["entries"]) == 2
    # Path-like tags: what the warnings said, and no other page.
    assert records["notes/paths.md"]["tags"] == ["a/b", "lead", "x/y"]
    assert sorted(t["name"] for t in data["tags"]) == ["Café", "a", "a/b", "lead", "x", "x/y"]
    assert records["notes/time.md"]["date"] is None


def test_draft_key_publishes_with_the_draft_option(build_site: SiteFactory) -> None:
    built = build_site(
        {"index.md": "# Home\n", "notes/d.md": "---\ndraft: true\ntags: [a]\n---\n" + CARD},
        plugin={"status_publish_drafts": True},
    )
    [record] = built.export()["entries"]
    assert record["draft"] is True
    assert built.page("notes/d/").select(".fieldnotes-badge--draft") != []


# -- 3. file names and pages that cannot be read ------------------------------------------


def test_file_names_cannot_forge_or_hide_in_a_warning(build_site: SiteFactory) -> None:
    bad = "---\ntitle: [x]\ntags: [a]\n---\n" + CARD
    names = ["notes/new\nline.md", "notes/esc\x1b[2K.md", "notes/bidi\u202eevil.md"]
    built = build_site({"index.md": "# Home\n", **dict.fromkeys(names, bad)}, strict=False)
    for shown in ["notes/new\\nline.md", "notes/esc\\x1b[2K.md", "notes/bidi\\u202eevil.md"]:
        built.expect_plugin_warning(
            f"{shown}:2: front matter key 'title' must be a text, got a list; the value was "
            "ignored. Write it in quotes, e.g. title: 'some text'."
        )
    assert all("\n" not in w and "\x1b" not in w and "\u202e" not in w for w in built.warnings)
    assert len(built.export()["entries"]) == 3


def test_symlink_loop_and_broken_link_are_reported_as_what_they_are(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    root = tmp_path / "links"
    (root / "docs" / "notes").mkdir(parents=True)
    os.symlink("loop.md", root / "docs" / "notes" / "loop.md")
    os.symlink("nowhere.md", root / "docs" / "notes" / "broken.md")
    entry = "---\ntags: [a]\n---\n" + CARD
    built = build_site({"index.md": "# Home\n", "notes/ok.md": entry}, root=root, strict=False)
    built.expect_plugin_warning(
        "notes/loop.md: could not be read: it is a symbolic link in a loop (it leads back to "
        "itself); the page was left out of the site. Point the link at a real file, or remove "
        "it."
    )
    built.expect_plugin_warning(
        "notes/broken.md: could not be read: the file it points to does not exist (a broken "
        "symbolic link); the page was left out of the site. Point the link at an existing "
        "file, or remove it."
    )
    assert [e["source_path"] for e in built.export()["entries"]] == ["notes/ok.md"]


# -- 4. amplification ----------------------------------------------------------------------


def site_size(built: Built) -> int:
    return sum(p.stat().st_size for p in built.site_dir.rglob("*") if p.is_file())


def alias_bomb(depth: int) -> list[str]:
    """YAML lines whose last alias stands for 9**depth leaves (shared, never copied by YAML)."""
    lines = ["l0: &l0 [" + ", ".join(["xxxxxxxx"] * 9) + "]"]
    for level in range(1, depth):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return lines


BOMB_KEYS = ["title", "summary", "description", "author", "tags", "series", "category"]
LIMITS = {"title": 300, "summary": 1000, "description": 1000}  # names: 200 characters
LISTS = ("author", "tags", "series")
LONG = 200_000
BOMB = alias_bomb(4)


def amplified_site(hostile: bool) -> dict[str, str]:
    if hostile:
        bomb_front = [*BOMB, *(f"{key}: *l{len(BOMB) - 1}" for key in BOMB_KEYS)]
        long_front = [f"{key}: {'L' * LONG}" for key in BOMB_KEYS]
    else:  # the same pages, with the values the plugin keeps of the hostile ones
        bomb_front = [*BOMB, *(f"{key}: null" for key in BOMB_KEYS)]
        long_front = [f"{key}: {'L' * LIMITS.get(key, 200)}" for key in BOMB_KEYS]
    return {
        "index.md": "# Home\n",
        "notes/plain.md": "---\ntitle: Plain\ntags: [p]\n---\n" + CARD,
        "notes/bomb.md": "---\n" + "\n".join(bomb_front) + "\n---\n" + CARD,
        "notes/long.md": "---\n" + "\n".join(long_front) + "\n---\n" + CARD,
    }


@pytest.mark.slow  # three builds
def test_one_value_cannot_amplify_the_site(build_site: SiteFactory) -> None:
    """A YAML alias bomb and 200,000-character values in every key the plugin reads: the
    plugin copies a bounded amount of them, so the site is the size of one with the values
    it keeps, and smaller than the same site without the plugin (where the theme prints the
    raw values itself)."""
    hostile = build_site(amplified_site(hostile=True), strict=False)
    for number, key in enumerate(BOMB_KEYS, start=2 + len(BOMB)):
        hostile.expect_plugin_warning(
            f"notes/bomb.md:{number}: front matter key '{key}' has an item that is a list, not "
            "a text; the item was ignored. Quote it, e.g. 'Some name'."
            if key in LISTS
            else f"notes/bomb.md:{number}: front matter key '{key}' must be a text, got a "
            f"list; the value was ignored. Write it in quotes, e.g. {key}: 'some text'."
        )
    for number, key in enumerate(BOMB_KEYS, start=2):
        limit = LIMITS.get(key, 200)
        kind = "text" if key in LIMITS else "name"
        size = f"has an item of {LONG} characters" if key in LISTS else f"is {LONG} characters long"
        hostile.expect_plugin_warning(
            f"notes/long.md:{number}: front matter key '{key}' {size}; it was cut to {limit}. "
            f"Use a shorter {kind}."
        )
    ordinary = build_site(amplified_site(hostile=False))
    without = build_site(amplified_site(hostile=True), {"plugins": ["search"]})
    with_plugin, baseline, no_plugin = site_size(hostile), site_size(ordinary), site_size(without)
    assert with_plugin <= baseline + 4_000, (with_plugin, baseline)
    assert with_plugin < no_plugin, (with_plugin, no_plugin)
    long = next(e for e in hostile.export()["entries"] if e["source_path"] == "notes/long.md")
    assert [len(long[k]) for k in ("title", "summary", "description", "category")] == [
        300,
        1000,
        1000,
        200,
    ]
    assert [len(long[k][0]) for k in ("authors", "tags", "series")] == [200, 200, 200]

"""Feeds: Atom 1.0 and JSON Feed 1.1 of the cards, site-wide and per tag, series, category.

Real builds parse every feed with feedparser (the library many feed readers are built on,
``bozo == 0``) and with ``xml.etree``, follow every item link to a built page and its anchor,
and check the JSON Feed against the fields the 1.1 specification requires. feedparser 6.0
has no JSON Feed parser, so the JSON files are checked field by field instead. The pure
functions of ``feeds.py`` are tested directly below the builds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Built, SiteFactory, follow, page_file, resolve_href, tree_digest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from test_rebuilds import build as rebuild
from test_rebuilds import fresh_plugins

from mkdocs_fieldnotes import feeds
from mkdocs_fieldnotes.i18n import words
from mkdocs_fieldnotes.model import Card, Entry
from mkdocs_fieldnotes.plan import PageOptions, plan_site

SITE_URL = "https://example.org/map/"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
EXTENSIONS = ["toc", "attr_list", "fenced_code"]
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def entry(front: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


ALPHA = entry(
    {
        "title": "Alpha",
        "date": "2025-06-01",
        "tags": ["LLMs/Post-training", "Search"],
        "series": ["Reading"],
        "category": "Papers",
        "author": ["Ada Lovelace", "Grace Hopper"],
    },
    "### Attention (Vaswani et al.) — architecture\n"
    "Link: https://arxiv.org/abs/1706.03762?a=1&b=2\n\n"
    "Date commented: 2025-06-03\n\n"
    "Read it with [Beta](beta.md) and [the laws](#scaling-laws), & see "
    "![diagram](../img/diagram.png).\n\n"
    "```\n<script>alert('in code')</script>\n```\n\n"
    "### Scaling laws (Kaplan)\n"
    "Date commented: 2025-05\n\n"
    "Month precision.\n\n"
    "### Undated thought\n"
    "Link: https://example.com/undated\n\n"
    "No date: in no feed.\n",
)
BETA = entry(
    {"title": "Beta", "date": "2025-04-01", "tags": ["LLMs"], "series": ["Reading"]},
    "### Beta card (Beta source)\n"
    "Link: https://example.com/beta\n\n"
    "Date commented: 2025-06-03\n\n"
    "Same day as Attention; Alpha's date is later, so Attention comes first.\n\n"
    "### Old card\n"
    "Date commented: 2024-01-10\n\n"
    "The oldest.\n",
)
GAMMA = entry(
    {"title": "Gamma", "date": "2025-03-01", "tags": ["Search"], "category": "Papers"},
    "### Gamma card\nDate commented: 2025-03-03\n\nGamma commentary.\n",
)
DRAFT = entry(
    {"title": "Draft", "date": "2025-07-01", "tags": ["LLMs"], "status": "draft"},
    "### Draft card\nDate commented: 2025-07-01\n\nNot published yet.\n",
)


def site_files() -> dict[str, str | bytes]:
    return {
        "index.md": "# Home\n\nWelcome.\n",
        "img/diagram.png": PNG,
        "notes/alpha.md": ALPHA,
        "notes/beta.md": BETA,
        "notes/gamma.md": GAMMA,
        "notes/draft.md": DRAFT,
    }


ATTENTION, BETA_CARD, SCALING = (
    "Attention (Vaswani et al.)",
    "Beta card (Beta source)",
    "Scaling laws (Kaplan)",
)
SITE_ORDER = [ATTENTION, BETA_CARD, SCALING, "Gamma card", "Old card"]
FEED_FOLDERS = {
    "": SITE_ORDER,
    "tags/llms": [ATTENTION, BETA_CARD, SCALING, "Old card"],
    "tags/llms/post-training": [ATTENTION, SCALING],
    "tags/search": [ATTENTION, SCALING, "Gamma card"],
    "series/reading": [ATTENTION, BETA_CARD, SCALING, "Old card"],
    "categories/papers": [ATTENTION, SCALING, "Gamma card"],
}


def build_feeds(
    build_site: SiteFactory,
    files: Optional[dict[str, str | bytes]] = None,
    *,
    plugin: Optional[dict[str, Any]] = None,
    config: Optional[dict[str, Any]] = None,
    **kwargs: Any,
) -> Built:
    cfg = {"site_url": SITE_URL, "markdown_extensions": EXTENSIONS, **(config or {})}
    return build_site(site_files() if files is None else files, cfg, plugin=plugin, **kwargs)


@pytest.fixture(scope="module")
def feeds_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], Built]:
    """``feeds_site(use_directory_urls)``: the site of ``site_files()`` with feeds, built once
    per URL style for the read-only tests of this module (what ``build_feeds`` builds)."""
    factory = SiteFactory(tmp_path_factory.mktemp("feeds"))
    builds: dict[bool, Built] = {}

    def get(use_directory_urls: bool = True) -> Built:
        if use_directory_urls not in builds:
            built = build_feeds(factory, use_directory_urls=use_directory_urls)
            assert built.unclaimed == [], "the shared site must build without any warning"
            assert not built.aborted
            builds[use_directory_urls] = built
        return builds[use_directory_urls]

    return get


def feed_paths(built: Built) -> set[str]:
    return {
        p.relative_to(built.site_dir).as_posix()
        for p in built.site_dir.rglob("feed.*")
        if p.is_file()
    }


def atom_of(built: Built, folder: str = "") -> Any:
    """The Atom feed in ``folder`` parsed by feedparser (well-formed, or the test fails)."""
    data = (built.site_dir / folder / "feed.xml").read_bytes()
    ET.fromstring(data)  # well-formed XML, by the standard library's parser too
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def json_of(built: Built, folder: str = "") -> Any:
    data = json.loads((built.site_dir / folder / "feed.json").read_text("utf-8"))
    check_json_feed(data)
    return data


def check_json_feed(data: Any) -> None:
    """What JSON Feed 1.1 requires (version, title, items, each with an id), and the fields
    this plugin always writes, in their specified forms."""
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(data["title"], str) and data["title"]
    assert isinstance(data["items"], list)
    assert data["home_page_url"].startswith(SITE_URL)
    assert data["feed_url"].startswith(SITE_URL) and data["feed_url"].endswith("feed.json")
    assert data["authors"] and all(isinstance(a["name"], str) for a in data["authors"])
    for item in data["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item["url"] == item["id"]
        assert isinstance(item["content_html"], str)
        assert RFC3339.match(item["date_published"]), item["date_published"]
        assert RFC3339.match(item["date_modified"]), item["date_modified"]
        for key in ("tags",):
            assert all(isinstance(t, str) for t in item.get(key, []))


def local(url: str) -> str:
    """A URL of the built site, relative to its root."""
    assert url.startswith(SITE_URL), url
    return url[len(SITE_URL) :]


# -- what is published where ---------------------------------------------------------------


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_every_feed_parses_and_has_its_items_in_order(
    feeds_site: Callable[[bool], Built], use_dirs: bool
) -> None:
    built = feeds_site(use_dirs)
    expected = {
        f"{folder}/{name}".lstrip("/")
        for folder in FEED_FOLDERS
        for name in ("feed.xml", "feed.json")
    }
    assert feed_paths(built) == expected
    for folder, titles in FEED_FOLDERS.items():
        atom = atom_of(built, folder)
        assert [e.title for e in atom.entries] == titles, folder
        data = json_of(built, folder)
        assert [i["title"] for i in data["items"]] == titles, folder
        assert [i["id"] for i in data["items"]] == [e.id for e in atom.entries]
        # The feed's date is its newest item's, never the build's.
        assert atom.feed.updated == atom.entries[0].published
    assert not built.exists("fieldnotes/feed-atom.html")  # templates are not published
    assert set(tree_digest(built.root / "docs")) == set(site_files())  # nothing written there


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_items_link_to_the_card_on_its_built_page(
    feeds_site: Callable[[bool], Built], use_dirs: bool
) -> None:
    built = feeds_site(use_dirs)
    for folder in FEED_FOLDERS:
        for item in atom_of(built, folder).entries:
            assert item.id == item.link
            _, soup = follow(built, "index.html", local(item.link))
            fragment = item.link.rsplit("#", 1)[1]
            card = soup.find(id=fragment)
            assert card is not None and card.name == "h3", item.link
            assert card.find_parent("article", class_="fieldnotes-card") is not None
    first = atom_of(built).entries[0]
    alpha = page_file("notes/alpha.md", use_dirs)
    assert local(first.link) == alpha.removesuffix("index.html") + "#attention"


def test_item_fields(feeds_site: Callable[[bool], Built]) -> None:
    built = feeds_site(True)
    atom = atom_of(built)
    attention = atom.entries[0]
    assert attention.published == attention.updated == "2025-06-03T00:00:00Z"
    assert [a.name for a in attention.authors] == ["Ada Lovelace", "Grace Hopper"]
    assert [t.term for t in attention.tags] == ["LLMs/Post-training", "Search"]
    related = [link.href for link in attention.links if link.rel == "related"]
    assert related == ["https://arxiv.org/abs/1706.03762?a=1&b=2"]
    assert attention.summary.startswith("Read it with Beta and the laws")
    scaling = atom.entries[2]
    assert scaling.published == "2025-05-01T00:00:00Z"  # a month: the first of it
    assert not [link for link in scaling.links if link.rel == "related"]  # no Link: line
    # No author in the entry: the feed's author (the site's name) stands for it.
    assert atom.feed.author == "Test site"
    assert atom.feed.title == "Test site"
    assert atom.feed.id == SITE_URL + "feed.xml"
    assert atom.feed.link == SITE_URL
    item = json_of(built)["items"][0]
    assert item["external_url"] == "https://arxiv.org/abs/1706.03762?a=1&b=2"
    assert item["authors"] == [{"name": "Ada Lovelace"}, {"name": "Grace Hopper"}]
    assert item["tags"] == ["LLMs/Post-training", "Search"]
    assert item["date_published"] == "2025-06-03T00:00:00Z"
    tag_feed = json_of(built, "tags/llms/post-training")
    assert tag_feed["title"] == "Test site · Tag: LLMs/Post-training"
    assert tag_feed["home_page_url"] == SITE_URL + "tags/llms/post-training/"


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_content_is_the_commentary_with_absolute_links(
    feeds_site: Callable[[bool], Built], use_dirs: bool
) -> None:
    built = feeds_site(use_dirs)
    content = json_of(built)["items"][0]["content_html"]
    assert content == atom_of(built).entries[0].content[0].value
    soup = BeautifulSoup(content, "html.parser")
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert [href.startswith(SITE_URL) for href in hrefs] == [True, True]
    follow(built, "index.html", local(hrefs[0]))  # Beta's page
    path, _ = follow(built, "index.html", local(hrefs[1]))  # the other card's anchor
    assert path == page_file("notes/alpha.md", use_dirs)
    img = soup.find("img")
    assert img is not None and img["src"] == SITE_URL + "img/diagram.png"
    # The code block, stashed while the page converted, is in the content, still escaped.
    code = soup.find("code")
    assert code is not None and code.get_text() == "<script>alert('in code')</script>\n"
    assert soup.find("script") is None
    assert "\x02" not in content and "\x03" not in content


def test_parent_tag_feed_has_its_children_cards(feeds_site: Callable[[bool], Built]) -> None:
    built = feeds_site(True)
    child = {e.id for e in atom_of(built, "tags/llms/post-training").entries}
    parent = {e.id for e in atom_of(built, "tags/llms").entries}
    assert child and child < parent


def test_feeds_limit_keeps_the_newest(build_site: SiteFactory) -> None:
    built = build_feeds(build_site, plugin={"feeds_limit": 2})
    for folder, titles in FEED_FOLDERS.items():
        assert [e.title for e in atom_of(built, folder).entries] == titles[:2], folder
        assert [i["title"] for i in json_of(built, folder)["items"]] == titles[:2], folder


def test_drafts_only_when_published(build_site: SiteFactory) -> None:
    built = build_feeds(build_site, plugin={"status_publish_drafts": True})
    assert [e.title for e in atom_of(built).entries] == ["Draft card", *SITE_ORDER]
    assert atom_of(built, "tags/llms").entries[0].title == "Draft card"
    # `mkdocs serve` shows drafts, but never in a feed.
    served = build_feeds(build_site, serve=True)
    assert served.exists(page_file("notes/draft.md", True))
    assert [e.title for e in atom_of(served).entries] == SITE_ORDER
    assert "Draft card" not in {e.title for e in atom_of(served, "tags/llms").entries}


def test_undated_cards_are_in_no_feed(
    build_site: SiteFactory, feeds_site: Callable[[bool], Built]
) -> None:
    built = feeds_site(True)
    for path in feed_paths(built):
        assert "Undated thought" not in (built.site_dir / path).read_text("utf-8")
    only_undated = {
        "index.md": "# Home\n",
        "notes/u.md": entry(
            {"title": "U", "tags": ["T"]}, "### Undated\nLink: https://example.com/u\n\nText.\n"
        ),
    }
    quiet = build_feeds(build_site, only_undated)
    assert feed_paths(quiet) == set()
    assert quiet.export()["feeds"] == []
    assert quiet.page("index.html").find("link", rel="alternate") is None


# -- discovery --------------------------------------------------------------------------------


DISCOVERY = {
    "index.html": ("", "Test site"),
    "timeline/index.html": ("", "Test site"),
    "tags/llms/index.html": ("tags/llms", "Test site · Tag: LLMs"),
    "tags/llms/post-training/index.html": (
        "tags/llms/post-training",
        "Test site · Tag: LLMs/Post-training",
    ),
    "series/reading/index.html": ("series/reading", "Test site · Series: Reading"),
    "categories/papers/index.html": ("categories/papers", "Test site · Category: Papers"),
}


def alternates(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    return [
        (str(link["type"]), str(link["title"]), str(link["href"]))
        for link in soup.head.find_all("link", rel="alternate")
    ]


def test_discovery_links_in_the_head_and_on_the_page(feeds_site: Callable[[bool], Built]) -> None:
    built = feeds_site(True)
    for page, (folder, title) in DISCOVERY.items():
        soup = built.page(page)
        found = alternates(soup)
        assert [(t, n) for t, n, _ in found] == [
            ("application/atom+xml", f"{title} (Atom)"),
            ("application/feed+json", f"{title} (JSON Feed)"),
        ], page
        targets = [follow_file(built, page, href) for _, _, href in found]
        assert targets == [f"{folder}/feed.xml".lstrip("/"), f"{folder}/feed.json".lstrip("/")]
        if page == "index.html":  # the home page is yours: no visible link is added to it
            assert soup.find(class_="fieldnotes-feeds") is None
            continue
        visible = soup.select("article .fieldnotes-feeds")
        assert len(visible) == 1, page
        assert visible[0].find("svg", class_="fieldnotes-feeds__icon") is not None
        links = [(a.get_text(), a["type"]) for a in visible[0].find_all("a")]
        assert links == [("Atom", "application/atom+xml"), ("JSON Feed", "application/feed+json")]
        assert [follow_file(built, page, a["href"]) for a in visible[0].find_all("a")] == targets
    for page in ("notes/alpha/index.html", "tags/index.html", "series/index.html"):
        soup = built.page(page)
        assert alternates(soup) == [], page
        assert soup.find(class_="fieldnotes-feeds") is None, page


def follow_file(built: Built, page: str, href: str) -> str:
    path, fragment = resolve_href(built, page, href)
    assert not fragment and (built.site_dir / path).is_file(), href
    return path


def test_discovery_on_the_mkdocs_theme_without_icon(build_site: SiteFactory) -> None:
    built = build_feeds(build_site, theme="mkdocs")
    soup = built.page("tags/llms/index.html")
    assert [t for t, _, _ in alternates(soup)] == ["application/atom+xml", "application/feed+json"]
    visible = soup.find(class_="fieldnotes-feeds")
    assert visible is not None and visible.find("svg") is None
    assert " ".join(visible.get_text().split()) == "Subscribe: Atom · JSON Feed"
    assert [t for t, _, _ in alternates(built.page("index.html"))] == [
        "application/atom+xml",
        "application/feed+json",
    ]


def test_markdown_links_to_feeds_are_checked_by_mkdocs(build_site: SiteFactory) -> None:
    home = "# Home\n\n[Follow](feed.xml), [LLMs](tags/llms/feed.json), [gone](tags/x/feed.xml)\n"
    built = build_feeds(build_site, {**site_files(), "index.md": home})
    built.expect_warning(
        "Doc file 'index.md' contains a link 'tags/x/feed.xml', but the target is not found "
        "among documentation files."
    )
    hrefs = [str(a["href"]) for a in built.page("index.html").select("article a[href*=feed]")]
    assert [follow_file(built, "index.html", h) for h in hrefs[:2]] == [
        "feed.xml",
        "tags/llms/feed.json",
    ]


def test_export_lists_the_feeds(feeds_site: Callable[[bool], Built]) -> None:
    built = feeds_site(True)
    records = built.export()["feeds"]
    assert [(r["kind"], r["name"], r["atom"], r["json"]) for r in records] == [
        ("site", None, "feed.xml", "feed.json"),
        ("tag", "LLMs", "tags/llms/feed.xml", "tags/llms/feed.json"),
        (
            "tag",
            "LLMs/Post-training",
            "tags/llms/post-training/feed.xml",
            "tags/llms/post-training/feed.json",
        ),
        ("tag", "Search", "tags/search/feed.xml", "tags/search/feed.json"),
        ("series", "Reading", "series/reading/feed.xml", "series/reading/feed.json"),
        ("category", "Papers", "categories/papers/feed.xml", "categories/papers/feed.json"),
    ]
    assert [r["items"] for r in records] == [len(t) for t in FEED_FOLDERS.values()]
    assert records[0]["title"] == "Test site"
    for record in records:
        assert built.exists(record["atom"]) and built.exists(record["json"])


# -- hostile text, reproducibility ------------------------------------------------------------

CONTROL = "\x01\x08\x0b\x0c\x1f\ufffe\uffff"


def test_hostile_text_gives_well_formed_feeds(build_site: SiteFactory) -> None:
    hostile = entry(
        {
            "title": "Hostile",
            "date": "2025-01-01",
            "tags": ["]]> <script>"],
            "author": ["<b>Eve</b> ]]>"],
        },
        f"### Bad{CONTROL[0]} ]]> <script>alert(1)</script> title (<i>src</i> ]]>)\n"
        "Link: https://example.com/?q=]]>&x=y\n\n"
        "Date commented: 2025-01-02\n\n"
        f"Text with {CONTROL} controls, a CDATA end ]]> and <script>alert(2)</script>, "
        "right-to-left \u202eevil\u202c and zero\u200bwidth \u200d joiners, \u05e9\u05dc\u05d5\u05dd.\n",
    )
    built = build_feeds(build_site, {"index.md": "# Home\n", "notes/h.md": hostile})
    for path in sorted(feed_paths(built)):
        raw = (built.site_dir / path).read_bytes()
        text = raw.decode("utf-8")
        assert not any(c in text for c in CONTROL), path
        if path.endswith(".xml"):
            root = ET.fromstring(raw)
            entry_el = root.find(f"{ATOM}entry")
            assert entry_el is not None
            content = entry_el.findtext(f"{ATOM}content") or ""
            assert "]]&gt;" in content and "\u202eevil\u202c" in content and "\u200b" in content
            title = entry_el.findtext(f"{ATOM}title") or ""
            assert "]]>" in title and "<script>" not in title
            parsed = feedparser.parse(raw)
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        else:
            data = json.loads(text)
            check_json_feed(data)
            item = data["items"][0]
            assert "\u202eevil\u202c" in item["content_html"]
            assert item["authors"] == [{"name": "<b>Eve</b> ]]>"}]
            assert item["tags"] == ["]]> <script>"]


def test_two_builds_give_the_same_bytes(build_site: SiteFactory) -> None:
    first = build_feeds(build_site)
    second = build_feeds(build_site)
    a = {p: d for p, d in tree_digest(first.site_dir).items() if "feed." in p}
    b = {p: d for p, d in tree_digest(second.site_dir).items() if "feed." in p}
    assert a == b and len(a) == 2 * len(FEED_FOLDERS)


# -- without site_url, without entries, paths taken, options ------------------------------


NO_SITE_URL = (
    "mkdocs.yml: 'site_url' is not set, so no feed was written: feeds need absolute URLs that "
    "feed readers can follow. Set site_url to the address the site is published at (such as "
    "https://example.org/), or turn feeds off with the plugin's 'feeds: false'."
)


def test_without_site_url_one_warning_and_no_feed(build_site: SiteFactory) -> None:
    built = build_site(
        site_files(), {"markdown_extensions": EXTENSIONS}, plugin={"feeds": True}, strict=False
    )
    built.expect_plugin_warning(NO_SITE_URL)
    assert feed_paths(built) == set()
    assert built.export()["feeds"] == []
    for page in DISCOVERY:
        soup = built.page(page)
        assert alternates(soup) == [] and soup.find(class_="fieldnotes-feeds") is None


def test_a_site_without_entries_gets_no_feed_and_is_unchanged(build_site: SiteFactory) -> None:
    files = {"index.md": "# Home\n", "about.md": "# About\n\n### A heading\n\nText.\n"}
    config = {"site_url": SITE_URL}
    guest = build_site(files, config, plugin={"feeds": True})
    bare = build_site(files, {**config, "plugins": ["search"]})
    assert feed_paths(guest) == set()

    def tree(built: Built) -> dict[str, str]:  # the compressed sitemap holds the build time
        return {p: d for p, d in tree_digest(built.site_dir).items() if p != "sitemap.xml.gz"}

    assert tree(guest) == tree(bare)


def test_a_file_of_yours_at_a_feed_path_wins(build_site: SiteFactory) -> None:
    mine = "<rss>mine</rss>\n"
    built = build_feeds(build_site, {**site_files(), "feed.xml": mine})
    built.expect_plugin_warning(
        "the feed 'Test site' was not written: 'feed.xml' is taken by the file 'feed.xml' of "
        "docs_dir. Rename or move that file, or turn these feeds off with the plugin's "
        "'feeds: false'."
    )
    assert (built.site_dir / "feed.xml").read_text("utf-8") == mine
    assert not built.exists("feed.json")
    assert built.exists("tags/llms/feed.xml")  # the others are written
    assert built.export()["feeds"][0]["kind"] == "tag"
    assert alternates(built.page("index.html")) == []


def test_the_export_at_a_feed_path_wins(build_site: SiteFactory) -> None:
    built = build_feeds(build_site, plugin={"export_path": "tags/search/feed.json"})
    built.expect_plugin_warning(
        "the feed 'Test site · Tag: Search' was not written: 'tags/search/feed.json' is taken "
        "by the plugin's export ('export_path'). Rename or move that file, or turn these "
        "feeds off with the plugin's 'feeds_tags: false'."
    )
    assert built.export("tags/search/feed.json")["version"] == 1
    assert not built.exists("tags/search/feed.xml")
    assert alternates(built.page("tags/search/index.html")) == []


def test_feed_kinds_can_be_turned_off(build_site: SiteFactory) -> None:
    off = build_feeds(build_site, plugin={"feeds": False})
    assert feed_paths(off) == set()
    assert alternates(off.page("index.html")) == []
    some = build_feeds(
        build_site, plugin={"feeds_tags": False, "feeds_series": False, "feeds_categories": False}
    )
    assert feed_paths(some) == {"feed.xml", "feed.json"}
    assert alternates(some.page("tags/llms/index.html")) == []
    assert some.page("tags/llms/index.html").find(class_="fieldnotes-feeds") is None
    assert len(alternates(some.page("timeline/index.html"))) == 2


def test_a_disabled_plugin_writes_no_feed(build_site: SiteFactory) -> None:
    built = build_feeds(build_site, plugin={"enabled": False, "feeds": True})
    assert feed_paths(built) == set()
    assert alternates(built.page("index.html")) == []


@pytest.mark.parametrize("limit", [0, -3])
def test_feeds_limit_below_one_is_refused(build_site: SiteFactory, limit: int) -> None:
    message = (
        f"fieldnotes: 'feeds_limit' must be at least 1, got {limit}. To publish no feeds, "
        "set 'feeds: false'."
    )
    built = build_feeds(build_site, plugin={"feeds_limit": limit})
    assert built.aborted
    built.expect_warning(message)
    config = load_config(str(built.root / "mkdocs.yml"), strict=True)
    with pytest.raises(PluginError) as error:
        config.plugins.on_config(config)
    assert str(error.value) == message


# -- serve rebuilds and --dirty: nothing stale, pages not converted keep their HTML ----------


def write_project(root: Path) -> Path:
    """``site_files()`` as a project at ``root`` (for builds that keep a plugin instance)."""
    for name, content in site_files().items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    config = {
        "site_name": "Rebuilds",
        "site_url": SITE_URL,
        "theme": {"name": "material"},
        "markdown_extensions": EXTENSIONS,
        "plugins": ["search", "fieldnotes"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return root / "docs"


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` in the file, dated after every output, as an editor's save would be."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    later = time.time() + 60
    os.utime(path, (later, later))


def feeds_in(site_dir: Path) -> dict[str, str]:
    return {p: d for p, d in tree_digest(site_dir).items() if "feed." in p}


def test_serve_rebuilds_keep_nothing_stale(tmp_path: Path) -> None:
    docs = write_project(tmp_path / "site")
    served, clean = tmp_path / "served", tmp_path / "clean"
    with fresh_plugins():
        _, plugin = rebuild(tmp_path / "site", served, "serve")
        edit(docs / "notes/alpha.md", "Read it with", "Now read it with")
        edit(docs / "notes/beta.md", "Date commented: 2024-01-10", "Date commented: 2025-08-01")
        _, again = rebuild(tmp_path / "site", served, "serve")
        assert again is plugin, "MkDocs did not keep the plugin across rebuilds"
    with fresh_plugins():
        rebuild(tmp_path / "site", clean, "serve")
    assert feeds_in(served) == feeds_in(clean)
    items = json.loads((served / "feed.json").read_text("utf-8"))["items"]
    assert items[0]["title"] == "Old card"  # now the newest
    assert "Now read it with" in items[1]["content_html"]


def test_serve_dirty_rebuild_feeds_match_a_clean_build(tmp_path: Path) -> None:
    docs = write_project(tmp_path / "site")
    served, clean = tmp_path / "served", tmp_path / "clean"
    with fresh_plugins():
        rebuild(tmp_path / "site", served, "serve", dirty=True)
        edit(docs / "notes/gamma.md", "Gamma commentary.", "Gamma, edited.")
        rebuild(tmp_path / "site", served, "serve", dirty=True)
    with fresh_plugins():
        rebuild(tmp_path / "site", clean, "serve")
    assert feeds_in(served) == feeds_in(clean)
    content = json.loads((served / "feed.json").read_text("utf-8"))["items"][0]["content_html"]
    assert "<code>" in content  # Alpha was not converted again: its HTML was carried over
    assert "Gamma, edited." in (served / "feed.json").read_text("utf-8")


def test_build_dirty_gives_plain_commentary_to_pages_it_does_not_convert(
    tmp_path: Path,
) -> None:
    # Each `mkdocs build --dirty` is a new process: it has no HTML of the pages it skips.
    docs = write_project(tmp_path / "site")
    site_dir = tmp_path / "built"
    with fresh_plugins():
        rebuild(tmp_path / "site", site_dir, "build", dirty=True)
    edit(docs / "notes/gamma.md", "Gamma commentary.", "Gamma, edited.")
    with fresh_plugins():
        warnings, _ = rebuild(tmp_path / "site", site_dir, "build", dirty=True)
    assert [w for w in warnings if "'dirty' build" not in w] == []
    raw = (site_dir / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert parsed.bozo == 0
    first = parsed.entries[0]
    # The plain text the export has (code blocks are not in it), escaped, in paragraphs.
    assert first.content[0].value == "<p>Read it with Beta and the laws, &amp; see diagram.</p>"
    gamma = next(e for e in parsed.entries if e.title == "Gamma card")
    assert gamma.content[0].value == "<p>Gamma, edited.</p>"  # converted: its HTML


# -- the pure functions -------------------------------------------------------------------------


def test_xml_text_drops_what_xml_forbids_and_keeps_the_rest() -> None:
    kept = "tab\t nl\n cr\r é 中 \u202e rtl \u200b zw \U0001f680 \ue000 \ufffd ]]> <x>"
    assert feeds.xml_text(kept) == kept
    assert feeds.xml_text("a\x00b\x01c\x1fd\ufffee\uffff f\ud800g\udfffh") == "abcde fgh"
    # Printable text (and printable lines) is let through whole; one forbidden character
    # anywhere, after a line break too, sends it through the removal.
    assert feeds.xml_text("Attention — «ça» 中文") == "Attention — «ça» 中文"
    assert feeds.xml_text("<p>one</p>\n<p>two\x0b</p>\n") == "<p>one</p>\n<p>two</p>\n"
    assert feeds.xml_text("a\n\ud800\nb\n\uffff") == "a\n\nb\n"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="../b/">x</a>', '<a href="https://s.org/m/b/">x</a>'),
        ("<a href='#c'>x</a>", '<a href="https://s.org/m/a/#c">x</a>'),
        ('<img alt="" src=i.png>', '<img alt="" src="https://s.org/m/a/i.png">'),
        (
            '<a href="https://o.org/?a=1&amp;b=2">x</a>',
            '<a href="https://o.org/?a=1&amp;b=2">x</a>',
        ),
        ('<a href="mailto:x@y.z">x</a>', '<a href="mailto:x@y.z">x</a>'),
        ('<a href="/root?a=1&amp;b=2">x</a>', '<a href="https://s.org/root?a=1&amp;b=2">x</a>'),
        (
            '<img srcset="a.png 1x, /b.png 2x">',
            '<img srcset="https://s.org/m/a/a.png 1x, https://s.org/b.png 2x">',
        ),
        ('<a title=" href=x" data-href="y">t</a>', '<a title=" href=x" data-href="y">t</a>'),
        ('<p>write href="x" in text</p>', '<p>write href="x" in text</p>'),
        ("<code>&lt;a href=&quot;x&quot;&gt;</code>", "<code>&lt;a href=&quot;x&quot;&gt;</code>"),
        ('<a href="q?&quot;">x</a>', '<a href="https://s.org/m/a/q?&#34;">x</a>'),
        # Relative URLs wherever they hide.
        ('<A HREF = "../b/">x</A>', '<A HREF = "https://s.org/m/b/">x</A>'),
        ('<a href=" ../b/">x</a>', '<a href="https://s.org/m/b/">x</a>'),
        ('<a href="&#104;x">x</a>', '<a href="https://s.org/m/a/hx">x</a>'),
        (
            '<img srcset="https://o.org/a.png 1x, b.png 2x">',
            '<img srcset="https://o.org/a.png 1x, https://s.org/m/a/b.png 2x">',
        ),
        (
            '<a href="https://o.org/">o</a> <a href="c/">c</a>',
            '<a href="https://o.org/">o</a> <a href="https://s.org/m/a/c/">c</a>',
        ),
        ("href: <a href=x>x</a>", 'href: <a href="https://s.org/m/a/x">x</a>'),
        ("<p>src, data and href, no attribute</p>", "<p>src, data and href, no attribute</p>"),
    ],
)
def test_absolute_links(html: str, expected: str) -> None:
    assert feeds.absolute_links(html, "https://s.org/m/a/") == expected


def test_insert_in_head() -> None:
    page = "<html>\n  <head>\n    <title>x</title>\n  </head>\n<body>&lt;/head&gt;</body>"
    assert feeds.insert_in_head(page, "<link a>\n") == (
        "<html>\n  <head>\n    <title>x</title>\n<link a>\n  </head>\n<body>&lt;/head&gt;</body>"
    )
    assert feeds.insert_in_head("<p>no head</p>", "<link a>") == "<p>no head</p>"


def test_commentary_store_carries_only_unchanged_pages() -> None:
    store = feeds.CommentaryStore()
    store.start({"a.md": b"1", "b.md": b"1"})
    store.put("a.md", {"c": "<p>A</p>"})
    store.put("b.md", {"c": "<p>B</p>"})
    store.finish()
    assert store.get("a.md", "c") is None  # between builds it serves nothing
    store.start({"a.md": b"1", "b.md": b"2"})  # b.md changed; neither is converted
    assert store.get("a.md", "c") == "<p>A</p>"
    assert store.get("b.md", "c") is None
    store.put("a.md", {"c": "<p>A2</p>"})
    assert store.get("a.md", "c") == "<p>A2</p>"
    store.finish()
    store.start({})  # a build without --dirty carries nothing
    assert store.get("a.md", "c") is None
    store.finish()
    store.start({"a.md": b"1"})
    assert store.get("a.md", "c") is None
    store.forget()


def card(title: str, day: Optional[dt.date], line: int) -> Card:
    return Card(
        id=title.lower(),
        heading=title,
        title=title,
        source=None,
        topic=None,
        link=None,
        link_text=None,
        date_commented=day,
        date_text=None,
        future=None,
        future_label=None,
        commentary="Text.",
        line=line,
    )


def test_plan_feeds_is_one_linear_pass_with_limits() -> None:
    d = dt.date
    entries = [
        Entry(
            "a.md",
            title="A",
            date=d(2025, 1, 2),
            tags=("P/C",),
            cards=(
                card("a1", d(2025, 3, 1), 5),
                card("a2", d(2025, 3, 1), 9),
                card("a3", None, 12),
            ),
        ),
        Entry(
            "b.md",
            title="B",
            date=d(2025, 1, 1),
            tags=("P",),
            series=("S",),
            cards=(
                card("b1", d(2025, 3, 1), 5),
                card("b2", d(2024, 1, 1), 8),
            ),
        ),
        Entry("c.md", title="C", tags=("P",), draft=True, cards=(card("c1", d(2026, 1, 1), 5),)),
    ]
    site = plan_site(entries, PageOptions(), words("en"))
    planned = feeds.plan_feeds(site, feeds.FeedOptions(limit=3), "S", words("en"))
    by_folder = {f.folder: [i.card.id for i in f.items] for f in planned}
    assert by_folder == {
        "": ["a1", "a2", "b1"],
        "tags/p": ["a1", "a2", "b1"],
        "tags/p/c": ["a1", "a2"],
        "series/s": ["b1", "b2"],
    }
    with_drafts = feeds.plan_feeds(site, feeds.FeedOptions(limit=1, drafts=True), "S", words("en"))
    assert {f.folder: [i.card.id for i in f.items] for f in with_drafts} == {
        "": ["c1"],
        "tags/p": ["c1"],
        "tags/p/c": ["a1"],
        "series/s": ["b1"],
    }
    assert feeds.feed_cards(planned) == {
        "a.md": frozenset({"a1", "a2"}),
        "b.md": frozenset({"b1", "b2"}),
    }

"""The plugin as a guest on sites shaped like other people's (``tests/sites/<name>/``).

Each site is built twice with ``--strict`` semantics: as it is, and with ``- fieldnotes``
appended to its ``plugins:``. The rule under test:

- A page is an entry only when its front matter says ``fieldnotes: true``, its path matches a
  glob of the ``entries`` option, or it holds an annotation card: a ``###`` section with a
  ``Date commented:`` line, or with a ``Link:`` line whose value has an absolute URL.
  ``fieldnotes: false`` wins. ``tags``, ``status``, ``date`` and ``title`` alone do not count.
- On a site with no entry the plugin changes nothing: the same files, byte for byte (the
  sitemap's ``lastmod`` is the build date), and no warning.
- On a site with entries, every other page differs only by the plugin's stylesheet ``<link>``,
  the feed discovery ``<link>`` elements of the home page (the sites have a ``site_url``) and
  the navigation: the same main content, the rest of ``<head>`` the same, the same search
  records. Index pages (tags, series, categories, timeline) exist only with something to list;
  the only other files added are the stylesheet, the export and the site's feeds.

Sites: ``docs-site`` (Material, page statuses, the blog plugin, an explicit nav),
``knowledge-base`` (about 45 notes, Material's tags plugin, literate-nav, three entries),
``blog`` (front matter from another generator, odd YAML, CRLF and BOM files) and
``plain-mkdocs`` (MkDocs' own themes, one entry with ``&`` in its title).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Callable, Optional, Union

import pytest
from bs4 import BeautifulSoup, SoupStrainer
from conftest import (
    Built,
    SiteFactory,
    page_file,
    page_url,
    resolve_href,
    text_of,
    tree_digest,
)

pytestmark = pytest.mark.slow

SITES = Path(__file__).resolve().parent / "sites"
CSS = "assets/fieldnotes/fieldnotes.css"
INDEX_FOLDERS = (
    "tags",
    "series",
    "categories",
    "timeline",
    "revisit",
    "threads",
    "sources",
    "topics",
)
EXPORT = "fieldnotes.json"
FEEDS = ("feed.xml", "feed.json")
FEED_TYPES = ("application/atom+xml", "application/feed+json")

# -- building a site twice ---------------------------------------------------------------


@dataclasses.dataclass
class Pair:
    """One site built as it is (``bare``) and with the plugin appended (``guest``)."""

    bare: Built
    guest: Built
    use_directory_urls: bool
    entries: frozenset[str]
    """Source paths of the pages the rule makes entries."""
    docs_before: dict[str, str]
    docs_after: dict[str, str]
    """``docs_dir`` of the guest build before and after it."""

    def entry_files(self) -> set[str]:
        """Paths inside site_dir of the entry pages."""
        return {page_file(src, self.use_directory_urls) for src in self.entries}

    def entry_urls(self) -> set[str]:
        """URLs (as the search index writes them) of the entry pages."""
        return {page_url(src, self.use_directory_urls) for src in self.entries}


def with_plugin(text: str, item: str = "- fieldnotes") -> str:
    """``mkdocs.yml`` text with ``item`` appended to its ``plugins:`` list (the last key)."""
    _, sep, block = text.partition("\nplugins:\n")
    assert sep and not re.search(r"^\S", block, re.MULTILINE), "plugins: must be the last key"
    return f"{text.rstrip()}\n  {item}\n"


def set_key(text: str, line: str) -> str:
    """``mkdocs.yml`` text with a top-level ``line`` added before ``plugins:``."""
    assert "\nplugins:\n" in text
    return text.replace("\nplugins:\n", f"\n{line}\n\nplugins:\n", 1)


def build_pair(
    tmp: Path,
    name: str,
    *,
    entries: Iterable[str] = (),
    files: Optional[dict[str, Union[str, bytes]]] = None,
    edit: Callable[[str], str] = lambda text: text,
    use_directory_urls: bool = True,
    plugin: str = "- fieldnotes",
) -> Pair:
    """Copy ``tests/sites/<name>`` twice under ``tmp``, add ``files`` to both ``docs/``,
    apply ``edit`` to both ``mkdocs.yml``, append ``plugin`` to one's plugins, build both."""
    factory = SiteFactory(tmp)
    roots = {}
    for variant in ("bare", "guest"):
        root = roots[variant] = tmp / variant
        shutil.copytree(SITES / name, root)
        for path, content in (files or {}).items():
            target = root / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, "utf-8")
        config = root / "mkdocs.yml"
        text = edit(config.read_text("utf-8"))
        config.write_text(with_plugin(text, plugin) if variant == "guest" else text, "utf-8")
    bare = factory.build(roots["bare"])
    # The fixture itself must be a clean strict build, or the comparison means nothing.
    assert not bare.aborted and bare.warnings == [], bare.warnings
    docs_before = tree_digest(roots["guest"] / "docs")
    guest = factory.build(roots["guest"])
    docs_after = tree_digest(roots["guest"] / "docs")
    return Pair(bare, guest, use_directory_urls, frozenset(entries), docs_before, docs_after)


# -- comparing the two builds ------------------------------------------------------------


def files_of(site_dir: Path) -> set[str]:
    """Every file below ``site_dir`` (relative POSIX paths)."""
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}


def comparable(path: Path) -> bytes:
    """A built file's bytes; a sitemap decompressed and without its build dates."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    if path.name.startswith("sitemap.xml"):
        data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", data)
    return data


def tree_differences(a: Path, b: Path) -> list[str]:
    """How the tree ``b`` (with the plugin) differs from ``a`` (without)."""
    fa, fb = files_of(a), files_of(b)
    out = [f"missing with the plugin: {p}" for p in sorted(fa - fb)]
    out += [f"added by the plugin: {p}" for p in sorted(fb - fa)]
    out += [f"changed: {p}" for p in sorted(fa & fb) if comparable(a / p) != comparable(b / p)]
    return out


# Material's pages repeat the whole nav: parsing only <head> and <article> halves the time.
HEAD_AND_ARTICLE = SoupStrainer(["head", "article"])


def head_and_main(path: Path) -> BeautifulSoup:
    """Parsed ``<head>`` and main content of a built page (the whole page on other themes)."""
    text = path.read_text("utf-8")
    soup = BeautifulSoup(text, "html.parser", parse_only=HEAD_AND_ARTICLE)
    if soup.select_one("article.md-content__inner") is None:
        soup = BeautifulSoup(text, "html.parser")
    return soup


MAIN = ("article.md-content__inner", "div[role=main]", "#main-content")


def main_of(soup: BeautifulSoup) -> Any:
    """The page's own content: Material's article, the main column of MkDocs' themes, or the
    404 page's content of the ``mkdocs`` theme."""
    node = next(filter(None, (soup.select_one(selector) for selector in MAIN)), None)
    assert node is not None, "no main content found"
    return node


def head_without_css(soup: BeautifulSoup, *, home: bool = False) -> str:
    """``<head>`` without the plugin's stylesheet link and, on the ``home`` page, its feed
    discovery links, whitespace collapsed."""
    head = soup.head
    assert head is not None
    for link in head.select("link[href]"):
        href = str(link["href"])
        feed = home and link.get("type") in FEED_TYPES and href.rsplit("/", 1)[-1] in FEEDS
        if href.endswith(CSS) or feed:
            link.decompose()
    return " ".join(str(head).split())


def is_index_file(path: str) -> bool:
    """Whether ``path`` (inside site_dir) is under one of the plugin's index folders."""
    return path.split("/", 1)[0] in INDEX_FOLDERS


def is_index_url(url: str) -> bool:
    """Whether a site-relative URL is one of the plugin's index pages."""
    return url.split("/", 1)[0].split(".", 1)[0] in INDEX_FOLDERS


def search_records(built: Built) -> dict[str, list[Any]]:
    """Search records by page URL (the location without its ``#fragment``)."""
    pages: dict[str, list[Any]] = {}
    for record in built.search_index()["docs"]:
        pages.setdefault(record["location"].split("#", 1)[0], []).append(record)
    return pages


def sitemap_urls(built: Built) -> set[str]:
    """The ``<loc>`` of every URL in ``sitemap.xml``."""
    root = ET.fromstring((built.site_dir / "sitemap.xml").read_bytes())
    return {el.text or "" for el in root.iter() if el.tag.endswith("}loc")}


def export_sources(built: Built) -> set[str]:
    """Source paths of the entries in the plugin's JSON export."""
    data = json.loads((built.site_dir / EXPORT).read_text("utf-8"))
    return {entry["source_path"] for entry in data["entries"]}


def term_pages(built: Built, folder: str) -> set[str]:
    """Names of the per-term pages under ``folder`` (``tags/shell/index.html`` or
    ``tags/shell.html`` → ``shell``), the folder's own index left out."""
    base = built.site_dir / folder
    names = set()
    for path in base.rglob("*.html") if base.is_dir() else ():
        rel = path.relative_to(base).as_posix()
        if rel != "index.html":
            names.add(rel.removesuffix("/index.html").removesuffix(".html"))
    return names


def linked_pages(built: Built, from_file: str) -> set[str]:
    """Files inside site_dir that the main content of ``from_file`` links to."""
    out = set()
    for a in main_of(built.page(from_file)).select("a[href]"):
        href = str(a["href"])
        if re.match(r"[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
            continue
        out.add(resolve_href(built, from_file, href)[0])
    return out


# -- the checks every site gets ----------------------------------------------------------


def listed(title: str, items: Iterable[str]) -> str:
    """An assertion message: ``title`` and one item a line."""
    return "\n  ".join([f"{title}:", *items])


def check_no_new_warning(pair: Pair) -> None:
    new = [w for w in pair.guest.warnings if w not in pair.bare.warnings]
    assert not new, listed("warnings only with the plugin", new)
    assert not pair.guest.aborted


def check_docs_dir_untouched(pair: Pair) -> None:
    assert pair.docs_after == pair.docs_before


def check_site_unchanged(pair: Pair) -> None:
    """A site with no entry: the same files, the same bytes."""
    differences = tree_differences(pair.bare.site_dir, pair.guest.site_dir)
    assert not differences, listed("the plugin changed a site with no entry", differences)


def check_other_pages_unchanged(pair: Pair) -> None:
    """A site with entries: every other page keeps its content and ``<head>``."""
    a, b = pair.bare.site_dir, pair.guest.site_dir
    pages = sorted(p for p in files_of(a) if p.endswith(".html"))
    assert pages, "nothing was built"
    changed = []
    for path in pages:
        if path in pair.entry_files():
            continue
        if not (b / path).is_file():
            changed.append(f"{path}: missing")
            continue
        before, after = head_and_main(a / path), head_and_main(b / path)
        if str(main_of(before)) != str(main_of(after)):
            changed.append(f"{path}: main content")
        home = path == "index.html"
        if head_without_css(before) != head_without_css(after, home=home):
            changed.append(f"{path}: <head>")
    assert not changed, listed("pages that are not entries changed", changed)


def check_other_files_unchanged(pair: Pair, *, but: Iterable[str] = ()) -> None:
    """A site with entries: files that are not pages (``but`` those, checked apart) are the
    same, and the plugin adds only its stylesheet, its export and its index pages."""
    a, b = pair.bare.site_dir, pair.guest.site_dir
    special = {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", *but}
    changed = [
        p
        for p in sorted(files_of(a) - special)
        if not p.endswith(".html")
        and (not (b / p).is_file() or comparable(a / p) != comparable(b / p))
    ]
    assert not changed, listed("files changed", changed)
    added = sorted(files_of(b) - files_of(a))
    unexpected = [
        p
        for p in added
        if not (p.startswith("assets/fieldnotes/") or p in (EXPORT, *FEEDS) or is_index_file(p))
    ]
    assert not unexpected, listed("files added outside the plugin's own", unexpected)


def check_other_search_records_unchanged(pair: Pair) -> None:
    before, after = search_records(pair.bare), search_records(pair.guest)
    entries = pair.entry_urls()
    changed = [url for url in before if url not in entries and before[url] != after.get(url)]
    assert not changed, listed("search records changed for pages that are not entries", changed)
    added = [url for url in after if url not in before and not is_index_url(url)]
    assert not added, listed("search records added outside the index pages", added)
    assert pair.bare.search_index()["config"] == pair.guest.search_index()["config"]


def check_sitemap_keeps_pages(pair: Pair) -> None:
    before, after = sitemap_urls(pair.bare), sitemap_urls(pair.guest)
    assert before <= after


def check_exported(pair: Pair) -> None:
    """The export holds exactly the entries."""
    exported = export_sources(pair.guest)
    extra, missing = sorted(exported - pair.entries), sorted(pair.entries - exported)
    assert not extra, listed("exported, but not entries by the rule", extra)
    assert not missing, listed("entries missing from the export", missing)


def check_no_empty_index(pair: Pair, *, tags: bool, series: bool, categories: bool) -> None:
    """Index folders exist exactly when the entries have something to list there."""
    site = pair.guest.site_dir
    present = {name: (site / name).exists() for name in ("tags", "series", "categories")}
    assert present == {"tags": tags, "series": series, "categories": categories}


# -- docs-site: project documentation with Material, page statuses and the blog plugin ------


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    return build_pair(tmp_path_factory.mktemp("docs-site"), "docs-site")


def test_docs_site_builds_without_new_warning(docs_site: Pair) -> None:
    """Material's own ``status: new`` / ``deprecated`` (declared in ``extra.status``), blog
    posts' ``date``/``categories``/``authors``, a ``### `` section with ``Link: see below``
    prose: none of it is the plugin's business."""
    check_no_new_warning(docs_site)


def test_docs_site_is_byte_identical(docs_site: Pair) -> None:
    check_site_unchanged(docs_site)


def test_docs_site_docs_dir_untouched(docs_site: Pair) -> None:
    check_docs_dir_untouched(docs_site)


def test_docs_site_really_uses_the_blog_and_statuses(docs_site: Pair) -> None:
    """Guard: the fixture exercises what it claims (else the comparison proves little)."""
    site = docs_site.bare
    post = site.page("blog/2024/05/02/we-need-reviewers/")
    assert post.select_one(".md-post__authors") is not None
    assert site.exists("blog/category/community/index.html")
    titles = {record["title"] for record in site.search_index()["docs"]}
    assert "Quillstone 2.0" in titles and "Roadmap for 3.0" not in titles  # a blog draft
    nav = site.page("getting-started/").select(".md-nav .md-status")
    assert {" ".join(n["class"]) for n in nav} >= {"md-status md-status--new"}


# -- knowledge-base: Material tags + literate-nav, 40 notes, three entries -----------------

KB_ENTRIES = ("reading/retrieval.md", "reading/evals.md", "reading/to-read.md")
KB_AREAS = {
    "python": ["Python", "Tools"],
    "linux": ["Linux", "Tools"],
    "kitchen": ["Cooking", "Reading"],
    "writing": ["Writing", "Reading"],
    "search": ["Search", "Python"],
}

# Front matter shapes of digital gardens and Obsidian vaults; none makes a page an entry.
KB_FRONT = (
    "tags:\n{block}",
    "title: {title}\ntags: [{flow}]\ndate: 2023-0{m}-1{d}\n",
    "tags: [{flow}]\nstatus: {stage}\n",
    "aliases: [{title} (old)]\ncreated: 2023-01-0{d}T10:00\nupdated: 2024-02-01T08:15\n"
    "tags:\n{block}",
    "description: A short note on {area}, kept for later.\ndate: 2024-01-0{d}\ntags: [{flow}]\n",
)
# Bodies with near-misses of a card: a `Links:` label, a bare URL, a `Date:` line.
KB_BODY = (
    "# {title}\n\nSee the [home page](../../index.md) first.\n\n## Details\n\n- one\n- two\n",
    "# {title}\n\n### Further reading\nLinks: <https://docs.example.org/{area}/>\n\n"
    "Source: https://example.org/{area}/{i}\n",
    "# {title}\n\n!!! note\n    Rewrite this one.\n\n### Log\n\nDate: 2024-01-02\n\n"
    "Tried it again; same result.\n",
    "{title}\n{rule}\n\nA setext heading, and an [[unresolved wikilink]] left as text.\n",
)
KB_SUMMARY = """\
* [Home](index.md)
* [Reading](reading/)
* [Notes](notes/)
* [How I write notes](meta/how-i-write-notes.md)
* [Tags](tag-index.md)
"""


def garden_notes(count: int = 40) -> dict[str, Union[str, bytes]]:
    """``count`` ordinary notes under ``notes/<area>/`` with varied front matter."""
    notes: dict[str, Union[str, bytes]] = {}
    areas = list(KB_AREAS)
    for i in range(count):
        area = areas[i % len(areas)]
        tags = KB_AREAS[area][: 1 + i % 2]
        title = f"{area.capitalize()} note {i}"
        values = {
            "title": title,
            "area": area,
            "i": i,
            "m": 1 + i % 9,
            "d": 1 + i % 9,
            "stage": ("seedling", "budding", "evergreen")[i % 3],
            "flow": ", ".join(tags),
            "block": "".join(f"  - {tag}\n" for tag in tags),
            "rule": "=" * len(title),
        }
        front = KB_FRONT[i % len(KB_FRONT)].format(**values)
        body = KB_BODY[i % len(KB_BODY)].format(**values)
        notes[f"notes/{area}/{area}-{i:02d}.md"] = f"---\n{front}---\n\n{body}"
    return notes


@pytest.fixture(scope="module", params=["implicit-nav", "summary-nav"])
def knowledge_base(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Pair:
    files = garden_notes()
    if request.param == "summary-nav":
        files["SUMMARY.md"] = KB_SUMMARY
    tmp = tmp_path_factory.mktemp(f"knowledge-base-{request.param}")
    return build_pair(tmp, "knowledge-base", entries=KB_ENTRIES, files=files)


def test_knowledge_base_builds_without_new_warning(knowledge_base: Pair) -> None:
    """Notes with ``tags``/``status``/``date``, a fenced example of a card, a ``Link:`` line
    without a URL, a page with ``fieldnotes: false``: no warning about any of them."""
    check_no_new_warning(knowledge_base)


def test_knowledge_base_other_pages_unchanged(knowledge_base: Pair) -> None:
    check_other_pages_unchanged(knowledge_base)


def test_knowledge_base_other_search_records_unchanged(knowledge_base: Pair) -> None:
    check_other_search_records_unchanged(knowledge_base)


def test_knowledge_base_other_files_unchanged(knowledge_base: Pair) -> None:
    check_other_files_unchanged(knowledge_base, but=["tags.json"])
    check_sitemap_keeps_pages(knowledge_base)


def test_knowledge_base_material_tags_export_unchanged(knowledge_base: Pair) -> None:
    """Material's ``tags.json`` lists every tagged page by title. Pages that are not entries
    are listed exactly as before. An entry's title reaches every reader of ``page.meta`` as
    HTML, escaped once (the one escaping rule; MkDocs itself gives ``# Retrieval & Ranking``
    the title ``Retrieval &amp; Ranking``), so only that entry's title differs, and only by
    its escaping."""
    before = json.loads((knowledge_base.bare.site_dir / "tags.json").read_text("utf-8"))
    after = json.loads((knowledge_base.guest.site_dir / "tags.json").read_text("utf-8"))
    pairs = list(zip(before["mappings"], after["mappings"]))
    assert len(pairs) == len(before["mappings"]) == len(after["mappings"])
    changed = [(x, y) for x, y in pairs if x != y]
    assert [(x["item"]["title"], y["item"]["title"]) for x, y in changed] == [
        ("Retrieval & Ranking", "Retrieval &amp; Ranking")
    ], listed("Material's tags.json changed", [f"{x} -> {y}" for x, y in changed])
    assert {k: v for k, v in after.items() if k != "mappings"} == {
        k: v for k, v in before.items() if k != "mappings"
    }


def test_knowledge_base_docs_dir_untouched(knowledge_base: Pair) -> None:
    check_docs_dir_untouched(knowledge_base)


def test_knowledge_base_entries_are_exactly_the_three(knowledge_base: Pair) -> None:
    """Cards (a ``Link:`` with ``https://``, ``<https://…>``, ``[text](https://…)`` or
    ``www.``) and ``fieldnotes: true`` make entries; ``fieldnotes: false`` does not."""
    check_exported(knowledge_base)


def test_knowledge_base_entries_get_cards(knowledge_base: Pair) -> None:
    built, dirs = knowledge_base.guest, knowledge_base.use_directory_urls
    cards = {
        src: len(built.page(page_file(src, dirs)).select("article.fieldnotes-card"))
        for src in KB_ENTRIES
    }
    assert cards == {"reading/retrieval.md": 2, "reading/evals.md": 2, "reading/to-read.md": 0}


def test_knowledge_base_plugin_indexes_list_only_entries(knowledge_base: Pair) -> None:
    """The plugin's tag pages are those of the entries' tags (not ``Meta``, ``Linux``...), a
    tag page links only to entries, and no series or category index is made empty."""
    built, dirs = knowledge_base.guest, knowledge_base.use_directory_urls
    assert built.exists(page_file("tags/index.md", dirs))
    assert term_pages(built, "tags") == {"search", "reading", "evaluation", "python"}
    content = {p for p in files_of(knowledge_base.bare.site_dir) if p.endswith(".html")}
    search_page = next(
        p for p in files_of(built.site_dir) if re.fullmatch(r"tags/search(/index)?\.html", p)
    )
    assert linked_pages(built, search_page) & content == {page_file("reading/retrieval.md", dirs)}
    assert built.exists(page_file("timeline/index.md", dirs))
    check_no_empty_index(knowledge_base, tags=True, series=False, categories=False)


def test_knowledge_base_really_uses_material_tags(knowledge_base: Pair) -> None:
    """Guard: Material's tag listing lists the generated notes."""
    listing = main_of(knowledge_base.bare.page("tag-index/"))
    assert len({a["href"] for a in listing.select("a[href*='/notes/']")}) == 40


# -- blog: another generator's front matter on ordinary pages, no entries ------------------

# Written from Python so their bytes survive any line-ending conversion of a checkout.
BLOG_CRLF = (
    "---\ntitle: Notes written on Windows\ndate: 2022-11-03\ntags:\n  - windows\n  - tooling\n"
    "author: Sam Reyes\n---\n\n# Notes written on Windows\n\nThis file has CRLF line endings.\n\n"
    "### A heading in the middle\nLink: none, just prose.\n"
).replace("\n", "\r\n")
BLOG_BOM = (
    '\ufeff---\ntitle: "Café notes"\ndate: 2023-02-02\ntags: [travel]\ndraft: true\n---\n\n'
    "# Café notes\n\nSaved by an editor that writes a byte-order mark.\n"
)


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    files: dict[str, Union[str, bytes]] = {
        "posts/windows.md": BLOG_CRLF.encode("utf-8"),
        "posts/bom.md": BLOG_BOM.encode("utf-8"),
    }
    return build_pair(tmp_path_factory.mktemp("blog"), "blog", files=files)


def test_blog_builds_without_new_warning(blog: Pair) -> None:
    """Invalid YAML (``title: Contribute: Evals, Docs``), ``title: ""``, a page opening with
    a ``---`` rule, ``date: Spring 2022``, a ``status`` and ``series`` from Hugo: MkDocs' way
    of reading them is the site's, and the plugin says nothing."""
    check_no_new_warning(blog)


def test_blog_is_byte_identical(blog: Pair) -> None:
    check_site_unchanged(blog)


def test_blog_docs_dir_untouched(blog: Pair) -> None:
    check_docs_dir_untouched(blog)


def test_blog_fixture_reads_as_mkdocs_reads_it(blog: Pair) -> None:
    """Guard: MkDocs shows the invalid front matter as text and keeps the opening rule."""
    contribute = main_of(blog.bare.page("posts/contribute/")).get_text()
    assert "title: Contribute: Evals, Docs" in contribute
    assert main_of(blog.bare.page("")).find("hr") is not None
    assert blog.bare.page("posts/bom/").title.get_text().startswith("Café notes")


# -- plain-mkdocs: MkDocs' own themes, one entry with '&' in its title ---------------------

PLAIN_ENTRY = "notes/tips.md"
PLAIN_JOURNAL = "journal/2024-03.md"


@pytest.fixture(
    scope="module",
    params=[("mkdocs", True, False), ("readthedocs", False, False), ("mkdocs", True, True)],
    ids=["mkdocs-dir-urls", "readthedocs-file-urls", "mkdocs-entries-option"],
)
def plain(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """The site on each theme; the last variant makes the journal (no cards) an entry with
    the ``entries`` option."""
    theme, dirs, option = request.param

    def edit(text: str) -> str:
        assert "\n  name: mkdocs\n" in text
        text = text.replace("\n  name: mkdocs\n", f"\n  name: {theme}\n")
        return text if dirs else set_key(text, "use_directory_urls: false")

    tmp = tmp_path_factory.mktemp("plain")
    item, entries = "- fieldnotes", [PLAIN_ENTRY]
    if option:
        item, entries = "- fieldnotes:\n      entries: ['journal/*.md']", [*entries, PLAIN_JOURNAL]
    return build_pair(
        tmp, "plain-mkdocs", entries=entries, edit=edit, use_directory_urls=dirs, plugin=item
    )


def test_plain_builds_without_new_warning(plain: Pair) -> None:
    """The FAQ's ``### `` question with a ``Link:`` line of prose is not a card."""
    check_no_new_warning(plain)


def test_plain_other_pages_unchanged(plain: Pair) -> None:
    check_other_pages_unchanged(plain)
    check_other_search_records_unchanged(plain)


def test_plain_other_files_unchanged(plain: Pair) -> None:
    check_other_files_unchanged(plain)
    check_sitemap_keeps_pages(plain)
    check_docs_dir_untouched(plain)


def test_plain_only_entries_are_exported(plain: Pair) -> None:
    """The journal page (``date`` and ``tags``, no card) is an entry only by the option."""
    check_exported(plain)


def test_plain_entry_title_is_escaped_once(plain: Pair) -> None:
    page = plain.guest.page(page_file(PLAIN_ENTRY, plain.use_directory_urls))
    assert [text_of(h1) for h1 in main_of(page).find_all("h1")] == ["Tips & Tricks"]
    assert page.title is not None
    assert page.title.get_text() == "Tips & Tricks - Tallow"


def toc_targets(page: BeautifulSoup) -> set[str]:
    """Fragments the theme's table of contents links to (``mkdocs``: the sidebar;
    ``readthedocs``: the current page's entry in the side nav)."""
    links = page.select("div.bs-sidebar a[href]") or page.select("li.current > ul a[href]")
    return {str(a["href"]).rsplit("#", 1)[-1] for a in links}


def test_plain_toc_is_found_on_an_ordinary_page(plain: Pair) -> None:
    """Guard for the next test: ``toc_targets`` reads each theme's table of contents."""
    page = plain.bare.page(page_file("user-guide/install.md", plain.use_directory_urls))
    assert "checking-the-install" in toc_targets(page)


def test_plain_entry_toc_lists_the_cards(plain: Pair) -> None:
    """The theme's table of contents of the entry lists its card headings. (readthedocs
    leaves out the first level of ``page.toc``, which it takes for the page's ``<h1>``.)"""
    page = plain.guest.page(page_file(PLAIN_ENTRY, plain.use_directory_urls))
    ids = [h["id"] for h in page.select("article.fieldnotes-card h3[id]")]
    assert len(ids) == 2
    assert toc_targets(page) >= set(ids)


def test_plain_indexes_list_only_entries(plain: Pair) -> None:
    """The FAQ's ``tags: [Help]`` makes no tag page; no series or category index."""
    built, dirs = plain.guest, plain.use_directory_urls
    assert term_pages(built, "tags") == {"workflow", "shell"}
    assert built.exists(page_file("timeline/index.md", dirs))
    check_no_empty_index(plain, tags=True, series=False, categories=False)

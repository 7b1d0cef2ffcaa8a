"""Other builders, for real: Zensical (the extension and ``fieldnotes pages``) and ProperDocs.

Zensical reads ``mkdocs.yml``, runs Python-Markdown extensions and ignores MkDocs plugins.
A site whose ``mkdocs.yml`` lists both the plugin and the extension (the migration setup)
must show in Zensical the cards MkDocs shows, with the same ids, and the pages written by
``fieldnotes pages`` must link to existing pages and anchors (Zensical's own link checks
run too, with ``--strict``). ProperDocs runs the plugin, and the extension steps aside.

Zensical needs Python 3.11+; without it these tests skip loudly, except under ``CI=true``
where a missing Zensical fails them.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    Built,
    SiteFactory,
    facet_pages_off,
    follow,
    main_content,
    run_python,
    text_of,
    write_project,
)

REPO = Path(__file__).resolve().parent.parent

ALPHA = """\
---
title: Alpha entry
date: 2025-12-14
tags: [LLMs/Post-training, Search]
series: [Reading club]
category: Notebook
---

# Alpha entry

### First resource (Somewhere) — a topic
Link: https://www.example.org/first

Date commented: 14 Dec 2025

Commentary about the first resource.

Possible links I may attach in the future: a follow-up

!!! note "Also read"

    ### Second resource
    Link: https://docs.example.net/guide

    Date commented: 2025-11

    Short note inside an admonition.
"""

BETA = """\
---
title: 'Beta <b>bold</b> & *stars*'
date: 2025-10-01
tags: [search]
series: [Reading club]
---

### Beta card
Link: https://beta.example.com/

Date commented: 2025-10-03

Beta commentary.
"""

BAD = """\
---
title: Bad entry
---

### A card
Link: ftp://example.org/x

Date commented: 2025-10-04
"""

HOWTO = "# Install\n\n### Download\nLink: see below\n\nRun the installer.\n"

FILES = {
    "index.md": "# Home\n\nSee [the first card](notes/alpha.md#first-resource).\n",
    "notes/alpha.md": ALPHA,
    "notes/beta.md": BETA,
    "notes/bad.md": BAD,
    "howto.md": HOWTO,
}
EXTENSIONS: list[Any] = [
    {"toc": {"permalink": True}},
    "attr_list",
    "md_in_html",
    "admonition",
]
ENTRY_PAGES = ("notes/alpha.md", "notes/beta.md", "notes/bad.md")
BAD_LINK = (
    "mkdocs_fieldnotes: notes/bad.md:6: card 'A card': the link 'ftp://example.org/x' uses the "
    "scheme 'ftp:', which is not allowed; it is shown as text, not as a link. Allowed: http:, "
    "https:"
)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in ``cwd``, importing the installed packages (no ``PYTHONPATH``)."""
    return run_python(
        args, cwd, env={"DISABLE_MKDOCS_2_WARNING": "true"}, without_pythonpath=True, timeout=600
    )


@pytest.fixture(scope="module")
def zensical() -> None:
    """Zensical is importable, or the test skips loudly (fails under CI=true)."""
    if importlib.util.find_spec("zensical") is not None:
        return
    reason = (
        "ZENSICAL NOT INSTALLED: `pip install -e '.[test]'` installs zensical==0.0.73 on "
        f"Python 3.11+ (this is {sys.version.split()[0]}); Zensical support was NOT tested."
    )
    if os.environ.get("CI") == "true" and sys.version_info >= (3, 11):
        pytest.fail(reason)
    pytest.skip(reason)


def write_site(root: Path, files: dict[str, str], config: dict[str, Any]) -> Path:
    return write_project(
        root, dict(files), {"site_name": "Test site", "theme": {"name": "material"}, **config}
    )


def zensical_build(root: Path) -> subprocess.CompletedProcess[str]:
    """``zensical build --strict --clean`` (Zensical caches rendered pages otherwise)."""
    return run(["-m", "zensical", "build", "--strict", "--clean"], root)


def site_of(root: Path) -> Built:
    return Built(root, root / "site", [], False)


def card_ids(built: Built, src_uri: str) -> list[str]:
    page = built.page(src_uri[: -len(".md")] + "/")
    return [a["data-card-id"] for a in main_content(page).select("article.fieldnotes-card")]


def cards_text(built: Built, src_uri: str) -> list[str]:
    page = built.page(src_uri[: -len(".md")] + "/")
    return [text_of(a) for a in main_content(page).select("article.fieldnotes-card")]


# -- Zensical -------------------------------------------------------------------------------


@pytest.mark.slow
def test_zensical_shows_the_cards_mkdocs_shows(
    zensical: None, build_site: SiteFactory, tmp_path: Path
) -> None:
    """One mkdocs.yml (plugin and extension listed) built by MkDocs and by Zensical."""
    mkdocs = build_site(
        FILES, {"markdown_extensions": [*EXTENSIONS, "fieldnotes"]}, root=tmp_path / "mkdocs"
    )
    mkdocs.expect_plugin_warning(BAD_LINK[len("mkdocs_fieldnotes: ") :])
    root = write_site(
        tmp_path / "zensical",
        FILES,
        {
            "markdown_extensions": [*EXTENSIONS, "fieldnotes"],
            "plugins": ["search", "fieldnotes"],
        },
    )
    pages = run(["-m", "mkdocs_fieldnotes.cli", "pages", "--out", "docs/fieldnotes"], root)
    assert pages.returncode == 0, pages.stderr
    result = zensical_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # Zensical prints the extension's warnings as logged, with the file and line, but its
    # --strict counts only its own issues (link checks): `fieldnotes check` is the CI gate.
    assert BAD_LINK in output.splitlines(), output
    assert "No issues found" in output
    zensical = site_of(root)
    for src in ENTRY_PAGES:
        assert card_ids(zensical, src) == card_ids(mkdocs, src), src
        assert cards_text(zensical, src) == cards_text(mkdocs, src), src
    assert card_ids(zensical, "notes/alpha.md") == ["first-resource", "second-resource"]
    second = main_content(zensical.page("notes/alpha/")).select_one("#second-resource")
    assert second.find_parent("div", class_="admonition") is not None
    beta = main_content(zensical.page("notes/beta/"))
    assert beta.select_one("article.fieldnotes-card time")["datetime"] == "2025-10-03"
    howto = main_content(zensical.page("howto/"))
    assert howto.select("article") == [] and "Link: see below" in text_of(howto)

    # The generated pages: every link leads to a page that exists, and to the anchor in it.
    followed = 0
    for listing in sorted((root / "site" / "fieldnotes").rglob("index.html")):
        source = listing.relative_to(root / "site").as_posix()
        content = main_content(zensical.page(source))
        for link in content.select("a[href]"):
            if not link["href"].startswith("#"):
                follow(zensical, source, link["href"])
                followed += 1
    assert followed > 20
    tag = main_content(zensical.page("fieldnotes/tags/search/"))
    card_links = [a["href"] for a in tag.select("li a[href*='#']")]
    assert card_links == [
        "../../../notes/alpha/#first-resource",
        "../../../notes/alpha/#second-resource",
        "../../../notes/beta/#beta-card",
    ]
    series = main_content(zensical.page("fieldnotes/series/reading-club/"))
    assert [a.get_text() for a in series.select("a[href$='/beta/']")] == [
        "Beta <b>bold</b> & *stars*"
    ]
    assert series.find("b") is None


@pytest.mark.parametrize(
    "listed",
    ["fieldnotes", {"mkdocs_fieldnotes.extension": {"cards_heading_level": 2, "locale": "fr"}}],
    ids=["entry-point", "module-path"],
)
def test_zensical_resolves_both_names(zensical: None, tmp_path: Path, listed: Any) -> None:
    entry = "# Notes\n\n## Une fiche\nLink: https://example.org/\n\nDate commented: 2025-12-14\n"
    if listed == "fieldnotes":
        entry = entry.replace("## ", "### ")
    root = write_site(tmp_path, {"notes.md": entry}, {"markdown_extensions": [listed]})
    result = zensical_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    card = main_content(site_of(root).page("notes/")).select_one("article.fieldnotes-card")
    assert card is not None and card["data-card-id"] == "une-fiche"
    expected = "14 déc. 2025" if listed != "fieldnotes" else "Dec 14, 2025"
    assert card.select_one("time").get_text() == expected


def test_zensical_uses_a_custom_dir_copy_of_a_template(zensical: None, tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {"notes.md": "# Notes\n\n### A card\nLink: https://example.org/\n"},
        {
            "theme": {"name": "material", "custom_dir": "overrides"},
            "markdown_extensions": ["fieldnotes"],
        },
    )
    override = root / "overrides" / "fieldnotes" / "partials" / "card-meta.html"
    override.parent.mkdir(parents=True)
    override.write_text('<p class="my-meta">{{ card.domain }}</p>', "utf-8")
    result = zensical_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    card = main_content(site_of(root).page("notes/")).select_one("article.fieldnotes-card")
    assert card.select_one("p.my-meta").get_text() == "example.org"
    assert card.select_one(".fieldnotes-card__meta") is None


def test_zensical_stops_on_bad_extension_options(zensical: None, tmp_path: Path) -> None:
    """Zensical shows an extension's error with its own traceback; the text is ours."""
    root = write_site(
        tmp_path,
        {"notes.md": "# Notes\n"},
        {"markdown_extensions": [{"fieldnotes": {"cards_heading_level": 7}}]},
    )
    result = zensical_build(root)
    assert result.returncode != 0
    assert (
        "PluginError: fieldnotes extension: 'cards_heading_level' must be between 1 and 6, got 7."
    ) in result.stderr


# -- ProperDocs -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def properdocs() -> None:
    if importlib.util.find_spec("properdocs") is None:
        reason = "PROPERDOCS NOT INSTALLED: `pip install -e '.[test]'` installs it; NOT tested."
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def properdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    return run(["-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"], root)


@pytest.mark.slow
def test_properdocs_runs_the_plugin_and_the_extension_steps_aside(
    properdocs: None, build_site: SiteFactory, tmp_path: Path
) -> None:
    files = {k: v for k, v in FILES.items() if k != "notes/bad.md"}
    config = {
        "site_url": "https://example.org/",  # feeds on: their records are in the export
        "markdown_extensions": [*EXTENSIONS, "fieldnotes"],
    }
    mkdocs = build_site(files, config, root=tmp_path / "mkdocs")
    # The same options as the MkDocs build (conftest turns the Sources and Topics pages off).
    plugins = ["search", facet_pages_off("fieldnotes")]
    root = write_site(tmp_path / "properdocs", files, {**config, "plugins": plugins})
    result = properdocs_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    built = site_of(root)
    for src in ("notes/alpha.md", "notes/beta.md"):
        page = main_content(built.page(src[: -len(".md")] + "/"))
        assert str(page) == str(main_content(mkdocs.page(src[: -len(".md")] + "/"))), src
    assert (root / "site" / "fieldnotes.json").read_text("utf-8") == (
        mkdocs.site_dir / "fieldnotes.json"
    ).read_text("utf-8")


def test_properdocs_strict_counts_the_extensions_warnings(properdocs: None, tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {"notes/bad.md": BAD},
        {"markdown_extensions": ["fieldnotes"], "plugins": ["search"]},
    )
    result = properdocs_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # ProperDocs took the front matter (and the blank line after it) out, and names no page
    # to extensions: the line is the line in the Markdown it converted.
    assert (
        "WARNING -  mkdocs_fieldnotes: line 2: card 'A card': the link 'ftp://example.org/x' "
        "uses the scheme 'ftp:', which is not allowed; it is shown as text, not as a link. "
        "Allowed: http:, https:"
    ) in output
    assert "Aborted with 1 warnings in strict mode!" in output

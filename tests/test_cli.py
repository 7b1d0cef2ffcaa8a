"""The ``fieldnotes`` command, run as a subprocess the way users and CI run it.

``check`` prints the texts a build prints and exits 1 on any; ``export`` writes the build's
``fieldnotes.json`` byte for byte; ``pages`` writes Markdown listings whose links MkDocs
resolves (strict, anchors checked); ``init`` copies the stylesheet. Bad arguments and broken
configuration: one line on stderr, exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from conftest import (
    Built,
    SiteFactory,
    follow,
    main_content,
    plugin_message,
    run_python,
    write_project,
)

from mkdocs_fieldnotes import __version__
from mkdocs_fieldnotes.markdown_pages import text as markdown_text
from mkdocs_fieldnotes.render import TEMPLATES

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

### Second resource
Link: https://docs.example.net/guide

Date commented: 2025-11

Short note.
"""

BETA = """\
---
title: 'Beta <script>alert(1)</script> *stars* [brackets]'
date: 2025-10-01
tags: [search]
series: [Reading club]
series_order: 2
---

### Beta card
Link: https://beta.example.com/

Date commented: 2025-10-03

Beta commentary.
"""

BAD = """\
---
title: Bad entry
date: yesterday
hero: missing.png
---

### A card
Link: ftp://example.org/x

Date commented: 31 Feb 2025

Text.

### A card
Link: https://example.org/twice
"""

PREFIX = plugin_message("")
GOOD = {"index.md": "# Home\n", "notes/alpha.md": ALPHA, "notes/beta.md": BETA}


def run(
    args: list[str], cwd: Path, env: Optional[dict[str, str]] = None
) -> subprocess.CompletedProcess[str]:
    """``fieldnotes ARGS`` in ``cwd``."""
    return run_python(["-m", "mkdocs_fieldnotes.cli", *args], cwd, env=env)


def write_site(root: Path, files: dict[str, Any], config: dict[str, Any]) -> Path:
    """``files`` in ``root/docs`` and ``config`` as ``root/mkdocs.yml``."""
    return write_project(root, files, {"site_name": "S", **config})


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (status 2, no traceback, no stdout)."""
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_the_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("fieldnotes")
    if not script.exists():
        pytest.skip(f"NOT TESTED: no console script at {script} (package not installed -e?)")
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert (result.returncode, result.stdout) == (0, f"fieldnotes {__version__}\n")


# -- check ----------------------------------------------------------------------------------


def test_check_passes_a_clean_site(tmp_path: Path) -> None:
    root = write_site(tmp_path, GOOD, {"plugins": ["search", "fieldnotes"]})
    result = run(["check"], root)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == ("fieldnotes check: no problems; 3 pages read, 2 entries, 3 cards.\n")


def test_check_prints_the_builds_texts(build_site: SiteFactory) -> None:
    """Each problem once, as ``path:line: message``: exactly what the build warns about."""
    files = {**GOOD, "notes/bad.md": BAD, "notes/latin1.md": "### Caf\xe9\n".encode("latin-1")}
    built = build_site(files)
    assert built.aborted
    build_texts = [w[len(PREFIX) :] for w in built.warnings]
    for warning in list(built.warnings):
        built.expect_warning(warning)
    result = run(["check"], built.root)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert sorted(lines) == sorted(build_texts)
    assert lines == [
        "notes/bad.md: front matter key 'hero': the image 'missing.png' is not in docs_dir; "
        "no hero image is shown. Add the file or fix the path (a leading / starts at "
        "docs_dir).",
        *[t for t in lines if t.startswith("notes/bad.md:")][1:],
        "notes/latin1.md: is not valid UTF-8 text (byte 0xe9 at position 7); the page was "
        "left out of the site. Save the file as UTF-8.",
    ]
    assert (
        "notes/bad.md:8: card 'A card': the link 'ftp://example.org/x' uses the scheme 'ftp:', "
        "which is not allowed; it is shown as text, not as a link. Allowed: http:, https:"
    ) in lines
    assert result.stderr == (
        "fieldnotes check: 6 problems in 2 files; 5 pages read, 3 entries, 5 cards.\n"
    )


def test_check_json(tmp_path: Path) -> None:
    root = write_site(tmp_path, {**GOOD, "notes/bad.md": BAD}, {"plugins": ["fieldnotes"]})
    result = run(["check", "--format", "json"], root)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("version", "config_file", "options_from")} == {
        "version": 1,
        "config_file": "mkdocs.yml",
        "options_from": "plugin",
    }
    assert (report["pages"], report["entries"], report["cards"]) == (4, 3, 5)
    scheme = next(p for p in report["problems"] if "ftp:" in p["message"])
    assert scheme == {
        "path": "notes/bad.md",
        "file": "docs/notes/bad.md",
        "line": 8,
        "message": "card 'A card': the link 'ftp://example.org/x' uses the scheme 'ftp:', "
        "which is not allowed; it is shown as text, not as a link. Allowed: http:, https:",
        "text": "notes/bad.md:8: card 'A card': the link 'ftp://example.org/x' uses the scheme "
        "'ftp:', which is not allowed; it is shown as text, not as a link. Allowed: http:, "
        "https:",
    }
    assert [p["text"] for p in report["problems"]] == run(["check"], root).stdout.splitlines()


def test_check_reads_the_extensions_options(tmp_path: Path) -> None:
    """A Zensical site: no plugin, the extension's options under markdown_extensions."""
    entry = "# Notes\n\n## Level two\nLink: https://example.org/\n\nDate commented: 2025-13-01\n"
    root = write_site(
        tmp_path,
        {"notes.md": entry},
        {"markdown_extensions": [{"fieldnotes": {"cards_heading_level": 2}}]},
    )
    result = run(["check", "--format", "json"], root)
    report = json.loads(result.stdout)
    assert (report["options_from"], report["entries"], report["cards"]) == ("extension", 1, 1)
    assert [p["line"] for p in report["problems"]] == [6]
    assert result.returncode == 1


def test_check_counts_a_renamed_option_as_a_problem(tmp_path: Path) -> None:
    """A strict build stops on MkDocs' deprecation warning; so does check."""
    root = write_site(tmp_path, GOOD, {"plugins": [{"fieldnotes": {"drafts_publish": True}}]})
    result = run(["check"], root)
    assert result.returncode == 1
    assert result.stdout == (
        "mkdocs.yml: plugin 'fieldnotes' option 'drafts_publish': The configuration option "
        "'drafts_publish' has been deprecated and will be removed in a future release. Use "
        "'status_publish_drafts' instead.\n"
    )


def test_check_says_when_no_fieldnotes_is_configured(tmp_path: Path) -> None:
    root = write_site(tmp_path, GOOD, {})
    result = run(["check"], root)
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == (
        "fieldnotes: mkdocs.yml lists neither the fieldnotes plugin nor its Markdown "
        "extension; the default options are used."
    )


def test_env_and_inherit_are_read_as_mkdocs_reads_them(tmp_path: Path) -> None:
    write_site(tmp_path, GOOD, {})
    (tmp_path / "base.yml").write_text(
        "site_name: Base\nsite_url: !ENV [FN_TEST_URL, 'https://fallback.example/']\n"
        "plugins:\n  - fieldnotes:\n      tags: false\n",
        "utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Child\n", "utf-8")
    result = run(["export"], tmp_path, env={"FN_TEST_URL": "https://env.example/notes"})
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["site"] == {"name": "Child", "url": "https://env.example/notes/"}
    assert document["tags"] == []  # the inherited plugin options apply
    assert [s["name"] for s in document["series"]] == ["Reading club"]


# -- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["dir-urls", "file-urls"])
def test_export_is_the_builds_export(build_site: SiteFactory, use_directory_urls: bool) -> None:
    built = build_site(
        GOOD,
        {"site_url": "https://example.org/notes/"},
        use_directory_urls=use_directory_urls,
    )
    written = (built.site_dir / "fieldnotes.json").read_text("utf-8")
    result = run(["export"], built.root)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == written
    assert json.loads(written)["entries"][0]["url"] == (
        "notes/alpha/" if use_directory_urls else "notes/alpha.html"
    )
    # With site_url the build writes feeds, and the export lists them: so does the command.
    assert [f["kind"] for f in json.loads(written)["feeds"]][:1] == ["site"]
    out = built.root / "out" / "fieldnotes.json"
    result = run(["export", "-o", str(out)], built.root)
    assert result.returncode == 0
    assert result.stderr == f"fieldnotes export: wrote {out} (2 entries).\n"
    assert out.read_text("utf-8") == written


def test_export_leaves_drafts_out_as_a_build_does(build_site: SiteFactory) -> None:
    draft = ALPHA.replace("date: 2025-12-14", "date: 2025-12-14\nstatus: draft")
    built = build_site({**GOOD, "notes/alpha.md": draft})
    result = run(["export"], built.root)
    assert json.loads(result.stdout) == built.export()
    assert [e["source_path"] for e in built.export()["entries"]] == ["notes/beta.md"]


# -- pages ----------------------------------------------------------------------------------


def build_with_pages(build_site: SiteFactory, root: Path) -> Built:
    """The site at ``root`` built by MkDocs with the extension and no plugin, strict, with
    links and anchors checked: the generated pages' links must all resolve."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config.update(
        {
            "theme": {"name": "material"},
            "plugins": ["search"],
            "markdown_extensions": ["toc", "attr_list", "fieldnotes"],
            "validation": {"links": {"anchors": "warn", "unrecognized_links": "warn"}},
        }
    )
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return build_site.build(root)


def test_pages_writes_listings_that_link_to_the_cards(
    build_site: SiteFactory, tmp_path: Path
) -> None:
    root = write_site(tmp_path, GOOD, {"plugins": ["search", "fieldnotes"]})
    result = run(["pages", "--out", "docs/fieldnotes"], root)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "fieldnotes pages: wrote 15 pages to docs/fieldnotes.\n"
    folder = root / "docs" / "fieldnotes"
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == [
        ".fieldnotes-pages",
        "categories/index.md",
        "categories/notebook.md",
        "series/index.md",
        "series/reading-club.md",
        "sources/beta-example-com.md",
        "sources/docs-example-net.md",
        "sources/example-org.md",
        "sources/index.md",
        "tags/index.md",
        "tags/llms.md",
        "tags/llms/post-training.md",
        "tags/search.md",
        "timeline/index.md",
        "topics/a-topic.md",
        "topics/index.md",
    ]
    tag = (folder / "tags" / "search.md").read_text("utf-8")
    assert tag.startswith(
        "---\n# Generated by 'fieldnotes pages'. Do not edit: run the command again.\n"
        'title: "Tag: Search"\nfieldnotes: false\n---\n\n# Tag: Search\n'
    )
    assert "[First resource](../../notes/alpha.md#first-resource)" in tag

    built = build_with_pages(build_site, root)
    assert not built.aborted, built.warnings
    for page in (
        "fieldnotes/tags/search/",
        "fieldnotes/timeline/",
        "fieldnotes/series/",
        "fieldnotes/sources/",
        "fieldnotes/sources/example-org/",
        "fieldnotes/topics/a-topic/",
    ):
        source = page + "index.html"
        hrefs = [a["href"] for a in main_content(built.page(page)).select("a[href]")]
        hrefs = [h for h in hrefs if not h.startswith("#")]
        assert hrefs, page
        for href in hrefs:
            follow(built, source, href)  # the file exists, and the anchor in it
    timeline = main_content(built.page("fieldnotes/timeline/"))
    titles = [a.get_text() for a in timeline.select("li a[href*='#']")]
    assert titles == ["First resource", "Second resource", "Beta card"]


def test_pages_escape_what_authors_wrote(build_site: SiteFactory, tmp_path: Path) -> None:
    root = write_site(tmp_path, GOOD, {"plugins": ["fieldnotes"]})
    assert run(["pages", "--out", "docs/fieldnotes"], root).returncode == 0
    built = build_with_pages(build_site, root)
    series = main_content(built.page("fieldnotes/series/reading-club/"))
    assert series.find("script") is None
    links = [a.get_text() for a in series.select("a[href$='beta/']")]
    assert links == ["Beta <script>alert(1)</script> *stars* [brackets]"]
    assert markdown_text("a*b_[c]<d>") == "a\\*b\\_\\[c\\]&lt;d&gt;"


def test_pages_run_again_replaces_its_own_pages(tmp_path: Path) -> None:
    root = write_site(tmp_path, GOOD, {"plugins": ["fieldnotes"]})
    assert run(["pages", "--out", "docs/fieldnotes"], root).returncode == 0
    (root / "docs/notes/alpha.md").write_text(ALPHA.replace("LLMs/Post-training, ", ""), "utf-8")
    result = run(["pages", "--out", "docs/fieldnotes"], root)
    assert result.returncode == 0
    assert result.stderr == (
        "fieldnotes pages: wrote 13 pages to docs/fieldnotes, removed 2 no longer needed.\n"
    )
    assert not (root / "docs/fieldnotes/tags/llms").exists()
    assert not (root / "docs/fieldnotes/tags/llms.md").exists()
    manifest = (root / "docs/fieldnotes/.fieldnotes-pages").read_text("utf-8").splitlines()
    assert "tags/search.md" in manifest and "tags/llms.md" not in manifest


def test_pages_refuses_a_folder_it_does_not_own(tmp_path: Path) -> None:
    root = write_site(tmp_path, {**GOOD, "mine/keep.md": "# Mine\n"}, {"plugins": ["fieldnotes"]})
    line = one_error_line(run(["pages", "--out", "docs/mine"], root))
    assert line == (
        "fieldnotes: error: --out docs/mine: the folder has files the command did not write "
        "(no .fieldnotes-pages file). Give an empty or new folder: the command replaces what "
        "is in it."
    )
    assert (root / "docs/mine/keep.md").read_text("utf-8") == "# Mine\n"
    for outside in ("docs", "site", str(tmp_path.parent)):
        line = one_error_line(run(["pages", "--out", outside], root))
        assert line == (
            f"fieldnotes: error: {outside}: the pages folder must be inside docs_dir (docs), so "
            "that the site builds the pages and their links resolve; for example "
            "docs/fieldnotes"
        )


def test_export_links_the_generated_pages(tmp_path: Path) -> None:
    root = write_site(tmp_path, GOOD, {"markdown_extensions": ["fieldnotes"]})
    assert run(["pages", "--out", "docs/fieldnotes"], root).returncode == 0
    document = json.loads(run(["export", "--pages", "docs/fieldnotes"], root).stdout)
    assert [t["url"] for t in document["tags"]] == [
        "fieldnotes/tags/llms/",
        "fieldnotes/tags/llms/post-training/",
        "fieldnotes/tags/search/",
    ]
    assert [e["source_path"] for e in document["entries"]] == ["notes/alpha.md", "notes/beta.md"]


# -- init -----------------------------------------------------------------------------------


def test_init_copies_the_stylesheet(tmp_path: Path) -> None:
    root = write_site(tmp_path, GOOD, {})
    result = run(["init"], root)
    assert result.returncode == 0, result.stderr
    target = root / "docs/assets/fieldnotes/fieldnotes.css"
    shipped = Path(TEMPLATES, "assets/fieldnotes/fieldnotes.css").read_bytes()
    assert target.read_bytes() == shipped
    assert result.stdout == (
        "Copied the fieldnotes stylesheet to docs/assets/fieldnotes/fieldnotes.css.\n\n"
        "In mkdocs.yml, list it and the cards extension (for Zensical; with the plugin active, "
        "the extension does nothing):\n\n"
        "extra_css:\n  - assets/fieldnotes/fieldnotes.css\nmarkdown_extensions:\n  - fieldnotes\n"
    )
    again = run(["init"], root)
    assert again.stdout.splitlines()[0] == "docs/assets/fieldnotes/fieldnotes.css is up to date."
    target.write_text("/* mine */\n", "utf-8")
    line = one_error_line(run(["init"], root))
    assert line == (
        "fieldnotes: error: docs/assets/fieldnotes/fieldnotes.css exists and differs from this "
        "version's stylesheet; pass --force to replace it (your changes belong in a stylesheet "
        "of your own)."
    )
    assert run(["init", "--force"], root).returncode == 0
    assert target.read_bytes() == shipped


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            None,
            "fieldnotes: error: mkdocs.yml: no such file. Run the command in the folder of "
            "mkdocs.yml, or pass its path with -f.",
        ),
        (
            "site_name: S\nplugins: [fieldnotes\n",
            "fieldnotes: error: mkdocs.yml: MkDocs encountered an error parsing the "
            'configuration file: while parsing a flow sequence in "mkdocs.yml", line 2, column '
            "10 expected ',' or ']', but got '<stream end>' in \"mkdocs.yml\", line 3, column 1",
        ),
        (
            "- a list\n",
            "fieldnotes: error: mkdocs.yml: expected a mapping of options (site_name: ...).",
        ),
        (
            "site_name: S\ndocs_dir: nowhere\n",
            "fieldnotes: error: mkdocs.yml: option 'docs_dir': The path 'nowhere' isn't an "
            "existing directory.",
        ),
        (
            "site_name: S\nplugins:\n  - fieldnotes:\n      cards_heading_level: 9\n",
            "fieldnotes: error: mkdocs.yml: plugin 'fieldnotes': 'cards_heading_level' must be "
            "between 1 and 6, got 9.",
        ),
        (
            "site_name: S\nplugins:\n  - fieldnotes: [tags]\n",
            "fieldnotes: error: mkdocs.yml: the options of the 'fieldnotes' plugin must be a "
            "mapping.",
        ),
        (
            "site_name: S\nmarkdown_extensions:\n  - fieldnotes:\n      level: 2\n",
            "fieldnotes: error: mkdocs.yml: fieldnotes extension: unknown option 'level'. Its "
            "options are: locale, date_format, entries, cards_heading_level, cards_link_labels, "
            "cards_date_labels, cards_future_labels, cards_revisit_labels, cards_link_schemes, "
            "status_values, status_drafts, revisit_ages, revisit_aging_months, "
            "revisit_stale_months, revisit_exempt_statuses (the plugin's other options need the "
            "plugin).",
        ),
    ],
    ids=[
        "missing",
        "broken-yaml",
        "not-a-mapping",
        "docs-dir",
        "bad-option",
        "options-list",
        "ext",
    ],
)
@pytest.mark.parametrize("command", ["check", "export", "pages --out docs/x"])
def test_broken_configuration_is_one_line_and_status_2(
    tmp_path: Path, config: Optional[str], message: str, command: str
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", "utf-8")
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    assert one_error_line(run(command.split(), tmp_path)) == message


@pytest.mark.parametrize(
    ("args", "start"),
    [
        ([], "fieldnotes: error: the following arguments are required: COMMAND"),
        (["nope"], "fieldnotes: error: argument COMMAND: invalid choice: 'nope'"),
        (["check", "--format", "xml"], "fieldnotes check: error: argument --format: invalid "),
        (["pages"], "fieldnotes pages: error: the following arguments are required: --out"),
        (["export", "--bogus"], "fieldnotes: error: unrecognized arguments: --bogus"),
    ],
)
def test_bad_arguments_are_one_line_and_status_2(
    tmp_path: Path, args: list[str], start: str
) -> None:
    line = one_error_line(run(args, tmp_path))
    assert line.startswith(start), line
    assert line.endswith("--help')")


def test_a_file_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    root = write_site(tmp_path, GOOD, {"plugins": ["fieldnotes"]})
    line = one_error_line(run(["export", "-o", "docs/index.md/x.json"], root))
    assert line == f"fieldnotes: error: {root / 'docs' / 'index.md'}: File exists"


def test_check_is_read_only(tmp_path: Path) -> None:
    root = write_site(tmp_path, {**GOOD, "notes/bad.md": BAD}, {"plugins": ["fieldnotes"]})
    before = sorted(p.as_posix() for p in root.rglob("*"))
    run(["check"], root)
    run(["export"], root)
    assert sorted(p.as_posix() for p in root.rglob("*")) == before


def test_the_pre_commit_hook_runs_the_console_script() -> None:
    repo = Path(__file__).resolve().parent.parent
    hooks = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [(h["id"], h["entry"], h["language"], h["pass_filenames"]) for h in hooks] == [
        ("fieldnotes-check", "fieldnotes check", "python", False)
    ]
    pyproject = (repo / "pyproject.toml").read_text("utf-8")
    assert '[project.scripts]\nfieldnotes = "mkdocs_fieldnotes.cli:main"\n' in pyproject

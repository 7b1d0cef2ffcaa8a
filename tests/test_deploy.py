"""``mkdocs gh-deploy`` publishes every generated page and the export.

The generated pages exist only in memory during the build (``File.generated``), so this
checks they reach the ``gh-pages`` branch that ``ghp-import`` pushes. The remote is a local
bare repository; git runs with no global or system configuration, so the test does not
depend on (or touch) the machine's git setup.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import tree_digest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ENTRY_A = """\
---
title: Scaling notes
date: 2025-12-14
category: Reading list
series: Foundations
series_order: 1
tags: [ML/Transformers, Python]
---

Notes on scaling.

### Chinchilla (arXiv) — compute-optimal training
Link: https://arxiv.org/abs/2203.15556

Date commented: 14 Dec 2025

Fewer parameters, more tokens.

### Kaplan et al. (arXiv)
**Link:** <https://arxiv.org/abs/2001.08361>

Date commented: 2025-11-30

The earlier power laws.
"""

ENTRY_B = """\
---
title: Tooling notes
date: 2025-12-01
category: Reading list
series: Foundations
series_order: 2
tags: [python]
---

### Ruff (Astral) — linting
Link: https://docs.astral.sh/ruff/

Date commented: 1 Dec 2025

Fast.
"""


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    """Run git in ``cwd``; fail the test with git's output if it fails."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture
def git_env(tmp_path: Path) -> dict[str, str]:
    """Environment that keeps git away from the user's and the system's configuration."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_TERMINAL_PROMPT="0",
        NO_MKDOCS_2_WARNING="1",
        LC_ALL="C.UTF-8",
    )
    return env


def test_gh_deploy_pushes_entries_generated_pages_and_export(
    tmp_path: Path, git_env: dict[str, str]
) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "-q", str(remote), env=git_env)

    project = tmp_path / "project"
    docs = project / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "index.md").write_text("# Reading map\n\nStart here.\n", "utf-8")
    (docs / "notes" / "scaling.md").write_text(ENTRY_A, "utf-8")
    (docs / "notes" / "tooling.md").write_text(ENTRY_B, "utf-8")
    config = {
        "site_name": "Deploy test",
        "site_url": "https://example.org/map/",
        "theme": {"name": "material"},
        "markdown_extensions": ["toc", "attr_list"],
        "plugins": ["search", "fieldnotes"],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    (project / ".gitignore").write_text("site/\n", "utf-8")

    git(project, "init", "-q", "-b", "main", env=git_env)
    git(project, "config", "user.name", "Deploy Test", env=git_env)
    git(project, "config", "user.email", "deploy@example.org", env=git_env)
    git(project, "config", "commit.gpgsign", "false", env=git_env)
    git(project, "add", ".", env=git_env)
    git(project, "commit", "-q", "-m", "Site sources", env=git_env)
    git(project, "remote", "add", "origin", str(remote), env=git_env)
    before = tree_digest(docs)

    deploy = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history", "--strict"],
        cwd=project,
        env=git_env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = deploy.stdout + deploy.stderr
    assert deploy.returncode == 0, output
    # --strict already fails the build on a warning; the deploy step itself warns once
    # because the new gh-pages branch has no previous "Deployed ... with MkDocs" commit.
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  Version check skipped: No version specified in previous deployment."
    ], output

    # The sources are untouched: nothing was generated into docs_dir or committed to main.
    assert tree_digest(docs) == before
    assert git(project, "status", "--porcelain", env=git_env) == ""
    assert git(remote, "branch", "--list", "main", env=git_env) == ""

    published = set(
        git(remote, "ls-tree", "-r", "--name-only", "gh-pages", env=git_env).splitlines()
    )
    expected = {
        ".nojekyll",
        "index.html",
        "notes/scaling/index.html",
        "notes/tooling/index.html",
        "tags/index.html",
        "tags/python/index.html",
        "tags/ml/index.html",
        "tags/ml/transformers/index.html",
        "series/index.html",
        "series/foundations/index.html",
        "categories/index.html",
        "categories/reading-list/index.html",
        "timeline/index.html",
        "fieldnotes.json",
        "assets/fieldnotes/fieldnotes.css",
        "sitemap.xml",
    }
    assert expected <= published, sorted(expected - published)
    # Nothing of the sources leaks into the published branch.
    assert not {p for p in published if p.endswith(".md") or p == "mkdocs.yml"}

    # --no-history: the branch is a single commit.
    assert git(remote, "rev-list", "--count", "gh-pages", env=git_env).strip() == "1"

    export = json.loads(git(remote, "show", "gh-pages:fieldnotes.json", env=git_env))
    assert export["version"] == 1
    assert export["site"] == {"name": "Deploy test", "url": "https://example.org/map/"}
    by_source = {e["source_path"]: e for e in export["entries"]}
    assert set(by_source) == {"notes/scaling.md", "notes/tooling.md"}
    scaling = by_source["notes/scaling.md"]
    assert scaling["url"] == "notes/scaling/"
    assert [c["id"] for c in scaling["cards"]] == ["chinchilla", "kaplan-et-al"]
    assert scaling["cards"][0]["url"] == "notes/scaling/#chinchilla"
    assert scaling["cards"][0]["link"] == "https://arxiv.org/abs/2203.15556"
    assert scaling["cards"][1]["date_commented"] == "2025-11-30"
    assert [c["title"] for c in by_source["notes/tooling.md"]["cards"]] == ["Ruff"]
    # Every URL of the export is a page on the branch.
    for entry in export["entries"]:
        assert f"{entry['url']}index.html" in published, entry["url"]
    terms = export["tags"] + export["series"] + export["categories"]
    assert {t["name"] for t in export["tags"]} == {"ML", "ML/Transformers", "Python"}
    for term in terms:
        assert f"{term['url']}index.html" in published, term["url"]

    # The published pages are the built ones: cards, chips and listings are in them.
    page = BeautifulSoup(
        git(remote, "show", "gh-pages:notes/scaling/index.html", env=git_env), "html.parser"
    )
    cards = page.select("article.fieldnotes-card")
    assert [c["data-card-id"] for c in cards] == ["chinchilla", "kaplan-et-al"]
    chips = {a["href"] for a in page.select("a.fieldnotes-chip")}
    assert chips == {"../../tags/python/", "../../tags/ml/transformers/"}
    css = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert "../../assets/fieldnotes/fieldnotes.css" in css
    tag_page = BeautifulSoup(
        git(remote, "show", "gh-pages:tags/python/index.html", env=git_env), "html.parser"
    )
    listed = {a["href"] for a in tag_page.select("article.md-content__inner a[href]")}
    assert {"../../notes/scaling/", "../../notes/tooling/"} <= listed

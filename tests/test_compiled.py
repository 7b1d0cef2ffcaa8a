"""Compiled templates kept across serve rebuilds: used again only for the same source and
the same compile-time options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
from test_dirty import make_site
from test_memo import build, fresh_plugins

from mkdocs_fieldnotes.render import CompiledTemplates, Renderer

TEMPLATE = "fieldnotes/tag.html"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates Jinja compiles from source."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: Any, name: Any = None, *args: Any) -> Any:
        names.append(name)
        return original(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def rebuild(folder: Path, compiled: CompiledTemplates, **options: Any) -> Renderer:
    """A renderer over a new environment, as each MkDocs rebuild makes one."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), **options)
    return Renderer(env, "en", "medium", compiled=compiled)


def write(folder: Path, text: str) -> None:
    path = folder / TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def test_a_template_is_compiled_once_across_rebuilds(tmp_path: Path, compiles: list[str]) -> None:
    write(tmp_path, "<p>{{ who }}</p>")
    compiled = CompiledTemplates()
    assert rebuild(tmp_path, compiled).render(TEMPLATE, who="a<b") == "<p>a&lt;b</p>"
    assert rebuild(tmp_path, compiled).render(TEMPLATE, who="c") == "<p>c</p>"
    assert compiles == [TEMPLATE]


def test_a_changed_template_is_compiled_again(tmp_path: Path, compiles: list[str]) -> None:
    write(tmp_path, "<p>{{ who }}</p>")
    compiled = CompiledTemplates()
    rebuild(tmp_path, compiled).render(TEMPLATE, who="a")
    write(tmp_path, "<div>{{ who }}</div>")  # the user edits a custom_dir copy
    assert rebuild(tmp_path, compiled).render(TEMPLATE, who="a") == "<div>a</div>"
    assert rebuild(tmp_path, compiled).render(TEMPLATE, who="b") == "<div>b</div>"
    assert compiles == [TEMPLATE, TEMPLATE]


def test_other_compile_options_empty_the_cache(tmp_path: Path, compiles: list[str]) -> None:
    write(tmp_path, "<p>{{ who }}</p>\n")
    compiled = CompiledTemplates()
    assert rebuild(tmp_path, compiled).render(TEMPLATE, who="a") == "<p>a</p>"
    kept = rebuild(tmp_path, compiled, keep_trailing_newline=True)
    assert kept.render(TEMPLATE, who="a") == "<p>a</p>\n"
    assert compiles == [TEMPLATE, TEMPLATE]


def test_an_environment_with_a_finalize_function_does_not_use_it(
    tmp_path: Path, compiles: list[str]
) -> None:
    write(tmp_path, "<p>{{ who }}</p>")
    compiled = CompiledTemplates()
    for _ in range(2):
        shown = rebuild(tmp_path, compiled, finalize=lambda value: f"[{value}]")
        assert shown.render(TEMPLATE, who="a") == "<p>[a]</p>"
    assert compiles == [TEMPLATE, TEMPLATE]


@pytest.mark.parametrize("command", ["serve", "build"])
def test_the_plugin_keeps_compiled_templates_under_serve_only(
    tmp_path: Path, compiles: list[str], command: str
) -> None:
    root = tmp_path / "site"
    docs = make_site(root)
    own: list[list[str]] = []
    with fresh_plugins():
        for title in ("Entry A", "Entry A renamed"):  # the rename renders A's listings again
            entry = docs / "notes" / "a.md"
            entry.write_text(entry.read_text("utf-8").replace("Entry A", title), "utf-8")
            compiles.clear()
            build(root, tmp_path / "out", command)
            own.append(sorted(n for n in compiles if n.startswith("fieldnotes/")))
    assert "fieldnotes/tag.html" in own[0]
    # The serve rebuild compiles none of the plugin's templates again; a build compiles its own.
    assert own[1] == ([] if command == "serve" else own[0])

"""What share of one build each optional feature's own work takes, measured inside the build.

Building the corpus with a feature on and off (``features.py``) needs many rounds on a busy
machine: two builds of the same site differ by more than a feature costs. This script runs
one build in this process and adds up the CPU time spent in each feature's code, so that
both sides of the ratio come from the same build:

* the generated pages of each kind (tag, timeline, source, revisit ...): MkDocs converting
  their Markdown and rendering them through the theme, their listing included;
* the feeds: planning them, keeping the HTML of the cards they publish, writing them;
* card ages (on cards and listed items), thread splitting, social previews, the activity
  chart's data and its SVG partial (inside the timeline and tag pages: counted in both).

    python benchmarks/shares.py /tmp/corpus [--json shares.json]

``/tmp/corpus`` is a fieldnotes-flavor corpus written by ``corpus.py``. The figures are CPU
seconds of this process (``time.process_time``); run it two or three times and compare.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

SPENT: collections.Counter[str] = collections.Counter()


def _timed(label: Callable[..., str], function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[label(*args, **kwargs)] += time.process_time() - start

    return run


def _wrap(owner: Any, name: str, label: str) -> None:
    setattr(owner, name, _timed(lambda *a, **k: label, getattr(owner, name)))


def _timed_template(template: Any, label: str) -> None:
    """Time the root render function of a compiled Jinja template (its includes too)."""
    root = template.root_render_func

    def run(context: Any) -> Iterator[str]:
        parts = root(context)
        while True:
            start = time.process_time()
            try:
                part = next(parts)
            except StopIteration:
                SPENT[label] += time.process_time() - start
                return
            SPENT[label] += time.process_time() - start
            yield part

    template.root_render_func = run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a fieldnotes-flavor corpus (corpus.py)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--site-dir", type=Path, help="where to build (default: a temp dir)")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(args.project)

    import tempfile

    from mkdocs.commands import build
    from mkdocs.config import load_config

    import mkdocs_fieldnotes.cards as cards
    import mkdocs_fieldnotes.markdown_ext as markdown_ext
    import mkdocs_fieldnotes.plan as plan
    import mkdocs_fieldnotes.plugin as plugin
    import mkdocs_fieldnotes.render as render

    config = load_config("mkdocs.yml")
    fieldnotes = config.plugins["fieldnotes"]

    def page_kind(page: Any, *rest: Any, **kwargs: Any) -> str:
        src = page.file.src_uri
        listing = getattr(fieldnotes, "listings", {}).get(src)
        if listing is not None:
            return f"pages: {listing.kind}"
        return "pages: entries" if src in getattr(fieldnotes, "entries", {}) else "pages: other"

    build._populate_page = _timed(page_kind, build._populate_page)
    build._build_page = _timed(page_kind, build._build_page)
    _wrap(plugin.FieldnotesPlugin, "_plan_feeds", "feeds: planning")
    _wrap(plugin.FieldnotesPlugin, "_write_feeds", "feeds: writing")
    _wrap(markdown_ext._Finish, "_keep", "feeds: keeping the cards' HTML")
    _wrap(render.Renderer, "age", "ages: computing")
    _wrap(render.Renderer, "age_html", "ages: rendering")
    _wrap(cards, "split_threads", "threads: splitting")
    _wrap(plugin.FieldnotesPlugin, "_social", "social previews")
    if hasattr(plan, "build_facets"):
        _wrap(plan, "build_facets", "facets: grouping")
    if hasattr(plan, "chart"):
        _wrap(plan, "chart", "chart: data")

    renderer_init = render.Renderer.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        renderer_init(self, *args, **kwargs)
        loader = self.env.loader
        if loader is not None and "fieldnotes/partials/activity.html" in loader.list_templates():
            _timed_template(
                self.env.get_template("fieldnotes/partials/activity.html"), "chart: SVG"
            )

    render.Renderer.__init__ = init  # type: ignore[method-assign]

    with tempfile.TemporaryDirectory() as work:
        config = load_config("mkdocs.yml", site_dir=str(args.site_dir or Path(work) / "site"))
        start = time.process_time()
        build.build(config)
        total = time.process_time() - start

    groups = {
        "feeds (16)": [k for k in SPENT if k.startswith("feeds:")],
        "revisit, threads pages and ages (17)": [
            "pages: revisit",
            "pages: threads",
            "threads: splitting",
            "ages: computing",
            "ages: rendering",
        ],
        "sources, topics, chart, social (18)": [
            "pages: source",
            "pages: source-index",
            "pages: topic",
            "pages: topic-index",
            "facets: grouping",
            "chart: data",
            "chart: SVG",
            "social previews",
        ],
    }
    print(f"build: {total:.2f} s CPU")
    for label, seconds in sorted(SPENT.items(), key=lambda item: -item[1]):
        print(f"  {label:40s} {seconds:6.2f} s  {seconds / total:6.1%}")
    result: dict[str, Any] = {"total": total, "spent": dict(SPENT), "groups": {}}
    for group, labels in groups.items():
        seconds = sum(SPENT[label] for label in labels)
        result["groups"][group] = seconds / total
        print(f"{group:42s} {seconds:6.2f} s  {seconds / total:6.1%}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

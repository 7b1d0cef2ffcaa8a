"""What share of one build each optional feature's own work takes, measured inside the build.

Building the corpus with a feature on and off (``features.py``) needs many rounds on a busy
machine: two builds of the same site differ by more than a feature costs. This script runs
one build in a process and adds up the CPU time spent in each feature's code, so that both
sides of the ratio come from the same build:

* the generated pages of each kind (tag, timeline, source, revisit ...): MkDocs converting
  their Markdown and rendering them through the theme, their listing included;
* the feeds: planning them, keeping the HTML of the cards they publish, writing them, and
  the discovery links put in the ``<head>`` of the pages that have a feed;
* card ages (on cards and listed items), thread splitting, social previews, the activity
  chart's data and its SVG partial (inside the timeline and tag pages: counted in both).

    python benchmarks/shares.py /tmp/corpus [--builds 10] [--nav-pairs 3] [--json shares.json]

``/tmp/corpus`` is a fieldnotes-flavor corpus written by ``corpus.py``. The figures are CPU
seconds of the building process (``time.process_time``). One build varies by a point or
more on a busy machine: ``--builds N`` makes N builds, each in a fresh process (a second
build in the same process would find its pages already parsed), and reports the median
share of each feature, the statistic the budgets are held to.

What a feature costs the theme elsewhere cannot be timed inside one build: the Sources and
Topics links that issue 18's pages add to the navigation are rendered into every page.
``--nav-pairs P`` measures them apart: P pairs of builds in one process, with and without
those two links, timing the theme's ``partials/nav.html``; the median difference, divided
by the median build, is added to the 18 group. ``--nav-of 17`` does the same with the
Revisit and Open threads links, for the 17 group.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

SPENT: collections.Counter[str] = collections.Counter()

GROUPS = {
    "feeds (16)": ["feeds:"],
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
"""Each feature's labels (a label ending in ``:`` stands for every label it begins)."""
NAV_LINKS = {
    "18": (
        "sources, topics, chart, social (18)",
        frozenset({"sources/index.md", "topics/index.md"}),
    ),
    "17": (
        "revisit, threads pages and ages (17)",
        frozenset({"revisit/index.md", "threads/index.md"}),
    ),
}
"""For ``--nav-of``: the feature's group, and the index pages whose navigation links
``--nav-pairs`` takes out."""


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


def _in_group(label: str, group: str) -> bool:
    return any(
        label.startswith(name) if name.endswith(":") else label == name for name in GROUPS[group]
    )


def shares_of(total: float, spent: dict[str, float]) -> dict[str, float]:
    """Each group's share of a build of ``total`` CPU seconds."""
    return {
        group: sum(s for label, s in spent.items() if _in_group(label, group)) / total
        for group in GROUPS
    }


def _instrument(fieldnotes: Any) -> None:
    """Put the timers on the build's steps and the plugin's feature code."""
    from mkdocs.commands import build

    import mkdocs_fieldnotes.cards as cards
    import mkdocs_fieldnotes.markdown_ext as markdown_ext
    import mkdocs_fieldnotes.plan as plan
    import mkdocs_fieldnotes.plugin as plugin
    import mkdocs_fieldnotes.render as render

    def page_kind(page: Any, *rest: Any, **kwargs: Any) -> str:
        src = page.file.src_uri
        listing = getattr(fieldnotes, "listings", {}).get(src)
        if listing is not None:
            return f"pages: {listing.kind}"
        return "pages: entries" if src in getattr(fieldnotes, "entries", {}) else "pages: other"

    build._populate_page = _timed(page_kind, build._populate_page)  # type: ignore[attr-defined]
    build._build_page = _timed(page_kind, build._build_page)  # type: ignore[attr-defined]
    _wrap(plugin.FieldnotesPlugin, "_plan_feeds", "feeds: planning")
    _wrap(plugin.FieldnotesPlugin, "_write_feeds", "feeds: writing")
    _wrap(plugin.FieldnotesPlugin, "_feed_discovery", "feeds: discovery links")
    _wrap(markdown_ext._Finish, "_keep", "feeds: keeping the cards' HTML")
    _wrap(render.Renderer, "age", "ages: computing")
    _wrap(render.Renderer, "age_html", "ages: rendering")
    _wrap(cards, "split_threads", "threads: splitting")
    _wrap(plugin.FieldnotesPlugin, "_social", "social previews")
    _wrap(plan, "build_facets", "facets: grouping")
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


def one_build(project: Path, site_dir: Path) -> dict[str, Any]:
    """Build ``project`` once in this process, timers on; the result as ``--json`` writes it."""
    from mkdocs.commands import build
    from mkdocs.config import load_config

    os.chdir(project)
    config = load_config("mkdocs.yml", site_dir=str(site_dir))
    _instrument(config.plugins["fieldnotes"])
    start = time.process_time()
    build.build(config)
    total = time.process_time() - start
    return {"total": total, "spent": dict(SPENT), "groups": shares_of(total, dict(SPENT))}


def nav_pairs(project: Path, site_dir: Path, pairs: int, links: frozenset[str]) -> dict[str, Any]:
    """Time the theme's ``partials/nav.html`` in ``pairs`` pairs of builds, with and without
    the navigation links of the pages ``links`` (this process; its first build is left out)."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.theme import Theme

    import mkdocs_fieldnotes.plugin as plugin

    get_env, on_nav = Theme.get_env, plugin.FieldnotesPlugin.on_nav
    state = {"without": False, "removed": 0}

    def timed_env(theme: Any) -> Any:
        env = get_env(theme)
        _timed_template(env.get_template("partials/nav.html"), "nav")
        return env

    def drop(items: list[Any]) -> list[Any]:
        kept = []
        for item in items:
            file = getattr(item, "file", None)
            if file is not None and file.src_uri in links:
                state["removed"] += 1
                continue
            if getattr(item, "children", None):
                item.children = drop(item.children)
            kept.append(item)
        return kept

    def without_links(self: Any, nav: Any, *args: Any, **kwargs: Any) -> Any:
        nav = on_nav(self, nav, *args, **kwargs)
        if state["without"]:
            nav.items = drop(nav.items)
        return nav

    Theme.get_env = timed_env  # type: ignore[method-assign]
    plugin.FieldnotesPlugin.on_nav = without_links  # type: ignore[method-assign]
    os.chdir(project)
    spent: dict[str, list[float]] = {"with": [], "without": []}
    try:
        for round_ in range(pairs + 1):
            for side in ("with", "without"):
                state["without"], state["removed"] = side == "without", 0
                SPENT["nav"] = 0.0
                build.build(load_config("mkdocs.yml", site_dir=str(site_dir)))
                if side == "without" and state["removed"] != len(links):
                    raise SystemExit(f"shares.py: expected to take out {sorted(links)}")
                if round_:  # the first pair compiles and warms up: left out
                    spent[side].append(SPENT["nav"])
    finally:
        Theme.get_env, plugin.FieldnotesPlugin.on_nav = get_env, on_nav  # type: ignore[method-assign]
    differences = [a - b for a, b in zip(spent["with"], spent["without"])]
    return {**spent, "difference": differences, "median": statistics.median(differences)}


def _children(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    """``--builds`` builds, each in a fresh process (this script with ``--builds 1``)."""
    results = []
    for number in range(args.builds):
        out = work / f"build-{number}.json"
        command = [sys.executable, __file__, str(args.project), "--json", str(out)]
        command += ["--site-dir", str(args.site_dir or work / "site")]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        result = json.loads(out.read_text("utf-8"))
        results.append(result)
        shares = ", ".join(
            f"{group.split(' (')[1][:-1]} {share:.2%}" for group, share in result["groups"].items()
        )
        print(
            f"build {number + 1}/{args.builds}: {result['total']:.2f} s CPU; {shares}", flush=True
        )
    return results


def _report(result: dict[str, Any]) -> None:
    total = result["total"]
    print(f"build: {total:.2f} s CPU")
    for label, seconds in sorted(result["spent"].items(), key=lambda item: -item[1]):
        print(f"  {label:40s} {seconds:6.2f} s  {seconds / total:6.1%}")
    for group, share in result["groups"].items():
        print(f"{group:42s} {share * total:6.2f} s  {share:6.1%}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a fieldnotes-flavor corpus (corpus.py)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--site-dir", type=Path, help="where to build (default: a temp dir)")
    parser.add_argument(
        "--builds", type=int, default=1, help="builds, each in a fresh process; medians"
    )
    parser.add_argument(
        "--nav-pairs",
        type=int,
        default=0,
        help="pairs of builds timing the navigation links of --nav-of's pages (0: skip)",
    )
    parser.add_argument(
        "--nav-of",
        choices=sorted(NAV_LINKS),
        default="18",
        help="whose navigation links --nav-pairs times: 18 (Sources, Topics) or 17 (Revisit, "
        "Open threads)",
    )
    args = parser.parse_args(argv)
    if args.builds < 1 or args.nav_pairs < 0:
        parser.error("--builds must be at least 1 and --nav-pairs at least 0")
    args.project = args.project.resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        site_dir = (args.site_dir or work / "site").resolve()
        if args.builds == 1:
            result = one_build(args.project, site_dir)
            _report(result)
        else:
            builds = _children(args, work)
            result = {
                "builds": builds,
                "total": statistics.median(b["total"] for b in builds),
                "groups": {
                    group: statistics.median(b["groups"][group] for b in builds) for group in GROUPS
                },
                "above": {
                    group: sum(b["groups"][group] > limit for b in builds)
                    for group, limit in (("feeds (16)", 0.03), (NAV_LINKS["18"][0], 0.05))
                },
            }
            print(f"median of {args.builds} builds: {result['total']:.2f} s CPU")
            for group, share in result["groups"].items():
                above = result["above"].get(group)
                note = f" ({above} of {args.builds} builds above its limit)" if above else ""
                print(f"  {group:42s} {share:6.2%}{note}")
        if args.nav_pairs:
            group, links = NAV_LINKS[args.nav_of]
            nav = nav_pairs(args.project, site_dir, args.nav_pairs, links)
            share = nav["median"] / result["total"]
            result["nav_links"] = {**nav, "share": share, "of": group, "pages": sorted(links)}
            result["groups"][group + " with its navigation links"] = result["groups"][group] + share
            each = " / ".join(f"{d:.3f}" for d in nav["difference"])
            names = " and ".join(sorted(links))
            print(
                f"navigation links to {names}: {nav['median']:.3f} s a build ({each}), "
                f"{share:.2%}; {group} in all: {result['groups'][group] + share:.2%}"
            )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

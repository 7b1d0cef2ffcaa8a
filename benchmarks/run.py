"""Measure what the fieldnotes plugin costs: build time, peak memory, serve rebuilds, page size.

    python benchmarks/run.py --entries 1000 --cards 10 --pairs 3 [--floor] [--core] [--blog]
                             [--json PATH]
    python benchmarks/run.py --scaling --cards 10 --pairs 3 [--json PATH]

The same generated corpus (``benchmarks/corpus.py``) is built as (a) ``plain`` (Material +
search, entries out of the nav) and (b) ``fieldnotes`` (the same + the plugin), interleaved
a, b, a, b ... so slow drifts of a busy machine hit both alike. ``--floor`` adds the
``floor`` flavor (``plain`` plus the pages and nav entries the plugin generates, left empty:
what MkDocs and Material cost for them, with no plugin work), ``--core`` the ``core`` flavor
(the plugin with its optional features off: feeds, Revisit, Open threads, Sources, Topics,
the activity chart, social previews; with ``--floor``, also its own floor, ``core-floor``,
which has only the pages the core generates) and ``--blog`` adds (c) the same
entries as Material's ``blog`` + ``tags`` plugins to each round. Every build is a fresh
``python -m mkdocs build -q`` subprocess; its wall time is measured here and its peak RSS
comes from ``os.wait4`` (the kernel's rusage of that one child).

Then one ``mkdocs serve`` per flavor (plain, floor with ``--floor``, fieldnotes, core with
``--core``) is started, and one entry of each is edited in turn: the time from the file write to the server's "Reloading browsers" line is
the rebuild time (MkDocs' duplicate filter hides repeated "Documentation built in" lines, so
that line cannot be counted on). ``--serve-dirty`` then does the same with ``mkdocs serve
--dirty``, which rebuilds only the pages an edit changed; issue 14's guard rail is a median
rebuild of at most 2 s (``TARGETS["dirty_rebuild_s"]``), for the fieldnotes and core flavors.

``--scaling`` instead builds corpora of 200 and 1,000 entries (``--scaling-sizes``) and
reports how the time per entry grows from the smaller to the larger.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpus_mod

PAGE_LIMIT_BYTES = 300_000
TARGETS = {
    "build_ratio": 1.35,
    "floor_ratio": 1.20,
    "rss_ratio": 1.30,
    "serve_ratio": 1.10,
    "scaling_growth": 1.20,
    "blog_speedup": 2.5,
    "dirty_rebuild_s": 2.0,
}


# -- one build ------------------------------------------------------------------------


@dataclasses.dataclass
class Build:
    """One measured ``mkdocs build``."""

    flavor: str
    wall_s: float
    peak_rss_kib: Optional[int]
    cpu_s: Optional[float] = None
    """User + system CPU time of the child: steadier than wall time on a busy machine."""


class BuildFailed(RuntimeError):
    """``mkdocs build`` exited with an error; the message holds the end of its output."""


def _env(extra: Optional[dict[str, str]] = None) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", **(extra or {})}


def _maxrss_kib(rusage: Any) -> int:
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    return int(rusage.ru_maxrss // 1024 if sys.platform == "darwin" else rusage.ru_maxrss)


def build_once(
    python: str,
    project: Path,
    site_dir: Path,
    flavor: str,
    env: Optional[dict[str, str]] = None,
) -> Build:
    """Build ``project`` into ``site_dir`` in a fresh process; time it and read its peak RSS.
    ``env``: more environment variables for that process."""
    command = [python, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(site_dir)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=project, env=_env(env), stdout=log, stderr=log)
        rss: Optional[int] = None
        cpu: Optional[float] = None
        if hasattr(os, "wait4"):
            # The rusage of exactly this child, not an accumulated RUSAGE_CHILDREN.
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss = _maxrss_kib(usage)
            cpu = usage.ru_utime + usage.ru_stime
        else:  # pragma: no cover - Windows: wall time only
            proc.wait()
            wall = time.perf_counter() - start
        if proc.returncode != 0:
            log.seek(0)
            tail = log.read()[-4000:]
            raise BuildFailed(f"{flavor}: `{' '.join(command)}` exited {proc.returncode}:\n{tail}")
    return Build(flavor, wall, rss, cpu)


def emit(text: str, result: dict[str, Any], path: Optional[Path]) -> None:
    """Print a script's report ``text``; write its ``result`` as JSON to ``path``, if given."""
    print(text)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2) + "\n", "utf-8")


def largest_pages(site_dir: Path, count: int = 3) -> list[dict[str, Any]]:
    """The ``count`` biggest HTML files of a built site, biggest first."""
    sizes = [(p.stat().st_size, p) for p in site_dir.rglob("*.html")]
    sizes.sort(key=lambda item: (-item[0], str(item[1])))
    return [
        {"path": p.relative_to(site_dir).as_posix(), "bytes": size} for size, p in sizes[:count]
    ]


def site_facts(site_dir: Path) -> dict[str, Any]:
    """Pages, size and biggest pages of a built site."""
    html = list(site_dir.rglob("*.html"))
    export = site_dir / "fieldnotes.json"
    return {
        "html_pages": len(html),
        "html_bytes": sum(p.stat().st_size for p in html),
        "largest_pages": largest_pages(site_dir),
        "pages_over_limit": sum(p.stat().st_size > PAGE_LIMIT_BYTES for p in html),
        "export_bytes": export.stat().st_size if export.exists() else None,
    }


# -- interleaved rounds -----------------------------------------------------------------


def run_rounds(
    python: str, projects: dict[str, Path], work: Path, rounds: int, progress: bool = True
) -> tuple[dict[str, list[Build]], dict[str, dict[str, Any]]]:
    """Build each flavor once per round, in the order of ``projects``; keep the last sites."""
    builds: dict[str, list[Build]] = {flavor: [] for flavor in projects}
    facts: dict[str, dict[str, Any]] = {}
    for number in range(1, rounds + 1):
        for flavor, project in projects.items():
            site_dir = work / f"site-{project.name}-{number}"
            build = build_once(python, project, site_dir, flavor)
            builds[flavor].append(build)
            if progress:
                rss = f"{build.peak_rss_kib / 1024:.0f} MiB" if build.peak_rss_kib else "?"
                cpu = f"{build.cpu_s:.2f} s CPU" if build.cpu_s is not None else ""
                _note(
                    f"round {number}/{rounds} {project.name:>18}: {build.wall_s:7.2f} s {cpu} {rss}"
                )
            if number == rounds:
                facts[flavor] = site_facts(site_dir)
            shutil.rmtree(site_dir, ignore_errors=True)
    return builds, facts


def summarize(builds: list[Build]) -> dict[str, Any]:
    """Median and raw figures of one flavor's builds."""
    walls = [b.wall_s for b in builds]
    rss = [b.peak_rss_kib for b in builds if b.peak_rss_kib is not None]
    cpu = [b.cpu_s for b in builds if b.cpu_s is not None]
    return {
        "wall_s": [round(w, 3) for w in walls],
        "median_s": round(statistics.median(walls), 3),
        "cpu_s": [round(c, 3) for c in cpu],
        "median_cpu_s": round(statistics.median(cpu), 3) if cpu else None,
        "peak_rss_mib": [round(r / 1024, 1) for r in rss],
        "median_rss_mib": round(statistics.median(rss) / 1024, 1) if rss else None,
    }


def ratio(numerator: list[Build], denominator: list[Build]) -> dict[str, Any]:
    """Round-by-round wall-time ratios, their median, the same for CPU time, and the ratio
    of median peak RSS."""
    pairs = [n.wall_s / d.wall_s for n, d in zip(numerator, denominator)]
    cpu = [
        n.cpu_s / d.cpu_s for n, d in zip(numerator, denominator) if n.cpu_s is not None and d.cpu_s
    ]
    rss_n = [b.peak_rss_kib for b in numerator if b.peak_rss_kib]
    rss_d = [b.peak_rss_kib for b in denominator if b.peak_rss_kib]
    rss_ratio = statistics.median(rss_n) / statistics.median(rss_d) if rss_n and rss_d else None
    return {
        "pairs": [round(p, 3) for p in pairs],
        "median": round(statistics.median(pairs), 3),
        "cpu_pairs": [round(p, 3) for p in cpu],
        "cpu_median": round(statistics.median(cpu), 3) if cpu else None,
        "rss": round(rss_ratio, 3) if rss_ratio else None,
    }


# -- mkdocs serve -----------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running ``mkdocs serve``; a thread time-stamps every line it prints."""

    def __init__(self, python: str, project: Path, options: Sequence[str] = ()) -> None:
        self.project = project
        self.lines: list[tuple[float, str]] = []
        self.started = time.monotonic()
        command = [python, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml")]
        command += ["-a", f"127.0.0.1:{free_port()}", *options]
        self.proc = subprocess.Popen(
            command,
            cwd=project,
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def count(self, text: str) -> int:
        """How many printed lines contain ``text``."""
        return sum(text in line for _, line in list(self.lines))

    def wait_for(self, text: str, count: int, timeout: float) -> float:
        """Wait until ``text`` was printed ``count`` times; the time of that line."""
        deadline = time.monotonic() + timeout
        while True:
            seen = [t for t, line in list(self.lines) if text in line]
            if len(seen) >= count:
                return seen[count - 1]
            if self.proc.poll() is not None:
                raise BuildFailed(f"mkdocs serve exited {self.proc.returncode}:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise BuildFailed(f"no {text!r} #{count} within {timeout:.0f} s:\n{self.tail()}")
            time.sleep(0.02)

    def settle(self, quiet: float = 1.0, timeout: float = 600) -> None:
        """Wait until every detected change was rebuilt and nothing was printed for a while."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            balanced = self.count("Detected file changes") == self.count("Reloading browsers")
            last = self.lines[-1][0] if self.lines else self.started
            if balanced and time.monotonic() - last >= quiet:
                return
            time.sleep(0.05)
        raise BuildFailed(f"mkdocs serve never settled:\n{self.tail()}")

    def tail(self, n: int = 30) -> str:
        """The last lines it printed."""
        return "\n".join(line for _, line in self.lines[-n:])

    def stop(self) -> None:
        """Terminate it (kill if it does not stop)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def measure_serve(
    python: str,
    projects: dict[str, Path],
    edit_paths: dict[str, Path],
    edits: int,
    timeout: float,
    progress: bool = True,
    options: Sequence[str] = (),
) -> dict[str, Any]:
    """Start one server per flavor, then edit one entry of each in turn, ``edits`` times.

    ``options`` go to ``mkdocs serve`` (``--dirty``)."""
    servers: dict[str, Server] = {}
    originals = {flavor: path.read_bytes() for flavor, path in edit_paths.items()}
    result: dict[str, Any] = {}
    try:
        for flavor, project in projects.items():
            # One at a time: two first builds at once would compete for the two cores.
            server = Server(python, project, options)
            servers[flavor] = server
            served = server.wait_for("Serving on", 1, timeout)
            result[flavor] = {"initial_s": round(served - server.started, 3), "rebuild_s": []}
            if progress:
                label = " ".join(["serve", *options])
                _note(f"{label} {flavor:>10}: first build in {served - server.started:.2f} s")
        for number in range(1, edits + 1):
            for flavor, server in servers.items():
                server.settle()
                before = server.count("Reloading browsers")
                path = edit_paths[flavor]
                written = time.monotonic()
                with path.open("a", encoding="utf-8") as f:
                    f.write(f"\nBenchmark edit {number}: one more sentence of commentary.\n")
                reloaded = server.wait_for("Reloading browsers", before + 1, timeout)
                result[flavor]["rebuild_s"].append(round(reloaded - written, 3))
                if progress:
                    took = reloaded - written
                    _note(f"{label} {flavor:>10}: edit {number} rebuilt in {took:.2f} s")
    finally:
        for server in servers.values():
            server.stop()
        for flavor, data in originals.items():
            edit_paths[flavor].write_bytes(data)
    for data in result.values():
        data["median_s"] = round(statistics.median(data["rebuild_s"]), 3)
    for name, flavor in (("ratio", "fieldnotes"), ("floor_ratio", "floor")):
        if "plain" in result and flavor in result:
            result[name] = _serve_ratio(result[flavor], result["plain"])
    return result


def _serve_ratio(numerator: dict[str, Any], denominator: dict[str, Any]) -> dict[str, Any]:
    pairs = [n / d for n, d in zip(numerator["rebuild_s"], denominator["rebuild_s"])]
    return {
        "pairs": [round(p, 3) for p in pairs],
        "median": round(statistics.median(pairs), 3),
        "of_medians": round(numerator["median_s"] / denominator["median_s"], 3),
    }


# -- the two modes ------------------------------------------------------------------------


def make_projects(
    work: Path, entries: int, cards: int, seed: int, flavors: Sequence[str]
) -> tuple[dict[str, Path], dict[str, Path], dict[str, Any]]:
    """Write the corpus once per flavor; the projects and, per flavor, the entry to edit."""
    drawn = corpus_mod.draw(entries, cards, seed)
    projects: dict[str, Path] = {}
    edit_paths: dict[str, Path] = {}
    markdown_bytes = 0
    for flavor in flavors:
        project = work / f"{flavor}-{entries}x{cards}"
        shutil.rmtree(project, ignore_errors=True)  # a stale corpus would skew the figures
        files = corpus_mod.write(drawn, project, flavor)
        projects[flavor] = project
        edit_paths[flavor] = files[len(files) // 2]
        if flavor == "fieldnotes":
            markdown_bytes = sum(f.stat().st_size for f in files)
    info = {"entries": entries, "cards": cards, "seed": seed, "markdown_bytes": markdown_bytes}
    return projects, edit_paths, info


def compare(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Plain vs fieldnotes (vs blog): builds, memory, page sizes, serve rebuilds."""
    flavors = ["plain"] + (["floor"] if args.floor else []) + ["fieldnotes"]
    flavors += ["core"] if args.core else []
    flavors += ["core-floor"] if args.core and args.floor else []
    flavors += ["blog"] if args.blog else []
    projects, edit_paths, info = make_projects(work, args.entries, args.cards, args.seed, flavors)
    _note(f"corpus: {args.entries} entries x {args.cards} cards in {work}")
    builds, facts = run_rounds(args.python, projects, work, args.pairs)
    result: dict[str, Any] = {"corpus": info, "builds": {}, "ratios": {}}
    for flavor in flavors:
        result["builds"][flavor] = {**summarize(builds[flavor]), **facts[flavor]}
    result["ratios"]["fieldnotes_vs_plain"] = ratio(builds["fieldnotes"], builds["plain"])
    if args.floor:
        result["ratios"]["floor_vs_plain"] = ratio(builds["floor"], builds["plain"])
        result["ratios"]["fieldnotes_vs_floor"] = ratio(builds["fieldnotes"], builds["floor"])
    if args.core:
        result["ratios"]["core_vs_plain"] = ratio(builds["core"], builds["plain"])
        if args.floor:  # the core's own floor: only the pages the core generates
            result["ratios"]["core_vs_floor"] = ratio(builds["core"], builds["core-floor"])
    if args.blog:
        result["ratios"]["blog_vs_plain"] = ratio(builds["blog"], builds["plain"])
        result["ratios"]["blog_vs_fieldnotes"] = ratio(builds["blog"], builds["fieldnotes"])
        if args.core:
            result["ratios"]["blog_vs_core"] = ratio(builds["blog"], builds["core"])
    if args.serve_edits > 0:
        serve_projects = {f: projects[f] for f in flavors if f not in ("blog", "core-floor")}
        result["serve"] = measure_serve(
            args.python, serve_projects, edit_paths, args.serve_edits, args.timeout
        )
        if args.serve_dirty:
            result["serve_dirty"] = measure_serve(
                args.python,
                serve_projects,
                edit_paths,
                args.serve_edits,
                args.timeout,
                options=["--dirty"],
            )
    return result


def scaling(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Time per entry of plain and fieldnotes builds at each size of ``--scaling-sizes``."""
    sizes: dict[str, Any] = {}
    for entries in args.scaling_sizes:
        projects, _, info = make_projects(
            work, entries, args.cards, args.seed, ["plain", "fieldnotes"]
        )
        _note(f"scaling corpus: {entries} entries x {args.cards} cards")
        builds, facts = run_rounds(args.python, projects, work, args.pairs)
        row: dict[str, Any] = {"corpus": info}
        for flavor in ("plain", "fieldnotes"):
            summary = summarize(builds[flavor])
            summary["per_entry_ms"] = round(summary["median_s"] / entries * 1000, 3)
            cpu = summary["median_cpu_s"]
            summary["per_entry_cpu_ms"] = round(cpu / entries * 1000, 3) if cpu else None
            row[flavor] = summary
        row["plugin_s"] = round(row["fieldnotes"]["median_s"] - row["plain"]["median_s"], 3)
        row["plugin_per_entry_ms"] = round(row["plugin_s"] / entries * 1000, 3)
        row["fieldnotes_largest_page"] = facts["fieldnotes"]["largest_pages"][0]
        sizes[str(entries)] = row
        for project in projects.values():
            shutil.rmtree(project, ignore_errors=True)
    small, large = (sizes[str(n)] for n in (args.scaling_sizes[0], args.scaling_sizes[-1]))

    def growth(key: str, flavor: Optional[str] = None) -> Optional[float]:
        a = small[flavor][key] if flavor else small[key]
        b = large[flavor][key] if flavor else large[key]
        return round(b / a, 3) if a and b and a > 0 else None

    return {
        "sizes": sizes,
        "growth": {
            "fieldnotes": growth("per_entry_ms", "fieldnotes"),
            "plain": growth("per_entry_ms", "plain"),
            "plugin_only": growth("plugin_per_entry_ms"),
            "fieldnotes_cpu": growth("per_entry_cpu_ms", "fieldnotes"),
            "plain_cpu": growth("per_entry_cpu_ms", "plain"),
        },
    }


# -- report -----------------------------------------------------------------------------


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its measured value and whether the measurement meets it."""
    rows: list[dict[str, Any]] = []

    def add(
        name: str,
        measured: Optional[float],
        limit: float,
        at_most: bool = True,
        cpu: Optional[float] = None,
    ) -> None:
        def meets(value: Optional[float]) -> Optional[bool]:
            if value is None:
                return None
            return value <= limit if at_most else value >= limit

        sign = "<=" if at_most else ">="
        rows.append(
            {
                "target": f"{name} {sign} {limit:g}",
                "measured": measured,
                "met": meets(measured),
                "cpu": cpu,
                "cpu_met": meets(cpu),
            }
        )

    if "ratios" in result:
        ratios = result["ratios"]
        for key, name, target, rss in (
            ("fieldnotes_vs_plain", "fieldnotes/plain", "build_ratio", True),
            ("fieldnotes_vs_floor", "fieldnotes/floor", "floor_ratio", False),
            ("core_vs_plain", "core/plain", "build_ratio", True),
            ("core_vs_floor", "core/core-floor", "floor_ratio", False),
        ):
            if key in ratios:
                r = ratios[key]
                add(f"build time {name}", r["median"], TARGETS[target], cpu=r["cpu_median"])
                if rss:
                    add(f"peak RSS {name}", r["rss"], TARGETS["rss_ratio"])
        largest = result["builds"]["fieldnotes"]["largest_pages"][0]["bytes"]
        add("largest fieldnotes page (KB)", round(largest / 1000, 1), PAGE_LIMIT_BYTES / 1000)
        for key, name in (("blog_vs_fieldnotes", "fieldnotes"), ("blog_vs_core", "core")):
            if key in result["ratios"]:
                blog = result["ratios"][key]
                add(
                    f"blog+tags time / {name} time",
                    blog["median"],
                    TARGETS["blog_speedup"],
                    at_most=False,
                    cpu=blog.get("cpu_median"),
                )
    if "serve" in result and "ratio" in result["serve"]:
        serve = result["serve"]["ratio"]["of_medians"]
        add("serve rebuild fieldnotes/plain", serve, TARGETS["serve_ratio"])
    for flavor in ("fieldnotes", "core"):
        if flavor in result.get("serve_dirty", {}):
            median = result["serve_dirty"][flavor]["median_s"]
            add(f"serve --dirty rebuild {flavor} (s)", median, TARGETS["dirty_rebuild_s"])
    if "scaling" in result:
        add(
            "time/entry growth (fieldnotes)",
            result["scaling"]["growth"]["fieldnotes"],
            TARGETS["scaling_growth"],
            cpu=result["scaling"]["growth"].get("fieldnotes_cpu"),
        )
    return rows


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(c) for c in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths)))
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    if isinstance(value, list):
        return " ".join(_fmt(v) for v in value)
    return str(value)


def report(result: dict[str, Any]) -> str:
    """The human-readable tables."""
    out = [f"mkdocs-fieldnotes benchmark, {result['date']}", _describe_machine(result["machine"])]
    if "builds" in result:
        c = result["corpus"]
        out.append(
            f"corpus: {c['entries']} entries x {c['cards']} cards, seed {c['seed']}, "
            f"{c['markdown_bytes'] / 1e6:.1f} MB of Markdown"
        )
        rows = []
        for flavor, b in result["builds"].items():
            largest = b["largest_pages"][0]
            rows.append(
                [
                    flavor,
                    b["median_s"],
                    b["wall_s"],
                    b["median_cpu_s"],
                    b["median_rss_mib"],
                    b["html_pages"],
                    f"{largest['bytes'] / 1000:.1f} KB {largest['path']}",
                ]
            )
        out += [
            "",
            _table(
                ["build", "median s", "each s", "CPU s", "peak RSS MiB", "pages", "largest page"],
                rows,
            ),
        ]
        rows = [
            [name.replace("_", " "), r["median"], r["pairs"], r["cpu_median"], r["rss"]]
            for name, r in result["ratios"].items()
        ]
        header = ["ratio", "wall median", "wall pair by pair", "CPU median", "peak RSS"]
        out += ["", _table(header, rows)]
        export = result["builds"]["fieldnotes"].get("export_bytes")
        if export:
            out.append(f"fieldnotes.json: {export / 1e6:.2f} MB")
    for key, label in (("serve", "serve"), ("serve_dirty", "serve --dirty")):
        if key in result:
            out += ["", *_serve_report(label, result[key])]
    if "scaling" in result:
        sc = result["scaling"]
        rows = []
        for entries, row in sc["sizes"].items():
            rows.append(
                [
                    entries,
                    row["plain"]["median_s"],
                    row["fieldnotes"]["median_s"],
                    row["plain"]["per_entry_ms"],
                    row["fieldnotes"]["per_entry_ms"],
                    row["plugin_per_entry_ms"],
                    row["plain"]["per_entry_cpu_ms"],
                    row["fieldnotes"]["per_entry_cpu_ms"],
                ]
            )
        out += [
            "",
            _table(
                [
                    "entries",
                    "plain s",
                    "fieldnotes s",
                    "plain ms/entry",
                    "fieldnotes ms/entry",
                    "plugin ms/entry",
                    "plain CPU ms/entry",
                    "fieldnotes CPU ms/entry",
                ],
                rows,
            ),
        ]
        g = sc["growth"]
        out.append(
            f"time per entry growth: fieldnotes {_fmt(g['fieldnotes'])}, plain {_fmt(g['plain'])}, "
            f"plugin's own share {_fmt(g['plugin_only'])}; CPU time per entry growth: "
            f"fieldnotes {_fmt(g['fieldnotes_cpu'])}, plain {_fmt(g['plain_cpu'])}"
        )
    verdict = {True: "met", False: "NOT met", None: "-"}
    rows = [
        [t["target"], t["measured"], verdict[t["met"]], t["cpu"], verdict[t["cpu_met"]]]
        for t in result["targets"]
    ]
    if rows:
        out += ["", _table(["target", "wall", "", "CPU", ""], rows)]
    return "\n".join(out)


def _serve_report(label: str, s: dict[str, Any]) -> list[str]:
    rows = [
        [flavor, s[flavor]["initial_s"], s[flavor]["median_s"], s[flavor]["rebuild_s"]]
        for flavor in ("plain", "floor", "fieldnotes", "core")
        if flavor in s
    ]
    out = [_table([label, "first build s", "median rebuild s", "each rebuild s"], rows)]
    for name, flavor in (("ratio", "fieldnotes"), ("floor_ratio", "floor")):
        if name in s:
            out.append(
                f"{label} rebuild {flavor}/plain: {s[name]['of_medians']:.3f} (of medians), "
                f"edit by edit {_fmt(s[name]['pairs'])}"
            )
    return out


def _describe_machine(machine: dict[str, Any]) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    checkout = f"; checkout {machine['checkout']}" if machine.get("checkout") else ""
    return f"machine: {machine['cpus']} CPUs, {machine['platform']}; {versions}{checkout}"


def machine_info(python: str) -> dict[str, Any]:
    """Where the figures come from (versions are those of the interpreter that builds)."""
    script = (
        "import json, platform; from importlib import metadata as m\n"
        "v = {'python': platform.python_version()}\n"
        "for d in ('mkdocs', 'mkdocs-material', 'mkdocs-fieldnotes'):\n"
        "    try: v[d] = m.version(d)\n"
        "    except m.PackageNotFoundError: v[d] = None\n"
        "print(json.dumps(v))"
    )
    try:
        out = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True)
        versions = json.loads(out.stdout)
    except (OSError, subprocess.CalledProcessError, ValueError):
        versions = {"python": platform.python_version()}
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "versions": versions,
        "checkout": _checkout(),
    }


def _checkout() -> Optional[str]:
    """Commit of this repository (``+dirty`` with uncommitted changes), when git can tell."""
    repo = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True
        )
        status = subprocess.run(
            [
                "git",
                "--no-optional-locks",
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                "mkdocs_fieldnotes",
            ],
            cwd=repo,
            capture_output=True,
            text=True,
        )
    except OSError:
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("+dirty" if status.stdout.strip() else "")


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000, help="entries in the corpus")
    parser.add_argument("--cards", type=int, default=10, help="cards per entry")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--pairs", type=int, default=3, help="rounds of interleaved builds")
    parser.add_argument("--blog", action="store_true", help="also build Material blog + tags")
    parser.add_argument(
        "--core",
        action="store_true",
        help="also build fieldnotes with its optional features off (corpus.CORE_OPTIONS)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also build plain + the plugin's pages left empty: what MkDocs costs for them",
    )
    parser.add_argument(
        "--serve-edits",
        type=int,
        default=3,
        help="edits timed under mkdocs serve per flavor (0: skip serve)",
    )
    parser.add_argument(
        "--no-serve",
        dest="serve_edits",
        action="store_const",
        const=0,
        help="skip the mkdocs serve measurement",
    )
    parser.add_argument(
        "--serve-dirty",
        action="store_true",
        help="also time the edits under mkdocs serve --dirty (target: a median of 2 s)",
    )
    parser.add_argument(
        "--scaling", action="store_true", help="instead: time per entry at each of --scaling-sizes"
    )
    parser.add_argument(
        "--scaling-sizes",
        type=int,
        nargs="+",
        default=[200, 1000],
        metavar="N",
        help="corpus sizes for --scaling (default: 200 1000)",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--work", type=Path, help="folder for corpora and sites (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs mkdocs")
    parser.add_argument("--timeout", type=float, default=900, help="seconds to wait for serve")
    args = parser.parse_args(argv)
    if args.pairs < 1 or args.entries < 1 or args.cards < 1:
        parser.error("--pairs, --entries and --cards must be at least 1")
    if args.scaling and len(args.scaling_sizes) < 2:
        parser.error("--scaling-sizes needs at least two sizes")
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="fieldnotes-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "command": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(args.python),
    }
    try:
        if args.scaling:
            result["scaling"] = scaling(args, work)
        else:
            result.update(compare(args, work))
    except BuildFailed as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    result["targets"] = targets(result)
    emit(report(result), result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

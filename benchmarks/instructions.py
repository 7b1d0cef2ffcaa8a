"""Count the instructions each build executes, under Valgrind: figures that do not move with
the machine's load.

    python benchmarks/instructions.py [--entries 1000 --cards 10] [--jobs 2]
                                      [--rev c360b0a] [--json PATH]

CPU times on a shared two-core machine move by 10 to 30% from one build to the next, more
than the limits this benchmark checks. The number of instructions a build executes does not:
two builds of the same sources under Valgrind's ``cachegrind`` (``--cache-sim=no``), with
``PYTHONHASHSEED=0`` and a fixed ``SOURCE_DATE_EPOCH``, count the same within 0.1%. Projects
that track performance on shared machines use the same count (SQLite measures with
cachegrind, the Rust compiler with instructions). It is not the time: MkDocs' regular-
expression matching runs about twice as many instructions a nanosecond as the plugin's code,
so a ratio against ``plain`` or a floor understates the plugin's share of the time (see
``docs/performance.md``, *Instructions and time*), and ``run.py``'s CPU times remain the
measure of the limits. Between two versions of the plugin (``--rev``) the count and the time
agree, and the count gives the same answer every time, so a change of 1 or 2% can be seen.

The builds, one each, of one corpus (``corpus.py``):

* ``plain``, ``floor``, ``fieldnotes``, ``core``, ``core-floor``: the flavors of ``run.py``;
* ``fieldnotes`` with each feature that has a budget of its own turned off (``FEATURES``): its
  share is (fieldnotes − without it) ÷ fieldnotes, whatever it costs: its code, its pages,
  their navigation links, the theme's work for them;
* with ``--rev REV``: ``rev``, the fieldnotes flavor built with the package of commit ``REV``
  (as ``versus.py`` does), compared with ``core``.

Each build takes about 35 times as long as without Valgrind (about 12 minutes at 1,000 × 10);
``--jobs`` runs that many at once. Needs ``valgrind`` on the ``PATH``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpus_mod
from features import _config
from run import emit
from versus import checkout, imported_from, remove

EPOCH = "1767225600"
"""``SOURCE_DATE_EPOCH`` of every build (2026-01-01): the cards' ages, and so the pages, are
the same whatever the day."""

FEATURES: dict[str, tuple[dict[str, Any], Optional[float]]] = {
    "feeds (16)": ({"feeds": False}, 0.03),
    "Revisit and Open threads pages (17)": ({"revisit": False, "threads": False}, 0.03),
    "card ages (17)": ({"revisit_ages": False}, None),
    "Sources, Topics, chart, social previews (18)": (
        {"sources": False, "topics": False, "timeline_chart": False, "social_meta": "never"},
        0.05,
    ),
}
"""Each feature with a budget: the options that turn it off, and its budget (a share of the
build with every feature on; ``None``: no budget of its own)."""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")

RATIOS = (
    ("fieldnotes ÷ plain", "fieldnotes", "plain"),
    ("fieldnotes ÷ floor", "fieldnotes", "floor"),
    ("core ÷ plain", "core", "plain"),
    ("core ÷ core-floor", "core", "core-floor"),
    ("core ÷ rev", "core", "rev"),
    ("rev ÷ plain", "rev", "plain"),
)
"""Each ratio reported: its label and the two builds it divides (when both were made)."""


def count(
    python: str, config_file: Path, site_dir: Path, env: Optional[dict[str, str]] = None
) -> int:
    """Instructions executed by ``mkdocs build -f config_file`` (``env``: more variables)."""
    project = config_file.parent
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    command += [python, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)]
    variables = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    variables |= {"SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    done = subprocess.run(command, cwd=project, env=variables, capture_output=True, text=True)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"{config_file}: the build failed under valgrind:\n{done.stderr[-3000:]}")
    return int(found.group(1).replace(",", ""))


def write_projects(args: argparse.Namespace, work: Path) -> dict[str, Path]:
    """The config file of each build, by name: one project per flavor, written under
    ``work``; the fieldnotes project also holds a config file for each feature turned off
    (``rev`` builds its ``mkdocs.yml`` too)."""
    drawn = corpus_mod.draw(args.entries, args.cards, args.seed)
    configs: dict[str, Path] = {}
    for flavor in ("plain", "floor", "fieldnotes", "core", "core-floor"):
        corpus_mod.write(drawn, work / flavor, flavor)
        configs[flavor] = work / flavor / "mkdocs.yml"
    base = yaml.safe_load(configs["fieldnotes"].read_text("utf-8"))
    for number, (feature, (off, _)) in enumerate(FEATURES.items()):
        configs[f"without {feature}"] = work / "fieldnotes" / f"without-{number}.yml"
        text = yaml.safe_dump(_config(base, off), sort_keys=False)
        configs[f"without {feature}"].write_text(text, "utf-8")
    if args.rev:
        configs["rev"] = configs["fieldnotes"]
    return configs


def measure(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Build every project once under Valgrind; the counts and ratios."""
    configs = write_projects(args, work)
    envs: dict[str, dict[str, str]] = {}
    commit = None
    tree = work / "rev"
    if args.rev:
        commit = checkout(args.rev, tree)
    try:
        if args.rev:
            envs["rev"] = {"PYTHONPATH": str(tree)}
            imported = imported_from(args.python, envs["rev"], work)
            if imported.parent.resolve() != tree.resolve():
                raise SystemExit(f"{args.rev}'s package is not the one imported ({imported})")
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            jobs = {
                name: pool.submit(count, args.python, config, work / f"site-{n}", envs.get(name))
                for n, (name, config) in enumerate(configs.items())
            }
            counts = {name: job.result() for name, job in jobs.items()}
    finally:
        if args.rev:
            remove(tree)
    ratios = {
        label: counts[top] / counts[bottom]
        for label, top, bottom in RATIOS
        if top in counts and bottom in counts
    }
    shares = {
        feature: (counts["fieldnotes"] - counts[f"without {feature}"]) / counts["fieldnotes"]
        for feature in FEATURES
    }
    return {
        "corpus": {"entries": args.entries, "cards": args.cards, "seed": args.seed},
        "rev": args.rev,
        "commit": commit,
        "instructions": counts,
        "ratios": ratios,
        "shares": shares,
    }


def report(result: dict[str, Any]) -> str:
    """The figures as text."""
    corpus = result["corpus"]
    lines = [f"Instructions of one build each, {corpus['entries']} × {corpus['cards']}:"]
    counts = result["instructions"]
    width = max(map(len, counts))
    lines += [f"  {name:>{width}}: {value / 1e9:8.2f} G" for name, value in counts.items()]
    lines += [f"  {label}: {value:.3f}" for label, value in result["ratios"].items()]
    lines.append("Share of the fieldnotes build (all on − that feature off), against its budget:")
    for feature, share in result["shares"].items():
        limit = FEATURES[feature][1]
        verdict = "no budget" if limit is None else ("met" if share <= limit else "NOT met")
        budget = "" if limit is None else f" (budget {limit:.0%})"
        lines.append(f"  {feature}: {share:.2%}{budget}: {verdict}")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="builds run at once")
    parser.add_argument("--rev", help="also build the fieldnotes flavor with this commit")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs mkdocs")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not on the PATH (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="fieldnotes-instructions-") as work:
        result = measure(args, Path(work))
    emit(report(result), result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

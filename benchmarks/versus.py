"""Compare the plugin at another commit with the working tree, on the same corpus and machine.

    python benchmarks/versus.py REV [--entries 1000 --cards 10 --rounds 6]
                               [--flavor core] [--rev-flavor fieldnotes] [--floor]
                               [--json PATH]

A regression shows best against the code before a change, built in the same rounds: two runs
of ``run.py`` on a shared virtual machine can differ by more than a change costs, but builds
interleaved within one run meet the same slow and fast moments. This script checks ``REV``
out into a temporary git worktree and builds one corpus, round after round, as:

* ``plain``: Material + search, no plugin (``corpus.py``'s plain flavor);
* ``rev``: the ``--rev-flavor`` project built with the package of ``REV`` (its folder is put
  first on ``PYTHONPATH``, so ``import mkdocs_fieldnotes`` finds it before the installed one);
* ``now``: the ``--flavor`` project built with the working tree's package;
* with ``--floor``, ``floor``: the floor of ``--flavor`` (``corpus.py``'s ``floor`` or
  ``core-floor``: plain plus the pages and navigation links the plugin makes, left empty).

It reports the median CPU time of each and the ratios round by round: now ÷ rev (a
regression is above 1), rev ÷ plain and now ÷ plain; with ``--floor``, also rev ÷ floor and
now ÷ floor: how a limit set on the floor ratio reads for both, measured in the same rounds.
Use ``--rev-flavor fieldnotes`` for a commit older than the options the flavor sets (the core
flavor turns off features an older commit did not have). Dependencies are the installed ones for both sides.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpus_mod
from run import Build, _note, build_once, emit, ratio, summarize

REPO = Path(__file__).resolve().parent.parent
FLOOR_OF = {of: floor for floor, of in corpus_mod.FLOORS.items()}
"""The floor flavor of each flavor (``fieldnotes``: ``floor``; ``core``: ``core-floor``)."""
RATIOS = (
    ("now_over_rev", "now ÷ rev", "now", "rev"),
    ("rev_over_plain", "rev ÷ plain", "rev", "plain"),
    ("now_over_plain", "now ÷ plain", "now", "plain"),
    ("rev_over_floor", "rev ÷ floor", "rev", "floor"),
    ("now_over_floor", "now ÷ floor", "now", "floor"),
)
"""Each ratio reported: its key, its label, and the builds it divides (when both were made)."""


def checkout(rev: str, folder: Path) -> str:
    """A detached worktree of ``rev`` in ``folder``; its full commit id."""
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(folder), rev],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def remove(folder: Path) -> None:
    """Remove the worktree made by ``checkout``."""
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)],
        check=False,
        capture_output=True,
    )


def imported_from(python: str, env: dict[str, str], cwd: Path) -> Path:
    """The folder ``import mkdocs_fieldnotes`` finds with ``env`` (more environment variables),
    run in ``cwd`` as the builds are (in their project's folder, never this repository's)."""
    done = subprocess.run(
        [python, "-c", "import mkdocs_fieldnotes as m; print(m.__file__)"],
        env={**os.environ, **env},
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(done.stdout.strip()).parent


def compare(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Build the three projects ``args.rounds`` times, interleaved; the figures."""
    tree = work / "rev"
    commit = checkout(args.rev, tree)
    try:
        drawn = corpus_mod.draw(args.entries, args.cards, args.seed)
        projects = {
            "plain": ("plain", None),
            "rev": (args.rev_flavor, tree),
            "now": (args.flavor, None),
        }
        if args.floor:
            projects["floor"] = (FLOOR_OF[args.flavor], None)
        imported = imported_from(args.python, {"PYTHONPATH": str(tree)}, work)
        if imported.parent.resolve() != tree.resolve():
            raise SystemExit(f"{args.rev}'s package is not the one imported ({imported}): stopped")
        folders: dict[str, Path] = {}
        for name, (flavor, _) in projects.items():
            folders[name] = work / name
            corpus_mod.write(drawn, folders[name], flavor)
        builds: dict[str, list[Build]] = {name: [] for name in projects}
        for number in range(1, args.rounds + 1):
            for name, (flavor, package) in projects.items():
                env = {"PYTHONPATH": str(package)} if package else None
                build = build_once(args.python, folders[name], work / f"site-{name}", name, env)
                builds[name].append(build)
                _note(f"round {number}/{args.rounds} {name:>5} ({flavor}): {build.cpu_s:.2f} s CPU")
    finally:
        remove(tree)
    result: dict[str, Any] = {
        "rev": args.rev,
        "commit": commit,
        "rev_package": str(imported),
        "flavor": args.flavor,
        "rev_flavor": args.rev_flavor,
        "corpus": {"entries": args.entries, "cards": args.cards, "seed": args.seed},
        "cpu_s": {name: [b.cpu_s for b in runs] for name, runs in builds.items()},
        "median_cpu_s": {name: summarize(runs)["median_cpu_s"] for name, runs in builds.items()},
    }
    for key, _, top, bottom in RATIOS:
        if top in builds and bottom in builds:
            result[key] = ratio(builds[top], builds[bottom])
    return result


def report(result: dict[str, Any]) -> str:
    """The figures as text."""
    lines = [
        f"now (working tree, {result['flavor']}) vs {result['rev']} ({result['commit'][:7]}, "
        f"{result['rev_flavor']}), CPU medians:"
    ]
    for name, seconds in result["median_cpu_s"].items():
        lines.append(f"  {name:>5}: {seconds:.2f} s")
    for key, label, _, _ in RATIOS:
        figures = result.get(key)
        if figures is None:
            continue
        pairs = " / ".join(f"{p:.2f}" for p in figures["cpu_pairs"])
        lines.append(f"  {label}: {figures['cpu_median']:.2f} ({pairs})")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to compare with (any git revision)")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=6, help="rounds of interleaved builds")
    parser.add_argument("--flavor", default="fieldnotes", choices=("fieldnotes", "core"))
    parser.add_argument(
        "--rev-flavor",
        default=None,
        choices=("fieldnotes", "core"),
        help="the flavor built with REV's package (default: --flavor)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also build --flavor's floor (its pages left empty) and report rev and now ÷ floor",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs mkdocs")
    args = parser.parse_args(argv)
    args.rev_flavor = args.rev_flavor or args.flavor
    with tempfile.TemporaryDirectory(prefix="fieldnotes-versus-") as work:
        result = compare(args, Path(work))
    emit(report(result), result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

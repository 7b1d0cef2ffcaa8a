"""What each optional feature of the plugin costs on one corpus: the fieldnotes flavor built
with every feature on, and with one group of options turned off, in turn.

Each build runs in a fresh ``python -m mkdocs build -q`` process (rounds interleaved, as in
``run.py``); the figure is the CPU time (user + system) of that process, from ``os.wait4``.
A feature's cost is the median of (all on − that feature off) ÷ (all off) over the rounds.

    python benchmarks/features.py /tmp/corpus --rounds 3 --json features.json

``/tmp/corpus`` is a fieldnotes-flavor corpus written by ``corpus.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

GROUPS: dict[str, dict[str, Any]] = {
    "feeds": {"feeds": False},
    "revisit + threads": {"revisit": False, "threads": False},
    "sources + topics": {"sources": False, "topics": False},
    "activity chart": {"timeline_chart": False},
    "social previews": {"social_meta": "never"},
}
"""Options that turn each feature off (those the installed plugin does not know are left out)."""


def _known_options() -> set[str]:
    from mkdocs_fieldnotes.config import FieldnotesConfig

    return {name for name, _ in FieldnotesConfig._schema}


def _config(base: dict[str, Any], off: dict[str, Any]) -> dict[str, Any]:
    config = dict(base)
    plugins = []
    for plugin in config["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "fieldnotes":
            options = dict(plugin["fieldnotes"]) if isinstance(plugin, dict) else {}
            options.update(off)
            plugin = {"fieldnotes": options}
        plugins.append(plugin)
    config["plugins"] = plugins
    return config


def _build(project: Path, config_file: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]
    process = subprocess.Popen([*command, "-d", str(site)], cwd=project, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"build failed: {config_file}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a fieldnotes-flavor corpus (corpus.py)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    base = yaml.safe_load((args.project / "mkdocs.yml").read_text(encoding="utf-8"))
    known = _known_options()
    variants = {"all on": {}}
    for group, off in GROUPS.items():
        off = {k: v for k, v in off.items() if k in known}
        if off:
            variants[group] = off
    variants["all off"] = {k: v for off in GROUPS.values() for k, v in off.items() if k in known}
    times: dict[str, list[float]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as work:
        files = {}
        for i, (name, off) in enumerate(variants.items()):
            path = args.project / f".features-{i}.yml"
            path.write_text(yaml.safe_dump(_config(base, off)), encoding="utf-8")
            files[name] = path
        try:
            for round_ in range(args.rounds):
                for name, path in files.items():
                    seconds = _build(args.project, path, Path(work) / "site")
                    times[name].append(seconds)
                    print(f"round {round_ + 1}/{args.rounds} {name:>20}: {seconds:6.2f} s CPU")
        finally:
            for path in files.values():
                path.unlink()
    result: dict[str, Any] = {"cpu": times, "cost": {}}
    for name in variants:
        if name in ("all on", "all off"):
            continue
        shares = [
            (on - off) / rest
            for on, off, rest in zip(times["all on"], times[name], times["all off"])
        ]
        result["cost"][name] = statistics.median(shares)
        print(
            f"{name:>20}: {statistics.median(shares):+.1%} of the build (rounds: "
            + " / ".join(f"{s:+.1%}" for s in shares)
            + ")"
        )
    total = [(on - off) / off for on, off in zip(times["all on"], times["all off"])]
    result["cost"]["all"] = statistics.median(total)
    print(f"{'all together':>20}: {statistics.median(total):+.1%}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Time ``mkdocs serve --dirty`` rebuilds in one process, hook by hook.

    python benchmarks/dirty.py /tmp/corpus [--edits 5] [--json dirty.json]

``/tmp/corpus`` is a project written by ``corpus.py`` (any flavor). The script builds it once
into a temporary folder, the way ``mkdocs serve --dirty`` starts, then appends one sentence to
one entry ``--edits`` times and after each edit runs MkDocs' build again with ``dirty=True``
and the same plugin instances (``mkdocs serve`` keeps them). It reports, for each rebuild, the
CPU seconds in all and in the plugin's main steps, how many listing pages the plugin rendered
to compare with the last build (their inputs changed) and how many it wrote again (what they
show changed), and how many feeds it wrote again. The entry is restored at the end.

``run.py --serve-dirty`` times real ``mkdocs serve --dirty`` servers, file watcher included;
this script shows where a rebuild's time goes. Run it two or three times: the figures come
from a busy machine as much as from the code.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from shares import SPENT, _wrap  # one way to time a function, for both scripts

STEPS = {
    "on_files": "reading and planning (on_files)",
    "_plan_dirty": "keys of listings and feeds (on_nav)",
    "_listing": "rendering listings",
    "on_post_build": "export and feeds (on_post_build)",
}
"""The plugin methods timed, and their labels."""
WRITTEN = re.compile(
    r"--dirty: (\d+) of (\d+) listing pages built \((\d+) rendered to compare with the last "
    r"build\), (\d+) of (\d+) feeds written"
)


def _is_entry(path: Path) -> bool:
    """An entry of corpus.py's flavors: under ``docs/notes/`` (``docs/blog/posts/``)."""
    return "/notes/" in path.as_posix() or "/posts/" in path.as_posix()


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a project written by corpus.py")
    parser.add_argument("--edits", type=int, default=5, help="rebuilds to time (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    if args.edits < 1:
        parser.error("--edits must be at least 1")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project = args.project.resolve()

    from mkdocs.commands import build
    from mkdocs.config import load_config

    from mkdocs_fieldnotes import plugin

    for name, label in STEPS.items():
        _wrap(plugin.FieldnotesPlugin, name, label)
    lines = _Lines()
    logger = logging.getLogger("mkdocs.plugins.mkdocs_fieldnotes")
    logger.addHandler(lines)
    logger.setLevel(logging.DEBUG)  # the plugin's "--dirty: ..." line, and no other debug
    console = logging.StreamHandler()  # warnings, but not MkDocs' own about --dirty
    console.setLevel(logging.WARNING)
    console.addFilter(lambda record: "'dirty' build" not in record.getMessage())
    logging.getLogger("mkdocs").addHandler(console)

    entries = [p for p in sorted((project / "docs").rglob("*.md")) if _is_entry(p)]
    if not entries:
        parser.error(f"{project} has no entries: write it with corpus.py")
    target = entries[len(entries) // 2]
    original = target.read_bytes()
    rebuilds: list[dict[str, Any]] = []
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with tempfile.TemporaryDirectory() as work:
            site = str(Path(work) / "site")
            config = load_config("mkdocs.yml", site_dir=site)
            config.plugins.on_startup(command="serve", dirty=True)
            start = time.process_time()
            build.build(config, dirty=True)
            first = time.process_time() - start
            for number in range(1, args.edits + 1):
                with target.open("a", encoding="utf-8") as f:
                    f.write(f"\nBenchmark edit {number}: one more sentence of commentary.\n")
                later = time.time() + 60 * number  # newer than every output, as a save is
                os.utime(target, (later, later))
                again = load_config("mkdocs.yml", site_dir=site)
                again["plugins"] = config.plugins  # serve keeps the plugin instances
                SPENT.clear()
                del lines.lines[:]
                start = time.process_time()
                build.build(again, dirty=True)
                total = time.process_time() - start
                rebuild: dict[str, Any] = {"cpu_s": round(total, 3)}
                rebuild["steps_s"] = {label: round(SPENT[label], 3) for label in STEPS.values()}
                found = [m for line in lines.lines if (m := WRITTEN.search(line))]
                if found:
                    listings, all_listings, compared, feeds, all_feeds = map(
                        int, found[-1].groups()
                    )
                    rebuild["listings"] = [listings, all_listings]
                    rebuild["listings_compared"] = compared
                    rebuild["feeds"] = [feeds, all_feeds]
                rebuilds.append(rebuild)
    finally:
        target.write_bytes(original)
        os.chdir(cwd)

    print(f"{project.name}: first build {first:.2f} s CPU; edited {target.relative_to(project)}")
    for number, rebuild in enumerate(rebuilds, 1):
        steps = "; ".join(f"{k} {v:.2f}" for k, v in rebuild["steps_s"].items())
        written = ""
        if "listings" in rebuild:
            written = (
                f" ({rebuild['listings'][0]} of {rebuild['listings'][1]} listing pages written, "
                f"{rebuild['listings_compared']} rendered to compare; "
                f"{rebuild['feeds'][0]} of {rebuild['feeds'][1]} feeds written)"
            )
        print(f"rebuild {number}: {rebuild['cpu_s']:.2f} s CPU{written}; {steps}")
    median = statistics.median(r["cpu_s"] for r in rebuilds)
    print(f"median rebuild: {median:.2f} s CPU")
    if args.json:
        result = {"first_cpu_s": round(first, 3), "rebuilds": rebuilds, "median_cpu_s": median}
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The ``fieldnotes`` command: check, export and list field notes without building the site.

    fieldnotes check  [-f mkdocs.yml] [--format text|json]
    fieldnotes export [-f mkdocs.yml] [-o FILE]
    fieldnotes pages  [-f mkdocs.yml] --out DIR
    fieldnotes init   [-f mkdocs.yml] [--force]

Every command reads the site the way a build does (``project.py``) and reuses the plugin's
own functions, so its texts, its export and its listings are the build's. Exit status: 0 when
all is well, 1 when ``check`` found problems, 2 when the command could not do its work (bad
arguments, a missing or broken ``mkdocs.yml``, a file it cannot write): then it prints one
line, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from typing import IO, Any, NoReturn, Optional

import jinja2
from mkdocs.exceptions import ConfigurationError, PluginError

from . import __version__, export
from .markdown_pages import GENERATED_NOTE, listing_pages
from .model import Problem
from .project import (
    MANIFEST,
    Project,
    ProjectError,
    check,
    docs_relative,
    feed_records,
    load_project,
    move_listings,
    read_site,
    site_files,
)
from .render import TEMPLATES, Renderer
from .report import visible

PROG = "fieldnotes"
STYLESHEET = "assets/fieldnotes/fieldnotes.css"
"""Where ``init`` puts the stylesheet in ``docs_dir``: the path the plugin uses, so one
``extra_css`` line serves MkDocs with the plugin and Zensical alike."""


class CommandError(Exception):
    """The command cannot do its work; the text is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line instead of argparse's usage block: the problem and where to look.
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Check, export and list the field notes of an MkDocs or Zensical site "
        "without building it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = _Parser(add_help=False)
    common.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the site's mkdocs.yml (default: mkdocs.yml, else mkdocs.yaml, in this folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    check_parser = commands.add_parser(
        "check",
        parents=[common],
        help="report every problem in the entries, as path:line: message",
        description="Read every page with the plugin's parser and print each problem as "
        "path:line: message (the texts a build prints). Exit status 1 when there is any.",
    )
    check_parser.add_argument("--format", choices=("text", "json"), default="text")
    export_parser = commands.add_parser(
        "export",
        parents=[common],
        help="write the JSON export (fieldnotes.json) without building",
        description="Write the fieldnotes.json a build writes (URLs from site_url and "
        "use_directory_urls).",
    )
    export_parser.add_argument(
        "-o", "--output", metavar="FILE", help="where to write it (default: standard output)"
    )
    export_parser.add_argument(
        "--pages",
        metavar="DIR",
        help="the folder given to 'fieldnotes pages --out': the export links the tag, series "
        "and category pages there",
    )
    pages_parser = commands.add_parser(
        "pages",
        parents=[common],
        help="write the tag, series, category and timeline pages as Markdown",
        description="Write the listing pages the plugin generates as Markdown files into DIR, "
        "a folder inside docs_dir that the command owns: it replaces its own pages there and "
        "removes the ones no longer needed.",
    )
    pages_parser.add_argument("--out", metavar="DIR", required=True, help="folder in docs_dir")
    init_parser = commands.add_parser(
        "init",
        parents=[common],
        help="copy fieldnotes.css into docs_dir and print the lines to add to mkdocs.yml",
        description=f"Copy the stylesheet to {STYLESHEET} in docs_dir, for sites built "
        "without the plugin, and print the mkdocs.yml lines that use it.",
    )
    init_parser.add_argument(
        "--force", action="store_true", help="replace a copy that differs (after an upgrade)"
    )
    return parser


def _config_file(given: Optional[str]) -> str:
    if given:
        return given
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if os.path.isfile(name):
            return name
    return "mkdocs.yml"  # load_project says it is missing


class _Warnings(logging.Handler):
    """Prints MkDocs' and the plugin's warnings on stderr as MkDocs does."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__(logging.WARNING)
        self.stream = stream
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.stream.write(f"{record.levelname:<7} -  {record.getMessage()}\n")


def _problem_record(project: Project, problem: Problem) -> dict[str, Any]:
    if problem.path == project.config_file:
        file = problem.path
    else:
        file = os.path.relpath(os.path.join(project.mkdocs.docs_dir, problem.path))
    return {
        "path": problem.path,
        "file": file.replace(os.sep, "/"),
        "line": problem.line,
        "message": problem.message,
        "text": visible(str(problem)),
    }


def run_check(project: Project, output_format: str, out: IO[str], err: IO[str]) -> int:
    """``fieldnotes check``: 1 when there is any problem."""
    checked = check(project, site_files(project))
    notes = [Problem(project.config_file, None, note) for note in project.notes]
    problems: list[Problem] = []
    seen: set[str] = set()
    for problem in [*notes, *checked.problems]:
        text = str(problem)
        if text not in seen:  # a build says each once
            seen.add(text)
            problems.append(problem)
    if output_format == "json":
        document = {
            "version": 1,
            "config_file": project.config_file,
            "options_from": project.origin,
            "pages": checked.pages,
            "entries": checked.entries,
            "cards": checked.cards,
            "problems": [_problem_record(project, p) for p in problems],
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        for problem in problems:
            out.write(visible(str(problem)) + "\n")
    files = len({p.path for p in problems})
    found = (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}"
        if problems
        else "no problems"
    )
    err.write(
        f"{PROG} check: {found}; {_count(checked.pages, 'page')} read, "
        f"{_count(checked.entries, 'entry', 'entries')}, {_count(checked.cards, 'card')}.\n"
    )
    return 1 if problems else 0


def _count(number: int, one: str, many: str = "") -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _pages_folder(project: Project, folder: str) -> str:
    """``folder`` relative to ``docs_dir``; it must be inside it."""
    base = docs_relative(project, folder)
    if base is None:
        docs = os.path.relpath(project.mkdocs.docs_dir)
        example = os.path.join(docs, "fieldnotes")
        raise CommandError(
            f"{folder}: the pages folder must be inside docs_dir ({docs}), so that the site "
            f"builds the pages and their links resolve; for example {example}"
        )
    return base


def run_export(
    project: Project, output: Optional[str], pages: Optional[str], out: IO[str], err: IO[str]
) -> int:
    """``fieldnotes export``: the build's ``fieldnotes.json``."""
    if pages is not None:
        move_listings(project, _pages_folder(project, pages))
    reading = read_site(project, site_files(project))
    mkdocs = project.mkdocs
    generator = f"mkdocs-fieldnotes {__version__}"
    if not reading.site.entries:
        err.write(f"{PROG} export: the site has no entries; the export lists none.\n")
    site, urls, name, url = reading.site, reading.urls, mkdocs.site_name, mkdocs.site_url
    records = feed_records(project, reading)
    if output is None or output == "-":
        export.write(out, site, urls, name, url, generator, records)
        return 0
    folder = os.path.dirname(os.path.abspath(output))
    os.makedirs(folder, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as fp:
        export.write(fp, site, urls, name, url, generator, records)
    count = _count(len(reading.site.entries), "entry", "entries")
    err.write(f"{PROG} export: wrote {output} ({count}).\n")
    return 0


def _owned(folder: str) -> Optional[list[str]]:
    """The pages an earlier run wrote into ``folder`` (``None``: the folder is not ours)."""
    manifest = os.path.join(folder, MANIFEST)
    if not os.path.isdir(folder) or not os.listdir(folder):
        return []
    if not os.path.isfile(manifest):
        return None
    with open(manifest, encoding="utf-8") as fp:
        return [line.strip() for line in fp if line.strip() and not line.startswith("#")]


def run_pages(project: Project, folder: str, err: IO[str]) -> int:
    """``fieldnotes pages``: the listings as Markdown files in ``folder``."""
    base = _pages_folder(project, folder)
    owned = _owned(folder)
    if owned is None:
        raise CommandError(
            f"--out {folder}: the folder has files the command did not write (no {MANIFEST} "
            "file). Give an empty or new folder: the command replaces what is in it."
        )
    move_listings(project, base)
    reading = read_site(project, site_files(project, leave_out=base))
    words = Renderer(jinja2.Environment(), project.locale, project.options.date_format)
    pages = listing_pages(reading.site, words)
    written: list[str] = []
    for src_uri in sorted(pages):
        relative = src_uri[len(base) + 1 :]
        path = os.path.join(folder, *relative.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fp:
            fp.write(pages[src_uri])
        written.append(relative)
    removed = 0
    for relative in sorted(set(owned) - set(written)):
        path = os.path.join(folder, *relative.split("/"))
        if os.path.isfile(path) and not os.path.relpath(path, folder).startswith(".."):
            os.remove(path)
            removed += 1
            _prune(os.path.dirname(path), folder)
    with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8", newline="\n") as fp:
        fp.write(GENERATED_NOTE + "\n")
        fp.writelines(f"{relative}\n" for relative in written)
    gone = f", removed {removed} no longer needed" if removed else ""
    err.write(f"{PROG} pages: wrote {len(written)} pages to {folder}{gone}.\n")
    return 0


def _prune(folder: str, root: str) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    root = os.path.abspath(root)
    folder = os.path.abspath(folder)
    while folder != root and folder.startswith(root) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)


def run_init(project: Project, force: bool, out: IO[str]) -> int:
    """``fieldnotes init``: the stylesheet in ``docs_dir`` and the lines to add."""
    source = os.path.join(TEMPLATES, *STYLESHEET.split("/"))
    target = os.path.join(project.mkdocs.docs_dir, *STYLESHEET.split("/"))
    shown = os.path.relpath(target)
    with open(source, "rb") as fp:
        content = fp.read()
    if os.path.isfile(target):
        with open(target, "rb") as fp:
            same = fp.read() == content
        if same:
            out.write(f"{shown} is up to date.\n")
        elif not force:
            raise CommandError(
                f"{shown} exists and differs from this version's stylesheet; pass --force to "
                "replace it (your changes belong in a stylesheet of your own)."
            )
    if not os.path.isfile(target) or force:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
        out.write(f"Copied the fieldnotes stylesheet to {shown}.\n")
    out.write(
        f"\nIn {project.config_file}, list it and the cards extension (for Zensical; with "
        "the plugin active, the extension does nothing):\n\n"
        f"extra_css:\n  - {STYLESHEET}\nmarkdown_extensions:\n  - fieldnotes\n"
    )
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    args = _parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    handler = _Warnings(err)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        project = load_project(_config_file(args.config_file))
        if project.origin == "defaults" and args.command != "init":
            err.write(
                f"{PROG}: {project.config_file} lists neither the fieldnotes plugin nor its "
                "Markdown extension; the default options are used.\n"
            )
        if args.command == "check":
            return run_check(project, args.format, out, err)
        if args.command == "export":
            return run_export(project, args.output, args.pages, out, err)
        if args.command == "pages":
            return run_pages(project, args.out, err)
        return run_init(project, args.force, out)
    except (ProjectError, CommandError) as error:
        err.write(f"{PROG}: error: {visible(str(error))}\n")
    except (PluginError, ConfigurationError) as error:
        err.write(f"{PROG}: error: {visible(' '.join(str(error).split()))}\n")
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        err.write(f"{PROG}: error: {where}{error.strerror or error}\n")
    finally:
        logger.removeHandler(handler)
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""`python -m catalogue COMMAND`: validate, new, export, stats, schema. A thin layer over the package."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from catalogue.export import export_csv, export_json
from catalogue.fix import fix_file
from catalogue.generated import write_or_check
from catalogue.load import load_catalogue
from catalogue.paths import SCHEMA_PATH, TOOLS_DIR
from catalogue.problems import printable
from catalogue.scaffold import new_entry
from catalogue.schema import schema_text
from catalogue.stats import render_stats
from catalogue.validate import entry_files, validate_paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m catalogue", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check entry files; exit 1 on any error")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: tools_data/)")
    validate.add_argument("--fix", action="store_true", help="rewrite mechanical problems, then validate")
    validate.add_argument("--changed", nargs="?", const="auto", metavar="BASE",
                          help="only entries changed since git revision BASE (default origin/main, else main)")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="github: also print ::error annotations for pull requests")
    validate.add_argument("--dir", type=Path, default=TOOLS_DIR, help="the catalogue folder to compare with")

    new = commands.add_parser("new", help="write tools_data/<slug>.yaml from the commented template")
    new.add_argument("name", help="display name of the tool")
    new.add_argument("--dir", type=Path, default=TOOLS_DIR, help="folder to write into")

    export = commands.add_parser("export", help="every entry with derived region fields")
    export.add_argument("--format", choices=("csv", "json"), default="json", help="output format")
    export.add_argument("--out", type=Path, help="write to this file instead of standard output")
    export.add_argument("--dir", type=Path, default=TOOLS_DIR, help="the catalogue folder")

    stats = commands.add_parser("stats", help="coverage counts, optional fields filled, entries due for review")
    stats.add_argument("--dir", type=Path, default=TOOLS_DIR, help="the catalogue folder")

    schema = commands.add_parser("schema", help="write schema/tool.schema.json from the field table")
    schema.add_argument("--check", action="store_true", help="exit 1 if the checked-in schema is stale")
    return parser


def resolve_base(base: str, directory: Path) -> str:
    """`auto` means origin/main, else main, else HEAD (whichever exists first)."""
    if base != "auto":
        return base
    return next((ref for ref in ("origin/main", "main")
                 if subprocess.run(["git", "rev-parse", "--verify", "--quiet", ref], cwd=directory,
                                   capture_output=True).returncode == 0), "HEAD")


def changed_entries(base: str, directory: Path) -> list[Path]:
    """Entry files added or modified since `base`, committed or not, plus untracked ones."""
    def git(*args: str) -> list[str]:
        # -z: names exactly as stored (no quoting of non-ASCII, newlines kept), NUL-separated.
        done = subprocess.run(["git", *args], cwd=directory, capture_output=True, check=True)
        return [name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name]

    base = resolve_base(base, directory)
    top = Path(git("rev-parse", "--show-toplevel")[0].strip())
    names = git("diff", "-z", "--name-only", "--diff-filter=ACMR", base, "--", ".")
    names += git("ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ".")
    paths = {os.path.normpath(top / name) for name in names}
    # Compared without following links: a link in tools_data/ is reported by the validator, not read.
    return [p for p in entry_files(directory) if os.path.normpath(p.absolute()) in paths]


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(entry_files(path) if path.is_dir() else [path])
    return files


def cmd_validate(args: argparse.Namespace) -> int:
    if args.changed:
        try:
            args.changed = resolve_base(args.changed, args.dir)
            files = changed_entries(args.changed, args.dir)
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            print(f"error: cannot ask git what changed: {error}", file=sys.stderr)
            return 2
        print(f"{len(files)} changed entr{'y' if len(files) == 1 else 'ies'} since {args.changed}")
    else:
        files = _expand(args.paths) if args.paths else entry_files(args.dir)
    if args.fix:
        for path in files:
            result = fix_file(path)
            if result.skipped:
                print(printable(f"{path}: not fixed: {result.skipped}"))
            for change in result.changes:
                print(printable(f"{path}: fixed: {change}"))
    report = validate_paths(files, reference_dir=args.dir)
    for problem in report.problems:
        print(problem.format())
        if args.format == "github":
            print(problem.github_annotation())
    print(f"{report.files} files checked: {len(report.errors)} errors, {len(report.warnings)} warnings")
    return 1 if report.errors else 0


def cmd_new(args: argparse.Namespace) -> int:
    try:
        path = new_entry(args.name, args.dir)
    except (FileExistsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill it in, then run `.venv/bin/python -m catalogue validate {path}`")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    result = load_catalogue(args.dir)
    for path in result.skipped_files:
        print(printable(f"warning: skipped {path} (run `python -m catalogue validate`)"), file=sys.stderr)
    text = export_csv(result.tools) if args.format == "csv" else export_json(result.tools)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {len(result.tools)} entries to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    result = load_catalogue(args.dir)
    for path in result.skipped_files:
        print(printable(f"warning: skipped {path}"), file=sys.stderr)
    sys.stdout.write(render_stats(list(result.tools), dt.date.today()))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    return write_or_check(SCHEMA_PATH, schema_text(), "python -m catalogue schema", args.check)


COMMANDS = {"validate": cmd_validate, "new": cmd_new, "export": cmd_export, "stats": cmd_stats,
            "schema": cmd_schema}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)

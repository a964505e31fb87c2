"""`python -m search "QUERY"`, `python -m search build`, `python -m search related SLUG`,
`python -m search embed`: a thin layer over SearchEngine and search.semantic. To search for the
words "build", "related" or "embed" themselves, put `--` before them."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from catalogue.facets import FACET_BY_KEY
from catalogue.load import load_catalogue
from catalogue.paths import REPO_DIR, TOOLS_DIR
from search import semantic
from search.engine import SORTS, SearchEngine, SearchResult

DEFAULT_INDEX_DIR = REPO_DIR / ".index"
SUBCOMMANDS = ("build", "related", "embed")


def _parser(prog: str, description: str, index: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m search{prog}", description=description)
    parser.add_argument("--dir", type=Path, default=TOOLS_DIR, help="the catalogue folder (default tools_data/)")
    if index:
        parser.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR,
                            help="where the index is kept (default .index/ at the repository root)")
    return parser


def search_parser() -> argparse.ArgumentParser:
    parser = _parser("", __doc__)
    parser.add_argument("query", nargs="?", default="", help="words, \"phrases\", -exclusions, field:value")
    parser.add_argument("--where", action="append", default=[], metavar="FACET=VALUE",
                        help="filter by a facet value; repeat (OR within a facet, AND across facets)")
    parser.add_argument("--years", metavar="FROM-TO", help="launch years, inclusive, such as 2015-2020")
    parser.add_argument("--limit", type=int, default=10, help="hits to show (default 10)")
    parser.add_argument("--offset", type=int, default=0, help="hits to skip first (default 0)")
    parser.add_argument("--sort", choices=SORTS, default="relevance", help="order of the hits")
    parser.add_argument("--json", action="store_true", help="print one JSON object (a stable interface)")
    parser.add_argument("--memory", action="store_true", help="build the index in memory; touch no file")
    return parser


def build_parser() -> argparse.ArgumentParser:
    return _parser(" build", "Build the index afresh; print its size and build time.")


def related_parser() -> argparse.ArgumentParser:
    parser = _parser(" related", "The tools most like one tool (meaning, shared words and facets).")
    parser.add_argument("slug", help="the tool's slug (its file name without .yaml)")
    parser.add_argument("--limit", type=int, default=5, help="how many (default 5)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of hits")
    return parser


def embed_parser() -> argparse.ArgumentParser:
    parser = _parser(" embed", "Compute the meaning vectors of new or edited entries only.", index=False)
    parser.add_argument("--vectors", type=Path, default=semantic.VECTORS_PATH,
                        help="the vectors file (default search/vectors.npz)")
    parser.add_argument("--keep", action="store_true", help="keep vectors of texts no entry has any more")
    return parser


PARSERS = {"search": search_parser, "build": build_parser, "related": related_parser, "embed": embed_parser}


class CliError(Exception):
    """A usage or input problem: printed as `error: ...`, exit status 2."""


def _tools(directory: Path):
    if not directory.is_dir():
        raise CliError(f"no catalogue folder at {directory}")
    result = load_catalogue(directory)
    for path in result.skipped_files:
        print(f"warning: skipped {path} (run `python -m catalogue validate`)", file=sys.stderr)
    return result.tools


def _engine(args: argparse.Namespace) -> SearchEngine:
    tools = _tools(args.dir)
    if getattr(args, "memory", False):
        return SearchEngine.build(tools)
    engine = SearchEngine.open_or_build(tools, args.index_dir)
    if engine.notice:
        print(f"note: {engine.notice}", file=sys.stderr)
    return engine


def parse_where(items: list[str]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not value.strip():
            raise ValueError(f"--where needs FACET=VALUE, got {item!r}")
        if key not in FACET_BY_KEY:
            raise ValueError(f"unknown facet {key!r}; facets: {', '.join(FACET_BY_KEY)}")
        filters.setdefault(key, []).append(value.strip())
    return filters


def parse_years(text: str | None) -> tuple[int, int] | None:
    low, sep, high = (text or "").partition("-")
    try:
        return (int(low), int(high if sep else low)) if text else None
    except ValueError:
        raise ValueError(f"--years needs FROM-TO such as 2015-2020, got {text!r}") from None


def _hits(hits) -> list[dict]:
    return [{"slug": h.slug, "name": h.name, "score": h.score, "snippet": h.snippet} for h in hits]


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def result_json(result: SearchResult) -> dict:
    """The stable JSON shape of a search (documented in docs/search.md)."""
    return {"query": result.query, "total": result.total, "hits": _hits(result.hits), "facets": result.facets,
            "suggestion": result.suggestion}


def cmd_search(argv: list[str]) -> int:
    args = search_parser().parse_args(argv)
    try:
        filters = parse_where(args.where)
        years = parse_years(args.years)
    except ValueError as error:
        raise CliError(str(error)) from None
    engine = _engine(args)
    result = engine.search(args.query, filters=filters, years=years, sort=args.sort, limit=args.limit,
                           offset=args.offset)
    if args.json:
        _print_json(result_json(result))
        if result.message:
            print(f"note: {result.message}", file=sys.stderr)
        return 0
    print(f"{result.total} tool{'s' if result.total != 1 else ''} match {result.query!r}")
    if result.message:
        print(f"note: {result.message}")
    if result.suggestion:
        print(f"did you mean: {result.suggestion}")
    for rank, hit in enumerate(result.hits, start=args.offset + 1):
        print(f"{rank:3}. {hit.name} ({hit.slug})  {hit.score:g}")
        print(f"     {hit.snippet}")
    return 0


def cmd_build(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    tools = _tools(args.dir)
    started = time.perf_counter()
    engine = SearchEngine.build(tools, index_dir=args.index_dir)
    if engine.notice:
        print(f"note: {engine.notice}", file=sys.stderr)
    print(f"indexed {engine.tool_count} tools in {time.perf_counter() - started:.2f} s (index "
          f"{engine.build_seconds:.2f} s); {engine.size_bytes / 1024:.0f} KiB at {engine.location or 'memory'}")
    return 0


def cmd_related(argv: list[str]) -> int:
    args = related_parser().parse_args(argv)
    engine = _engine(args)
    hits = engine.related(args.slug, limit=args.limit)
    if args.json or not hits:
        _print_json(_hits(hits)) if args.json else print(f"no related tools for {args.slug!r} (unknown slug?)")
        return 0
    for rank, hit in enumerate(hits, start=1):
        print(f"{rank:3}. {hit.name} ({hit.slug})  {hit.score:g}")
    return 0


def cmd_embed(argv: list[str]) -> int:
    args = embed_parser().parse_args(argv)
    tools = _tools(args.dir)
    started = time.perf_counter()
    try:
        computed, kept = semantic.update_vectors(tools, args.vectors, prune=not args.keep, progress=lambda d, n:
                                                 print(f"  {d}/{n}", file=sys.stderr) if d % 10 == 0 else None)
    except RuntimeError as error:
        raise CliError(str(error)) from None
    print(f"embedded {computed} entries in {time.perf_counter() - started:.1f} s; {kept} vectors in {args.vectors}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return {"build": cmd_build, "related": cmd_related, "embed": cmd_embed}[argv[0]](argv[1:])
        return cmd_search(argv)
    except CliError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

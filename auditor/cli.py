"""The command line: ``auditor check PATH...``, ``auditor rules``, ``auditor explain CODE``.

Exit status: 0 when no finding is an error, 1 when some are, 2 when an input could not be read
or the command was wrong (data failures and tool failures kept apart).
"""

from __future__ import annotations

import argparse
import sys

from .errors import RuleError

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with one line, as argparse does, but documented
        self.print_usage(sys.stderr)
        print(f"auditor: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_TOOL)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="auditor", description="Check the arithmetic of 部门决算 reports.")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="audit report files or folders")
    check.add_argument("paths", nargs="+", metavar="PATH", help="report files, folders or glob patterns ('reports/**/*.txt')")
    check.add_argument("--format", choices=["rich", "json", "jsonl"], default="rich",
                       help="jsonl: one JSON object per document, streamed as each finishes")
    check.add_argument("--severity", choices=["error", "warning", "info"], default="info",
                       help="show findings of this severity and above")
    # corpus runs (auditor/corpus.py, auditor/distributed.py, auditor/years.py)
    check.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N",
                       help="worker processes (default: all cores)")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask distributed cluster (tcp://HOST:PORT); needs auditor[dask]")
    check.add_argument("--across-years", action="store_true",
                       help="also check each report's prior-year figures against the previous year's report")
    check.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    check.add_argument("--no-summary", action="store_true", help="no summary table at the end")
    sub.add_parser("rules", help="list the rules")
    explain = sub.add_parser("explain", help="explain one rule")
    explain.add_argument("code")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.command == "rules":
            return _rules()
        if args.command == "explain":
            return _explain(args.code)
        return _check(args)
    except RuleError as exc:
        print(f"auditor: {exc}", file=sys.stderr)
        return EXIT_TOOL
    except KeyboardInterrupt:
        return 130


def _rules() -> int:
    from rich.console import Console
    from rich.table import Table

    from .rules import catalogue

    table = Table("code", "name", "severity", "summary")
    for r in catalogue().values():
        table.add_row(r.code, r.name, r.severity, r.summary)
    Console().print(table)
    return EXIT_OK


def _explain(code: str) -> int:
    from rich.console import Console
    from rich.markdown import Markdown

    from .rules import catalogue

    rule = catalogue().get(code.upper())
    if rule is None:
        print(f"auditor: unknown rule '{code}' (see 'auditor rules')", file=sys.stderr)
        return EXIT_TOOL
    Console().print(Markdown(f"# {rule.code} {rule.name}\n\n*default severity: {rule.severity}*\n\n"
                             f"{rule.summary}\n\n{rule.explanation.strip()}\n\n**Example**\n\n    {rule.example}\n"))
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _check(args: argparse.Namespace) -> int:
    from .check import CheckArgs, run

    return run(CheckArgs(paths=args.paths, format=args.format, severity=args.severity, jobs=args.jobs,
                         scheduler=args.scheduler, across_years=args.across_years,
                         progress=False if args.no_progress else None, summary=not args.no_summary))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The command line: ``auditor check PATH...``, ``auditor rules``, ``auditor explain CODE``.

Exit status: 0 when no finding is an error, 1 when some are, 2 when an input could not be read
or the command was wrong (data failures and tool failures kept apart).
"""

from __future__ import annotations

import argparse
import sys

from .errors import InputError, RuleError

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
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["rich", "json"], default="rich")
    check.add_argument("--severity", choices=["error", "warning", "info"], default="info",
                       help="show findings of this severity and above")
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
        return _check(args.paths, args.format, args.severity)
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


_ORDER = {"info": 0, "warning": 1, "error": 2}


def _check(paths: list[str], fmt: str, min_severity: str) -> int:
    from .engine import audit_source
    from .models import InputFailure, documents_json
    from .reading import discover, read_path

    files, failures = discover(paths)
    reports = []
    originals = {}
    for path in files:
        try:
            source = read_path(path)
        except InputError as exc:
            failures.append(exc)
            continue
        report = audit_source(source)
        report.findings = [f for f in report.findings if _ORDER[f.severity] >= _ORDER[min_severity]]
        reports.append(report)
        if fmt == "rich":  # the source lines are shown beside the findings
            originals[path] = source.text
    for exc in failures:
        print(f"auditor: {exc}", file=sys.stderr)
    if fmt == "json":
        print(documents_json(reports, [InputFailure(path=e.source, error=e.problem) for e in failures]))
    else:
        from rich.console import Console

        from .render import render

        console = Console()
        for report in reports:
            render(console, report, originals[report.path])
        errors = sum(r.coverage.findings["error"] for r in reports)
        console.print(f"{len(reports)} document(s) audited, {errors} error finding(s), {len(failures)} unreadable input(s)")
    if failures:
        return EXIT_TOOL
    return EXIT_FINDINGS if any(not r.ok for r in reports) else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

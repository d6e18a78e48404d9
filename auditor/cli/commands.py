"""The command line: ``auditor check PATH...``, ``auditor rules``, ``auditor explain CODE``.

Exit status: 0 when no finding is an error, 1 when some are, 2 when an input could not be read
or the command was wrong (data failures and tool failures kept apart).
"""

from __future__ import annotations

import argparse
import sys

from ..core.errors import InputError, RuleError

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with one line, as argparse does, but documented
        self.print_usage(sys.stderr)
        print(f"auditor: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_TOOL)


FORMATS = {"rich": ".txt", "json": ".json", "sarif": ".sarif", "html": ".html"}


def _shared_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PACK",
        help="rule pack (TOML) to load beside the built-in rules; repeatable",
    )


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="auditor", description="Check the arithmetic of 部门决算 reports.")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="audit report files or folders")
    check.add_argument(
        "paths", nargs="+", metavar="PATH", help="report files, folders or glob patterns ('reports/**/*.txt')"
    )
    check.add_argument(
        "--format",
        choices=[*FORMATS, "jsonl"],
        default=None,
        help="rich (terminal), json (see 'auditor schema'), jsonl (one JSON object per document, "
        "streamed as each finishes), sarif (SARIF 2.1.0), html (self-contained page); "
        "default: from the --output suffix, else rich",
    )
    check.add_argument(
        "--severity",
        choices=["error", "warning", "info"],
        default="info",
        help="show findings of this severity and above",
    )
    _shared_options(check)
    check.add_argument("--baseline", metavar="FILE", help="hide the findings this baseline file accepts")
    check.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output"
    )
    # corpus runs (auditor/run/: corpus.py, distributed.py, years.py)
    check.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    check.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed cluster (tcp://HOST:PORT); needs auditor[dask]",
    )
    check.add_argument(
        "--across-years",
        action="store_true",
        help="also check each report's prior-year figures against the previous year's report",
    )
    check.add_argument(
        "--fail-on-unchecked",
        action="store_true",
        help="fail (exit 1) on a document in which nothing could be checked "
        "(no amounts or percentages, or no relation among them)",
    )
    check.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    check.add_argument("--no-summary", action="store_true", help="no summary table at the end")
    baseline = sub.add_parser("baseline", help="write a baseline accepting every current finding")
    baseline.add_argument("paths", nargs="+", metavar="PATH")
    baseline.add_argument(
        "-o", "--output", metavar="FILE", help="baseline file to write (default: standard output)"
    )
    _shared_options(baseline)
    sub.add_parser("schema", help="print the JSON Schema of --format json")
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
        if args.command == "schema":
            return _schema()
        from ..core.rules import loaded_packs, restore_packs

        before = loaded_packs()
        try:  # packs given on the command line hold for this command only (main() may run in-process)
            _load_packs(getattr(args, "rules", []))
            if args.command == "baseline":
                return _baseline(args.paths, args.output)
            if _streams(args):
                return _corpus(args)
            if args.jobs or args.scheduler or args.across_years:
                print(
                    "auditor: --jobs, --scheduler and --across-years go with --format rich, json or jsonl "
                    "written to standard output, without --baseline",
                    file=sys.stderr,
                )
                return EXIT_TOOL
            return _check(
                args.paths,
                args.format,
                args.severity,
                baseline=args.baseline,
                output=args.output,
                fail_on_unchecked=args.fail_on_unchecked,
            )
        finally:
            restore_packs(before)
    except RuleError as exc:
        print(f"auditor: {exc}", file=sys.stderr)
        return EXIT_TOOL
    except KeyboardInterrupt:
        return 130


def _rules() -> int:
    from rich.console import Console
    from rich.table import Table

    from ..core.rules import catalogue

    table = Table("code", "name", "severity", "summary")
    for r in catalogue().values():
        severity = (
            r.severity if not getattr(r, "configured", None) else f"{r.configured} (default {r.severity})"
        )
        if not getattr(r, "enabled", True):
            severity = "disabled"
        table.add_row(r.code, r.name, severity, r.summary)
    Console().print(table)
    return EXIT_OK


def _explain(code: str) -> int:
    from rich.console import Console
    from rich.markdown import Markdown

    from ..core.rules import catalogue

    rule = catalogue().get(code.upper())
    if rule is None:
        print(f"auditor: unknown rule '{code}' (see 'auditor rules')", file=sys.stderr)
        return EXIT_TOOL
    Console().print(
        Markdown(
            f"# {rule.code} {rule.name}\n\n*default severity: {rule.severity}*\n\n"
            f"{rule.summary}\n\n{rule.explanation.strip()}\n\n**Example**\n\n    {rule.example}\n"
        )
    )
    return EXIT_OK


_ORDER = {"info": 0, "warning": 1, "error": 2}


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _load_packs(packs: list[str]) -> None:
    from ..core.rules import load_rules

    for pack in packs:
        load_rules(pack)


def _schema() -> int:
    from ..report.schema import SCHEMA_FILE

    sys.stdout.write(SCHEMA_FILE.read_text(encoding="utf-8"))
    return EXIT_OK


def _audit_paths(paths: list[str], keep_text: bool = True, fail_on_unchecked: bool = False):
    """Audit every report the paths name: (reports, input errors, failing). Without ``keep_text``
    the reports do not hold their source text (a large corpus in JSON or SARIF needs no text);
    ``failing`` counts the documents in which nothing could be checked, when that fails."""
    from ..run.corpus import Options, audit_corpus

    options = Options(keep_text=keep_text, fail_on_unchecked=fail_on_unchecked)
    reports, failures, failing = [], [], 0
    for outcome in audit_corpus(paths, 1, options=options):
        if outcome.error is not None:
            failures.append(InputError(outcome.path, outcome.error))
            continue
        report = outcome.report()
        report._source_text = outcome.text
        if fail_on_unchecked and outcome.unchecked:
            print(f"auditor: {outcome.path}: {outcome.unchecked}", file=sys.stderr)
            failing += 1
        reports.append(report)
    return reports, failures, failing


def _baseline(paths: list[str], output: str | None) -> int:
    from ..report.baseline import Baseline

    reports, failures, _ = _audit_paths(paths, keep_text=False)
    for exc in failures:
        print(f"auditor: {exc}", file=sys.stderr)
    if failures:  # a baseline written from a partial corpus would accept too little: refuse
        print("auditor: baseline not written: some inputs could not be read", file=sys.stderr)
        return EXIT_TOOL
    baseline = Baseline.from_reports(reports)
    if output:
        baseline.write(output)
        print(
            f"auditor: wrote {output}: {len(baseline.findings)} accepted finding(s) "
            f"in {len(reports)} document(s)",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(baseline.to_json())
    return EXIT_OK


def _check(
    paths: list[str],
    fmt: str | None,
    min_severity: str,
    baseline: str | None = None,
    output: str | None = None,
    fail_on_unchecked: bool = False,
) -> int:
    from ..core.models import InputFailure

    if fmt is None:
        suffix = output.rsplit(".", 1)[-1].lower() if output and "." in output else ""
        fmt = {"json": "json", "sarif": "sarif", "html": "html", "htm": "html"}.get(suffix, "rich")
    accepted = None
    if baseline:
        from ..report.baseline import load_baseline

        try:
            accepted = load_baseline(baseline)
        except InputError as exc:
            print(f"auditor: {exc}", file=sys.stderr)
            return EXIT_TOOL
    reports, failures, failing = _audit_paths(paths, fmt in ("rich", "html"), fail_on_unchecked)
    for exc in failures:
        print(f"auditor: {exc}", file=sys.stderr)
    if accepted is not None:  # before the severity filter: accepted info findings are matched too
        from ..report.baseline import apply_baseline

        result = apply_baseline(reports, accepted)
        print(
            f"auditor: baseline {baseline}: {result.hidden} accepted finding(s) hidden"
            + (f", {len(result.unmatched)} accepted finding(s) no longer found" if result.unmatched else ""),
            file=sys.stderr,
        )
    if min_severity != "info":
        from ..core.models import recount

        for report in reports:
            report.findings = [f for f in report.findings if _ORDER[f.severity] >= _ORDER[min_severity]]
            recount(report)
    errors = [InputFailure(path=e.source, error=e.problem) for e in failures]
    text = _write(fmt, reports, errors, to_terminal=output is None)
    if output:
        from pathlib import Path

        Path(output).write_text(text, encoding="utf-8")
        print(f"auditor: wrote {output} ({fmt})", file=sys.stderr)
    elif text:
        sys.stdout.write(text)
    if failures:
        return EXIT_TOOL
    return EXIT_FINDINGS if failing or any(not r.ok for r in reports) else EXIT_OK


def _streams(args: argparse.Namespace) -> bool:
    """The corpus runner (parallel, streamed, with a summary) serves rich/json/jsonl on standard
    output; baselines, files and the whole-run formats (SARIF, HTML) collect the reports first."""
    return (args.format or "rich") in ("rich", "json", "jsonl") and not args.output and not args.baseline


def _corpus(args: argparse.Namespace) -> int:
    from .check import CheckArgs, run

    return run(
        CheckArgs(
            paths=args.paths,
            format=args.format or "rich",
            severity=args.severity,
            jobs=args.jobs,
            scheduler=args.scheduler,
            across_years=args.across_years,
            fail_on_unchecked=args.fail_on_unchecked,
            progress=False if args.no_progress else None,
            summary=not args.no_summary,
        )
    )


def _write(fmt: str, reports, errors, to_terminal: bool) -> str:
    """The report in one format, as text ('' when it was printed to the terminal already)."""
    if fmt == "json":
        from ..report.schema import documents_json

        return documents_json(reports, errors) + "\n"
    if fmt == "sarif":
        from ..report.sarif import sarif_json

        return sarif_json(reports, errors) + "\n"
    if fmt == "html":
        from ..report.html import to_html

        return to_html(reports, errors)
    from io import StringIO

    from rich.console import Console

    from ..report.terminal import render

    console = (
        Console() if to_terminal else Console(file=StringIO(), width=120, no_color=True, highlight=False)
    )
    for report in reports:
        render(console, report, report.source_text)
    errors_n = sum(r.coverage.findings["error"] for r in reports)
    console.print(
        f"{len(reports)} document(s) audited, {errors_n} error finding(s), {len(errors)} unreadable input(s)"
    )
    return "" if to_terminal else console.file.getvalue()  # type: ignore[attr-defined]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The command line: ``auditor check PATH...``, ``auditor rules``, ``auditor explain CODE``.

Exit status: 0 when no finding is an error, 1 when some are, 2 when an input could not be read
or the command was wrong (data failures and tool failures kept apart).
"""

from __future__ import annotations

import argparse
import sys

from ..core.errors import RuleError

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL, EXIT_INTERRUPTED = 0, 1, 2, 130


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
        "--timeout-per-file",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="a document not audited within SECONDS is reported as unreadable (exit 2); the run goes on",
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
    from .output import OutputError, os_message, silence_stdout

    try:
        status = _command(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return status
    except RuleError as exc:
        print(f"auditor: {exc}", file=sys.stderr)
        return EXIT_TOOL
    except BrokenPipeError:  # `| head` read what it wanted: end quietly
        silence_stdout()
        return EXIT_TOOL
    except OutputError as exc:
        print(f"auditor: {exc}", file=sys.stderr)
        return EXIT_TOOL
    except OSError as exc:  # standard output on a full disk, a file that vanished …: one line
        if exc.filename is None:
            silence_stdout()
        print(f"auditor: {os_message(exc)}", file=sys.stderr)
        return EXIT_TOOL
    except KeyboardInterrupt:
        print("auditor: interrupted: nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED


def _command(args: argparse.Namespace) -> int:
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
            from .collect import baseline

            return baseline(args.paths, args.output)
        if _streams(args):
            return _corpus(args)
        if args.jobs or args.scheduler or args.across_years:
            print(
                "auditor: --jobs, --scheduler and --across-years go with --format rich, json or jsonl "
                "written to standard output, without --baseline",
                file=sys.stderr,
            )
            return EXIT_TOOL
        from .collect import check

        return check(
            args.paths,
            args.format,
            args.severity,
            baseline=args.baseline,
            output=args.output,
            fail_on_unchecked=args.fail_on_unchecked,
            timeout=args.timeout_per_file,
        )
    finally:
        restore_packs(before)


def _rules() -> int:
    from rich.table import Table

    from ..core.rules import catalogue
    from .output import console

    table = Table("code", "name", "severity", "summary")
    for r in catalogue().values():
        severity = (
            r.severity if not getattr(r, "configured", None) else f"{r.configured} (default {r.severity})"
        )
        if not getattr(r, "enabled", True):
            severity = "disabled"
        table.add_row(r.code, r.name, severity, r.summary)
    console().print(table)
    return EXIT_OK


def _explain(code: str) -> int:
    from rich.markdown import Markdown

    from ..core.rules import catalogue
    from .output import console

    rule = catalogue().get(code.upper())
    if rule is None:
        print(f"auditor: unknown rule '{code}' (see 'auditor rules')", file=sys.stderr)
        return EXIT_TOOL
    console().print(
        Markdown(
            f"# {rule.code} {rule.name}\n\n*default severity: {rule.severity}*\n\n"
            f"{rule.summary}\n\n{rule.explanation.strip()}\n\n**Example**\n\n    {rule.example}\n"
        )
    )
    return EXIT_OK


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError("must be a number of seconds over 0")
    return seconds


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
    from .output import write_stdout

    write_stdout(SCHEMA_FILE.read_text(encoding="utf-8"))
    return EXIT_OK


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
            timeout=args.timeout_per_file,
            progress=False if args.no_progress else None,
            summary=not args.no_summary,
        )
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The command line: ``auditor check PATH...``, ``auditor rules``, ``auditor explain CODE``.

Exit status: 0 when no finding is an error, 1 when some are, 2 when an input could not be read,
the output could not be written or the command was wrong (data failures and tool failures kept
apart; an operating-system error is one line naming the file), 130 when interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, NoReturn

from ..core.errors import RuleError

if TYPE_CHECKING:  # pragma: no cover
    from ..core.config import Config

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2 with one line, as argparse does, but documented
        self.print_usage(sys.stderr)
        print(f"auditor: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_TOOL)


FORMATS = ("rich", "json", "jsonl", "sarif", "html", "github", "junit")
_BY_SUFFIX = {
    "json": "json",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "html": "html",
    "htm": "html",
    "xml": "junit",
}


def _shared_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        action="append",
        default=None,
        metavar="PACK",
        help="rule pack (TOML) to load beside the built-in rules; repeatable",
    )
    p.add_argument(
        "--lang", choices=["zh", "en"], default=None, help="language of every label and message (zh)"
    )


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="auditor", description="Check the arithmetic of 部门决算 reports.")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command")
    check = sub.add_parser("check", help="audit report files or folders")
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files, folders or glob patterns ('reports/**/*.txt'); - reads standard input",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="rich (terminal), json (see 'auditor schema'), jsonl (one JSON object per document, "
        "streamed as each finishes), sarif (SARIF 2.1.0), html (an index and a page per document "
        "with -o, else one page), github (workflow annotations), junit (JUnit XML); "
        "default: from the --output suffix, else rich",
    )
    check.add_argument(
        "--severity",
        choices=["error", "warning", "info"],
        default=None,
        help="show findings of this severity and above",
    )
    check.add_argument(
        "--select",
        action="append",
        default=None,
        metavar="CODES",
        help="rules or prefixes to report (FA,FA8,FA801)",
    )
    check.add_argument(
        "--ignore", action="append", default=None, metavar="CODES", help="rules or prefixes not to report"
    )
    check.add_argument(
        "--extend-select",
        action="append",
        default=None,
        metavar="CODES",
        help="rules or prefixes to add to the selection",
    )
    check.add_argument(
        "--statistics", action="store_true", help="print how many findings of each rule, nothing else"
    )
    check.add_argument(
        "--exit-zero", action="store_true", default=None, help="exit 0 even with error findings"
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print the findings only: no summary, no progress, no coverage",
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
    rules = sub.add_parser("rules", help="list the rules")
    _shared_options(rules)
    explain = sub.add_parser("explain", help="explain one rule")
    explain.add_argument("code")
    _shared_options(explain)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.version:
        from ..core.version import __version__

        print(f"auditor {__version__}")
        return EXIT_OK
    if args.command is None:
        _parser().print_usage(sys.stderr)
        print(
            "auditor: error: a command is required (check, baseline, schema, rules, explain)", file=sys.stderr
        )
        return EXIT_TOOL
    from ..core.i18n import language, use_language
    from ..core.rules import loaded_packs, restore_packs
    from .output import OutputError, os_message, silence_stdout

    before, spoken = loaded_packs(), language()
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
    finally:
        restore_packs(before)
        use_language(spoken)


def _command(args: argparse.Namespace) -> int:
    from ..core.i18n import use_language

    config = _config()
    use_language(getattr(args, "lang", None) or config.lang or "zh")
    # packs given on the command line or in the configuration hold for this command only
    # (main() may run in-process: main restores the packs and the language)
    _load_packs(getattr(args, "rules", None) or list(config.rules))
    if args.command == "rules":
        return _rules()
    if args.command == "explain":
        return _explain(args.code)
    if args.command == "schema":
        return _schema()
    if args.command == "baseline":
        from .baseline import baseline

        return baseline(args.paths, args.output)
    return _check(args, config)


def _config() -> Config:
    from ..core.config import find_config

    return find_config()


def _rules() -> int:
    from rich.table import Table
    from rich.text import Text

    from ..core.i18n import severity, summary, t
    from ..core.rules import catalogue
    from .output import console

    table = Table(t("labels.code"), t("labels.name"), t("labels.severity"), t("labels.summary"))
    for r in catalogue().values():
        shown = severity(r.severity)
        if r.configured:
            shown = t(
                "labels.default_severity", configured=severity(r.configured), default=severity(r.severity)
            )
        if not r.enabled:
            shown = t("labels.disabled")
        table.add_row(Text(r.code), Text(r.name), Text(shown), Text(summary(r)))
    console().print(table)
    return EXIT_OK


def _explain(code: str) -> int:
    from rich.text import Text

    from ..core.rules import catalogue
    from .output import console

    rule = catalogue().get(code.upper())
    if rule is None:
        print(f"auditor: unknown rule '{code}' (see 'auditor rules')", file=sys.stderr)
        return EXIT_TOOL
    from ..core.i18n import language, severity, summary, t

    out = Text()
    out.append(f"{rule.code} {rule.name}", style="bold")
    out.append(f"  ({severity(rule.severity)})\n\n", style="dim")
    out.append(summary(rule) + "\n\n")
    if language() == "en":  # the rule's reasoning is written in English
        out.append(" ".join(rule.explanation.split()) + "\n\n")
    if rule.previous:
        out.append(t("labels.previous_report") + "\n", style="bold")
        out.append(_indented(rule.previous))
    out.append(t("labels.example_fires") + "\n", style="bold")
    out.append(_indented(rule.example), style="red")
    out.append(t("labels.twin_holds") + "\n", style="bold")
    out.append(_indented(rule.twin), style="green")
    if language() == "en":  # the arithmetic, in English words
        out.append(f"\n{rule.note}\n", style="dim")
    console().print(out, soft_wrap=True, markup=False, highlight=False)
    return EXIT_OK


def _indented(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.strip("\n").splitlines()) + "\n"


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


def _check(args: argparse.Namespace, config: Config) -> int:
    """``auditor check``: the options merged with the configuration, then one run (cli/check.py)."""
    from ..core.config import Selection
    from ..core.rules import catalogue
    from .check import CheckArgs, run

    fmt = args.format
    if fmt is None:
        suffix = args.output.rsplit(".", 1)[-1].lower() if args.output and "." in args.output else ""
        fmt = _BY_SUFFIX.get(suffix, "rich")
    selection = Selection.of(
        args.select or config.select,
        [*config.ignore, *(args.ignore or [])],
        [*config.extend_select, *(args.extend_select or [])],
        codes=catalogue(),
    )
    return run(
        CheckArgs(
            paths=args.paths,
            format=fmt,
            severity=args.severity or config.severity or "info",
            jobs=args.jobs,
            scheduler=args.scheduler,
            across_years=args.across_years,
            fail_on_unchecked=args.fail_on_unchecked,
            timeout=args.timeout_per_file,
            progress=False if args.no_progress else None,
            summary=not args.no_summary,
            output=args.output,
            baseline=args.baseline or config.baseline,
            selection=selection,
            quiet=args.quiet,
            exit_zero=bool(args.exit_zero if args.exit_zero is not None else config.exit_zero),
            statistics=args.statistics,
        )
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``auditor check`` command: run a corpus, write every output, summarise, exit.

Every output goes through this one run, serial or parallel (``--jobs``) or on Dask
(``--scheduler``): the documents come back in the order of the paths (as they finish for
``jsonl``), each is filtered (rule selection and severity, in the worker), its suppressions and
the baseline applied here in that order, and handed to the writer of the format (``writers.py``).
So a parallel run writes the same bytes as a serial one, whatever the format or the file.

Exit status: 0 no error finding (or ``--exit-zero``), 1 some error findings, 2 some input
unreadable or bad usage.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..core.config import Selection
from ..core.errors import InputError
from ..core.models import AuditReport, Finding
from ..run.corpus import Options, Outcome, Summary, audit_corpus, audit_one, expand, run_with_progress
from .writers import WRITERS, Writer

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL = 0, 1, 2


@dataclass
class CheckArgs:
    paths: list[str]
    format: str = "rich"
    severity: str = "info"
    jobs: int | None = None
    scheduler: str | None = None
    across_years: bool = False
    progress: bool | None = None  # None: only when stderr is a terminal
    summary: bool = True
    output: str | None = None
    baseline: str | None = None
    selection: Selection = field(default_factory=Selection)
    quiet: bool = False
    exit_zero: bool = False
    statistics: bool = False


def _outcomes(args: CheckArgs, options: Options, failures: list[InputError]) -> Iterator[Outcome]:
    paths = list(args.paths)
    if "-" in paths:  # standard input: read once, audited first
        paths = [p for p in paths if p != "-"]
        yield audit_one(-1, "<stdin>", options, sys.stdin.buffer.read())
        if not paths:
            return
    # jsonl streams documents as they finish; a baseline is consumed in path order (its first
    # match is hidden, a second identical slip is new), so with one the order is kept
    ordered = args.format != "jsonl" or args.baseline is not None
    if args.scheduler:
        from ..run.distributed import audit_corpus as distributed_corpus

        yield from distributed_corpus(
            paths, args.scheduler, options=options, ordered=ordered, failures=failures
        )
    else:
        yield from audit_corpus(paths, args.jobs, options=options, ordered=ordered, failures=failures)


class _Baseline:
    """A baseline consumed in document order, as ``apply_baseline`` does for a whole batch."""

    def __init__(self, path: str) -> None:
        from ..report.baseline import load_baseline

        self.base = load_baseline(path)
        self.left = self.base.counts()
        self.hidden = 0

    def apply(self, report: AuditReport) -> None:
        from ..core.models import recount

        kept: list[Finding] = []
        for f in report.findings:
            if self.left[f.fingerprint] > 0:
                self.left[f.fingerprint] -= 1
                self.hidden += 1
            else:
                kept.append(f)
        if len(kept) != len(report.findings):
            report.findings = kept
            recount(report)

    def unmatched(self) -> int:
        return sum(self.left.values())


def run(args: CheckArgs, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    fmt = "statistics" if args.statistics else args.format
    keep_text = fmt in ("rich", "html")
    # every finding comes back: the baseline is matched before the severity and the selection
    # filter them (an accepted info finding is still found, not "no longer found")
    options = Options(keep_text=keep_text, years=args.across_years)
    try:
        baseline = _Baseline(args.baseline) if args.baseline else None
    except InputError as exc:
        print(f"auditor: {exc}", file=err)
        return EXIT_TOOL
    failures: list[InputError] = []
    started = time.perf_counter()
    target: IO[str] = out
    if args.output:
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            target = Path(args.output).open("w", encoding="utf-8", newline="")
        except OSError as exc:
            print(f"auditor: {args.output}: cannot write: {exc.strerror or exc}", file=err)
            return EXIT_TOOL
    to_terminal = args.output is None and out is sys.stdout
    writer: Writer = WRITERS[fmt](target, output=args.output, to_terminal=to_terminal, quiet=args.quiet)
    show = not args.quiet and (args.progress if args.progress is not None else err.isatty())
    bar_console = None
    if show:  # on the screen the results print to, so that they print above it and it is cleared
        from rich.console import Console

        bar_console = getattr(writer, "console", None) if to_terminal else None
        bar_console = bar_console or Console(file=err)
    outcomes = run_with_progress(
        _outcomes(args, options, failures),
        show,
        total=lambda: sum(1 for x in expand(args.paths) if isinstance(x, str)),
        console=bar_console,
    )
    summary = Summary()
    store = None
    if args.across_years:
        from ..run.years import FactStore

        store = FactStore()  # on disk: the run stays in flat memory
        summary.unlinked = 0
    try:
        for outcome in outcomes:
            if outcome.years is not None and store is not None:
                store.add(outcome.years)
            if outcome.error is not None:
                summary.add(outcome)
                print(f"auditor: {outcome.path}: {outcome.error}", file=err)
                writer.failure(outcome.path, outcome.error)
                continue
            report = _finished(outcome, baseline, args)
            summary.add_report(report, outcome)
            writer.document(report, outcome.text)
    except InputError as exc:  # the run itself cannot go on (no scheduler, extra not installed)
        print(f"auditor: {exc}", file=err)
        if store is not None:
            store.close()
        return EXIT_TOOL
    for bad in failures:
        print(f"auditor: {bad}", file=err)
    across_counts: Counter[tuple[str, str]] = Counter()

    def across() -> Iterator[Finding]:  # streamed: a corpus may hold many
        if store is None:
            return
        try:
            for f in store.findings():
                if _kept(f.severity, args.severity) and f.rule in args.selection:
                    across_counts[(f.rule, f.severity)] += 1
                    yield f
        finally:
            store.close()

    summary.unreadable.extend((e.source, e.problem) for e in failures)
    writer.finish(failures, across())
    summary.by_rule.update(across_counts)
    summary.seconds = time.perf_counter() - started
    if args.output:
        target.close()
    _report_side(args, baseline, summary, writer, out, err)
    if summary.unreadable:
        return EXIT_TOOL
    if args.exit_zero:
        return EXIT_OK
    if summary.failing or any(sev == "error" for _, sev in across_counts):
        return EXIT_FINDINGS
    return EXIT_OK


def _finished(outcome: Outcome, baseline: _Baseline | None, args: CheckArgs) -> AuditReport:
    """The outcome's report with its suppressions (read here too: Dask workers may not see the
    file), the baseline, the rule selection and the severity floor applied, in that order."""
    from ..core.models import recount
    from ..explain.suppress import apply_suppressions

    report = outcome.report()
    if outcome.path != "<stdin>":
        apply_suppressions(report)
    if baseline is not None:
        baseline.apply(report)
    if args.severity != "info" or not args.selection.everything:
        report.findings = [
            f for f in report.findings if _kept(f.severity, args.severity) and f.rule in args.selection
        ]
        report.suppressed = [f for f in report.suppressed if f.rule in args.selection]
        recount(report)
    return report


def _report_side(
    args: CheckArgs, baseline: _Baseline | None, summary: Summary, writer: Writer, out: IO[str], err: IO[str]
) -> None:
    """What goes beside the output: the baseline's count, the file written, the summary table."""
    if args.quiet:
        return
    if baseline is not None:
        gone = baseline.unmatched()
        print(
            f"auditor: baseline {args.baseline}: {baseline.hidden} accepted finding(s) hidden"
            + (f", {gone} accepted finding(s) no longer found" if gone else ""),
            file=err,
        )
    if args.output:
        print(f"auditor: wrote {args.output} ({args.format}){writer.also()}", file=err)
    if args.summary and args.format in ("rich", "json", "jsonl") and not args.statistics:
        from rich.console import Console

        on_out = args.format == "rich" and not args.output
        console = (getattr(writer, "console", None) or Console(file=out)) if on_out else Console(file=err)
        console.print(summary.table())


def _kept(severity: str, floor: str) -> bool:
    from ..run.corpus import SEVERITY_ORDER

    return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[floor]

"""The ``auditor check`` command: run a corpus, write every output, summarise, exit.

Every output goes through this one run, serial or parallel (``--jobs``) or on Dask
(``--scheduler``): the documents come back in the order of the paths (as they finish for
``jsonl``), each is filtered (rule selection and severity, in the worker), its suppressions and
the baseline applied here in that order, and handed to the writer of the format (``writers.py``).
So a parallel run writes the same bytes as a serial one, whatever the format or the file.

Where it writes (``output.py``): ``-o FILE`` goes to a temporary file beside FILE, renamed over
it when the run is done (a device or a named pipe is written in place); standard output is
written whole or ends quietly when closed (``| head``).

Exit status: 0 no error finding (or ``--exit-zero``), 1 some error findings (or, with
``--fail-on-unchecked``, a document in which nothing could be checked), 2 some input
unreadable, the output not writable or bad usage, 130 interrupted (Ctrl-C): standard output then
holds the documents audited before, each written whole (JSON: a complete document), nothing
more; an output file is left as it was.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from ..core.config import Selection
from ..core.errors import InputError
from ..core.models import AuditReport, Finding
from ..run.corpus import Options, Outcome, audit_corpus, expand, run_with_progress
from ..run.summary import Summary
from .output import OutputError, OutputFile, uninterrupted
from .writers import WRITERS, Writer

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL, EXIT_INTERRUPTED = 0, 1, 2, 130


@dataclass
class CheckArgs:
    paths: list[str]
    format: str = "rich"
    severity: str = "info"
    jobs: int | None = None
    scheduler: str | None = None
    across_years: bool = False
    fail_on_unchecked: bool = False
    timeout: float | None = None  # seconds one document may take (--timeout-per-file)
    progress: bool | None = None  # None: only when stderr is a terminal
    summary: bool = True
    output: str | None = None
    baseline: str | None = None
    selection: Selection = field(default_factory=Selection)
    quiet: bool = False
    exit_zero: bool = False
    statistics: bool = False


def _outcomes(args: CheckArgs, options: Options) -> Iterator[Outcome]:
    """One outcome per document, and one per path that names nothing (``-``: standard input)."""
    # jsonl streams documents as they finish; with a baseline the order is kept (an entry
    # without a path is consumed by the first document that has its finding)
    ordered = args.format != "jsonl" or args.baseline is not None
    if args.scheduler:
        from ..run.distributed import audit_corpus as distributed_corpus

        yield from distributed_corpus(args.paths, args.scheduler, options=options, ordered=ordered)
    else:
        yield from audit_corpus(args.paths, args.jobs, options=options, ordered=ordered)


class _Baseline:
    """The baseline applied document by document as they come (``report.baseline.Matcher``):
    an entry accepts findings only in its own document."""

    def __init__(self, path: str) -> None:
        from ..report.baseline import Matcher, load_baseline

        self.matcher = Matcher(load_baseline(path))

    def apply(self, report: AuditReport) -> None:
        self.matcher.apply(report)

    @property
    def hidden(self) -> int:
        return self.matcher.hidden

    def unmatched(self) -> int:
        return len(self.matcher.unmatched())


def run(args: CheckArgs, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    err = err or sys.stderr
    fmt = "statistics" if args.statistics else args.format
    keep_text = fmt in ("rich", "html")
    # every finding comes back: the baseline is matched before the severity and the selection
    # filter them (an accepted info finding is still found, not "no longer found")
    options = Options(
        keep_text=keep_text,
        years=args.across_years,
        fail_on_unchecked=args.fail_on_unchecked,
        timeout=args.timeout,
    )
    try:
        baseline = _Baseline(args.baseline) if args.baseline else None
    except InputError as exc:
        print(f"auditor: {exc}", file=err)
        return EXIT_TOOL
    to_terminal = args.output is None and out is None
    if out is None:
        from .output import stdout

        out = stdout()  # every byte written, even when a signal interrupts a write to a full pipe
    target: IO[str] = out
    sink = None
    if args.output:  # checked before the run: a missing folder, a folder, no permission
        try:
            sink = OutputFile(args.output)
        except OutputError as exc:
            print(f"auditor: {exc}", file=err)
            return EXIT_TOOL
        target = sink.stream
    try:
        return _run(args, options, baseline, fmt, target, out, err, to_terminal, sink)
    finally:
        if sink is not None and not sink.committed:  # the run did not end: FILE left as it was
            sink.discard()


def _run(
    args: CheckArgs,
    options: Options,
    baseline: _Baseline | None,
    fmt: str,
    target: IO[str],
    out: IO[str],
    err: IO[str],
    to_terminal: bool,
    sink: OutputFile | None,
) -> int:
    started = time.perf_counter()
    writer: Writer = WRITERS[fmt](target, output=args.output, to_terminal=to_terminal, quiet=args.quiet)
    show = not args.quiet and (args.progress if args.progress is not None else err.isatty())
    bar_console = None
    if show:  # on the screen the results print to, so that they print above it and it is cleared
        from .output import console

        bar_console = getattr(writer, "console", None) if to_terminal else None
        bar_console = bar_console or console(file=err)
    running = _outcomes(args, options)  # closed on Ctrl-C or a failed write: the workers stop
    outcomes = run_with_progress(
        running,
        show,
        total=lambda: sum(1 for x in expand(args.paths, stdin=True) if isinstance(x, str)),
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
            with uninterrupted():  # Ctrl-C waits until the document is written whole
                if outcome.years is not None and store is not None:
                    store.add(outcome.years)
                if outcome.error is not None:
                    summary.add(outcome)
                    print(f"auditor: {outcome.path}: {outcome.error}", file=err)
                    writer.failure(outcome.path, outcome.error)
                    continue
                if outcome.unchecked and args.fail_on_unchecked:
                    print(f"auditor: {outcome.path}: {outcome.unchecked}", file=err)
                report = _finished(outcome, baseline, args)
                summary.add_report(report, outcome, unchecked_fails=args.fail_on_unchecked)
                writer.document(report, outcome.text)
    except InputError as exc:  # the run itself cannot go on (no scheduler, extra not installed)
        _close(outcomes, running, store)
        target.flush()
        print(f"auditor: {exc}", file=err)
        return EXIT_TOOL
    except KeyboardInterrupt:  # what finished is written as a whole document, then exit 130
        with uninterrupted():
            _close(outcomes, running, store)
            if sink is not None and sink.temporary is not None:  # a file: left as it was
                sink.discard()
                print(f"auditor: interrupted: nothing written to {args.output}", file=err)
                return EXIT_INTERRUPTED
            writer.finish(iter(()))
            target.flush()
            if sink is not None:
                sink.commit()
            print(
                f"auditor: interrupted: the output holds the {summary.documents} document(s) "
                "audited before, nothing more",
                file=err,
            )
        return EXIT_INTERRUPTED
    except BaseException:  # the output cannot be written, …: no more work
        _close(outcomes, running, store)
        raise
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

    with uninterrupted():
        writer.finish(across())
        if sink is not None:
            sink.commit()
    summary.by_rule.update(across_counts)
    summary.seconds = time.perf_counter() - started
    _report_side(args, baseline, summary, writer, out, err)
    out.flush()
    if summary.unreadable:
        return EXIT_TOOL
    if args.exit_zero:
        return EXIT_OK
    if summary.failing or any(sev == "error" for _, sev in across_counts):
        return EXIT_FINDINGS
    return EXIT_OK


def _close(*running: object) -> None:
    """Stop the run: the generators closed (their workers stop), the across-years store closed."""
    for r in running:
        close = getattr(r, "close", None)
        if close is not None:
            close()


def _finished(outcome: Outcome, baseline: _Baseline | None, args: CheckArgs) -> AuditReport:
    """The outcome's report with its suppressions (read here too: Dask workers may not see the
    file), the baseline, the rule selection and the severity floor applied, in that order."""
    from ..core.models import recount
    from ..explain.suppress import apply_suppressions
    from ..run.corpus import STDIN

    report = outcome.report()
    if outcome.path != STDIN:
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
        from .output import console as make_console

        on_out = args.format == "rich" and not args.output
        console = (
            (getattr(writer, "console", None) or make_console(file=out)) if on_out else make_console(file=err)
        )
        console.print(summary.table())


def _kept(severity: str, floor: str) -> bool:
    from ..run.corpus import SEVERITY_ORDER

    return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[floor]

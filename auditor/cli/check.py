"""The ``auditor check`` command: run a corpus, write rich / JSON / JSON Lines, summarise, exit.

Outputs:

- ``rich`` (default): a panel per document, in the order of the paths, then the summary table.
- ``json``: one JSON object ``{"documents": [...], "errors": [...]}`` (documents in the order of
  the paths), written as the documents finish so memory stays flat; ``"across_years"`` is added
  with ``--across-years``. The summary table goes to stderr.
- ``jsonl``: one JSON object per line, written as each document finishes (completion order when
  several jobs run): a document ``{"path", "encoding", "year", "findings", "coverage"}`` or an
  unreadable file ``{"path", "error"}``; with ``--across-years``, after all documents, one line
  ``{"path", "across_years": [...]}`` per later report with findings. Summary table on stderr.

Exit status: 0 no error finding, 1 some error findings, 2 some input unreadable or bad usage,
130 interrupted (Ctrl-C): the output then holds the documents audited before, each written
whole (JSON: a complete document), nothing more.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import IO

from ..core.errors import InputError
from ..run.corpus import Options, Outcome, audit_corpus, expand
from ..run.summary import Summary, run_with_progress
from .output import uninterrupted

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


def run(args: CheckArgs, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    if out is None:
        from .output import stdout

        out = stdout()  # every byte written, even when a signal interrupts a write to a full pipe
    err = err or sys.stderr
    options = Options(
        min_severity=args.severity,
        keep_text=args.format == "rich",
        years=args.across_years,
        fail_on_unchecked=args.fail_on_unchecked,
        timeout=args.timeout,
    )
    started = time.perf_counter()
    if args.scheduler:
        from ..run.distributed import audit_corpus as distributed_corpus

        outcomes = distributed_corpus(
            args.paths, args.scheduler, options=options, ordered=args.format != "jsonl"
        )
    else:
        outcomes = audit_corpus(args.paths, args.jobs, options=options, ordered=args.format != "jsonl")
    running = outcomes  # closed on Ctrl-C: the workers stop
    show = args.progress if args.progress is not None else err.isatty()
    err_console = None
    if show:
        from .output import console

        err_console = console(file=err)
    outcomes = run_with_progress(
        outcomes,
        show,
        total=lambda: sum(1 for x in expand(args.paths) if isinstance(x, str)),
        console=err_console,
    )
    summary = Summary()
    store = None
    if args.across_years:
        from ..run.years import FactStore

        store = FactStore()  # on disk: the run stays in flat memory
        summary.unlinked = 0
    writer = _WRITERS[args.format](out)
    try:
        for outcome in outcomes:
            with uninterrupted():  # Ctrl-C waits until the document is written whole
                summary.add(outcome)
                if outcome.error is not None:
                    print(f"auditor: {outcome.path}: {outcome.error}", file=err)
                elif outcome.unchecked and args.fail_on_unchecked:
                    print(f"auditor: {outcome.path}: {outcome.unchecked}", file=err)
                if outcome.years is not None and store is not None:
                    store.add(outcome.years)
                writer.document(outcome)
    except InputError as exc:  # the run itself cannot go on (no scheduler, extra not installed)
        out.flush()
        print(f"auditor: {exc}", file=err)
        if store is not None:
            store.close()
        return EXIT_TOOL
    except KeyboardInterrupt:  # what finished is written as a whole document, then exit 130
        with uninterrupted():
            outcomes.close()
            running.close()
            if store is not None:
                store.close()
            writer.finish(iter(()))
            out.flush()
            print(
                f"auditor: interrupted: the output holds the {summary.documents} document(s) "
                "audited before, nothing more",
                file=err,
            )
        return EXIT_INTERRUPTED
    across_counts: Counter = Counter()

    def across():  # streamed: a corpus may hold many
        if store is None:
            return
        try:
            for f in store.findings():
                if _kept(f.severity, args.severity):
                    across_counts[(f.rule, f.severity)] += 1
                    yield f
        finally:
            store.close()

    with uninterrupted():
        writer.finish(across())
    summary.by_rule.update(across_counts)
    summary.seconds = time.perf_counter() - started
    if args.summary:
        from .output import console as make_console

        console = make_console(file=out) if args.format == "rich" else make_console(file=err)
        console.print(summary.table())
    out.flush()
    if summary.unreadable:
        return EXIT_TOOL
    if summary.failing or any(sev == "error" for _, sev in across_counts):
        return EXIT_FINDINGS
    return EXIT_OK


def _kept(severity: str, floor: str) -> bool:
    from ..run.corpus import SEVERITY_ORDER

    return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[floor]


class _Jsonl:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def document(self, o: Outcome) -> None:
        if o.error is not None:
            line = json.dumps({"path": o.path, "error": o.error}, ensure_ascii=False)
        else:
            line = o.json
        self.out.write(line + "\n")
        self.out.flush()

    def finish(self, across: Iterator) -> None:
        for path, findings in groupby(across, key=_later_path):
            self.out.write(
                json.dumps(
                    {"path": path, "across_years": [f.model_dump(mode="json") for f in findings]},
                    ensure_ascii=False,
                )
                + "\n"
            )
        self.out.flush()


def _json_head() -> str:
    from ..report.schema import SCHEMA_VERSION

    return '{\n  "schema_version": ' + json.dumps(SCHEMA_VERSION) + ",\n"


class _Json:
    """The whole-run JSON object, written document by document (nothing held but the errors)."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0
        self.errors: list[tuple[str, str]] = []

    def document(self, o: Outcome) -> None:
        if o.error is not None:
            self.errors.append((o.path, o.error))
            return
        self.out.write(
            (_json_head() + '  "documents": [\n' if self.count == 0 else ",\n")
            + _indent(json.loads(o.json), 4)
        )
        self.count += 1

    def finish(self, across: Iterator) -> None:
        if self.count == 0:
            self.out.write(_json_head() + '  "documents": [')
        else:
            self.out.write("\n  ")
        errors = [{"path": p, "error": e} for p, e in self.errors]
        self.out.write('],\n  "errors": ' + _indent(errors, 2).lstrip())
        first = True
        for f in across:
            self.out.write(
                (',\n  "across_years": [\n' if first else ",\n") + _indent(f.model_dump(mode="json"), 4)
            )
            first = False
        self.out.write("\n}\n" if first else "\n  ]\n}\n")
        self.out.flush()


def _indent(data, by: int) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    pad = " " * by
    return "\n".join(pad + line for line in text.splitlines())


class _Rich:
    def __init__(self, out: IO[str]) -> None:
        from .output import console

        self.console = console(file=out) if out is not sys.stdout else console()

    def document(self, o: Outcome) -> None:
        if o.error is not None:
            return
        from ..report.terminal import render

        render(self.console, o.report(), o.text)

    def finish(self, across: Iterator) -> None:
        from rich.rule import Rule

        from ..report.terminal import finding_view

        for k, f in enumerate(across):
            if k == 0:
                self.console.print(Rule("[bold]across years[/]", align="left", style="yellow"))
            self.console.print(finding_view(f, None))


def _later_path(finding) -> str:
    """The report a cross-year finding is about (its first evidence is in that report)."""
    return (finding.evidence[0].path if finding.evidence else None) or ""


_WRITERS = {"jsonl": _Jsonl, "json": _Json, "rich": _Rich}

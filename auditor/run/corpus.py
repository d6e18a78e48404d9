"""Corpus runs: many reports audited in parallel with bounded memory, streamed as they finish.

    from auditor.run.corpus import audit_corpus
    for outcome in audit_corpus(["reports/2021", "reports/**/*.txt"], jobs=4):
        outcome.path, outcome.error, outcome.report()   # one per file, never raises on a bad file

The paths are expanded lazily (`expand`): folders are walked in sorted order, globs are sorted
per pattern, and only a bounded window of files is in flight at a time, so a corpus of any size
runs in flat memory. Work is sent to the worker processes in chunks; each worker imports the
auditor once (at start) and reuses its loaded rules. ``ordered=True`` gives outcomes in the
order of the paths (what the rich and JSON outputs use); ``ordered=False`` gives them as they
finish (what ``--format jsonl`` streams).
"""

from __future__ import annotations

import glob
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError
from ..read.inputs import REPORT_SUFFIXES
from .progress import run_with_progress as run_with_progress

if TYPE_CHECKING:  # pragma: no cover
    from rich.table import Table

    from ..core.config import Selection
    from ..core.models import AuditReport
    from ..facts.years import YearFacts

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
_GLOB_MAGIC = ("*", "?", "[")


# -- expanding paths ----------------------------------------------------------------------
def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Report files named by files, folders and glob patterns, lazily, in a stable order.

    Yields a path (str) for each report file and an `InputError` for each argument that names
    nothing (a missing file, a folder without reports, a glob matching no report).
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = False
            for f in _walk(raw):
                found = True
                yield f
            if not found:
                yield InputError(raw, f"folder holds no reports ({', '.join(REPORT_SUFFIXES)} files)")
        elif p.exists():
            yield raw
        elif any(c in raw for c in _GLOB_MAGIC):
            found = False
            for f in sorted(glob.iglob(raw, recursive=True)):
                if os.path.isdir(f):
                    for g in _walk(f):
                        found = True
                        yield g
                elif f.lower().endswith(REPORT_SUFFIXES):
                    found = True
                    yield f
            if not found:
                yield InputError(raw, "no report matches this pattern")
        else:
            yield InputError(raw, "no such file or folder")


def _walk(top: str) -> Iterator[str]:
    """Report files under a folder (lazy): its own files first, then each subfolder in turn, names sorted."""
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(REPORT_SUFFIXES) and not name.startswith("."):
                yield os.path.join(dirpath, name)


# -- one document -------------------------------------------------------------------------
@dataclass(slots=True)
class Outcome:
    """The audit of one file, as it travels back from a worker (small and picklable).

    ``json`` is the report as compact JSON (None when the file could not be read, then ``error``
    says why); ``counts`` are (rule, severity) of the findings kept; ``text`` is the source
    text when the caller asked for it (to show source lines); ``years`` the facts the
    across-years check needs when it was asked for.
    """

    index: int
    path: str
    json: str | None = None
    error: str | None = None
    ok: bool = True
    counts: list[tuple[str, str]] = field(default_factory=list)
    text: str | None = None
    years: YearFacts | None = None

    def report(self) -> AuditReport:
        from ..core.models import AuditReport

        if self.json is None:
            raise InputError(self.path, self.error or "not audited")
        return AuditReport.model_validate_json(self.json)


@dataclass(frozen=True, slots=True)
class Options:
    min_severity: str = "info"
    keep_text: bool = False
    years: bool = False  # also collect the facts the across-years check needs
    audit: bool = True  # False: only read (and collect facts), no audit (json stays None)
    selection: Selection | None = None  # the rules that report (--select / --ignore); None: all


def audit_one(index: int, path: str, options: Options, data: bytes | None = None) -> Outcome:
    """Audit one file (or its bytes, already read): never raises for a bad input."""
    from ..pipeline import audit_source
    from ..read.inputs import read_bytes, read_path

    try:
        source = read_path(path) if data is None else read_bytes(data, path)
        if not options.audit:
            from ..facts.years import facts_of_text

            return Outcome(index, path, years=facts_of_text(source.text, path) if options.years else None)
        report = audit_source(source)
    except InputError as exc:
        return Outcome(index, path, error=exc.problem)
    except Exception as exc:  # a bug on one document must not end a run of thousands: report it
        return Outcome(
            index,
            path,
            error=f"internal error while auditing ({type(exc).__name__}: {exc}); please report it",
        )
    floor = SEVERITY_ORDER[options.min_severity]
    chosen = options.selection
    if floor or (chosen is not None and not chosen.everything):
        from ..core.models import recount

        report.findings = [
            f
            for f in report.findings
            if SEVERITY_ORDER[f.severity] >= floor and (chosen is None or f.rule in chosen)
        ]
        report.suppressed = [f for f in report.suppressed if chosen is None or f.rule in chosen]
        recount(report)
    out = Outcome(
        index,
        path,
        json=report.model_dump_json(),
        ok=report.ok,
        counts=[(f.rule, f.severity) for f in report.findings],
        text=source.text if options.keep_text else None,
    )
    if options.years:
        from ..facts.years import facts_of_text

        out.years = facts_of_text(source.text, path)
    return out


def audit_batch(batch: list[tuple[int, str]], options: Options) -> list[Outcome]:
    return [audit_one(i, p, options) for i, p in batch]


def _warm() -> None:
    """Worker initialiser: import the auditor and load its rules once per process."""
    from .. import pipeline  # noqa: F401
    from ..core.rules import catalogue, phrases, vocabulary

    catalogue(), phrases(), vocabulary()


# -- many documents -------------------------------------------------------------------------
def numbered(paths: Iterable[str], failures: list[InputError] | None = None) -> Iterator[tuple[int, str]]:
    """(index, path) for each report file; bad arguments go to `failures` (or are dropped)."""
    k = 0
    for item in expand(paths):
        if isinstance(item, InputError):
            if failures is not None:
                failures.append(item)
            continue
        yield k, item
        k += 1


def _chunks(items: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    batch: list[tuple[int, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def audit_corpus(
    paths: Iterable[str],
    jobs: int | None = None,
    *,
    options: Options | None = None,
    ordered: bool = True,
    chunksize: int = 8,
    window: int | None = None,
    failures: list[InputError] | None = None,
) -> Iterator[Outcome]:
    """Audit every report the paths name, over `jobs` processes; yields one Outcome per file.

    Bad arguments (missing paths, empty folders) are appended to `failures` when given.
    At most `window` chunks (default 4 per worker) are in flight; with `ordered`, outcomes come
    in the order of the paths (finished ones wait for earlier ones, within that window).
    """
    options = options or Options()
    jobs = default_jobs() if jobs is None else max(1, jobs)
    items = numbered(paths, failures)
    first = [item for _, item in zip(range(2), items)]
    if jobs == 1 or len(first) < 2:  # one file or one job: no pool to start
        from itertools import chain

        _warm()
        for i, p in chain(first, items):
            yield audit_one(i, p, options)
        return
    from itertools import chain

    yield from _pooled(chain(first, items), jobs, options, ordered, chunksize, window or 4 * jobs)


def _pooled(
    items: Iterator[tuple[int, str]], jobs: int, options: Options, ordered: bool, chunksize: int, window: int
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    # fork: the workers inherit the parent's imports (cheap start); elsewhere they import once.
    context = multiprocessing.get_context("fork" if "fork" in methods and sys.platform == "linux" else None)
    chunks = _chunks(items, chunksize)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm) as pool:
        pending: set[Future[list[Outcome]]] = set()
        held: dict[int, Outcome] = {}  # finished, waiting for an earlier one (ordered mode)
        next_index = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < window and len(held) < window * chunksize:
                    batch = next(chunks, None)
                    if batch is None:
                        exhausted = True
                        break
                    pending.add(pool.submit(audit_batch, batch, options))
                if not pending:
                    break
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    try:
                        batch_outcomes = fut.result()
                    except BrokenProcessPool:
                        raise InputError(
                            "--jobs",
                            "a worker process stopped unexpectedly (out of memory or killed); "
                            "the run is incomplete",
                        ) from None
                    for outcome in batch_outcomes:
                        if not ordered:
                            yield outcome
                        else:
                            held[outcome.index] = outcome
                while next_index in held:
                    yield held.pop(next_index)
                    next_index += 1
        finally:
            for fut in pending:
                fut.cancel()
    for k in sorted(held):  # pragma: no cover - only when indices skip (never by construction)
        yield held[k]


# -- the summary ------------------------------------------------------------------------------
@dataclass
class Summary:
    """What a corpus run found: documents, unreadable files, findings by rule and severity."""

    documents: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)  # (rule, severity) -> count
    failing: int = 0  # documents with an error finding
    seconds: float = 0.0
    unlinked: int | None = None  # across years: reports whose title names no department and year
    suppressed: int = 0  # findings a suppression file beside a report accepts

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.unreadable.append((outcome.path, outcome.error))
            return
        self.documents += 1
        if outcome.years is not None and not outcome.years.key:
            self.unlinked = (self.unlinked or 0) + 1
        self.by_rule.update(outcome.counts)
        if not outcome.ok:
            self.failing += 1

    def add_report(self, report: AuditReport, outcome: Outcome | None = None) -> None:
        """A document's report as the outputs show it (after its suppressions and the baseline)."""
        self.documents += 1
        if outcome is not None and outcome.years is not None and not outcome.years.key:
            self.unlinked = (self.unlinked or 0) + 1
        self.by_rule.update((f.rule, f.severity) for f in report.findings)
        self.suppressed += len(report.suppressed)
        if not report.ok:
            self.failing += 1

    def add_findings(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.by_rule.update(pairs)

    def by_severity(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for (_, sev), n in self.by_rule.items():
            out[sev] += n
        return out

    def table(self) -> Table:
        from rich.table import Table

        from ..core.i18n import severity, t
        from ..core.rules import catalogue

        rules = catalogue()
        rate = ""
        if self.seconds > 0 and self.documents:
            rate = t("labels.summary_rate", rate=f"{self.documents / self.seconds:.0f}")
        title = t("labels.summary_title", n=self.documents, seconds=f"{self.seconds:.1f}", rate=rate)
        table = Table(title=title, title_justify="left")
        table.add_column(t("labels.rule"))
        table.add_column(t("labels.name"))
        for sev in ("error", "warning", "info"):
            table.add_column(severity(sev), justify="right")
        for code in sorted({code for code, _ in self.by_rule}):
            name = rules[code].name if code in rules else ""
            table.add_row(
                code,
                name,
                *(str(self.by_rule.get((code, sev), 0) or "") for sev in ("error", "warning", "info")),
            )
        total = self.by_severity()
        table.add_section()
        table.add_row(
            t("labels.all"),
            t("labels.findings"),
            str(total["error"]),
            str(total["warning"]),
            str(total["info"]),
        )
        table.add_row("", t("labels.documents_failing", n=self.failing), "", "", "")
        table.add_row("", t("labels.unreadable_files", n=len(self.unreadable)), "", "", "")
        if self.suppressed:
            table.add_row("", t("labels.suppressed_count", n=self.suppressed), "", "", "")
        if self.unlinked is not None:
            # reports whose title names no department and year cannot be compared with another
            table.add_row("", t("labels.not_linked", n=self.unlinked), "", "", "")
        return table

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

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.errors import InputError
from ..read.paths import expand
from .deadline import TimedOut, deadline
from .progress import run_with_progress as run_with_progress

__all__ = ["Options", "Outcome", "audit_corpus", "audit_one", "expand", "run_with_progress"]

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

    from ..core.config import Selection
    from ..core.models import AuditReport
    from ..core.rules import RulePack
    from ..facts.years import YearFacts

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
STDIN = "<stdin>"  # the name standard input (the path ``-``) is reported under


# -- one document -------------------------------------------------------------------------
@dataclass(slots=True)
class Outcome:
    """The audit of one file, as it travels back from a worker (small and picklable).

    ``json`` is the report as compact JSON (None when the file could not be read, then ``error``
    says why and ``ok`` is False); ``counts`` are (rule, severity) of the findings kept;
    ``text`` is the source text when the caller asked for it (to show source lines); ``years``
    the facts the across-years check needs when it was asked for.
    """

    index: int
    path: str
    json: str | None = None
    error: str | None = None
    ok: bool = True
    counts: list[tuple[str, str]] = field(default_factory=list)
    text: str | None = None
    years: YearFacts | None = None
    unchecked: str | None = None  # why nothing in the document could be checked (coverage.nothing_checked)

    def __post_init__(self) -> None:
        if self.error is not None:
            self.ok = False  # an unreadable file never passes

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
    fail_on_unchecked: bool = False  # a document in which nothing could be checked is not ok
    timeout: float | None = None  # seconds one document may take; past them it is an input failure
    selection: Selection | None = None  # the rules that report (--select / --ignore); None: all
    # the rule packs every worker audits with, whatever the start method or scheduler (a spawned
    # or remote worker has loaded none); None: those loaded in the calling process (`resolved`)
    packs: tuple[RulePack, ...] | None = None

    def resolved(self) -> Options:
        """These options with the packs the calling process has loaded now, when none are set."""
        if self.packs is not None:
            return self
        from dataclasses import replace

        from ..core.rules import loaded_packs

        return replace(self, packs=loaded_packs())


@contextmanager
def rule_packs(packs: tuple[RulePack, ...] | None) -> Iterator[None]:
    """Audit with exactly these rule packs loaded (None: leave the loaded ones), then restore."""
    if packs is None:
        yield
        return
    from ..core.rules import loaded_packs, restore_packs

    before = loaded_packs()
    restore_packs(packs)
    try:
        yield
    finally:
        restore_packs(before)


def audit_one(index: int, path: str, options: Options, data: bytes | None = None) -> Outcome:
    """Audit one file (or its bytes, already read) with the options' rule packs: never raises
    for a bad input."""
    with rule_packs(options.packs):
        return _audit_one(index, path, options, data)


def _audit_one(index: int, path: str, options: Options, data: bytes | None) -> Outcome:
    from ..pipeline import audit_source
    from ..read.inputs import read_bytes, read_path

    try:
        with deadline(options.timeout):
            source = read_path(path) if data is None else read_bytes(data, path)
            if not options.audit:
                from ..facts.years import facts_of_text

                years = facts_of_text(source.text, path) if options.years else None
                return Outcome(index, path, years=years)
            report = audit_source(source)
    except TimedOut:
        return Outcome(index, path, error=f"timed out after {options.timeout:g} s (--timeout-per-file)")
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
    unchecked = report.coverage.nothing_checked
    out = Outcome(
        index,
        path,
        json=report.model_dump_json(),
        ok=report.ok and not (options.fail_on_unchecked and unchecked),
        counts=[(f.rule, f.severity) for f in report.findings],
        text=source.text if options.keep_text else None,
        unchecked=unchecked,
    )
    if options.years:
        from ..facts.years import facts_of_text

        out.years = facts_of_text(source.text, path)
    return out


@dataclass(frozen=True, slots=True)
class Given:
    """A document read by the calling process (standard input), sent to the worker as bytes."""

    name: str
    data: bytes


Item = str | InputError | Given


def audit_batch(batch: list[tuple[int, Item]], options: Options) -> list[Outcome]:
    return [audit_item(i, p, options) for i, p in batch]


def audit_item(index: int, item: Item, options: Options) -> Outcome:
    """The outcome of one expanded item: a path or bytes audited, or the reason nothing could be."""
    if isinstance(item, InputError):
        return Outcome(index, item.source, error=item.problem)
    if isinstance(item, Given):
        return audit_one(index, item.name, options, item.data)
    return audit_one(index, item, options)


def _worker() -> None:
    """Pool worker initialiser: Ctrl-C is the parent's to handle (it stops the workers), then warm up."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm()


def _warm() -> None:
    """Import the auditor and load its rules once per process."""
    from .. import pipeline  # noqa: F401
    from ..core.rules import catalogue, phrases, vocabulary

    catalogue(), phrases(), vocabulary()


# -- many documents -------------------------------------------------------------------------
def numbered(paths: Iterable[str]) -> Iterator[tuple[int, Item]]:
    """(index, path) for each report file, (index, InputError) for each argument or folder that
    names nothing: a missing path is an outcome too, never dropped. ``-`` is standard input,
    read here (index, Given)."""
    for k, item in enumerate(expand(paths, stdin=True)):
        yield k, (_stdin() if item == "-" else item)


def _stdin() -> Given | InputError:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else b""
    if not data.strip():
        return InputError(STDIN, "standard input is empty: nothing to audit")
    return Given(STDIN, data)


def _chunks(items: Iterator[tuple[int, Item]], size: int) -> Iterator[list[tuple[int, Item]]]:
    batch: list[tuple[int, Item]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool early: queued chunks cancelled, the chunks running finish (the workers ignore
    Ctrl-C). Terminating a worker in the middle of sending its result would leave the pool's
    reader waiting for the rest of the message forever."""
    pool.shutdown(wait=True, cancel_futures=True)


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
) -> Iterator[Outcome]:
    """Audit every report the paths name, over `jobs` processes; yields one Outcome per file.

    A path that names nothing (missing, an empty or unlistable folder, a glob matching no
    report) is an Outcome too, with ``ok`` False and its ``error``. At most `window` chunks
    (default 4 per worker) are in flight; with `ordered`, outcomes come in the order of the
    paths (finished ones wait for earlier ones, within that window).
    """
    options = (options or Options()).resolved()
    jobs = default_jobs() if jobs is None else max(1, jobs)
    items = numbered(paths)
    first = [item for _, item in zip(range(2), items)]
    if jobs == 1 or len(first) < 2:  # one file or one job: no pool to start
        from itertools import chain

        _warm()
        for i, p in chain(first, items):
            yield audit_item(i, p, options)
        return
    from itertools import chain

    yield from _pooled(chain(first, items), jobs, options, ordered, chunksize, window or 4 * jobs)


def _pooled(
    items: Iterator[tuple[int, Item]],
    jobs: int,
    options: Options,
    ordered: bool,
    chunksize: int,
    window: int,
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    # the start method the program chose, else fork on Linux: the workers inherit the parent's
    # imports (cheap start); elsewhere they import once. Whatever the method, each chunk carries
    # the rule packs to audit with (Options.packs).
    chosen = multiprocessing.get_start_method(allow_none=True)
    context = multiprocessing.get_context(
        chosen or ("fork" if "fork" in methods and sys.platform == "linux" else None)
    )
    chunks = _chunks(items, chunksize)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker)
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
    except BaseException:  # Ctrl-C, the caller stopped reading, an error: no more work
        _stop(pool)
        raise
    pool.shutdown()
    for k in sorted(held):  # pragma: no cover - only when indices skip (never by construction)
        yield held[k]

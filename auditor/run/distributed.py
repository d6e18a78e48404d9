"""The same corpus audit on a Dask distributed cluster (``pip install 'auditor[dask]'``).

    from auditor.run.distributed import audit_corpus
    for outcome in audit_corpus(["reports/"], "tcp://scheduler:8786"):
        ...

or ``auditor check --scheduler tcp://HOST:PORT reports/``. The client expands the paths and
reads each file (so the workers need no shared file system), sends the bytes in chunks to the
workers, and keeps a bounded number of chunks in flight; each worker audits with the very same
function as a local run (`auditor.run.corpus.audit_one`), so the results are identical. The workers
need the auditor installed (same version) in their environment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..core.errors import InputError
from ..read.inputs import MAX_BYTES
from .corpus import Given, Options, Outcome, audit_one, numbered

EXTRA_MISSING = "Dask is not installed: install the extra with  pip install 'auditor[dask]'"


class MissingExtra(InputError):
    """The optional dependency for a feature is not installed (exit status 2, one line)."""

    def __init__(self, message: str = EXTRA_MISSING) -> None:
        super().__init__("--scheduler", message)

    def __str__(self) -> str:
        return self.problem


def _client(scheduler: Any) -> tuple[Any, bool]:
    """A Dask client for an address (owned: closed after the run), or the caller's own client."""
    try:
        from distributed import Client
    except ImportError:
        raise MissingExtra() from None
    if not isinstance(scheduler, str):
        return scheduler, False  # a Client (or LocalCluster) given by the caller
    if hasattr(scheduler, "scheduler_address"):  # pragma: no cover
        return Client(scheduler.scheduler_address), True
    try:
        return Client(scheduler, timeout="10s"), True
    except OSError as exc:
        raise InputError(scheduler, f"cannot reach the Dask scheduler: {exc}") from None


def _read(path: str) -> tuple[bytes | None, str | None]:
    import os

    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return (
                None,
                f"file is {size / 1048576:.1f} MB, "
                f"over the {MAX_BYTES / 1048576:.0f} MB limit for one report",
            )
        with open(path, "rb") as fh:
            return fh.read(), None
    except PermissionError:
        return None, "permission denied"
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"


def audit_chunk(chunk: list[tuple[int, str, bytes | None, str | None]], options: Options) -> list[Outcome]:
    """Run on a worker: audit each (index, path, data, read error) of a chunk."""
    return [
        Outcome(i, p, error=e) if e is not None else audit_one(i, p, options, data) for i, p, data, e in chunk
    ]


def audit_corpus(
    paths: Iterable[str],
    scheduler: Any,
    *,
    options: Options | None = None,
    ordered: bool = True,
    chunksize: int = 16,
    window: int | None = None,
) -> Iterator[Outcome]:
    """Audit the reports the paths name on a Dask cluster; yields one Outcome per file.

    `scheduler` is an address (``tcp://HOST:PORT``) or a ``distributed.Client``. At most
    `window` chunks (default 4 per worker thread) are in flight. A path that names nothing is an
    Outcome with its ``error``, as in a local run.
    """
    client, owned = _client(scheduler)
    from distributed import as_completed

    options = (options or Options()).resolved()  # the caller's rule packs travel to the workers
    try:
        if window is None:
            threads = sum(client.nthreads().values()) or 1
            window = 4 * threads
        items = numbered(paths)
        held: dict[int, Outcome] = {}
        next_index = 0
        running = as_completed()
        in_flight = 0
        exhausted = False

        def submit() -> bool:
            chunk: list[tuple[int, str, bytes | None, str | None]] = []
            for i, p in items:
                if isinstance(p, InputError):
                    chunk.append((i, p.source, None, p.problem))
                elif isinstance(p, Given):  # standard input, read here
                    chunk.append((i, p.name, p.data, None))
                else:
                    chunk.append((i, p, *_read(p)))
                if len(chunk) >= chunksize:
                    break
            if not chunk:
                return False
            running.add(client.submit(audit_chunk, chunk, options, pure=False))
            return True

        while True:
            while not exhausted and in_flight < window and len(held) < window * chunksize:
                if submit():
                    in_flight += 1
                else:
                    exhausted = True
            if in_flight == 0:
                break
            future = next(running)
            in_flight -= 1
            for outcome in future.result():
                if ordered:
                    held[outcome.index] = outcome
                else:
                    yield outcome
            future.release()
            while next_index in held:
                yield held.pop(next_index)
                next_index += 1
    finally:
        if owned:
            client.close()

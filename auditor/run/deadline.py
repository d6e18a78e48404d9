"""A time limit on auditing one document (``--timeout-per-file``), in any thread.

    with deadline(30.0):
        report = audit_source(source)      # raises TimedOut once 30 s have passed

A timer thread raises ``TimedOut`` in the thread doing the work (``PyThreadState_SetAsyncExc``),
so it works in a worker process, in the main thread and in a Dask worker's thread alike. The
exception arrives between two steps of Python code: a single long call into a C library ends
first. ``TimedOut`` derives from BaseException, so that no ``except Exception`` on the way
swallows it; it is raised again every 50 ms until the block ends, since Python ignores one
raised inside a finaliser.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimedOut(BaseException):
    """The document took longer than its time limit."""


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise TimedOut in this thread when the block runs longer than `seconds` (None: no limit)."""
    if not seconds:
        yield
        return
    if sys.unraisablehook is not _quiet:  # one lost in a finaliser is raised again: not worth a word
        _quiet.previous = sys.unraisablehook  # type: ignore[attr-defined]
        sys.unraisablehook = _quiet
    watch = _Watch(threading.get_ident())
    watcher = threading.Thread(target=watch.run, args=(seconds,), daemon=True)
    watcher.start()
    try:
        yield
    finally:
        watch.finish()


class _Watch:
    """Raises TimedOut in the target thread once its time is up, and again every 50 ms: an
    exception raised while the thread runs a finaliser or a weakref callback is ignored by
    Python, so one alone may be lost. ``finish`` ends it for good: after it, nothing is raised,
    and a raise still pending is cleared."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.lock = threading.Lock()
        self.done = False
        self.stop = threading.Event()

    def run(self, seconds: float) -> None:
        if self.stop.wait(seconds):
            return
        while True:
            with self.lock:
                if self.done:
                    return
                _raise_in(self.target, TimedOut)
            if self.stop.wait(0.05):
                return

    def finish(self) -> None:
        while True:
            try:
                with self.lock:
                    self.done = True
                    _raise_in(self.target, None)  # clear one pending, not yet raised
                break
            except TimedOut:  # it arrived while leaving: the block is over anyway
                continue
        self.stop.set()


def _quiet(unraisable: sys.UnraisableHookArgs) -> None:
    if not isinstance(unraisable.exc_value, TimedOut):
        _quiet.previous(unraisable)  # type: ignore[attr-defined]


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exc) if exc is not None else None
    )

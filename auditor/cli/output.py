"""Where the command writes: files written whole or not at all, standard output that may close.

- ``write_file``: ``-o FILE`` writes a temporary file beside FILE and renames it over FILE, so
  a reader never sees half a report, and a failed write (a full disk, no permission) leaves
  what was there. Every failure is an ``OutputError``: one line naming the file and the reason.
- ``console``: a rich console whose broken pipe (``| head``) raises ``BrokenPipeError`` for
  ``main`` to end quietly, instead of rich's own exit status 1 (the status of error findings).
- ``uninterrupted``: Ctrl-C waits until a piece of output is written whole, so that an
  interrupted run leaves whole lines and whole JSON documents.
- ``os_message``: an operating-system error as one line.
"""

from __future__ import annotations

import io
import os
import secrets
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from rich.console import Console

STDOUT = "standard output"


class OutputError(Exception):
    """The output cannot be written: the message names it and says why, on one line."""


def os_message(exc: OSError) -> str:
    """'PATH: reason' for an OSError (standard output when it names no file)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if isinstance(exc, PermissionError):
        reason = "permission denied"
    return f"{exc.filename if exc.filename is not None else STDOUT}: cannot write: {reason}"


def write_file(path: str, text: str) -> None:
    """Write `text` to `path` whole (a temporary file renamed over it), or raise OutputError.

    A link is written through (the file it points to is replaced, the link stays); a path that
    is not a regular file (a device such as /dev/null, a named pipe) is written to in place,
    never replaced."""
    given = Path(path)
    if given.is_dir():
        raise OutputError(f"{path}: is a folder: give the report a file name")
    target = Path(os.path.realpath(given))
    try:
        if target.exists() and not target.is_file():  # /dev/null, /dev/stdout, a named pipe
            with uninterrupted(), open(target, "w", encoding="utf-8") as fh:
                fh.write(text)
            return
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        if target.exists():
            with open(target, "ab"):  # may it be replaced? (a read-only report stays as it is)
                pass
        with uninterrupted(), open(temporary, "x", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from None
    except BaseException:
        _remove(temporary)
        raise


def _reason(exc: OSError) -> str:
    return "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class _Console(Console):
    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def console(**kwargs) -> Console:
    """A rich console for the command's output (see the module docstring)."""
    return _Console(**kwargs)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C back while the block writes; it arrives (KeyboardInterrupt) when the block is
    done. The Python-level handler is swapped, not the signal mask: another thread may be the
    one the signal is delivered to."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and callable(previous):
            previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt


def stdout() -> IO[str]:
    """Standard output as a buffered stream that writes every byte it is given. Under
    PYTHONUNBUFFERED, ``sys.stdout`` writes straight to the file, and a write to a full pipe that
    a signal interrupts writes part of the text and drops the rest; a BufferedWriter finishes it.
    When standard output is no file (a test's capture), ``sys.stdout`` itself."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return sys.stdout
    sys.stdout.flush()
    raw = io.FileIO(fd, "w", closefd=False)
    return io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=sys.stdout.encoding or "utf-8", errors=sys.stdout.errors or "strict"
    )


def write_stdout(text: str) -> None:
    """Write a whole report to standard output (every byte, see ``stdout``), Ctrl-C held back."""
    with uninterrupted():
        out = stdout()
        out.write(text)
        out.flush()


def silence_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered for a closed pipe goes nowhere,
    instead of a second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:  # pragma: no cover
        pass

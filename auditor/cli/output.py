"""Where the command writes: files written whole or not at all, standard output that may close.

- ``OutputFile``: ``-o FILE`` writes a temporary file beside FILE, as the run goes, and renames
  it over FILE when the run is done (``commit``), so a reader never sees half a report, and a
  failed write (a full disk, no permission) leaves what was there (``discard``). A path that is
  not a regular file (a device, a named pipe) is written in place; a link is written through.
  ``write_file`` writes a whole text so. Every failure is an ``OutputError``: one line naming
  the file and the reason.
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
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
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


class _Stream(io.TextIOWrapper):
    """A text stream whose every failure to write is an OutputError naming the file given."""

    given = ""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as exc:
            raise OutputError(f"{self.given}: cannot write: {_reason(exc)}") from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise OutputError(f"{self.given}: cannot write: {_reason(exc)}") from None


class OutputFile:
    """``-o FILE``, written as the run goes: ``stream`` is a temporary file beside FILE, renamed
    over it by ``commit``; ``discard`` removes it and leaves FILE as it was. A link is written
    through (the file it points to is replaced, the link stays); a path that is not a regular file
    (a device such as /dev/null, a named pipe) is written to in place, never replaced. Opening
    checks what can be checked before the run: a folder, a missing folder, no permission."""

    def __init__(self, path: str) -> None:
        self.path = path
        given = Path(path)
        if given.is_dir():
            raise OutputError(f"{path}: is a folder: give the report a file name")
        self.target = Path(os.path.realpath(given))
        self.temporary: Path | None = None
        self.committed = False
        try:
            if self.target.exists() and not self.target.is_file():  # /dev/null, a named pipe
                raw = open(self.target, "wb")  # closed by commit or discard
            else:
                if self.target.exists():
                    with open(self.target, "ab"):  # may it be replaced? (a read-only report stays)
                        pass
                name = f".{self.target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
                self.temporary = self.target.with_name(name)
                raw = open(self.temporary, "xb")  # closed by commit or discard
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {_reason(exc)}") from None
        self.stream = _Stream(raw, encoding="utf-8", newline="")
        self.stream.given = path

    def commit(self) -> None:
        """The file complete: in place of FILE (or, in place, flushed); OutputError if not."""
        try:
            with uninterrupted():
                self.stream.flush()
                if self.temporary is not None:
                    os.fsync(self.stream.fileno())
                self.stream.close()
                if self.temporary is not None:
                    os.replace(self.temporary, self.target)
                self.committed = True
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.path}: cannot write: {_reason(exc)}") from None
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Nothing written: the temporary file removed, FILE as it was."""
        try:
            self.stream.buffer.close()  # not the text layer: it would flush, and may fail again
        except (OSError, ValueError):
            pass
        if self.temporary is not None:
            _remove(self.temporary)


def check_writable(path: str) -> None:
    """Raise OutputError now when `path` cannot be written (a folder, a missing folder, no
    permission), rather than after the work; a device or a named pipe is not opened."""
    target = Path(os.path.realpath(path))
    if not Path(path).is_dir() and target.exists() and not target.is_file():
        return
    OutputFile(path).discard()


def write_file(path: str, text: str) -> None:
    """Write `text` to `path` whole (a temporary file renamed over it), or raise OutputError
    (see ``OutputFile``)."""
    out = OutputFile(path)
    try:
        with uninterrupted():
            out.stream.write(text)
    except BaseException:
        out.discard()
        raise
    out.commit()


def _reason(exc: OSError) -> str:
    return "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def console(**kwargs: Any) -> Console:
    """A rich console for the command's output (see the module docstring). rich is imported
    here, not with the module: the machine formats (json, jsonl, sarif) never load it."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

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

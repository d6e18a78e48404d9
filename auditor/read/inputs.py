"""Open a source — a path, bytes or a text — as a ``Source``; list the reports in folders.

Bytes go to ``formats.dispatch.read_document``, which sniffs what they hold: plain text is
decoded by ``encoding.decode``, a document (PDF, Word, workbook, web page) read by its reader.
Sizes are limited before anything is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import InputError
from .paths import REPORT_SUFFIXES, TEXT_SUFFIXES, expand
from .source import Source

__all__ = ["REPORT_SUFFIXES", "TEXT_SUFFIXES", "discover", "read_bytes", "read_path", "read_text"]

#: Larger files are refused (a report is well under 1 MB; a 50 MB "report" is not one).
MAX_BYTES = 20 * 1024 * 1024
#: PDFs and Office files carry images and fonts: they may be larger.
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
_DOCUMENT_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def read_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Source:
    """Read a report file (by its content, see ``formats.dispatch``). InputError names the file
    and the problem in one line: missing, a folder, too large, unreadable, refused."""
    name = os.fspath(path)
    shown = shown_name(name)
    p = Path(name)
    try:
        if p.is_dir():
            raise InputError(shown, "is a folder (use discover() to list its reports)")
        size = p.stat().st_size
        if size > max_bytes and max_bytes == MAX_BYTES:
            with p.open("rb") as fh:
                if fh.read(8).startswith(_DOCUMENT_MAGIC):
                    max_bytes = MAX_DOCUMENT_BYTES
        if size > max_bytes:
            raise InputError(
                shown,
                f"file is {size / 1048576:.1f} MB, "
                f"over the {max_bytes / 1048576:.0f} MB limit for one report",
            )
        data = p.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(shown, "no such file or folder" + _text_hint(name)) from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}{_text_hint(name)}") from None
    except ValueError:  # a NUL character in the name
        raise InputError(shown, "not a file name" + _text_hint(name)) from None
    return _read(data, shown)


def shown_name(name: str) -> str:
    """A path as an error message shows it: as given, unless it cannot be a path at all (a line
    break, a name over 255 bytes: report text given as a path), then one short line."""
    if not _impossible(name):
        return name
    one_line = name.replace("\r", " ").replace("\n", " ")
    return one_line[:60] + f"… ({len(name)} characters)"


def _impossible(name: str) -> bool:
    return (
        "\n" in name or "\r" in name or any(len(c.encode("utf-8", "replace")) > 255 for c in name.split("/"))
    )


def _text_hint(name: str) -> str:
    """A str source is a path: say so when it looks like a report's text instead."""
    if _impossible(name):
        return " (a str is a path: audit text with auditor.audit_text(text) or audit(text=...))"
    return ""


def _read(data: bytes, name: str) -> Source:
    if not data.strip():
        raise InputError(name, "empty file: nothing to audit")
    from .formats.dispatch import read_document

    return read_document(data, name)


def read_bytes(data: bytes, name: str = "<bytes>") -> Source:
    if len(data) > (MAX_DOCUMENT_BYTES if data[:8].startswith(_DOCUMENT_MAGIC) else MAX_BYTES):
        raise InputError(
            name, f"{len(data) / 1048576:.1f} MB, over the {MAX_BYTES / 1048576:.0f} MB limit for one report"
        )
    return _read(data, name)


def read_text(text: str, name: str = "<text>") -> Source:
    if not text.strip():
        raise InputError(name, "empty text: nothing to audit")
    return Source(name, text, "str")


def discover(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Expand files, folders and globs into report files, with errors for what names nothing
    (``paths.expand``: each file once, links to folders not followed, unlistable folders named)."""
    files: list[str] = []
    errors: list[InputError] = []
    for item in expand(paths):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            files.append(item)
    return files, errors

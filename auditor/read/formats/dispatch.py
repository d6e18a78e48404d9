"""Readers for reports as they are published: web pages, Word, PDF and spreadsheets.

The reader is chosen by the content, never by the extension alone:

* ``%PDF-``                                   → :mod:`.pdf`  (text layer, page and line places)
* a zip holding ``word/document.xml``         → :mod:`.docx` (paragraphs and tables in order)
* a zip holding ``xl/workbook.xml``           → :mod:`.sheets` (every sheet, cell places)
* an OLE2 container (``D0 CF 11 E0``) with a ``Workbook`` stream → :mod:`.sheets` (.xls)
* text starting like HTML (``<!doctype html``, ``<html``, …) → :mod:`.html`
* anything else is decoded as plain text (:func:`auditor.read.encoding.decode`).

A file whose extension names another *supported* format than its content (an ``.xls`` that is
an HTML page, a ``.doc`` that is a ``.docx``: both common on download sites) is read by its
content. A file whose extension promises a document format its content is not (a ``.pdf`` of
plain text, a ``.docx`` that is a PNG, a legacy ``.doc``) is refused with a one-line
:class:`~auditor.core.errors.InputError` naming the file and both.

Each reader returns :class:`auditor.read.source.Source`; format libraries are optional extras,
imported inside the readers only.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ...core.errors import InputError

if TYPE_CHECKING:
    from ..source import Source

#: Suffixes read by a format reader (plain-text suffixes live in read.inputs.REPORT_SUFFIXES).
DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".docx", ".pdf", ".xlsx", ".xlsm", ".xls")

#: A zip (docx, xlsx) may not unpack to more than this, nor any member expand more than RATIO times.
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 200

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p)[\s>/]",
    re.I | re.S,
)

_KIND_OF_SUFFIX = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".doc": "doc",
}
_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word .docx",
    "xlsx": "an Excel .xlsx workbook",
    "xls": "an Excel .xls workbook",
    "html": "a web page",
    "text": "plain text",
    "doc": "a legacy Word .doc",
    "zip": "a zip archive",
    "damaged-zip": "a damaged zip archive",
    "ole": "an OLE2 (old Office) file",
    "encrypted-office": "a password-protected Office file",
    "image": "an image",
    "binary": "binary data",
    "rtf": "an RTF document",
    "mhtml": "an MHTML web archive (single-file web page)",
}


def sniff(data: bytes) -> str:
    """What the bytes hold: pdf, docx, xlsx, xls, html, text, or another kind that is refused."""
    head = data[:1024]
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except Exception:  # BadZipFile, NotImplementedError (a version or method), OSError …
            return "damaged-zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "encrypted-office"
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return "xls"
        if "WordDocument".encode("utf-16-le") in data:
            return "doc"
        return "ole"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if (
        re.match(rb"(?:[\w-]+:[^\n]*\r?\n)*MIME-Version:", head, re.I)
        and b"multipart/related" in head.lower()
    ):
        return "mhtml"
    probe = head
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            probe = data[:2048].decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:  # pragma: no cover
            pass
    if _HTML.match(probe.lstrip(b"\xef\xbb\xbf")):
        return "html"
    return "text" if _texty(data) else "binary"


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _texty(data: bytes) -> bool:
    """Could these bytes be text? UTF-16 with a BOM is; else no NUL byte and hardly any control
    characters in the first 8 KB (a stray one is decoded and reported, not refused here)."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    return len(_CONTROL.findall(head)) <= max(2, len(head) // 200)


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip bomb before any library unpacks it: total size and per-member ratio."""
    import zipfile

    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(name, f"corrupt zip container ({exc})") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise InputError(
            name,
            f"refused: unpacks to {total / 1048576:.0f} MB (zip bomb?), over the "
            f"{MAX_UNZIPPED / 1048576:.0f} MB limit",
        )
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(
                name,
                f"refused: {i.filename} expands {i.file_size // max(i.compress_size, 1)}× "
                f"(zip bomb?), over the {MAX_RATIO}× limit",
            )


def read_document(data: bytes, name: str) -> Source:
    """Read bytes by their content (see the module docstring); InputError for anything refused.

    Whatever a reader's library raises on a damaged file (zlib.error, NotImplementedError for a
    zip version or method, KeyError for a missing part, struct.error, RecursionError …) becomes
    an InputError naming the file and what it is: never an exception of another kind.
    """
    from pathlib import PurePath

    suffix = PurePath(name).suffix.lower()
    try:
        kind = sniff(data)
    except Exception:  # pragma: no cover - sniff reads headers only
        kind = "binary"
    try:
        return _read_as(kind, data, name, suffix)
    except InputError:
        raise
    except RecursionError:
        raise InputError(name, f"corrupt {_what(kind, suffix)} (nested too deeply to read)") from None
    except MemoryError:
        raise InputError(name, f"{_what(kind, suffix)} too large to read in memory") from None
    except Exception as exc:
        detail = " ".join(str(exc).split())[:80]
        raise InputError(
            name, f"corrupt {_what(kind, suffix)} ({type(exc).__name__}{': ' + detail if detail else ''})"
        ) from None


def _what(kind: str, suffix: str) -> str:
    return {"pdf": "PDF", "docx": ".docx", "xlsx": ".xlsx workbook", "xls": ".xls workbook"}.get(
        kind, {"html": "web page", "text": "text file"}.get(kind, suffix or "file")
    )


def _read_as(kind: str, data: bytes, name: str, suffix: str) -> Source:
    from ..encoding import decode_lenient
    from ..source import Source

    claimed = _KIND_OF_SUFFIX.get(suffix)
    if kind == "encrypted-office":
        raise InputError(
            name, "password-protected (encrypted) Office file: remove the password and save again"
        )
    if kind == "damaged-zip":
        if claimed in ("docx", "xlsx"):
            raise InputError(name, f"corrupt or truncated {suffix} (its zip container cannot be opened)")
        raise InputError(name, "a damaged zip archive, not a report format this tool reads")
    if kind in ("doc", "zip", "ole", "image", "rtf", "mhtml", "binary") or (
        kind == "text" and claimed not in (None, "html")
    ):
        if claimed and claimed != kind:
            raise InputError(name, f"extension says {suffix} but the content is {_NAMES.get(kind, kind)}")
        if kind == "doc":
            raise InputError(name, "legacy Word .doc is not supported: save it as .docx")
        if kind in ("rtf", "mhtml"):
            raise InputError(name, f"{_NAMES[kind]} is not supported: save it as .docx or .html")
        if kind == "binary":
            raise InputError(name, "binary data (NUL bytes or control characters): not a text report")
        if kind != "text":
            raise InputError(name, f"{_NAMES.get(kind, kind)} is not a report format this tool reads")
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name)
    if kind == "docx":
        check_zip(data, name)
        from .docx import read_docx

        return read_docx(data, name)
    if kind == "xlsx":
        check_zip(data, name)
        from .sheets import read_xlsx

        return read_xlsx(data, name)
    if kind == "xls":
        from .sheets import read_xls

        return read_xls(data, name)
    if kind == "html":
        from .html import read_html

        return read_html(data, name)
    text, encoding, replaced = decode_lenient(data, name)
    return Source(name, text, encoding, replaced=replaced)

"""PDF with a text layer (PDFium, through pypdfium2): text lines rejoined into paragraphs, ruled
tables as tables.

A PDF has lines, not paragraphs: a line that runs to the right margin continues on the next
line (on the same page or the next one) unless that one is indented, which starts a new
paragraph, so a sentence (and a figure) broken by the layout is read whole. Page numbers
alone on a line (``- 3 -``, ``第3页 共9页``) in the header or footer band and following the page
sequence are dropped; an integer alone on a line elsewhere (a weight, a score) is text. Tables
with ruling lines are read as tables (pipe rows). Places: ``第3页第7行`` (page, line of that
page) and ``第3页表1第2行第4列``.

No OCR: a PDF whose pages have no text layer is refused as scanned.

Why PDFium and not pdfplumber (issue 14, measured with ``bench/pdf.py``): with pdfplumber,
reading a seed's PDF took 0.39–0.68 s (its audit 22–38× the text's), nine tenths of it
pdfminer.six parsing every glyph in Python; PDFium gives the characters with their boxes and
this module joins them into lines in 65–107 ms (4.5–6.8×). pdfplumber's table finder was the
one thing only it did: on top of its parse it costs little, but the parse is the cost (the
附表 of the tests, four pages of tables, took 180 ms to read, 24 ms now), so calling it on the
pages with ruling lines only would still cost some 45 ms a page of tables, most of a real
report's pages. Its "lines" strategy is geometry on the ruling lines alone: :mod:`.pdf_tables`
does the same on the lines PDFium reads from the page's paths, and pdfplumber is not needed.
:mod:`.pdf_page` reads a page through PDFium, :mod:`.pdf_lines` joins its characters into lines.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median
from typing import TYPE_CHECKING, Any

from ...core.errors import InputError
from .extras import needs_extra
from .layout import Layout, clean
from .pdf_lines import lines_of
from .pdf_page import LOCK, Char, Page, Unreadable, open_document, read_page
from .pdf_tables import tables_of

if TYPE_CHECKING:  # pragma: no cover
    from ..source import Source

#: (page, "line" or "table", what it holds)
Item = tuple[int, str, Any]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–_·]*\s*\d{1,4}\s*[-—–_·]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)\s*$",
    re.I,
)
_LATIN = re.compile(r"[A-Za-z0-9%.,]")
_DIGITS = re.compile(r"\d+")
#: The header and footer bands: the top and bottom 8% of the page, where page numbers are printed.
BAND = 0.08

_ENCRYPTED = "encrypted PDF (a password is needed to open it): remove the password first"
#: FPDF_GetLastError's codes
_PASSWORD, _SECURITY = 4, 5
_ERRORS = {1: "unknown error", 2: "cannot open", 3: "data format error", 6: "page not found or content error"}


def read_pdf(data: bytes, name: str) -> Source:
    try:
        # importing the package starts PDFium; the reader calls its raw functions only
        import pypdfium2  # noqa: F401
        import pypdfium2.raw as raw
    except ImportError:
        raise needs_extra(name, ".pdf", "pdf") from None
    # a file cut short: PDFium would read what is left of it
    if b"%%EOF" not in data[-4096:]:
        raise InputError(name, "corrupt PDF (truncated: no end-of-file marker)")
    with LOCK:
        pages = _pages(raw, data, name)
    if not pages:
        raise InputError(name, "PDF has no pages")
    items = []  # (page, kind, payload)
    chars = 0
    images = 0
    scanned = []  # pages with images and no text
    for p, page in enumerate(pages, start=1):
        chars += len(page.chars)
        images += page.images
        if not page.chars and page.images:
            scanned.append(p)
        items.extend(_page_items(page, p))
    if chars == 0:
        why = (
            "no text layer (scanned?): OCR is not supported"
            if images
            else "no text layer: the PDF holds no text"
        )
        raise InputError(name, why)
    if unmapped_share(items) > 0.3:
        raise InputError(
            name,
            "the text layer cannot be read: its fonts map glyphs to no characters; OCR is not supported",
        )
    unread: tuple[tuple[str, int], ...] = ()
    if scanned:
        unread = ((f"pages without a text layer (scanned?), not read: {_ranges(scanned)}", len(scanned)),)
    return _lay(items, name, unread)


def _pages(raw: Any, data: bytes, name: str) -> list[Page]:
    """Every page read through PDFium, the document closed again whatever happens."""
    try:
        doc = open_document(raw, data)
    except Unreadable as exc:
        raise _refused(name, exc) from None
    try:
        return [read_page(raw, doc, k) for k in range(raw.FPDF_GetPageCount(doc))]
    except Unreadable as exc:
        raise _refused(name, exc) from None
    finally:
        raw.FPDF_CloseDocument(doc)


def _refused(name: str, exc: Unreadable) -> InputError:
    if exc.code == _PASSWORD:
        return InputError(name, _ENCRYPTED)
    if exc.code == _SECURITY:
        return InputError(
            name, "encrypted PDF (its security handler is not supported): remove the encryption first"
        )
    return InputError(name, f"corrupt PDF (PDFium: {str(exc) or _ERRORS.get(exc.code, 'unknown error')})")


def _ranges(pages: list[int]) -> str:
    """[3, 4, 5, 9] → '3-5, 9'."""
    out, start = [], pages[0]
    for a, b in zip(pages, [*pages[1:], None]):
        if b != a + 1:
            out.append(f"{start}-{a}" if a != start else f"{a}")
            start = b if b is not None else a
    return ", ".join(out)


_BARE_NUMBER = re.compile(r"(?:^|(?<=\s))-?\d[\d,]*(?:\.\d+)?(?=\s|$)")


def _table_like(text: str) -> bool:
    """Two or more bare numbers standing apart (1181.39 450.00): a table row, not prose."""
    return len(_BARE_NUMBER.findall(text)) >= 2


def unmapped_share(items: list[Item]) -> float:
    """Share of the text (lines and table cells) that is U+FFFD: glyphs whose font gives no character."""
    texts: list[str] = [payload["text"] for _, kind, payload in items if kind == "line"]
    texts += [
        cell or "" for _, kind, payload in items if kind == "table" for row in payload["rows"] for cell in row
    ]
    total = sum(len(t) for t in texts)
    if not total:
        return 0.0
    return sum(t.count("\ufffd") for t in texts) / total


def _page_items(page: Page, p: int) -> list[Item]:
    tables = [
        (box, rows)
        for box, rows in tables_of(page.rules, page.chars)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2
    ]
    chars = page.chars
    if tables:
        chars = [c for c in chars if _outside(c, [box for box, _ in tables])]
    items: list[tuple[float, str, dict[str, Any]]] = [
        (ln["top"], "line", dict(ln, page=p, no=k, height=page.height))
        for k, ln in enumerate(lines_of(chars), start=1)
    ]
    for t, (box, rows) in enumerate(tables, start=1):
        items.append((box[1], "table", {"page": p, "no": t, "rows": rows}))
    items.sort(key=lambda it: it[0])
    return [(p, kind, payload) for _, kind, payload in items]


def _outside(char: Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (char[1] + char[2]) / 2, (char[4] + char[5]) / 2
    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _cell(text: str | None) -> str:
    """A PDF cell's text: lines wrapped inside the cell rejoined (no space between Chinese characters)."""
    if not text:
        return ""
    return clean(_CELL_WRAP.sub("", text))


_CELL_WRAP = re.compile(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])")


def _merge_tables(items: list[Item]) -> list[Item]:
    """A table running onto the next page (nothing but a page number between, same columns) is one table."""
    out: list[Item] = []
    for p, kind, payload in items:
        if kind == "line" and payload.get("page_number"):
            continue
        if kind == "table":
            payload = dict(
                payload, origin=[(p, payload["no"], r) for r in range(1, len(payload["rows"]) + 1)]
            )
            prev = out[-1] if out else None
            if (
                prev
                and prev[1] == "table"
                and p == prev[2]["origin"][-1][0] + 1
                and len(prev[2]["rows"][0]) == len(payload["rows"][0])
            ):
                prev[2]["rows"] = prev[2]["rows"] + payload["rows"]
                prev[2]["origin"] = prev[2]["origin"] + payload["origin"]
                continue
        out.append((p, kind, payload))
    return out


def mark_page_numbers(items: list[Item]) -> None:
    """Mark the lines that are page numbers: alone on their line (``- 3 -``, ``第3页 共9页``), in
    the page's header or footer band, and following the page sequence (the number minus the
    page's index is the same on the pages that have one, or the number is the index). An integer
    alone on a line anywhere else (a self-evaluation table's weights and scores) is text."""
    found: list[tuple[int, Any]] = []
    for p, kind, ln in items:
        if kind != "line" or not _PAGE_NUMBER.match(ln["text"]):
            continue
        band = BAND * ln["height"]
        if ln["top"] < band or ln["bottom"] > ln["height"] - band:
            number = _DIGITS.search(ln["text"])
            if number is not None:
                found.append((int(number.group()) - p, ln))
    if not found:
        return
    offset, count = Counter(k for k, _ in found).most_common(1)[0]
    for k, ln in found:
        if k == 0 or (k == offset and count >= 2):
            ln["page_number"] = True


def _lay(items: list[Item], name: str, unread: tuple[tuple[str, int], ...] = ()) -> Source:
    mark_page_numbers(items)
    items = _merge_tables(items)
    lines = [it[2] for it in items if it[1] == "line" and not it[2].get("page_number")]
    left = min((ln["x0"] for ln in lines), default=0)
    right = _right_margin([ln["x1"] for ln in lines])
    layout = Layout()
    paragraph: list[tuple[str, str]] = []
    previous = None
    for p, kind, payload in items:
        if kind == "table":
            if paragraph:
                layout.pieces(paragraph)
                paragraph, previous = [], None
            rows = [
                [(_cell(cell), f"第{pp}页表{no}第{r}行第{c}列") for c, cell in enumerate(row, start=1)]
                for row, (pp, no, r) in zip(payload["rows"], payload["origin"])
            ]
            layout.table(f"第{p}页表{payload['no']}", rows, caption=layout.last_text())
            continue
        ln = payload
        if ln.get("page_number"):
            continue
        place = f"第{p}页第{ln['no']}行"
        if previous is not None and _continues(previous, ln, left, right):
            # a word processor breaks a run of Latin letters and digits only where it had a space
            joint = " " if _LATIN.match(ln["text"][:1]) and _LATIN.match(paragraph[-1][0][-1:]) else ""
            paragraph.append((joint + ln["text"], place))
        else:
            if paragraph:
                layout.pieces(paragraph)
            paragraph = [(ln["text"], place)]
        previous = ln
    if paragraph:
        layout.pieces(paragraph)
    return layout.source(name, "pdf", unread)


def _right_margin(ends: list[float]) -> float:
    """Where full lines end: the median end of the lines near the rightmost one (a few overshoot it)."""
    if not ends:
        return 0.0
    top = max(ends)
    band = [x for x in ends if x >= top - 60]
    return median(band)


def _continues(prev: dict[str, Any], line: dict[str, Any], left: float, right: float) -> bool:
    """Does `line` carry on the paragraph `prev` ends?

    It does when the previous line was wrapped: it runs to the right margin, or the first word
    of `line` would not have fitted after it; and `line` is not indented, nor far below.
    """
    size = prev["size"] or 10
    if _table_like(prev["text"]) or _table_like(line["text"]):
        return False  # rows of a table drawn without rules: each is its own line
    wrapped = prev["x1"] >= right - 2.2 * size or prev["x1"] + 0.3 * size + line["first"] > right
    if not wrapped:
        return False  # the previous line stopped short: its paragraph ended there
    if line["x0"] > left + 1.2 * size:
        return False  # indented: a new paragraph
    if line["page"] == prev["page"] and line["top"] - prev["bottom"] > 1.2 * size:
        return False  # a blank line between them
    if prev["text"].rstrip().endswith(("。", "：", ":")) and prev["x1"] < right - 0.9 * size:
        return False
    return True

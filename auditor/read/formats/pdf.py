"""PDF with a text layer (pdfplumber): text lines rejoined into paragraphs, ruled tables as tables.

A PDF has lines, not paragraphs: a line that runs to the right margin continues on the next
line (on the same page or the next one) unless that one is indented, which starts a new
paragraph, so a sentence (and a figure) broken by the layout is read whole. Page numbers
alone on a line (``- 3 -``, ``第3页 共9页``) in the header or footer band and following the page
sequence are dropped; an integer alone on a line elsewhere (a weight, a score) is text. Tables
with ruling lines are read as tables (pipe rows). Places: ``第3页第7行`` (page, line of that
page) and ``第3页表1第2行第4列``.

No OCR: a PDF whose pages have no text layer is refused as scanned.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from statistics import median
from typing import TYPE_CHECKING, Any

from ...core.errors import InputError
from .extras import needs_extra
from .layout import Layout, clean

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

# pdfminer logs every oddity of a damaged file as a warning: without a handler of their own, those
# would reach standard error as stray lines (a library leaves logging to its caller)
for _logger in ("pdfminer", "pdfplumber"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())


def read_pdf(data: bytes, name: str) -> Source:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        raise needs_extra(name, ".pdf", "pdf") from None
    if b"%%EOF" not in data[-4096:]:  # pdfminer would crawl the whole file looking for objects
        raise InputError(name, "corrupt PDF (truncated: no end-of-file marker)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            name, "encrypted PDF (a password is needed to open it): remove the password first"
        ) from None
    except Exception as exc:
        inner = [exc, *exc.args, exc.__context__]  # pdfplumber wraps pdfminer's errors
        if (
            any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in inner)
            or "password" in str(exc).lower()
        ):
            raise InputError(
                name, "encrypted PDF (a password is needed to open it): remove the password first"
            ) from None
        # unwrap pdfplumber's wrapper
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        raise InputError(
            name, f"corrupt PDF ({type(cause).__name__}: {str(cause)[:80] or 'cannot parse'})"
        ) from None
    try:
        items = []  # (page, kind, payload)
        chars = 0
        images = 0
        scanned = []  # pages with images and no text
        for p, page in enumerate(pages, start=1):
            n = len(page.chars)
            chars += n
            images += len(page.images)
            if not n and page.images:
                scanned.append(p)
            items.extend(_page_items(page, p))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            name, f"corrupt PDF ({type(exc).__name__}: {str(exc)[:80] or 'cannot parse page'})"
        ) from None
    finally:
        pdf.close()
    if not pages:
        raise InputError(name, "PDF has no pages")
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
            "the text layer cannot be read: its fonts map glyphs to no characters ((cid:…)); "
            "OCR is not supported",
        )
    unread: tuple[tuple[str, int], ...] = ()
    if scanned:
        unread = ((f"pages without a text layer (scanned?), not read: {_ranges(scanned)}", len(scanned)),)
    return _lay(items, name, unread)


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


_CID = re.compile(r"\(cid:\d+\)")


def unmapped_share(items: list[Item]) -> float:
    """Share of the text that is (cid:N): glyphs whose font gives no Unicode character."""
    texts = [payload["text"] for _, kind, payload in items if kind == "line"]
    total = sum(len(t) for t in texts)
    if not total:
        return 0.0
    return sum(len(m.group()) for t in texts for m in _CID.finditer(t)) / total


def _page_items(page: Any, p: int) -> list[Item]:
    tables = []
    try:
        found = page.find_tables()
    except Exception:
        found = []
    for t in found:
        rows = t.extract()
        if len(rows) >= 2 and max((len(r) for r in rows), default=0) >= 2:
            tables.append((t.bbox, rows))

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b, _ in tables)

    text_page = page.filter(outside) if tables else page
    lines = [ln for ln in text_page.extract_text_lines(strip=True, return_chars=True) if ln["text"].strip()]
    items = []
    for k, ln in enumerate(lines, start=1):
        sizes = [c.get("size", 0) or (c["bottom"] - c["top"]) for c in ln["chars"]] or [
            ln["bottom"] - ln["top"]
        ]
        items.append(
            (
                ln["top"],
                "line",
                {
                    "page": p,
                    "no": k,
                    "text": ln["text"],
                    "x0": ln["x0"],
                    "x1": ln["x1"],
                    "top": ln["top"],
                    "bottom": ln["bottom"],
                    "height": page.height,
                    "size": median(sizes),
                    "first": _first_word_width(ln["chars"]),
                },
            )
        )
    for t, (bbox, rows) in enumerate(tables, start=1):
        items.append((bbox[1], "table", {"page": p, "no": t, "rows": rows}))
    items.sort(key=lambda it: it[0])
    return [(p, kind, payload) for _, kind, payload in items]


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


def _first_word_width(chars: list[dict[str, Any]]) -> float:
    """Width of the line's first unbreakable piece: a run of Latin letters and digits, or one character."""
    if not chars:
        return 0.0
    k = 0
    while (
        k + 1 < len(chars)
        and chars[k]["text"].isascii()
        and not chars[k]["text"].isspace()
        and chars[k + 1]["text"].isascii()
        and not chars[k + 1]["text"].isspace()
    ):
        k += 1
    return float(chars[k]["x1"] - chars[0]["x0"])


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

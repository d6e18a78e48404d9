"""One PDF page through PDFium (pypdfium2's raw functions): its characters, its ruling lines and
how many images it holds, in the coordinates the layout uses (points from the top-left corner of
the page as displayed: a page turned by ``/Rotate`` is turned back).

A character is ``(baseline, x0, x1, text, top, bottom, size)``: ``size`` is the font's em size as
drawn (the size set times the text matrix's scale), ``text`` a single character, ``" "`` for a
space, U+FFFD for a glyph whose font maps it to no character. A ruling line is ``("h", y, x0, x1)``
or ``("v", x, top, bottom)``: the straight, axis-parallel pieces of every painted path (lines and
rectangle sides), as pdfplumber reads them for its table finder.

PDFium is not thread-safe: whoever calls it holds :data:`LOCK`.
"""

from __future__ import annotations

import ctypes
import math
import threading
from dataclasses import dataclass, field
from typing import Any

#: Held while any document is open: PDFium may not be called from two threads at once.
LOCK = threading.Lock()

Char = tuple[float, float, float, str, float, float, float]
Rule = tuple[str, float, float, float]
#: x' = a·x + c·y + e, y' = b·x + d·y + f (PDF's order)
Matrix = tuple[float, float, float, float, float, float]

#: Page objects nested deeper than this in form XObjects are not looked into.
MAX_DEPTH = 12


class Unreadable(Exception):
    """PDFium could not open the document (no message) or one of its pages; ``code`` is
    FPDF_GetLastError's."""

    def __init__(self, code: int, what: str = "") -> None:
        super().__init__(what)
        self.code = code


@dataclass
class Page:
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    images: int = 0


def open_document(raw: Any, data: bytes) -> Any:
    """The document handle (close it with raw.FPDF_CloseDocument); `data` must outlive it."""
    doc = raw.FPDF_LoadMemDocument64(data, len(data), None)
    if not doc:
        raise Unreadable(raw.FPDF_GetLastError())
    return doc


def read_page(raw: Any, doc: Any, index: int) -> Page:
    page = raw.FPDF_LoadPage(doc, index)
    if not page:
        raise Unreadable(raw.FPDF_GetLastError(), f"page {index + 1} cannot be loaded")
    try:
        view, width, height = _view(raw, page)
        result = Page(width, height)
        text = raw.FPDFText_LoadPage(page)
        if not text:
            raise Unreadable(raw.FPDF_GetLastError(), f"the text of page {index + 1} cannot be read")
        try:
            result.chars = _chars(raw, text, view)
        finally:
            raw.FPDFText_ClosePage(text)
        _walk(raw, page, view, result)
        return result
    finally:
        raw.FPDF_ClosePage(page)


def _view(raw: Any, page: Any) -> tuple[Matrix, float, float]:
    """The matrix from PDF user space to the displayed page (top-left origin, y down), and the
    displayed width and height. The media box is the page, as in pdfplumber."""
    box = [ctypes.c_float() for _ in range(4)]
    if raw.FPDFPage_GetMediaBox(page, *(ctypes.byref(v) for v in box)):
        left, bottom, right, top = (v.value for v in box)
        x0, x1, y0, y1 = min(left, right), max(left, right), min(bottom, top), max(bottom, top)
    else:
        x0, y0, x1, y1 = 0.0, 0.0, raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
    # clockwise quarter turns when displayed (-1: PDFium could not tell)
    turns = raw.FPDFPage_GetRotation(page)
    w, h = x1 - x0, y1 - y0
    if turns == 1:
        return (0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w
    if turns == 2:
        return (-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h
    if turns == 3:
        return (0.0, -1.0, -1.0, 0.0, y1, x1), h, w
    return (1.0, 0.0, 0.0, -1.0, -x0, y1), w, h


def _chars(raw: Any, text: Any, view: Matrix) -> list[Char]:
    a, b, c, d, e, f = view
    # the view turns by quarter turns: a box's corners stay in order, or both swap
    flip_x, flip_y = a + c < 0, b + d < 0
    count = raw.FPDFText_CountChars(text)
    unicode_of, unmapped, generated = (
        raw.FPDFText_GetUnicode,
        raw.FPDFText_HasUnicodeMapError,
        raw.FPDFText_IsGenerated,
    )
    loose_box, origin_of = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    rect, ox, oy = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    p_rect, p_ox, p_oy = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    out: list[Char] = []
    # the baseline the size was last worked out on
    last = math.nan
    size, upright = 0.0, False
    isfinite = math.isfinite
    for k in range(count):
        code = unicode_of(text, k)
        if code <= 32 and not unmapped(text, k):
            if (code != 32 and code != 9) or generated(text, k):
                # PDFium's own line breaks, and the spaces it guesses from gaps (measured below)
                continue
            char = " "
        elif unmapped(text, k):
            char = "\ufffd"
        elif code < 127:
            char = chr(code)
        elif code >= 0xFFFE or 0xD800 <= code < 0xE000 or code == 127:
            # a control character, or no character at all
            continue
        else:
            char = chr(code)
            # a no-break or an ideographic space is a space all the same
            if char.isspace():
                char = " "
        if not loose_box(text, k, p_rect) or not origin_of(text, k, p_ox, p_oy):
            continue
        base = b * ox.value + d * oy.value + f
        # the size is the same along a run of text: worked out again on a new baseline, and on
        # every eighth character for a change of font within a line
        if base != last or not k & 7:
            size, upright = _size(raw, text, k, view)
            last = base
        # a character not upright on the displayed page (a watermark at an angle, a sideways
        # label) would be read into the lines it crosses
        if not upright:
            continue
        x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
        left, right = a * x0 + c * y0 + e, a * x1 + c * y1 + e
        top, bottom = b * x0 + d * y0 + f, b * x1 + d * y1 + f
        # a degenerate matrix
        if not isfinite(base + left + right + top + bottom + size):
            continue
        if flip_x:
            left, right = right, left
        if flip_y:
            top, bottom = bottom, top
        out.append((base, left, right, char, top, bottom, size))
    return out


def _size(raw: Any, text: Any, k: int, view: Matrix) -> tuple[float, bool]:
    """The em size of character k as drawn (the size set times the text matrix's scale: a
    document may set size 1 and scale by 10.5), and whether it stands upright on the page."""
    m = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(text, k, ctypes.byref(m)):
        return 0.0, False
    a, b, c, d, _, _ = view
    ahead_x, ahead_y = a * m.a + c * m.b, b * m.a + d * m.b
    up_x, up_y = a * m.c + c * m.d, b * m.c + d * m.d
    upright = ahead_x > 0 and abs(ahead_y) <= 0.05 * ahead_x
    return raw.FPDFText_GetFontSize(text, k) * math.hypot(up_x, up_y), upright


def _walk(raw: Any, page: Any, view: Matrix, result: Page) -> None:
    """Ruling lines and images of the page, inside form XObjects too."""
    path, image, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
    m = raw.FS_MATRIX()
    stack: list[tuple[Any, Matrix, int]] = [(page, view, 0)]
    while stack:
        holder, outer, depth = stack.pop()
        if depth == 0:
            objects = (raw.FPDFPage_GetObject(holder, i) for i in range(raw.FPDFPage_CountObjects(holder)))
        else:
            objects = (
                raw.FPDFFormObj_GetObject(holder, i) for i in range(raw.FPDFFormObj_CountObjects(holder))
            )
        for obj in objects:
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == image:
                result.images += 1
            elif kind in (path, form) and raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
                inner = _times((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                if kind == path:
                    _rules(raw, obj, inner, result.rules)
                elif depth < MAX_DEPTH:
                    stack.append((obj, inner, depth + 1))


def _times(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies `first`, then `then`."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _rules(raw: Any, obj: Any, matrix: Matrix, out: list[Rule]) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return
    # a clipping path: nothing is drawn
    if not fill.value and not stroke.value:
        return
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    start = here = None
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        if not segment or not raw.FPDFPathSegment_GetPoint(segment, px, py):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if not math.isfinite(point[0] + point[1]):
            continue
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_LINETO and here is not None:
            _rule(here, point, out)
        elif kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        here = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            _rule(here, start, out)
            here = start


def _rule(p: tuple[float, float], q: tuple[float, float], out: list[Rule]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 0.01 and abs(x1 - x0) >= 1:
        out.append(("h", (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) < 0.01 and abs(y1 - y0) >= 1:
        out.append(("v", (x0 + x1) / 2, min(y0, y1), max(y0, y1)))

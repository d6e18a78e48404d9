"""Workbooks: .xlsx (openpyxl) and .xls (xlrd), every sheet, places ``Sheet!C7``.

Each sheet is a table (its rows as pipe rows, see :mod:`.layout`) preceded by a line with the
sheet's name. Numbers are written as the workbook shows them: with the decimals of the cell's
number format (``#,##0.00`` → two decimals), so that a value stored as 1234.5 in a cell shown
as ``1,234.50`` reads as the figure the reader of the sheet saw. Formulas are read as their
cached values (what Excel last showed); merged cells are read at their top-left cell.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ...core.errors import InputError
from .extras import needs_extra
from .layout import Layout

if TYPE_CHECKING:  # pragma: no cover
    from ..source import Source

_DECIMALS = re.compile(r"0\.(0+)")


def column_letter(k: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


def shown(value: object, number_format: str | None = None) -> str:
    """A cell's value as the sheet shows it (numbers with their format's decimals, no float noise)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        try:
            d = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:  # nan, inf
            return str(value)
        fmt = number_format or "General"
        if "%" in fmt:
            d *= 100
        m = _DECIMALS.search(fmt.split(";")[0])
        if m:
            d = d.quantize(Decimal(1).scaleb(-len(m.group(1))))
        elif fmt not in ("General", "@") and re.search(r"(?<![.\d])0(?![.\d])|#", fmt.split(";")[0]):
            d = d.quantize(Decimal(1))
        text = f"{d:f}"
        if "." in text and not m:
            text = text.rstrip("0").rstrip(".")
        return text + ("%" if "%" in fmt else "")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _lay_sheet(layout: Layout, title: str, grid: list[list[str]]) -> None:
    # trailing empty rows and columns are dropped; leading ones are kept, so rows keep their numbers
    while grid and not any(grid[-1]):
        grid.pop()
    width = max((max((k + 1 for k, v in enumerate(r) if v), default=0) for r in grid), default=0)
    if not width:
        return
    if len(layout.lines):
        layout.paragraph("", None)
    layout.paragraph(title, f"工作表“{title}”")
    rows = [
        [(r[k] if k < len(r) else "", f"{title}!{column_letter(k)}{i + 1}") for k in range(width)]
        for i, r in enumerate(grid)
    ]
    layout.table(title, rows, caption=title)


_CELL_XML = re.compile(rb"<(?:\w+:)?c\b[^>]*>(.*?)</(?:\w+:)?c>", re.S)
_VALUE_XML = re.compile(rb"<(?:\w+:)?v>[^<]+</")


def uncomputed_formulas(data: bytes) -> int:
    """Formula cells without a computed value (a workbook written by a program, never opened in
    Excel): their values cannot be read, and the totals they hold would silently go unchecked."""
    import zipfile

    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                for m in _CELL_XML.finditer(z.read(info)):
                    inner = m.group(1)
                    if (b"<f>" in inner or b"<f " in inner or b":f>" in inner) and not _VALUE_XML.search(
                        inner
                    ):
                        count += 1
    return count


def read_xlsx(data: bytes, name: str) -> Source:
    try:
        import openpyxl
    except ImportError:
        raise needs_extra(name, ".xlsx", "office") from None
    import zipfile

    try:
        missing = uncomputed_formulas(data)
    except Exception:  # a damaged zip (BadZipFile, zlib.error, NotImplementedError …)
        missing = 0  # openpyxl below says what is wrong
    if missing:
        raise InputError(
            name,
            f"{missing} formula cell(s) hold no computed value (the workbook was never "
            "calculated): open and save it in Excel or WPS first",
        )

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise InputError(name, f"corrupt .xlsx workbook ({type(exc).__name__}: {str(exc)[:80]})") from None
    except Exception as exc:  # openpyxl raises many kinds on damaged parts
        raise InputError(name, f"unreadable .xlsx workbook ({type(exc).__name__})") from None
    layout = Layout()
    for ws in wb.worksheets:
        grid: list[list[str]] = []
        for row in ws.iter_rows():
            grid.append([shown(c.value, c.number_format) if c.value is not None else "" for c in row])
        _lay_sheet(layout, ws.title, grid)
    wb.close()
    return layout.source(name, "xlsx")


def read_xls(data: bytes, name: str) -> Source:
    try:
        import xlrd
    except ImportError:
        raise needs_extra(name, ".xls", "office") from None
    try:
        quiet = io.StringIO()  # xlrd writes its warnings to standard output otherwise
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=quiet)
        except NotImplementedError:  # formatting_info is not available for every BIFF version
            book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=quiet)
        layout = Layout()
        for sheet in book.sheets():
            grid = [
                [_xls_value(book, sheet.cell(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)
            ]
            _lay_sheet(layout, sheet.name, grid)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise InputError(
                name, "password-protected (encrypted) workbook: remove the password and save again"
            ) from None
        raise InputError(name, f"unreadable .xls workbook ({str(exc)[:80]})") from None
    except Exception as exc:  # xlrd raises CompDocError, struct.error, IndexError … on damaged files
        raise InputError(name, f"corrupt .xls workbook ({type(exc).__name__}: {str(exc)[:60]})") from None
    return layout.source(name, "xls")


def _xls_value(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = None
        if book.formatting_info and cell.xf_index is not None:
            xf = book.xf_list[cell.xf_index]
            fmt_obj = book.format_map.get(xf.format_key)
            fmt = fmt_obj.format_str if fmt_obj else None
        return shown(cell.value, fmt)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return shown(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except Exception:
            return str(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return shown(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    return str(cell.value)

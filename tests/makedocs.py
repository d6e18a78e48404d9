"""Build documents inside the tests: a report's text as .docx, .xlsx, .xls, .pdf and .html.

Each line of the text becomes a paragraph (Word, web page, PDF) or a row (workbook); tables
given as lists of rows become real tables. The PDF is typeset by reportlab with its built-in CID
font STSong-Light (Adobe's Chinese font, referenced by name and never embedded: no font file is
needed on the machine, and a PDF reader maps its glyphs back to characters through the standard
UniGB-UCS2-H CMap), wrapping long lines as a word processor does.
"""

from __future__ import annotations

import html
from pathlib import Path

Block = str | list[list[object]]  # a paragraph, or a table as rows of cells


#: The font every generated PDF is typeset in (reportlab's built-in CID font for simplified Chinese).
CJK = "STSong-Light"


def cjk_font() -> str:
    """Register the built-in CJK font with reportlab (once) and return its name."""
    from reportlab.pdfbase import pdfdoc, pdfmetrics
    from reportlab.pdfbase._cidfontdata import CIDFontInfo
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK not in pdfmetrics.getRegisteredFontNames():
        # reportlab writes the font's CIDSystemInfo strings as raw "(Adobe)", unencrypted even in
        # an encrypted PDF, where a reader then decrypts them to garbage and loses the CMap that
        # maps glyphs to characters: as string objects they are encrypted like every other string
        info = CIDFontInfo[CJK]["DescendantFonts"][0]["CIDSystemInfo"]
        for key in ("Registry", "Ordering"):
            if isinstance(info[key], str):
                info[key] = pdfdoc.PDFString(info[key].strip("()"))
        pdfmetrics.registerFont(UnicodeCIDFont(CJK))
    return CJK


def blocks_of(text: str) -> list[Block]:
    return text.splitlines()


def to_docx(blocks: list[Block], path: Path) -> Path:
    import docx

    d = docx.Document()
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        else:
            width = max(len(r) for r in b)
            t = d.add_table(rows=len(b), cols=width)
            for i, row in enumerate(b):
                cells = t.rows[i].cells  # once per row: table.cell(i, j) walks the grid each time
                for j, v in enumerate(row):
                    if v is not None and v != "":
                        cells[j].text = str(v)
    d.save(path)
    return path


def to_html(blocks: list[Block], path: Path, encoding: str = "utf-8") -> Path:
    out = [
        f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>决算公开</title>'
        '<script>var x = "收入1000万元";</script><style>p{margin:0}</style></head><body>',
        '<nav><ul><li><a href="/">首页</a></li><li>通知公告 2021年收入合计99.99万元</li></ul></nav>',
        '<div class="breadcrumb">当前位置：首页 &gt; 财政预决算</div><div class="article">',
    ]
    for b in blocks:
        if isinstance(b, str):
            out.append(f"<p>{html.escape(b)}</p>" if b.strip() else "<p>&nbsp;</p>")
        else:
            out.append(
                "<table border='1'>"
                + "".join(
                    "<tr>"
                    + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row)
                    + "</tr>"
                    for row in b
                )
                + "</table>"
            )
    out.append('</div><div id="footer">版权所有 联系电话 0835-1234567</div></body></html>')
    path.write_bytes("\n".join(out).encode(encoding, errors="xmlcharrefreplace"))
    return path


def to_xlsx(blocks: list[Block], path: Path, title: str = "Sheet1") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    r = 1
    for b in blocks:
        rows = [[b]] if isinstance(b, str) else b
        for row in rows:
            for c, v in enumerate(row, start=1):
                if v is not None and v != "":
                    cell = ws.cell(row=r, column=c, value=v)
                    if isinstance(v, str) and v.startswith("="):
                        cell.data_type = "s"  # text that looks like a formula ("=100百分比") stays text
                    if isinstance(v, float):
                        cell.number_format = "0.00"
            r += 1
    wb.save(path)
    return path


def to_xls(blocks: list[Block], path: Path, title: str = "Sheet1") -> Path:
    rows: list[list[object]] = []
    for b in blocks:
        rows.extend([[b]] if isinstance(b, str) else b)
    return sheets_to_xls({title: rows}, path)


def sheets_to_xlsx(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None and v != "":
                    cell = ws.cell(row=r, column=c, value=v)
                    if isinstance(v, float):
                        cell.number_format = "#,##0.00"
    wb.save(path)
    return path


def sheets_to_xls(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for title, rows in sheets.items():
        ws = wb.add_sheet(title[:31])
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, float):
                    ws.write(r, c, v, money)
                else:
                    ws.write(r, c, v)
    wb.save(str(path))
    return path


def to_pdf(blocks: list[Block], path: Path, encrypt: str | object | None = None, word: bool = False) -> Path:
    """word=True typesets as a word processor exports a report: justified, first lines indented two
    characters."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font()
    style = ParagraphStyle(
        "cjk",
        fontName=font,
        fontSize=10.5,
        leading=15,
        wordWrap="CJK",
        firstLineIndent=21 if word else 0,
        alignment=4 if word else 0,
    )
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    story = []
    for b in blocks:
        if isinstance(b, str):
            story.append(Paragraph(escape(b), style) if b.strip() else Spacer(1, 15))
        else:
            data = [[Paragraph(escape("" if v is None else str(v)), cell) for v in row] for row in b]
            t = Table(data)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(t)

    def page_number(canvas, doc):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    kwargs = {}
    if encrypt:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, canPrint=0) if isinstance(encrypt, str) else encrypt
    SimpleDocTemplate(str(path), pagesize=A4, **kwargs).build(
        story, onFirstPage=page_number, onLaterPages=page_number
    )
    return path

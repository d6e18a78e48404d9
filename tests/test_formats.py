"""Reports as published: each seed as .docx, .html, .xlsx and .pdf gives the findings of its text."""

import re
import subprocess
import sys

import makedocs as M
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import auditor
from auditor.core.errors import InputError
from auditor.pipeline import audit_source
from auditor.read.inputs import discover, read_bytes, read_path

FORMATS = {
    # format: (writer, place pattern)
    "docx": (M.to_docx, r"第\d+段"),
    "html": (M.to_html, r"第\d+段"),
    "xlsx": (M.to_xlsx, r"Sheet1!A\d+"),
    "xls": (M.to_xls, r"Sheet1!A\d+"),
    "pdf": (M.to_pdf, r"第\d+页第\d+行"),
}


def _key(report):
    """What a finding says, independent of where the format put it: rule, severity, figures as written."""
    return sorted(
        (
            f.rule,
            f.severity,
            tuple((e.text, e.value, e.unit) for e in f.evidence),
            f.diagnosis.cause if f.diagnosis else None,
        )
        for f in report.findings
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_seed_in_each_format_gives_the_same_findings(tmp_path, seeds, seed, fmt):
    text = seeds[seed].read_text(encoding="utf-8")
    expected = auditor.audit(seeds[seed])
    writer, place = FORMATS[fmt]
    path = writer(M.blocks_of(text), tmp_path / f"{seed}.{fmt}")
    source = read_path(path)
    report = audit_source(source)
    assert report.findings, "the seeds all have findings"
    assert _key(report) == _key(expected)
    lines = source.text.splitlines()
    for f in report.findings:
        for e in f.evidence:
            assert re.fullmatch(place, e.place), e.place  # in the document's own terms
            assert lines[e.line - 1][e.column - 1 : e.end_column - 1] == e.text  # and in the audited text
    if fmt in (
        "docx",
        "xlsx",
        "xls",
    ):  # one paragraph / row per line of the seed: the place is the seed's line
        for f, g in zip(sorted(report.findings, key=_order), sorted(expected.findings, key=_order)):
            n = int(re.search(r"\d+$", f.evidence[0].place.replace("段", "")).group())
            assert n == g.evidence[0].line


def _order(f):
    return (f.rule, tuple(e.text for e in f.evidence))


@pytest.mark.parametrize("seed", ["000", "002"])
def test_seed_as_word_exported_pdf(tmp_path, seeds, seed):
    """Justified text with indented first lines, as Word or WPS exports a report."""
    text = seeds[seed].read_text(encoding="utf-8")
    report = audit_source(read_path(M.to_pdf(M.blocks_of(text), tmp_path / "w.pdf", word=True)))
    assert _key(report) == _key(auditor.audit(seeds[seed]))


def test_pdf_places_name_page_and_line(tmp_path, seeds):
    text = seeds["000"].read_text(encoding="utf-8")
    source = read_path(M.to_pdf(M.blocks_of(text), tmp_path / "r.pdf"))
    report = audit_source(source)
    unit = next(f for f in report.findings if f.rule == "FA103")
    page, line = map(int, re.fullmatch(r"第(\d+)页第(\d+)行", unit.evidence[0].place).groups())
    import pypdfium2

    pdf = pypdfium2.PdfDocument(tmp_path / "r.pdf")
    # PDFium's own reading of the page, not the reader's: its lines end in CR LF
    try:
        lines = pdf[page - 1].get_textpage().get_text_range().split("\r\n")
    finally:
        pdf.close()
    lines = [ln for ln in lines if ln.strip() and ln.strip() != f"- {page} -"]
    assert unit.evidence[0].text in lines[line - 1]  # the figure is on that line of that page
    assert "- 1 -" not in source.text  # page numbers are not text


def test_pdfs_read_in_threads_at_once(tmp_path, seeds):
    """PDFium is not thread-safe (without the reader's lock, two threads reading at once crash the
    process), and a Dask worker audits in threads: in a process of its own, so a crash fails."""
    path = M.to_pdf(M.blocks_of(seeds["003"].read_text(encoding="utf-8")), tmp_path / "r.pdf")
    code = (
        "import sys; from concurrent.futures import ThreadPoolExecutor; "
        "from auditor.read.inputs import read_path; "
        "texts = list(ThreadPoolExecutor(4).map(lambda _: read_path(sys.argv[1]).text, range(12))); "
        "print(len(set(texts)), len(texts))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.split() == ["1", "12"], proc.stderr


def test_html_drops_navigation_and_scripts_keeps_tables(tmp_path):
    blocks = [
        "2021年本年支出合计1909.08万元。",
        [["项目", "金额"], ["基本支出", "501.68"], ["项目支出", "1407.40"]],
    ]
    source = read_path(M.to_html(blocks, tmp_path / "p.html"))
    assert "99.99" not in source.text and "var x" not in source.text and "版权所有" not in source.text
    assert "当前位置" not in source.text
    assert "| 基本支出 | 501.68 |" in source.text
    assert source.place_at(source.text.splitlines().index("| 基本支出 | 501.68 |") + 1, 12) == "表1第2行第2列"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "big5", "utf-16"])
def test_html_in_chinese_encodings(tmp_path, encoding):
    text = "本年收入合计1368.43万元，其中：财政拨款收入1024.83万元，占74.89%；其他收入334.6万元，占25.11%。"
    if encoding == "big5":
        text = text.replace("合计", "合計").replace("万元", "萬元").replace("财政拨款", "財政撥款")
    source = read_path(M.to_html([text], tmp_path / "p.html", encoding=encoding))
    assert text in source.text
    report = audit_source(source)
    assert "FA101" in [f.rule for f in report.findings]  # 1024.83 + 334.6 = 1359.43 ≠ 1368.43
    assert report.findings[0].evidence[0].place == "第1段"


def test_xls_workbook(tmp_path):
    from fujian import sheets

    source = read_path(M.sheets_to_xls(sheets(), tmp_path / "b.xls"))
    assert source.encoding == "xls"
    assert "| 合计 |  | 1233.12 | 501.73 | 731.39 |" in source.text  # number formats give the decimals shown
    assert len(source.tables) == 8


# --- traditional characters and Big5 ---------------------------------------------------------


def _positions(report):
    return [
        (f.rule, f.severity, [(e.line, e.column, e.end_column) for e in f.evidence]) for f in report.findings
    ]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_traditional_seed_same_findings_same_places(seeds, seed):
    from opencc import OpenCC

    text = seeds[seed].read_text(encoding="utf-8")
    traditional = OpenCC("s2t").convert(text)
    assert traditional != text
    a, b = auditor.audit_text(text), auditor.audit_text(traditional)
    assert _positions(b) == _positions(a)
    lines = traditional.splitlines()
    for f in b.findings:  # evidence shows the traditional characters as written
        for e in f.evidence:
            assert lines[e.line - 1][e.column - 1 : e.end_column - 1] == e.text


@pytest.mark.parametrize("seed", ["001", "003"])
def test_big5_traditional_seed(tmp_path, seeds, seed):
    from opencc import OpenCC

    text = OpenCC("s2tw").convert(seeds[seed].read_text(encoding="utf-8")).replace("≤", "≦").replace("≥", "≧")
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    source = read_path(p)
    assert source.encoding == "big5" and source.text == text
    assert _positions(audit_source(source)) == _positions(auditor.audit(seeds[seed]))


def test_traditional_without_opencc_still_reads(monkeypatch, seeds):
    from opencc import OpenCC

    import auditor.read.normalize as N

    text = OpenCC("s2t").convert(seeds["002"].read_text(encoding="utf-8"))
    monkeypatch.setattr(N, "_CONVERTER", [None])
    report = auditor.audit_text(text)  # reads; matching words is weaker, figures are still found
    assert report.coverage.figures == auditor.audit(seeds["002"]).coverage.figures
    assert N.to_simplified("財政撥款") == "財政撥款"


def test_conversion_keeps_length():
    from auditor.read.normalize import normalize, to_simplified

    for t in ["財政撥款收入", "「三公」經費支出決算為1.11萬元", "乾隆", "後來的髮型"]:
        assert len(to_simplified(t)) == len(t)
    n = normalize("一般公共預算財政撥款收入１０２４.８３萬元")
    assert "预算财政拨款收入1024.83万元" in n.text and n.position(n.text.index("1024")) == (1, 13)


# --- bad input -------------------------------------------------------------------------------


def _scanned_pdf(path):
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(img).rectangle([20, 20, 580, 60], fill=0)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(img), 50, 500, width=500, height=160)
    c.showPage()
    c.save()
    return path


def _zip_bomb(path):
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        with z.open("word/media/bomb.bin", "w") as fh:
            block = b"\0" * (1024 * 1024)
            for _ in range(64):
                fh.write(block)
    return path


def _encrypted_xlsx(path, tmp_path, writer=M.to_xlsx):
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = writer(["收入合计100.00万元"], tmp_path / ("plain" + path.suffix))
    with open(plain, "rb") as src, open(path, "wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)
    assert msoffcrypto.OfficeFile(open(path, "rb")).is_encrypted()
    return path


@pytest.fixture
def bad_files(tmp_path):
    text = [
        "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1407.4万元，占73.72%。"
    ]
    good_pdf = M.to_pdf(text, tmp_path / "good.pdf").read_bytes()
    files = {
        "corrupt.pdf": (
            b"%PDF-1.4\n1 0 obj<<>>endobj\ngarbage" + bytes(range(256)) * 4 + b"\n%%EOF\n",
            "corrupt PDF",
        ),
        "truncated.pdf": (good_pdf[: len(good_pdf) // 3], "corrupt PDF (truncated"),
        "broken-xref.pdf": (good_pdf[:200] + b"garbage" + good_pdf[-40:], "corrupt PDF"),
        "encrypted.pdf": (M.to_pdf(text, tmp_path / "e.pdf", encrypt="secret").read_bytes(), "encrypted PDF"),
        "scanned.pdf": (
            _scanned_pdf(tmp_path / "s.pdf").read_bytes(),
            "no text layer (scanned?): OCR is not supported",
        ),
        "bomb.docx": (_zip_bomb(tmp_path / "b.zip").read_bytes(), "zip bomb"),
        "locked.xlsx": (_encrypted_xlsx(tmp_path / "l.xlsx", tmp_path).read_bytes(), "password-protected"),
        "locked.docx": (
            _encrypted_xlsx(tmp_path / "l.docx", tmp_path, M.to_docx).read_bytes(),
            "password-protected",
        ),
        "text.pdf": (
            "本年收入合计1368.43万元。".encode(),
            "extension says .pdf but the content is plain text",
        ),
        "image.docx": (
            b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
            "extension says .docx but the content is an image",
        ),
        "notdocx.docx": (
            _plain_zip(tmp_path / "z.zip").read_bytes(),
            "extension says .docx but the content is a zip archive",
        ),
        "corrupt.xlsx": (_broken_xlsx(tmp_path).read_bytes(), "xlsx"),
        "report.rtf": (
            b"{\\rtf1\\ansi\\ansicpg936 \\'ca\\'d5\\'c8\\'eb}",
            "an RTF document is not supported",
        ),
        "report.mht": (
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n",
            "MHTML web archive (single-file web page) is not supported",
        ),
        "broken.xls": (_broken_xls(tmp_path), "corrupt .xls workbook"),
        "old.doc": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 512,
            "legacy Word .doc is not supported",
        ),
    }
    for name, (data, _) in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path, {name: why for name, (_, why) in files.items()}


def _broken_xls(tmp_path):
    from fujian import sheets

    data = bytearray(M.sheets_to_xls(sheets(), tmp_path / "ok.xls").read_bytes())
    for k in range(1024, len(data) - 512, 7):  # the workbook stream scrambled, the container intact
        data[k] = (data[k] * 31 + 17) % 256
    return bytes(data)


def _plain_zip(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    return path


def _broken_xlsx(tmp_path):
    import zipfile

    src = M.to_xlsx(["收入合计100.00万元"], tmp_path / "ok.xlsx")
    out = tmp_path / "broken.zip"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # cut mid-XML
            zout.writestr(item, data)
    return out


def test_each_bad_input_is_one_clear_error(bad_files):
    folder, reasons = bad_files
    for name, why in reasons.items():
        with pytest.raises(InputError) as exc:
            read_path(folder / name)
        message = str(exc.value)
        assert name in message and why in message and "\n" not in message, (name, message)


def test_bad_inputs_in_a_batch_at_the_command_line(bad_files, seeds):
    folder, reasons = bad_files
    import json
    import os

    before = sorted(os.listdir(folder))
    paths = [str(folder / n) for n in reasons] + [str(folder / "good.pdf"), str(seeds["002"])]
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--format", "json", *paths], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [
        ln for ln in proc.stderr.strip().splitlines() if ln.startswith("auditor: ")
    ]  # then the summary table
    assert len(errors) == len(reasons)
    for name, why in reasons.items():
        line = next(ln for ln in errors if name in ln)
        assert why in line
    data = json.loads(proc.stdout)
    assert sorted(os.path.basename(d["path"]) for d in data["documents"]) == sorted(
        ["good.pdf", seeds["002"].name]
    )
    good = next(d for d in data["documents"] if d["path"].endswith("good.pdf"))
    assert good["findings"] == [] and good["coverage"]["relations_checked"] >= 3
    assert sorted(os.listdir(folder)) == before  # nothing written


def test_pdf_with_only_an_owner_password_reads(tmp_path):
    """Restrictions (no printing) without a password to open: the text is there to read."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    text = [
        "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1407.4万元，占73.72%。"
    ]
    path = tmp_path / "restricted.pdf"
    M.to_pdf(text, path, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    source = read_path(path)
    assert text[0] in source.text and source.places[0][2] == "第1页第1行"


def test_content_decides_when_it_is_a_supported_format(tmp_path, seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    expected = _key(auditor.audit(seeds["002"]))
    pdf_named_txt = tmp_path / "report.txt"
    pdf_named_txt.write_bytes(M.to_pdf(M.blocks_of(text), tmp_path / "r.pdf").read_bytes())
    html_named_xls = tmp_path / "report.xls"  # download sites serve web pages as .xls
    html_named_xls.write_bytes(M.to_html(M.blocks_of(text), tmp_path / "r.html").read_bytes())
    docx_named_pdf = tmp_path / "report.pdf"
    docx_named_pdf.write_bytes(M.to_docx(M.blocks_of(text), tmp_path / "r.docx").read_bytes())
    for p, place in [
        (pdf_named_txt, r"第\d+页第\d+行"),
        (html_named_xls, r"第\d+段"),
        (docx_named_pdf, r"第\d+段"),
    ]:
        report = audit_source(read_path(p))
        assert _key(report) == expected
        assert re.fullmatch(place, report.findings[0].evidence[0].place)
    assert _key(auditor.audit(pdf_named_txt.read_bytes(), name="x.bin")) == expected  # bytes: sniffed too


@pytest.mark.parametrize(
    "module, fmt, extra",
    [
        ("pypdfium2", "pdf", "pdf"),
        ("docx", "docx", "office"),
        ("openpyxl", "xlsx", "office"),
        ("lxml", "html", "html"),
    ],
)
def test_missing_extra_names_it(tmp_path, monkeypatch, module, fmt, extra):
    path = FORMATS[fmt][0](["收入合计100.00万元"], tmp_path / f"a.{fmt}")
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    monkeypatch.setitem(sys.modules, f"{module}.html", None)
    with pytest.raises(InputError) as exc:
        read_path(path)
    assert str(exc.value) == f"{path}: reading .{fmt} needs the extra: pip install 'auditor[{extra}]'"


def test_discover_finds_the_new_formats(tmp_path):
    for name in ["a.txt", "b.pdf", "c.docx", "d.xlsx", "e.xls", "f.html", "g.htm", "h.png", "i.doc"]:
        (tmp_path / name).write_bytes(b"x")
    files, errors = discover([str(tmp_path)])
    assert [p.rsplit("/", 1)[1] for p in files] == [
        "a.txt",
        "b.pdf",
        "c.docx",
        "d.xlsx",
        "e.xls",
        "f.html",
        "g.htm",
    ]


def test_import_stays_light():
    code = (
        "import sys, auditor; "
        "r = auditor.audit_text('本年支出合计1909.08万元，其中：基本支出501.68万元，项目支出1407.4万元。');"
        "heavy = [m for m in ('lxml', 'docx', 'openpyxl', 'xlrd', 'pdfplumber', 'pdfminer', 'pypdfium2', "
        "'opencc') "
        "if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_bytes_are_read_by_content(tmp_path):
    data = M.to_docx(
        ["本年支出合计1909.08万元，其中：基本支出501.68万元，项目支出1407.4万元。"], tmp_path / "a.docx"
    ).read_bytes()
    source = read_bytes(data, "download")
    assert source.encoding == "docx" and source.places[0] == (1, 1, "第1段")


def test_html_merged_cells_keep_their_columns(tmp_path):
    page = """<html><head><meta charset="gbk"></head><body><div class="TRS_Editor">
    <p style="text-indent:2em">一、收入支出决算总体情况说明</p>
    <table><thead><tr><td rowspan="2">项目</td><td colspan="2">决算数</td></tr>
    <tr><td>本年</td><td>上年</td></tr></thead>
    <tbody><tr><td>收入合计</td><td>100.00</td><td>90.00</td></tr></tbody></table>
    <p>本年收入合计100.00万元。<br>比上年增加10.00万元，增长11.11%。</p></div></body></html>"""
    p = tmp_path / "t.htm"
    p.write_bytes(page.encode("gbk"))
    source = read_path(p)
    lines = source.text.splitlines()
    assert lines[0] == "一、收入支出决算总体情况说明"
    assert lines[3] == "| 收入合计 | 100.00 | 90.00 |"
    assert source.place_at(4, lines[3].index("90.00") + 1) == "表1第3行第3列"
    assert source.place_at(2, lines[1].index("决算数") + 1) == "表1第1行第2列"
    assert lines[2].startswith("|  | 本年 | 上年")  # the row-spanned cell keeps its column
    assert lines[4:6] == ["本年收入合计100.00万元。", "比上年增加10.00万元，增长11.11%。"]
    assert source.place_at(6, 1) == "第3段"


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (0.1 + 0.2, "General", "0.3"),
        (1234.5, "#,##0.00", "1234.50"),
        (0.9736, "0.00%", "97.36%"),
        (5, "0", "5"),
        (1233.12, "General", "1233.12"),
        (1233.0, "0.00_ ", "1233.00"),
        (None, "General", ""),
        (-12.5, "#,##0.00;[Red]-#,##0.00", "-12.50"),
    ],
)
def test_cells_read_as_the_sheet_shows_them(value, fmt, shown):
    from auditor.read.formats.sheets import shown as show

    assert show(value, fmt) == shown


def test_html_layout_table_is_not_a_data_table(tmp_path, seeds):
    """Old sites put the whole article in a layout table: its paragraphs are still paragraphs."""
    text = seeds["002"].read_text(encoding="utf-8")
    inner = M.to_html(M.blocks_of(text), tmp_path / "inner.html").read_text(encoding="utf-8")
    body = inner[inner.index('<div class="article">') : inner.index('<div id="footer">')]
    page = (
        "<html><head><meta charset='utf-8'></head><body><table width='100%'><tr><td class='left'>"
        "<a href='/'>首页</a></td><td>" + body + "</td></tr></table></body></html>"
    )
    p = tmp_path / "layout.html"
    p.write_text(page, encoding="utf-8")
    report = audit_source(read_path(p))
    assert _key(report) == _key(auditor.audit(seeds["002"]))
    assert all(re.fullmatch(r"第\d+段", f.evidence[0].place) for f in report.findings)


def _pdf_with_unmapped_glyphs(glyphs: int, mapped: str) -> bytes:
    """A page with `glyphs` glyphs in a font that maps none of them to a character (Identity-H, no
    ToUnicode, not embedded: PDFium reads their codes 0x12, 0x34 … as if they were characters,
    and "4" or "V" among them would be read as text), then `mapped` in Helvetica below."""
    codes = "".join(f"{0x12 + 0x22 * k:04X}" for k in range(glyphs))
    content = f"BT /F1 12 Tf 72 700 Td <{codes}> Tj ET BT /F2 12 Tf 72 680 Td ({mapped}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoSuchFont /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoSuchFont /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_unmapped_glyphs_are_refused_not_audited():
    with pytest.raises(InputError) as exc:
        read_bytes(_pdf_with_unmapped_glyphs(12, "1234.56"), "unmapped.pdf")
    assert "its fonts map glyphs to no characters" in str(exc.value)
    text = read_bytes(_pdf_with_unmapped_glyphs(3, "Total income 1368.43"), "few.pdf").text
    # no "4", no "V" read from the glyphs' codes
    assert text.startswith("\ufffd\ufffd\ufffd") and "Total income 1368.43" in text

    from auditor.read.formats.pdf import unmapped_share

    def line(t):
        return (1, "line", {"text": t})

    assert unmapped_share([line("\ufffd\ufffd\ufffd1234.56"), line("\ufffd\ufffd")]) > 0.3
    assert unmapped_share([line("本年收入合计1368.43万元"), line("其中\ufffd")]) < 0.3
    table = (1, "table", {"rows": [["\ufffd\ufffd", "\ufffd\ufffd"], ["\ufffd", None]]})
    # table cells count too
    assert unmapped_share([line("本年收入合计"), table]) > 0.3


def test_large_pdf_allowed_large_text_not(tmp_path):
    from auditor.read.inputs import MAX_BYTES

    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:  # a PDF over the text limit is not refused for its size
        fh.write(b"%PDF-1.4\n")
        fh.seek(MAX_BYTES + 10)
        fh.write(b"x")
    with pytest.raises(InputError) as exc:
        read_path(big)
    assert "MB" not in str(exc.value) and "corrupt PDF" in str(exc.value)


def test_folder_of_published_formats_at_the_command_line(tmp_path, seeds):
    import json

    from fujian import sheets

    M.to_docx(M.blocks_of(seeds["000"].read_text(encoding="utf-8")), tmp_path / "000.docx")
    M.to_html(M.blocks_of(seeds["003"].read_text(encoding="utf-8")), tmp_path / "003.htm")
    book = sheets()
    book["支出决算表"][5][2] = 1233.21
    M.sheets_to_xlsx(book, tmp_path / "附表.xlsx")
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    docs = {d["path"].rsplit("/", 1)[1]: d for d in json.loads(proc.stdout)["documents"]}
    assert sorted(docs) == ["000.docx", "003.htm", "附表.xlsx"]
    table = docs["附表.xlsx"]["findings"]
    assert [(f["rule"], f["evidence"][0]["place"]) for f in table] == [("FA701", "支出决算表!C6")]
    unit = next(f for f in docs["000.docx"]["findings"] if f["rule"] == "FA103")
    assert unit["evidence"][0]["place"] == "第327段" and unit["evidence"][0]["text"] == "1132.69元"
    rich = subprocess.run(
        [sys.executable, "-m", "auditor", "check", str(tmp_path / "附表.xlsx")],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "COLUMNS": "200"},
    )
    assert "支出决算表!C6" in rich.stdout and "FA701" in rich.stdout


PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><body>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"{\\rtf1",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=600),
    tail=st.sampled_from([b"", b"\n%%EOF\n"]),
    name=st.sampled_from(["a.txt", "a.pdf", "a.docx", "a.xlsx", "a.xls", "a.html", "a"]),
)
def test_any_bytes_give_a_source_or_one_clear_error(prefix, body, tail, name):
    try:
        source = read_bytes(prefix + body + tail, name)
    except InputError as exc:
        assert str(exc).startswith(name + ": ") and "\n" not in str(exc)
    else:
        assert isinstance(source.text, str) and source.text.strip()


def test_damaged_zip_documents(tmp_path):
    """Real documents with a part cut or missing: one clear error each."""
    import zipfile

    good = M.to_docx(["收入合计100.00万元"], tmp_path / "g.docx")
    for drop in ("word/document.xml", "[Content_Types].xml"):
        out = tmp_path / f"no-{drop.replace('/', '_')}.docx"
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w") as zout:
            for item in zin.infolist():
                if item.filename != drop:
                    zout.writestr(item, zin.read(item.filename))
        with pytest.raises(InputError) as exc:
            read_path(out)
        assert str(out) in str(exc.value) and "\n" not in str(exc.value)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[:-300])  # the zip's central directory is gone
    with pytest.raises(InputError):
        read_path(cut)


def test_workbook_with_uncomputed_formulas_is_refused_not_passed(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["支出决算表"])
    ws.append(["项目", "金额"])
    ws.append(["基本支出", 501.73])
    ws.append(["项目支出", 731.39])
    ws.append(["合计", "=SUM(B3:B4)"])  # openpyxl stores the formula, never its value
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(InputError, match=r"1 formula cell\(s\) hold no computed value"):
        read_path(tmp_path / "f.xlsx")


def test_pdf_rows_of_a_table_without_rules_are_not_joined(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "borderless.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(M.cjk_font(), 10.5)
    rows = [
        ("一般公共服务支出", "1181.39", "450.00", "731.39"),
        ("社会保障和就业支出", "19.22", "19.22", "0.00"),
    ]
    for k, row in enumerate(rows):  # right-aligned numbers reach the right margin, as in a wide table
        y = 700 - 15 * k
        c.drawString(72, y, row[0])
        for j, v in enumerate(row[1:]):
            c.drawRightString(380 + 80 * j, y, v)
    c.drawString(72, 600, "本年支出合计1200.61万元。")
    c.showPage()
    c.save()
    lines = read_path(path).text.splitlines()
    assert lines[0].startswith("一般公共服务支出") and lines[1].startswith("社会保障和就业支出")


def test_pdf_table_of_thin_rectangles_with_a_merged_header(tmp_path):
    """Spreadsheet exports draw rules as thin filled rectangles and shade the header; a merged
    cell keeps its columns (the cells it covers are empty)."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "ruled.pdf"
    c = canvas.Canvas(str(path))
    xs, ys = [72, 200, 300, 400], [700, 680, 660, 640]
    c.setFillGray(0.85)
    c.rect(200.5, 680.5, 199, 19, fill=1, stroke=0)
    c.setFillGray(0)
    for y in ys:
        c.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5, fill=1, stroke=0)
    # the rule between 本年 and 上年 stops below the merged 决算数
    for k, x in enumerate(xs):
        c.rect(x - 0.25, ys[-1], 0.5, (ys[0] if k != 2 else ys[1]) - ys[-1], fill=1, stroke=0)
    c.setFont(M.cjk_font(), 10.5)
    for x, y, text in [(75, 695, "项目"), (205, 695, "决算数"), (205, 675, "本年"), (305, 675, "上年")]:
        c.drawString(x, y - 10, text)
    for x, text in [(75, "收入合计"), (205, "100.00"), (305, "90.00")]:
        c.drawString(x, 645, text)
    c.drawString(72, 600, "本年收入合计100.00万元。")
    c.showPage()
    c.save()
    source = read_path(path)
    assert source.text.splitlines() == [
        "| 项目 | 决算数 |  |",
        "|  | 本年 | 上年 |",
        "| 收入合计 | 100.00 | 90.00 |",
        "本年收入合计100.00万元。",
    ]
    assert source.place_at(3, source.text.splitlines()[2].index("90.00") + 1) == "第1页表1第3行第3列"


def test_pdf_page_turned_by_rotate_reads_upright(tmp_path):
    """A landscape page of a portrait document: /Rotate 90, its content drawn turned so that it
    reads upright on screen."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)
    width, height = landscape(A4)
    # the displayed page's lower left corner, and its upright
    c.translate(height, 0)
    c.rotate(90)
    c.setFont(M.cjk_font(), 10.5)
    c.drawString(72, 500, "本年收入合计1368.43万元。")
    c.line(72, 400, 300, 400)
    c.line(72, 380, 300, 380)
    c.line(72, 360, 300, 360)
    for x in (72, 200, 300):
        c.line(x, 400, x, 360)
    c.drawString(75, 386, "项目")
    c.drawString(205, 386, "金额")
    c.drawString(75, 366, "合计")
    c.drawString(205, 366, "1368.43")
    c.showPage()
    c.save()
    assert read_path(path).text.splitlines() == [
        "本年收入合计1368.43万元。",
        "| 项目 | 金额 |",
        "| 合计 | 1368.43 |",
    ]


def test_scanned_pages_among_text_pages_are_reported_in_the_coverage(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    for page in range(1, 6):
        if page in (2, 3, 5):  # stamped tables scanned into the report
            c.drawImage(ImageReader(Image.new("L", (300, 100), 128)), 50, 500, width=300, height=100)
        else:
            c.setFont(M.cjk_font(), 10.5)
            c.drawString(
                72, 700, f"本年支出合计1909.08万元，其中：基本支出501.68万元，项目支出1407.4万元。第{page}页"
            )
        c.showPage()
    c.save()
    report = audit_source(read_path(path))
    assert report.coverage.relations_skipped["pages without a text layer (scanned?), not read: 2-3, 5"] == 3

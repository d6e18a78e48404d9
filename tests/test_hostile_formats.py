"""Hostile documents (issue 12, items 3, 4, 8 and 12): every format's sample corrupted in a few
hundred ways (hypothesis, derandomised: the same cases on every run), zip members damaged one by
one, web pages nested past libxml2's depth limit, integers alone on a PDF line, refusals that
say what the file really is. Each case ends in a correct audit, or one line naming the file."""

from __future__ import annotations

import io
import json
import random
import struct
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import makedocs as M
import pytest
from hostile import assert_one_line, cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import auditor
from auditor.read.inputs import read_bytes

SLIP = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1417.4万元，占73.72%。"
BLOCKS = [
    "2021年度部门决算说明",
    SLIP,
    [["项目", "行次", "金额"], ["收入合计", "1", "100.00"], ["支出合计", "2", "90.00"]],
    "本年收入合计100.00万元，与上年相比增加10.00万元，增长11.11%。",
]
FORMATS = ("txt", "html", "docx", "xlsx", "xls", "pdf")
FUZZ = settings(
    derandomize=True,  # the same cases on every run, in CI and at a desk
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def sample(fmt: str) -> bytes:
    """The bytes of a small report in one format (built once per run)."""
    folder = Path(tempfile.mkdtemp(prefix="auditor-samples-"))
    if fmt == "txt":
        return ("\n".join(b for b in BLOCKS if isinstance(b, str)) + "\n").encode("gb18030")
    build = {"html": M.to_html, "docx": M.to_docx, "xlsx": M.to_xlsx, "xls": M.to_xls, "pdf": M.to_pdf}[fmt]
    return build(BLOCKS, folder / f"sample.{fmt}").read_bytes()


def judged(data: bytes, name: str) -> str:
    """'read' (a report came back) or 'refused' (one line naming the file); anything else fails."""
    try:
        report = auditor.audit(data, name=name)
    except auditor.InputError as exc:
        text = str(exc)
        assert text.startswith(name + ": ") and "\n" not in text and len(text) < 400, text
        return "refused"
    assert isinstance(report, auditor.AuditReport)
    return "read"


def test_every_sample_reads_whole():
    for fmt in FORMATS:
        report = auditor.audit(sample(fmt), name=f"sample.{fmt}")
        assert "FA101" in {f.rule for f in report.findings}, fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_truncated_samples(fmt):
    @settings(FUZZ, max_examples=80)
    @given(share=st.floats(min_value=0.0, max_value=0.999))
    def cut(share):
        data = sample(fmt)
        judged(data[: int(len(data) * share)], f"cut.{fmt}")

    cut()


@pytest.mark.parametrize("fmt", FORMATS)
def test_samples_with_bytes_flipped(fmt):
    @settings(FUZZ, max_examples=150)
    @given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(1, 255)), min_size=1, max_size=12))
    def flipped(flips):
        data = bytearray(sample(fmt))
        for position, mask in flips:
            data[position % len(data)] ^= mask
        judged(bytes(data), f"flipped.{fmt}")

    flipped()


# -- zip members damaged one at a time (docx, xlsx) ------------------------------------------------
DAMAGE = ("garbage", "bad-version", "bad-method", "broken-xml", "missing", "empty")


def damaged(data: bytes, member: str, how: str) -> bytes:
    """The zip with one member damaged: its compressed bytes replaced (the CRC no longer fits), a
    version or compression method no reader supports, its XML broken, the member left out or empty."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos, contents = z.infolist(), {i.filename: z.read(i.filename) for i in z.infolist()}
    if how in ("broken-xml", "missing", "empty"):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in infos:
                body = contents[info.filename]
                if info.filename == member:
                    if how == "missing":
                        continue
                    body = b"" if how == "empty" else body[: len(body) // 2] + b"<unclosed"
                z.writestr(info.filename, body)
        return out.getvalue()
    raw = bytearray(data)
    info = next(i for i in infos if i.filename == member)
    local = info.header_offset
    name_len, extra_len = struct.unpack("<HH", raw[local + 26 : local + 30])
    start = local + 30 + name_len + extra_len
    if how == "garbage":
        rng = random.Random(member)
        raw[start : start + info.compress_size] = bytes(rng.randrange(256) for _ in range(info.compress_size))
        return bytes(raw)
    central = raw.find(b"PK\x01\x02")  # the member's entry in the central directory
    while raw[central + 46 : central + 46 + struct.unpack("<H", raw[central + 28 : central + 30])[0]] != (
        member.encode()
    ):
        central = raw.find(b"PK\x01\x02", central + 4)
        assert central >= 0, member
    if how == "bad-version":  # "version needed to extract" 9.9
        struct.pack_into("<H", raw, local + 4, 99)
        raw[central + 6] = 99
    else:  # compression method 97 (WavPack): zipfile raises NotImplementedError
        struct.pack_into("<H", raw, local + 8, 97)
        struct.pack_into("<H", raw, central + 10, 97)
    return bytes(raw)


def _members(fmt: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(sample(fmt))) as z:
        return [i.filename for i in z.infolist()]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_each_zip_member_damaged_each_way(fmt):
    outcomes = {}
    for member in _members(fmt):
        for how in DAMAGE:
            outcomes[(member, how)] = judged(damaged(sample(fmt), member, how), f"damaged.{fmt}")
    main = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet1.xml"
    for how in DAMAGE:  # the part holding the report can never be lost and pass
        assert outcomes[(main, how)] == "refused", how
    assert len(outcomes) >= 40


def test_corrupt_files_at_the_command_line_one_line_each(tmp_path):
    """A batch of broken files of every format: the readable audited, each other one line, exit 2,
    nothing but JSON on standard output (no reader's chatter), never a traceback."""
    names = []
    for fmt in FORMATS:
        data = sample(fmt)
        for k, broken in enumerate([data[: len(data) // 3], data[: len(data) - 7], _flip(data, 40)]):
            (tmp_path / f"{fmt}{k}.{fmt}").write_bytes(broken)
            names.append(f"{fmt}{k}.{fmt}")
    for fmt in ("docx", "xlsx"):
        main = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet1.xml"
        for how in ("garbage", "bad-version", "bad-method"):
            (tmp_path / f"{how}.{fmt}").write_bytes(damaged(sample(fmt), main, how))
            names.append(f"{how}.{fmt}")
    status, out, err = cli("check", "--format", "json", "--no-summary", tmp_path)
    data = json.loads(out)
    errors = {Path(e["path"]).name for e in data["errors"]}
    audited = {Path(d["path"]).name for d in data["documents"]}
    assert errors | audited == set(names) and not errors & audited
    assert_one_line(status, err, *sorted(str(tmp_path / n) for n in errors))
    assert len(err.strip().splitlines()) == len(errors)


def _flip(data: bytes, n: int) -> bytes:
    rng = random.Random(n)
    raw = bytearray(data)
    for _ in range(n):
        raw[rng.randrange(len(raw))] ^= rng.randrange(1, 256)
    return bytes(raw)


# -- item 12: refusals that say what the file is --------------------------------------------------
def test_binary_data_is_not_called_plain_text():
    rng = random.Random(1)
    data = bytes(rng.randrange(256) for _ in range(3000))
    for name in ("report.pdf", "report.docx", "report.txt", "report"):
        with pytest.raises(auditor.InputError) as exc:
            read_bytes(data, name)
        assert "plain text" not in str(exc.value) and "binary" in str(exc.value), str(exc.value)


def test_a_truncated_docx_is_called_a_truncated_docx():
    for fmt in ("docx", "xlsx"):
        with pytest.raises(auditor.InputError) as exc:
            read_bytes(sample(fmt)[:-300], f"report.{fmt}")
        message = str(exc.value)
        assert f"corrupt or truncated .{fmt}" in message and "zip archive" not in message, message


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_one_invalid_byte_is_replaced_and_reported_with_its_place(encoding):
    text = "部门决算说明\n\n" + SLIP + "\n另有收入合计100.00万元。\n"
    data = text.encode(encoding)
    k = data.index("另有".encode(encoding))
    broken = data[:k] + b"\xff" + data[k:]  # a stray byte at line 4, column 1
    report = auditor.audit(broken, name="stray.txt")
    notes = [f for f in report.findings if f.rule == "FA602"]
    assert len(notes) == 1 and notes[0].severity == "info"
    assert (notes[0].evidence[0].line, notes[0].evidence[0].column) == (4, 1)
    assert f"byte 0xff at offset {k}" in notes[0].message
    assert "FA101" in {f.rule for f in report.findings}  # the rest is read and audited


def test_one_invalid_byte_in_a_web_page_is_replaced_and_reported():
    body = f"<p>说明</p><p>{SLIP}</p><p>另有收入</p>"
    page = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    data = page.encode("utf-8")
    k = data.index("另有".encode())
    report = auditor.audit(data[:k] + b"\xff" + data[k:], name="stray.html")
    notes = [f for f in report.findings if f.rule == "FA602"]
    assert [(f.evidence[0].line, f.evidence[0].column, f.evidence[0].place) for f in notes] == [
        (3, 1, "第3段")
    ]
    assert f"byte 0xff at offset {k}" in notes[0].message and "FA101" in {f.rule for f in report.findings}


def test_many_invalid_bytes_refused_with_the_offset_of_the_first():
    data = ("部门决算说明\n" + SLIP + "\n").encode("utf-8")
    raw = bytearray(data)
    for k in range(20, len(raw), 9):
        raw[k] = 0xFF
    with pytest.raises(auditor.InputError) as exc:
        read_bytes(bytes(raw), "many.txt")
    assert "byte 0xff at offset 20 (line 2, column 2)" in str(exc.value), str(exc.value)


# -- item 3: web pages nested past libxml2's limit --------------------------------------------------
@pytest.mark.parametrize("depth", [300, 3000])
def test_web_page_nested_deeper_than_libxml2_is_read_whole(depth):
    """Old CMS pages open a <font> and a <div> per paragraph and never close them."""
    filler = "".join(f"<div><font>第{i}段：本部门职能未变。" for i in range(depth))
    page = f"<!DOCTYPE html><html><body>{filler}<div><font>{SLIP}</body></html>"
    report = auditor.audit(page.encode("utf-8"), name="deep.html")
    assert "FA101" in {f.rule for f in report.findings}
    closed = "".join(f"<div><font>第{i}段：本部门职能未变。</font></div>" for i in range(depth))
    same = auditor.audit(f"<html><body>{closed}<p>{SLIP}</p></body></html>".encode(), name="closed.html")
    assert report.coverage.figures == same.coverage.figures


def test_web_page_that_cannot_be_read_whole_is_refused_not_read_in_part():
    """Tables nested 700 deep keep their structure when flattened: too deep to walk, said so."""
    page = "<html><body>" + "<table><tr><td>" * 700 + SLIP + "</td></tr></table>" * 700 + "</body></html>"
    with pytest.raises(auditor.InputError) as exc:
        read_bytes(page.encode("utf-8"), "tables.html")
    assert "tables.html: web page nested deeper than" in str(exc.value) and "cannot be read whole" in str(
        exc.value
    )


# -- item 4: integers alone on a PDF line -----------------------------------------------------------
def _pdf_with_lone_integers(path: Path, pages: int = 3) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, pages + 1):
        c.setFont("STSong-Light", 10.5)
        y = 760
        for line in ["项目支出绩效自评表", "指标", "分值", "10", "得分", "12", "总分", "96", str(page + 1)]:
            c.drawString(72, y, line)
            y -= 18
        c.drawString(72, 810, "部门决算")  # the running header
        c.drawCentredString(A4[0] / 2, 30, f"- {page} -")  # the page number, in the footer band
        c.showPage()
    c.save()
    return path


def test_pdf_keeps_integers_alone_on_a_line_and_drops_only_page_numbers(tmp_path):
    source = read_bytes(_pdf_with_lone_integers(tmp_path / "scores.pdf").read_bytes(), "scores.pdf")
    lines = source.text.splitlines()
    for page in (1, 2, 3):
        assert f"- {page} -" not in lines
    assert lines.count("10") == 3 and lines.count("12") == 3 and lines.count("96") == 3
    assert [ln for ln in lines if ln in ("2", "3", "4")] == ["2", "3", "4"]  # in the body: kept


def test_pdf_page_whose_only_line_is_a_figure_keeps_it(tmp_path):
    """A self-evaluation table's total carried over to a page of its own, printed at the page's
    top (in the header band): not a page number, since it does not follow the page sequence that
    the printed page numbers do; a bare number in the footer band that does follow it is one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "carried.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    font = M.cjk_font()
    # a line to the right margin, so that short lines are known as short
    wide = "本部门按照预算绩效管理要求，组织对项目支出开展绩效自评，自评覆盖率达到百分之百。"
    pages = [[wide, wide, "项目支出绩效自评表", "指标 分值 得分"], ["96"], [wide, "自评结论：良好。"], []]
    for page, body in enumerate(pages, start=1):
        c.setFont(font, 10.5)
        for k, line in enumerate(body):
            c.drawString(72, (800 if body == ["96"] else 760) - 18 * k, line)
        # the carried-over page prints no page number
        if page != 2:
            c.drawCentredString(A4[0] / 2, 30, f"- {page} -" if page < 4 else str(page))
        c.showPage()
    c.save()
    source = read_bytes(path.read_bytes(), "carried.pdf")
    lines = source.text.splitlines()
    assert "96" in lines and "4" not in lines and "- 1 -" not in lines, lines
    number = lines.index("96") + 1
    assert [place for line, _, place in source.places if line == number] == ["第2页第1行"]

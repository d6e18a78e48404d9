"""The statistical tables' own arithmetic (FA701–FA705), on generated 附表 workbooks and documents."""

import re
from decimal import Decimal

import pytest
from fujian import as_blocks, sheets
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from makedocs import sheets_to_xls, sheets_to_xlsx, to_docx, to_html, to_pdf

from auditor.check.tables.checks import check_tables
from auditor.explain.tables import table_findings
from auditor.parse.grids import recognise
from auditor.pipeline import audit_source
from auditor.read.inputs import read_path
from auditor.read.source import Cell, Table


def _findings(tables):
    """The tables' findings, worded and blamed, without the prose."""
    return table_findings(check_tables(tables), None)


def _audit(tmp_path, book, name="fj.xlsx"):
    path = (sheets_to_xls if name.endswith(".xls") else sheets_to_xlsx)(book, tmp_path / name)
    return audit_source(read_path(path))


@pytest.mark.parametrize("name", ["fj.xlsx", "fj.xls"])
def test_consistent_tables_are_clean_and_checked(tmp_path, name):
    src = read_path((sheets_to_xls if name.endswith(".xls") else sheets_to_xlsx)(sheets(), tmp_path / name))
    checker = check_tables(src.tables)
    assert len(checker.grids) == 8  # every standard table recognised by its title
    assert checker.checked >= 100 and checker.consistent == checker.checked
    report = audit_source(src)
    assert report.findings == []  # nor does the prose engine misread the pipe rows
    assert report.coverage.relations_checked >= checker.checked


# (sheet, row, column (0-based), new value, rule, the cell named first)
BREAKS = [
    (
        "支出决算表",
        5,
        2,
        1233.21,
        "FA701",
        "支出决算表!C6",
    ),  # 合计 row ≠ Σ 类 (and ≠ 基本 + 项目: reported once)
    ("收入决算表", 7, 2, 1191.93, "FA701", "收入决算表!C8"),  # 款 20103 ≠ Σ 项
    # a 项 cell breaks its 款's sum and its row's column sum: one finding, the cell its culprit
    ("收入决算表", 8, 3, 909.00, "FA701", "收入决算表!D9"),
    ("一般公共预算财政拨款支出决算表", 10, 4, 181.93, "FA701", "一般公共预算财政拨款支出决算表!E11"),
    ("收入支出决算总表", 6, 2, 1233.21, "FA701", "收入支出决算总表!C15"),  # 本年收入合计 ≠ Σ items
    ("收入支出决算总表", 17, 5, 1293.21, "FA701", "收入支出决算总表!F18"),  # 支出总计 ≠ 本年支出合计 + 年末
    (
        "三公经费支出决算表",
        6,
        11,
        1.01,
        "FA702",
        "三公经费支出决算表!G7",
    ),  # 决算 合计 ≠ 出国 + 公务用车 + 接待
    ("政府性基金预算财政拨款收入支出决算表", 7, 7, 8.00, "FA701", "政府性基金预算财政拨款收入支出决算表!H8"),
    ("政府性基金预算财政拨款收入支出决算表", 6, 7, 8.00, "FA701", "政府性基金预算财政拨款收入支出决算表!H7"),
    ("一般公共预算财政拨款基本支出决算表", 10, 2, 412.73, "FA704", "一般公共预算财政拨款支出决算表!D7"),
]


@pytest.mark.parametrize("sheet, row, col, value, rule, place", BREAKS)
def test_a_broken_cell_is_caught_with_the_cell_named(tmp_path, sheet, row, col, value, rule, place):
    book = sheets()
    book[sheet][row][col] = value
    report = _audit(tmp_path, book)
    found = [f for f in report.findings if f.rule == rule]
    assert found, [(f.rule, f.message) for f in report.findings]
    f = next(f for f in found if place in (f.diagnosis.culprit.place if f.diagnosis else f.evidence[0].place))
    assert place in [e.place for e in f.evidence]
    assert all(re.fullmatch(r".+![A-Z]+\d+", e.place) for e in f.evidence)
    assert f.severity == "error" and not report.ok
    # evidence points at the cell's text in the audited text
    lines = read_path(tmp_path / "fj.xlsx").text.splitlines()
    for e in f.evidence:
        assert lines[e.line - 1][e.column - 1 : e.end_column - 1] == e.text


def test_broken_total_reported_once_with_what_else_it_breaks(tmp_path):
    book = sheets()
    book["支出决算表"][5][2] = 1233.21
    report = _audit(tmp_path, book)
    assert [(f.rule, f.evidence[0].place) for f in report.findings] == [("FA701", "支出决算表!C6")]
    f = report.findings[0]
    assert f.expected == "1233.12万元" and f.stated == "1233.21万元"
    assert any(a.startswith("FA702") for a in f.also_breaks)
    assert f.diagnosis.culprit.place == "支出决算表!C6" and f.diagnosis.suggested == "1233.12万元"


def test_culprit_of_several_broken_sums(tmp_path):
    book = sheets()
    book["收入决算表"][7][2] = 1191.93  # 款 20103: breaks 201 = Σ款, 20103 = Σ项 and its row's columns
    report = _audit(tmp_path, book)
    assert len(report.findings) == 1
    f = report.findings[0]
    assert f.diagnosis.culprit.place == "收入决算表!C8" and len(f.also_breaks) == 2


def test_balance_between_income_and_expenditure(tmp_path):
    book = sheets()
    book["收入支出决算总表"][16][2] = 50.09  # 年初结转和结余, and 收入总计 with it: income side adds up,
    book["收入支出决算总表"][17][2] = 1293.21  # but no longer balances the 支出总计 1293.12
    report = _audit(tmp_path, book)
    assert [(f.rule, [e.place for e in f.evidence]) for f in report.findings] == [
        ("FA703", ["收入支出决算总表!F18", "收入支出决算总表!C18"])
    ]


def test_fund_flow(tmp_path):
    book = sheets()
    for r in range(6, 10):  # 年末结转和结余 8.00 in every row: the rows still add up, 5 + 20 − 18 ≠ 8
        book["政府性基金预算财政拨款收入支出决算表"][r][7] = 8.00
    report = _audit(tmp_path, book)
    assert [f.rule for f in report.findings] == ["FA703"] * 4
    assert report.findings[0].expected == "7.00万元"


def test_fiscal_total_against_general_table(tmp_path):
    book = sheets()
    for r in (
        10,
    ):  # 本年支出合计 of 财政拨款收入支出决算总表, both columns, and its 总计 rows stay consistent
        book["财政拨款收入支出决算总表"][r][5] = book["财政拨款收入支出决算总表"][r][6] = 1233.02
    report = _audit(tmp_path, book)
    # G11 breaks the sum of its items and disagrees with 一般公共预算财政拨款支出决算表: one finding,
    # G11 the culprit
    g11 = next(
        f
        for f in report.findings
        if f.diagnosis and f.diagnosis.culprit.place == "财政拨款收入支出决算总表!G11"
    )
    assert any(a.startswith("FA704") for a in g11.also_breaks)


def test_rounding_is_judged_per_cell():
    # three parts of two decimals may miss their rounded total by up to 0.015: consistent
    rows = [
        ["支出决算表"],
        [
            "科目编码",
            "科目名称",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ],
        ["合计", "", "3.01", "1.00", "1.00", "1.00", "", ""],
        ["201", "一般公共服务支出", "3.01", "1.00", "1.00", "1.00", "", ""],
    ]
    table = Table(
        "t",
        [
            [Cell(str(v), f"t!{chr(65 + k)}{i + 1}", i + 1, k + 1) for k, v in enumerate(r)]
            for i, r in enumerate(rows)
        ],
    )
    assert recognise(table).kind == "支出决算表"
    checker = check_tables([table])
    assert checker.failures == [] and checker.checked >= 2
    table.rows[2][2] = Cell("3.04", "t!C3", 3, 3)
    assert [f.code for f in check_tables([table]).failures] == ["FA702"]


@pytest.mark.parametrize(
    "fmt, place",
    [
        ("docx", r"表\d+第\d+行第\d+列"),
        ("html", r"表\d+第\d+行第\d+列"),
        ("pdf", r"第\d+页表\d+第\d+行第\d+列"),
    ],
)
def test_tables_in_documents(tmp_path, fmt, place):
    writer = {"docx": to_docx, "html": to_html, "pdf": to_pdf}[fmt]
    clean = read_path(writer(as_blocks(), tmp_path / f"ok.{fmt}"))
    checker = check_tables(clean.tables)
    assert len(checker.grids) == 8 and checker.checked >= 100 and checker.consistent == checker.checked
    assert audit_source(clean).findings == []
    book = sheets()
    book["支出决算表"][5][2] = 1233.21
    path = writer(as_blocks(book=book), tmp_path / f"fj.{fmt}")
    report = audit_source(read_path(path))
    assert [f.rule for f in report.findings] == ["FA701"]
    assert re.fullmatch(place, report.findings[0].evidence[0].place)


def test_three_public_table_against_prose(tmp_path):
    prose = ["2021年度一般公共预算财政拨款“三公”经费支出决算为1.11万元，完成预算的55.5%。"]
    report = audit_source(read_path(to_docx(as_blocks(prose), tmp_path / "ok.docx")))
    assert report.findings == []
    prose = ["2021年度一般公共预算财政拨款“三公”经费支出决算为1.21万元，完成预算的60.5%。"]
    report = audit_source(read_path(to_docx(as_blocks(prose), tmp_path / "bad.docx")))
    f = next(f for f in report.findings if f.rule == "FA705")
    assert f.severity == "warning"
    assert {e.text for e in f.evidence} == {"1.11", "1.21万元"}
    assert f.evidence[1].place == "第1段"


PROSE = [
    "某某市大数据局2021年度部门决算",
    "一、收入支出决算总体情况说明",
    "2021年度收入总计1293.12万元。本年收入合计1243.12万元。",
    "本年支出合计1233.12万元，其中：基本支出501.73万元，占40.69%；项目支出731.39万元，占59.31%。",
    "2020年本年支出合计1000.00万元。",  # another year: not this table's figure
    "一般公共预算财政拨款基本支出501.73万元。",
]


def test_tables_against_prose(tmp_path):
    report = audit_source(read_path(to_docx(as_blocks(PROSE), tmp_path / "ok.docx")))
    assert report.findings == []
    prose = list(PROSE)
    prose[2] = "2021年度收入总计1293.12万元。本年收入合计1234.12万元。"  # table: 1243.12
    report = audit_source(read_path(to_docx(as_blocks(prose), tmp_path / "bad.docx")))
    assert [(f.rule, f.severity) for f in report.findings] == [("FA705", "warning")]
    f = report.findings[0]
    assert [e.text for e in f.evidence] == ["1243.12", "1234.12万元"]
    assert f.evidence[1].place == "第3段"
    assert re.fullmatch(r"表1第\d+行第3列", f.evidence[0].place)


def test_prose_against_two_tables_is_one_finding(tmp_path):
    prose = list(PROSE)
    prose[3] = "本年支出合计1233.21万元。"  # 收入支出决算总表 and 支出决算表 both say 1233.12
    report = audit_source(read_path(to_docx(as_blocks(prose), tmp_path / "bad.docx")))
    assert [f.rule for f in report.findings] == ["FA705"]
    assert report.findings[0].evidence[1].text == "1233.21万元" and len(report.findings[0].also_breaks) == 1


# --- metamorphic: a generated consistent table stays clean; one changed cell is blamed ----------

HEAD = [
    "科目编码",
    "科目名称",
    "本年支出合计",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
]


def _spending_table(leaves: list[list[tuple[int, int]]]) -> list[list[str]]:
    """支出决算表 rows from 项 amounts in fen: leaves[class][item] = (基本, 项目), one 款 per class."""
    rows, total = [], [0, 0]
    body = []
    for c, items in enumerate(leaves):
        cls = [sum(b for b, _ in items), sum(p for _, p in items)]
        code = f"2{c + 1:02d}"
        body.append([code, f"类{c}", *cls])
        body.append([code + "01", f"款{c}", *cls])
        for i, (b, p) in enumerate(items):
            body.append([f"{code}01{i + 1:02d}", f"项{c}{i}", b, p])
        total = [total[0] + cls[0], total[1] + cls[1]]
    rows.append(["合计", "", *total])
    rows.extend(body)

    def fmt(fen):
        return f"{Decimal(fen) / 100:.2f}"

    return [["支出决算表"], HEAD] + [
        [code, name, fmt(b + p), fmt(b), fmt(p), "", "", ""] for code, name, b, p in rows
    ]


def _table(rows):
    return Table(
        "支出决算表",
        [
            [Cell(v, f"支出决算表!{chr(65 + k)}{i + 1}", i + 1, k + 1) for k, v in enumerate(r)]
            for i, r in enumerate(rows)
        ],
    )


amounts = st.integers(min_value=0, max_value=10_000_000)
leaves = st.lists(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=4), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(leaves=leaves, data=st.data())
def test_generated_table_clean_and_one_changed_cell_blamed(leaves, data):
    assume(any(b or p for items in leaves for b, p in items))
    rows = _spending_table(leaves)
    checker = check_tables([_table(rows)])
    assert checker.failures == [] and checker.checked > 0
    r = data.draw(st.integers(min_value=2, max_value=len(rows) - 1), label="row")
    k = data.draw(st.integers(min_value=2, max_value=4), label="column")
    # beyond the rounding slack of any sum here (≤ 5 rounded parts and the total: 0.03), so every
    # sum the cell is in breaks; a smaller change may be rounding, and is rightly not reported
    delta = data.draw(
        st.integers(min_value=4, max_value=100_000).map(lambda x: Decimal(x) / 100), label="delta"
    )
    value = Decimal(rows[r][k]) + delta
    rows[r][k] = f"{value:.2f}"
    findings = _findings([_table(rows)])
    assert findings, (r, k)
    place = f"支出决算表!{chr(65 + k)}{r + 1}"
    # the changed cell breaks its row's sum and its column's hierarchy: it is the one culprit
    assert len(findings) == 1, [f.message for f in findings]
    assert findings[0].diagnosis.culprit.place == place


def test_table_split_in_two_is_read_as_one(tmp_path):
    """A Word table broken by hand (title once, rows continued in a second table) is one table."""
    book = sheets()
    rows = [
        [("" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))) for v in r]
        for r in book["支出决算表"][1:]
    ]
    blocks = ["支出决算表", rows[:9], "", rows[9:]]
    report = audit_source(read_path(to_docx(blocks, tmp_path / "split.docx")))
    assert report.findings == []  # the 合计 row is the sum of classes found in both parts
    checker = check_tables(read_path(tmp_path / "split.docx").tables)
    assert len(checker.grids) == 1 and checker.checked >= 20


def test_sub_items_in_the_total_table_are_not_counted_twice():
    rows = [
        ["收入支出决算总表"],
        ["项目", "金额", "项目", "金额"],
        ["一、财政拨款收入", "100.00", "一、一般公共服务支出", "120.00"],
        ["其中：一般公共预算", "100.00", "", ""],
        ["（一）专项", "60.00", "", ""],
        ["二、其他收入", "20.00", "", ""],
        ["本年收入合计", "120.00", "本年支出合计", "120.00"],
        ["总计", "120.00", "总计", "120.00"],
    ]
    table = Table(
        "t",
        [
            [Cell(v, f"t!{chr(65 + k)}{i + 1}", i + 1, k + 1) for k, v in enumerate(r)]
            for i, r in enumerate(rows)
        ],
    )
    checker = check_tables([table])
    assert checker.failures == [] and checker.checked >= 4


def test_codes_split_into_class_section_item_columns(tmp_path):
    """The export of the 决算 software: 科目编码 over three columns 类 | 款 | 项."""
    book = sheets()
    general = book["一般公共预算财政拨款支出决算表"]
    split = [
        general[0],
        general[1],
        general[2],
        ["科目编码", None, None, "科目名称", "本年支出", None, None],
        ["类", "款", "项", None, "小计", "基本支出", "项目支出"],
    ]
    for row in general[6:]:
        code = row[0]
        if code == "合计":
            split.append(["合计", None, None, None, *row[2:]])
        else:
            split.append([code[:3], code[3:5] or None, code[5:7] or None, row[1], *row[2:]])
    book = {"一般公共预算财政拨款支出决算表": split}
    clean = check_tables(read_path(sheets_to_xlsx(book, tmp_path / "ok.xlsx")).tables)
    assert clean.failures == [] and clean.checked >= 30  # 合计 = Σ类, 类 = Σ款, 款 = Σ项, 小计 = 基本 + 项目
    split[9][4] = 1010.00  # 2010350 事业运行 小计 (181.39): breaks 20103 = Σ项 and its own row
    report = _audit(tmp_path, book, "bad.xlsx")
    # reported where the cell is the stated total (its row), naming the 款 sum it breaks too
    assert [(f.rule, f.diagnosis.culprit.place) for f in report.findings] == [
        ("FA702", "一般公共预算财政拨款支出决算表!E10")
    ]
    assert (
        report.findings[0].also_breaks[0].startswith("FA701")
        and report.findings[0].diagnosis.suggested == "181.39万元"
    )


def test_basic_table_one_panel_layout(tmp_path):
    rows = [
        ["一般公共预算财政拨款基本支出决算明细表"],
        [None, None, None, None, "单位：万元"],
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ["合计", None, 501.73, 421.73, 80.00],
        ["301", "工资福利支出", 400.00, 400.00, None],
        ["30101", "基本工资", 200.00, 200.00, None],
        ["30102", "津贴补贴", 200.00, 200.00, None],
        ["302", "商品和服务支出", 80.00, None, 80.00],
        ["30201", "办公费", 80.00, None, 80.00],
        ["303", "对个人和家庭的补助", 21.73, 21.73, None],
        ["30302", "退休费", 21.73, 21.73, None],
    ]
    src = read_path(sheets_to_xlsx({"基本支出": rows}, tmp_path / "b.xlsx"))
    checker = check_tables(src.tables)
    assert checker.failures == [] and checker.checked >= 15
    rows[4][4] = 4.00  # 工资福利支出 公用经费: its row no longer adds up, nor 合计's 公用经费 column
    src = read_path(sheets_to_xlsx({"基本支出": rows}, tmp_path / "c.xlsx"))
    found = _findings(src.tables)
    assert [f.diagnosis.culprit.place for f in found if f.diagnosis] == ["基本支出!E5"]


WORDS = [
    "合计",
    "小计",
    "总计",
    "本年收入合计",
    "本年支出合计",
    "基本支出",
    "项目支出",
    "栏次",
    "行次",
    "科目编码",
    "科目名称",
    "类",
    "款",
    "项",
    "一、一般公共服务支出",
    "年初结转和结余",
    "年末结转和结余",
    "本年收入",
    "本年支出",
    "决算数",
    "预算数",
    "因公出国（境）费",
    "公务接待费",
    "人员经费合计",
    "公用经费合计",
    "单位：万元",
    "201",
    "20101",
    "2010101",
    "01",
    "",
    "",
    "",
    "0",
    "-",
    "1,234.56",
    "12.30",
    "(5.00)",
    "0.00",
    "100",
    "abc",
]
TITLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "三公经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
]


@settings(max_examples=150, deadline=None)
@given(
    title=st.sampled_from(TITLES),
    grid=st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=9), min_size=0, max_size=14),
)
def test_any_grid_is_checked_without_crashing(title, grid):
    rows = [[title]] + grid
    tables = [_table(rows), _table(rows)]  # twice: the checks between tables run too
    for f in _findings(tables):
        assert f.rule.startswith("FA70") and f.evidence and all(e.place for e in f.evidence[:1])


@pytest.mark.parametrize(
    "sheet, row, col, place",
    [
        ("收入决算表", 5, 2, "收入决算表!C6"),  # 合计 本年收入合计 vs 收入支出决算总表 本年收入合计 1243.12
        ("收入支出决算总表", 14, 5, "收入支出决算总表!F15"),  # 本年支出合计 vs 支出决算表 合计 1233.12
    ],
)
def test_same_total_in_two_tables(tmp_path, sheet, row, col, place):
    book = sheets()
    # the cell changed together with what adds up to it, so only the other table disagrees
    if sheet == "收入决算表":
        for r, c in ((5, 2), (5, 8), (6, 2), (6, 8), (7, 2), (7, 8), (8, 2), (8, 8)):
            book[sheet][r][c] += 1.00
    else:
        book[sheet][14][5] += 1.00  # 本年支出合计
        book[sheet][17][5] += 1.00  # 总计 (expenditure side)
        book[sheet][17][2] += 1.00  # 总计 (income side, still balanced)
        book[sheet][16][2] += 1.00  # 年初结转和结余
        book[sheet][6][5] += 1.00  # 一、一般公共服务支出
    report = _audit(tmp_path, book)
    fa704 = [f for f in report.findings if f.rule == "FA704"]
    assert fa704, [(f.rule, f.message) for f in report.findings]
    assert place in {e.place for f in fa704 for e in f.evidence}

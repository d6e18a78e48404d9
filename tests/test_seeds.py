"""Golden findings on the four seed reports, checked by hand against the text.

Each expected finding was verified by recomputing the figures (see the comments); the sets
are exact for errors and warnings, so a new false alarm on a seed fails this test.
"""

import pytest

import auditor

EXPECTED = {
    # (rule, severity, line of the first evidence: the culprit when one is named, culprit as written, cause)
    "000": [
        # 74.13 − (−11.08): 11.08/85.21 = 13.00% ≠ 19.03%; with 47.13 (公用经费) 11.08/58.21 = 19.03%
        ("FA301", "error", 231, "74.13万元", "transposed_digits"),
        # 2021 report: "2020年度部门财政资金支出1755.78万元，其中……本年支出"
        ("FA501", "warning", 327, "2020", "year_label"),
        # 501.65 + 1132.69 = 1634.34 only in 万元; the text says 1132.69元
        ("FA103", "error", 327, "1132.69元", "unit_slip"),
        # 住房保障支出 class 38.43 (line 157, and 1515.02 + 50.26 + 30.64 + 38.43 = 1634.35 ≈ 1634.34)
        # against its only item 住房公积金(项) 38.34 (line 181): digits swapped in the item
        ("FA104", "error", 181, "38.34万元", "transposed_digits"),
        # 三公 breakdown: 公务用车购置及运行维护费 7.03 (0 + 7.03 + 0.46 = 7.49 ✓); detail says 7.02
        ("FA801", "error", 207, "7.02万元", "wrong_digit"),
        # 政务云 project: 财政安排…经费资金86万元 (line 736; 86万 is the next project's, line 941)
        # against 财政安排…经费987.49万元 (line 740; 876.04 paid + 111.45 unpaid = 987.49)
        # the project's budget is stated three times (86, 987.49, 987.49): the odd one is named
        ("FA801", "error", 736, "86万元", "inconsistent_restatement"),
    ],
    "001": [
        # 收入6442713.85元，其中财政拨款收入6442713.85元，年初结转和结余41250元: parts exceed the total
        ("FA102", "warning", 310, None, None),
    ],
    "002": [
        ("FA202", "error", 56, "100%", "impossible_share"),  # 因公出国（境）费 0万元，占100%
        (
            "FA202",
            "error",
            56,
            "100%",
            "impossible_share",
        ),  # 公务用车 0万元，占100% (same line, other column)
        ("FA401", "error", 263, "99.9%", "miscalculated"),  # 99.96 / 100.72 = 99.25%
        ("FA401", "error", 268, "99.9%", "miscalculated"),  # the same rate stated again
        # 三公 1.11 完成预算55.5% (budget 2.00) but 公务接待费 1.11 完成预算5.55% (budget 20.00)
        ("FA403", "error", 61, "5.55%", "misplaced_decimal"),
        # 财政下达预算批复100.72万元 / 本项目安排经费100.72元 (the same project budget)
        ("FA801", "error", 237, "100.72元", "unit_slip"),
        # 财政下达预算批复228.39万元 / 本项目安排经费228.39元
        ("FA801", "error", 545, "228.39元", "unit_slip"),
    ],
    "003": [
        # 722.58 / (1964.05 + 722.58) = 26.90%; 26.61% fits 总收入 1993.23
        ("FA301", "warning", 42, "26.61 %", "wrong_base"),
        ("FA301", "warning", 52, "26.61 %", "wrong_base"),
        ("FA402", "error", 70, "100.0%", "percentage_of_zero"),  # budget 0.00, spent 0.6
        ("FA401", "error", 84, "100%", "miscalculated"),  # budget 2215, spent 0: 0%
        # 一般公共预算财政拨款支出1954.42万元 (line 63) against the department self-evaluation
        # table's 一般公共预算拨款 实际支出数 1,053.755 (line 320): the table splits 1954.425
        # into 1053.755 + 900.67 政府性基金, while the prose says 政府性基金支出 0 (line 83)
        # the prose states each figure twice (lines 63-64: 1954.42; lines 83-84: 0), the table
        # once: the table's cell is the statement that disagrees with the others
        ("FA801", "error", 320, "1,053.755", "inconsistent_restatement"),
        ("FA801", "error", 327, "900.67", "inconsistent_restatement"),
    ],
}


def _key(f):
    d = f.diagnosis
    culprit = d.culprit.text if d and d.culprit else None
    if f.rule == "FA102":
        culprit = None
    return (f.rule, f.severity, f.evidence[0].line, culprit, d.cause if d and f.rule != "FA102" else None)


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_findings_exact(seeds, seed):
    report = auditor.audit(seeds[seed])
    got = sorted(_key(f) for f in report.findings if f.severity != "info")
    assert got == sorted(EXPECTED[seed])


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_the_first_evidence_is_the_figure_to_correct(seeds, seed):
    for f in auditor.audit(seeds[seed]).findings:
        culprit = f.diagnosis.culprit if f.diagnosis else None
        if culprit is not None:
            first = f.evidence[0]
            assert (first.line, first.column, first.text) == (culprit.line, culprit.column, culprit.text), f


def test_evidence_points_at_the_figures_as_written(seeds):
    report = auditor.audit(seeds["000"])
    lines = seeds["000"].read_text(encoding="utf-8").splitlines()
    for f in report.findings:
        for e in f.evidence:
            line = lines[e.line - 1]
            assert line[e.column - 1 : e.end_column - 1] == e.text, (f.rule, e)
    unit = next(f for f in report.findings if f.rule == "FA103")
    assert {e.text for e in unit.evidence} == {"1634.34万元", "501.65万元", "1132.69元"}
    assert unit.diagnosis.suggested == "1132.69万元"


def test_garbled_figure_reported_as_info(seeds):
    report = auditor.audit(seeds["002"])
    info = [f for f in report.findings if f.rule == "FA601"]
    assert [(f.evidence[0].line, f.evidence[0].text) for f in info] == [(17, "1282.95合计万元")]


def test_consistent_relations_are_counted(seeds):
    for path in seeds.values():
        stats = auditor.audit(path).coverage
        assert stats.relations_checked >= 20
        assert stats.relations_consistent >= stats.relations_checked - 8


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_seed_in_other_encodings_gives_same_findings(seeds, encoding):
    text = seeds["003"].read_text(encoding="utf-8")
    a = auditor.audit(seeds["003"])
    b = auditor.audit(text.encode(encoding), name="003")
    assert [(f.rule, f.evidence[0].line, f.evidence[0].column) for f in a.findings] == [
        (f.rule, f.evidence[0].line, f.evidence[0].column) for f in b.findings
    ]

"""Golden findings on the four seed reports, checked by hand against the text.

Each expected finding was verified by recomputing the figures (see the comments); the sets
are exact for errors and warnings, so a new false alarm on a seed fails this test.
"""

import pytest

import auditor

EXPECTED = {
    # (rule, severity, line, culprit as written, cause)
    "000": [
        # 74.13 − (−11.08): 11.08/85.21 = 13.00% ≠ 19.03%; with 47.13 (公用经费) 11.08/58.21 = 19.03%
        ("FA301", "error", 231, "74.13万元", "transposed_digits"),
        # 2021 report: "2020年度部门财政资金支出1755.78万元，其中……本年支出"
        ("FA501", "warning", 327, "2020", "year_label"),
        # 501.65 + 1132.69 = 1634.34 only in 万元; the text says 1132.69元
        ("FA103", "error", 327, "1132.69元", "unit_slip"),
    ],
    "001": [
        # 收入6442713.85元，其中财政拨款收入6442713.85元，年初结转和结余41250元: parts exceed the total
        ("FA102", "warning", 310, None, None),
    ],
    "002": [
        ("FA202", "error", 56, "100%", "impossible_share"),  # 因公出国（境）费 0万元，占100%
        ("FA202", "error", 56, "100%", "impossible_share"),  # 公务用车 0万元，占100% (same line, other column)
        ("FA401", "error", 263, "99.9%", "miscalculated"),  # 99.96 / 100.72 = 99.25%
        ("FA401", "error", 268, "99.9%", "miscalculated"),  # the same rate stated again
        # 三公 1.11 完成预算55.5% (budget 2.00) but 公务接待费 1.11 完成预算5.55% (budget 20.00)
        ("FA403", "error", 61, "5.55%", "misplaced_decimal"),
    ],
    "003": [
        # 722.58 / (1964.05 + 722.58) = 26.90%; 26.61% fits 总收入 1993.23
        ("FA301", "warning", 42, "1964.05万元", "wrong_base"),
        ("FA301", "warning", 52, "1978.08万元", "wrong_base"),
        ("FA402", "error", 70, "100.0%", "percentage_of_zero"),  # budget 0.00, spent 0.6
        ("FA401", "error", 84, "100%", "miscalculated"),  # budget 2215, spent 0: 0%
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
    assert [(f.rule, f.evidence[0].line, f.evidence[0].column) for f in a.findings] == \
           [(f.rule, f.evidence[0].line, f.evidence[0].column) for f in b.findings]

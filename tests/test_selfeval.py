"""Self-evaluation tables written one cell per line (as seed 003 publishes them)."""

import pytest

import auditor


def table(rows):
    out = []
    for row in rows:
        out.append("|")
        out.extend(f"{cell} |" for cell in row[:-1])
        out.append(f"{row[-1]} | ||||")
    return "\n".join(out) + "\n"


def report(
    total="3246.24",
    adjust="46.315",
    adjusted="3292.554",
    actual="1954.425",
    rate="59.36%",
    gpb_rate="0.975",
    exec_score="5.94",
    total_score="95.94",
    score3="30",
):
    rows = [
        ["2024年度部门整体绩效自评表"],
        ["部门名称", "政务部门", "部门编码", "164"],
        [
            "部门预算安排资金",
            "资金来源",
            "年初预算数",
            "年中预算调整数",
            "调整后预算数",
            "实际支出数",
            "预算执行率(%)",
        ],
        ["合计", total, adjust, adjusted, actual, rate],
        ["其中:一般公共预算拨款", "1,031.24", "50.045", "1,081.284", "1,053.755", gpb_rate],
        ["政府性基金", "2,215", "-3.73", "2,211.27", "900.67", "0.407"],
        ["国有资本经营预算", "0", "0", "0", "0", "0"],
        ["其他资金", "0", "0", "0", "0", "0"],
        ["自评得分(满分100分)", total_score, "预算执行(10分)", exec_score],
        [
            "部门整体支出年度绩效目标衡量指标",
            "一级指标",
            "二级指标",
            "指标内容",
            "指标值",
            "分值",
            "实际完成值",
            "指标得分",
            "完成情况简要描述",
            "偏差原因及改进措施",
        ],
        ["产出指标", "数量指标", "项目个数", "≥10项", "30", "12", "30", "完成12项", "无"],
        ["质量指标", "项目验收合格率", "=100百分比", "30", "100", "30", "合格", "无"],
        ["效益指标", "社会效益", "服务满意", "合格", "30", "达成", score3, "完成", "无"],
    ]
    return "某局2024年度部门决算\n一、部门整体绩效自评\n" + table(rows)


def rules(text):
    return sorted(f.rule for f in auditor.audit_text(text).findings)


def test_consistent_table_has_no_finding_and_every_relation_is_checked():
    r = auditor.audit_text(report())
    assert r.findings == []
    # FA811 ×4 rows, FA812 ×3 rows (zero budgets skipped), FA813 ×4 columns, FA814, FA815
    assert r.coverage.relations_checked >= 13
    assert r.coverage.relations_checked == r.coverage.relations_consistent


def test_adjusted_budget_not_initial_plus_adjustment():
    f = [
        f
        for f in auditor.audit_text(report(adjusted="3292.454", rate="59.36%")).findings
        if f.rule == "FA811"
    ]
    assert len(f) == 1 and f[0].evidence[0].text == "3292.454"


def test_execution_rate_written_as_ratio():
    findings = auditor.audit_text(report(gpb_rate="0.957")).findings
    (f,) = [f for f in findings if f.rule == "FA812"]
    assert f.evidence[0].text == "0.957"  # evidence is the cell as written, not the percentage read
    assert f.diagnosis.cause == "transposed_digits"


def test_sum_of_fund_rows():
    assert "FA813" in rules(report(total="3246.42", adjusted="3292.734"))


def test_execution_score_is_weight_times_rate():
    findings = auditor.audit_text(report(exec_score="6.94", total_score="96.94")).findings
    assert [f.rule for f in findings] == ["FA814"]
    assert findings[0].expected.startswith("5.94")


def test_total_score_is_indicator_scores_plus_execution_score():
    findings = auditor.audit_text(report(total_score="95.49")).findings
    assert [f.rule for f in findings] == ["FA815"]
    assert findings[0].diagnosis.cause == "transposed_digits"


@pytest.mark.parametrize("seed", ["003"])
def test_seed_tables_are_read(seeds, seed):
    from auditor.check.selfeval import self_evaluations
    from auditor.parse.document import Document
    from auditor.read.inputs import read_path

    ev = self_evaluations(Document.from_text(read_path(seeds[seed]).text))
    codes = [r.code for r in ev.relations]
    # two tables: a project's and the department's, each with its scores
    assert codes.count("FA814") == 2 and codes.count("FA815") == 2
    assert all(r.judge() == "ok" for r in ev.relations)

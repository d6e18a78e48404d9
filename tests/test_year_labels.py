"""FA501: this year's figure labelled with another year, and the sentences where another year is
legitimate (a comparison, a prior year's figure, both years spoken of)."""

import pytest

import auditor

TITLE = "某局2021年度部门决算\n"


def year_findings(body):
    return [f for f in auditor.audit_text(TITLE + body).findings if f.rule == "FA501"]


@pytest.mark.parametrize(
    "body",
    [
        # compared with the year before it
        "一、总体\n2020年机关运行经费支出288.40万元，较上年减少98.09万元，下降25.38%。\n",
        # 本年 under another year
        "一、收入\n2020年本年收入合计6367.87万元，其中：一般公共预算财政拨款收入6367.87万元。\n",
        "五、支出\n2020年一般公共预算财政拨款支出年初预算为912.05万元，支出决算为966.65万元，完成年初预算的105.99%。\n",
        "十、其他\n2020年政府采购支出总额138.08万元，其中：政府采购货物支出138.08万元。\n",
    ],
)
def test_this_years_figure_under_another_year(body):
    (f,) = year_findings(body)
    assert f.severity == "warning" and f.diagnosis.cause == "year_label"
    assert f.diagnosis.culprit.text == "2020" and f.diagnosis.suggested == "2021年"
    # the label, the figure, and where the report states its own year (its title here)
    assert [e.role for e in f.evidence] == ["年份", "金额", "报告年度"]
    assert (f.evidence[2].line, f.evidence[2].text) == (1, "2021")


@pytest.mark.parametrize(
    "body",
    [
        # the report's own year
        "一、总体\n2021年机关运行经费支出288.40万元，比2020年减少98.09万元，下降25.38%。\n",
        "一、收入\n2020年本年收入合计6367.87万元。\n",  # a line item of the 2020 account, no breakdown
        # both years spoken of
        "十、其他\n2020年政府采购支出总额100.00万元，2021年政府采购支出总额120.00万元。\n",
        "一、总体\n比2020年决算数686.77万元增加177.22万元。\n",  # the prior value after a comparison
    ],
)
def test_other_years_where_they_belong(body):
    assert year_findings(body) == []

"""Relations stated in prose, one shape at a time."""

import auditor


def rules(text, severity=("error", "warning")):
    return [
        (f.rule, f.diagnosis.cause if f.diagnosis else None)
        for f in auditor.audit_text(text).findings
        if f.severity in severity
    ]


def test_complete_breakdown_with_rounding_is_consistent():
    # DOMAIN.md: 1181.39 + 19.22 + 9.39 + 23.12 = 1233.12 against 1233.11 is consistent
    text = (
        "2021年一般公共预算财政拨款支出1233.11万元，主要用于以下方面:一般公共服务（类）支出1181.39万元，占95.81%；"
        "社会保障和就业（类）支出19.22万元，占1.56%；卫生健康（类）支出9.39万元，占0.76%；住房保障（类）支出23.12万元，占1.87%。"
    )
    assert rules(text) == []


def test_breakdown_sum_error_and_transposition():
    text = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1404.7万元，占73.72%。"
    found = rules(text)
    assert ("FA101", "transposed_digits") in found


def test_same_figure_twice_with_different_rounding_is_not_a_sum():
    text = (
        "“三公”经费财政拨款支出7.49万元，其中：因公出国（境）费0万元，"
        "公务用车购置及运行维护费7.03万元，公务接待费0.46万元。"
    )
    assert rules(text) == []


def test_share_of_named_base():
    text = (
        "2021年本年支出合计1909.08万元。\n2021年一般公共预算财政拨款支出1634.34万元，占本年支出合计的85.6%。\n"
        "2021年一般公共预算财政拨款支出1634.34万元，占本年支出合计的95.6%。"
    )
    found = auditor.audit_text(text).findings
    assert [(f.rule, f.evidence[0].line, f.severity) for f in found] == [("FA201", 3, "warning")]


def test_change_rate_and_direction():
    ok = "机关运行经费支出47.13万元，比2020年减少11.08万元，下降19.03%。"
    assert rules(ok) == []
    wrong_word = "机关运行经费支出47.13万元，比2020年减少11.08万元，增长19.03%。"
    assert rules(wrong_word) == [("FA302", "direction_word")]


def test_stated_prior_value():
    text = "本年收入2117.37万元，比上年决算收入1205.87万元增加了911.5万元，增长75.59%。"
    assert rules(text) == []
    bad = "本年收入2117.37万元，比上年决算收入1205.87万元增加了900.5万元，增长74.68%。"
    assert "FA303" in [r for r, _ in rules(bad)]


def test_completion_rates():
    assert rules("预算资金100.72万元，实际执行99.96万元，资金执行率99.25%。") == []
    assert rules("预算资金100.72万元，实际执行99.96万元，资金执行率99.9%。") == [("FA401", "miscalculated")]
    # several budgets: consistent with the adjusted one
    assert (
        rules("项目全年预算数为2000万元,调整后预算数为1954.41万元,执行数为710.81万元,完成预算的36.37 %。")
        == []
    )
    assert rules("年初预算为0.00万元,支出决算为0.6万元,完成年初预算的100.0%。") == [
        ("FA402", "percentage_of_zero")
    ]
    assert rules("年初预算为0万元,支出决算为0万元,完成年初预算的100%。") == []  # 0/0: not checkable


def test_truncated_percentage_is_info_only():
    # 2/3 = 66.666…%: truncated to 66.66 is consistent, worth an info note at most
    found = auditor.audit_text(
        "本年支出合计300000元，其中：基本支出200000元，占66.66%；项目支出100000元，占33.33%。"
    ).findings
    assert [f.severity for f in found if f.rule == "FA201"] == ["info"]


def test_lazy_validation_collects_every_failure():
    text = (
        "本年支出合计100.00万元，其中：基本支出40.00万元，占45.00%；项目支出60.00万元，占55.00%。"
        "机关运行经费支出47.13万元，比2020年减少11.08万元，下降29.03%。"
    )
    codes = sorted(r for r, _ in rules(text))
    assert codes == ["FA201", "FA201", "FA301"]


def test_json_shape():
    import json

    from auditor.report.schema import documents_json

    report = auditor.audit_text("预算资金100.72万元，实际执行99.96万元，资金执行率99.9%。", name="x.txt")
    data = json.loads(documents_json([report]))
    f = data["documents"][0]["findings"][0]
    assert {"rule", "severity", "message", "evidence", "stated", "expected"} <= set(f)
    assert f["evidence"][0]["line"] == 1 and f["evidence"][0]["text"] == "99.9%"
    assert f["stated"] == "99.9%" and f["expected"] == "99.25%"
    assert data["documents"][0]["coverage"]["findings"]["error"] == 1


def test_implied_budget_of_a_part_exceeds_the_whole():
    text = (
        "2021年“三公”经费财政拨款支出决算为1.11万元，完成预算55.5%。\n"
        "3.公务接待费支出1.11万元，完成预算5.55%。\n"
    )
    found = [f for f in auditor.audit_text(text).findings if f.rule == "FA403"]
    assert len(found) == 1
    assert found[0].diagnosis.culprit.text == "5.55%" and found[0].diagnosis.suggested == "55.5%"
    ok = (
        "2021年“三公”经费财政拨款支出决算为7.49万元，完成预算94.57%。\n"
        "公务接待费支出0.46万元，完成预算50%。\n"
    )
    assert [f for f in auditor.audit_text(ok).findings if f.rule == "FA403"] == []

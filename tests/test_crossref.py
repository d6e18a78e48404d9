"""The whole-report checks: duplicate facts (FA801), classes against their items (FA104),
identities across sections (FA105), blame over the graph of relations, and coverage."""

import pytest

import auditor

SANGONG = (
    "某局2021年度部门决算\n七、“三公”经费财政拨款支出决算情况说明\n"
    "2021年“三公”经费财政拨款支出决算为7.49万元。\n"
    "2021年“三公”经费财政拨款支出决算中,因公出国(境)费支出决算0万元,占0%;公务用车购置及运行维护费支出决算7.03万元,"
    "占93.86%;公务接待费支出决算0.46万元,占6.14%。\n"
    "2.公务用车购置及运行维护费支出{car}万元,完成预算100%。\n"
)


def findings(text, rule=None):
    report = auditor.audit_text(text)
    return [f for f in report.findings if rule is None or f.rule == rule]


def test_restated_figure_with_swapped_digits_is_named_with_every_place():
    (f,) = findings(SANGONG.format(car="7.30"), "FA801")
    assert f.severity == "error"
    # the figure to correct first, then every other place the quantity is stated
    assert [(e.line, e.text) for e in f.evidence] == [(5, "7.30万元"), (4, "7.03万元")]
    # 7.03 is confirmed by the breakdown 0 + 7.03 + 0.46 = 7.49: the restatement is the odd one
    assert f.diagnosis.cause == "transposed_digits"
    assert (f.diagnosis.culprit.line, f.diagnosis.culprit.column) == (5, 17)
    assert f.diagnosis.suggested == "7.03万元"


@pytest.mark.parametrize("car", ["7.03", "7.0", "7.030"])
def test_restatements_that_agree_within_rounding_are_not_reported(car):
    assert findings(SANGONG.format(car=car), "FA801") == []


def test_same_precision_different_figures_disagree_even_when_intervals_touch():
    # 7.02 stands for [7.015, 7.025] and 7.03 for [7.025, 7.035]: one quantity, two roundings
    (f,) = findings(SANGONG.format(car="7.02"), "FA801")
    assert f.diagnosis.cause == "wrong_digit" and f.diagnosis.culprit.text == "7.02万元"


ROUNDUP = (
    "中央部门公布了各自的“三公”经费决算。\n"
    "{a}2021年度“三公”经费财政拨款支出决算为2466.37万元。\n"
    "{b}“三公”经费财政拨款支出决算为1037.50万元。\n"
)


def test_a_text_quoting_several_departments_compares_none_of_their_figures():
    report = auditor.audit_text(ROUNDUP.format(a="中国人民银行", b="2021年，工商总局"))
    assert [f for f in report.findings if f.rule == "FA801"] == []
    assert report.coverage.relations_skipped.get("same concept stated of different organisations") == 1


def test_one_department_named_in_full_and_in_short_is_one_organisation():
    (f,) = findings(ROUNDUP.format(a="某市审计局", b="审计局"), "FA801")
    assert {e.text for e in f.evidence} == {"2466.37万元", "1037.50万元"}


def test_units_are_converted_before_comparing():
    text = (
        "某局2021年度部门决算\n一、收入决算情况说明\n2021年本年收入合计1,031.24万元。\n"
        "二、其他\n本年收入合计10312400元。\n"
    )
    assert findings(text, "FA801") == []


def test_same_digits_in_yuan_are_a_unit_slip():
    text = (
        "某局2021年度部门决算\n一、收入决算情况说明\n2021年本年收入合计1031.24万元。\n"
        "二、其他\n本年收入合计1031.24元。\n"
    )
    (f,) = findings(text, "FA801")
    assert f.diagnosis.cause == "unit_slip"
    assert (f.diagnosis.culprit.line, f.diagnosis.culprit.text, f.diagnosis.suggested) == (
        5,
        "1031.24元",
        "1031.24万元",
    )


def test_labels_that_name_no_concept_are_not_compared():
    # 差旅费 is no concept of the vocabulary: two statements of it are not one quantity for sure
    text = "某局2021年度部门决算\n一、情况说明\n差旅费5.00万元。\n二、其他\n差旅费6.00万元。\n"
    report = auditor.audit_text(text)
    assert report.findings == []
    assert report.coverage.figures_unchecked == 2


def test_a_part_listed_under_another_total_is_not_the_same_fact():
    # 公务接待费 inside 机关运行经费 is not the 三公 one
    text = (
        SANGONG.format(car="7.03")
        + "十、其他重要事项\n机关运行经费支出30.00万元，其中：办公费29.00万元，公务接待费1.00万元。\n"
    )
    assert findings(text, "FA801") == []


PROJECTS = (
    "某局2021年度部门决算\n附件1:\n2021年甲项目支出绩效自评报告\n一、项目概况\n2021年财政安排甲项目经费资金86万元。\n"
    "附件2:\n2021年乙项目支出绩效自评报告\n一、项目概况\n2021年财政安排乙项目经费资金{b}万元。本项目安排经费{c}万元。\n"
)


def test_each_project_is_its_own_scope():
    assert findings(PROJECTS.format(b="120.50", c="120.50"), "FA801") == []


def test_a_project_budget_stated_twice_differently():
    (f,) = findings(PROJECTS.format(b="120.50", c="86"), "FA801")
    assert [e.line for e in f.evidence] == [9, 9]
    assert f.diagnosis is None  # two statements, no single slip: which one is wrong is not guessed
    assert "无从判断" in f.message


CLASSES = (
    "某局2021年度部门决算\n五、一般公共预算财政拨款支出决算情况说明\n(二)结构\n"
    "2021年一般公共预算财政拨款支出100.00万元,主要用于以下方面:一般公共服务(类)支出61.57万元,占61.57%;住房保障支出38.43万元,占38.43%。\n"
    "(三)具体情况\n"
    "1.一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项): 支出决算为{a}万元,完成预算100%。\n"
    "2.一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)一般行政管理事务(项): "
    "支出决算为{b}万元,完成预算100%。\n"
    "3.住房保障支出(类)住房改革支出(款)住房公积金(项):支出决算为{h}万元,完成预算100%。\n"
)


def test_class_and_items_consistent():
    report = auditor.audit_text(CLASSES.format(a="50.00", b="11.57", h="38.43"))
    assert report.findings == []
    assert report.coverage.relations_checked == report.coverage.relations_consistent


def test_item_with_swapped_digits_against_its_class():
    (f,) = findings(CLASSES.format(a="50.00", b="11.57", h="38.34"), "FA104")
    # the class 38.43 is confirmed by the structure 61.57 + 38.43 = 100.00: the item is blamed
    assert f.diagnosis.cause == "transposed_digits"
    assert (f.diagnosis.culprit.line, f.diagnosis.culprit.text, f.diagnosis.suggested) == (
        8,
        "38.34万元",
        "38.43万元",
    )


def test_a_shortfall_no_single_slip_explains_is_not_reported():
    report = auditor.audit_text(CLASSES.format(a="50.00", b="10.00", h="38.43"))  # an item may be unlisted
    assert [f for f in report.findings if f.rule == "FA104"] == []
    assert report.coverage.relations_consistent <= report.coverage.relations_checked
    assert any("incomplete" in why for why in report.coverage.relations_skipped)


def test_items_exceeding_their_class():
    (f,) = findings(CLASSES.format(a="50.00", b="21.57", h="38.43"), "FA104")
    assert [e.role for e in f.evidence] == ["类", "项", "项"]


def test_an_item_stated_again_in_the_same_scope_is_counted_once():
    again = "4.一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项): 支出决算为{a}万元。\n"
    report = auditor.audit_text(CLASSES.format(a="50.00", b="11.57", h="38.43") + again.format(a="50.00"))
    assert [f.rule for f in report.findings if f.rule == "FA104"] == []
    # a real slip among the items is still found with the restatement there
    (f,) = findings(CLASSES.format(a="50.00", b="21.57", h="38.43") + again.format(a="50.00"), "FA104")
    assert [e.role for e in f.evidence] == ["类", "项", "项"]


# 收入总计 (总收入 is not bound: real reports use it for 收入总计 and for 本年收入 alike)
BALANCE = (
    "某局2021年度部门决算\n一、收入支出决算总体情况\n本部门2021年度收入总计{t}万元。\n二、收入\n"
    "1.本年收入1964.05万元。\n2.使用非财政拨款结余0万元。\n3.年初结转和结余29.19万元。\n"
)


def test_balance_identity_across_paragraphs():
    assert findings(BALANCE.format(t="1993.23")) == []  # 1964.05 + 0 + 29.19 = 1993.24, within rounding
    (f,) = findings(BALANCE.format(t="1993.32"), "FA105")
    assert f.diagnosis.cause == "transposed_digits" and f.diagnosis.suggested == "1993.23万元"


def test_one_figure_breaking_two_relations_is_reported_once():
    text = (
        "某局2021年度部门决算\n一、支出决算情况说明\n"
        "2021年本年支出合计100.00万元，其中：基本支出60.00万元，占60.00%；项目支出50.00万元，占40.00%。\n"
    )
    report = auditor.audit_text(text)
    (f,) = report.findings
    assert f.diagnosis.culprit.text == "50.00万元" and f.diagnosis.suggested == "40.00万元"
    assert len(f.also_breaks) == 1 and f.also_breaks[0].startswith("FA201")


def test_coverage_accounts_for_every_amount_and_percentage(seeds):
    for path in seeds.values():
        report = auditor.audit(path)
        c = report.coverage
        assert c.figures_checked + c.figures_unchecked == c.amounts + c.percents
        assert 0 < c.figures_checked and c.relations_consistent <= c.relations_checked
        # every amount or percentage a finding cites took part in a relation: it is counted as checked
        cited = {
            (e.line, e.column)
            for f in report.findings
            for e in f.evidence
            if e.unit in ("元", "万元", "亿元", "%")
        }
        assert 0 < len(cited) <= c.figures_checked and c.figures_unchecked >= 0

"""The statement reader, one behaviour at a time: each phrasing read the way an auditor reads it,
stated consistently (no finding) and with one figure wrong (a finding that cites it)."""

import pytest

import auditor
from auditor.core.lexicon import lexicon, strip_marks
from auditor.facts.statements import read
from auditor.facts.subjects import Subject, mentions
from auditor.parse.discourse import join_lines, soft_breaks
from auditor.parse.document import Document
from auditor.read.normalize import normalize

TITLE = "某局2023年度部门决算\n"


def serious(text):
    return [f for f in auditor.audit_text(TITLE + text).findings if f.severity in ("error", "warning")]


def cited(finding):
    return {e.text for e in finding.evidence}


def readings(text):
    doc = Document.from_text(TITLE + text)
    return read(doc.text.text, doc.figures, doc.year).readings


# -- discourse: a line break inside a sentence does not end it ------------------------------------


def test_a_figure_and_its_unit_on_two_lines_are_one_figure():
    text = "收入总计12,897.57\n万元，支出总计12,897.57万元。"
    joined = join_lines(normalize(text))
    assert "12,897.57万元，" in joined.text
    doc = Document.from_text(text)
    first = doc.figures[0]
    assert (first.unit, doc.text.position(first.start)) == ("万元", (1, 5))


def test_a_prose_line_runs_on_but_cells_and_numbered_items_do_not():
    prose = "2017年度，本院一般公共预算财政拨款“三公”\n经费支出的预算为65万元，实际支出决算64.87万元。\n"
    assert soft_breaks(prose) == [prose.index("\n")]
    cells = "项目\n预算数\n决算数\n合计\n77.00\n68.30\n"
    assert soft_breaks(cells) == []
    items = (
        "公务用车购置及运行维护费支出4.02万元。其中：\n1、公务用车购置费0万元，"
        "本年未购置车辆\n2、运行维护费4.02万元。\n"
    )
    assert soft_breaks(items) == []


# -- subjects and roles ------------------------------------------------------------------------


def test_scope_words_are_no_budget_and_name_the_scope():
    (m,) = mentions(lexicon(), strip_marks("一般公共预算财政拨款收入"))
    assert m.subject == Subject("income_year", "gpb")
    (r,) = readings("一般公共预算财政拨款收入234.49万元。\n")
    assert (r.subject, r.role) == (Subject("income_year", "gpb"), "actual")


def test_the_change_belongs_to_the_subject_not_to_its_budget():
    ok = "公务接待费支出2.62万元，年初预算3.10万元，完成预算84.52%。较上年增加0.57万元，增长27.8%。\n"
    assert serious(ok) == []
    # the same rate computed on the budget (0.57 / 2.53 is 22.5%, 0.57 / 3.10 − 0.57 would be 22.5% too):
    wrong = ok.replace("27.8%", "22.5%")
    (f,) = serious(wrong)
    assert f.rule == "FA301" and {"2.62万元", "0.57万元", "22.5%"} <= cited(f)


def test_the_subject_carries_over_to_a_sentence_that_omits_it():
    text = (
        "2023年“三公”经费支出9.07万元，较年初预算数减少10.93万元，"
        "下降54.65%；\n较上年支出数减少0.71万元，下降7.26%。"
        "\n"
    )
    assert serious(text) == []
    (f,) = serious(text.replace("7.26%", "7.83%"))
    assert f.rule == "FA301" and {"9.07万元", "0.71万元", "7.83%"} <= cited(f)


def test_a_name_the_vocabulary_does_not_know_is_not_given_the_subject_carried_over():
    text = "本年支出合计100.00万元，其中：基本支出60.00万元，项目支出40.00万元。差旅费5.00万元，占10%。\n"
    # 差旅费 is no part of what came before: its share has no base to be checked against
    assert serious(text) == []
    (r,) = [x for x in readings(text) if x.fig.number == "5.00"]
    assert r.subject == Subject("label:差旅费")


def test_a_budget_is_never_compared_with_an_actual():
    text = "2023年度“三公”经费预算为89.90万元。\n2023年度“三公”经费决算为57.53万元。\n"
    assert serious(text) == []


def test_a_year_compared_with_is_not_the_reports_year():
    doc = Document.from_text("2023年度机关运行经费支出74.13万元，比2022年减少11.08万元，下降13.00%。\n")
    assert doc.year == 2023


# -- lists ------------------------------------------------------------------------------------


def test_a_list_opened_at_a_lines_end_runs_over_the_next_lines():
    text = (
        "（二）公务用车购置及运行维护费支出4.02万元。其中：\n1、公务用车购置支出0万元，"
        "购置车辆0辆。\n2、公务用车运行维护支出{ops}万元。\n"
        "（三）公务接待费支出7.94万元。\n"
    )
    assert serious(text.format(ops="4.02")) == []
    (f,) = serious(text.format(ops="0"))
    assert f.rule == "FA101" and "4.02万元" in cited(f)


def test_the_parts_of_a_budget_are_budgets():
    text = (
        "2023年“三公”经费预算为20万元，其中：因公出国（境）费0万元，"
        "公务接待费9万元，公务用车运行维护费11万元。\n2023年“三公”经费支出9.07万元。"
        "\n"
    )
    assert serious(text) == []
    rs = [r for r in readings(text) if r.fig.number in ("0", "9", "11")]
    assert {r.role for r in rs} == {"budget"}


def test_parts_that_exceed_a_partial_list_are_found():
    text = "本单位编制人数17人，其中：行政编制5人，事业编制{n}人。\n"
    assert serious(text.format(n="12")) == []
    (f,) = serious(text.format(n="15"))
    assert f.rule == "FA102"


def test_shares_of_a_list_are_of_its_total():
    text = (
        "在2023年度“三公”经费支出决算11.96万元中，因公出国（境）费支出0万元，"
        "占0%；公务用车购置及运行维护费支出4.02万元，占{a}%；"
        "公务接待费支出7.94万元，占66.39%。\n"
    )
    assert serious(text.format(a="33.61")) == []
    (f,) = serious(text.format(a="89.33"))
    assert f.rule == "FA201" and {"4.02万元", "89.33%"} <= cited(f)


# -- what is implied --------------------------------------------------------------------------


def test_a_totals_change_is_the_sum_of_its_parts_changes():
    text = (
        "2023年“三公”经费支出50.00万元，较上年减少{d}万元。\n"
        "因公出国（境）费支出10.00万元，较上年减少2.00万元。\n"
        "公务用车购置及运行维护费支出30.00万元，较上年减少3.00万元。\n"
        "公务接待费支出10.00万元，较上年增加1.00万元。\n"
    )
    assert serious(text.format(d="4.00")) == []
    (f,) = serious(text.format(d="6.00"))
    assert f.rule == "FA105" and "6.00万元" in cited(f)


def test_budgets_implied_by_shortfalls_add_up_to_the_budget():
    text = (
        "2023年“三公”经费年度预算{b}万元，决算57.53万元。\n"
        "因公出国（境）费支出0万元，该项决算同预算数相比增加（减少）0万元。\n"
        "公务用车购置及运行维护费支出57.35万元，比预算数减少17.54万元。\n"
        "公务接待费支出0.18万元，比预算数减少4.82万元。\n"
    )
    assert serious(text.format(b="79.89")) == []
    (f,) = serious(text.format(b="89.89"))
    assert f.rule == "FA105" and "89.89万元" in cited(f)


def test_income_total_equals_expenditure_total():
    text = "2023年度收入总计{i}万元，支出总计1085.31万元。\n"
    assert serious(text.format(i="1085.31")) == []
    (f,) = serious(text.format(i="1101.32"))
    assert {"1101.32万元", "1085.31万元"} <= cited(f)


def test_a_balance_stated_in_parts():
    text = (
        "按一般公共预算财政拨款口径：上年结转98.45万元，一般公共预算财政拨款收入1095.76万元，"
        "一般公共预算财政拨款支出1193.35万元，年末结转和结余{c}万元。"
        "\n"
    )
    assert serious(text.format(c="0.86")) == []
    (f,) = serious(text.format(c="5862.89"))
    assert "5862.89万元" in cited(f)


# -- tables written in the text -----------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    [
        (
            "项目\n预算数\n决算数\n合计\n77.00\n{t}\n"
            "公务接待费\n35.00\n26.40\n公务用车购置及运行费\n"
            "42.00\n41.90\n因公出国（境）费\n0.00\n"
            "0.00\n"
        ),
        (
            "| 项目 | 预算数 | 决算数 |\n| 合计 | 77.00 | {t} |\n"
            "| 公务接待费 | 35.00 | 26.40 |\n| 公务用车购置及运行费 | 42.00 | 41.90 |\n"
            "| 因公出国（境）费 | 0.00 | 0.00 |\n"
        ),
        (
            "项 目 预算数 决算数\n合 计 77.00 {t}\n公务接待费 35.00 26.40\n"
            "公务用车购置及运行费 42.00 41.90\n因公出国（境）费 0.00 0.00\n"
        ),
        (
            "| 项目 | 预算数 | 决算数 |\n| 合计 | 77.00 \n| {t} |\n"
            "| 公务接待费 |\n| 35.00 | 26.40 |\n| 公务用车购置及运行费 | 42.00 | 41.90 |\n"
            "| 因公出国（境）费 | 0.00 \n| 0.00 |\n"
        ),
    ],
    ids=["one cell per line", "pipes", "blanks", "pipes, rows wrapped onto the next line"],
)
def test_a_three_public_table_adds_up_by_column(table):
    text = "2023年“三公”经费财政拨款支出决算表\n单位：万元\n" + table
    assert serious(text.format(t="68.30")) == []
    (f,) = serious(text.format(t="68.03"))
    assert f.rule in ("FA101", "FA102") and "68.03" in cited(f)


def test_a_table_and_the_prose_state_the_same_figure():
    text = (
        "| 项目 | 预算数 | 决算数 |\n| 合计 | 77.00 | 68.30 |\n"
        "| 公务接待费 | 35.00 | 26.40 |\n| 公务用车购置及运行费 | 42.00 | 41.90 |\n"
        "| 因公出国（境）费 | 0.00 | 0.00 |\n"
    )
    prose = "2023年“三公”经费财政拨款支出{a}万元，完成预算的88.7%。\n"
    header = "2023年“三公”经费财政拨款支出决算表\n单位：万元\n"
    assert serious(header + text + prose.format(a="68.3")) == []
    found = serious(header + text + prose.format(a="68.03"))
    assert found and all("68.03万元" in cited(f) for f in found)


# -- abstaining --------------------------------------------------------------------------------


def test_what_cannot_be_decided_is_counted_not_guessed():
    report = auditor.audit_text(TITLE + "增加823.48万元，增长12.3%。\n")
    assert report.findings == []
    assert sum(report.coverage.relations_skipped.values()) >= 1


# -- genre fixes from the second batch of real reports ----------------------------------------------


def test_the_role_word_inside_a_totals_name():
    text = (
        "本部门收入、支出决算总计为665.96万元。\n（一）收入决算总计332.98万元，包括：\n"
        "1.本年收入决算合计332.76万元。\n2.年初结转和结余0.22万元。\n（二）支出决算总计332.98万元。\n"
    )
    kinds = [(r.fig.number, r.subject.concept) for r in readings(text) if r.kind == "level"]
    assert ("665.96", "both_totals") in kinds
    assert ("332.98", "income_total") in kinds and ("332.98", "expense_total") in kinds
    # the figure stated as both totals is one slip, reported once
    found = serious(text)
    assert len(found) == 1 and found[0].rule == "FA801" and "665.96万元" in cited(found[0])


def test_a_figure_in_parentheses_is_of_the_noun_before_them():
    text = "资产总额为4848174.53元。固定资产主要是房屋（2,590平方米，4,136,536.00元）。"
    assert not serious(text)
    house = [r for r in readings(text) if r.fig.value == 4136536][0]
    assert house.subject == Subject("label:房屋")


def test_names_joined_by_the_enumeration_comma_end_at_the_comma():
    text = "全镇总人口48368人，其中农业人口40556人、城镇人口7812人，流动人口542人。"
    assert not serious(text)
    text_wrong = "全镇总人口48368人，其中农业人口40556人、城镇人口8812人，流动人口542人。"
    assert [f.rule for f in serious(text_wrong)] == ["FA102"]
    items = [r for r in readings(text) if r.list_id is not None]
    assert [r.fig.number for r in items] == ["40556", "7812"]


def test_a_count_is_no_part_of_a_total_it_outgrows():
    text = "本院在编职工47人，退休人员28人；其中卫生技术人员45人，高级职称4人。"
    assert not serious(text)
    text = "本年度实有在职人员66人，其中特岗教师2人，退休29人，在编在岗事业人员66人。"
    assert not serious(text)


def test_figures_after_for_example_are_the_examples():
    text = "2023年各部门会议费合计约6.7亿元。例如某系统2022年会议费为3.5亿元，2023年减少了0.8亿元。\n"
    assert not serious(text)
    eg = [r for r in readings(text) if r.fig.number == "3.5"][0]
    assert eg.subject.scope.startswith("eg:")


def test_last_year_in_a_news_piece_with_a_change_against_last_year_is_left_undecided():
    text = "记者获悉，去年省级“三公”经费决算支出为5亿元，较上年减少3.3亿元，下降39.8%。"
    assert not serious(text)
    five = [r for r in readings(text) if r.fig.number == "5"][0]
    assert five.note == "role?"


def test_a_column_name_wrapped_over_two_lines():
    text = (
        "“三公”经费决算数对比情况表\n单位:万元\n项  目\n上年\n决算数\n本年\n决算数\n"
        "较上年增减情况\n增、减额\n增、减幅度\n合  计\n52.14\n18.82\n{d}\n-63.90%\n"
    )
    assert not serious(text.format(d="-33.32"))
    found = serious(text.format(d="33.32"))
    assert found and "33.32" in cited(found[0])


def test_an_implied_negative_prior_is_a_wrong_direction_when_the_other_direction_fits():
    found = serious("一般公共预算财政拨款支出10万元，比上年增加15万元，增长60%。")
    assert [f.rule for f in found] == ["FA302"]
    # the other direction does not fit either: nothing to say about the words
    assert not serious("一般公共预算财政拨款支出10万元，比上年增加15万元，增长150%。")


def test_a_tables_title_and_change_heading_left_at_last_year():
    table = (
        "红星乡{title}年“三公”经费决算统计表\n单位:万元\n项 目 |\n2017年决算数 |\n2018年决算数 |\n"
        "{group}年决算比上年增减情况 |\n增加额 |\n增加幅度 |\n"
        "合计 |\n1,131.15 |\n1,224.42 |\n93.27 |\n8.25% |\n"
    )
    head = "红星乡2018年度部门决算\n"
    found = auditor.audit_text(head + table.format(title=2017, group=2017)).findings
    stale = sorted((f.rule, f.evidence[0].line) for f in found)
    assert stale == [("FA501", 2), ("FA501", 7)]
    assert not auditor.audit_text(head + table.format(title=2018, group=2018)).findings


def test_the_amount_right_after_the_comparison_word_is_the_base():
    text = "2023年本单位运行经费支出6.39万元，较{base}万元增加了0.51万元。"
    assert not serious(text.format(base="5.88"))
    found = serious(text.format(base="5.99"))
    assert found and "5.99万元" in cited(found[0])


def test_respectively_hands_the_figures_out_in_order():
    text = (
        "本年支出合计150万元，其中基本支出和项目支出分别为100万元和{p}万元，与上年相比分别增加10万元和5万元。"
    )
    assert not serious(text.format(p=50))
    found = serious(text.format(p=60))
    assert [f.rule for f in found] == ["FA101"] and "基本支出、项目支出之和" in found[0].message
    subjects = [(r.fig.number, r.kind, r.subject.concept) for r in readings(text.format(p=50))]
    assert subjects[1:] == [
        ("100", "level", "basic"),
        ("50", "level", "project"),
        ("10", "change", "basic"),
        ("5", "change", "project"),
    ]


def test_respectively_after_levels_stated_in_the_sentence():
    text = (
        "公务用车购置及运行费1.41亿元，由公务用车购置费0.14亿元和公务用车运行费1.27亿元构成，"
        "与上年相比分别减少0.18亿元和0.56亿元，下降56.3%和{r}%。"
    )
    assert not serious(text.format(r="30.6"))
    found = serious(text.format(r="43.7"))
    assert [f.rule for f in found] == ["FA301"] and "43.7%" in cited(found[0])


def test_a_share_of_the_vague_total_is_of_the_lists_total_or_the_other():
    text = (
        "本年收入总计4045.51万元。本年收入合计3748.25万元，其中：财政拨款收入3360.35万元，"
        "占收入总额的{s}%；其他收入387.90万元，占收入总额的10.35%。"
    )
    assert not serious(text.format(s="89.65"))
    # 收入总额 may name either total: a share of 收入总计 holds too, one of neither does not
    assert not serious(text.format(s="83.06"))
    assert [f.rule for f in serious(text.format(s="85.00"))] == ["FA201"]


def test_one_sentence_stating_a_quantity_twice_with_two_values_states_two_quantities():
    text = "政府性基金收入0万元，再加上年结余收入39930万元、上级补助收入113566万元，收入合计153496万元。"
    assert not serious(text)


def test_a_heading_that_names_a_scope_scopes_what_is_stated_under_it():
    text = (
        "一、收入支出决算总体情况说明\n本年支出合计900万元。\n"
        "二、一般公共预算财政拨款支出决算情况说明\n（一）总体情况\n本年支出800万元。\n"
        "三、政府性基金预算财政拨款支出决算情况说明\n本年支出50万元。\n"
    )
    assert not serious(text)
    scopes = [(r.fig.number, r.subject.scope) for r in readings(text)]
    assert scopes == [("900", "all"), ("800", "gpb"), ("50", "gf")]


def test_a_budget_stated_as_the_base_of_a_change():
    text = "一般公共预算财政拨款支出决算数为120万元，比年初预算数100万元增加{d}万元。"
    assert not serious(text.format(d=20))
    found = serious(text.format(d=25))
    assert [f.rule for f in found] == ["FA303"] and "25万元" in cited(found[0])


def test_more_or_less_than_the_budget_names_the_direction():
    text = "一般公共预算财政拨款支出年初预算数为100万元，决算数为{x}万元，决算数{w}预算数20万元。"
    assert not serious(text.format(x=120, w="大于"))
    assert not serious(text.format(x=80, w="小于"))
    assert [f.rule for f in serious(text.format(x=80, w="大于"))] == ["FA303"]


def test_no_change_against_the_budget_or_last_year_is_equality():
    assert not serious("公务接待费支出3.1万元，年初预算3.10万元，与预算相比无增减。")
    assert not serious("公务接待费支出3.2万元，年初预算3.10万元，与预算相比基本持平。")
    found = serious("公务接待费支出3.2万元，年初预算3.10万元，与预算相比无增减。")
    assert [(f.rule, f.severity) for f in found] == [("FA303", "warning")]
    assert [f.rule for f in serious("公务接待费支出3.2万元，上年支出3.30万元，与上年持平。")] == ["FA303"]


def test_a_composition_opened_by_gouchen_and_a_colon():
    text = (
        "“三公”经费财政拨款支出30.07万元，决算构成：因公出国（境）费支出15.07万元，占比50.12%；"
        "公务接待费支出2.91万元，占比{s}%；公务用车购置及运行维护费12.09万元，占比40.2%。"
    )
    assert not serious(text.format(s="9.68"))
    assert [f.rule for f in serious(text.format(s="19.68"))] == ["FA201"]


def test_a_list_across_lines_whose_first_item_is_the_total_in_a_narrower_scope():
    text = (
        "本年收入合计1200.00万元，其中：\n1.一般公共预算财政拨款收入1000.00万元，占{s}%；\n"
        "2.事业收入150.00万元，占12.5%；\n3.其他收入50.00万元，占4.17%。"
    )
    assert not serious(text.format(s="83.33"))
    assert [f.rule for f in serious(text.format(s="80"))] == ["FA201"]


def test_a_rate_on_a_stated_prior_that_fits_another_total_is_a_wrong_base():
    text = (
        "本部门总收入1993.23万元，其中本年收入1964.05万元，"
        "与上年决算数2686.63万元相比减少722.58万元，下降26.61%。"
    )
    found = serious(text)
    assert [(f.rule, f.diagnosis.cause) for f in found] == [("FA301", "wrong_base")]


def test_a_share_on_another_total_is_a_wrong_base_unless_that_total_is_one_slip_away():
    text = "本年收入合计190.00万元。本年支出合计{base}万元，其中基本支出95.00万元，占本年支出合计的50.00%。"
    # 95 ÷ 190 is 50%: computed on the income total
    found = serious(text.format(base="950.00"))
    assert [(f.rule, f.diagnosis.cause) for f in found] == [("FA201", "wrong_base")]
    # 910.00 is 190.00 with two digits swapped: the total is misspelt, not another base
    found = serious(text.format(base="910.00"))
    assert [(f.rule, f.diagnosis.cause, f.diagnosis.suggested) for f in found] == [
        ("FA201", "transposed_digits", "190.00万元")
    ]


def test_an_average_per_car_is_no_part_of_the_total_before_it():
    text = (
        "公务用车购置及运行维护费支出22.83万元，其中：公务用车购置支出为0万元；"
        "公务用车运行及维护支出{s}万元，2017年单位公务用车保有量为11辆，平均每辆2.08万元。"
    )
    assert not serious(text.format(s="22.83"))
    assert [f.rule for f in serious(text.format(s="20.83"))] == ["FA101"]


def test_a_change_stated_after_an_average_per_head_is_the_averages():
    text = "公用经费支出120.00万元，人均公用经费2.40万元，比上年增加{d}万元，增长4.35%。"
    assert not serious(text.format(d="0.10"))
    found = serious(text.format(d="0.20"))
    assert [f.rule for f in found] == ["FA301"] and "人均公用经费2.40" in found[0].message


def test_a_change_against_another_years_budget_makes_no_relation():
    # 比2022年预算数 in a report of 2023, 较上年预算数: a base no relation here compares with
    text = (
        "本年“三公”经费支出2604.10万元，年初预算2668.90万元。"
        "本年“三公”经费预算合计为2646.00万元，比2022年预算数减少22.90万元。"
    )
    assert not serious(text)
    assert not serious("“三公”经费决算数合计35.50万元，较上年预算数减少3.00万元，下降35.45%。")


def test_a_change_against_the_reports_own_years_budget_is_checked():
    text = "“三公”经费支出30.00万元，2023年预算数为32.00万元，比2023年预算数减少{d}万元。"
    assert not serious(text.format(d="2.00"))
    assert [f.rule for f in serious(text.format(d="3.00"))] == ["FA303"]


def test_a_zero_rate_of_a_change_from_nothing_is_flagged_and_100_percent_is_left_alone():
    text = "本年收入合计322.62万元，比上年增加322.62万元，增长{r}%。"
    found = serious(text.format(r="0.00"))
    assert [(f.rule, f.diagnosis.cause) for f in found] == [("FA304", "percentage_of_zero")]
    assert serious(text.format(r="100")) == []


def test_after_a_parenthetical_aside_the_sentence_goes_on_about_its_subject():
    # the change is the 三公's against its plain 预算数, not the aside's 追加至 figure's, nor the 年初预算
    text = (
        "“三公”经费支出数为2574.69万元，预算数为9564.38万元（年初预算数1984.38万元，"
        "因机构调整追加至9564.38万元），支出数比预算数减少{d}万元，下降率为73.08%。"
    )
    assert serious(text.format(d="6989.69")) == []
    found = serious(text.format(d="6898.69"))
    assert "FA303" in {f.rule for f in found} and all("6898.69万元" in cited(f) for f in found)


def test_parts_budgets_are_not_summed_against_an_initial_budget_when_the_plain_one_differs():
    text = (
        "“三公”经费支出数为1509.69万元，预算数为1924.38万元（年初预算数1184.38万元）。"
        "因公出国费支出数363.82万元，预算数378万元，支出数比预算数减少14.18万元；"
        "公务用车购置及运行维护费支出数372.99万元，预算数773.22万元，支出数比预算数减少400.23万元；"
        "公务接待费支出数772.88万元，预算数773.16万元，支出数比预算数减少0.28万元。"
    )
    assert serious(text) == []


def test_a_later_years_figure_against_this_years_makes_no_change_relation():
    # a report of 2023 that gives 2024's budget against 2023's actual
    text = (
        "2023年“三公”经费支出761.33万元。"
        "2024年“三公”经费预算575.48万元，比2023年实际支出减少185.85万元，降低24.41%。"
    )
    assert serious(text) == []


def test_a_list_opened_in_a_sentence_of_its_own_takes_the_role_and_year_of_the_total_before_it():
    text = (
        "2023年因公出国(境)费支出330.08万元。\n"
        "2024年，“三公”经费预算总额575.48万元，比上年减少185.85万元。其中：\n"
        "因公出国(境)费303万元；\n公务用车购置及运行费221.48万元；\n公务接待费51万元。\n"
    )
    # 303 is 2024's budget, not a second statement of 2023's 330.08 (FA801)
    assert serious(text) == []


def test_a_comparison_base_is_read_within_its_clause():
    # 比较来看，2023年度…比上年决算数: last year's, not 2023's
    text = "“三公”经费决算为4.5万元。比较来看，2023年度“三公”经费比上年决算数减少0.03万元，下降{r}%。"
    assert serious(text.format(r="0.66")) == []
    assert [f.rule for f in serious(text.format(r="6.6"))] == ["FA301"]


def test_the_reports_year_is_never_a_year_it_compares_with_even_in_its_first_lines():
    from auditor.parse.discourse import report_year

    text = (
        "较2023年度决算数增加0万元，增长0%。\n本单位2024年度总支出为570.25万元。\n2024年度本年支出568.5万元。"
    )
    assert report_year(text) == 2024


def test_a_label_at_a_lines_end_and_its_figure_opening_the_next_line_are_one_statement():
    text = (
        "“三公”经费财政拨款支出决算为12,000元。\n"
        "2.“三公”经费财政拨款支出决算具体情况说明\n"
        "2023年度“三公”经费财政拨款支出决算的构成为：因公出国（境）费支出决算\n"
        " 0 元，所占比重0%；公务接待费支出决算 2,000 元，所占比重16.7%；\n"
        "公务用车购置及运行维护费支出决算 10,000 元，所占比重83.3%。"
    )
    assert serious(text) == []


def test_negative_growth_is_a_fall_and_extra_revenue_is_a_change():
    text = "上划中央收入完成37.78亿元，同比减少0.46亿元，负增长{r}%。"
    assert serious(text.format(r="1.21")) == []
    assert [f.rule for f in serious(text.format(r="2.21"))] == ["FA301"]
    # 增收2798万元 is the change, not the total the parts after it add up to
    text = (
        "地方收入完成28,583万元，同比增长10.85%，增收2,798万元。"
        "从征收部门来看：税务部门完成13,866万元，财政部门完成14,717万元。"
    )
    assert serious(text) == []


def test_the_basic_and_project_split_of_each_item_is_the_items_own():
    text = (
        "2023年一般公共预算拨款支出1493924.6元，其中：基本支出1440224.6元，项目支出53700元。\n"
        "机构运行1100910.5元，其中：基本支出1100910.5元，项目支出0元。\n"
        "其他技术研究与开发支出53700元，其中：基本支出0元，项目支出53700元。\n"
    )
    assert serious(text) == []


def test_a_list_of_expenses_after_a_list_of_income_has_its_own_total():
    text = (
        "2023年财政拨款收支总预算7,057,486.18元。收入包括：一般公共预算拨款7,034,418.94元、"
        "上年结转结余23,067.24元；支出包括：教育支出5,806,105.16元、社会保障和就业支出557,718.56元、"
        "卫生健康支出275,373.54元、住房保障支出418,288.92元。"
    )
    assert serious(text) == []


def test_an_economic_class_stated_as_a_share_of_basic_or_project_spending_is_that_ones_own():
    text = (
        "基本支出100.00万元。商品和服务支出20.00万元，占基本支出的20%。\n"
        "项目支出50.00万元。商品和服务支出30.00万元，占项目支出的{p}%。\n"
    )
    assert serious(text.format(p="60")) == []
    assert [f.rule for f in serious(text.format(p="50"))] == ["FA201"]


def test_a_change_stated_right_after_a_budget_is_the_budgets_change():
    text = "公务接待费预算数为100.00万元，同比减少{d}万元，下降20%。\n另有公务接待费支出90.00万元。"
    assert serious(text.format(d="25.00")) == []
    assert [f.rule for f in serious(text.format(d="20.00"))] == ["FA301"]


def test_public_budget_appropriations_without_yiban_are_the_general_budgets():
    # 公共预算财政拨款收入 under 财政拨款收入 is its general-budget part, not the same figure again
    text = (
        "（一）收入总计432.42万元，包括：\n"
        "1.财政拨款收入406.06万元，占收入总计的93.9%。其中：公共预算财政拨款收入406.06万元，政府性基金收入0万元。\n"
        "2.其他收入26.35万元，占收入总计的6.1%。\n"
    )
    assert serious(text) == []


def test_an_enumeration_shares_the_unit_written_after_its_last_figure():
    text = (
        "2023年度收入476.17、支出460.06万元。"
        "与上年相比，收入减少84.55、支出减少99.6万元，分别下降{r}%、17.80%。"
    )
    # the levels and changes of both sides, 收入 named before 减少 at the clause's opening
    assert not serious(text.format(r="15.08"))
    (found,) = serious(text.format(r="18"))
    assert found.rule == "FA301" and {"18%", "84.55", "476.17"} <= cited(found)


def test_the_next_item_of_an_enumeration_named_in_unknown_words_is_not_the_item_before_it():
    # 支总计: 支出总计 with a character dropped; it is not 收入, whatever it is
    text = "2023年度收入476.17、支总计460.06万元。\n本年收入合计476.17万元，本年支出合计460.06万元。"
    assert not serious(text)


def test_income_and_expenditure_together_are_both_totals():
    text = (
        "收入总计2519.13万元，支出总计2519.13万元。收支较上年决算数减少106.71万元，下降{r}%，"
        "主要原因是财政拨款收支较上年决算数减少112.6万元，下降4.4%。"
    )
    # 4.4% is the 财政拨款 side's, whose total is not stated here: no relation, no guess
    assert not serious(text.format(r="4.1"))
    assert [f.rule for f in serious(text.format(r="5.1"))] == ["FA301"]


def test_a_part_in_a_narrower_scope_does_not_hold_a_part_in_another():
    # 事业收入 is part of 本年收入, not of 财政拨款收入 listed beside it: both are in the sum
    text = (
        "收入总计{t}万元，其中：财政拨款收入2459.67万元，占97.6%；事业收入59.46万元，占2.4%；"
        "此外，使用非财政拨款结余0万元，年初结转和结余0万元。"
    )
    assert not serious(text.format(t="2519.13"))
    assert "FA101" in [f.rule for f in serious(text.format(t="2619.13"))]


def test_a_year_run_into_the_amount_it_names_is_read_as_a_person_reads_it():
    text = "2023年度收、支总计424.71万元。与{prior}万元相比，收、支总计各减少74.12万元，减少14.86%。"
    found = auditor.audit_text(TITLE + text.format(prior="2022498.83")).findings
    assert [(f.rule, f.severity) for f in found] == [("FA601", "info")]
    assert "2022498.83" in found[0].message
    # the same comparison written whole holds, and a wrong rate on it is found
    assert not serious(text.format(prior="2022年498.83"))
    assert [f.rule for f in serious(text.format(prior="2022498.83").replace("14.86", "16.86"))] == ["FA301"]
    # a large department's 20225.36万元, in proportion to the amounts beside it, is what it says
    large = "2023年度支出合计21000.00万元，比20225.36万元增加774.64万元。"
    assert not auditor.audit_text(TITLE + large).findings


def test_a_year_label_finding_cites_the_title_and_the_nearest_statement_of_the_year():
    text = (
        "第二部分 2023年度部门决算情况说明\n"
        "2022年度支出合计1613.28万元，较上年决算数增加284.9万元，增长21.45%。"
    )
    (found,) = [f for f in auditor.audit_text(TITLE + text).findings if f.rule == "FA501"]
    assert [(e.line, e.text) for e in found.evidence if e.text.startswith("2023")] == [
        (1, "2023"),
        (2, "2023"),
    ]


# -- a rate between two stated levels; a change of something else ----------------------------------


def test_a_rate_between_two_stated_levels_is_checked_without_a_change_amount():
    right = "普通小学生均经费上年为500.00元，本年为520.00元，较上年增长4.00%。\n"
    assert serious(right) == []
    (f,) = serious(right.replace("4.00%", "14.00%"))
    assert "14.00%" in cited(f) and {"500.00元", "520.00元"} <= cited(f)
    # the prior named inside the comparison, and a fall written as a negative rise
    assert serious("教育经费总投入760万元，较上年的800万元增长-5%。\n") == []
    (f,) = serious("教育经费总投入760万元，较上年的800万元增长-8%。\n")
    assert "-8%" in cited(f)


def test_a_figure_after_the_comparison_that_fits_only_as_the_change_is_not_a_prior():
    # 较上年决算数40万元，下降6.25%: the change, its word left out (40 ÷ (600 + 40))
    assert serious("本年支出600万元，较上年决算数40万元，下降6.25%。\n") == []


def test_a_change_of_what_its_clause_names_is_not_the_carried_subjects():
    text = (
        "支出总计2,000万元。支出决算方面，债务还本支出比上年增加100万元。"
        "支出总计比上年增加200万元，增长11.11%。\n"
    )
    rs = [r for r in readings(text) if r.fig.number == "100"]
    assert rs and not rs[0].subject.known
    # 剔除…后，按可比口径: a rate of another quantity than the figures stated
    text = "“三公”经费支出1200万元，比上年增加200万元，增长20%；剔除车辆购置费后，按可比口径下降1%。\n"
    assert serious(text) == []
    (rate,) = [r for r in readings(text) if r.fig.number == "1"]
    assert not rate.subject.known


# -- a total after the parts it adds up; reading aids; a budget's document -----------------------


def test_a_total_written_after_its_parts_is_their_sum():
    right = "2022年度支出决算中，人员经费80.50万元、公用经费20.25万元，合计100.75万元。\n"
    assert serious(right) == []
    (f,) = serious(right.replace("100.75", "101.75"))
    assert {"80.50万元", "20.25万元", "101.75万元"} <= cited(f)
    # the total is the sum's, not the last part again
    (total,) = [r for r in readings(right) if r.fig.number == "100.75"]
    assert not total.subject.known
    # names the vocabulary does not know, and the total's own name after 合计
    text = "收入如下：返还性收入1,000万元、上年结余2,000万元、调入资金3,000万元，合计收入总量6,000万元。\n"
    assert serious(text) == []
    assert serious(text.replace("6,000", "6,100"))


def test_a_total_stated_before_the_parts_is_no_part_of_the_sum_after_them():
    # the run of parts is the figures set off by 、: 150 stands before it
    assert serious("本年支出150万元，人员经费120万元、公用经费30万元，合计150万元。\n") == []


def test_the_pinyin_a_reading_aid_writes_after_characters_is_dropped():
    text = "2019年年初預算數(shù)300.5萬元，其中社會保障和就業(yè)支出200.25萬元。"
    doc = Document.from_text(text)
    assert "(shù)" not in doc.text.text and "预算数300.5" in doc.text.text
    fig = doc.figures[1]
    assert doc.text.position(fig.start) == (1, text.index("300.5") + 1)


def test_a_budget_documents_spending_of_the_year_before_is_not_mislabelled():
    text = "2017年三公经费支出合计12.5万元，比上年减少3万元。\n"
    assert [
        f.rule for f in auditor.audit_text("某局2018年部门决算说明\n" + text).findings if f.rule == "FA501"
    ]
    assert not [
        f for f in auditor.audit_text("某局2018年三公经费预算情况说明\n" + text).findings if f.rule == "FA501"
    ]


def test_totals_apart_by_the_carry_over_the_report_states_are_not_an_imbalance():
    text = "全年收入总计500万元。支出总计480万元。收支相抵，年终结转结余20万元。\n"
    assert serious(text) == []
    assert serious(text.replace("年终结转结余20", "年终结转结余30"))


def test_a_rate_before_its_change_amount_is_checked_with_it():
    right = "地方一般公共预算收入完成1,250万元，同比增长25%，增收250万元。\n"
    assert serious(right) == []
    (f,) = serious(right.replace("25%", "20%"))
    assert {"20%", "250万元"} <= cited(f)


def test_the_role_words_of_an_aside_in_parentheses_are_not_the_figures():
    text = (
        "全县教育经费总投入为1500万元，较上年的2000万元减少25%。其中，国家财政性教育经费"
        "（主要包括一般公共预算安排的教育经费）为900万元，较上年的1200元减少25%。\n"
    )
    (f,) = serious(text)
    # 1200元 among amounts in 万元: the unit written around it says which figure slipped
    assert f.diagnosis is not None and f.diagnosis.cause == "unit_slip"
    assert f.diagnosis.culprit.text == "1200元"


def test_a_direction_word_left_in_its_template_brackets_is_read():
    right = "对个人和家庭补助支出30万元，比上年（减少）10万元，减幅25%。\n"
    (change,) = [r for r in readings(right) if r.fig.number == "10"]
    assert (change.kind, change.sign, change.subject.concept) == ("change", -1, "household_grants")
    assert serious(right) == []
    assert serious(right.replace("25%", "52%"))


def test_a_share_of_the_total_named_in_a_scope_is_not_of_the_lists_own_total():
    text = (
        "2023年度本年收入合计1000.00万元。\n"
        "1.财政拨款收入990.00万元，在收入合计中占99.00%。其中：一般公共预算财政拨款收入990.00万元，"
        "在收入合计中占99.00%。\n"
    )
    assert serious(text) == []


def test_one_name_for_the_balances_of_several_funds_is_not_one_quantity():
    text = (
        "全区一般公共预算收入40.00亿元，上级补助收入12.00亿元，上年结余3.00亿元。一般公共预算支出35.00亿元。"
        "收入合计55.00亿元，支出合计50.00亿元。\n"
        "全区政府性基金上年结余20.00亿元，上级补助收入15.00亿元，收入合计35.00亿元。\n"
    )
    assert [f for f in serious(text) if f.rule == "FA801"] == []
    # one level named throughout: the same name stated twice with two values is one quantity
    one = "全区财政收支情况：上级补助收入12.00亿元。\n全区财政收支情况：上级补助收入15.00亿元。\n"
    assert [f.rule for f in serious(one)] == ["FA801"]
    two = one.replace("全区财政收支情况：上级补助收入15.00", "区本级财政收支情况：上级补助收入15.00")
    assert serious(two) == []


def test_what_an_aside_in_parentheses_names_is_not_the_subject_after_it():
    text = "“三公”经费支出合计500.00万元（含基本支出和项目支出安排的经费），同比减少100.00万元。\n"
    (change,) = [r for r in readings(text) if r.fig.number == "100.00"]
    assert change.subject.concept == "three_public"
    # a short group is part of a name: 行政运行（项）: 支出决算为… stays the item's
    item = "1.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：支出决算为200.00万元。\n"
    (level,) = [r for r in readings(item) if r.fig.number == "200.00"]
    assert not level.subject.known


def test_parts_that_add_up_to_the_total_around_their_list_are_not_checked_against_its_item():
    # the closing bracket set after the last part: 406 is 上级转移支付's, beside 一般转移支付
    text = (
        "加上级转移支付收入300万元，其中：一般转移支付收入200万元（含均衡性转移支付收入120万元、"
        "结算补助收入80万元，专项转移支付收入100万元）。\n"
    )
    assert serious(text) == []
    # parts that exceed their total and add up to nothing stated: a slip
    assert serious(text.replace("专项转移支付收入100", "专项转移支付收入99"))


def test_staff_beside_the_establishment_are_no_part_of_it():
    text = "本单位编制40人，实有在编人员38人，其中管理人员6人，专业技术人员30人，劳务派遣人员9人。\n"
    assert serious(text) == []
    (f,) = serious(text.replace("专业技术人员30人", "专业技术人员35人"))
    assert {"38", "35", "6"} <= {e.text.rstrip("人") for e in f.evidence}


def test_an_income_total_written_for_the_years_income_beside_its_carry_in_is_no_imbalance():
    text = "本年度收入总计120.40万元，年初结转和结余3.60万元，支出总计124.00万元。\n"
    assert serious(text) == []
    assert serious(text.replace("支出总计124.00", "支出总计126.00"))


def test_a_change_after_a_lists_last_item_that_fits_the_total_is_not_the_items():
    text = (
        "本年收入合计800000元，其中：财政拨款收入760000元，占总收入的95%；其他收入40000元，"
        "占总收入的5%，比上年减少200000元，下降20%。\n"
    )
    assert serious(text) == []
    # fitting neither the item nor the total: still the item's, and wrong
    assert serious(text.replace("下降20%", "下降30%"))


def test_a_funds_appropriation_named_without_its_budget_word_is_that_funds():
    text = (
        "本年财政拨款收入总计300万元，其中：一般公共预算财政拨款收入300万元，政府性基金财政拨款收入0万元。\n"
    )
    (r,) = [r for r in readings(text) if r.fig.number == "0"]
    assert r.subject == Subject("income_year", "gf")
    assert serious(text) == []


def test_a_year_without_its_character_is_not_part_of_the_name_after_it():
    (r, *_) = readings("某县文联2023收入合计150万元，比上年增加10万元。\n")
    assert r.subject == Subject("income_year", "all")


def test_truncation_widens_a_stated_rate_never_the_amounts_that_go_into_it():
    right = "三公经费预算3,000.00万元，支出决算2,000.00万元，完成预算的66.67%。\n"
    assert auditor.audit_text(TITLE + right).findings == []
    # 66.666…% cut after two decimals: consistent if truncated, an informational note at most
    truncated = auditor.audit_text(TITLE + right.replace("66.67%", "66.66%")).findings
    assert [f.severity for f in truncated] == ["info"]
    # 8.42 / 23.17 = 36.340%, at least 36.311% within rounding: 36.30% only if the amounts
    # themselves were widened to [x − ½, x + 1) units of their last digit, which no rule allows
    (f,) = serious("三公经费预算23.17万元，支出决算8.42万元，完成预算的36.30%。\n")
    assert "36.30%" in cited(f)


def test_a_column_group_named_above_its_columns_is_read_with_them():
    table = (
        "某局2023年三公经费决算数对比情况表\n单位:万元\n"
        "项 目 | 上年 决算数 | 本年 决算数 | 较上年增减情况 |\n"
        "增、减额 | 增、减幅度 |\n"
        "合 计 | 50.00 | 35.00 | -15.00 | -30.00% |\n"
        "1、公务接待费 | 20.00 | 11.00 | -9.00 | -45.00% |\n"
        "2、公务用车费 | 30.00 | 24.00 | -6.00 | -20.00% |\n"
    )
    report = auditor.audit_text(table)
    assert report.findings == [] and report.coverage.relations_consistent >= 6
    (f,) = auditor.audit_text(table.replace("-45.00%", "-35.00%")).findings
    assert "-35.00%" in cited(f)


def test_a_share_of_a_base_named_right_before_the_figure_is_a_share():
    (r,) = [r for r in readings("本年支出合计300万元，占总支出75%。\n") if r.fig.unit == "%"]
    assert r.kind == "share"


def test_the_parts_shares_are_not_checked_against_a_total_given_as_a_share_of_another():
    text = (
        "本年收入合计600.00万元，占总收入98.00%，包括财政拨款收入570.00万元，占93.10%；"
        "其他收入30.00万元，占4.90%。\n"
    )
    # 570 / 612.24 (600 / 98%) = 93.10%: of the 总收入, not of the 本年收入合计 (95.00%)
    assert serious(text) == []
    assert serious(text.replace("占总收入98.00%，", "")) != []


def test_a_change_against_last_years_budget_is_not_a_change_against_the_budget():
    text = "机关运行经费预算200万元，比上年预算250万元减少50万元，下降20%。\n"
    assert serious(text) == []
    assert serious(text.replace("下降20%", "下降30%")) == []  # abstains: another year's budget


def test_a_change_stated_again_in_another_section_must_be_the_same():
    text = (
        "一、收支总体情况\n本年支出合计4.5万元，比上年减少0.5万元，下降10.00%。\n"
        "二、支出决算情况\n本年支出合计4.5万元，比上年减少0.5万元，下降{}%。\n"
    )
    assert serious(text.format("10.00")) == []
    (f,) = serious(text.format("10.50"))
    assert f.rule == "FA802" and {"10.00%", "10.50%"} <= cited(f)


def test_a_change_in_the_prose_and_in_its_comparison_table_must_be_the_same():
    text = (
        "一般公共预算财政拨款三公经费支出决算40.00万元，比上年减少10.00万元，下降{}%。\n"
        "某局2023年三公经费决算数对比情况表\n单位:万元\n"
        "项 目 | 上年 决算数 | 本年 决算数 | 较上年增减情况 |\n"
        "增、减额 | 增、减幅度 |\n"
        "合 计 | 50.00 | 40.00 | -10.00 | -20.00% |\n"
    )
    assert serious(text.format("20.00")) == []
    # 20.01% is within rounding of the prose's own amounts (10.00 of 50.00), but it and the
    # table's -20.00% are two figures for one fall, at the same precision
    (f,) = [f for f in serious(text.format("20.01")) if f.rule == "FA802"]
    assert {"20.01%", "-20.00%"} <= cited(f)


def test_changes_of_one_paragraph_or_of_reasons_are_not_compared_as_restatements():
    # 其中…安排的三公经费…: a narrower quantity in the same paragraph, read as the same concept
    same_paragraph = "三公经费支出120万元，同比增加20%；其中财政拨款安排的三公经费支出110万元，增长10%。\n"
    assert not [f for f in auditor.audit_text(TITLE + same_paragraph).findings if f.rule == "FA802"]
    reasons = (
        "一、项目支出\n项目支出增加50万元，主要原因：新增某某项目，项目经费支出增加80万元。\n"
        "二、支出情况\n项目支出增加50万元。\n"
    )
    assert not [f for f in auditor.audit_text(TITLE + reasons).findings if f.rule == "FA802"]


def test_shares_add_up_to_the_whole_only_within_their_own_rounding():
    # 92.00 + 8.00 + 0 = 100.00: the list is the whole, its parts must add up
    whole = (
        "本年收入合计500.00万元，其中：财政拨款收入460.00万元，占92.00%；"
        "事业收入40.00万元，占8.00%；经营收入0万元，占0%。\n"
    )
    assert serious(whole) == []
    assert serious(whole.replace("事业收入40.00", "事业收入41.00").replace("8.00%", "8.20%"))
    # 91.90 + 8.00: a part left out (0.10%), which a 0% gives no room for: only ≤ the total
    part = whole.replace("460.00万元，占92.00%", "459.50万元，占91.90%")
    assert serious(part) == []


def test_a_schools_name_before_the_concept_is_the_department_not_a_qualifier():
    (r, *_) = readings("2023年某某小学本年收入合计480.50万元，其中：财政拨款收入470.20万元。\n")
    assert r.subject == Subject("income_year", "all")


def test_a_part_broken_down_in_its_own_clause_is_not_a_sibling_of_the_list_it_is_in():
    one_line = (
        "某区人民法院2023年度收入决算500.00万元，其中：本年收入480.00万元，占总收入96.00%，"
        "包括财政拨款收入450.00万元（其中，一般公共预算450.00万元），占总收入90.00%；"
        "事业收入0万元，占总收入0%。\n"
    )
    # a fund's part larger than the part it breaks down
    broken = one_line.replace("财政拨款收入450.00", "财政拨款收入490.00")

    def wrapped(text):
        """The same sentence as out of a PDF: the list's first line ends at 其中："""
        return text.replace("其中：本年收入", "其中：\n本年收入").replace("财政拨款收", "财政拨款收\n", 1)

    for form in (str, wrapped):
        assert serious(form(one_line)) == [], form(one_line)
        (f,) = serious(form(broken))
        assert {"480.00万元", "490.00万元"} <= cited(f), form(broken)


def test_the_scope_a_reason_names_does_not_carry_to_the_next_statement():
    text = (
        "2023年度收入总计800.00万元，比上年减少60.00万元，主要原因是财政拨款收入减少50.00万元；"
        "2023年度支出总计900.00万元，比上年减少40.00万元。\n"
        "财政拨款支出总计500.00万元，比上年减少70.00万元。\n"
    )
    (r,) = [r for r in readings(text) if r.fig.number == "900.00"]
    assert r.subject == Subject("expense_total", "all")
    assert not [f for f in auditor.audit_text(TITLE + text).findings if f.rule in ("FA801", "FA802")]


def test_parts_of_two_totals_named_alike_are_not_one_change_stated_twice():
    text = (
        "1.基本支出300.00万元，具体为：\n工资福利支出200.00万元，比上年增加20.00万元。\n"
        "2.项目支出100.00万元，具体为：\n工资福利支出10.00万元，比上年增加10.00万元。\n"
    )
    assert not [f for f in auditor.audit_text(TITLE + text).findings if f.rule == "FA802"]


def test_a_rate_beside_a_change_against_last_years_budget_takes_no_change_from_elsewhere():
    text = (
        "安排公务接待费6.00万元，比上年预算减1.50万元，同比下降20.00%。\n"
        "上年公务接待费支出4.00万元，与上年比减少3.00万元。\n"
    )
    assert serious(text) == []


def test_an_identity_does_not_hold_a_total_the_report_breaks_down_into_other_parts():
    text = (
        "公务用车购置及运行维护费500万元（其中，公务用车购置费20万元，公务用车运行维护费380万元，"
        "其他交通费用100万元）。\n"
    )
    assert serious(text) == []
    # the report's own parts not adding up: still checked, as a list
    assert serious(text.replace("其他交通费用100", "其他交通费用150"))


def test_a_change_larger_than_the_item_it_follows_is_the_lists_totals():
    text = "本年收入总计500.00万元，其中年初结转和结余20.00万元，较上年增加50.00万元，增长{}%。\n"
    # 50 / (500 - 50) = 11.11%: of the total; the item (20) cannot have risen by 50
    assert serious(text.format("11.11")) == []
    (f,) = serious(text.format("10.11"))
    assert {"10.11%", "500.00万元", "50.00万元"} <= cited(f)
    # a rise as large as the item itself (增长100% from nothing) stays the item's: nothing said
    from_nothing = "本年收入总计500.00万元，其中政府性基金收入50.00万元，较上年增加50.00万元，增长100%。\n"
    assert serious(from_nothing) == []

"""Whole generated reports (tests/reportgen.py): consistent ones stay clean; one injected slip of
each kind is found at the injected figure and blamed on the right cause.

The slip tests state what issue 3 asks for. Kinds the engine does not diagnose yet are marked
``xfail`` (not strict: hypothesis may draw a case the engine happens to get right) with the
reason measured by ``bench/diagnosis_accuracy.py``; the assertions themselves are not weakened.
Delete an entry from ``ENGINE_GAPS`` when the engine closes the gap.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

import auditor
from reportgen import KINDS, KNOWN_PHRASINGS, DrawChooser, NoTarget, alternatives, consistent, inject, reports

SLOW = dict(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
            deadline=None)
# the engine tests that are expected to fail today do not shrink (a whole report shrinks slowly);
# bench/diagnosis_accuracy.py --examples DIR writes a few-line reproducer per failure mode instead
NO_SHRINK = dict(SLOW, phases=[Phase.explicit, Phase.reuse, Phase.generate])

# kind → why the engine misses it, measured with `python bench/diagnosis_accuracy.py --n 200` (share of
# cases with the cause named at the injected figure) on the engine this branch started from (a1d717d)
# and on main at ada7db3. Delete an entry when its kind passes: direction_word and truncation already
# pass on ada7db3, as does the consistent-report test.
ENGINE_GAPS: dict[str, str] = {
    "unit_slip": "a1d717d 33.5%, ada7db3 93.5%: a slipped 项 line checked against its 类 only when 年初预算 is "
                 "stated; the prose 自评得分 / table 总分 and 本年支出包括：基本支出… (部门财政资金) not cross-checked",
    "transposed_digits": "a1d717d 55.5%, ada7db3 92%: 类=Σ项 when the item lines state no budget; score cells give "
                         "FA816 (score > weight) with no diagnosis; 总收入/总支出 restated in the 收入/支出 section",
    "wrong_digit": "a1d717d 43.5%, ada7db3 84%: same gaps, and FA101/FA105/FA811 sums with no diagnosis although "
                   "another relation pins the culprit",
    "misplaced_decimal": "a1d717d 33%, ada7db3 93.5%: prose 自评得分 vs table 总分; table cells (FA812/FA816) "
                         "without diagnosis",
    "wrong_base": "a1d717d 2.5%, ada7db3 96%: a change rate whose prior value is stated (比上年决算数P万元增加D万元，"
                  "增长r%) and r = D ÷ (another total − D) is called miscalculated",
    "direction_word": "a1d717d 0% (FA301 says miscalculated, FA303 no diagnosis); passes on ada7db3",
    "year_label": "a1d717d 24%, ada7db3 82.5%: another year before 政府采购支出总额, 本年收入合计, 本年支出合计, "
                  "一般公共预算财政拨款支出年初预算 or 基本支出 is not reported",
    "truncation": "a1d717d 78.5% (包括 without a colon opens no breakdown; table rates not read); passes on ada7db3",
}
FALSE_ALARMS = "; ".join(KNOWN_PHRASINGS.values())


def serious(report):
    return [f for f in report.findings if f.severity in ("error", "warning")]


def describe(findings) -> str:
    return "\n".join(f"{f.rule} {f.severity} {f.diagnosis.cause if f.diagnosis else None} "
                     f"{[(e.line, e.column, e.text) for e in f.evidence]} {f.message}" for f in findings)


# -- the generator itself (no engine involved) ---------------------------------------------

@settings(max_examples=40, **SLOW)
@given(reports())
def test_generated_report_is_consistent_and_its_record_is_exact(report):
    assert consistent(report) == []
    for f in report.figures:
        assert report.text[f.start:f.end] == f.text
    for w in report.words:
        assert report.text[w.start:w.end] == w.text
    # every section of the template is there
    for heading in ("收入支出决算总体情况", "收入决算", "支出决算", "财政拨款收入支出决算总体情况",
                    "一般公共预算财政拨款支出决算", "基本支出决算", "“三公”经费", "政府性基金", "国有资本经营",
                    "机关运行经费", "政府采购", "国有资产", "名词解释", "绩效自评表"):
        assert heading in report.text
    assert "总分" in report.text or "自评得分(满分100分)" in report.text
    assert report.text.startswith(f"{report.department}{report.year}年度部门决算")


@settings(max_examples=40, **SLOW)
@given(reports(), st.sampled_from(KINDS), st.data())
def test_injection_changes_one_place_and_breaks_a_stated_relation(report, kind, data):
    try:
        inj = inject(report, kind, DrawChooser(data.draw))
    except NoTarget:
        assume(False)
    lines = inj.text.split("\n")
    assert lines[inj.line - 1][inj.column - 1:].startswith(inj.figure.number)
    old, new = report.text.split("\n"), lines
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert changed == [inj.line - 1]
    if kind != "year_label":
        assert inj.broken  # the oracle found a relation the slip breaks
    assert alternatives(report, inj) == []  # and no other single slip would explain it as well


# -- the engine -------------------------------------------------------------------------------

@pytest.mark.xfail(reason=f"known false alarm on a1d717d (fixed on main ada7db3): {FALSE_ALARMS}", strict=False)
@settings(max_examples=60, **NO_SHRINK)
@given(reports())
def test_consistent_whole_report_has_no_error_or_warning(report):
    found = serious(auditor.audit_text(report.text))
    assert found == [], describe(found) + "\n\n" + report.text


@settings(max_examples=100, **SLOW)
@given(reports(avoid=frozenset(KNOWN_PHRASINGS)))
def test_consistent_whole_report_without_known_false_alarm_phrasings_is_clean(report):
    """Guards against every other false alarm while the known ones (KNOWN_PHRASINGS) are fixed."""
    found = serious(auditor.audit_text(report.text))
    assert found == [], describe(found) + "\n\n" + report.text


def _kind_params():
    for kind in KINDS:
        marks = [pytest.mark.xfail(reason=ENGINE_GAPS[kind], strict=False)] if kind in ENGINE_GAPS else []
        yield pytest.param(kind, marks=marks, id=kind)


@pytest.mark.parametrize("kind", list(_kind_params()))
@settings(max_examples=25, **NO_SHRINK)
@given(report=reports(), data=st.data())
def test_injected_slip_is_found_at_its_figure_with_its_cause(kind, report, data):
    try:
        inj = inject(report, kind, DrawChooser(data.draw))
    except NoTarget:
        assume(False)
    audit = auditor.audit_text(inj.text)
    at = [f for f in audit.findings if any((e.line, e.column) == (inj.line, inj.column) for e in f.evidence)]
    named = [f for f in at if f.diagnosis is not None and f.diagnosis.cause == kind]
    context = (f"{kind}: {inj.detail} at line {inj.line}, column {inj.column}; breaks {inj.broken}\n"
               f"line: {inj.text.split(chr(10))[inj.line - 1]}\nfindings:\n{describe(audit.findings)}")
    assert named, context
    if kind == "truncation":
        assert all(f.severity == "info" for f in named), context
        assert serious(audit) == [], context


def test_accuracy_bench_runs_and_prints_its_table_and_command(capsys, tmp_path):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "diagnosis_accuracy.py"
    spec = importlib.util.spec_from_file_location("diagnosis_accuracy", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--n", "3", "--seed", "7", "--examples", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for kind in KINDS:
        assert f"| {kind} | " in out
    assert "| generated, no slip | 3 |" in out
    assert "python bench/diagnosis_accuracy.py --n 3 --seed 7" in out

"""Whole generated reports (tests/reportgen.py): consistent ones stay clean; one injected slip of
each kind is found at the injected figure and blamed on the right cause.

Consistent reports must give no error or warning (hypothesis). Injected slips are measured on
fixed seeds: per kind, the share diagnosed at the injected figure with the right cause may not
fall below the floor measured with ``bench/diagnosis_accuracy.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from reportgen import (
    FIXED_PHRASINGS,
    KINDS,
    KNOWN_PHRASINGS,
    DrawChooser,
    NoTarget,
    alternatives,
    consistent,
    inject,
    reports,
)

import auditor

SLOW = {
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    "deadline": None,
}
# the engine tests that are expected to fail today do not shrink (a whole report shrinks slowly);
# bench/diagnosis_accuracy.py --examples DIR writes a few-line reproducer per failure mode instead
NO_SHRINK = dict(SLOW, phases=[Phase.explicit, Phase.reuse, Phase.generate])

FALSE_ALARMS = "; ".join(f"{name}: {k.misread}" for name, k in KNOWN_PHRASINGS.items())


def serious(report):
    return [f for f in report.findings if f.severity in ("error", "warning")]


def describe(findings) -> str:
    return "\n".join(
        f"{f.rule} {f.severity} {f.diagnosis.cause if f.diagnosis else None} "
        f"{[(e.line, e.column, e.text) for e in f.evidence]} {f.message}"
        for f in findings
    )


# -- the generator itself (no engine involved) ---------------------------------------------


@settings(max_examples=40, **SLOW)
@given(reports())
def test_generated_report_is_consistent_and_its_record_is_exact(report):
    assert consistent(report) == []
    for f in report.figures:
        assert report.text[f.start : f.end] == f.text
    for w in report.words:
        assert report.text[w.start : w.end] == w.text
    for f in report.figures:  # a figure's text is its number, what stands before its unit, its unit
        assert f.text == f.number + (f.gap + f.unit_text if f.unit_text else "")
    # every section of the template is there (in the words the report is written in)
    text = report.text.replace("\n", "")
    assert report.script("收入决算") in text or report.script("收入情况") in text
    assert report.script("支出决算") in text or report.script("支出情况") in text
    for heading in (
        "收入支出决算总体情况",
        "财政拨款收入支出决算总体情况",
        "一般公共预算财政拨款支出决算",
        "基本支出决算",
        "“三公”经费",
        "政府性基金",
        "国有资本经营",
        "机关运行经费",
        "政府采购",
        "国有资产",
        "名词解释",
        "绩效自评表",
    ):
        assert report.script(heading) in text, heading
    assert report.script("总分") in text or report.script("自评得分(满分100分)") in text
    assert report.text.startswith(f"{report.department}{report.year}" + report.script("年度部门决算"))


@settings(max_examples=40, **SLOW)
@given(reports(), st.sampled_from(KINDS), st.data())
def test_injection_changes_one_place_and_breaks_a_stated_relation(report, kind, data):
    try:
        inj = inject(report, kind, DrawChooser(data.draw))
    except NoTarget:
        assume(False)
    lines = inj.text.split("\n")
    assert lines[inj.line - 1][inj.column - 1 :].startswith(inj.figure.number)
    old, new = report.text.split("\n"), lines
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert len(old) == len(new)
    # the figure's line, and for a year or a direction word the word's line (a PDF's line may end
    # between a word and its figure)
    assert inj.line - 1 in changed or kind in ("year_label", "direction_word")
    assert set(changed) <= {inj.line - 1} | {line - 1 for line, _ in inj.also}
    if kind != "year_label":
        assert inj.broken  # the oracle found a relation the slip breaks
    assert alternatives(report, inj) == []  # and no other single slip would explain it as well


# -- the engine -------------------------------------------------------------------------------


@pytest.mark.xfail(bool(KNOWN_PHRASINGS), reason=f"known false alarms: {FALSE_ALARMS}", strict=False)
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


@pytest.mark.parametrize("name", sorted(KNOWN_PHRASINGS) or ["(none)"])
def test_known_misread_phrasing_still_misread(name):
    """Each known misreading, on its few-line reproducer (consistent: no error or warning is due),
    still misread: once the engine reads one right this test fails; then move its entry to
    FIXED_PHRASINGS, and the hypothesis tests write the phrasing again. With none known, the list
    is empty and says so."""
    if name == "(none)":
        assert KNOWN_PHRASINGS == {}
        return
    found = serious(auditor.audit_text(KNOWN_PHRASINGS[name].reproducer))
    assert found != [], f"{name} reads right now: move it to FIXED_PHRASINGS"


@pytest.mark.parametrize("name", sorted(FIXED_PHRASINGS))
def test_phrasing_once_misread_reads_clean(name):
    """Each phrasing the engine once misread (FIXED_PHRASINGS), on its reproducer: no error or
    warning, as a consistent text deserves."""
    found = serious(auditor.audit_text(FIXED_PHRASINGS[name].reproducer))
    assert found == [], f"{FIXED_PHRASINGS[name].misread}\n" + describe(found)


# Per kind, the share of generated cases where the injected figure is named as the culprit with
# its cause must not fall below what was measured (`python bench/diagnosis_accuracy.py --n 200
# --seed 0`, table in the README), less a margin for the smaller sample here (these 40 seeds give
# 0.875, 0.975, 0.85, 0.75, 0.925, 0.925, 0.75, 0.45). The reports are written with every
# phrasing, the known misread ones (KNOWN_PHRASINGS) included, as the benchmark writes them: a
# false alarm anywhere in the report fails a truncation (its note must be the only finding), so
# that floor is low until those are read right. Some single slips cannot be told apart from
# arithmetic alone even by hand (the generator keeps only identifiable ones, but a wrong digit in
# a rate written with one decimal still fits several figures).
FLOORS = {
    "unit_slip": 0.85,
    "transposed_digits": 0.85,
    "wrong_digit": 0.80,
    "misplaced_decimal": 0.72,
    "wrong_base": 0.80,
    "direction_word": 0.90,
    "year_label": 0.72,
    "truncation": 0.42,
}
CASES = 40


def _diagnosed(kind: str, inj, audit) -> bool:
    places = {(inj.line, inj.column)} | (set(inj.also) if kind == "year_label" else set())
    for f in audit.findings:
        d = f.diagnosis
        if d is None or d.cause != kind or not any((e.line, e.column) in places for e in f.evidence):
            continue
        if kind == "truncation":
            return f.severity == "info" and serious(audit) == []
        if d.culprit is not None and (d.culprit.line, d.culprit.column) == (inj.line, inj.column):
            return True
        if kind in ("year_label", "direction_word") and d.culprit is not None:
            return True  # the year or the word stands before the figure: the finding cites both
    return False


@pytest.mark.parametrize("kind", KINDS)
def test_injected_slips_are_diagnosed_at_their_figure_with_their_cause(kind):
    import random

    from reportgen import RandomChooser, generate

    found = tried = 0
    misses = []
    for i in range(CASES):
        rnd = random.Random(f"test:{kind}:{i}")
        report = generate(RandomChooser(rnd))
        try:
            inj = inject(report, kind, RandomChooser(rnd))
        except NoTarget:
            continue
        tried += 1
        audit = auditor.audit_text(inj.text)
        if _diagnosed(kind, inj, audit):
            found += 1
        elif len(misses) < 3:
            misses.append(
                f"{inj.detail} at {inj.line}:{inj.column}: {inj.text.split(chr(10))[inj.line - 1][:160]}\n"
                + describe([f for f in audit.findings if any(e.line == inj.line for e in f.evidence)])
            )
    assert tried >= CASES // 2
    assert found / tried >= FLOORS[kind], f"{kind}: {found}/{tried}\n" + "\n".join(misses)


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

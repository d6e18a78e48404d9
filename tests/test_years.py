"""Across reports and years: department and year from the title; a report's prior-year figures
(implied by its changes, or stated) against the previous year's report of the same department."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from auditor.facts.years import department_key, facts_of_text, identify
from auditor.run.synth import series
from auditor.run.years import audit_years, compare_years


@pytest.mark.parametrize(
    "key, department, year",
    [
        ("000", "四川省雅安市政务服务和大数据局", 2021),
        ("001", "保山市隆阳区政务服务管理局", 2020),
        ("002", None, None),  # its title names no department: not linked, never guessed
        ("003", "玉林市大数据发展和政务服务局", 2024),
    ],
)
def test_identify_seeds(seeds, key, department, year):
    assert identify(seeds[key].read_text(encoding="utf-8")) == (department, year)


def test_identify_titles():
    assert identify("XX县财政局2021年度部门决算\n正文") == ("XX县财政局", 2021)
    assert identify("第三部分 2022年度部门决算情况说明\n") == (None, None)
    assert identify("2019年度 江城市 审计局 单位决算") == ("江城市审计局", 2019)
    assert department_key("四川省雅安市政务服务和大数据局") == department_key("雅安市政务服务和大数据局")
    assert department_key("广西壮族自治区玉林市财政局") == "玉林市财政局"


def test_implied_prior_year_figures_on_a_seed(seeds):
    facts = facts_of_text(seeds["000"].read_text(encoding="utf-8"), "000.txt")
    implied = {(p.concept, p.scope): (p.lo, p.hi) for p in facts.prior}
    # 2099.38 + 1251.96 = 3351.34 万元, within the rounding of both figures
    lo, hi = implied[("income_total", "all")]
    assert lo <= Decimal("33513400") <= hi and hi - lo == Decimal("200")  # ±50元 each
    lo, hi = implied[("income_total", "fin")]
    assert lo <= Decimal("31123300") <= hi  # 1755.78 + 1356.55
    assert all(p.how == "implied" for p in facts.prior)
    stated = {(s.concept, s.scope) for s in facts.stated}
    assert ("income_total", "all") in stated and ("expense_year", "all") in stated


def test_budget_comparisons_and_other_years_are_not_prior_year_figures():
    text = (
        "江城市审计局2024年度部门决算\n"
        "本部门2024年度机关运行经费支出104.02万元,比年初预算数减少8.76万元。\n"
        "2024年度收、支总计500.00万元,比2022年减少20.00万元。\n"
        "2024年度本年支出合计480.00万元,比上年决算支出400.00万元增加80.00万元。\n"
    )
    facts = facts_of_text(text, "x.txt")
    assert [(p.concept, p.how, p.lo, p.hi) for p in facts.prior] == [
        ("expense_year", "stated", Decimal("3999950.000"), Decimal("4000050.000"))
    ]
    # the figure stated for last year is not one of this year's
    assert [s.figure.text for s in facts.stated if s.concept == "expense_year"] == ["480.00万元"]


def _write_series(folder, slips=None, years=3, department="江城市河西区财政局", seed=1):
    paths = []
    for year, text in series(department, 2019, years, seed=seed, slips=slips):
        p = folder / f"{department}_{year}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def test_consistent_series_has_no_finding(tmp_path):
    _write_series(tmp_path, years=4)
    _write_series(tmp_path, years=3, department="青山市财政局", seed=9)
    assert audit_years([str(tmp_path)]) == []


def test_wrong_change_is_found_naming_both_reports(tmp_path):
    paths = _write_series(tmp_path, slips={2020: Decimal("12.50")})
    findings = audit_years([str(tmp_path)])
    assert len(findings) == 1
    f = findings[0]
    assert f.rule == "FA901" and f.severity == "warning"
    by_path = {}
    for e in f.evidence:
        by_path.setdefault(e.path, []).append(e.role)
    assert by_path == {str(paths[1]): ["本年数", "变动额"], str(paths[0]): ["上年报告数"]}
    assert str(paths[0]) in f.message and str(paths[1]) in f.message
    assert f.difference == "-12.50万元"
    assert all(e.line == 4 for e in f.evidence)


def test_a_slip_within_rounding_is_not_a_finding(tmp_path):
    _write_series(tmp_path, slips={2020: Decimal("0.01")})  # 0.01 万元: inside the two roundings
    assert audit_years([str(tmp_path)]) == []


def test_stated_prior_year_figure_mismatch(tmp_path):
    (tmp_path / "a2020.txt").write_text(
        "江城市审计局2020年度部门决算\n2020年度本年支出合计400.00万元。\n", encoding="utf-8"
    )
    (tmp_path / "a2021.txt").write_text(
        "江城市审计局2021年度部门决算\n2021年度本年支出合计480.00万元,比上年决算支出410.00万元增加70.00万元。\n",
        encoding="utf-8",
    )
    (tmp_path / "b2021.txt").write_text(  # another department: never compared with a2020
        "江城市财政局2021年度部门决算\n2021年度本年支出合计480.00万元,比上年决算支出380.00万元增加100.00万元。\n",
        encoding="utf-8",
    )
    findings = audit_years([str(tmp_path)])
    assert [(f.rule, f.stated, f.expected) for f in findings] == [("FA902", "410.00万元", "400.00万元")]


def test_cli_across_years_jsonl_and_json(tmp_path):
    paths = _write_series(tmp_path, slips={2021: Decimal("-30")})
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--format", "jsonl", "--across-years", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr  # warnings only
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 4
    across = [d for d in lines if "across_years" in d]
    assert len(across) == 1 and across[0]["path"] == str(paths[2])
    evidence = across[0]["across_years"][0]["evidence"]
    assert {e["path"] for e in evidence} == {str(paths[1]), str(paths[2])}
    assert "FA901" in proc.stderr  # in the summary table
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "check",
            "--format",
            "json",
            "--across-years",
            "--jobs",
            "2",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    data = json.loads(proc.stdout)
    assert len(data["documents"]) == 3 and [f["rule"] for f in data["across_years"]] == ["FA901"]


def test_compare_years_needs_consecutive_years(tmp_path):
    texts = dict(series("江城市财政局", 2019, 3, seed=4, slips={2021: Decimal("50")}))
    facts = [facts_of_text(texts[2019], "a"), facts_of_text(texts[2021], "c")]  # 2020 missing
    assert compare_years(facts) == []


def test_summary_counts_reports_that_cannot_be_linked(tmp_path, seeds):
    import io

    from auditor.cli.check import CheckArgs, run

    _write_series(tmp_path, years=2)
    (tmp_path / "untitled.txt").write_bytes(seeds["002"].read_bytes())  # no department in its title
    out, err = io.StringIO(), io.StringIO()
    run(CheckArgs([str(tmp_path)], format="jsonl", jobs=1, across_years=True), out, err)
    assert "未能跨年度对应：1" in err.getvalue()


def test_fact_store_on_disk_matches_and_cleans_up(tmp_path):
    import glob
    import tempfile

    from auditor.run.years import FactStore

    texts = dict(series("江城市财政局", 2019, 3, seed=4, slips={2021: Decimal("50")}))
    before = set(glob.glob(f"{tempfile.gettempdir()}/auditor-years-*"))
    with FactStore() as store:
        for year, text in texts.items():
            store.add(facts_of_text(text, f"{year}.txt"))
        assert store.count == 3
        findings = store.compare()
    assert [(f.rule, f.evidence[-1].path) for f in findings] == [("FA901", "2020.txt")]
    assert set(glob.glob(f"{tempfile.gettempdir()}/auditor-years-*")) == before

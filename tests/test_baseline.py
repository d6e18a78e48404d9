"""Baselines: fingerprints survive moved lines; a new or a second identical slip is reported."""

import json

import auditor
from auditor.cli.commands import main
from auditor.explain.finish import fingerprint
from auditor.report.baseline import Baseline, apply_baseline, load_baseline

SLIP = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1417.4万元，占73.72%。\n"


def test_fingerprint_ignores_line_numbers_but_not_figures(seeds):
    text = seeds["000"].read_text(encoding="utf-8")
    before = auditor.audit_text(text)
    moved = auditor.audit_text("新增说明一行。\n\n另一行，金额12.5万元。\n" + text)
    assert [f.evidence[0].line + 3 for f in before.findings] == [f.evidence[0].line for f in moved.findings]
    assert [f.fingerprint for f in before.findings] == [f.fingerprint for f in moved.findings]
    assert all(f.fingerprint == fingerprint(f) for f in before.findings)
    changed = auditor.audit_text(text.replace("74.13万元", "74.31万元"))
    fa301 = lambda r: next(f.fingerprint for f in r.findings if f.rule == "FA301")  # noqa: E731
    assert fa301(changed) != fa301(before)


def test_baseline_cli_survives_inserted_lines_and_fails_new_slip(tmp_path, seeds, capsys):
    doc = tmp_path / "r.txt"
    doc.write_text(seeds["000"].read_text(encoding="utf-8"), encoding="utf-8")
    base = tmp_path / "audit-baseline.json"
    n = len(auditor.audit(doc).findings)
    assert n >= 3
    assert main(["baseline", str(doc), "-o", str(base)]) == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["version"] == 1 and len(data["findings"]) == n
    assert {"fingerprint", "rule", "path", "message"} <= set(data["findings"][0])
    assert main(["check", str(doc), "--baseline", str(base)]) == 0
    assert f"{n} accepted finding(s) hidden" in capsys.readouterr().err
    doc.write_text("插入的一行\n插入的第二行\n" + doc.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", "--format", "json", str(doc), "--baseline", str(base)]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["findings"] == []
    doc.write_text(doc.read_text(encoding="utf-8") + SLIP, encoding="utf-8")
    assert main(["check", "--format", "json", str(doc), "--baseline", str(base)]) == 1
    found = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    # one slip (项目支出 1417.4 for 1407.4) breaks the sum and its share: reported once, at the culprit
    assert [f["rule"] for f in found] == ["FA101"] and found[0]["also_breaks"][0].startswith("FA201")


def test_second_identical_slip_is_new():
    one = auditor.audit_text(SLIP)
    base = Baseline.from_reports([one])
    two = auditor.audit_text(SLIP + "其他说明。\n" + SLIP)
    assert len(two.findings) == 2 * len(one.findings)
    result = apply_baseline([two], base)
    assert result.hidden == len(one.findings)
    assert [f.evidence[0].line for f in two.findings] == [3] * len(one.findings)
    assert two.coverage.findings["error"] == len(two.findings)


def test_fixed_slips_are_reported_as_unmatched(tmp_path):
    base = Baseline.from_reports([auditor.audit_text(SLIP)])
    result = apply_baseline([auditor.audit_text("2021年本年支出合计100万元。\n")], base)
    assert result.hidden == 0 and len(result.unmatched) == len(base.findings)


def test_bad_baseline_files(tmp_path, seeds, capsys):
    for content, reason in [
        ("{", "invalid JSON"),
        ('{"version": 2, "findings": []}', "field version"),
        ('{"version": 1, "findings": [{"rule": "FA101"}]}', "field findings.0.fingerprint"),
    ]:
        p = tmp_path / "b.json"
        p.write_text(content, encoding="utf-8")
        try:
            load_baseline(p)
        except auditor.InputError as exc:
            assert reason in str(exc) and str(p) in str(exc)
        else:
            raise AssertionError("accepted a bad baseline")
        assert main(["check", str(seeds["001"]), "--baseline", str(p)]) == 2
        err = capsys.readouterr().err
        assert reason in err and "Traceback" not in err
    assert main(["check", str(seeds["001"]), "--baseline", str(tmp_path / "none.json")]) == 2


def test_assert_consistent_with_baseline_and_batch(tmp_path):
    import pytest

    batch = auditor.audit_many([SLIP.encode(), b"", "2021年本年支出合计100万元。\n".encode()])
    assert not batch.ok and len(batch.reports) == 2 and batch.failures[0].path == "<bytes #2>"
    with pytest.raises(AssertionError) as exc:
        auditor.assert_consistent(batch)
    assert "<bytes #2>: unreadable: empty file" in str(exc.value) and "FA101" in str(exc.value)
    base = Baseline.from_reports(batch.reports)
    auditor.assert_consistent(batch.reports, baseline=base)
    auditor.assert_consistent(batch.reports[0], severity="error", baseline=base)
    with pytest.raises(ValueError):
        auditor.assert_consistent(batch.reports[0], severity="fatal")


def test_baseline_refuses_partial_corpus(tmp_path, seeds, capsys):
    (tmp_path / "bad.txt").write_bytes(b"")
    out = tmp_path / "b.json"
    assert main(["baseline", str(seeds["000"]), str(tmp_path / "bad.txt"), "-o", str(out)]) == 2
    assert not out.exists() and "baseline not written" in capsys.readouterr().err
    assert main(["baseline", str(seeds["001"])]) == 0  # to standard output
    assert json.loads(capsys.readouterr().out)["findings"][0]["rule"] == "FA102"

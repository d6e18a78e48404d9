"""The library API: audit_many's typed batch, lazy public names, the rules listing with packs."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

import auditor
from auditor.cli.commands import main
from auditor.core.rules import reset_rules
from auditor.report.schema import SCHEMA_FILE

SLIP = "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1417.4万元，占73.72%。\n"


def test_audit_many_mixed_sources(seeds, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "slip.txt").write_text(SLIP, encoding="utf-8")
    sources = [
        seeds["000"].parent,
        SLIP.encode("gb18030"),
        str(tmp_path / "slip.txt"),  # a str is a path, never guessed to be text (issue 12)
        str(tmp_path / "missing.txt"),
        tmp_path / "empty",
        b"",
    ]
    batch = auditor.audit_many(iter(sources))  # any iterable
    assert isinstance(batch, auditor.AuditBatch)
    assert [Path(r.path).name[:3] for r in batch.reports[:4]] == ["000", "001", "002", "003"]
    assert [r.path for r in batch.reports[4:]] == ["<bytes #2>", str(tmp_path / "slip.txt")]
    assert batch.reports[4].encoding == "gb18030" and batch.reports[4].findings[0].rule == "FA101"
    assert [(Path(f.path).name, f.error.split(":")[0]) for f in batch.failures] == [
        ("missing.txt", "no such file or folder"),
        (
            "empty",
            "folder holds no reports "
            "(.txt, .md, .text, .html, .htm, .xhtml, .docx, .pdf, .xlsx, .xlsm, .xls files)",
        ),
        ("<bytes #6>", "empty file"),
    ]
    assert not batch.ok
    data = json.loads(batch.to_json())
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert not list(validator.iter_errors(data)) and len(data["errors"]) == 3


def test_audit_many_severity_and_baseline(seeds):
    warn = auditor.audit_many([seeds["003"]], severity="warning").reports[0]
    assert {f.severity for f in warn.findings} == {"error", "warning"}
    errors = auditor.audit_many([seeds["003"]], severity="error").reports[0]
    assert {f.severity for f in errors.findings} == {"error"} and errors.coverage.findings["warning"] == 0
    base = auditor.Baseline.from_reports([auditor.audit(seeds["003"])])
    batch = auditor.audit_many([seeds["003"], SLIP.encode()], baseline=base)
    assert batch.reports[0].findings == [] and batch.hidden_by_baseline == len(base.findings)
    assert not batch.ok and batch.reports[1].findings
    assert auditor.audit_many([]).ok


def test_public_names_are_lazy_documented_and_typed():
    code = (
        "import sys, auditor; heavy = [m for m in ('pydantic', 'rich', 'auditor.api', 'auditor.pipeline') "
        "if m in sys.modules]; print(heavy)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
    for name in auditor.__all__:
        assert getattr(auditor, name).__doc__, name
    assert (Path(auditor.__file__).parent / "py.typed").exists()


def test_rules_listing_shows_packs(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    pack = tmp_path / "p.toml"
    pack.write_text(
        '[[rule]]\ncode = "FA102"\nseverity = "error"\n[[rule]]\ncode = "FA601"\nenabled = false\n',
        encoding="utf-8",
    )
    try:
        assert main(["rules"]) == 0
        plain = capsys.readouterr().out
        auditor.load_rules(pack)
        assert main(["rules"]) == 0
        out = capsys.readouterr().out
    finally:
        reset_rules()
    row = lambda text, code: next(line for line in text.splitlines() if f" {code} " in line)  # noqa: E731
    assert "已停用" not in row(plain, "FA601") and "已停用" in row(out, "FA601")
    assert "错误（默认 警告）" in row(out, "FA102")

"""Machine outputs: the versioned JSON Schema, SARIF 2.1.0 against the official schema, HTML escaping."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from auditor.cli.commands import main
from auditor.report.schema import SCHEMA_FILE, SCHEMA_ID, SCHEMA_VERSION, json_schema

DATA = Path(__file__).parent / "data"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, cwd=cwd)


def test_shipped_schema_is_what_the_models_generate():
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == json_schema(), (
        f"{SCHEMA_FILE.name} is out of date with the pydantic models: regenerate it with "
        "'python -m auditor.report.schema' "
        "(and bump SCHEMA_VERSION in auditor/report/schema.py if readers would break)"
    )
    assert shipped["$id"] == SCHEMA_ID and shipped["$id"].endswith(SCHEMA_VERSION)
    jsonschema.Draft202012Validator.check_schema(shipped)


def test_schema_is_installed_with_the_package_and_printed_by_the_cli(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == SCHEMA_ID


def test_real_output_of_all_seeds_validates(seeds, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    proc = run("check", "--format", "json", *map(str, seeds.values()), str(tmp_path / "bad.txt"))
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert data["schema_version"] == SCHEMA_VERSION and len(data["documents"]) == 4 and data["errors"]
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert not list(validator.iter_errors(data))
    assert all(doc["findings"] for doc in data["documents"])
    # the schema does reject a wrong document: it is not vacuous
    data["documents"][0]["findings"][0]["severity"] = "fatal"
    del data["documents"][1]["path"]
    assert len(list(validator.iter_errors(data))) == 2


def sarif_validator():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_against_the_official_schema(seeds, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    proc = run("check", "--format", "sarif", *map(str, seeds.values()), str(tmp_path / "bad.txt"))
    assert proc.returncode == 2, proc.stderr
    log = json.loads(proc.stdout)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {"FA101", "FA403", "FA601"} <= {r["id"] for r in rules}
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in rules)
    unit = next(r for r in run_["results"] if r["ruleId"] == "FA103")
    assert rules[unit["ruleIndex"]]["id"] == "FA103" and unit["level"] == "error"
    # the location is the figure to correct (the diagnosed culprit); the others are related
    region = unit["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 327 and region["endColumn"] > region["startColumn"]
    assert region["snippet"]["text"] == "1132.69元"
    related = {loc["physicalLocation"]["region"]["snippet"]["text"] for loc in unit["relatedLocations"]}
    assert {"1634.34万元", "501.65万元"} <= related
    assert len(unit["partialFingerprints"]["auditorFingerprint/v1"]) == 20
    levels = {r["level"] for r in run_["results"]}
    assert {"error", "warning", "note"} <= levels  # info maps to note
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert "bad.txt" in run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    # the official schema does reject a broken log
    unit["level"] = "fatal"
    assert list(sarif_validator().iter_errors(log))


def test_sarif_region_is_the_figure_as_written(seeds):
    from auditor.report.sarif import to_sarif

    report = __import__("auditor").audit(seeds["000"])
    lines = seeds["000"].read_text(encoding="utf-8").split("\n")
    for result in to_sarif([report])["runs"][0]["results"]:
        for loc in result["locations"] + result["relatedLocations"]:
            r = loc["physicalLocation"]["region"]
            if r["startLine"] == r["endLine"]:  # columns are code points, end exclusive
                assert (
                    lines[r["startLine"] - 1][r["startColumn"] - 1 : r["endColumn"] - 1]
                    == r["snippet"]["text"]
                )


def test_html_escapes_report_text_and_writes_only_the_index_and_its_pages(tmp_path):
    doc = tmp_path / "in.txt"
    doc.write_text(
        "<script>alert(1)</script> & 2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；"
        "项目支出1417.4万元，占73.72%。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    before = set(tmp_path.iterdir())
    proc = run("check", str(doc), "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    # the index, and the folder of the document pages beside it: nothing else, nothing beside the input
    assert set(tmp_path.iterdir()) == before and sorted(out.parent.iterdir()) == [out.parent / "report", out]
    index = out.read_text(encoding="utf-8")
    assert 'href="report/0001.html"' in index and "FA101" in index
    html = (out.parent / "report" / "0001.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in html
    assert '<mark class="sev-error"' in html and "FA101" in html
    for page in (index, html):
        for external in ("http://", "https://", "<link", "src=", "@import", "<script"):
            assert external not in page


@pytest.mark.parametrize("fmt,suffix", [("json", ".json"), ("sarif", ".sarif"), ("rich", ".txt")])
def test_output_file_for_each_format(seeds, tmp_path, fmt, suffix):
    out = tmp_path / f"r{suffix}"
    proc = run("check", "--format", fmt, str(seeds["001"]), "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "FA102" in text and "\x1b[" not in text


def test_sarif_uris(tmp_path):
    from auditor.core.models import AuditReport
    from auditor.report.sarif import to_sarif

    reports = [
        AuditReport(path="reports/雅安 2021.txt"),
        AuditReport(path=str(tmp_path / "a.txt")),
        AuditReport(path="<text>"),
    ]
    uris = [a["location"]["uri"] for a in to_sarif(reports)["runs"][0]["artifacts"]]
    assert uris == ["reports/%E9%9B%85%E5%AE%89%202021.txt", (tmp_path / "a.txt").as_uri(), "%3Ctext%3E"]

"""The conveniences of ruff and sqlfluff: rule selection by code or prefix, project configuration
found upward, suppressions beside a report, --statistics, --exit-zero, --quiet, --version, - for
standard input, and the github and junit formats."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import auditor
from auditor.core.config import Selection, find_config
from auditor.core.errors import RuleError


def cli(*args, cwd=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        env={**os.environ, "COLUMNS": "200"},
    )


def rules_in_json(proc):
    return sorted({f["rule"] for d in json.loads(proc.stdout)["documents"] for f in d["findings"]})


def test_selection_by_code_or_prefix_longest_wins():
    codes = auditor.catalogue()
    s = Selection.of(["FA"], ["FA8"], ["FA801"], codes=codes)
    assert "FA801" in s and "FA811" not in s and "FA103" in s
    assert "FA103" not in Selection.of(["FA3,FA4"], codes=codes)
    with pytest.raises(RuleError, match="unknown rule code or prefix 'XX9'"):
        Selection.of(["XX9"], codes=codes)


def test_select_ignore_extend_select_at_the_command_line(seeds):
    seed = str(seeds["000"])
    every = rules_in_json(cli("check", "--format", "json", seed))
    assert {"FA103", "FA301", "FA801"} <= set(every)
    assert rules_in_json(cli("check", "--format", "json", "--select", "FA3", seed)) == ["FA301"]
    ignored = rules_in_json(cli("check", "--format", "json", "--ignore", "FA8,FA103", seed))
    assert "FA801" not in ignored and "FA103" not in ignored and "FA301" in ignored
    both = cli("check", "--format", "json", "--select", "FA3", "--extend-select", "FA103", seed)
    assert rules_in_json(both) == ["FA103", "FA301"]
    bad = cli("check", "--select", "FB1", seed)
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == [
        "auditor: unknown rule code or prefix 'FB1' (see 'auditor rules')"
    ]


def test_configuration_in_pyproject_found_upward_and_options_win(tmp_path, seeds):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.auditor]\nignore = ["FA8"]\nseverity = "error"\nexit-zero = true\n',
        encoding="utf-8",
    )
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "r.txt").write_bytes(seeds["000"].read_bytes())
    assert find_config(deep).path == str(tmp_path / "pyproject.toml")
    proc = cli("check", "--format", "json", "r.txt", cwd=deep)
    assert proc.returncode == 0  # exit-zero from the configuration
    found = json.loads(proc.stdout)["documents"][0]["findings"]
    assert found and {f["severity"] for f in found} == {"error"} and "FA801" not in {f["rule"] for f in found}
    again = cli("check", "--format", "json", "--severity", "warning", "r.txt", cwd=deep)  # the option wins
    assert "warning" in {f["severity"] for d in json.loads(again.stdout)["documents"] for f in d["findings"]}


def test_auditor_toml_wins_over_pyproject_in_its_folder_and_bad_settings_are_one_line(tmp_path, seeds):
    (tmp_path / "pyproject.toml").write_text("[tool.auditor]\nselect = ['FA1']\n", encoding="utf-8")
    (tmp_path / "auditor.toml").write_text("select = ['FA3']\nlang = 'en'\n", encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(seeds["000"].read_bytes())
    assert rules_in_json(cli("check", "--format", "json", "r.txt", cwd=tmp_path)) == ["FA301"]
    assert "figures read" in cli("check", "r.txt", cwd=tmp_path).stdout  # lang = 'en'
    (tmp_path / "auditor.toml").write_text("colour = 'red'\n", encoding="utf-8")
    proc = cli("check", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown setting 'colour'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_the_plugin_reads_the_project_configuration(pytester, seeds):
    (pytester.path / "r.txt").write_bytes(seeds["000"].read_bytes())
    pytester.makefile(".toml", auditor="ignore = ['FA1', 'FA3', 'FA8']\n")
    result = pytester.runpytest("--audit", "r.txt", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)  # every error of seed 000 is FA1xx, FA3xx or FA8xx
    pytester.makefile(".toml", auditor="ignore = ['FA1', 'FA8']\n")
    result = pytester.runpytest("--audit", "r.txt", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    assert "FA301" in result.stdout.str() and "FA103" not in result.stdout.str()


def test_suppressions_beside_the_report_are_listed_not_counted(tmp_path, seeds):
    report = tmp_path / "r.txt"
    report.write_bytes(seeds["000"].read_bytes())
    (tmp_path / "r.txt.auditor.toml").write_text(
        '[[suppress]]\nfigure = "7.02万元"\nreason = "rounded down in the detail"\n'
        '[[suppress]]\nrule = "FA1"\nline = 327\n',
        encoding="utf-8",
    )
    doc = json.loads(cli("check", "--format", "json", str(report)).stdout)["documents"][0]
    suppressed = {(f["rule"], f["evidence"][0]["line"]) for f in doc["suppressed"]}
    assert suppressed == {("FA801", 207), ("FA103", 327)}
    assert all(f["suppressed_by"].startswith("r.txt.auditor.toml") for f in doc["suppressed"])
    assert ("FA801", 207) not in {(f["rule"], f["evidence"][0]["line"]) for f in doc["findings"]}
    assert doc["coverage"]["findings"]["error"] == 3  # FA104, FA301, the other FA801
    rich = cli("check", str(report)).stdout
    assert "已按 r.txt.auditor.toml: rounded down in the detail 忽略" in rich
    # the library honours it too; a broken file is one line naming it, exit 2
    assert len(auditor.audit(report).suppressed) == 2
    (tmp_path / "r.txt.auditor.toml").write_text("[[suppress]]\nreason = 'no key'\n", encoding="utf-8")
    proc = cli("check", str(report))
    assert proc.returncode == 2 and "r.txt.auditor.toml" in proc.stderr and "give a rule" in proc.stderr


def test_statistics_exit_zero_quiet_version(seeds):
    seed = str(seeds["000"])
    stats = cli("check", "--statistics", seed)
    assert stats.returncode == 1
    lines = stats.stdout.splitlines()
    assert any(line.split()[:2] == ["2", "FA801"] for line in lines), lines
    assert all(len(line.split()) >= 3 for line in lines)
    assert cli("check", "--exit-zero", seed).returncode == 0
    quiet = cli("check", "-q", seed)
    assert quiet.returncode == 1 and quiet.stderr == ""
    assert "FA103" in quiet.stdout and "读出数字" not in quiet.stdout and "份文件" not in quiet.stdout
    version = cli("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"auditor {auditor.__version__}"


def test_standard_input(seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    proc = cli("check", "--format", "json", "-", stdin=text)
    assert proc.returncode == 1
    (doc,) = json.loads(proc.stdout)["documents"]
    assert doc["path"] == "<stdin>" and "FA401" in {f["rule"] for f in doc["findings"]}


def test_github_annotations_at_the_figure_to_correct(seeds):
    proc = cli("check", "--format", "github", str(seeds["000"]))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    unit = next(line for line in lines if "FA103" in line)
    assert unit.startswith(f"::error file={seeds['000']},line=327,col=101,")
    assert "title=FA103 unit-slip-in-breakdown::" in unit
    assert any(line.startswith("::warning ") for line in lines)
    info = cli("check", "--format", "github", str(seeds["002"])).stdout.splitlines()
    assert any(line.startswith("::notice ") and "FA601" in line for line in info)


def test_junit_one_case_per_document(tmp_path, seeds):
    (tmp_path / "bad.txt").write_bytes(b"")
    out = tmp_path / "audit.xml"
    proc = cli("check", str(seeds["000"]), str(seeds["001"]), str(tmp_path / "bad.txt"), "-o", str(out))
    assert proc.returncode == 2
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "1" and suite.get("errors") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases[str(seeds["000"])].find("failure") is not None
    assert cases[str(seeds["001"])].find("failure") is None  # a warning only
    assert "FA102" in cases[str(seeds["001"])].find("system-out").text

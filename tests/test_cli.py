"""The command line as a user runs it: exit codes, JSON, bad input, nothing written."""

import json
import os
import subprocess
import sys

import pytest

from auditor.cli.commands import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, cwd=cwd)


def test_check_seeds_json(seeds):
    proc = run("check", "--format", "json", str(seeds["000"].parent))
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["documents"]) == 4
    doc = next(d for d in data["documents"] if d["path"].endswith(seeds["000"].name))
    unit = next(f for f in doc["findings"] if f["rule"] == "FA103")
    # the figure to correct is the first evidence
    assert {"line": 327, "text": "1132.69元", "value": "1132.69"}.items() <= unit["evidence"][0].items()
    assert (unit["stated_value"], unit["expected_value"], unit["unit"]) == ("1132.69", "11326900.00", "元")
    assert doc["coverage"]["relations_checked"] > 0


def test_rich_output_shows_finding_and_source_line(seeds):
    proc = run("check", str(seeds["002"]))
    assert proc.returncode == 1
    assert "FA401" in proc.stdout and "99.9%" in proc.stdout and "核对关系" in proc.stdout


def test_clean_report_exits_zero(tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text(
        "2021年本年支出合计1909.08万元，其中：基本支出501.68万元，占26.28%；项目支出1407.4万元，占73.72%。",
        encoding="utf-8",
    )
    assert run("check", str(p)).returncode == 0


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", bytes(range(128, 256)) * 10])
def test_bad_input_one_line_exit_2(tmp_path, content):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    proc = run("check", str(p))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(p) in lines[0] and "Traceback" not in proc.stderr


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = run("check", str(tmp_path / "missing.txt"), str(tmp_path / "empty"))
    assert proc.returncode == 2
    assert "no such file" in proc.stderr and "holds no reports" in proc.stderr


def test_bad_file_does_not_stop_the_batch(tmp_path, seeds):
    (tmp_path / "bad.txt").write_bytes(b"")
    proc = run("check", "--format", "json", str(tmp_path / "bad.txt"), str(seeds["002"]))
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert len(data["documents"]) == 1 and data["errors"][0]["path"].endswith("bad.txt")


def test_nothing_written_beside_inputs(tmp_path, seeds):
    p = tmp_path / "r.txt"
    p.write_bytes(seeds["000"].read_bytes())
    before = set(os.listdir(tmp_path))
    run("check", str(p))
    run("check", "--format", "json", str(p))
    assert set(os.listdir(tmp_path)) == before


def test_rules_and_explain(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "FA101" in out and "FA402" in out
    assert main(["explain", "FA103"]) == 0
    assert "unit" in capsys.readouterr().out
    assert main(["explain", "XX999"]) == 2
    assert main(["frobnicate"]) == 2


def test_console_script_is_installed():
    from importlib.metadata import entry_points

    assert any(ep.name == "auditor" for ep in entry_points(group="console_scripts"))


def test_machine_output_without_a_summary_does_not_load_rich(seeds):
    # rich draws the terminal report and the summary table; a pipeline asking for JSON lines and
    # no summary should not pay for importing it
    code = (
        "import sys; from auditor.cli.commands import main; "
        f"sys.argv = ['auditor', 'check', '--no-summary', '--format', 'jsonl', {str(seeds['001'])!r}]; "
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main()\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr

"""examples/pipeline runs as documented: it fails on the seeds' slips without the baseline and
passes with it, through the plugin (pytest) and through the CLI step."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pipeline"
STALE = (
    "examples/pipeline/audit-baseline.json no longer accepts the seeds' findings (the engine changed?): "
    "regenerate it with 'auditor baseline examples/reports -o examples/pipeline/audit-baseline.json' "
    "after checking the new findings by hand"
)


def pytest_in(cwd, *args):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_example_passes_with_its_baseline():
    proc = pytest_in(EXAMPLE)
    assert proc.returncode == 0, STALE + "\n" + proc.stdout[-3000:]
    assert "8 passed" in proc.stdout  # 4 plugin items + 4 fixture tests


def test_example_fails_on_the_seeds_slips_without_baseline():
    proc = pytest_in(EXAMPLE, "-o", "audit_baseline=")
    assert proc.returncode == 1
    out = proc.stdout
    assert "FAILED ../reports/000_cbc299a9f93ac768.txt::audit" in out
    assert "ERROR FA103 unit-slip-in-breakdown (line 327, col 101)" in out
    assert "»1132.69元«" in out and "should read 1132.69万元" in out
    assert "FAILED test_reports.py::test_converted_text_is_consistent[002]" in out
    assert "Traceback" not in out


def test_pytest_audit_examples_folder(tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # an unrelated project
    proc = pytest_in(tmp_path, "--audit", str(ROOT / "examples"))
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "examples/reports/000_cbc299a9f93ac768.txt::audit" in proc.stdout
    assert "ERROR FA103 unit-slip-in-breakdown (line 327, col 101)" in proc.stdout
    proc = pytest_in(
        tmp_path, "--audit", str(ROOT / "examples"), "--audit-baseline", str(EXAMPLE / "audit-baseline.json")
    )
    assert proc.returncode == 0 and "4 passed" in proc.stdout, STALE + "\n" + proc.stdout[-2000:]


def test_ci_step_script(tmp_path):
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    proc = subprocess.run(
        ["sh", str(EXAMPLE / "ci-step.sh"), str(tmp_path / "art")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, STALE + "\n" + proc.stderr
    assert (tmp_path / "art" / "audit.sarif").stat().st_size > 1000
    assert "<mark" not in (tmp_path / "art" / "audit.html").read_text(encoding="utf-8")  # all accepted
    assert "accepted finding(s) hidden" in proc.stderr and "no longer found" not in proc.stderr
    assert not list(EXAMPLE.glob("audit-artefacts"))  # wrote only where it was told

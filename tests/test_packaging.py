"""The installed package holds every module: a non-editable install (the README's first command)
must not miss a subpackage or a data file that the source tree has."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_and_data_file_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "auditor").rglob("__init__.py")}
    assert found <= listed, f"not installed: {sorted(found - listed)}"
    data = config["package-data"]
    assert any(p.endswith(".json") for p in data["auditor"]) and list(
        (ROOT / "auditor" / "schemas").glob("*.json")
    )
    assert "*.toml" in data["auditor.rulefiles"] and list((ROOT / "rules").glob("*.toml"))


def _copy_of_the_project(dest: Path) -> Path:
    """The files a build reads, away from the source tree (a build writes build/ beside them)."""
    import shutil

    dest.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.so")
    shutil.copytree(ROOT / "auditor", dest / "auditor", symlinks=True, ignore=ignore)
    shutil.copytree(ROOT / "rules", dest / "rules", ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, dest / name)
    return dest


# run by the installed package: every report's findings and coverage, as JSON, one line a report
_AUDIT_ALL = """
import json, sys
import auditor
import auditor.facts.statements as statements
print(json.dumps({"auditor": auditor.__file__, "statements": statements.__file__}))
for path in sys.argv[1:]:
    r = auditor.audit(path)
    findings = [f.model_dump(mode="json") for f in r.findings]
    print(json.dumps([path, findings, r.coverage.model_dump(mode="json")]))
"""


def _corpus() -> list[str]:
    real = sorted((ROOT / "tests" / "data" / "realcases" / "cases").glob("*.txt"))
    return [str(p) for p in sorted((ROOT / "examples" / "reports").glob("*.txt")) + real]


def test_a_non_editable_install_is_compiled_holds_the_rule_files_and_finds_the_same(tmp_path):
    """The README's first command installs a wheel: rules/ goes in it (through the symlink
    auditor/rulefiles), the reading stages are compiled (setup.py: mypyc, this machine has a
    compiler), and the installed package, away from the source tree, gives every finding and
    every coverage count the interpreted source gives, on the seeds and the real excerpts."""
    import json
    import os
    import runpy
    import subprocess
    import sys

    import auditor

    target = tmp_path / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(_copy_of_the_project(tmp_path / "src")),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    installed = {p.name for p in (target / "auditor" / "rulefiles").iterdir()}
    assert {"catalogue.toml", "concepts.toml", "phrases.toml", "tables.toml", "messages.toml"} <= installed
    compiled = runpy.run_path(str(ROOT / "setup.py"), run_name="setup")["COMPILED"]
    assert "auditor/facts/statements.py" in compiled
    for module in compiled:
        stem = target / module[: -len(".py")]
        assert list(stem.parent.glob(stem.name + ".cpython-*.so")), f"{module} was not compiled"
    paths = _corpus()
    run = subprocess.run(
        [sys.executable, "-c", _AUDIT_ALL, *paths],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(target)},
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    first, *lines = run.stdout.splitlines()
    where = json.loads(first)
    assert where["auditor"].startswith(str(target)) and where["statements"].endswith(".so"), where
    assert len(lines) == len(paths)
    for line in lines:
        path, findings, coverage = json.loads(line)
        here = auditor.audit(path)
        assert findings == [f.model_dump(mode="json") for f in here.findings], path
        assert coverage == here.coverage.model_dump(mode="json"), path


def test_without_a_working_compiler_the_wheel_is_plain_python(tmp_path):
    """No compiler (AUDITOR_COMPILE=0 stands for it) or one that fails: the wheel installs the
    interpreted modules, no half-built extension beside them, and it audits."""
    import os
    import subprocess
    import sys
    import zipfile

    src = _copy_of_the_project(tmp_path / "src")
    for n, env in enumerate(({"AUDITOR_COMPILE": "0"}, {"CC": "false"})):
        dist = tmp_path / f"dist{n}"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "-q",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(dist),
                str(src),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        (wheel,) = dist.glob("*.whl")
        names = zipfile.ZipFile(wheel).namelist()
        assert not [m for m in names if m.endswith(".so")], (env, wheel.name)
        assert "auditor/facts/statements.py" in names


def test_the_tests_run_the_source_not_a_build():
    """An editable install is never compiled: an extension module beside its source would be
    imported instead of it and hide every later edit."""
    import auditor.facts.statements as statements

    assert Path(statements.__file__).resolve() == ROOT / "auditor" / "facts" / "statements.py"
    assert not list((ROOT / "auditor").rglob("*.so"))

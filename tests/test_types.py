"""Types that hold: mypy --strict passes on auditor/ (configuration in pyproject.toml), the public
functions are fully annotated, and a project that installs auditor (editable or not) sees its
types (py.typed)."""

import inspect
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import auditor

ROOT = Path(__file__).resolve().parent.parent


def _mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.exists():
        pytest.fail("mypy is not installed: pip install -e '.[test]'")
    return subprocess.run([str(mypy), *args], cwd=cwd, capture_output=True, text=True)


def test_mypy_strict_passes_on_the_package():
    proc = _mypy("--cache-dir", str(ROOT / ".mypy_cache"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True and config["packages"] == ["auditor"]


def test_no_module_is_exempt():
    """Every module of auditor/ is checked: no override ignores a module's errors (the reading
    engine's exemption went when its modules were typed)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    exempt = [o["module"] for o in config.get("overrides", []) if o.get("ignore_errors")]
    assert not exempt, f"exempt from mypy --strict: {exempt}"


def test_a_project_using_auditor_sees_its_types(tmp_path):
    """From outside the source tree, mypy finds the installed package (the editable install is a
    plain path in a .pth file) and its annotations."""
    user = tmp_path / "use.py"
    user.write_text(
        "import auditor\n"
        "report = auditor.audit('r.txt')\n"
        "count: int = report.findings[0].stated_value\n"
        "ok: bool = report.ok\n",
        encoding="utf-8",
    )
    proc = _mypy("--strict", "--cache-dir", str(tmp_path / "cache"), str(user), cwd=tmp_path)
    assert 'Cannot find implementation or library stub for module named "auditor"' not in proc.stdout
    assert proc.stdout.count("error:") == 1, proc.stdout
    assert 'expression has type "Decimal | None", variable has type "int"' in proc.stdout


def test_the_public_functions_are_fully_annotated():
    for name in auditor.__all__:
        obj = getattr(auditor, name)
        functions = [obj] if inspect.isfunction(obj) else []
        if inspect.isclass(obj):
            functions = [
                f
                for k, f in vars(obj).items()
                if inspect.isfunction(f) and (not k.startswith("_") or k == "__init__")
            ]
        for f in functions:
            hints = inspect.signature(f)
            missing = [
                p.name
                for p in hints.parameters.values()
                if p.annotation is inspect.Parameter.empty and p.name not in ("self", "cls")
            ]
            assert not missing, f"{name}.{f.__name__}: {missing} not annotated"
            assert hints.return_annotation is not inspect.Signature.empty, (
                f"{name}.{f.__name__}: no return type"
            )

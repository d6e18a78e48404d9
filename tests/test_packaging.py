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


def test_a_non_editable_install_holds_the_rule_files(tmp_path):
    """The README's first command installs a wheel: rules/ goes in it (through the symlink
    auditor/rulefiles), and the installed command audits with it, away from the source tree."""
    import os
    import subprocess
    import sys

    target = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    installed = {p.name for p in (target / "auditor" / "rulefiles").iterdir()}
    assert {"catalogue.toml", "concepts.toml", "phrases.toml", "tables.toml", "messages.toml"} <= installed
    env = {**os.environ, "PYTHONPATH": str(target)}
    report = ROOT / "examples" / "reports" / "001_4e0764ea65c5a3f8.txt"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import auditor, sys; r = auditor.audit(sys.argv[1]); print(auditor.__file__, r.ok)",
            str(report),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert (
        run.returncode == 0 and run.stdout.startswith(str(target)) and run.stdout.strip().endswith("True")
    ), run

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

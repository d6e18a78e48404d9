from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"
SEEDS = {p.name[:3]: p for p in sorted(REPORTS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seeds() -> dict[str, Path]:
    return SEEDS


pytest_plugins = ["pytester"]

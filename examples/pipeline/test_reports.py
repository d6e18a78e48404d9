"""A pipeline's own test: the text a converter produced must be arithmetically consistent.

Run from this folder: ``pytest``. The ini file makes the auditor plugin collect every report
under ../reports as a test item too, and accept the findings listed in audit-baseline.json,
so only new slips fail. Without the baseline (``pytest -o audit_baseline=``) the seeds fail.
"""

from pathlib import Path

import pytest

REPORTS = sorted((Path(__file__).resolve().parent.parent / "reports").glob("*.txt"))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name[:3])
def test_converted_text_is_consistent(auditor_audit, path):
    text = path.read_text(encoding="utf-8")  # in a real pipeline: the text your converter produced
    report = auditor_audit(text=text, name=path.name)
    assert report.coverage.relations_checked > 0  # something was actually checked
    auditor_audit.assert_consistent(report)  # threshold and baseline from pytest.ini

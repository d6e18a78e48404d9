"""Audit the bundled seed reports with the library and print each finding in one line."""

from pathlib import Path

import auditor

for path in sorted((Path(__file__).parent / "reports").glob("*.txt")):
    report = auditor.audit(path)
    s = report.coverage
    print(f"{path.name}: {s.figures} figures, {s.relations_checked} relations checked, findings {s.findings}")
    for f in report.findings:
        cause = f" [{f.diagnosis.cause}]" if f.diagnosis else ""
        e = f.evidence[0]
        print(f"  {f.severity:7} {f.rule} {e.line}:{e.column} {f.message}{cause}")

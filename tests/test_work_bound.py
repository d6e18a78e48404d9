"""No quadratic blow-up (issue 12, item 7): a generated 5 MB worst case — paragraphs of 5,000
parts each with its share, change or completion rate — audited in a child process with its
address space capped, the engine's work counted (``auditor.core.work``), not timed.

The hook this relies on: every ``judge`` of ``auditor/check/relations.py`` calls
``work.tick("judged")``, for the relations a document states and for every candidate tried
(a wrong base, a repair). An engine that judges without counting would pass unseen: the test
also requires that the count is live (some relation was judged and checked).
"""

import json
import resource
import subprocess
import sys
from pathlib import Path

from worstcase import worst_case

PER_AMOUNT = 10  # relations judged per amount or percentage stated, at most
MAX_RSS_MB = 1024
ADDRESS_SPACE = 4 << 30  # a runaway engine fails with MemoryError instead of taking the machine
CPU_SECONDS = 300  # a runaway engine that does not judge still ends (SIGXCPU)


def _caps() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def test_5mb_worst_case_judges_at_most_10_relations_per_amount_within_1gb(tmp_path):
    text, stated = worst_case(5_000_000)
    path = tmp_path / "worst.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 5_000_000
    budget = PER_AMOUNT * stated
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("worstcase.py")), str(path), str(budget)],
        capture_output=True,
        text=True,
        preexec_fn=_caps,
        timeout=3 * CPU_SECONDS,
    )
    assert proc.returncode == 0, (
        f"the audit of a 5 MB worst case did not end within {CPU_SECONDS} s of CPU and "
        f"{ADDRESS_SPACE >> 30} GB of address space (status {proc.returncode}): {proc.stderr[-2000:]}"
    )
    result = json.loads(proc.stdout)
    judged = result["work"].get("judged", 0)
    assert result["status"] == "done", (
        f"quadratic work: over {PER_AMOUNT} relations judged per amount or percentage "
        f"({result['status']}; {stated} stated)"
    )
    assert judged > 0 and result["relations"] > 0, (
        "no relation judged: the work hook (work.tick('judged') in check/relations.py) is not "
        "called, or the engine read nothing of the worst case",
        result,
    )
    assert result["stated"] >= stated  # every amount and percentage was read
    assert judged <= budget
    assert result["max_rss_mb"] <= MAX_RSS_MB, result

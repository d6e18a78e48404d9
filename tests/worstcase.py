"""The worst case for the engine's work (issue 12, item 7): paragraphs listing thousands of parts,
each with its share, change or completion rate, as long as one report may be.

    项1“县农村饮水安全巩固提升工程”支出1万元，占1%；教育支出2万元，占1%；项目3“…”预算1万元，
    实际支出1万元，执行率100%；项目4“…”支出1万元，比上年增长1%；…

A near-linear engine judges a bounded number of relations per figure however long the list;
one that tries every other total as the base of every share (a wrong base), or pairs every
figure with every other, judges quadratically many. ``main`` runs one audit in this process:
``python tests/worstcase.py FILE BUDGET`` prints the work counters as JSON.
"""

from __future__ import annotations

import json
import sys

CLASSES = ["一般公共服务支出", "教育支出", "科学技术支出", "社会保障和就业支出", "卫生健康支出", "农林水支出"]
WORKS = ["县农村饮水安全巩固提升工程", "乡村振兴衔接资金项目", "城区背街小巷改造工程", "中小学校舍维修改造"]


def part(i: int) -> str:
    name = WORKS[i % len(WORKS)]
    shape = i % 4
    if shape == 0:
        return f"项{i}“{name}”支出1万元，占1%"
    if shape == 1:
        return f"{CLASSES[i % len(CLASSES)]}{i % 97 + 1}万元，占1%"
    if shape == 2:
        return f"项目{i}“{name}”预算1万元，实际支出1万元，执行率100%"
    return f"项目{i}“{name}”支出1万元，比上年增长1%"


def worst_case(size: int, per_paragraph: int = 5000) -> tuple[str, int]:
    """A report of about `size` bytes (UTF-8) and the number of amounts and percentages in it."""
    lines = ["2021年度部门决算说明"]
    stated = 0
    total = 0
    paragraph = 0
    while total < size:
        paragraph += 1
        parts = [part(i) for i in range(1, per_paragraph + 1)]
        line = f"{paragraph}.本年支出合计{per_paragraph * 3}万元，其中：" + "；".join(parts) + "。"
        stated += 1 + sum(3 if p.startswith("项目") and "预算" in p else 2 for p in parts)
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n", stated


def main(path: str, budget: int) -> None:
    import resource

    import auditor
    from auditor.core import work

    work.reset(budget=budget)
    status = "done"
    report = None
    try:
        report = auditor.audit(path)
    except work.WorkBudgetExceeded as exc:
        status = f"over budget ({exc})"
    result = {
        "status": status,
        "work": work.counts(),
        "figures": report.coverage.figures if report else None,
        "stated": report.coverage.amounts + report.coverage.percents if report else None,
        "relations": report.coverage.relations_checked if report else None,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "cpu_s": round(resource.getrusage(resource.RUSAGE_SELF).ru_utime, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

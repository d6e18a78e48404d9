"""Diagnosis accuracy on generated whole reports (a benchmark, not a test).

For each kind of slip, N generated consistent reports (tests/reportgen.py) get exactly one
slip of that kind injected into a figure that takes part in a stated relation; each is
audited and we count

- finding at the injected figure: some finding cites the injected figure's line and column (for
  year_label, or the changed year: the engine may cite another figure the year labels);
- correct cause named: such a finding's ``diagnosis.cause`` is the injected kind
  (for ``truncation`` it must also be ``info`` and the report must hold no error or warning);
- culprit and cause named: moreover ``diagnosis.culprit`` is the injected figure (for
  year_label and direction_word, the changed word or a figure it governs also counts).

Slips are identifiable (no other single slip explains the broken relations as well) unless
``--allow-ambiguous``. N consistent reports are audited too: a report with any error or warning is a
false alarm.

    python bench/diagnosis_accuracy.py [--n 200] [--seed 0] [--kinds unit_slip,…] [--examples DIR]

``--examples DIR`` writes, per kind and outcome, the smallest failing case (text, injected
figure, findings) so a failure mode can be reproduced by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from reportgen import KINDS, KNOWN_PHRASINGS, NoTarget, RandomChooser, generate, inject  # noqa: E402

import auditor  # noqa: E402


def serious(audit):
    return [f for f in audit.findings if f.severity in ("error", "warning")]


def culprit_named(inj, audit) -> bool:
    """Some finding names the injected figure (or the word injected before it) as the culprit, with the
    kind."""
    places = {(inj.line, inj.column), *inj.also}
    return any(
        f.diagnosis is not None
        and f.diagnosis.cause == inj.kind
        and f.diagnosis.culprit is not None
        and (f.diagnosis.culprit.line, f.diagnosis.culprit.column) in places
        and (inj.kind != "truncation" or f.severity == "info")
        for f in audit.findings
    )


def outcome(kind, inj, audit) -> tuple[bool, bool, str]:
    # a year label is found at the changed year as well as at a figure it labels (the engine may
    # cite another figure of the same statement: the budget before the actual)
    places = {(inj.line, inj.column)} | (set(inj.also) if kind == "year_label" else set())
    at = [f for f in audit.findings if any((e.line, e.column) in places for e in f.evidence)]
    named = [f for f in at if f.diagnosis is not None and f.diagnosis.cause == kind]
    if kind == "truncation" and named:
        ok = all(f.severity == "info" for f in named) and not serious(audit)
        if not ok:
            return True, False, "truncation named, but with an error or warning"
    if named:
        return True, True, "ok"
    if at:
        causes = sorted({(f.rule, f.diagnosis.cause if f.diagnosis else "no diagnosis") for f in at})
        return True, False, "at figure, cause " + ", ".join(f"{r}:{c}" for r, c in causes)
    if audit.findings:
        causes = sorted({(f.rule, f.diagnosis.cause if f.diagnosis else "-") for f in audit.findings})
        return False, False, "elsewhere only: " + ", ".join(f"{r}:{c}" for r, c in causes[:3])
    return False, False, "no finding"


def minimal(rep, inj) -> tuple[str, int, int]:
    """The title line, the injected line and the lines of every figure in a relation the slip
    breaks (for year_label: where the figure is stated again): a few lines that reproduce it."""
    ids = {inj.original.id}
    for rel in rep.relations:
        if rel.name in inj.broken or (inj.kind == "year_label" and inj.original.id in rel.figs):
            ids.update(rel.figs)
    keep = {0, inj.line - 1} | {rep.position(rep.fig(i).start)[0] - 1 for i in ids}
    lines = inj.text.split("\n")
    if any(rep.fig(i).section == "绩效自评" for i in ids):  # a table needs its header rows: keep it whole
        first = next(k for k, x in enumerate(lines) if x.startswith("附件2"))
        last = next(k for k, x in enumerate(lines) if x.startswith("第五部分"))
        keep |= set(range(first, last))
    chosen = sorted(keep)
    return "\n".join(lines[i] for i in chosen) + "\n", chosen.index(inj.line - 1) + 1, inj.column


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200, help="cases per kind (default 200)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument(
        "--examples", type=Path, default=None, help="directory for one failing case per failure mode"
    )
    ap.add_argument("--modes", action="store_true", help="also print the failure modes per kind")
    ap.add_argument(
        "--allow-ambiguous",
        action="store_true",
        help="also inject slips another single slip would explain as well (culprit not identifiable)",
    )
    ap.add_argument(
        "--avoid",
        default="",
        help="phrasings to leave out, comma-separated (`known`: every reportgen.KNOWN_PHRASINGS entry)",
    )
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    avoid = frozenset(a for a in args.avoid.split(",") if a and a != "known")
    if "known" in args.avoid.split(","):
        avoid |= frozenset(KNOWN_PHRASINGS)
    started = time.perf_counter()
    rows = []
    modes: dict[str, Counter] = {}
    examples: dict[tuple[str, str], dict] = {}

    def keep(kind, mode, text, extra):
        key = (kind, mode)
        if key not in examples or len(text) < len(examples[key]["text"]):
            examples[key] = {"kind": kind, "mode": mode, **extra, "text": text}

    # consistent reports
    alarms = 0
    alarm_modes: Counter = Counter()
    for i in range(args.n):
        rep = generate(random.Random(f"{args.seed}:clean:{i}"), avoid)
        audit = auditor.audit_text(rep.text)
        bad = serious(audit)
        if bad:
            alarms += 1
            for f in bad:
                mode = f"{f.rule}:{f.diagnosis.cause if f.diagnosis else '-'}"
                alarm_modes[mode] += 1
                keep("consistent", mode, rep.text, {"finding": f.model_dump(mode="json")})
    for kind in kinds:
        cases = at_fig = correct = culprit = skipped = 0
        modes[kind] = Counter()
        for i in range(args.n):
            rnd = random.Random(f"{args.seed}:{kind}:{i}")
            rep = generate(RandomChooser(rnd), avoid)
            try:
                inj = inject(rep, kind, RandomChooser(rnd), identifiable=not args.allow_ambiguous)
            except NoTarget:
                skipped += 1
                continue
            audit = auditor.audit_text(inj.text)
            cases += 1
            a, c, mode = outcome(kind, inj, audit)
            at_fig += a
            correct += c
            culprit += c and culprit_named(inj, audit)
            modes[kind][mode] += 1
            if not c:
                small, line, column = minimal(rep, inj)
                small_mode = outcome(
                    kind, replace(inj, text=small, line=line, column=column), auditor.audit_text(small)
                )[2]
                if small_mode == mode:
                    keep(
                        kind,
                        mode,
                        small,
                        {
                            "line": line,
                            "column": column,
                            "detail": inj.detail,
                            "breaks": inj.broken,
                            "minimal": True,
                            "findings": [
                                f.model_dump(mode="json") for f in auditor.audit_text(small).findings
                            ],
                        },
                    )
                    continue
                keep(
                    kind,
                    mode,
                    inj.text,
                    {
                        "line": inj.line,
                        "column": inj.column,
                        "detail": inj.detail,
                        "breaks": inj.broken,
                        "line_text": inj.text.split("\n")[inj.line - 1],
                        "findings": [f.model_dump(mode="json") for f in audit.findings],
                    },
                )
        rows.append((kind, cases, at_fig, correct, culprit, skipped))
    elapsed = time.perf_counter() - started

    print(
        "| kind | cases | finding at the injected figure | correct cause named | share correct (%) "
        "| culprit and cause named | share (%) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, cases, at_fig, correct, culprit, _skipped in rows:
        share = f"{100 * correct / cases:.1f}" if cases else "—"
        cshare = f"{100 * culprit / cases:.1f}" if cases else "—"
        print(f"| {kind} | {cases} | {at_fig} | {correct} | {share} | {culprit} | {cshare} |")
    print()
    print("| consistent reports | cases | reports with any error/warning (false alarms) |")
    print("| --- | ---: | ---: |")
    print(f"| generated, no slip | {args.n} | {alarms} |")
    if args.modes:
        print()
        for kind in kinds:
            print(f"{kind}:")
            for mode, n in modes[kind].most_common():
                print(f"  {n:4d}  {mode}")
        print("false alarms (findings, by rule:cause):")
        for mode, n in alarm_modes.most_common():
            print(f"  {n:4d}  {mode}")
    if args.examples:
        args.examples.mkdir(parents=True, exist_ok=True)
        for n, ((kind, _mode), ex) in enumerate(sorted(examples.items())):
            (args.examples / f"{kind}-{n:02d}.json").write_text(json.dumps(ex, ensure_ascii=False, indent=1))
    skipped_note = ", ".join(f"{k}: {s}" for k, *_, s in rows if s)
    print()
    if skipped_note:
        print(f"(reports with no target for the kind, not counted: {skipped_note})")
    print(f"{len(kinds) * args.n + args.n} reports in {elapsed:.1f} s. Reproduce with:")
    cmd = f"python bench/diagnosis_accuracy.py --n {args.n} --seed {args.seed}"
    if kinds != KINDS:
        cmd += f" --kinds {','.join(kinds)}"
    if avoid:
        cmd += f" --avoid {args.avoid}"
    if args.allow_ambiguous:
        cmd += " --allow-ambiguous"
    print(f"    {cmd}")
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") is None:
        # today's engine breaks some ties by set order: fix the hash seed so a run can be reproduced
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    raise SystemExit(main())

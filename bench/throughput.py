"""Corpus throughput and peak memory of `auditor check` over a generated corpus.

    python bench/throughput.py [--docs 2000] [--jobs 1 2] [--format jsonl] [--corpus DIR]

Runs the real command line (`auditor check --format jsonl --no-summary --jobs N DIR`, output to
/dev/null), timing the wall clock and sampling the resident memory of the whole process tree
(the parent plus every worker, summed) every 20 ms.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import auditor_cmd, ensure_corpus, load, machine, reproduce, run_measured


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "json", "rich"])
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "auditor-bench-corpus")
    ap.add_argument("--repeat", type=int, default=1, help="runs per job count (best wall is kept)")
    ap.add_argument("--across-years", action="store_true", help="with the across-years check")
    args = ap.parse_args()
    reproduce()
    folder = ensure_corpus(args.corpus / str(args.docs), args.docs)
    print(f"# {machine()}; corpus: {args.docs} generated reports in {folder}")
    print(
        f"{'jobs':>4} {'docs':>6} {'wall s':>7} {'docs/s':>7} {'CPU ms/doc':>10} {'peak RSS tree MB':>17} "
        f"{'parent MB':>9}  exit  machine"
    )
    extra = ["--across-years"] if args.across_years else []
    for jobs in args.jobs:
        best = None
        for _ in range(args.repeat):
            cmd = auditor_cmd() + [
                "check",
                "--format",
                args.format,
                "--no-summary",
                "--jobs",
                str(jobs),
                *extra,
                str(folder),
            ]
            got = run_measured(cmd)
            if best is None or got[0] < best[0]:
                best = got + (load(),)
        wall, code, peak, parent, cpu, machine_load = best
        print(
            f"{jobs:>4} {args.docs:>6} {wall:7.1f} {args.docs / wall:7.0f} {cpu * 1000 / args.docs:10.1f} "
            f"{peak / 1048576:17.0f} {parent / 1048576:9.0f}  {code:>4}  {machine_load}"
        )


if __name__ == "__main__":
    main()

"""Peak resident memory of a corpus run, whole process tree (parent + workers, summed), as the
corpus grows: flat means the run holds no per-document state.

    python bench/memory.py [--sizes 1000 10000] [--jobs 2] [--format jsonl]

Each size is a generated corpus (bench/make_corpus.py, made once under /tmp and reused).
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import auditor_cmd, ensure_corpus, load, machine, reproduce, run_measured

TARGET_MB = 200


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "json", "rich"])
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "auditor-bench-corpus")
    ap.add_argument("--across-years", action="store_true")
    args = ap.parse_args()
    reproduce()
    print(f"# {machine()}; auditor check --format {args.format} --jobs {args.jobs}, output to /dev/null")
    print(f"{'docs':>6} {'wall s':>7} {'docs/s':>7} {'peak RSS tree MB':>17} {'parent MB':>9}  exit  machine")
    peaks = []
    for n in args.sizes:
        folder = ensure_corpus(args.corpus / str(n), n)
        extra = ["--across-years"] if args.across_years else []
        cmd = auditor_cmd() + [
            "check",
            "--format",
            args.format,
            "--no-summary",
            "--jobs",
            str(args.jobs),
            *extra,
            str(folder),
        ]
        wall, code, peak, parent, _cpu = run_measured(cmd)
        peaks.append(peak)
        print(
            f"{n:>6} {wall:7.1f} {n / wall:7.0f} {peak / 1048576:17.0f} {parent / 1048576:9.0f}  "
            f"{code:>4}  {load()}"
        )
    worst = max(peaks) / 1048576
    growth = peaks[-1] / peaks[0] if peaks[0] else float("nan")
    print(
        f"peak {worst:.0f} MB ({'meets' if worst <= TARGET_MB else 'MISSES'} the {TARGET_MB} MB target); "
        f"largest / smallest corpus peak = {growth:.2f}"
    )


if __name__ == "__main__":
    main()

"""Each seed report as a PDF (typeset as the tests do: tests/makedocs.py's to_pdf) read and
audited, as a ratio to the same seed as text read and audited in the same run (issue 14: a PDF
within 10× its text). The PDF and the text are timed alternately, so that a noisy machine moves
both alike; the findings of the two must be the same (rule, severity, message and the figures
they cite: only the places differ, 第3页第7行 against line numbers). A last row does the same for
a document of ruled tables (tests/fujian.py's 附表, eight tables on four pages), against the text
the PDF reads as (pipe rows), which the text reader reads back as the same tables.

python bench/pdf.py [--runs 15]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SEEDS, load, machine, reproduce

sys.path.insert(0, str(ROOT / "tests"))
TARGET = 10.0


def key(report):
    """What the findings say, wherever the format put them."""
    return sorted(
        (f.rule, f.severity, f.message, tuple((e.text, e.value, e.unit) for e in f.evidence))
        for f in report.findings
    )


def cases(folder: Path, read_path):
    """(name, text file, PDF file, a seed?): each seed, then the 附表 as a PDF and as the text it
    reads as."""
    import makedocs
    from fujian import as_blocks

    for text in sorted(SEEDS.glob("*.txt")):
        pdf = makedocs.to_pdf(
            makedocs.blocks_of(text.read_text(encoding="utf-8")), folder / f"{text.stem}.pdf"
        )
        yield text.name, text, pdf, True
    pdf = makedocs.to_pdf(as_blocks(), folder / "fujian.pdf")
    text = folder / "fujian.txt"
    text.write_text(read_path(pdf).text, encoding="utf-8")
    yield "tests/fujian.py (8 tables)", text, pdf, False


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    reproduce()
    print(
        f"# {machine()}; {args.runs} runs per seed after one warm-up run; a run is read_path + "
        "audit_source, of the PDF and of the text alternately; medians"
    )
    from auditor.pipeline import audit_source
    from auditor.read.inputs import read_path

    def timed(path: Path) -> tuple[float, float, object]:
        start = time.perf_counter()
        source = read_path(path)
        read = time.perf_counter()
        report = audit_source(source)
        return (time.perf_counter() - start) * 1000, (read - start) * 1000, report

    print(f"# {load()} at start")
    print(
        f"{'seed':<28} {'text ms':>8} {'PDF ms':>8} {'of it reading':>14} {'ratio':>6}  "
        f"{'≤ ' + str(int(TARGET)) + '×':<6} same findings"
    )
    worst = 0.0
    all_same = True
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, pdf, seed in cases(Path(tmp), read_path):
            # also the warm-up
            same = key(timed(pdf)[2]) == key(timed(text)[2])
            texts, pdfs, reads = [], [], []
            for _ in range(args.runs):
                total, _, _ = timed(text)
                texts.append(total)
                total, read, _ = timed(pdf)
                pdfs.append(total)
                reads.append(read)
            ratio = statistics.median(pdfs) / statistics.median(texts)
            all_same = all_same and same
            if seed:
                worst = max(worst, ratio)
                meets = "yes" if ratio <= TARGET else "NO"
            else:
                # the target is the seeds': this text audits in a few ms, so fixed costs weigh
                meets = "—"
            print(
                f"{name:<28} {statistics.median(texts):8.1f} {statistics.median(pdfs):8.1f} "
                f"{statistics.median(reads):14.1f} {ratio:5.1f}×  {meets:<6} {'yes' if same else 'NO'}"
            )
    verdict = "meets" if worst <= TARGET and all_same else "MISSES"
    print(f"worst ratio of a seed {worst:.1f}×: {verdict} the target; {load()} at end")


if __name__ == "__main__":
    main()

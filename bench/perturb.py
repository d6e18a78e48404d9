"""The labelled real reports rewritten the ways real reports differ in form, not in content, each
scored against the same labels (anchors moved with their figures): a reading that holds only for
one form shows here as a lost finding or a new false alarm.

    python bench/perturb.py [--labels tests/data/realcases/labels.json] [--only wrapped] [--show]

Forms: ``halfwidth`` (，；：（） written , ; : ()), ``fullwidth`` (the reverse), ``spaced`` (a blank
between a figure and its unit, and after each clause mark), ``wrapped`` (lines broken every 30-40
characters, between characters of a word but never inside a figure, as text out of a PDF),
``traditional`` (the text in traditional characters). Compare each line with ``original``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from realcases import DEFAULT, score  # noqa: E402

# a rewrite of one line: the new text, and the new (line offset, column) of each old column
Rewrite = Callable[[str], tuple[str, list[tuple[int, int]]]]

_FIGURE = re.compile(r"-?\d[\d,.]*(?:\s*(?:万元|亿元|元|%))?")


def _by_char(line: str, table: dict[str, str]) -> tuple[str, list[tuple[int, int]]]:
    out, where = [], []
    for k, ch in enumerate(line):
        between_digits = 0 < k < len(line) - 1 and line[k - 1].isdigit() and line[k + 1].isdigit()
        where.append((0, len("".join(out))))
        out.append(ch if between_digits else table.get(ch, ch))
    return "".join(out), where


def halfwidth(line: str) -> tuple[str, list[tuple[int, int]]]:
    return _by_char(line, {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})


def fullwidth(line: str) -> tuple[str, list[tuple[int, int]]]:
    return _by_char(line, {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def spaced(line: str) -> tuple[str, list[tuple[int, int]]]:
    out, where = "", []
    k = 0
    while k < len(line):
        m = re.match(r"(\d)(万元|亿元|元|%)", line[k:])
        where.append((0, len(out)))
        if m:
            out += m.group(1) + " "
            k += 1
            continue
        out += line[k] + (" " if line[k] in "，；：。" else "")
        k += 1
    return out, where


def wrapped(line: str, width: int = 36) -> tuple[str, list[tuple[int, int]]]:
    protected = [False] * len(line)
    for m in _FIGURE.finditer(line):
        for k in range(m.start(), m.end() + 1):
            if k < len(line):
                protected[k] = True
    out_lines, where, col, row = [""], [], 0, 0
    for k, ch in enumerate(line):
        if col >= width and not protected[k] and ch not in "，。；：、）)%":
            out_lines.append("")
            row, col = row + 1, 0
        where.append((row, col))
        out_lines[-1] += ch
        col += 1
    return "\n".join(out_lines), where


def traditional(line: str) -> tuple[str, list[tuple[int, int]]]:
    from opencc import OpenCC

    converted = OpenCC("s2t").convert(line)
    if len(converted) != len(line):
        return line, [(0, k) for k in range(len(line))]
    return converted, [(0, k) for k in range(len(line))]


FORMS: dict[str, Rewrite] = {
    "halfwidth": halfwidth,
    "fullwidth": fullwidth,
    "spaced": spaced,
    "wrapped": wrapped,
    "traditional": traditional,
}


def _anchor_column(line: str, value: str, after: int = 0) -> int:
    """Where the value stands on its line: its first place after `after` (the anchor before it in
    the same relation, on the same line: a value written twice on a line, such as 0, is told
    apart by the order the relation names them), else its first place."""
    # not the tail of a number written with thousands separators (867.48 inside 1,867.48)
    pattern = re.compile(rf"(?<![\d.])(?<!\d,){re.escape(value)}(?![\d])")
    m = pattern.search(line, after) or pattern.search(line)
    return m.start() if m else 0


def rewrite(labels_path: Path, form: Rewrite, into: Path) -> Path:
    """The cases and labels of `labels_path` rewritten by `form` into the folder `into`."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    (into / "cases").mkdir(parents=True, exist_ok=True)
    for case in labels:
        lines = (labels_path.parent / "cases" / f"{case['case']}.txt").read_text(encoding="utf-8").split("\n")
        new_lines, first_row, maps = [], [], []
        for line in lines:
            text, where = form(line)
            first_row.append(len(new_lines))
            maps.append(where)
            new_lines.extend(text.split("\n"))
        # an item whose anchors read the same as an earlier one's (收入减少15.2…下降0.16%，支出减少
        # 15.2…下降0.16% on one line) names the figures after that one's
        after_same: dict[tuple[tuple[int, str], ...], dict[int, int]] = {}
        for item in case["findings"] + case.get("holds", []):
            signature = tuple((a["line"], a["value"]) for a in item["anchors"])
            last: dict[int, int] = dict(after_same.get(signature, {}))
            for a in item["anchors"]:
                k = a["line"] - 1
                col = _anchor_column(lines[k], a["value"], last.get(k, 0))
                last[k] = col + len(a["value"])
                row = maps[k][col][0] if col < len(maps[k]) else 0
                a["line"] = first_row[k] + row + 1
                a["value"] = re.sub(r"\s", "", a["value"])
            after_same[signature] = last
        (into / "cases" / f"{case['case']}.txt").write_text("\n".join(new_lines), encoding="utf-8")
    out = into / "labels.json"
    out.write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", type=Path, default=DEFAULT)
    ap.add_argument("--only", choices=sorted(FORMS))
    ap.add_argument("--show", action="store_true", help="every miss and false alarm of each form")
    a = ap.parse_args()
    print(f"{'original':12s} {score(a.labels).line()}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, form in FORMS.items():
            if a.only and name != a.only:
                continue
            s = score(rewrite(a.labels, form, Path(tmp) / name))
            print(f"{name:12s} {s.line()}")
            if a.show:
                print("\n".join("    " + n for n in s.notes))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

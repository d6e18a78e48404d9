"""Synthetic reports for tests and benchmarks.

- `variant` / `make_corpus`: realistic reports made from the seed reports in
  ``examples/reports/`` by moving the decimal point of every amount by the same number of
  places (sums, shares, changes and rates stay exactly as consistent, or as inconsistent, as in
  the seed: a variant's findings are its seed's), shifting every year by the same offset, and
  renaming the department. Quick: 10,000 reports in well under a minute.
- `series`: short reports of one department over consecutive years whose year-over-year
  changes agree with the previous year's report (or, with ``slip``, do not), for the
  across-years check.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "reports"
_DIGITS = re.compile(r"-?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=[ \t]?年)")
_PLACES = ["江城", "青山", "河西", "临川", "安宁", "东平", "南浦", "北岭", "云台", "石门", "白沙", "长乐"]
_BUREAUS = [
    "财政局",
    "教育局",
    "交通运输局",
    "农业农村局",
    "水利局",
    "卫生健康委员会",
    "民政局",
    "司法局",
    "市场监督管理局",
    "自然资源局",
    "生态环境局",
    "文化和旅游局",
    "统计局",
    "审计局",
    "医疗保障局",
]


def seed_texts(folder: str | Path | None = None) -> list[tuple[str, str]]:
    """(name, text) of the seed reports."""
    folder = Path(folder) if folder else SEEDS
    found = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    if not found:  # an installed package has no examples/: name the folder to use
        raise FileNotFoundError(
            f"no seed reports (*.txt) in {folder}: pass the folder of a source checkout's examples/reports"
        )
    return found


def _scale(m: re.Match[str], shift: int) -> str:
    whole, frac = m.group(1), m.group(2) or ""
    value = Decimal(whole.replace(",", "") + frac)
    if value == 0 and not frac:
        return m.group(0)  # a bare 0 means none: it stays 0
    text = f"{value.scaleb(-shift):f}"  # the point moves: the digits and the precision move with it
    if "," in whole:
        head, _, tail = text.partition(".")
        text = f"{int(head):,}" + ("." + tail if tail else "")
    return ("-" if m.group(0).startswith("-") else "") + text


def scale_amounts(text: str, shift: int) -> str:
    """Every amount the auditor reads (元, 万元, 亿元; garbled ones too) divided by 10**shift.

    The decimal point moves left, so each figure keeps its significant digits and stands for
    an interval scaled by exactly the same factor: every sum, share, change and rate is exactly
    as consistent (or inconsistent) as before. (Multiplying by any other number is not: the
    rounding slack of the parts would grow while the figures still claim their precision.)"""
    from ..parse.figures import scan
    from ..read.normalize import normalize

    norm = normalize(text)
    out, pos = [], 0
    for f in scan(norm.text):
        if not f.is_amount:
            continue
        m = _DIGITS.match(norm.text, f.start)
        if m is None:  # pragma: no cover - an amount always starts with its digits
            continue
        a, b = norm.origin[m.start()], norm.origin[m.end() - 1] + 1
        out.append(text[pos:a])
        out.append(_scale(m, shift))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def department_of(text: str) -> str | None:
    from ..facts.years import identify

    return identify(text)[0]


_UNITLESS_TABLE = re.compile(r"^\s*-?[\d,]+\.\d+\s*\|", re.M)


def variant(text: str, shift: int = 0, year_shift: int = 0, department: str | None = None) -> str:
    """The report with every amount divided by 10**shift, every year + year_shift, and the
    department renamed: its findings are the seed's (same rules, same lines)."""
    if department:
        old = department_of(text)
        if old:
            from ..facts.years import department_key

            text = text.replace(old, department)
            short = department_key(old)
            if short != old:
                text = text.replace(short, department)
    if shift:
        text = scale_amounts(text, shift)
    if year_shift:
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), text)
    return text


def make_corpus(
    folder: str | Path, n: int, seed: int = 0, seeds: list[tuple[str, str]] | None = None
) -> list[Path]:
    """Write n reports varied from the seeds into folder (100 per subfolder); returns their paths."""
    rng = random.Random(seed)
    seeds = seeds or seed_texts()
    folder = Path(folder)
    paths = []
    for i in range(n):
        name, text = seeds[i % len(seeds)]
        dept = f"{rng.choice(_PLACES)}市{rng.choice(_PLACES)}区{rng.choice(_BUREAUS)}"
        # a report whose tables state amounts without a unit (self-evaluation tables in 万元) keeps
        # its decimal points: moving the prose's alone would make prose and table disagree
        shift = 0 if _UNITLESS_TABLE.search(text) else rng.randint(0, 2)
        body = variant(text, shift=shift, year_shift=rng.randint(-6, 0), department=dept)
        sub = folder / f"{i // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{i:06d}_{name[:3]}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


# -- a department over several years ---------------------------------------------------------------
CENT = Decimal("0.01")


def _pct(num: Decimal, den: Decimal) -> Decimal:
    return (num * 100 / den).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class YearFigures:
    year: int
    total: Decimal  # 收、支总计
    basic: Decimal  # 基本支出
    project: Decimal  # 项目支出
    three_public: Decimal  # “三公”经费财政拨款支出


def _change(
    name: str, now: Decimal, prior: Decimal | None, prev_year: int, delta_slip: Decimal = Decimal(0)
) -> str:
    if prior is None or prior == 0:
        return ""
    delta = now - prior + delta_slip
    if delta == 0:
        return f"与{prev_year}年相比，{name}持平。"
    prior_shown = now - delta  # what the text implies: its rate agrees with its own delta
    up = delta > 0
    return (
        f"与{prev_year}年相比，{name}{'增加' if up else '减少'}{abs(delta)}万元，"
        f"{'增长' if up else '下降'}{_pct(abs(delta), prior_shown)}%。"
    )


def report(department: str, f: YearFigures, prior: YearFigures | None, slip: Decimal = Decimal(0)) -> str:
    """A short, self-consistent report; its changes agree with `prior` unless `slip` moves the
    change of 收、支总计 (its rate then agrees with the moved change, so only the other year's
    report can tell)."""
    y = f.year
    expense = f.basic + f.project
    lines = [
        f"{department}{y}年度部门决算",
        f"第二部分 {y}年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        f"{y}年度收、支总计{f.total}万元。"
        + _change("收、支总计各", f.total, prior.total if prior else None, y - 1, slip),
        "二、支出决算情况说明",
        f"{y}年度本年支出合计{expense}万元，其中：基本支出{f.basic}万元，占{_pct(f.basic, expense)}%；"
        f"项目支出{f.project}万元，占{_pct(f.project, expense)}%。",
        "三、“三公”经费财政拨款支出决算情况说明",
        f"{y}年“三公”经费财政拨款支出{f.three_public}万元"
        + (
            f"，比{y - 1}年{'增加' if f.three_public >= prior.three_public else '减少'}"
            f"{abs(f.three_public - prior.three_public)}万元。"
            if prior
            else "。"
        ),
    ]
    return "\n".join(lines) + "\n"


def _money(rng: random.Random, lo: int, hi: int) -> Decimal:
    return (Decimal(rng.randint(lo * 100, hi * 100)) / 100).quantize(CENT)


def series(
    department: str, first_year: int, years: int, seed: int = 0, slips: dict[int, Decimal] | None = None
) -> Iterator[tuple[int, str]]:
    """(year, text) of one department's reports over consecutive years; `slips` maps a year to
    an amount added to that report's stated change of 收、支总计."""
    rng = random.Random(seed)
    prior = None
    for y in range(first_year, first_year + years):
        basic, project = _money(rng, 200, 900), _money(rng, 100, 3000)
        carry = _money(rng, 0, 300)
        figs = YearFigures(y, basic + project + carry, basic, project, _money(rng, 1, 20))
        yield y, report(department, figs, prior, (slips or {}).get(y, Decimal(0)))
        prior = figs

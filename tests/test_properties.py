"""Metamorphic properties: a generated consistent paragraph gives no error or warning; the
same paragraph with one figure moved beyond rounding gives a finding that cites that figure."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import auditor

CENT = Decimal("0.01")
money = st.integers(min_value=10_000, max_value=5_000_000).map(lambda c: (Decimal(c) / 100).quantize(CENT))


def pct(num: Decimal, den: Decimal) -> Decimal:
    return (num * 100 / den).quantize(CENT, rounding=ROUND_HALF_UP)


@st.composite
def paragraphs(draw):
    a, b = draw(money), draw(money)
    total = a + b
    prior = draw(money.filter(lambda p: abs(p - total) >= 1 and total / 3 <= p <= total * 3))
    budget = draw(money.filter(lambda x: total / 3 <= x <= total * 3))
    delta = abs(total - prior)
    up = total > prior
    comma = draw(st.sampled_from(["，", ","]))
    opener = draw(st.sampled_from(["其中：", "其中", "其中:"]))
    compare = draw(st.sampled_from(["与上年相比", "比上年", "较2020年"]))
    figures = {
        "total": f"{total}万元",
        "a": f"{a}万元",
        "pa": f"{pct(a, total)}%",
        "b": f"{b}万元",
        "pb": f"{pct(b, total)}%",
        "delta": f"{delta}万元",
        "rate": f"{pct(delta, prior)}%",
        "budget": f"{budget}万元",
        "done": f"{pct(total, budget)}%",
    }
    f = figures
    text = (
        f"2021年本年支出合计{f['total']}{comma}{opener}基本支出{f['a']}{comma}占{f['pa']}；"
        f"项目支出{f['b']}{comma}占{f['pb']}。\n"
        f"2021年本年支出合计{f['total']}{comma}{compare}{'增加' if up else '减少'}{f['delta']}{comma}"
        f"{'增长' if up else '下降'}{f['rate']}。\n"
        f"年初预算为{f['budget']}{comma}支出决算为{f['total']}{comma}完成年初预算的{f['done']}。\n"
    )
    return text, figures


def serious(report):
    return [f for f in report.findings if f.severity in ("error", "warning")]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(paragraphs())
def test_consistent_paragraph_has_no_error(case):
    text, _ = case
    assert serious(auditor.audit_text(text)) == []


def _move(written: str, by: Decimal) -> str:
    unit = "万元" if written.endswith("万元") else "%"
    return f"{Decimal(written[: -len(unit)]) + by}{unit}"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    paragraphs(),
    st.sampled_from(["a", "pa", "b", "rate", "done"]),
    st.sampled_from([Decimal("1.37"), Decimal("-0.91"), Decimal("12.5")]),
)
def test_one_moved_figure_is_cited(case, key, by):
    text, figures = case
    old = figures[key]
    if Decimal(old.rstrip("万元%")) + by <= 0:
        return
    new = _move(old, by)
    pos = _position(text, old, key)
    moved = text[:pos] + new + text[pos + len(old) :]
    report = auditor.audit_text(moved)
    line = moved[:pos].count("\n") + 1
    column = pos - (moved.rfind("\n", 0, pos) + 1) + 1
    cited = {(e.line, e.column, e.text) for f in serious(report) for e in f.evidence}
    assert (line, column, new) in cited, (moved, report.findings)


def _position(text, old, key):
    """Position of the figure named by key: its first occurrence after its label."""
    if key == "rate":
        anchor = "增长" if "增长" in text else "下降"
    else:
        anchor = {"a": "基本支出", "pa": "基本支出", "b": "项目支出", "done": "完成年初预算的"}[key]
    return text.index(old, text.index(anchor))

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from auditor.core.intervals import Interval, ratio_percent
from auditor.parse.figures import scan


def one(text):
    figs = [f for f in scan(text) if f.kind in ("amount", "percent", "unreadable")]
    assert len(figs) == 1, figs
    return figs[0]


def test_precision_from_string():
    f = one("支出38.40万元")
    assert f.value == Decimal("38.40") and f.decimals == 2 and f.unit == "万元"
    assert f.interval == Interval(Decimal("38.395"), Decimal("38.405"))
    assert f.money.amount == Decimal("384000.00") and str(f.money.currency) == "CNY"


def test_thousands_separator_only_in_strict_groups():
    assert one("预算1,031.24万元").value == Decimal("1031.24")
    figs = scan("分别为12,34万元")
    assert [f.number for f in figs] == ["12", "34"]
    assert [f.number for f in scan("收入1，200万元")] == ["1", "200"]  # full-width comma is punctuation


def test_garbled_figures_read_as_a_person_would():
    f = one("2021年本年收入1282.95合计万元")
    assert (f.value, f.unit) == (Decimal("1282.95"), "万元") and "合计" in f.note
    f = one("增加93.27了%")
    assert (f.value, f.unit) == (Decimal("93.27"), "%") and f.note
    f = one("收入1121.82.万元")
    assert f.value == Decimal("1121.82") and f.unit == "万元" and f.note
    f = one("收入1121.82.5万元")
    assert f.kind == "unreadable"


def test_kinds():
    kinds = {
        f.number: f.kind for f in scan("2021年度12月31日，76.23万余通，12元/件，100%，0万元，89.84万专项")
    }
    assert kinds == {
        "2021": "year",
        "12": "number",
        "31": "date",
        "76.23": "number",
        "100": "percent",
        "0": "amount",
        "89.84": "amount",
    }


def test_zero_is_exact_and_truncation_interval():
    assert one("0万元").interval == Interval(Decimal(0), Decimal(0))
    f = one("99.2%")
    assert f.loose == Interval(Decimal("99.15"), Decimal("99.3"))


def test_ratio_interval():
    got = ratio_percent(
        Interval(Decimal("6.975"), Decimal("6.985")), Interval(Decimal("242.625"), Decimal("242.635"))
    )
    assert got.meets(Interval(Decimal("2.875"), Decimal("2.885")))
    assert ratio_percent(Interval(Decimal(1), Decimal(1)), Interval(Decimal(0), Decimal(0))) is None


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2)


@given(amounts, st.sampled_from(["万元", "元", "亿元"]))
def test_amount_round_trip(value, unit):
    text = f"{value:,}" if value >= 1000 else f"{value}"
    f = one(f"支出{text}{unit}，")
    assert f.value == value and f.unit == unit and f.decimals == 2
    assert f.interval.contains(value)


@given(st.text(alphabet="0123456789,.-/_aZ万元%年 ，。１２", max_size=40))
def test_the_scan_by_digit_runs_finds_what_the_whole_pattern_finds(text):
    from auditor.parse.figures import _NUMBER, _numbers

    expected = [(m.start(), m.end(), m.group(1) or "", m.group(2)) for m in _NUMBER.finditer(text)]
    assert list(_numbers(text)) == expected


def test_a_blank_after_the_decimal_point_is_read_as_a_person_reads_it():
    (fig,) = scan("预算总额575. 48万元，")
    assert (fig.number, fig.unit, fig.decimals, fig.kind) == ("575.48", "万元", 2, "amount")
    assert fig.note and "575. 48" in fig.note
    # numbering before a figure, or a year, is no figure read across a blank
    assert [f.number for f in scan("1. 2021年度收入")] == ["1", "2021"]
    assert [(f.number, f.unit) for f in scan("\n3. 50万元")] == [("3", ""), ("50", "万元")]

"""What one statement asserts about its subject: a completion rate is its actual over its budget,
a change is this year's less the base (the prior year's, or the budget), a change rate is the
change over the base, a share is the part over the total it is a share of. The figures come
from the same sentence first; a figure stated elsewhere is taken only when every statement of
it agrees (store.py)."""

from __future__ import annotations

from collections.abc import Callable

from ..core.lexicon import lexicon
from ..facts.readings import Reading
from ..facts.roles import OTHER_YEARS_BUDGET
from .extraction import Observation
from .lists import of_the_lists_total, the_lists_total, total_shared_of_another
from .relations import ChangeAmountRelation, ChangeRateRelation, RatioRelation, SameRelation
from .store import BUDGETS, Builder, Sentence
from .undefined_rates import direction_slip, growth_of_levels, rate_of_nothing


def _level_of(
    b: Builder, sent: Sentence, r: Reading, role: str = "actual", period: str = "current"
) -> Reading | None:
    roles = BUDGETS if role == "budget" else (role,)
    return _in_sentence(sent, r, roles, period) or b.store.get(r.subject, period, role)


def _in_sentence(sent: Sentence, r: Reading, roles: tuple[str, ...], period: str) -> Reading | None:
    """The level of r's subject the sentence states before r in one of `roles`: one of the
    sentence's own figures before one of its parenthetical asides (预算数为9564.38万元（年初预算数
    1984.38万元）…比预算数减少)."""

    def stated(aside: bool) -> Reading | None:
        return sent.before(
            r,
            lambda x: (
                x.kind == "level"
                and x.subject == r.subject
                and x.period == period
                and x.role in roles
                and x.in_parens <= aside
            ),
        )

    return stated(False) or stated(True)


def sentence_relations(b: Builder, sent: Sentence) -> None:
    own = {id(r.fig) for r in sent}
    for r in sent:
        if r.subject is None or r.kind not in _ASSERTS:
            continue
        made = len(b.relations)
        _ASSERTS[r.kind](b, sent, r)
        for rel in b.relations[made:]:
            # a figure looked up in another sentence: bound by name, not by the sentence itself
            rel.heuristic = any(id(f) not in own for f in rel.figures)


def _completion(b: Builder, sent: Sentence, r: Reading) -> None:
    actual = _level_of(b, sent, r, "actual", r.period)
    which = r.note or "budget"
    budget = r.budget or _level_of(b, sent, r, which, r.period)
    if budget is None and which != "budget":
        budget = _level_of(b, sent, r, "budget", r.period)
    if actual is not None and budget is None and r.subject is not None and r.subject.known:
        b.implied.setdefault(r.subject, (actual, r))  # the budget it implies, for its whole's
    if actual is None or budget is None:
        b.skip("completion rate without its actual or budget")
        return
    if budget.fig.value == 0:
        if r.fig.value != 0 and actual.fig.value != 0:
            b.observations.append(
                Observation(
                    "FA402",
                    [r.fig, budget.fig],
                    ["执行率", "预算数"],
                    f"预算数为{budget.fig.number}{budget.fig.unit}，无从计算执行率，文中写{r.fig.number}%",
                    f"{r.fig.number}%",
                    "无",
                    "percentage_of_zero",
                )
            )
        else:
            b.skip("completion rate of a zero budget")
        return
    b.add(
        RatioRelation(
            "FA401",
            r.fig,
            [actual.fig, budget.fig],
            ["完成率", "决算数", "预算数"],
            "决算数 ÷ 预算数 = 完成率",
        )
    )


def _prior_stated(sent: Sentence, r: Reading) -> Reading | None:
    return sent.before(
        r,
        lambda x: (
            x.subject == r.subject
            and (
                x.kind == "prior_level"
                and (x.base == r.base or r.base in (None, "prior") and x.base == "prior")
                or x.kind == "level"
                and x.period == (r.base or "prior")
                and x.period != "current"
                and x.role == "actual"
            )
        ),
    )


def _current_for_change(b: Builder, sent: Sentence, r: Reading) -> Reading | None:
    """The figure a change is of: the actual the sentence states, else the level it states in
    another role (商品和服务支出预算445372.24元，同比减少36235.88元: the budget's change), and only
    when the sentence states none, the actual stated elsewhere."""
    own = sent.before(r, lambda x: x.kind == "level" and x.subject == r.subject and x.period == r.period)
    if own is not None and own.role != "actual" and _in_sentence(sent, r, ("actual",), r.period) is None:
        return own
    return _level_of(b, sent, r, "actual", r.period)


def _change(b: Builder, sent: Sentence, r: Reading) -> None:
    if r.base is None and sent.before(
        r, lambda x: x.subject == r.subject and x.kind == "level" and x.period == "prior"
    ):
        r.base = "prior"  # 上年为231.5万元，增加21万元: the change from the prior stated just before
    if r.base is None:
        b.skip("change without a comparison base")
        return
    if r.base == OTHER_YEARS_BUDGET:
        b.skip("change against another year's budget")
        return
    if r.base == "current":
        # 2011年预算575.48万元，比2010年实际支出761.33万元减少185.85万元 in a report of 2010: a figure
        # of another year against this year's, which no relation here states
        b.skip("change of another year against this year's")
        return
    if r.sign is None:
        b.skip("change with both direction words")
        return
    x = _current_for_change(b, sent, r)
    prior = _prior_stated(sent, r) if not r.base.startswith("budget") else None
    if r.base.startswith("budget"):
        budget = _level_of(b, sent, r, r.base, r.period)
        if budget is None and r.base != "budget":
            budget = _level_of(b, sent, r, "budget", r.period)
        if budget is not None and x is not None:
            b.add(
                ChangeAmountRelation(
                    "FA303",
                    r.fig,
                    [x.fig, budget.fig],
                    ["差额", "决算数", "预算数"],
                    "决算数 − 预算数 = 差额",
                    sign=r.sign,
                )
            )
        return
    if prior is None and r.base == "prior":
        prior = b.store.get(r.subject, "prior", "actual")
    if prior is not None and x is not None:
        b.add(
            ChangeAmountRelation(
                "FA303",
                r.fig,
                [x.fig, prior.fig],
                ["变动额", "本年数", "上年数"],
                "本年数 − 上年数 = 变动额",
                sign=r.sign,
            )
        )


def _rate(b: Builder, sent: Sentence, r: Reading) -> None:
    if r.base is None:
        b.skip("change rate without a comparison base")
        return
    if r.base == OTHER_YEARS_BUDGET:
        b.skip("change rate against another year's budget")
        return
    if r.base == "current":
        b.skip("change rate of another year against this year's")
        return
    if r.sign is None:
        b.skip("change rate with both direction words")
        return
    d = sent.before(r, lambda x: x.kind == "change" and x.subject == r.subject and x.base == r.base)
    if d is None and (n := sent.next_to(r)) is not None and n.kind == "change":
        # 同比增长25%，增收100万元: the amount right after the rate, in the same terms
        d = n if n.subject == r.subject and n.base == r.base else None
    if d is None and sent.before(r, lambda x: x.kind == "change" and x.subject == r.subject) is not None:
        # 比上年预算减12000元，同比下降16.00%: the sentence's own change, against another base
        # than the rate's words say; a change of that base stated elsewhere is not this one's
        b.skip("change rate beside a change against another base")
        return
    if d is None and r.subject is not None and r.subject.known:
        d = b.store.change(r.subject, r.base)  # the change amount stated in another sentence
    if d is None:
        if not _growth(b, sent, r):
            b.skip("change rate without its change amount")
        return
    if d.sign is not None and d.sign != r.sign and d.fig.value != 0:
        b.observations.append(
            Observation(
                "FA302",
                [r.fig, d.fig],
                ["变动率", "变动额"],
                f"变动额与变动率的方向词不一致：{d.fig.number}{d.fig.unit}、{r.fig.number}%",
                f"{r.fig.number}%",
                "方向一致",
                "direction_word",
            )
        )
        return
    sign = d.sign if d.sign is not None else r.sign
    if r.base.startswith("budget"):
        x = _current_for_change(b, sent, r)
        if x is None:
            b.skip("change rate against the budget without the actual")
            return
        b.add(
            ChangeRateRelation(
                "FA301",
                r.fig,
                [x.fig, d.fig],
                ["变动率", "决算数", "差额"],
                "差额 ÷ 预算数 = 变动率",
                sign=sign,
            )
        )
        return
    prior = _prior_stated(sent, d) if d.sentence == r.sentence else None
    if prior is not None:
        stated = RatioRelation(
            "FA301", r.fig, [d.fig, prior.fig], ["变动率", "变动额", "上年数"], "变动额 ÷ 上年数 = 变动率"
        )
        # the rate may have been computed on another total, as last year's or as this year's
        stated.context["base_index"] = 2
        stated.context["change_sign"] = sign
        b.add(stated)
        return
    x = _current_for_change(b, sent, r)
    if x is None:
        b.skip("change rate without the current figure")
        return
    rel = ChangeRateRelation(
        "FA301",
        r.fig,
        [x.fig, d.fig],
        ["变动率", "本年数", "变动额"],
        "变动额 ÷ (本年数 ∓ 变动额) = 变动率",
        sign=sign,
    )
    rel.context["base_index"] = 1  # another total may have been the base the rate was computed on
    if the_lists_total(b, x, rel):
        b.skip("change after a list's items that fits its total, not the item")
        return
    if not direction_slip(b, rel, x, d) and not rate_of_nothing(b, r, x, d, sign):
        b.add(of_the_lists_total(b, x, rel) or rel)


def _growth(b: Builder, sent: Sentence, r: Reading) -> bool:
    """上年为500元，本年为520元，增长4% (or 较上年的800万元增长-5%): no change
    amount, but this year's and the prior level of the subject, in one role, stated before the rate."""
    # _rate has already refused a rate without its base or its direction
    prior = None if r.base is None or r.base.startswith("budget") else _prior_stated(sent, r)
    if prior is None:
        return False
    x = sent.before(
        r,
        lambda x: (
            x is not prior
            and x.kind == "level"
            and x.subject == r.subject
            and x.period == r.period
            and x.role == prior.role
        ),
    )
    return x is not None and growth_of_levels(b, r, x, prior)


def _share(b: Builder, sent: Sentence, r: Reading) -> None:
    part = sent.before(r, lambda x: x.kind in ("level",) and x.subject == r.subject)
    if part is None:
        b.skip("share without its part")
        return
    # zero is 0% of any total: no base needed to see it
    if part.fig.value == 0 and r.fig.value != 0:
        b.observations.append(
            Observation(
                "FA202",
                [r.fig, part.fig],
                ["占比", "部分"],
                f"{part.fig.number}{part.fig.unit}不可能占{r.fig.number}%",
                f"{r.fig.number}%",
                "0%",
                "impossible_share",
            )
        )
        return
    base: Reading | None = None
    if r.share_base is not None:
        # 基本支出为3455.91万元，其中：人员经费…占基本支出的45.31%: the base named is the one just stated
        lst = b.rd.lists[part.list_id] if part.list_id is not None else None
        if lst is not None and (
            lst.parent.concept == r.share_base.concept
            or r.vague_base
            and lexicon().family(lst.parent.concept) == lexicon().family(r.share_base.concept)
        ):
            # 占基本支出的: the list's own total
            base = lst.parent_reading or b.store.get(lst.parent, lst.period, lst.role)
        else:
            base = sent.before(
                r,
                lambda x: (
                    x.kind == "level"
                    and x.subject == r.share_base
                    and x is not part
                    and x.period == part.period
                ),
            ) or b.store.get(r.share_base, part.period, part.role)
    elif part.list_id is not None:
        lst = b.rd.lists[part.list_id]
        base = lst.parent_reading or b.store.get(lst.parent, lst.period, lst.role)
        if base is not None and total_shared_of_another(b, base):
            # 本年收入合计600万元，占总收入98%，包括财政拨款收入570万元，占93.1%: the parts'
            # shares may be of the 总收入 the total was given as a share of, or of the total
            b.skip("share of a part whose total is a share of another base")
            return
    if base is None:
        b.skip("share without its base")
        return
    rel = RatioRelation("FA201", r.fig, [part.fig, base.fig], ["占比", "部分", "总数"], "部分 ÷ 总数 = 占比")
    rel.context["base_index"] = 2  # the share may have been computed on another total
    # 占收入总额的: a name reports give either total; 在收入合计中占 under 财政拨款收入's list: the
    # total in the scope named, or the list's own — the share holds on either
    either = r.share_base is not None and (
        r.vague_base or part.list_id is not None and base.subject != r.share_base
    )
    named = b.store.get(r.share_base, part.period, part.role) if either and r.share_base else None
    if named is not None and named is not base:
        rel.alternatives = [named.fig]
        rel.context["alternatives_accept"] = True
    b.add(rel)


# what each kind of statement asserts, and how it is made into relations
_ASSERTS: dict[str, Callable[[Builder, Sentence, Reading], None]] = {
    "completion": _completion,
    "change": _change,
    "rate": _rate,
    "share": _share,
}


def unchanged_relations(b: Builder, by_sentence: dict[int, list[Reading]]) -> None:
    """与预算相比无增减 / 与上年持平: the figure stated before the words equals its base (FA303),
    when the sentence or the report states that base for the same quantity."""
    for sentence, pos, base in b.rd.unchanged:
        before = [r for r in by_sentence.get(sentence, []) if r.fig.start < pos]
        x = next(
            (
                r
                for r in reversed(before)
                if r.kind == "level" and r.period == "current" and r.role == "actual"
            ),
            None,
        )
        if x is None or x.subject is None or not x.subject.known:
            continue
        period, role = ("prior", "actual") if base == "prior" else ("current", base)
        ref = next(
            (
                r
                for r in before
                if r is not x
                and r.kind in ("level", "prior_level")
                and r.subject == x.subject
                and (r.period == period or r.kind == "prior_level" and period == "prior")
                and (r.role == role or role == "budget" and r.role in BUDGETS)
            ),
            None,
        ) or b.store.get(x.subject, period, role)
        if ref is None or ref is x:
            b.skip("a change of nothing without its base stated")
            continue
        names = ["决算数", "预算数"] if base != "prior" else ["本年数", "上年数"]
        said = "与上年相比无增减" if base == "prior" else "与预算相比无增减"
        rel = SameRelation("FA303", x.fig, [ref.fig], names, f"文中写{said}，{names[0]}应等于{names[1]}")
        rel.heuristic = True
        b.add(rel)

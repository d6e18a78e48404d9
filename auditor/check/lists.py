"""What a list asserts about its total: the parts of a complete breakdown add up to it; the
parts of a partial list (其中 …) add up to no more than it. A breakdown is complete when its
opener says so (分项为, 构成为 …), when its shares add up to 100%, when it names every part of an
identity (rules/reading.toml), or when the same parts add up exactly under another total."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..core.lexicon import lexicon
from ..facts.readings import ListBlock, Reading
from ..facts.subjects import Subject
from ..parse.figures import Figure
from .relations import ChangeRateRelation, LinearRelation, PartialSumRelation, Relation, SumRelation
from .store import Builder, paragraph_of, readings_of, same


def covers_identity(parent: str, items: list[Subject]) -> bool:
    names = {s.concept for s in items}
    for total, parts, _ in lexicon().identities:
        if (
            total == parent
            and set(parts) <= names | {"operating_expense", "remit_superior", "affiliate_grant"}
            and len(names & set(parts)) >= 2
        ):
            if total == "expense_year" and not {"basic", "project"} <= names:
                continue
            return True
    return False


def list_relations(b: Builder, lst: ListBlock) -> None:
    items = readings_of(b, lst)
    if not lst.items or lst.kind == "reasons":
        return
    levels = [r for r in items if r.kind in ("level", "count")]
    roles = []
    for r in levels:
        if r.role not in roles:
            roles.append(r.role)
    lx = lexicon()
    # 公务用车购置费 under 公务用车购置及运行维护费 is counted in it, not beside it (but 其他收入 is
    # no part of 财政拨款收入: the parent's own concept in a narrower scope breaks nothing down,
    # and 事业收入 no part of 财政拨款收入 beside it: a part in a narrower scope holds only its own)
    items_ = [
        s
        for s in lst.items
        if not any(
            o != s
            and o.known
            and s.known
            and o.concept != lst.parent.concept
            and o.scope in ("all", s.scope)
            and lx.is_part(s.concept, o.concept)
            for o in lst.items
        )
    ]
    for role in roles:
        found = [
            next((r for r in levels if r.subject == s and r.role == role and r.note != "role?"), None)
            for s in items_
        ]
        per_item = [x for x in found if x is not None]
        if len(per_item) != len(found):
            b.skip("list with an item of no figure in this role")
            continue
        if any(x.fig.is_amount != per_item[0].fig.is_amount for x in per_item):
            continue
        parent = _list_total(b, lst, role, per_item[0])
        if parent is None:
            b.skip("list without its total")
            continue
        if parent.fig.is_amount != per_item[0].fig.is_amount:
            continue
        shares = [r for r in items if r.kind == "share"]
        share_sum = sum((s.fig.value for s in shares), Decimal(0))
        # shares that add up to 100% within their rounding (or truncation: one unit of the last
        # digit each) make the list the whole; a 0% is no part's share, and gives no slack
        slack = sum((s.fig.ulp for s in shares if s.fig.value != 0), Decimal(0))
        complete = (
            lst.complete
            or len(shares) == len(per_item) >= 2
            and abs(share_sum - 100) <= slack
            or lst.parent.known
            and covers_identity(lst.parent.concept, items_)
        )
        figs = [x.fig for x in per_item]
        if not parent.fig.is_amount and _outgrows(parent.fig.value, [f.value for f in figs]):
            # 退休人员28人；其中卫生技术人员45人: people counted after several groups are a part of
            # some other group, not of the one named last
            b.skip("a count listed under a total it is as large as")
            continue
        roles_ = ["总数", *["部分"] * len(figs)]
        if complete and len(figs) >= 2:
            rel = SumRelation("FA101", parent.fig, figs, roles_, "总数 = 各部分之和")
            unit_slip(rel)
            b.add(rel)
        else:
            partial = PartialSumRelation("FA102", parent.fig, figs, roles_, "各部分之和 ≤ 总数")
            if partial.judge() == "fail" and _sums_another(b, per_item[0], parent, figs):
                # 上级转移支付300万元，其中：一般转移支付200万元（含…120、…80，专项
                # 转移支付100万元）: the parts add up to the total around, not to the one they follow
                b.skip("list whose parts add up to another total of its sentence")
                continue
            b.add(partial)
            b.partial_lists.append((tuple(s.concept for s in items_), partial))


def _sums_another(b: Builder, first: Reading, parent: Reading, figs: list[Figure]) -> bool:
    """The parts add up, at their written values, to another amount stated before them in the
    sentence of the first part or the one before it (其中：⏎ ends a line's sentence) — exactly:
    within rounding, many whole parts would fit many totals."""
    total = sum((f.value * f.scale for f in figs), Decimal(0))
    # asked only when a list fails: every reading is looked at (the sentence may span lines)
    return any(
        first.sentence - 1 <= r.sentence <= first.sentence
        and r.fig.start < first.fig.start
        and r.kind == "level"
        and r is not parent
        and r.fig.is_amount
        and all(r.fig is not f for f in figs)
        and r.fig.value * r.fig.scale == total
        for r in b.rd.readings
    )


def _outgrows(total: Decimal, parts: list[Decimal]) -> bool:
    return any(p > total or p == total and sum(parts) > p for p in parts)


def parallel_lists(b: Builder) -> None:
    """The same parts listed for two totals (申请预算资金…其中：A a、B b、C c；实际完成…其中：A a′、B b′、
    C c′): when one list adds up exactly, the parts make the whole, and the other list must add up too."""
    adds_up = {names for names, rel in b.partial_lists if len(names) >= 3 and exact(rel)}
    for names, rel in b.partial_lists:
        if names in adds_up and not exact(rel) and rel in b.relations:
            k = b.relations.index(rel)
            b.relations[k] = SumRelation(
                "FA101", rel.result, rel.inputs, rel.roles, "总数 = 各部分之和（同一组成在别处相加相符）"
            )


def unit_slip(rel: Relation) -> None:
    """A part written in another unit than the total, which only the total's unit makes add up:
    a unit slip (FA103), named as such."""
    t = rel.result
    odd = [k for k, f in enumerate(rel.inputs) if f.is_amount and f.unit != t.unit]
    if len(odd) != 1 or len(rel.inputs) < 2 or rel.judge() != "fail":
        return
    k = 1 + odd[0]
    fixed = replace(rel.figures[k], unit=t.unit)
    if rel.judge({k: fixed}) in ("ok", "truncation"):
        rel.code = "FA103"
        rel.context["unit_slip"] = (k, fixed)


def _list_total(b: Builder, lst: ListBlock, role: str, first: Reading) -> Reading | None:
    pr = lst.parent_reading
    if pr is not None and pr.role == role and pr.period == lst.period:
        return pr
    best = None
    for r in paragraph_of(b, first.paragraph):
        if r is first:
            break
        if (
            r.subject == lst.parent
            and r.kind in ("level", "count")
            and r.role == role
            and r.period == first.period
            and r.note != "in_completion"
        ):
            best = r
    if best is not None:
        return best
    return b.store.get(lst.parent, first.period, role)


def exact(rel: Relation) -> bool:
    exact = SumRelation(rel.code, rel.result, rel.inputs, rel.roles, rel.description)
    return exact.judge() == "ok"


def income_total_without_carry_in(b: Builder, scope: str) -> bool:
    """收入总计88.20万元，年初结转1.30万元，支出总计89.50万元: the report's 收入总计 is the year's
    income, and the carry-in it names beside it makes up the 支出总计. It is not the template's
    收入总计 (which holds the carry-in), and no imbalance is claimed."""
    get = b.store.get
    inc = get(Subject("income_total", scope), "current", "actual")
    carry = get(Subject("carry_in", scope), "current", "actual")
    exp = get(Subject("expense_total", scope), "current", "actual")
    if inc is None or carry is None or exp is None or same(inc.fig, exp.fig):
        return False
    rel = LinearRelation("FA105", exp.fig, [inc.fig, carry.fig], [], "", coefs=[1, 1])
    return rel.judge() == "ok"


def identity_relations(b: Builder) -> None:
    store = b.store
    combos = {(k[1], k[2], k[3]) for k in store.by_key}
    # 公务用车购置及运行维护费900万元（其中，购置费100万元，运行维护费600万元，其他交通工具
    # 购置50万元…）: a total the report breaks down into the identity's parts and others the
    # vocabulary does not know, and whose parts add up to it
    listed: dict[Subject, set[str]] = {}
    for lst in b.rd.lists:
        if lst.kind != "reasons" and _adds_up_with_others(b, lst):
            listed.setdefault(lst.parent, set()).update(item.concept for item in lst.items)
    for total, parts, scopes in lexicon().identities:
        for scope, period, role in combos:
            if scopes is not None and scope not in scopes:
                continue
            if total == "income_total" and period == "current" and income_total_without_carry_in(b, scope):
                b.skip("income total written for the year's income, the carry-in beside it")
                continue
            items = listed.get(Subject(total, scope), set())
            if items & set(parts) and any(c.startswith("label:") for c in items):
                b.skip("total the report breaks down into other parts than the identity's")
                continue
            t = store.get(Subject(total, scope), period, role)
            vals = [store.get(Subject(p, scope), period, role) for p in parts]
            known = [v for v in vals if v is not None]
            if t is None or len(known) < 2 and not (len(known) == 1 and len(parts) == 2):
                continue
            figs = [v.fig for v in known]
            if len(known) == len(parts):
                b.add(SumRelation("FA105", t.fig, figs, ["总数", *["部分"] * len(figs)], f"{total} = Σ"))
            else:
                b.add(
                    PartialSumRelation("FA105", t.fig, figs, ["总数", *["部分"] * len(figs)], f"{total} ≥ Σ")
                )


def _adds_up_with_others(b: Builder, lst: ListBlock) -> bool:
    """The list's level items, some of them amounts the vocabulary has no name for, add up to
    its total within their rounding."""
    total = lst.parent_reading
    items = [r for r in readings_of(b, lst) if r.kind == "level" and r.period == lst.period]
    unnamed = [r for r in items if r.subject is not None and not r.subject.known and r.fig.value != 0]
    if total is None or len(items) < 2 or not unnamed:
        return False
    return SumRelation("FA101", total.fig, [r.fig for r in items], [], "").judge() == "ok"


def the_lists_total(b: Builder, x: Reading, rel: Relation) -> bool:
    """收入合计X，其中：甲…；乙8000元，占1.20%，比上年减少d，减少r%: a change and its rate that
    do not fit the item they follow but fit the list's total, the two figures agreeing on it, are
    the total's (the sentence never went back to it); which one the writer meant is not said."""
    if x.list_id is None or rel.judge() != "fail":
        return False
    total = _total_of_item(b, x)
    return total is not None and rel.judge({1: total.fig}) in ("ok", "truncation")


def of_the_lists_total(b: Builder, x: Reading, rel: ChangeRateRelation) -> ChangeRateRelation | None:
    """收入总计960.00万元，其中年初结转和结余40.00万元，较上年增加120.00万元，增长14.29%: a
    change larger than the item it follows (its prior would be below zero) is not the item's; the
    list's total is the one the sentence has named, and the rate is checked on it."""
    if x.list_id is None or rel.judge() != "undefined":
        return None
    d = rel.inputs[1]
    if rel.sign < 0 or not x.fig.in_yuan().hi < d.in_yuan().lo:
        # a rise as large as the item (增加50万元，增幅100%) is the item's, from nothing
        return None
    total = _total_of_item(b, x)
    if total is None:
        return None
    whole = replace(rel, inputs=[total.fig, *rel.inputs[1:]])
    return whole if whole.judge() != "undefined" else None


def _total_of_item(b: Builder, x: Reading) -> Reading | None:
    """The level figure of the list x is an item of, written in x's unit."""
    total = b.rd.lists[x.list_id].parent_reading if x.list_id is not None else None
    if total is None or total.kind != "level" or total.fig.unit != x.fig.unit:
        return None
    return total


def total_shared_of_another(b: Builder, total: Reading) -> bool:
    """The list's total is itself stated as a share of a base it names, in its own sentence."""
    return any(
        x.kind == "share" and x.subject == total.subject and x.share_base not in (None, total.subject)
        for x in paragraph_of(b, total.paragraph)
        if x.sentence == total.sentence
    )

"""Values a report implies rather than states, and the identities over them: a budget is the
actual plus the stated shortfall against it, last year's is this year's less the change, a
total's change is the sum of its parts' changes, 收入总计 = 支出总计 (each stated or made of
its parts). The report's own breakdown of a total (a list that adds up) wins over the identity
of rules/reading.toml. Each relation is a signed sum of stated figures (LinearRelation)."""

from __future__ import annotations

from ..core.lexicon import lexicon
from ..facts.readings import ListBlock, Reading
from ..facts.subjects import Subject
from .lists import covers_identity, exact, income_total_without_carry_in
from .relations import LinearRelation, PartialSumRelation, Relation, SumRelation
from .store import BUDGETS, Builder, same

Term = tuple[int, Reading]


def _all_known(exprs: list[list[Term] | None]) -> list[list[Term]] | None:
    """The expressions, or None when one of them is not known."""
    known = [e for e in exprs if e is not None]
    return known if len(known) == len(exprs) else None


def _stated(b: Builder, subject: Subject, period: str, role: str) -> list[Term] | None:
    r = b.store.get(subject, period, role)
    return [(1, r)] if r is not None else None


def level_expr(
    b: Builder, subject: Subject, period: str, role: str, depth: int = 0, plain_may_be: bool = True
) -> list[Term] | None:
    """A level as stated, or as implied: a budget by the actual and the stated shortfall against
    it (支出57.36万元，比预算数减少17.54万元), last year's by this year's and the change.
    `plain_may_be`: a shortfall against 预算 (unqualified) may stand for one against this budget."""
    got = _stated(b, subject, period, role)
    if got is not None or depth > 0:
        return got
    if role in BUDGETS and period == "current":
        actual = b.store.get(subject, "current", "actual")
        plain = b.store.change(subject, "budget") if role != "budget" and plain_may_be else None
        d = b.store.change(subject, role) or plain
        # the store keeps only changes whose sign is said (Store.of)
        if actual is not None and d is not None and d.sign is not None:
            return [(1, actual), (-d.sign, d)]
    if role == "actual" and period == "prior":
        cur = b.store.get(subject, "current", "actual")
        d = b.store.change(subject, "prior")
        if cur is not None and d is not None and d.sign is not None:
            return [(1, cur), (-d.sign, d)]
    return None


def change_expr(b: Builder, subject: Subject, base: str, depth: int = 0) -> list[Term] | None:
    """A change as stated, or this year's level less the prior stated, or the sum of the
    parts' changes (公务用车购置 and 运行维护 for 公务用车购置及运行维护费)."""
    d = b.store.change(subject, base)
    if d is not None and d.sign is not None:
        return [(d.sign, d)]
    if base == "prior":
        cur = b.store.get(subject, "current", "actual")
        prior = b.store.get(subject, "prior", "actual")
        if cur is not None and prior is not None:
            return [(1, cur), (-1, prior)]
    if depth == 0:
        for total, parts, where in lexicon().identities:
            if total != subject.concept or where is not None and subject.scope not in where:
                continue
            terms = _all_known([change_expr(b, Subject(p, subject.scope), base, 1) for p in parts])
            if terms is not None:
                return [x for t in terms for x in t]
    return None


def _equation(b: Builder, lhs: list[Term], rhs: list[Term], code: str, desc: str) -> None:
    """lhs = rhs as one relation: its first stated figure is the result."""
    (c0, r0), rest = lhs[0], lhs[1:]
    inputs = [(c, r) for c, r in rhs] + [(-c, r) for c, r in rest]
    if not inputs or any(r is r0 for _, r in inputs):
        return
    figs = [r.fig for _, r in inputs]
    if any(not f.is_amount for f in [r0.fig, *figs]):
        return
    b.add(
        LinearRelation(
            code,
            r0.fig,
            figs,
            ["结果", *["组成"] * len(figs)],
            desc,
            coefs=[c for c, _ in inputs],
            result_sign=c0,
        )
    )


def _compositions(b: Builder) -> list[tuple[Subject, list[Subject], str | None, str | None]]:
    """(total, parts, period, role): the identities of rules/, and the report's own lists whose
    parts add up to their total (its own breakdown wins over the identity's)."""
    lx = lexicon()
    out: list[tuple[Subject, list[Subject], str | None, str | None]] = []
    own: set[Subject] = set()
    for lst in b.rd.lists:
        if (
            lst.kind == "reasons"
            or len(lst.items) < 2
            or not lst.parent.known
            or any(not s.known for s in lst.items)
        ):
            continue
        rels = [
            r
            for r in b.relations
            if isinstance(r, (SumRelation, PartialSumRelation))
            and r.code in ("FA101", "FA102")
            and _list_of(b, r) is lst
        ]
        if rels and all(r.judge() == "ok" and (isinstance(r, SumRelation) or exact(r)) for r in rels):
            # parts that add up this year may leave out a part that was only there last year:
            # the changes add up only when last year's parts are stated and add up too
            if covers_identity(lst.parent.concept, lst.items):
                checked = "all"  # every part an identity has: the same for any year and any budget
            elif _adds_up(b, lst.parent, lst.items, "prior"):
                checked = "changes"
            else:
                checked = "levels"
            out.append((lst.parent, list(lst.items), checked, None))
            own.add(lst.parent)
    # an identity whose total the report never states in a scope implies nothing there
    stated: dict[str, set[str]] = {}
    for k in [*b.store.by_key, *b.store.changes]:
        stated.setdefault(k[0], set()).add(k[1])
    for total, parts, where in lx.identities:
        for scope in stated.get(total, ()):
            if where is not None and scope not in where:
                continue
            t = Subject(total, scope)
            if t in own:
                continue
            out.append((t, [Subject(p, scope) for p in parts], None, None))
    return out


def _list_of(b: Builder, rel: Relation) -> ListBlock | None:
    if b.list_by_fig is None:
        b.list_by_fig = {id(r.fig): r.list_id for r in b.rd.readings if r.list_id is not None}
    for f in rel.inputs:
        k = b.list_by_fig.get(id(f))
        if k is not None:
            return b.rd.lists[k]
    return None


def _adds_up(b: Builder, total: Subject, parts: list[Subject], period: str) -> bool:
    t = b.store.get(total, period, "actual")
    values = [b.store.get(p, period, "actual") for p in parts]
    if t is None or any(v is None for v in values):
        return False
    rel = SumRelation("FA101", t.fig, [v.fig for v in values if v is not None], [], "")
    return rel.judge() == "ok"


def derived_relations(b: Builder) -> None:
    for total, parts, checked, _ in _compositions(b):
        if checked == "levels":
            continue  # a list of this year's parts only: no change or budget is implied by it
        # changes: the total's change = Σ its parts' changes
        for base in ("prior", "budget", "budget_initial", "budget_adjusted"):
            if checked == "changes" and base != "prior":
                continue
            d = b.store.change(total, base)
            if d is None or d.sign is None:
                continue
            terms = _all_known([change_expr(b, p, base) for p in parts])
            if terms is None:
                continue
            _equation(b, [(d.sign, d)], [x for t in terms for x in t], "FA105", "总数的变动 = 各部分变动之和")
        # budgets implied by the parts' shortfalls against their budgets
        for role in BUDGETS:
            t = b.store.get(total, "current", role)
            if t is None:
                continue
            # 预算数9564.38（年初预算数1984.38，追加至9564.38）: where the total's unqualified
            # budget is another figure, the parts' 预算 is that one, not this role's
            plain = b.store.by_key.get((total.concept, total.scope, "current", "budget"), [])
            plain_may_be = all(same(r.fig, t.fig) for r in plain)
            terms = _all_known([level_expr(b, p, "current", role, plain_may_be=plain_may_be) for p in parts])
            if terms is None or all(len(x) == 1 for x in terms):
                continue
            _equation(b, [(1, t)], [x for tt in terms for x in tt], "FA105", "预算数 = 各部分预算数之和")
    # the account balances: 收入总计 = 支出总计, each stated or made of its parts
    for scope in {k[1] for k in b.store.by_key}:
        inc = _total_expr(b, "income_total", scope)
        exp = _total_expr(b, "expense_total", scope)
        if inc is None or exp is None or inc[0][1] is exp[0][1]:
            continue
        if _apart_by_carry_over(b, inc, exp, scope):
            b.skip("totals apart by the carry-over stated")
            continue
        if income_total_without_carry_in(b, scope):
            b.skip("income total written for the year's income, the carry-in beside it")
            continue
        if len(inc) == 1:
            _equation(b, inc, exp, "FA105", "收入总计 = 支出总计")
        else:
            _equation(b, exp, inc, "FA105", "支出总计 = 收入总计")


def _apart_by_carry_over(b: Builder, inc: list[Term], exp: list[Term], scope: str) -> bool:
    """收入总计500万元…支出总计480万元。收支相抵，年终结转结余20万元: a government's account,
    whose 支出总计 leaves out what is carried over, states the gap itself; no imbalance is claimed."""
    carry = b.store.get(Subject("carry_out", scope), "current", "actual")
    if carry is None or len(inc) != 1 or len(exp) != 1 or same(inc[0][1].fig, exp[0][1].fig):
        return False
    gap = LinearRelation("FA105", carry.fig, [inc[0][1].fig, exp[0][1].fig], [], "", coefs=[1, -1])
    return gap.judge() == "ok"


def _total_expr(b: Builder, concept: str, scope: str) -> list[Term] | None:
    got = _stated(b, Subject(concept, scope), "current", "actual")
    if got is not None:
        return got
    lx = lexicon()
    for total, parts, where in lx.identities:
        if total != concept or where is not None and scope not in where:
            continue
        terms = _all_known([_stated(b, Subject(p, scope), "current", "actual") for p in parts])
        if terms is not None:
            return [x for t in terms for x in t]
    return None


def named_sums(b: Builder) -> None:
    """本年支出合计与年末结转和结余共计X: X is the sum of the two quantities as stated elsewhere."""
    for r in b.rd.readings:
        if r.sum_of is None:
            continue
        parts = [b.store.get(s, r.period, r.role) for s in r.sum_of]
        if any(p is None or p is r for p in parts):
            b.skip("named sum whose parts are not stated")
            continue
        figs = [p.fig for p in parts if p is not None]
        b.add(SumRelation("FA105", r.fig, figs, ["合计", "部分", "部分"], "所列两项之和"))

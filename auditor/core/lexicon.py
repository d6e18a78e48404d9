"""The words the statement reader knows (rules/reading.toml), compiled once.

Concepts and their synonyms, the scope words, the role words (预算 / 决算 …), comparisons
(与/比/较 … 相比), direction words, share and completion phrases, list openers, the identities
between concepts and the parts a list may name under a total. A new phrasing is a line of TOML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .rules import _load_toml

_STRIP = re.compile(r"[“”\"‘’'「」『』\s]")

Identity = tuple[str, tuple[str, ...], tuple[str, ...] | None]


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))  # type: ignore[call-overload]


def strip_marks(text: str) -> str:
    """The text without quotation marks and blanks: the form synonyms are matched in."""
    # letters and digits only (most heads): nothing to take out
    if text.isalnum():
        return text
    return _STRIP.sub("", text)


@dataclass
class Lexicon:
    concept_of: dict[str, str]  # synonym (matching form) -> concept id
    name_of: dict[str, str]  # concept id -> its first synonym, to name it to people
    implied_scope: dict[str, str]  # synonym -> the scope it names (财政资金收入 is 财政拨款's)
    # the synonyms in one Aho-Corasick automaton (each word's value: its length and itself): every
    # synonym in a text is found in one pass in C, not by trying each synonym or walking a trie in
    # Python at every character
    synonyms: Any
    concept_re: re.Pattern[str]
    weak: frozenset[str]  # synonyms that name their concept only as a list's item
    vague: frozenset[str]  # synonyms a report uses for the total or for this year's total
    scope_of: dict[str, str]
    funds: frozenset[str]  # the scopes of reading.toml [scopes]: a fund's or the appropriations'
    scope_re: re.Pattern[str]
    scope_ends: frozenset[str]  # the last characters of the scope words
    scopeless: frozenset[str]
    own_scope: frozenset[str]
    income_family: frozenset[str]
    bare_opens: re.Pattern[str]
    roles: list[tuple[str, re.Pattern[str]]]
    not_budget: re.Pattern[str]
    words: dict[str, str]  # compare_open, compare_close, compare_prior, compare_budget, up, down …
    complete_list: re.Pattern[str]
    partial_list: re.Pattern[str]
    reason_list: re.Pattern[str]
    # (a headcount within the establishment, staff outside it): 在编50人，其中…临聘人员4人
    establishment: tuple[re.Pattern[str], re.Pattern[str]]
    identities: list[Identity]
    parts_of: dict[str, frozenset[str]]  # total -> every concept a list under it may name
    rx: Patterns = field(init=False)

    def __post_init__(self) -> None:
        self.rx = Patterns.of(self)

    def is_part(self, item: str, total: str) -> bool:
        return item in self.parts_of.get(total, ())

    def family(self, concept: str) -> str:
        """Which side of the account a concept is on: income_year or expense_year."""
        return "income_year" if concept in self.income_family else "expense_year"


@dataclass
class Patterns:
    """The reader's patterns, built from the lexicon's words."""

    compare_strip: re.Pattern[str]
    role_words: re.Pattern[str]  # every role's words, for taking them out of a head
    tail_change: re.Pattern[str]
    scope_basis: re.Pattern[str]
    compare_prior_word: re.Pattern[str]
    compare_end: re.Pattern[str]
    comparison: re.Pattern[str]
    compare_budget: re.Pattern[str]
    compare_prior: re.Pattern[str]
    completion_end: re.Pattern[str]
    rate_end: re.Pattern[str]
    share_end: re.Pattern[str]
    change_end: re.Pattern[str]
    compare_open: re.Pattern[str]
    # 决算数大于预算数 / 小于上年: (more or less, the base named) right before a figure
    comparative_end: re.Pattern[str]
    # 与预算相比无增减 / 与上年持平: a change of nothing, against the base named
    unchanged: re.Pattern[str]
    updown: re.Pattern[str]
    both: re.Pattern[str]
    up: re.Pattern[str]
    # any list opener's words at all: most clauses have none, and then one scan says so
    any_list: re.Pattern[str]

    @classmethod
    def of(cls, lx: Lexicon) -> Patterns:
        w = lx.words
        c = re.compile
        ud = f"{w['both']}|{w['up']}|{w['down']}"
        return cls(
            compare_strip=c(f"(?:{w['compare_open']})(?:{w['compare_prior']})?"),
            role_words=c("|".join(f"(?:{rx.pattern})" for _, rx in lx.roles)),
            tail_change=c(f"(?:{ud}|{w['same']})(?:了|为|额|率为|率|幅度为|幅度|支出|开支)?$"),
            scope_basis=c(f"({lx.scope_re.pattern})(?:财政拨款)?口径"),
            compare_prior_word=c(f"(?:{w['compare_open']})(?:上年|去年|上一年)"),
            compare_end=c(f"(?:{w['compare_open']})$"),
            comparison=c(
                f"(?:{w['compare_open']})(?P<what>.{{0,24}}?)"
                f"(?:(?:{w['compare_close']})|(?=(?:{ud}|{w['same']})))"
            ),
            compare_budget=c(f"(?:{w['compare_budget']})"),
            compare_prior=c(f"(?:{w['compare_prior']})"),
            completion_end=c(f"(?:{w['completion']})$"),
            rate_end=c(f"(?P<w>{ud}|变动率|变化率|增减幅度|增减率)(?:{w['rate_tail']})$"),
            share_end=c(f"(?:{w['share']})(?:为|是|了)?$"),
            change_end=c(f"(?P<w>{ud})(?:了|为|约|达|额为|额|支出|开支|资金|经费|收入)?$"),
            compare_open=c(f"(?:{w['compare_open']})"),
            comparative_end=c(
                f"(?P<w>{w['more']}|{w['less']})(?P<what>(?:{w['compare_budget']}|{w['compare_prior']})"
                f"(?:决算)?(?:数)?)(?:为|了)?$"
            ),
            unchanged=c(
                f"(?:{w['compare_open']})(?P<what>.{{0,24}}?)(?:{w['compare_close']})?(?:{w['same']})"
            ),
            updown=c(f"(?:{w['up']}|{w['down']})"),
            both=c(f"(?:{w['both']})"),
            up=c(f"(?:{w['up']})"),
            any_list=c(
                "|".join(f"(?:{rx.pattern})" for rx in (lx.complete_list, lx.partial_list, lx.reason_list))
            ),
        )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = _load_toml("reading.toml")
    concept_of: dict[str, str] = {}
    implied_scope: dict[str, str] = {}
    for cid, names in data["concepts"].items():
        for n in names:
            name, _, scope = n.partition("@")
            for form in _with_infix(strip_marks(name), data["infix"]):
                concept_of.setdefault(form, cid)
                if scope:
                    implied_scope[form] = scope
    scope_of = {n: sid for sid, names in data["scopes"].items() for n in names}
    lists = data["lists"]
    identities: list[Identity] = [
        (e["total"], tuple(e["parts"]), tuple(e["scopes"]) if "scopes" in e else None)
        for e in data.get("identity", [])
    ]
    words = {**data["compare"], **data["change"]}
    words = {
        "compare_open": words["open"],
        "compare_close": words["close"],
        "compare_prior": words["prior"],
        "compare_budget": words["budget"],
        "up": words["up"],
        "down": words["down"],
        "both": words["both"],
        "same": words["same"],
        "more": words["more"],
        "less": words["less"],
        "rate_tail": words["rate_tail"],
        "share": data["share"]["words"],
        "completion": data["completion"]["words"],
    }
    return Lexicon(
        concept_of=concept_of,
        name_of={cid: strip_marks(names[0].partition("@")[0]) for cid, names in data["concepts"].items()},
        implied_scope=implied_scope,
        synonyms=_automaton(concept_of),
        concept_re=re.compile(_alt(concept_of)),
        weak=frozenset(strip_marks(w) for w in data["weak"]["names"]),
        vague=frozenset(strip_marks(w) for w in data["vague"]["names"]),
        scope_of=scope_of,
        funds=frozenset(data["scopes"]),
        scope_re=re.compile(_alt(scope_of)),
        scope_ends=frozenset(w[-1] for w in scope_of),
        scopeless=frozenset(data["scopeless"]["concepts"]),
        own_scope=frozenset(data["own_scope"]["concepts"]),
        income_family=frozenset(data["families"]["income"]),
        bare_opens=re.compile(data["bare"]["opens"]),
        roles=[(k, re.compile(f"(?:{v})")) for k, v in data["roles"].items() if k != "not_budget"],
        not_budget=re.compile(data["roles"]["not_budget"]),
        words=words,
        complete_list=re.compile(lists["complete"]),
        partial_list=re.compile(lists["partial"]),
        reason_list=re.compile(lists["reasons"]),
        establishment=(re.compile(lists["establishment"]), re.compile(lists["outside_establishment"])),
        identities=identities,
        parts_of=_closure(identities, data.get("parts", {})),
    )


def _with_infix(name: str, infix: dict[str, str]) -> list[str]:
    """The name, and the name with the infix word where the pattern's two groups meet."""
    m = re.search(infix["between"], name)
    if m is None:
        return [name]
    return [name, name[: m.end(1)] + infix["word"] + name[m.end(1) :]]


def _automaton(words: dict[str, str]) -> Any:
    import ahocorasick

    found = ahocorasick.Automaton()
    for w in words:
        found.add_word(w, (len(w), w))
    found.make_automaton()
    return found


def _closure(identities: list[Identity], extra: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    direct: dict[str, set[str]] = {}
    for total, parts, _ in identities:
        direct.setdefault(total, set()).update(parts)
    for total, more in extra.items():
        direct.setdefault(total, set()).update(more)
    out: dict[str, frozenset[str]] = {}
    for total in direct:
        seen: set[str] = set()
        todo = list(direct[total])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(direct.get(x, ()))
        out[total] = frozenset(seen)
    return out

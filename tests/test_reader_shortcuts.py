"""The reader's shortcuts give what the plain searches they stand for give: the longest synonym at
each place found by one automaton, a scope word looked for only where one can end, filler taken
off a text's end only when the text ends in a filler word's character."""

import re

from hypothesis import given
from hypothesis import strategies as st

from auditor.core.lexicon import lexicon
from auditor.facts.subjects import _TAIL_WORDS, _scope_before, _without_tail_filler, longest_synonyms

LX = lexicon()
SYNONYMS = sorted(LX.concept_of)
SCOPES = sorted(LX.scope_of)
# pieces real heads are made of: synonyms, scope words, filler, and characters that are none
PIECES = [
    *SYNONYMS,
    *SCOPES,
    "的",
    "安排的",
    "为",
    "本年度",
    "决算数",
    "上年",
    "、",
    "和",
    "（",
    "）",
    "X",
    "年",
    "收",
    "出",
]
heads = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


def _longest_by_trying_every_synonym(h: str) -> list[tuple[int, int, str]]:
    out = []
    for i in range(len(h)):
        found = [w for w in SYNONYMS if h.startswith(w, i)]
        if found:
            w = max(found, key=len)
            out.append((i, i + len(w), w))
    return out


@given(heads)
def test_the_automaton_finds_the_longest_synonym_at_every_place(h):
    assert sorted(longest_synonyms(LX, h)) == _longest_by_trying_every_synonym(h)


def test_the_longest_synonym_at_a_place_wins_over_the_ones_inside_it():
    # 三公 and 三公经费 both start at 0; 货物 starts inside 政府采购货物支出
    got = longest_synonyms(LX, "三公经费支出，政府采购货物支出")
    assert (0, 6, "三公经费支出") in got and (7, 15, "政府采购货物支出") in got
    assert not any(w in ("三公", "三公经费") for _, _, w in got)


def _scope_by_searching_every_place(h: str, pos: int, cid: str) -> str:
    if cid in LX.scopeless:
        return "all"
    before = h[max(0, pos - 30) : pos]
    if ")" in before or "）" in before:
        before = re.sub(r"[(（][^()（）]*[)）]", "", before)
    before = before[-16:]
    best = None
    for s in LX.scope_re.finditer(before):
        if before[s.end() :] in ("", "的", "安排的"):
            best = s
    return LX.scope_of[best.group()] if best else "all"


@given(heads, st.sampled_from(sorted(set(LX.concept_of.values()))))
def test_a_scope_is_looked_for_only_where_one_can_end_and_found_as_before(h, cid):
    for pos in range(len(h) + 1):
        assert _scope_before(LX, h, pos, cid) == _scope_by_searching_every_place(h, pos, cid)


@given(
    st.lists(
        st.sampled_from(["为", "的", "本年度", "决算", "数", "预算数", "支出", "X", "\n", "总", "额"]),
        max_size=8,
    )
)
def test_filler_off_the_end_is_what_the_tail_pattern_takes(parts):
    text = "".join(parts)
    assert _without_tail_filler(text) == _TAIL_WORDS.sub("", text)


def test_the_memos_of_words_are_emptied_together_and_change_no_reading():
    import auditor
    from auditor.facts import roles, subjects

    text = "某局2023年度部门决算\n本年支出合计150.75万元，其中：基本支出120.50万元，项目支出30.25万元。\n"
    first = [(f.rule, f.message) for f in auditor.audit_text(text).findings]
    assert subjects._MENTIONS and subjects._RESIDUES and roles._ROLES
    subjects.forget_mentions()
    assert not subjects._MENTIONS and not subjects._RESIDUES and not roles._ROLES
    assert [(f.rule, f.message) for f in auditor.audit_text(text).findings] == first


def test_a_memo_past_its_limit_starts_again(monkeypatch):
    from auditor.facts import memo

    monkeypatch.setattr(memo, "LIMIT", 3)
    d = memo.memo()
    for k in range(10):
        assert memo.remember(d, k, lambda k=k: k * 2 + 1) == k * 2 + 1
        assert len(d) <= 4
    # a value already made is not made again
    assert memo.remember(d, 9, lambda: -1) == 19

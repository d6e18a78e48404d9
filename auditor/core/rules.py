"""The rule catalogue, the phrase shapes and the concept vocabulary, loaded from data files.

The built-in files live in the ``rules/`` folder of the project (installed as the package
``auditor.rulefiles``); each is TOML, read with the standard library. Loaded once, on first use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import RuleError

Severity = Literal["error", "warning", "info"]


class Rule(BaseModel):
    """A rule of the catalogue (``rules/catalogue.toml``): what it checks, why, and an example text
    that triggers it beside its corrected ``twin``, which does not (``tests/test_catalogue.py``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    severity: Severity
    summary: str
    summary_zh: str = ""  # the summary in Chinese (auditor rules, in the default language)
    explanation: str
    example: str
    twin: str
    note: str = ""  # the arithmetic the example breaks
    previous: str = ""  # last year's report, for the rules that compare two years


def _rule_file(name: str) -> Traversable:
    try:  # installed: the rules/ folder is the package auditor.rulefiles
        return resources.files("auditor.rulefiles").joinpath(name)
    except ModuleNotFoundError:  # running from a source checkout
        return Path(__file__).resolve().parents[2] / "rules" / name


def _load_toml(name: str) -> dict[str, Any]:
    text = _rule_file(name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"rules/{name}: {exc}") from None


@lru_cache(maxsize=1)
def _builtin_catalogue() -> dict[str, Rule]:
    """The built-in rules of ``rules/catalogue.toml`` (``catalogue()`` applies the rule packs)."""
    rules: dict[str, Rule] = {}
    for i, entry in enumerate(_load_toml("catalogue.toml").get("rule", [])):
        try:
            rule = Rule(**entry)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(x) for x in err["loc"])
            raise RuleError(
                f"rules/catalogue.toml: rule {entry.get('code', f'#{i + 1}')}: field '{field}': {err['msg']}"
            ) from None
        if rule.code in rules:
            raise RuleError(f"rules/catalogue.toml: rule {rule.code}: duplicate code")
        rules[rule.code] = rule
    return dict(sorted(rules.items()))  # by code, whatever the file's order


def rule(code: str) -> Rule:
    """One rule of the catalogue, with the loaded packs applied."""
    return catalogue()[code]


@dataclass(frozen=True)
class Phrases:
    breakdown: re.Pattern[str]
    share: re.Pattern[str]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    comparison: re.Pattern[str]
    completion: re.Pattern[str]
    budget: re.Pattern[str]
    actual: re.Pattern[str]
    _memo: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def is_budget(self, label: str) -> bool:
        """A budget label: its last budget word (预算, 下达 …) comes after its last actual word
        (决算, 支出 …). Memoised: labels repeat."""
        got = self._memo.get(label)
        if got is None:
            budget = [m.end() for m in self.budget.finditer(label)]
            actual = [m.end() for m in self.actual.finditer(label)]
            got = bool(budget) and (not actual or budget[-1] > actual[-1])
            if len(self._memo) < 100_000:
                self._memo[label] = got
        return got


def by_length(words: list[str]) -> tuple[str, ...]:
    """The words, longest first (so that a longer word is matched before a word it contains)."""
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    data = _load_toml("phrases.toml")
    return Phrases(
        breakdown=re.compile("|".join(f"(?:{t})" for t in data["breakdown"]["triggers"])),
        share=re.compile(data["share"]["pattern"]),
        increase=by_length(data["change"]["increase"]),
        decrease=by_length(data["change"]["decrease"]),
        comparison=re.compile(data["change"]["comparison"]),
        completion=re.compile(data["completion"]["pattern"]),
        budget=re.compile(data["completion"]["budget"]),
        actual=re.compile(data["completion"]["actual"]),
    )


@dataclass(frozen=True)
class Vocabulary:
    synonyms: tuple[tuple[str, str], ...]  # (synonym, concept), longest first
    scopes: tuple[tuple[str, str], ...]
    identities: tuple[tuple[str, tuple[str, ...]], ...] = ()  # every (total, parts); a total may have several
    fillers: tuple[str, ...] = ()  # words a bound label may hold besides concept and scope
    _memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False, init=False)
    scoped_identities: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()  # (total, parts, scopes)

    def identities_of(self, total: str, scope: str | None = None) -> list[tuple[str, ...]]:
        """Every way the concept `total` is split into parts (in `scope`, those that hold only there too)."""
        out = [parts for t, parts in self.identities if t == total]
        if scope is not None:
            out += [parts for t, parts, scopes in self.scoped_identities if t == total and scope in scopes]
        return out

    def is_part(self, part: str, total: str) -> bool:
        return any(part in parts for parts in self.identities_of(total))

    def concept(self, label: str) -> str | None:
        """The concept whose longest synonym the label contains (memoised: labels repeat)."""
        try:
            return self._memo[label]
        except KeyError:
            pass
        found = None
        for synonym, concept in self.synonyms:
            if synonym in label:
                found = concept
                break
        if len(self._memo) < 100_000:
            self._memo[label] = found
        return found

    def scope(self, label: str) -> str:
        for word, scope in self.scopes:
            if word in label:
                return "all" if scope == "nonfin" else scope
        return "all"


@lru_cache(maxsize=1)
def _builtin_vocabulary() -> Vocabulary:
    """The built-in vocabulary of ``rules/concepts.toml`` (``vocabulary()`` adds the packs' words)."""
    data = _load_toml("concepts.toml")
    synonyms = [(s, c) for c, words in data["concepts"].items() for s in words]
    synonyms.sort(key=lambda x: len(x[0]), reverse=True)
    scopes = [(s, c) for c, words in data["scopes"].items() for s in words]
    scopes.sort(key=lambda x: len(x[0]), reverse=True)
    every: list[tuple[str, tuple[str, ...]]] = []
    scoped: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for entry in data.get("identity", []):
        for concept in [entry["total"], *entry["parts"]]:
            if concept not in data["concepts"]:
                raise RuleError(
                    f"rules/concepts.toml: identity {entry['total']}: unknown concept '{concept}'"
                )
        if entry.get("scopes"):  # an identity that holds only for some funds (财政拨款: 基本 + 项目)
            scoped.append((entry["total"], tuple(entry["parts"]), tuple(entry["scopes"])))
            continue
        every.append((entry["total"], tuple(entry["parts"])))
    fillers = tuple(data.get("binding", {}).get("fillers", ()))
    return Vocabulary(tuple(synonyms), tuple(scopes), tuple(every), fillers, scoped_identities=tuple(scoped))


# -- user rule packs (additive registry) ----------------------------------------------------
# A rule pack is a TOML file loaded beside the built-in rules with ``load_rules(path)``:
#
#     [[rule]]
#     code = "FA102"
#     severity = "error"        # override the default severity
#     [[rule]]
#     code = "FA601"
#     enabled = false           # never report this rule
#     [concepts]
#     income_year = ["本年度收入"]   # extra names for an existing concept
#
# Packs only change what exists: they cannot add rules or concepts. The built-in functions
# above are kept as they are; ``catalogue()`` and ``vocabulary()`` below wrap them.


class RuleSetting(BaseModel):
    """One ``[[rule]]`` entry of a pack: a built-in rule's severity, or whether it runs at all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    severity: Severity | None = None
    enabled: bool = True


class RulePack(BaseModel):
    """A validated rule pack: settings for built-in rules and extra concept synonyms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = ""
    name: str = ""
    rule: tuple[RuleSetting, ...] = ()
    concepts: dict[str, tuple[str, ...]] = {}


class ConfiguredRule(Rule):
    """A built-in rule as the loaded packs leave it: ``severity`` stays the built-in default
    (the engine reasons from it); ``configured`` is the severity a pack set, ``enabled`` False
    when a pack turned the rule off, ``pack`` the file that changed it."""

    configured: Severity | None = None
    enabled: bool = True
    pack: str = ""

    @property
    def effective_severity(self) -> Severity:
        """The severity findings of this rule are reported with (before engine demotions)."""
        return self.configured or self.severity


_PACKS: list[RulePack] = []
_MERGED: dict[
    str, tuple[Any, Any]
] = {}  # cache of the merged catalogue / vocabulary, keyed by the packs loaded


def _pack_error(path: str, where: str, exc: ValidationError) -> RuleError:
    err = exc.errors()[0]
    loc = [str(x) for x in err["loc"]]
    field = ".".join(loc) if loc else "?"
    msg = err["msg"]
    if err["type"] == "literal_error" and loc and loc[-1] == "severity":
        msg = "must be error|warning|info"
    elif err["type"] == "extra_forbidden":
        msg = "unknown field"
    return RuleError(f"{path}: {where}field {field}: {msg}")


def _parse_pack(path: str, data: dict[str, Any]) -> RulePack:
    settings = []
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RuleError(f"{path}: field rule: must be an array of tables ([[rule]])")
    builtin = _builtin_catalogue()
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        code = entry.get("code") if isinstance(entry, dict) else None
        where = f"rule {code if isinstance(code, str) else f'#{i + 1}'}: "
        if not isinstance(entry, dict):
            raise RuleError(f"{path}: {where}must be a table")
        try:
            setting = RuleSetting(**entry)
        except ValidationError as exc:
            raise _pack_error(path, where, exc) from None
        if setting.code not in builtin:
            raise RuleError(f"{path}: rule {setting.code}: unknown rule code (see 'auditor rules')")
        if setting.code in seen:
            raise RuleError(f"{path}: rule {setting.code}: listed twice")
        seen.add(setting.code)
        settings.append(setting)
    concepts = data.get("concepts", {})
    if not isinstance(concepts, dict):
        raise RuleError(f"{path}: field concepts: must be a table of concept = [synonyms]")
    known = {c for _, c in _builtin_vocabulary().synonyms}
    for concept, words in concepts.items():
        if concept not in known:
            raise RuleError(
                f"{path}: concept {concept}: unknown concept (packs add names to existing concepts)"
            )
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise RuleError(f"{path}: concept {concept}: field synonyms: must be a list of non-empty strings")
    rest = {k: v for k, v in data.items() if k not in ("rule", "concepts")}
    try:
        return RulePack(
            path=path, rule=tuple(settings), concepts={c: tuple(w) for c, w in concepts.items()}, **rest
        )
    except ValidationError as exc:
        raise _pack_error(path, "", exc) from None


def load_rules(path: str | Path) -> RulePack:
    """Load a user rule pack (TOML) beside the built-in rules and return it.

    A pack may override the severity of built-in rules, disable them, and add synonyms to
    existing concepts. Later packs win over earlier ones. Errors raise ``RuleError`` whose
    message names the file, the rule and the field, e.g.
    ``rules/my.toml: rule FA999: unknown rule code``. ``reset_rules()`` unloads every pack.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleError(f"{name}: no such rule pack") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{name}: not valid TOML: {exc}") from None
    pack = _parse_pack(name, data)
    _PACKS.append(pack)
    return pack


def loaded_packs() -> tuple[RulePack, ...]:
    """The rule packs loaded so far, in loading order."""
    return tuple(_PACKS)


def restore_packs(packs: tuple[RulePack, ...]) -> None:
    """Make exactly these packs loaded (as returned by ``loaded_packs()`` earlier)."""
    _PACKS[:] = list(packs)


def reset_rules() -> None:
    """Unload every rule pack: back to the built-in rules only (for tests and long-lived processes)."""
    _PACKS.clear()


def catalogue() -> dict[str, ConfiguredRule]:
    """The rule catalogue: the built-in rules with the loaded packs applied (see ``ConfiguredRule``)."""
    base = _builtin_catalogue()
    key = (id(base), tuple(id(p) for p in _PACKS))
    if _MERGED.get("catalogue", (None,))[0] != key:
        rules = {code: ConfiguredRule(**r.model_dump()) for code, r in base.items()}
        for pack in _PACKS:
            for s in pack.rule:
                update: dict[str, Any] = {"pack": pack.path, "enabled": s.enabled}
                if s.severity is not None:
                    update["configured"] = s.severity
                rules[s.code] = rules[s.code].model_copy(update=update)
        _MERGED["catalogue"] = (key, rules)
    return dict(_MERGED["catalogue"][1])


def vocabulary() -> Vocabulary:
    """The concept vocabulary: the built-in one plus the synonyms of the loaded packs."""
    base = _builtin_vocabulary()
    if not any(pack.concepts for pack in _PACKS):
        return base
    key = (id(base), tuple(id(p) for p in _PACKS))
    if _MERGED.get("vocabulary", (None,))[0] != key:
        from dataclasses import replace

        have = set(base.synonyms)
        extra = [(w, c) for pack in _PACKS for c, words in pack.concepts.items() for w in words]
        extra = [x for i, x in enumerate(extra) if x not in have and x not in extra[:i]]
        synonyms = sorted(
            [*base.synonyms, *extra], key=lambda x: len(x[0]), reverse=True
        )  # stable: file order
        _MERGED["vocabulary"] = (key, replace(base, synonyms=tuple(synonyms)))
    merged: Vocabulary = _MERGED["vocabulary"][1]
    return merged

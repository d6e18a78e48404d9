"""The rule catalogue, the phrase shapes and the concept vocabulary, loaded from data files.

The built-in files live in the ``rules/`` folder of the project (installed as the package
``auditor.rulefiles``); each is TOML, read with the standard library. Loaded once, on first use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import RuleError

Severity = Literal["error", "warning", "info"]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    example: str


def _rule_file(name: str):
    try:  # installed: the rules/ folder is the package auditor.rulefiles
        return resources.files("auditor.rulefiles").joinpath(name)
    except ModuleNotFoundError:  # running from a source checkout
        return Path(__file__).resolve().parent.parent / "rules" / name


def _load_toml(name: str) -> dict:
    text = _rule_file(name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"rules/{name}: {exc}") from None


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for i, entry in enumerate(_load_toml("catalogue.toml").get("rule", [])):
        try:
            rule = Rule(**entry)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(x) for x in err["loc"])
            raise RuleError(f"rules/catalogue.toml: rule {entry.get('code', f'#{i + 1}')}: field '{field}': {err['msg']}") from None
        if rule.code in rules:
            raise RuleError(f"rules/catalogue.toml: rule {rule.code}: duplicate code")
        rules[rule.code] = rule
    return rules


def rule(code: str) -> Rule:
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


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    data = _load_toml("phrases.toml")
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
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
    identities: dict[str, tuple[str, ...]]  # total concept -> part concepts

    def concept(self, label: str) -> str | None:
        for synonym, concept in self.synonyms:
            if synonym in label:
                return concept
        return None

    def scope(self, label: str) -> str:
        for word, scope in self.scopes:
            if word in label:
                return scope
        return "all"


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = _load_toml("concepts.toml")
    synonyms = [(s, c) for c, words in data["concepts"].items() for s in words]
    synonyms.sort(key=lambda x: len(x[0]), reverse=True)
    scopes = [(s, c) for c, words in data["scopes"].items() for s in words]
    scopes.sort(key=lambda x: len(x[0]), reverse=True)
    identities: dict[str, tuple[str, ...]] = {}
    for entry in data.get("identity", []):
        for concept in [entry["total"], *entry["parts"]]:
            if concept not in data["concepts"]:
                raise RuleError(f"rules/concepts.toml: identity {entry['total']}: unknown concept '{concept}'")
        identities[entry["total"]] = tuple(entry["parts"])
    return Vocabulary(tuple(synonyms), tuple(scopes), identities)

"""One language per screen: every label and message the faces show, from one catalogue
(``rules/messages.toml``), in Chinese (``zh``, the default) or English (``en``).

    from auditor.core.i18n import t, use_language
    use_language("en")
    t("labels.figures_read")          # 'figures read'
    t("labels.line", line=12)         # 'line 12'

The engine words its findings in Chinese; ``finding_message`` gives a finding's message in the
language in use (in English: the rule's summary, the figures as stated and as consistent, and the
cause, from the same catalogue).
"""

from __future__ import annotations

import tomllib
from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover
    from .models import Coverage, Finding

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")
_CURRENT: ContextVar[Language] = ContextVar("auditor_language", default="zh")


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, tuple[str, str]]:
    from .rules import _rule_file

    data = tomllib.loads(_rule_file("messages.toml").read_text(encoding="utf-8"))
    return {
        f"{table}.{key}": (pair[0], pair[1])
        for table, entries in data.items()
        for key, pair in entries.items()
    }


def use_language(lang: str) -> None:
    """Show every label and message in this language from now on (``zh`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be {' or '.join(LANGUAGES)}, not {lang!r}")
    _CURRENT.set(lang)


def language() -> Language:
    """The language in use."""
    return _CURRENT.get()


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The catalogue's text for ``key`` (``table.key``) in the language in use, placeholders filled."""
    pair = _catalogue()[key]
    text = pair[LANGUAGES.index(lang or language())]
    return text.format(**values) if values else text


def keys() -> list[str]:
    """Every key of the catalogue."""
    return sorted(_catalogue())


def severity(name: str) -> str:
    """A severity's word (错误 / error)."""
    return t(f"labels.{name}")


def cause(code: str) -> str:
    """A cause's words in the language in use (the code itself when the catalogue lacks it)."""
    key = f"causes.{code}"
    return t(key) if key in _catalogue() else code


def summary(rule: object) -> str:
    """A rule's one-line summary in the language in use (``summary_zh`` of the catalogue in Chinese)."""
    zh = getattr(rule, "summary_zh", "")
    return zh if language() == "zh" and zh else str(getattr(rule, "summary", ""))


def skipped(why: str) -> str:
    """Why a relation was not judged, in the language in use (the engine words it in English)."""
    table = {k[len("skipped.") :]: v for k, v in _catalogue().items() if k.startswith("skipped.")}
    key = why if why in table else max((k for k in table if why.startswith(k)), key=len, default=None)
    if key is None:
        return why
    return table[key][LANGUAGES.index(language())] + why[len(key) :]


def nothing_checked(coverage: Coverage) -> str:
    """Why nothing in a document could be checked, in the language in use (the coverage's
    ``nothing_checked`` words it in English); '' when something was."""
    if coverage.nothing_checked is None:
        return ""
    stated = coverage.amounts + coverage.percents
    if stated == 0:
        return t("labels.nothing_stated")
    return t("labels.no_relation", n=stated)


def finding_message(finding: Finding) -> str:
    """A finding's message in the language in use."""
    if language() == "zh":
        return finding.message
    from .rules import catalogue

    rule = catalogue().get(finding.rule)
    text = t(
        "finding.message",
        summary=rule.summary if rule else finding.name,
        stated=finding.stated,
        expected=finding.expected,
        message=finding.message,
    )
    d = finding.diagnosis
    if d is not None:
        fix = ""
        if d.culprit is not None and d.suggested:
            fix = t("finding.fix", culprit=d.culprit.text, suggested=d.suggested)
        text += t("finding.cause", explanation=cause(d.cause), fix=fix)
    return text


def explanation(finding: Finding) -> str:
    """The diagnosis's explanation in the language in use."""
    d = finding.diagnosis
    if d is None:
        return ""
    return d.explanation if language() == "zh" else cause(d.cause)

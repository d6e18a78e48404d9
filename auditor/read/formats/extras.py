"""The refusal a reader gives when its optional library is not installed."""

from __future__ import annotations

from ...core.errors import InputError


def needs_extra(name: str, suffix: str, extra: str) -> InputError:
    return InputError(name, f"reading {suffix} needs the extra: pip install 'auditor[{extra}]'")

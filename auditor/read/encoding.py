"""Decode the bytes of a plain-text report, detecting the encoding.

UTF-8 (with or without BOM), UTF-16 with a BOM and GB18030/GBK (a superset of GB2312) are
read directly; a text that is UTF-8 or GB18030 but for a few invalid bytes is read with those
replaced (``decode_lenient`` says where, for the report); anything else goes to
charset-normalizer, and a text that still does not look like Chinese prose is refused rather
than audited as mojibake, naming the first byte that is not UTF-8 and its offset.
"""

from __future__ import annotations

import re

from ..core.errors import InputError

# corpus speed (issue 6): the character tests below are regular expressions, not Python loops
# over 20,000 characters (5 ms of a 15 ms audit); same rules as before.
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+")
_BAD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    total = len(sample) - sum(map(len, _SPACES.findall(sample)))
    if not total:
        return 0.0
    return sum(map(len, _CJK.findall(sample))) / total


# Characters frequent in reports, simplified and traditional: mojibake holds few of them.
_COMMON = frozenset(
    "的一是在年元万萬支出收入预預算财財政拨撥款合计計决決本部门門单單位位和中为為其他项項目"
    "经經费費用务務公共基业業等及上下不有人行了大对對会會于於发發"
)


def _common_share(text: str) -> float:
    sample = [c for c in text[:20000] if c > "\u2e80"]
    return sum(1 for c in sample if c in _COMMON) / max(len(sample), 1)


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    bad = len(_BAD.findall(sample))
    return bad <= max(2, len(sample) // 1000)


#: At most this many invalid byte sequences (and one per 1,000 bytes) are replaced in a text that
#: is otherwise UTF-8 or GB18030; each is reported (an info finding with its line and column).
MAX_REPLACED = 16


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding) or raises InputError."""
    text, encoding, _ = decode_lenient(data, name)
    return text, encoding


def decode_lenient(data: bytes, name: str) -> tuple[str, str, tuple[tuple[int, int, str], ...]]:
    """Decode bytes to text: (text, encoding, replaced). A text readable as UTF-8 or GB18030 but
    for a few invalid bytes is read with each replaced by U+FFFD; ``replaced`` holds the
    (line, column, description) of each, 1-based, for the report to say so."""
    text, encoding, replaced = _decode(data, name)
    if not text.replace("\ufeff", "").strip():
        raise InputError(name, "empty file: nothing to audit")
    return text, encoding, replaced


def _decode(data: bytes, name: str) -> tuple[str, str, tuple[tuple[int, int, str], ...]]:
    if not data.strip():
        raise InputError(name, "empty file: nothing to audit")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig", ()
        except UnicodeDecodeError:
            lenient = _lenient(data, ("utf-8-sig",))
            if lenient is not None:
                return lenient
            raise InputError(
                name, f"not UTF-8 although it starts with a UTF-8 BOM: {_first_bad(data)}"
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), "utf-16", ()
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (NUL bytes): not a text report")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text, "utf-8", ()
        raise InputError(name, "binary file (control characters): not a text report")
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text) and _cjk_share(text) >= 0.3:
            candidates.append((_common_share(text), encoding, text))
    if candidates:  # Big5 bytes often decode as GB18030 too, into rare characters: the common ones decide
        _, encoding, text = max(candidates, key=lambda c: c[0])
        return text, encoding, ()
    lenient = _lenient(data, ("utf-8", "gb18030"))
    if lenient is not None:
        return lenient
    from charset_normalizer import from_bytes  # slow import: only for unusual files

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _looks_like_text(text) and _cjk_share(text) >= 0.3:
            return text, best.encoding, ()
    raise InputError(
        name,
        f"unknown text encoding: {_first_bad(data)} is not UTF-8, "
        "and the text is not GB18030/GBK, Big5 or UTF-16 Chinese either",
    )


def _invalid(data: bytes, encoding: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of the invalid byte sequences, the first `limit` + 1 at most."""
    bad: list[tuple[int, int]] = []
    pos = 0
    while len(bad) <= limit:
        try:
            data[pos:].decode(encoding)
            break
        except UnicodeDecodeError as exc:
            bad.append((pos + exc.start, pos + exc.end))
            pos += exc.end
    return bad


def _lenient(
    data: bytes, encodings: tuple[str, ...]
) -> tuple[str, str, tuple[tuple[int, int, str], ...]] | None:
    """The text with its few invalid bytes replaced, in the encoding with the fewest; None when
    every encoding meets too many, or reads into something that is not Chinese prose."""
    limit = min(MAX_REPLACED, max(1, len(data) // 1000))
    best = None
    for encoding in encodings:
        bad = _invalid(data, encoding, limit)
        if not bad or len(bad) > limit or (best is not None and len(bad) >= len(best[1])):
            continue
        text = data.decode(encoding, errors="replace")
        if _cjk_share(text) >= 0.3 and _looks_like_text(text.replace("\ufffd", "")):
            best = (encoding, bad, text)
    if best is None:
        return None
    encoding, bad, text = best
    return text, encoding, _places(data, encoding, bad)


def decode_replacing(data: bytes, encoding: str) -> tuple[str, tuple[str, ...]] | None:
    """`data` in `encoding` with its few invalid bytes replaced by U+FFFD, and a description of
    each ("byte 0xff at offset 1234"); None when there are too many (a web page's markup is no
    prose: no test of the text here)."""
    limit = min(MAX_REPLACED, max(1, len(data) // 1000))
    try:
        bad = _invalid(data, encoding, limit)
    except LookupError:
        return None
    if len(bad) > limit:
        return None
    return data.decode(encoding, errors="replace"), tuple(what for _, _, what in _places(data, encoding, bad))


def _places(data: bytes, encoding: str, bad: list[tuple[int, int]]) -> tuple[tuple[int, int, str], ...]:
    """Line and column (1-based, in the decoded text) of each replaced byte sequence."""
    out = []
    for start, end in bad:
        before = data[:start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        shown = " ".join(f"0x{b:02x}" for b in data[start:end])
        out.append((line, column, f"byte {shown} at offset {start}"))
    return tuple(out)


def _first_bad(data: bytes) -> str:
    """The first byte that is not UTF-8, with its offset, line and column."""
    bad = _invalid(data, "utf-8", 0)
    if not bad:  # pragma: no cover - only called when UTF-8 failed
        return "the text"
    ((line, column, what),) = _places(data, "utf-8", bad[:1])
    return f"{what} (line {line}, column {column})"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"invalid {encoding} at byte {exc.start}") from None

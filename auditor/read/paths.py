"""The report files that paths name: files, folders and glob patterns, each file once.

    for item in expand(["reports/2021", "reports/**/*.txt", "one.pdf"]):
        item   # a path (str) to read, or an InputError for an argument or folder that names nothing

Lazy and in a stable order: a folder's own files first (names sorted), then each subfolder in
turn; a glob's matches sorted per folder. Symbolic links to folders are never followed (a link
back up the tree would list the same reports forever), and a file named several times (as a
file, inside a folder, by a glob, through a link) is listed once, under the first name met. A
folder that cannot be listed (no permission, an I/O error) is an InputError naming it, never
passed over in silence.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator

from ..core.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".text")
#: Everything a folder is searched for: plain text and the formats of auditor.read.formats.
REPORT_SUFFIXES = TEXT_SUFFIXES + (".html", ".htm", ".xhtml", ".docx", ".pdf", ".xlsx", ".xlsm", ".xls")
_GLOB_MAGIC = ("*", "?", "[")


def expand(paths: Iterable[str | os.PathLike[str]], stdin: bool = False) -> Iterator[str | InputError]:
    """Report files named by files, folders and glob patterns (see the module docstring); with
    `stdin`, the argument ``-`` is kept as it is (standard input, read by the caller)."""
    seen: set[tuple[int, int]] = set()
    for arg in paths:
        raw = os.fspath(arg)
        if stdin and raw == "-":
            yield raw
            continue
        for item in _one(raw):
            if isinstance(item, str) and not _first_time(item, seen):
                continue
            yield item


def _first_time(path: str, seen: set[tuple[int, int]]) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return True  # the reader names the problem
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _one(raw: str) -> Iterator[str | InputError]:
    try:
        is_dir, exists = os.path.isdir(raw), os.path.lexists(raw)
    except (OSError, ValueError):  # a name too long, a NUL byte
        is_dir, exists = False, False
    if is_dir:
        found = False
        for item in walk(raw):
            found = found or isinstance(item, str)
            yield item
        if not found:
            yield InputError(raw, f"folder holds no reports ({', '.join(REPORT_SUFFIXES)} files)")
    elif exists:
        yield raw
    elif any(c in raw for c in _GLOB_MAGIC):
        found = False
        for item in glob(raw):
            found = found or isinstance(item, str)
            yield item
        if not found:
            yield InputError(raw, "no report matches this pattern")
    else:
        yield InputError(raw, "no such file or folder")


def is_report(name: str) -> bool:
    return name.lower().endswith(REPORT_SUFFIXES) and not name.startswith(".")


def walk(top: str) -> Iterator[str | InputError]:
    """Report files under a folder, lazily (its own files first, then each subfolder, sorted);
    links to folders are not followed; a folder that cannot be listed is an InputError."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=errors.append):
        yield from _refusals(errors)
        dirnames.sort()
        for name in sorted(filenames):
            if is_report(name):
                yield os.path.join(dirpath, name)
    yield from _refusals(errors)


def _refusals(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        exc = errors.pop(0)
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        yield InputError(str(exc.filename), f"cannot list the folder: {reason}")


def glob(pattern: str) -> Iterator[str | InputError]:
    """Files matching a pattern (``*``, ``?``, ``[…]`` within a name, ``**`` for any folders
    below), as the shell's globstar: names starting with a dot only when the pattern says so.
    A folder the pattern matches is searched for reports. Links to folders are not followed
    below a ``**``."""
    head, parts = _split(pattern)
    if not os.path.isdir(head or "."):
        return
    yield from _match(head, parts)


def _split(pattern: str) -> tuple[str, list[str]]:
    """The fixed folder a pattern starts from, and the components after it."""
    parts = pattern.split(os.sep)
    k = 0
    while k < len(parts) - 1 and not any(c in parts[k] for c in _GLOB_MAGIC):
        k += 1
    head = os.sep.join(parts[:k]) if k else ""
    if pattern.startswith(os.sep) and not head:
        head = os.sep
    return head, [p for p in parts[k:] if p]


def _match(folder: str, parts: list[str]) -> Iterator[str | InputError]:
    if not parts:
        return
    first, rest = parts[0], parts[1:]
    if first == "**" and not rest:  # everything below
        yield from walk(folder or ".")
        return
    if first == "**":
        yield from _match(folder, rest)  # zero folders
        for sub in _subfolders(folder):
            if isinstance(sub, InputError):
                yield sub
            else:
                yield from _match(sub, parts)
        return
    entries = _entries(folder)
    if isinstance(entries, InputError):
        yield entries
        return
    rx = re.compile(fnmatch.translate(first))
    for name, is_dir in entries:
        if not rx.match(name) or (name.startswith(".") and not first.startswith(".")):
            continue
        path = os.path.join(folder, name) if folder else name
        if rest:
            if is_dir:
                yield from _match(path, rest)
        elif is_dir:
            yield from walk(path)
        elif is_report(name):
            yield path


def _entries(folder: str) -> list[tuple[str, bool]] | InputError:
    try:
        with os.scandir(folder or ".") as it:
            return sorted((e.name, e.is_dir()) for e in it)
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        return InputError(folder, f"cannot list the folder: {reason}")


def _subfolders(folder: str) -> Iterator[str | InputError]:
    """The real (not linked) subfolders of a folder, names sorted, hidden ones left out."""
    try:
        with os.scandir(folder or ".") as it:
            names = sorted(
                e.name for e in it if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")
            )
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        yield InputError(folder, f"cannot list the folder: {reason}")
        return
    for name in names:
        yield os.path.join(folder, name) if folder else name

"""Web pages (lxml): the article's paragraphs and tables, without navigation or scripts.

Dropped: ``script``, ``style``, ``noscript``, ``nav``, ``header``, ``footer``, ``aside``,
``form``, ``iframe``, ``select``, ``button`` and elements whose id or class names navigation,
menus, breadcrumbs or footers. Every block element (``p``, ``div``, ``h1``–``h6``, ``li``, …) and
every ``<br>`` ends a line; a table row is a pipe row. Places: ``第12段`` (the 12th non-empty
paragraph) and ``表2第3行第4列``. The page's declared charset is honoured; without one the
bytes are detected like a text file. A page nested deeper than libxml2 reads (tags opened per
paragraph and never closed) is flattened first and read whole (``deep_html``); one that cannot
be is refused, never read in part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...core.errors import InputError
from .extras import needs_extra
from .layout import Layout, clean

if TYPE_CHECKING:  # pragma: no cover
    from ..source import Source

_DROP = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "select",
    "button",
    "template",
    "svg",
    "head",
    "title",
    "object",
    "embed",
}
_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "address",
    "center",
    "body",
    "html",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "fieldset",
    "tbody",
    "thead",
    "tfoot",
}
_NAV = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|header|sidebar|share|toolbar|"
    r"copyright|banner|topbar)(?:$|[\s_-])",
    re.I,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000]+")


def _declared(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    enc = m.group(1).decode("ascii").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}.get(enc, enc)


def _decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """The page's text: a BOM, else its declared charset (a few invalid bytes replaced), else
    detection (markup ignored); and what was replaced ("byte 0xff at offset 1234" each)."""
    from ..encoding import decode_lenient, decode_replacing

    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _declared(data)
        if declared:
            try:
                return data.decode(declared), declared, ()
            except LookupError:
                pass  # an unknown declaration: detect instead
            except UnicodeDecodeError:
                replaced = decode_replacing(data, declared)
                if replaced is not None:
                    return replaced[0], declared, replaced[1]
        for encoding in ("utf-8", "gb18030", "big5hkscs"):
            try:
                return data.decode(encoding), encoding, ()
            except UnicodeDecodeError:
                continue
    text, encoding, replaced_at = decode_lenient(data, name)
    return text, encoding, tuple(what for _, _, what in replaced_at)


def _located(source: Source, replaced: tuple[str, ...]) -> Source:
    """The source with each U+FFFD of its laid-out text located (line, column) for FA602."""
    from dataclasses import replace

    places: list[tuple[int, int]] = []
    for line_no, line in enumerate(source.text.split("\n"), start=1):
        for column, char in enumerate(line, start=1):
            if char == "\ufffd":
                places.append((line_no, column))
    if not places:  # the replaced bytes were in markup or in what is not read (scripts, menus)
        return source
    if len(places) == len(replaced):
        notes = tuple((ln, col, what) for (ln, col), what in zip(places, replaced))
    else:
        notes = tuple((ln, col, "an invalid byte of the page") for ln, col in places)
    return replace(source, replaced=notes)


def read_html(data: bytes, name: str) -> Source:
    try:
        import lxml.html  # noqa: F401 (the extra is installed: _parse uses it)
    except ImportError:
        raise needs_extra(name, ".html", "html") from None
    text, encoding, replaced = _decode(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses str input with an encoding declaration
    root, too_deep = _parse(text, name)
    if too_deep:  # old CMS pages open a <font> or <div> per paragraph and never close them
        from .deep_html import flatten

        root, too_deep = _parse(flatten(text, FLAT_DEPTH), name)
        if too_deep:
            raise InputError(
                name,
                f"web page nested deeper than {MAX_DEPTH} levels even when flattened: cannot be read whole",
            )
    walker = _Walker(Layout())
    walker.walk(root)
    walker.flush()
    source = walker.layout.source(name, encoding)
    return _located(source, replaced) if replaced else source


#: A tree deeper than this is flattened before it is walked (libxml2 itself stops at 256 levels,
#: 2048 with huge_tree, and drops the rest of the page silently): past FLAT_DEPTH levels, inline
#: elements are unwrapped and block elements become line breaks (``deep_html.flatten``).
MAX_DEPTH = 500
FLAT_DEPTH = 200


def _parse(text: str, name: str) -> tuple[Any, bool]:
    """(root, too deep): the page parsed whole (huge_tree lifts libxml2's limits on text and
    depth), and whether it nests deeper than MAX_DEPTH or past what libxml2 reads at all."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except Exception as exc:
        raise InputError(name, f"unreadable web page ({type(exc).__name__}: {str(exc)[:80]})") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" or "depth" in e.message for e in parser.error_log):
        return root, True
    depth = deepest = 0
    for event, _ in lxml.etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return root, deepest > MAX_DEPTH


class _Walker:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.buffer: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            self.paragraphs += 1
            self.layout.paragraph(text, f"第{self.paragraphs}段")

    def walk(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not tag:  # comments, processing instructions
            if el.tail:
                self.buffer.append(el.tail)
            return
        if (
            tag in _DROP
            or _NAV.search(f"{el.get('id') or ''} {el.get('class') or ''}")
            or el.get("hidden") is not None
            or "display:none" in (el.get("style") or "").replace(" ", "")
        ):
            if el.tail:
                self.buffer.append(el.tail)
            return
        if tag == "table" and not _is_layout(el):
            self.flush()
            self.table(el)
        elif tag == "br":
            self.flush()
        else:
            # a layout table: its cells are blocks
            block = tag in _BLOCK or tag in ("table", "tr", "td", "th")
            if block:
                self.flush()
            if el.text:
                self.buffer.append(el.text)
            for child in el:
                self.walk(child)
            if block:
                self.flush()
        if el.tail:
            self.buffer.append(el.tail)

    def table(self, el: Any) -> None:
        self.tables += 1
        n = self.tables
        rows = []
        spans: dict[int, int] = {}  # column → rows still covered by a cell above (rowspan)

        def covered(c: int) -> int:
            """Empty cells for the columns a cell above still covers from column c; the next free column."""
            while c in spans:
                cells.append(("", f"表{n}第{r}行第{c}列"))
                if spans[c] <= 1:
                    del spans[c]
                else:
                    spans[c] -= 1
                c += 1
            return c

        for r, tr in enumerate(_rows(el), start=1):
            cells = []
            c = 1
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                c = covered(c)
                text = clean(_SPACES.sub(" ", td.text_content()))
                cells.append((text, f"表{n}第{r}行第{c}列"))
                colspan = _int(td.get("colspan"))
                rowspan = _int(td.get("rowspan"))
                for k in range(colspan):
                    if k:
                        cells.append(("", f"表{n}第{r}行第{c + k}列"))
                    if rowspan > 1:
                        spans[c + k] = rowspan - 1
                c += colspan
            covered(c)
            rows.append(cells)
        caption = el.find("caption")
        title = clean(caption.text_content()) if caption is not None else self.layout.last_text()
        if caption is not None and title:
            self.paragraphs += 1
            self.layout.paragraph(title, f"第{self.paragraphs}段")
        self.layout.table(f"表{n}", rows, caption=title)


def _is_layout(table: Any) -> bool:
    """A table used to lay out the page (old sites put the whole article in one): its cells hold
    paragraphs, tables or long text. Its cells are then read as blocks, not as a data table."""
    for tr in _rows(table):
        for td in tr:
            if not isinstance(td.tag, str):
                continue
            if any(
                isinstance(d.tag, str)
                and d.tag.lower() in ("table", "p", "div", "h1", "h2", "h3", "ul", "ol")
                for d in td.iterdescendants()
            ):
                return True
            if len(td.text_content()) > 300:
                return True
    return False


def _rows(table: Any) -> Iterator[Any]:
    for child in table:
        if not isinstance(child.tag, str):
            continue
        t = child.tag.lower()
        if t == "tr":
            yield child
        elif t in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1

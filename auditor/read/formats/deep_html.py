"""Flatten a web page nested too deeply to be read as a tree (``html.read_html`` calls it).

Old CMS pages open a ``<font>``, ``<span>`` or ``<div>`` per paragraph and never close them:
thousands of levels, past libxml2's limit (256, or 2048 with huge_tree), beyond which it drops
the rest of the page without a word. ``flatten`` rewrites the markup with the standard
library's tokenizer (no tree, no limit): past `limit` open elements, an inline element's tags
are left out (its text stays) and a block element's become ``<br>`` (its text stays on a line
of its own). Tables, lists of what is dropped (scripts, navigation) and elements marked hidden
or as navigation keep their tags, so what the reader leaves out it still leaves out.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

_KEEP = {
    "html", "body", "head", "title", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "iframe", "select", "button", "object", "embed",
}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "param", "source", "track", "wbr"}
_INLINE = {
    "font", "span", "b", "i", "u", "s", "em", "strong", "small", "big", "a", "sub", "sup", "label",
    "abbr", "code", "tt", "mark", "nobr", "strike", "ins", "del", "o:p",
}  # fmt: skip
# an element that closes the one of these still open (HTML's implied end tags)
_CLOSES = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"td", "th", "tr"}}
_CLOSES |= {"td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}}
_MARKED = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|sidebar|display:\s*none", re.I)


def flatten(markup: str, limit: int) -> str:
    """The page with no more than about `limit` elements open at once (see the module docstring)."""
    parser = _Flattener(limit)
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


class _Flattener(HTMLParser):
    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.out: list[str] = []
        self.stack: list[str] = []
        self.dropped: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in _VOID:
            self.out.append(raw)
            return
        while self.stack and self.stack[-1] in _CLOSES.get(tag, ()):
            self.stack.pop()
        marked = any(k in ("hidden",) or (v and _MARKED.search(v)) for k, v in attrs)
        if len(self.stack) >= self.limit and tag not in _KEEP and not marked:
            self.dropped[tag] += 1
            self.out.append("" if tag in _INLINE else "<br>")
            return
        self.stack.append(tag)
        self.out.append(raw)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if self.dropped[tag]:  # the innermost of its kind: one of those left out
            self.dropped[tag] -= 1
            self.out.append("" if tag in _INLINE else "<br>")
            return
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")

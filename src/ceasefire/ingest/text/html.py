"""Saved HTML pages: the article's headline and paragraphs, boilerplate dropped (stdlib only).

Kept: ``<h1>``-``<h3>``, ``<p>`` and ``<blockquote>`` text inside the page's ``<article>`` (else
``<main>``, else ``<body>``), each block separated by one blank line, entities decoded.
Dropped: navigation, headers and footers, asides ("read more"), scripts and styles, forms,
figures and captions, and any element whose class or id says cookie, banner, byline, share,
related, newsletter, subscribe, promo or advert.

>>> strip_html("<nav>Home</nav><article><h1>Title</h1><p>One &amp; two.</p></article>").text
'Title\\n\\nOne & two.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DROP_TAGS = _words(
    "nav header footer aside script style form figure figcaption noscript button iframe svg "
    "select template dialog menu"
)
BLOCK_TAGS = _words("h1 h2 h3 p blockquote")
VOID_TAGS = _words("area base br col embed hr img input link meta source track wbr")
BOILERPLATE = re.compile(
    r"cookie|consent|banner|byline|share|social|related|newsletter|subscribe|promo|advert|"
    r"breadcrumb|comments?\b|read-?more|caption|sidebar|popup|modal|paywall",
    re.IGNORECASE,
)
LOOKS_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|body|article|p|div|head)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StrippedPage:
    """The article text of a page, and the publication date its ``<time>`` or meta gives."""

    text: str
    published: str | None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (judged by its content, not its file name)."""
    return LOOKS_HTML.search(text[:2000]) is not None


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, dropped)
        self.blocks: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.current: list[str] | None = None
        self.scope: list[str] = []
        self.published: str | None = None

    def _dropped(self) -> bool:
        return any(dropped for _, dropped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "time" and self.published is None and values.get("datetime"):
            self.published = values["datetime"]
        if tag == "meta" and values.get("property") in ("article:published_time", "og:published"):
            self.published = self.published or values.get("content")
        if tag in VOID_TAGS:
            return
        marks = f"{values.get('class') or ''} {values.get('id') or ''}"
        dropped = tag in DROP_TAGS or BOILERPLATE.search(marks) is not None
        self.stack.append((tag, dropped))
        if tag in ("article", "main"):
            self.scope.append(tag)
        if tag in BLOCK_TAGS and not self._dropped() and self.current is None:
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in BLOCK_TAGS and self.current is not None and not self._dropped():
                self._close_block()
            if open_tag in ("article", "main") and self.scope:
                self.scope.pop()
            if open_tag == tag:
                break

    def _close_block(self) -> None:
        text = " ".join("".join(self.current or []).split())
        self.current = None
        if text:
            self.blocks["body"].append(text)
            for scope in set(self.scope):
                self.blocks[scope].append(text)

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self._dropped():
            self.current.append(data)


def strip_html(page: str) -> StrippedPage:
    """The article text of an HTML page (see the module docstring for what is kept)."""
    parser = _Article()
    parser.feed(page)
    parser.close()
    if parser.current is not None:
        parser._close_block()
    blocks = parser.blocks["article"] or parser.blocks["main"] or parser.blocks["body"]
    return StrippedPage("\n\n".join(blocks), parser.published)

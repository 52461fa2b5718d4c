"""Who says so: reporting verbs, "according to", and the kind of text (wire, statement…).

An attributed sentence ("…, the regional governor said") is presented as a *claim* of its
speaker; the writer's own assertion is a *fact*. A party's or institution's own statement
speaks in its author's voice throughout.

>>> find_attribution("Drones hit a depot overnight, the regional governor said.").as_written
'the regional governor'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Genre = Literal["wire", "statement", "monitoring", "opinion"]

_VERB = (
    r"(?:said|says|say|reported|reports|wrote|told\s+\w+|added|announced|claimed|stated|alleged|"
    r"confirmed|reported|noted|described)"
)
_ON = r"(?:\s+(?:on|late\s+on|early\s+on)\s+\w+|\s+in\s+a\s+(?:brief\s+)?statement|\s+separately|"
_ON += r"\s+on\s+Telegram)*"

_TRAILING = re.compile(
    r",\s+(?P<who>(?:[\w'’.-]+\s+){0,9}?[\w'’.-]+)\s+(?:"
    + _VERB
    + r")"
    + _ON
    + r"(?:,|\s*[.;]|\s+that\b|$)",
)
_LEADING = re.compile(
    r"(?:^|,\s+|;\s+|\bthat\s+)(?P<who>(?:[\w'’().-]+\s+){0,11}?[\w'’.)-]+)\s+"
    r"(?:has\s+|had\s+|also\s+)?(?:" + _VERB + r")" + _ON + r"(?:\s+that\b|\s*,|\s+(?=\w))"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;]+)", re.I)
_ACCUSED_BY = re.compile(r"\baccused\s+by\s+(?P<who>[A-Z][\w'’ -]{1,40}?)\s+of\b")
_NOT_WHO = re.compile(
    r"^(?:it\s+is|this|which|what|there|as|and|but|if|when|while|so|also)\b|\bwere\b|\bwas\b|"
    r"\bhad\b|\bhave\b|\bis\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:governor|mayor|spokes(?:man|woman|person)|head|officials?|minister|leader|"
    r"administrator|commander|chief|president|envoy|residents|witnesses|doctors?|analysts|"
    r"diplomats|sources|he|she|they|member)\b",
    re.I,
)
PRONOUN = re.compile(
    r"^(?:he|she|they|it|the\s+(?:governor|ministry|administration|mission|"
    r"official|spokesman|army|military|group|government))$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence attributes its content to, as written, and where that is said."""

    as_written: str
    start: int
    end: int
    is_role: bool


def _clean(who: str) -> str:
    who = re.sub(
        r"^(?:(?:separately|also|later|meanwhile|in\s+a\s+statement)\s*,?\s+)", "", who, flags=re.I
    )
    return who.strip(" ,")


def find_attribution(sentence: str) -> Attribution | None:
    """The source the sentence names ("…, X said", "X said that…", "according to X")."""
    candidates: list[Attribution] = []
    for regex in (_TRAILING, _LEADING, _ACCORDING, _ACCUSED_BY):
        for m in regex.finditer(sentence):
            who = _clean(m.group("who"))
            if not who or _NOT_WHO.search(who) or len(who) > 90:
                continue
            if (
                regex is _LEADING
                and who[0].islower()
                and not PRONOUN.match(who)
                and not (who.lower().startswith(("the ", "a ", "an ", "its ", "local ")))
            ):
                continue
            start = m.start("who") + m.group("who").find(who)
            candidates.append(Attribution(who, start, m.end(), bool(_ROLE.search(who))))
    if not candidates:
        return None
    return min(candidates, key=lambda a: a.start)


_DATELINE = re.compile(
    r"^[A-Z][A-Z/ .'’-]+,(?:\s+[A-Z][\w ]+,)*\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"(?:\s+\([^)]*\))?\s+[-–—]\s+"
)
_OPINION_HEAD = re.compile(r"\b(?:Opinion|Commentary|Editorial|Analysis|Column|Comment|Op-ed)\b")
_MONITOR_HEAD = re.compile(
    r"\b(?:[Rr]eport\s+of|[Mm]onitoring\s+[Mm]ission|harm\s+update|incident\s+summary|"
    r"[Mm]onitoring\s+[Rr]eport)\b"
)


def dateline_end(text: str, start: int) -> int:
    """Where the story starts after a wire dateline ("KYIV, April 16 (Wire) - ") at ``start``."""
    m = _DATELINE.match(text[start : start + 160])
    return start + m.end() if m else start


def header_of(text: str) -> str:
    """The heading block: lines before the first blank line, when they look like a heading."""
    head, sep, _ = text.partition("\n\n")
    if not sep or len(head) > 300 or _DATELINE.match(head):
        return ""
    lines = head.split("\n")
    if len(lines) == 1 and head.rstrip().endswith((".", "!")):
        return ""
    return head


def genre_of(text: str) -> Genre:
    """Wire story, party or institution statement, monitoring report, or opinion piece."""
    if _DATELINE.match(text) or _DATELINE.search(text[:400]):
        return "wire"
    head = header_of(text)
    if _OPINION_HEAD.search(head):
        return "opinion"
    if _MONITOR_HEAD.search(head):
        return "monitoring"
    if head:
        return "statement"
    return "wire"


def author_institution(header: str, genre: Genre) -> str | None:
    """The institution a statement or report speaks for, from its heading."""
    if not header or genre in ("wire", "opinion"):
        return None
    m = re.search(r"\b(?:Monitoring\s+Mission|monitoring\s+mission)\b[^,\n]*", header)
    if m:
        whole = re.search(r"(?:[A-Z][\w-]*\s+|the\s+)*" + re.escape(m.group(0)), header)
        name = whole.group(0) if whole else m.group(0)
        return re.sub(r"^(?:the\s+|Daily\s+Report\s+of\s+the\s+)", "", name).strip()
    first = header.split("\n", maxsplit=1)[0]
    first = re.sub(
        r"^(?:Statement|Summary|Information|Press\s+release)\s+(?:of|by)\s+(?:the\s+)?", "", first
    )
    first = re.sub(r"^From\s+a\s+briefing\s+by\s+the\s+[\w\s]+?\s+of\s+the\s+", "", first)
    first = re.sub(r"\s+on\s+the\s+progress\b.*$", "", first)
    first = re.sub(r",\s*(?:Office|Moscow|\d).*$", "", first)
    return first.strip() or None

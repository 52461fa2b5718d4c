"""Moves in negotiations: proposals, acceptances (with conditions), rejections, demands,
threats, warnings, meetings, unilateral declarations and agreements reached.

>>> [k for k, _ in negotiation_kinds("Russia is ready to agree to a 30-day truce on condition "
...                                  "that Ukraine does not use the pause to rearm.")]
['conditional_acceptance']
"""

from __future__ import annotations

import re

from ceasefire.core.text.proposals import NegotiationKind

_K = NegotiationKind

_TRIGGERS: tuple[tuple[NegotiationKind, str], ...] = (
    (
        "agreement_reached",
        r"\bsigned\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:declaration|agreement|deal|accord|"
        r"memorandum|treaty)|\breached\s+(?:an?\s+)?(?:agreement|deal|understanding)|"
        r"\b(?:had|have|has)\s+(?:separately\s+|both\s+)?agreed\s+(?:to|on)\b|\bstruck\s+a\s+deal|"
        r"\bagreed\s+(?:on\s+)?the\s+(?:final\s+)?text\b|\bfinali[sz]ed\s+the\b",
    ),
    (
        "unilateral_declaration",
        r"\b(?:declared|announced|proclaimed)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:ceasefire|truce|"
        r"pause|halt)\b|\bwill\s+(?:stop|cease)\s+(?:fighting|hostilities|all\s+military)|"
        r"\bdeclares?\s+(?:a\s+)?(?:unilateral\s+)?(?:ceasefire|truce)",
    ),
    (
        "proposal",
        r"\bproposed\b|\bpropose[sd]?\s+(?:a|an|to)\b|\bpresented\s+(?:[\w-]+\s+){0,4}?with\s+"
        r"(?:a|an)\b|\bput\s+forward\b|\boffered\s+to\b|\bready\s+to\s+continue\b|\bremains?\s+"
        r"ready\s+for\b|\breadiness\s+for\b|\bexpected\s+further\b|\bhas\s+proposed\b|"
        r"\bready\s+for\s+(?:direct\s+)?(?:talks|negotiations)\b",
    ),
    (
        "acceptance",
        r"(?<!not\s)(?<!cannot\s)(?<!never\s)\baccept(?:s|ed)?\b|\bresponded\s+[\"“]?(?:in\s+a\s+)?positive|\bwe\s+support\s+it\b|\b(?:would|will|say\s+they|said\s+they)\s+support\b|"
        r"\baffirms?\s+its\s+commitment\b|\bready\s+to\s+agree\b|\bwould\s+mirror\b|"
        r"\bopen\s+to\b|\bwilling\s+to\s+negotiate\b|\bready\s+for\s+a\s+comprehensive\b|"
        r"\bwould\s+(?:withdraw|comply)\b[^.]{0,60}\bonly\b|\b(?:would|will)\s+(?:enter\s+into\s+"
        r"force|take\s+effect)\s+only\b",
    ),
    (
        "rejection",
        r"\brejected\b|\breject(?:s)?\s+the\b|\bcannot\s+accept\b|\bunacceptable\b|\bwill\s+not\s+"
        r"(?:recognise|recognize|accept)\b|\bwould\s+not\s+agree\b|\brefused\b|\bruled\s+out\b",
    ),
    (
        "threat",
        r"\bwill\s+not\s+go\s+unanswered\b|\bready\s+to\s+target\b|\bthreaten(?:s|ed)?\b|"
        r"\bannounces?\s+the\s+postponement\b|\bwill\s+continue\s+to\s+[\w\s]+?\buntil\b",
    ),
    (
        "warning",
        r"\bwarn(?:s|ed)?\b|\bwould\s+be\s+seen\s+as\b|\bevery\s+right\s+to\b|\bwould\s+respond\b|"
        r"\bwill\s+be\s+considered\s+a\b|\bconsider\s+itself\s+free\b",
    ),
    (
        "demand",
        r"\bdemand(?:s|ed)?\b|\bcall(?:s|ed)?\s+on\b|\burg(?:e|es|ed)\b|\binsist(?:s|ed)?\b|"
        r"\breminds?\b[^.]{0,40}\bobligations\b|\bmust\s+(?:lead|include|be\s+preceded|stop|"
        r"withdraw)\b|\bnon-negotiable\b|\bcalls?\s+for\b",
    ),
    (
        "meeting",
        r"\bheld\s+(?:separate\s+|direct\s+|indirect\s+)?(?:talks|meetings?)\b|\bmet\b|"
        r"\b(?:will|would|to)\s+meet\b|\bhold\s+(?:a\s+)?(?:joint\s+)?(?:summit|talks|meeting)\b|"
        r"\bconvened\b",
    ),
)
# the letters each trigger can start with (case-insensitive): a cheap first test at each
# position (tests/core/text/test_rules_negotiation.py checks each covers its pattern)
TRIGGER_FIRST = {
    "agreement_reached": "srhaf",
    "unilateral_declaration": "dapw",
    "proposal": "poreh",
    "acceptance": "arswo",
    "rejection": "rcuw",
    "threat": "wrta",
    "warning": "wec",
    "demand": "dcuirmn",
    "meeting": "hmwtc",
}
_TRIGGER_RE = [(k, re.compile(f"(?=[{TRIGGER_FIRST[k]}])(?:{p})", re.I)) for k, p in _TRIGGERS]

CONDITION = re.compile(
    r"\b(?:only\s+(?:if|after|when)|on\s+condition\s+that|as\s+long\s+as|provided\s+(?:that)?|"
    r"guarantees\s+that|but\s+that\b[^.]{0,40}\bmust|if|that\s+includes|must\s+be\s+preceded\s+"
    r"by|must\s+include|until)\s+",
    re.I,
)
_NEGOTIATION_WORDS = re.compile(
    r"\b(?:ceasefires?|truces?|talks|negotiat\w+|agreements?|deals?|proposals?|framework|"
    r"declarations?|settlement|mediators?|delegations?|moratorium|pause|arrangements?|"
    r"principles|terms|obligations|commitments?|peace|restraint|withdraw\w*|summits?|contacts|"
    r"meetings?|accusations?|peacekeepers|monitoring|hostilities|prisoners|hostages|unanswered|"
    r"provocations|cessation|non-negotiable|recognise|self-defence|civilians|target|"
    r"silence|attacks?|militia|forces|partners|violations|navigation|monitors?|zones?|"
    r"troops|corridors?|guarantees|access|aid|sanctions|release|exchange|buffer)\b",
    re.I,
)
_BACKGROUND = re.compile(
    r"(?=[upec])(?:^(?:Under\s+the|Previous|Earlier\s+rounds?)\b|\bprevious\s+\w+\s+"
    r"(?:declared|agreed)|\bcollapsed\b)",
    re.I,
)


def negotiation_kinds(sentence: str) -> list[tuple[NegotiationKind, int]]:
    """The negotiation moves a sentence reports, each with where its trigger starts."""
    if _BACKGROUND.search(sentence) or not _NEGOTIATION_WORDS.search(sentence):
        return []
    found: dict[NegotiationKind, int] = {}
    for kind, regex in _TRIGGER_RE:
        m = regex.search(sentence)
        if m and kind not in found:
            found[kind] = m.start()
    if "threat" in found:
        found.pop("warning", None)
    if "unilateral_declaration" in found or "agreement_reached" in found:
        found.pop("proposal", None)
    if "conditional_acceptance" not in found and "acceptance" in found:
        tail = sentence[found["acceptance"] :]
        if CONDITION.search(tail):
            found["conditional_acceptance"] = found.pop("acceptance")
    if "acceptance" in found and "demand" in found:
        found.pop("demand")
    if "rejection" in found and "demand" in found:
        found.pop("demand")
    if "proposal" in found and "meeting" in found and found["meeting"] > found["proposal"]:
        found.pop("meeting")
    if "agreement_reached" in found and "meeting" in found:
        found.pop("meeting")
    return sorted(found.items(), key=lambda kv: kv[1])


def conditions(sentence: str, start: int) -> list[str]:
    """Conditions as written after ``start``: "on condition that X", "only after X"…"""
    out: list[str] = []
    for m in CONDITION.finditer(sentence, start):
        rest = sentence[m.end() :]
        stop = re.search(
            r"[.;]|,\s+(?:and\s+)?(?:holds|but|while|saying|which)\b|\s+and\s+that\b|"
            r",\s+in\s+accordance\b",
            rest,
        )
        text = rest[: stop.start()] if stop else rest
        text = text.strip(' ,"”')
        if 3 <= len(text) <= 200:
            out.append(text)
        if len(out) >= 3:
            break
    return out


_SUBJECT = re.compile(
    r"\b((?:a|an|the|any|its|their|further|direct|continue)\s+[^,.;:]{2,80}?)"
    r"(?=\s+(?:on\s+condition|only|if|as\s+long|provided|but|in\s+(?:Doha|Cairo|Riyadh|"
    r"Jeddah|Istanbul)|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))|"
    r"[,.;:]|$)",
)


def subject(sentence: str, start: int) -> str | None:
    """What the move is about, as written: the noun phrase after its trigger."""
    m = _SUBJECT.search(sentence, start, min(len(sentence), start + 160))
    return m.group(1).strip() if m else None

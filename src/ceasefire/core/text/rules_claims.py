"""Aggregate statements with figures: "more than 2,935 violations since the truce began".

>>> [i.as_json() for i in claim_items("the Mission recorded 212 ceasefire violations, "
...                                     "including 64 explosions")]
[{'qualifier': 'exact', 'value': 212, 'unit': 'violations'}, \
{'qualifier': 'exact', 'value': 64, 'unit': 'explosions'}]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ceasefire.core.text.proposals import ClaimItem, DateRange, Qualifier
from ceasefire.core.text.rules_acts import NUM, number_value

_QUALIFIERS: tuple[tuple[str, Qualifier], ...] = (
    (r"at\s+least", "at_least"),
    (r"more\s+than|over", "more_than"),
    (r"about|around|nearly|approximately|some|roughly|almost", "about"),
    (r"less\s+than|fewer\s+than|under", "less_than"),
    (r"up\s+to|at\s+most", "at_most"),
)
_QUAL = "|".join(p for p, _ in _QUALIFIERS)

_UNITS: tuple[tuple[str, str], ...] = (
    (r"(?:ceasefire\s+)?violations", "violations"),
    (r"(?:artillery\s+)?shellings|(?:artillery\s+)?shells|munitions|times", "shellings"),
    (
        r"(?:[\w-]+\s+){0,2}?(?:drones|UAVs|unmanned\s+aerial\s+vehicles)|drone\s+attacks",
        "drone_attacks",
    ),
    (r"(?:[\w-]+\s+){0,2}missiles|missile\s+strikes", "missile_strikes"),
    (r"air\s*strikes", "air_strikes"),
    (r"assaults|assault\s+actions|attacks\s+on\s+(?:\w+\s+)?positions", "assaults"),
    (r"(?:combat\s+engagements|attacks|strikes)(?:\s+on\s+[\w\s]+?facilities)?", "attacks"),
    (r"(?:undetermined\s+)?explosions", "explosions"),
    (
        r"(?:\w+\s+)?(?:civilians|people|citizens|Palestinians|soldiers|persons)\s+(?:were\s+|had\s+"
        r"been\s+)?killed|killed",
        "killed",
    ),
    (r"(?:civilians|people|persons)\s+(?:were\s+)?(?:injured|wounded)|injured|wounded", "injured"),
    (r"detained|arrested|(?:people\s+)?detained", "detained"),
    (r"(?:houses|buildings|homes)\s+(?:were\s+)?damaged", "objects_damaged"),
    (r"(?:\w+\s+)?(?:communities|settlements|targets|rockets|spy\s+planes|localities)", "other"),
)
_UNIT_RE = [(re.compile(r"(?:[A-Z][a-z]+\s+)?(?:" + p + r")(?![\w-])"), u) for p, u in _UNITS]
_NUM_RE = re.compile(
    r"(?<![\w.,:-])(?:(?P<q>" + _QUAL + r")\s+)?(?P<n>" + NUM + r")(?![\w%:-])", re.I
)
_ELLIPTIC = re.compile(r"\s+in\s+[A-Z]")
_PERCEIVED = re.compile(r"\b(?:heard|saw|observed|hit\s+by)\s+(?:about\s+|some\s+)?$", re.I)
_CASUALTY_VERB = re.compile(
    r"\b(?:killed|killing|injuring|wounding)\s+(?:at\s+least\s+|more\s+than\s+)?$", re.I
)
_CASUALTY_AND = re.compile(r"\b(?:killed|killing)\s+(?:at\s+least\s+)?[\d,]+\s+\w+\s+and\s+$")


def claim_items(sentence: str) -> list[ClaimItem]:
    """Figures with a countable unit, in text order (vague amounts are not figures)."""
    items: list[ClaimItem] = []
    last_unit: str | None = None
    for m in _NUM_RE.finditer(sentence):
        word = m.group("n")
        if word.lower() in ("a", "an") or (
            word.isdigit() and len(word) == 4 and 1900 < int(word) < 2100
        ):
            continue
        value = number_value(word)
        if value is None:
            continue
        before = sentence[: m.start()]
        after = sentence[m.end() :]
        unit: str | None = None
        if _CASUALTY_VERB.search(before):
            unit = "killed" if re.search(r"kill\w*\s+(?:\w+\s+){0,2}$", before, re.I) else "injured"
        elif (
            re.search(r"\b(?:and|wounded|injured)\s+(?:more\s+than\s+)?$", before)
            and re.search(r"\bkill", before[-60:])
            and re.match(r"\s+(?:injured|wounded|in\b|$|,)", after + " ")
        ):
            unit = "injured"
        else:
            for regex, name in _UNIT_RE:
                u = regex.match(after.lstrip())
                if u and after[: len(after) - len(after.lstrip())] in (" ", ""):
                    unit = name
                    break
            if unit is None and last_unit and _ELLIPTIC.match(after):
                unit = last_unit
        if unit is None or _PERCEIVED.search(before):
            continue
        qualifier: Qualifier = "exact"
        if m.group("q"):
            q = m.group("q").lower()
            qualifier = next(k for p, k in _QUALIFIERS if re.fullmatch(p, q))
        items.append(ClaimItem(qualifier, value, unit))
        last_unit = unit
    if re.search(r"\brecorded\s+no\s+(?:ceasefire\s+)?violations\b", sentence):
        items.append(ClaimItem("exact", 0, "violations"))
    return items


AGGREGATE_CUE = re.compile(
    r"\b(?:recorded|registered|counted|verified|carried\s+out|launched|used|fired|shot\s+down|"
    r"destroyed|intercepted|accused|in\s+total|tally|over\s+the\s+past|in\s+the\s+past|"
    r"during\s+the|since|as\s+of|reporting\s+(?:period|week)|previous\s+(?:period|week)|"
    r"same\s+period|hit\s+\d+|shelled\s+[\w\s]+\d+\s+times|fired\s+\d+\s+times|"
    r"per\s+day|this\s+month|in\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December))\b",
    re.I,
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def claim_period(sentence: str, published: date | None) -> DateRange:
    """The period a figure covers, from the sentence's wording and the publication date."""
    if published is None:
        return DateRange(None, None)
    d = published
    s = sentence.lower()
    m = re.search(r"(?:past|last)\s+(\d+|\w+)\s+(hours|days|weeks)", s)
    if m:
        n = number_value(m.group(1)) or 1
        days = n // 24 if m.group(2) == "hours" else n * (7 if m.group(2) == "weeks" else 1)
        return DateRange(d - timedelta(days=max(days, 1)), d)
    if re.search(r"(?:past|last)\s+(?:day|24\s+hours)|overnight", s):
        return DateRange(d - timedelta(days=1), d)
    if "previous week" in s or "last week" in s or "reporting week" in s:
        monday = d - timedelta(days=d.weekday() + 7)
        if "previous week" in s and "reporting week" not in s:
            monday -= timedelta(days=7)
        return DateRange(monday, monday + timedelta(days=6))
    m = re.search(r"\bsince\s+(\d{1,2})\s+(" + "|".join(_MONTHS) + r")", s)
    if m:
        month = _MONTHS.index(m.group(2)) + 1
        year = d.year if (month, int(m.group(1))) <= (d.month, d.day) else d.year - 1
        return DateRange(date(year, month, int(m.group(1))), d)
    m = re.search(r"\bsince\s+(?:early\s+)?(" + "|".join(_MONTHS) + r")", s)
    if m:
        month = _MONTHS.index(m.group(1)) + 1
        year = d.year if month <= d.month else d.year - 1
        return DateRange(date(year, month, 1), d)
    m = re.search(r"\bin\s+(" + "|".join(_MONTHS) + r")(?:\s+(\d{4}))?", s)
    if m:
        month = _MONTHS.index(m.group(1)) + 1
        year = int(m.group(2)) if m.group(2) else (d.year if month <= d.month else d.year - 1)
        end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return DateRange(date(year, month, 1), end)
    if "since" in s:
        return DateRange(None, d)
    return DateRange(d - timedelta(days=1), d)

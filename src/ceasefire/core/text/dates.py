"""Date expressions in English text, resolved against the publication date (pure, no I/O).

:func:`find_dates` scans a text for date expressions and returns each one as a
:class:`~ceasefire.core.text.proposals.DateMention` with its character span, the day or
interval it means and a time of day when the expression gives one. The rules follow
``docs/text-intake.md`` (*Dates*): "on Tuesday" is the most recent Tuesday on or before the
publication date D (the next one in a sentence about the future: "will", "due to"),
"overnight" is ``{D-1, D}`` at night, "last week" is Monday to Sunday of the previous ISO week,
explicit dates without a year take D's year (the previous year if that would fall after D).
"since the truce began" is an interval with an unknown start, left to the claim's period logic.

>>> [(m.when, m.time_of_day) for m in find_dates("on Tuesday afternoon", date(2025, 4, 16))]
[(datetime.date(2025, 4, 15), 'afternoon')]
>>> find_dates("overnight", date(2025, 4, 16))[0].when
DateRange(start=datetime.date(2025, 4, 15), end=datetime.date(2025, 4, 16))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from ceasefire.core.text.proposals import DateMention, DateRange, When

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "thirty": 30,
}  # fmt: skip
PARTS = r"morning|afternoon|evening|night"

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?:,?\s(?P<year>(?:19|20)\d\d))?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART_OF = rf"(?:(?:in\s|on\s)?the\s(?P<early>early\s)?(?P<part_of>{PARTS}|hours)\sof\s)?"
_PART_AFTER = rf"(?:\s(?P<part>{PARTS}))?"
_LATE = r"(?:(?P<late>late|early|throughout)\s)?(?:on\s)?"
_FUTURE = re.compile(
    r"\b(?:will|would|shall|due\sto|scheduled|is\sto|are\sto|plans?\sto|expected\sto|next|"
    r"until|later\sthis)\b",
    re.IGNORECASE,
)

Resolver = Callable[[re.Match[str], date | None, bool], tuple[When, str | None]]


def _year_for(month: int, day: int, year: str | None, d: date | None, future: bool) -> date | None:
    if year:
        return _safe(int(year), month, day)
    if d is None:
        return None
    guess = _safe(d.year, month, day)
    if guess is not None and guess > d and not future:
        guess = _safe(d.year - 1, month, day)
    return guess


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(name: str, d: date | None, future: bool) -> date | None:
    if d is None:
        return None
    target = WEEKDAYS.index(name.lower())
    if future:
        return d + timedelta(days=(target - d.weekday()) % 7)
    return d - timedelta(days=(d.weekday() - target) % 7)


def _part(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    part = groups.get("part_of") or groups.get("part")
    if part == "hours":
        return "night"
    if part is None and groups.get("late") == "late":
        return "evening"
    if part is None and groups.get("late") == "early":
        return "morning"
    if part is None and groups.get("late") == "throughout":
        return "day"
    return part.lower() if part else None


def _night_range(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    month = MONTHS[m["month"].lower()]
    first = _year_for(month, int(m["day"]), m["year"], d, future)
    second = _year_for(month, int(m["day2"]), m["year"], d, future)
    night = "night" if m.groupdict().get("night") else None
    return DateRange(first, second), night


def _month_range(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    month = MONTHS[m["month"].lower()]
    first = _year_for(month, 1, m["year"], d, future)
    if first is None:
        return None, None
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return DateRange(first, following - timedelta(days=1)), None


def _day_month(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    month = MONTHS[m["month"].lower()]
    return _year_for(month, int(m["day"]), m["year"], d, future), _part(m)


def _iso(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    return _safe(int(m["y"]), int(m["m"]), int(m["d"])), None


def _weekday_day(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    return _weekday(m["weekday"], d, future), _part(m)


def _weekday_pair(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    first, second = _weekday(m["weekday"], d, future), _weekday(m["weekday2"], d, future)
    if first is not None and second is not None and second < first:
        first -= timedelta(days=7)
    night = "night" if m.groupdict().get("night") else None
    return DateRange(first, second), night


def _relative(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    if d is None:
        return None, None
    word = " ".join(m[0].lower().split())
    if word in ("yesterday",):
        return d - timedelta(days=1), None
    if word in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return d, {"this morning": "morning", "this afternoon": "afternoon"}.get(
            word, "evening" if word == "this evening" else ("night" if word == "tonight" else None)
        )
    if word.endswith("last week") or word.endswith("previous week"):
        monday = d - timedelta(days=d.weekday() + 7)
        return DateRange(monday, monday + timedelta(days=6)), None
    if word.endswith("this week"):
        return DateRange(d, d + timedelta(days=6 - d.weekday())), None
    if word.endswith("next week"):
        monday = d + timedelta(days=7 - d.weekday())
        return DateRange(monday, monday + timedelta(days=6)), None
    return DateRange(d - timedelta(days=1), d), "night"


def _past(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    if d is None:
        return None, None
    count = m["count"].lower() if m["count"] else "1"
    number = int(count) if count.isdigit() else NUMBERS.get(count, 1)
    unit = m["unit"].lower()
    days = {"hour": number // 24 or 1, "day": number, "week": 7 * number}[unit.rstrip("s")]
    return DateRange(d - timedelta(days=days), d), None


def _since(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    """ "since the truce began": an interval whose start the claim's period logic settles."""
    return DateRange(None, d), None


def _since_month(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    month = MONTHS[m["month"].lower()]
    return DateRange(_year_for(month, 1, m["year"], d, False), d), None


def _first_weeks(m: re.Match[str], d: date | None, future: bool) -> tuple[When, str | None]:
    month = MONTHS[m["month"].lower()]
    first = _year_for(month, 1, m["year"], d, False)
    count = m["count"].lower()
    number = int(count) if count.isdigit() else NUMBERS.get(count, 1)
    days = number * (7 if m["unit"].lower().startswith("week") else 1)
    return DateRange(first, None if first is None else first + timedelta(days=days - 1)), None


_N = r"(?P<count>\d+|" + "|".join(NUMBERS) + r")"
_TRUCE = r"(?:truce|ceasefire|cease-fire|moratorium|pause|agreement|deal|armistice|war)"

# The characters each pattern below can start with, in order: a lookahead on them is a cheap
# first test at each position (tests/core/text/test_dates.py checks each covers its pattern).
FIRST_CHARS = (
    r"\dbdfot",
    "abdfjmnost",
    r"\deilot",
    "adefijlmnost",
    "adfijmnos",
    "12",
    "bdfmostw",
    "efilmostw",
    "dilnoty",
    "dfiow",
    "s",
    "s",
    "it",
)

# Longest match wins where patterns overlap; the order breaks ties.
PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(f"(?=[{first}])(?:{pattern})", re.IGNORECASE), resolver)
    for first, (pattern, resolver) in zip(
        FIRST_CHARS,
        (
            (
                rf"\b(?:(?:on\s|during\s)?the\s(?P<night>night)\sof\s|between\s|from\s)?{_DAY}"
                rf"\s?(?:to|-|–|/|and)\s?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s{_MONTH}{_YEAR}",
                _night_range,
            ),
            (
                rf"\b(?:(?:on\s|during\s)?the\s(?P<night>night)\sof\s|between\s|from\s)?{_MONTH}"
                rf"\s{_DAY}\s?(?:to|-|–|and)\s?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?{_YEAR}",
                _night_range,
            ),
            (rf"\b{_PART_OF}{_LATE}{_DAY}\s(?:of\s)?{_MONTH}{_YEAR}{_PART_AFTER}\b", _day_month),
            (rf"\b{_PART_OF}{_LATE}{_MONTH}\s{_DAY}\b{_YEAR}{_PART_AFTER}\b", _day_month),
            (rf"\b(?:in\s)?{_MONTH}\s(?P<year>(?:19|20)\d\d)\b", _month_range),
            (r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", _iso),
            (
                rf"\b(?:(?:on\s|during\s)?the\s(?P<night>night)\sof\s|between\s|from\s|on\s)?"
                rf"{_WEEKDAY}\s(?:and|to|-|into)\s(?:on\s)?(?P<weekday2>{'|'.join(WEEKDAYS)})\b",
                _weekday_pair,
            ),
            (rf"\b{_PART_OF}{_LATE}{_WEEKDAY}{_PART_AFTER}\b", _weekday_day),
            (
                r"\b(?:overnight|last\snight|(?:in|during)\sthe\searly\shours(?!\sof)|"
                r"yesterday|today|tonight|this\s(?:morning|afternoon|evening)|"
                r"(?:later\s)?this\sweek|(?:last|the\sprevious|next)\sweek)\b",
                _relative,
            ),
            (
                rf"\b(?:over|in|during|for|within)\sthe\s(?:past|last|previous)\s(?:{_N}\s)?"
                r"(?P<unit>days?|hours?|weeks?)\b",
                _past,
            ),
            (
                rf"\bsince\s(?:the\s)?(?:start|beginning|outset)\sof\s(?:the\s)?(?:so-called\s)?"
                rf"(?:[\w-]+\s){{0,2}}{_TRUCE}\b|\bsince\sthe\s(?:[\w-]+\s){{0,2}}{_TRUCE}"
                r"(?:\swas|\shad)?\s(?:began|begun|started|announced|declared|took\seffect|"
                r"came\sinto\sforce|entered\sinto\sforce|went\sinto\seffect|was\sannounced)\b",
                _since,
            ),
            (rf"\bsince\s(?:early\s|mid-?|late\s)?{_MONTH}\b(?!\s\d){_YEAR}", _since_month),
            (
                rf"\b(?:in\s)?the\sfirst\s{_N}\s(?P<unit>weeks|days)\sof\s{_MONTH}{_YEAR}",
                _first_weeks,
            ),
        ),
        strict=True,
    )
)

_CLOCK = (
    r"(?P<h{n}>[01]?\d|2[0-3])[:.](?P<m{n}>[0-5]\d)|"
    r"(?P<ah{n}>1[0-2]|0?[1-9])\s?(?P<ap{n}>a\.?m\.?|p\.?m\.?)"
)
TIME = re.compile(
    r"(?=[\dbf])\b(?:(?:from|between)\s)?(?:" + _CLOCK.format(n=1) + r")"
    r"(?:\s?(?:to|-|–|and)\s?(?:" + _CLOCK.format(n=2) + r"))?(?!\d)",
    re.IGNORECASE,
)
PART_OF_DAY = re.compile(
    rf"(?=[adfit])\b(?:in\sthe\s(?:early\s)?(?P<p1>{PARTS})|at\s(?P<p2>night)|during\sthe\s(?P<p3>night|day)|"
    rf"throughout\sthe\s(?P<p4>day|night)|"
    rf"from\sthe\searly\s(?P<p6>morning))\b",
    re.IGNORECASE,
)


def _clock(m: re.Match[str], n: int) -> str | None:
    if m[f"h{n}"] is not None:
        return f"{int(m[f'h{n}']):02d}:{m[f'm{n}']}"
    if m[f"ah{n}"] is not None:
        hour = int(m[f"ah{n}"]) % 12 + (12 if m[f"ap{n}"].lower().startswith("p") else 0)
        return f"{hour:02d}:00"
    return None


def _is_future(text: str, start: int, sentences: Sequence[tuple[int, int]]) -> bool:
    for first, last in sentences:
        if first <= start < last:
            before = text[max(first, start - 120) : start]
            said = re.search(r"\b(?:said|announced|reported|stated|told|wrote)\s+$", before)
            return said is None and _FUTURE.search(text[first:last]) is not None
    return False


def find_dates(
    text: str,
    published: date | None,
    sentences: Sequence[tuple[int, int]] = (),
) -> list[DateMention]:
    """Every date or time expression in ``text``, resolved against ``published``, in order.

    ``sentences`` (``[start, end)`` spans) let a weekday in a sentence about the future
    ("will meet on Saturday") resolve forward. A clock time or a part of the day on its own
    ("at 22:10", "in the evening") is a mention with ``when=None`` and its ``time_of_day``.
    With ``published`` unknown, relative expressions resolve to ``None``.

    >>> [m.when for m in find_dates("the night of 14 to 15 April", date(2025, 4, 16))]
    [DateRange(start=datetime.date(2025, 4, 14), end=datetime.date(2025, 4, 15))]
    >>> [m.time_of_day for m in find_dates("from 21:15 to 22:40", None)]
    ['21:15-22:40']
    """
    found: list[tuple[int, int, int, DateMention]] = []
    for order, (pattern, resolver) in enumerate(PATTERNS):
        for m in pattern.finditer(text):
            future = _is_future(text, m.start(), sentences)
            when, part = resolver(m, published, future)
            found.append((m.start(), -(m.end() - m.start()), order, _mention(m, when, part)))
    for m in TIME.finditer(text):
        first, second = _clock(m, 1), _clock(m, 2)
        value = f"{first}-{second}" if second else first
        found.append(
            (m.start(), -(m.end() - m.start()), 90, DateMention(m.start(), m.end(), None, value))
        )
    for m in PART_OF_DAY.finditer(text):
        part = next(v for v in m.groups() if v).lower()
        found.append(
            (m.start(), -(m.end() - m.start()), 91, DateMention(m.start(), m.end(), None, part))
        )
    found.sort(key=lambda item: item[:3])
    kept: list[DateMention] = []
    for _, _, _, mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return _since_day(text, published, kept)


SINCE_BEFORE = re.compile(r"\bsince\s(?:(?:dawn|midnight|noon|the\smorning)\s)?(?:on\s)?$", re.I)


def _since_day(text: str, published: date | None, mentions: list[DateMention]) -> list[DateMention]:
    """ "since 18 March", "since dawn on Tuesday", "since the truce took effect on 19 January"."""
    merged: list[DateMention] = []
    for found in mentions:
        mention = found
        day = mention.when if isinstance(mention.when, date) else None
        if day is not None:
            before = SINCE_BEFORE.search(text, max(0, mention.start - 30), mention.start)
            if before is not None:
                mention = DateMention(before.start(), mention.end, DateRange(day, published))
            elif (
                merged
                and isinstance(merged[-1].when, DateRange)
                and merged[-1].when.start is None
                and text[merged[-1].end : mention.start].strip() in ("on", "")
                and text[merged[-1].start : merged[-1].end].lower().startswith("since")
            ):
                mention = DateMention(merged.pop().start, mention.end, DateRange(day, published))
        merged.append(mention)
    return merged


def _mention(m: re.Match[str], when: When, part: str | None) -> DateMention:
    start, end = m.span()
    while end > start and text_is_space(m.string[end - 1]):
        end -= 1
    return DateMention(start, end, when, part)


def text_is_space(char: str) -> bool:
    """Whether ``char`` is whitespace (a mention never ends on it)."""
    return char.isspace()


PUBLISHED = re.compile(
    rf"\b(?:{_DAY}\s{_MONTH},?\s(?P<year>(?:19|20)\d\d)|"
    rf"(?P<month2>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s(?P<day2>[0-3]?\d),\s"
    r"(?P<year2>(?:19|20)\d\d)|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))\b",
    re.IGNORECASE,
)


def find_published(text: str) -> date | None:
    """The publication date stated in the text's heading or dateline, if it gives a full date.

    A date after "published" wins; otherwise the first full single date (with its year) in the
    first three lines. A dateline without a year ("KYIV, April 16") gives ``None``.

    >>> find_published("Opinion, 25 February 2025\\nA ceasefire is only as strong...")
    datetime.date(2025, 2, 25)
    >>> find_published("Update, 1-31 March 2025\\nMission report, published 10 April 2025")
    datetime.date(2025, 4, 10)
    """
    head = "\n".join(text.lstrip().splitlines()[:3])
    candidates: list[tuple[int, date]] = []
    for m in PUBLISHED.finditer(head):
        if re.search(r"\d\s?[-–]\s?$", head[: m.start()]):
            continue  # the end of a range ("1-31 March 2025") is not a publication date
        if m["iy"]:
            day = _safe(int(m["iy"]), int(m["im"]), int(m["id"]))
        elif m["year"]:
            day = _safe(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
        else:
            day = _safe(int(m["year2"]), MONTHS[m["month2"].lower()], int(m["day2"]))
        if day is not None:
            published = re.search(r"published\s+(?:on\s+)?$", head[: m.start()], re.IGNORECASE)
            candidates.append((0 if published else 1, day))
    if not candidates:
        return None
    return min(candidates, key=lambda item: item[0])[1]

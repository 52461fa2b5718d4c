"""Read a claim's figures and claimant from its own words.

A value is an integer with an optional qualifier (``>60``, ``>=45``, ``~100``, ``<24``) and an
optional ``h`` suffix for hours. Several figures share one row when metric and value are both
split by `` / ``; a parenthesised figure is a part of the one before it, named by the metric's
parenthesis ("shelling (heavy weapons)" with "901 (448)": 448 of the 901 were heavy weapons).

>>> [i.as_dict() for i in parse_items("shelling / assaults / drone uses", "387 / 19 / 290")][2]
{'metric': 'drone uses', 'qualifier': 'exactly', 'value': 290, 'unit': 'drone_use'}
>>> parse_items("qualitative", "") == ()
True
>>> parse_claimant("Russia (MFA M. Zakharova)")
Claimant(text='Russia (MFA M. Zakharova)', party='Russia', institution='MFA', \
speaker='M. Zakharova', citing=None)
"""

from __future__ import annotations

import re

from ceasefire.core.claims.model import Claimant, ClaimItem, Qualifier
from ceasefire.core.taxonomy import Unit

QUALIFIERS: dict[str, Qualifier] = {
    "": Qualifier.EXACTLY,
    ">": Qualifier.MORE_THAN,
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    ">=": Qualifier.AT_LEAST,
    "≥": Qualifier.AT_LEAST,
    "at least": Qualifier.AT_LEAST,
    "~": Qualifier.ABOUT,
    "about": Qualifier.ABOUT,
    "c.": Qualifier.ABOUT,
    "<": Qualifier.LESS_THAN,
    "fewer than": Qualifier.LESS_THAN,
    "<=": Qualifier.AT_MOST,
    "≤": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
}
"""Written qualifier → :class:`Qualifier`."""

METRIC_UNITS: tuple[tuple[str, Unit], ...] = (
    (r"drone use|fpv use|uav use|\buses\b", Unit.DRONE_USE),
    (r"violation", Unit.VIOLATION),
    (r"region", Unit.REGION),
    (r"attack|strike|\bhits?\b", Unit.ATTACK),
    (r"shelling|assault|clash", Unit.EPISODE),
    (r"object|facilit", Unit.OBJECT),
)
"""First pattern found in the metric (case-insensitive) gives the unit; otherwise ``other``.
A value written with ``h`` is in hours whatever the metric."""

INSTITUTIONS: tuple[str, ...] = (
    "General Staff",
    "MoD",
    "MFA",
    "Kremlin",
    "President",
    "TASS tally",
)
"""Institutions recognised at the start of a claimant's parenthesis; the rest names the speaker."""

_QUALIFIER_WORDS = "|".join(
    re.escape(word) for word in sorted(QUALIFIERS, key=len, reverse=True) if word
)
_FIGURE = re.compile(
    rf"^(?P<qualifier>{_QUALIFIER_WORDS})?\s*(?P<value>\d{{1,3}}(?:,\d{{3}})+|\d+)"
    rf"(?P<hours>\s*h)?(?:\s*\((?P<part>{_QUALIFIER_WORDS})?\s*(?P<part_value>\d[\d,]*)\))?$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"^(?P<name>.*?)\s*\((?P<part>[^()]*)\)\s*$")
_UNITS = tuple((re.compile(pattern, re.IGNORECASE), unit) for pattern, unit in METRIC_UNITS)


class FigureError(ValueError):
    """A value that looks like figures but cannot be read."""


def unit_of(metric: str) -> Unit:
    """The unit a metric counts in.

    >>> unit_of("FPV uses"), unit_of("alleged attacks"), unit_of("combat clashes")
    (<Unit.DRONE_USE: 'drone_use'>, <Unit.ATTACK: 'attack'>, <Unit.EPISODE: 'episode'>)
    """
    for pattern, unit in _UNITS:
        if pattern.search(metric):
            return unit
    return Unit.OTHER


def _is_figure(text: str) -> bool:
    return _FIGURE.match(text.strip()) is not None


def parse_items(metric: str, value: str) -> tuple[ClaimItem, ...]:
    """The figures of a claim; ``()`` when the value is not a figure ("qualitative", empty).

    Raises :class:`FigureError` when metric and value split into different numbers of parts,
    or one part of a multi-figure value is not a figure.
    """
    values = [v.strip() for v in value.split("/")] if value.strip() else []
    if not values or (len(values) == 1 and not _is_figure(values[0])):
        return ()
    metrics = re.split(r"\s*/\s*", metric.strip()) if len(values) > 1 else [metric.strip()]
    if len(metrics) != len(values):
        raise FigureError(
            f"{len(values)} figures for {len(metrics)} metrics; split both with ' / ' "
            "so that they pair up"
        )
    items: list[ClaimItem] = []
    for name, text in zip(metrics, values, strict=True):
        items.extend(_figure_items(name, text))
    return tuple(items)


def _figure_items(metric: str, text: str) -> list[ClaimItem]:
    match = _FIGURE.match(text)
    if match is None:
        raise FigureError(f"{text!r} is not a figure (expected e.g. 387, >400 or >=45)")
    hours = match["hours"] is not None
    name, part_name = metric, None
    if match["part_value"] is not None:
        paren = _PAREN.match(metric)
        name = paren["name"] if paren else metric
        part_name = f"{name}: {paren['part'] if paren else 'part'}"
    unit = Unit.HOUR if hours else unit_of(name)
    items = [ClaimItem(name, _qualifier(match["qualifier"]), _int(match["value"]), unit)]
    if part_name is not None:
        items.append(
            ClaimItem(
                part_name, _qualifier(match["part"]), _int(match["part_value"]), unit, part_of=name
            )
        )
    return items


def _qualifier(word: str | None) -> Qualifier:
    return QUALIFIERS[(word or "").lower()]


MAX_VALUE = 10**12
"""Figures above this are refused: no claim counts more, and hashed integers must stay exact."""


def _int(text: str) -> int:
    value = int(text.replace(",", ""))
    if value > MAX_VALUE:
        raise FigureError(f"{text} is larger than {MAX_VALUE}")
    return value


def parse_claimant(text: str) -> Claimant:
    """Party, institution, speaker and whom they cite, from "Party (institution speaker)"."""
    written = " ".join(text.split())
    paren = _PAREN.match(written)
    if paren is None:
        return Claimant(text=written, party=written)
    party, detail = paren["name"], paren["part"].strip()
    citing = None
    relay = re.search(r"\s+(?:citing|via)\s+", detail)
    if relay:
        detail, citing = detail[: relay.start()], detail[relay.end() :]
    institution = None
    for name in INSTITUTIONS:
        if detail == name or detail.startswith(name + " "):
            institution, detail = name, detail[len(name) :].strip()
            break
    return Claimant(
        text=written,
        party=party,
        institution=institution,
        speaker=detail or None,
        citing=citing or None,
    )

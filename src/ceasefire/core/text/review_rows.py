"""An accepted proposal as one row of our own file layouts (pure: dicts in, dicts out).

An accepted observation becomes one row of the observation CSV layout
(``ceasefire.core.observations.columns``), an accepted claim one row of the claims layout
(``ceasefire.core.claims.CLAIM_COLUMNS``); the review workflow writes the row to a file and
imports it through the ordinary ingest path, so validation and quarantine are those of any
import. Who files it: the writer's own reporting is ``media`` (the text's source); a claim a
party made is ``party_official`` with the claimant as source and provenance.

>>> row = observation_row({"type": "observation", "act": "shelling", "date": "2025-04-15",
...     "presented_as": "fact", "places": [], "span": [0, 9], "text": "Shelling."},
...     key="k", source="wire.txt", published=None)
>>> row["source_kind"], row["start"], row["end"], row["act"]
('media', '2025-04-15', '2025-04-16', 'shelling')
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

_QUALIFIER = {
    "exact": "",
    "more_than": ">",
    "at_least": ">=",
    "about": "~",
    "less_than": "<",
    "at_most": "<=",
}


class RowRefusedError(ValueError):
    """The proposal lacks what the layout needs (the message says what to give)."""


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _window(value: object) -> tuple[date, date] | None:
    """First day and the day after the last, from a date or a ``{start, end}`` range."""
    if isinstance(value, dict):
        first, last = _day(value.get("start")), _day(value.get("end"))
        if first is None:
            return None
        return first, (last or first) + timedelta(days=1)
    day = _day(value)
    return None if day is None else (day, day + timedelta(days=1))


def _precision(first: date, after: date) -> str:
    days = (after - first).days
    return "day" if days <= 2 else ("week" if days <= 7 else "longer")


def _claimant_text(claimant: dict[str, Any] | None) -> str:
    if not claimant:
        return ""
    party = claimant.get("party") or ""
    detail = " ".join(v for v in (claimant.get("institution"), claimant.get("speaker")) if v)
    if party and detail:
        return f"{party} ({detail})"
    return party or detail


def observation_row(
    body: dict[str, Any],
    *,
    key: str,
    source: str,
    published: date | None,
    when: str | None = None,
) -> dict[str, str]:
    """The observation CSV row of an observation proposal; ``when`` (a date) overrides its own.

    Raises :class:`RowRefusedError` when the proposal has no date and none is given.
    """
    window = _window(when or body.get("date"))
    if window is None:
        raise RowRefusedError("the proposal has no date: give one (--date YYYY-MM-DD)")
    first, after = window
    claimant = body.get("claimant") or None
    party_claim = body.get("presented_as") == "claim" and bool(claimant and claimant.get("party"))
    claimant_text = _claimant_text(claimant)
    row = {
        "key": key,
        "source_kind": "party_official" if party_claim else "media",
        "source_name": (claimant_text if party_claim else source)[:200],
        "derived_from": claimant_text[:200] if body.get("presented_as") == "claim" else "",
        "start": first.isoformat(),
        "end": after.isoformat(),
        "time_precision": _precision(first, after),
        "reported_at": published.isoformat() if published else "",
        "act": str(body.get("act") or ""),
        "target_class": str(body.get("target_class") or ""),
        "weapon_type": str(body.get("weapon") or ""),
        "perception": "reported",
        "alleged_perpetrator": str((body.get("accused") or {}).get("party") or ""),
        "claimant": claimant_text[:200],
        "text": str(body.get("text", ""))[:500],
    }
    places = [p for p in body.get("places") or [] if p.get("name")]
    if places:
        place = places[0]
        resolved = place.get("resolved") or {}
        row.update(
            location_kind="place",
            place_name=str(resolved.get("name") or place["name"]),
            admin1=str(resolved.get("admin1") or ""),
            country=str(resolved.get("country") or ""),
        )
    casualties = body.get("casualties") or {}
    for field, column in (("killed", "unk_killed"), ("injured", "unk_injured")):
        if casualties.get(field) is not None:
            row[column] = str(casualties[field])
            row["casualty_status"] = "reported"
    return row


def claim_row(
    body: dict[str, Any],
    *,
    key: str,
    published: date | None,
    period: str | None = None,
) -> dict[str, str]:
    """The claims CSV row of a claim proposal; ``period`` (as the claims layout writes it)
    overrides the proposal's own. Raises :class:`RowRefusedError` when the period has no start."""
    written = period
    if written is None:
        found = body.get("period") or {}
        first = _day(found.get("start")) if isinstance(found, dict) else _day(found)
        last = _day(found.get("end")) if isinstance(found, dict) else first
        if first is None:
            raise RowRefusedError(
                "the claim's period has no start: give it (--period '2025-04-19 .. 2025-04-21')"
            )
        written = first.isoformat() if last in (None, first) else f"{first} .. {last}"
    items = body.get("items") or []
    claimant = _claimant_text(body.get("claimant"))
    if not claimant:
        raise RowRefusedError("the claim names no claimant; it cannot be filed as a party's claim")
    return {
        "key": key,
        "claimant": claimant,
        "accused_party": str((body.get("accused") or {}).get("party") or ""),
        "period": written,
        "published": published.isoformat() if published else "",
        "metric": " / ".join(str(i["unit"]) for i in items),
        "value": " / ".join(f"{_QUALIFIER.get(i['qualifier'], '')}{i['value']}" for i in items),
        "breakdown": str(body.get("text", ""))[:500],
    }

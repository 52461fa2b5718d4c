"""Link a proposed negotiation event to a stance on an agreement's term or condition (pure).

Simple rules, each one said in the link's ``why`` so an analyst can check it:

1. the kind is a stance: proposal → ``proposes``, acceptance → ``accepts``, conditional
   acceptance → ``accepts_with_conditions``, rejection → ``rejects``, demand → ``demands``
   (meetings, warnings, threats, declarations and agreements reached are not stances);
2. the actor is a party of the agreement (text party keys such as ``russia`` map to the
   agreement's party codes such as ``RU`` by name);
3. the event has a date, within 45 days of one of the agreement's instruments;
4. the subject: a condition whose title words (at least two, or all of a one-word title) are
   in the sentence wins for a demand or a rejection (score 3); otherwise a term scored 2 for
   its duration ("30-day" and a term version of 30 days) plus 1 for its kind's words
   ("truce", "ceasefire" for a ceasefire term; "energy" for protected infrastructure; "Black
   Sea", "shipping" for a maritime term). One term or condition must stand out: a tie is no
   link.

The best-scoring agreement wins; a tie between agreements is no link (never a guess).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from ceasefire.core.agreement import Agreement

STANCE_OF_KIND = {
    "proposal": "proposes",
    "acceptance": "accepts",
    "conditional_acceptance": "accepts_with_conditions",
    "rejection": "rejects",
    "demand": "demands",
}
WINDOW_DAYS = 45
_KIND_WORDS = {
    "ceasefire": r"\b(?:ceasefire|cease-fire|truce|pause|cessation\s+of\s+hostilities)\b",
    "protected_infrastructure": r"\b(?:energy|power\s+(?:plants?|grid)|infrastructure)\b",
    "maritime": r"\b(?:Black\s+Sea|maritime|shipping|navigation|sea)\b",
    "monitoring": r"\b(?:monitor(?:s|ing)?|verification)\b",
    "heavy_weapon_withdrawal": r"\b(?:withdraw\w*|heavy\s+weapons?)\b",
}
_NAMES = {"russia": ("russian federation",), "united_states": ("united states of america", "usa")}
"""Other names of a text party key in agreements."""
_STOP = frozenset(("a", "an", "and", "the", "of", "or", "to", "for", "from", "by", "in", "on"))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def party_code(agreement: Agreement, key: str | None) -> str | None:
    """The agreement's code of a text party key (``russia`` → ``RU``), or ``None``.

    Matched on the party's name: ``united_states`` is "United States", ``russia`` is "Russian
    Federation".
    """
    if not key:
        return None
    wanted = {key.replace("_", " ").casefold(), *_NAMES.get(key, ())}
    for party in agreement.parties:
        if party.name.casefold() in wanted or party.code.casefold() in wanted:
            return party.code
    return None


def _event_day(value: Any) -> date | None:
    if isinstance(value, str):
        return _iso(value)
    if isinstance(value, dict):
        return _iso(value.get("start")) or _iso(value.get("end"))
    return None


def _iso(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _condition(agreement: Agreement, sentence: str) -> tuple[str, str] | None:
    words = _words(sentence)
    hits = []
    for condition in agreement.conditions:
        title = _words(condition.title)
        shared = title & words
        if len(shared) >= 2 or (title and shared == title):
            hits.append((len(shared), condition.id, ", ".join(sorted(shared))))
    hits.sort(reverse=True)
    if not hits or (len(hits) > 1 and hits[0][0] == hits[1][0]):
        return None
    return hits[0][1], f"condition title words in the sentence: {hits[0][2]}"


def _term(agreement: Agreement, sentence: str) -> tuple[str, str, int] | None:
    """The term the sentence is about: 2 points for its duration ("30-day" and a version of
    30 days), 1 for its kind's words; the one best term with at least a point, or ``None``."""
    durations = {int(d) for d in re.findall(r"\b(\d{1,3})[- ]day\b", sentence)}
    scored = []
    for term in agreement.terms:
        if term.retired:
            continue
        days = {v.duration_days for v in term.versions.values() if v.duration_days} & durations
        pattern = _KIND_WORDS.get(term.kind.value)
        worded = bool(pattern and re.search(pattern, sentence, re.IGNORECASE))
        reasons = [f"a {min(days)}-day term"] if days else []
        reasons += [f"words of a {term.kind.value} term"] if worded else []
        score = 2 * bool(days) + worded
        if score:
            scored.append((score, term.id, f"{term.id}: " + " and ".join(reasons)))
    scored.sort(key=lambda item: -item[0])
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1], scored[0][2], scored[0][0]


def stance_link(event: dict[str, Any], agreement: Agreement) -> dict[str, Any] | None:
    """The stance a negotiation event proposal (its JSON) states on ``agreement``, or ``None``.

    The link: ``agreement``, ``term`` or ``condition``, ``party``, ``stance``, ``conditions``
    as written, and ``why`` (the rules that matched).
    """
    stance = STANCE_OF_KIND.get(str(event.get("kind")))
    if stance is None:
        return None
    actor = event.get("actor") or {}
    party = party_code(agreement, actor.get("party"))
    if party is None:
        return None
    day = _event_day(event.get("date"))
    dates = [i.date for i in agreement.instruments]
    if day is None or not any(abs((day - d).days) <= WINDOW_DAYS for d in dates):
        return None
    sentence = str(event.get("text", ""))
    why = [f"{event.get('kind')} is a stance ({stance})", f"actor {actor.get('party')} is {party}"]
    why.append(f"dated {day}, within {WINDOW_DAYS} days of an instrument")
    subject: tuple[str, str, int] | None = None
    key = "term"
    if stance in ("demands", "rejects"):
        found = _condition(agreement, sentence)
        subject, key = (None, "term") if found is None else ((*found, 3), "condition")
    if subject is None:
        subject = _term(agreement, sentence)
    if subject is None:
        return None
    return {
        "agreement": agreement.id,
        key: subject[0],
        "party": party,
        "stance": stance,
        "conditions": list(event.get("conditions") or []),
        "score": subject[2],
        "why": [*why, subject[1]],
    }


def best_link(event: dict[str, Any], agreements: Sequence[Agreement]) -> dict[str, Any] | None:
    """The link on the one agreement whose term or condition matches best (``score``: a
    duration 2, kind words 1, a condition 3); a tie between agreements is no link."""
    scored = []
    for agreement in agreements:
        link = stance_link(event, agreement)
        if link is not None:
            scored.append((int(link["score"]), link))
    if not scored:
        return None
    scored.sort(key=lambda item: -item[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]

"""One sentence read with the rules: the records it proposes and the facts the walk needs.

:func:`read_sentence` applies the act, claim, negotiation and attribution rules to one
sentence of a text; :class:`Reading` carries what is known about the whole text (its genre,
conflict, author, places and dates) and who spoke last, for "he said".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Literal

from ceasefire.core.text.proposals import (
    Actor,
    Casualties,
    Claim,
    Claimant,
    ClaimItem,
    DateMention,
    NegotiationEvent,
    Observation,
    Place,
    PlaceMention,
    Proposal,
    TimeOfDay,
    When,
)
from ceasefire.core.text.rules_acts import EVENT_VERB, find_act, find_casualties, find_target
from ceasefire.core.text.rules_attribution import PRONOUN, Attribution, Genre, find_attribution
from ceasefire.core.text.rules_claims import AGGREGATE_CUE, claim_items, claim_period
from ceasefire.core.text.rules_negotiation import conditions, negotiation_kinds, subject
from ceasefire.core.text.rules_parties import Context, PartyMention, find_parties

_NEGATED = re.compile(
    r"\b(?:denied|deny|denies|did\s+not|had\s+not|has\s+not|have\s+not|were\s+not|was\s+not|"
    r"never|no\s+(?:ceasefire\s+)?violations|not\s+observed|not\s+(?:been\s+)?recorded)\b",
    re.I,
)
_BACKGROUND = re.compile(
    r"\b(?:has|have)\s+been\s+\w+\s+(?:almost\s+)?(?:daily|regularly|repeatedly)|"
    r"\b(?:has|have)\s+come\s+under\b|\bsince\s+(?:19|20)\d\d\b|\balmost\s+daily\b|"
    r"\b(?:has|have)\s+been\s+held\b",
    re.I,
)
_NOT_EVENT_BEFORE = re.compile(
    r"(?:\bto|\bwould|\bwill|\bcould|\bnot|\bnever|\bfrom|\bstop|\bhalt(?:ed)?|\bban\s+on|"
    r"\bbreaking|\bcontinuing)\s+(?:\w+\s+)?$",
    re.I,
)
_PREVIOUS = re.compile(
    r"\b(?:compared\s+(?:with|to)|up\s+from|down\s+from|against)\s+"
    r"(?=[\d,]+\s+in\s+the\s+previous)"
)
_CASUALTY_UNITS = frozenset({"killed", "injured"})
_OWN_FORCES = re.compile(r"\b(?:its|our)\s+(?:forces|troops|units|defenders|army)\b", re.I)
_GENERIC_ACTOR = re.compile(
    r"\b(?:[Tt]he\s+)?(?:[Mm]ediators|[Bb]oth\s+sides|[Tt]he\s+parties|[Tt]he\s+warring\s+parties)"
    r"\b"
)
_WE = re.compile(r"\b(?:We|we|The\s+movement|the\s+movement|It|it)\b")
_COUNTRY_PARTY = {
    "UA": "ukraine",
    "RU": "russia",
    "IL": "israel",
    "AZ": "azerbaijan",
    "AM": "armenia",
    "LB": "lebanon",
}


@dataclass(slots=True)
class Reading:
    """What the walk knows about the whole text, and who spoke last."""

    text: str
    published: date | None
    places: tuple[PlaceMention, ...]
    dates: tuple[DateMention, ...]
    context: Context
    genre: Genre
    default_claimant: Claimant | None
    parties: tuple[PartyMention, ...] = ()
    last_claimant: Claimant | None = None
    last_places: frozenset[str] = frozenset()


@dataclass(slots=True)
class SentenceFacts:
    """The proposals one sentence makes and what the walk needs to join sentences."""

    proposals: list[Proposal] = field(default_factory=list)
    observation: Observation | None = None
    casualties: Casualties | None = None
    claimant: Claimant | None = None
    attribution: Attribution | None = None
    has_claim: bool = False
    has_negotiation: bool = False
    new_place: bool = False


def _claimant(
    reading: Reading, attribution: Attribution | None, start: int, places: list[PlaceMention]
) -> Claimant | None:
    if attribution is None:
        return reading.default_claimant
    who = attribution.as_written
    if PRONOUN.match(who) and reading.last_claimant is not None:
        return reading.last_claimant
    mentions = [m for m in find_parties(who, reading.context) if m.party]
    party = mentions[0].party if mentions else None
    if party is None and attribution.is_role:
        countries = [p.place.resolved.country for p in places if p.place.resolved]
        party = _COUNTRY_PARTY.get(countries[0]) if countries else None
    if party is None and reading.default_claimant is not None and re.match(r"(?i)the\s", who):
        party = reading.default_claimant.party
    if attribution.is_role:
        return Claimant(who, None, party)
    return Claimant(None, who, party)


def _when(reading: Reading, start: int, end: int) -> tuple[When, TimeOfDay | None]:
    when: When = None
    tod: TimeOfDay | None = None
    for mention in reading.dates:
        if start <= mention.start < end:
            if when is None and mention.when is not None:
                when = mention.when
            if tod is None and mention.time_of_day is not None:
                tod = mention.time_of_day
    return when, tod


def _places(
    mentions: list[PlaceMention], attribution: Attribution | None, offset: int, prefer_places: bool
) -> tuple[Place, ...]:
    chosen = [
        m
        for m in mentions
        if attribution is None
        or not (offset + attribution.start <= m.start < offset + attribution.end)
    ]
    if prefer_places and any(m.place.level == "place" for m in chosen):
        chosen = [m for m in chosen if m.place.level == "place"]
    seen: set[str] = set()
    out: list[Place] = []
    for m in chosen:
        if m.place.name not in seen:
            seen.add(m.place.name)
            out.append(m.place)
    return tuple(out)


def _accused(
    parties: list[PartyMention],
    claimant: Claimant | None,
    sentence: str,
    attribution: Attribution | None,
) -> Actor | None:
    outside = [
        p
        for p in parties
        if attribution is None or not (attribution.start <= p.start < attribution.end)
    ]
    own = _OWN_FORCES.search(sentence)
    for p in outside:
        if own and own.start() < p.start:
            break
        if claimant is not None and p.party == claimant.party and not own:
            continue
        return Actor(p.party, p.as_written)
    if own and claimant is not None:
        return Actor(claimant.party, own.group(0))
    return None


def _event_at(sentence: str) -> int | None:
    """Where the first verb telling that something happened starts, or ``None``."""
    for m in EVENT_VERB.finditer(sentence):
        if not _NOT_EVENT_BEFORE.search(sentence[: m.start()]):
            return m.start()
    return None


def _negated(sentence: str, event_at: int) -> bool:
    """A denial or negation before the event verb ("denied shelling", "had not observed")."""
    return bool(_NEGATED.search(sentence[: event_at + 12]))


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Coordinated clauses telling separate acts: "…, killing seven, and launched drones…"."""
    cuts = [
        m.start()
        for m in re.finditer(
            r",\s+and\s+(?=(?:\w+\s+)?(?:launched|fired|"
            r"shelled|struck|attacked|hit|dropped)\b)",
            sentence,
        )
    ]
    bounds = [0, *cuts, len(sentence)]
    return list(pairwise(bounds))


def read_sentence(reading: Reading, start: int, end: int) -> SentenceFacts:
    """The proposals of ``text[start:end]`` and the facts the walk needs."""
    text = reading.text
    s = text[start:end]
    facts = SentenceFacts()
    attribution = find_attribution(s)
    facts.attribution = attribution
    mentions = [m for m in reading.places if start <= m.start < end]
    claimant = _claimant(reading, attribution, start, mentions)
    facts.claimant = claimant
    parties = [
        PartyMention(p.start - start, p.end - start, p.party, p.as_written)
        for p in reading.parties
        if start <= p.start < end
    ]
    when, tod = _when(reading, start, end)
    names = {m.place.name for m in mentions if m.place.level == "place"}
    facts.new_place = bool(names - reading.last_places) and not re.search(r"\bdistrict\b", s)
    presented: Literal["fact", "claim"] = (
        "claim" if attribution is not None or reading.genre == "statement" else "fact"
    )
    if reading.genre == "monitoring" and attribution is None:
        presented = "fact"

    items = claim_items(s)
    only_casualties = bool(items) and all(i.unit in _CASUALTY_UNITS for i in items)
    aggregate = bool(AGGREGATE_CUE.search(s))
    period_cue = re.search(
        r"\b(?:since|over\s+the\s+past|in\s+the\s+past|during|weeks|same\s+"
        r"period|verified|in\s+[A-Z][a-z]+\s+\d{4})\b",
        s,
    )
    if items and ((only_casualties and period_cue) or (not only_casualties and aggregate)):
        facts.has_claim = True
        accused = _accused(parties, claimant, s, attribution)
        claim_places = _places(mentions, attribution, start, prefer_places=False)
        split = _PREVIOUS.search(s)
        groups = [(s, items)]
        if split:
            now, then = claim_items(s[: split.start()]), claim_items(s[split.start() :])
            figure = re.search(r"[\d,]+", s[split.end() :])
            if now and not then and figure:
                value = int(figure.group(0).replace(",", ""))
                then = [ClaimItem("exact", value, now[-1].unit)]
            if now and then:
                groups = [(s[: split.start()], now), (s[split.start() :], then)]
        for part, part_items in groups:
            facts.proposals.append(
                Claim(
                    (start, end),
                    s,
                    claimant,
                    accused,
                    claim_period(part, reading.published),
                    tuple(part_items),
                    claim_places,
                )
            )

    kinds = negotiation_kinds(s)
    if reading.genre == "opinion" and attribution is None:
        kinds = [(k, at) for k, at in kinds if k not in ("demand", "warning", "threat")]
    separately = bool(re.search(r"\bseparate(?:ly)?\b|\bBoth\s+\w+\s+and\b", s))
    for kind, at in kinds:
        facts.has_negotiation = True
        before = [p for p in parties if p.start < at]
        after = [p for p in parties if p.start >= at]
        generic = _GENERIC_ACTOR.search(s[:at])
        actor: Actor
        actors: list[Actor] = []
        if before and separately:
            run = [before[-1]]
            for p in reversed(before[:-1]):
                if re.fullmatch(r"\s+and\s+(?:the\s+)?", s[p.end : run[0].start]):
                    run.insert(0, p)
                else:
                    break
            if len(run) > 1:
                actors = [Actor(p.party, p.as_written) for p in run]
        if before:
            last = before[-1]
            actor = Actor(last.party, last.as_written)
        elif generic:
            actor = Actor(None, generic.group(0))
        else:
            we = _WE.search(s[:at])
            party = claimant.party if claimant else reading.context.author
            actor = Actor(
                party,
                we.group(0)
                if we
                else (claimant.institution or "")
                if claimant
                else "the statement",
            )
            if not actor.as_written:
                actor = Actor(party, "the statement")
        counters = [p for p in after if p.party and p.party != actor.party]
        counterpart = Actor(counters[0].party, counters[0].as_written) if counters else None
        pairs = [(a, counterpart) for a in actors] or [(actor, counterpart)]
        if kind == "meeting" and separately and not actors and len(counters) > 1:
            pairs = [
                (actor, Actor(c.party, c.as_written))
                for c in counters[:2]
                if re.search(r"\band\b", s[counters[0].end : counters[1].start])
            ]
            pairs = pairs or [(actor, counterpart)]
        conds = (
            tuple(conditions(s, at))
            if kind in ("conditional_acceptance", "proposal", "demand", "threat", "rejection")
            else ()
        )
        neg_when = when
        if neg_when is None and reading.genre == "statement":
            neg_when = reading.published
        for who, other in pairs:
            facts.proposals.append(
                NegotiationEvent(
                    (start, end),
                    s,
                    kind,
                    who,
                    other,
                    subject(s, at),
                    neg_when,
                    _places(mentions, attribution, start, prefer_places=False),
                    conds,
                )
            )

    casualties = find_casualties(s)
    facts.casualties = casualties
    earlier_year = reading.published is not None and any(
        int(y) < reading.published.year for y in re.findall(r"\b((?:19|20)\d\d)\b", s)
    )
    clauses = _clauses(s) if not facts.has_claim else [(0, len(s))]
    for a, b in clauses:
        clause = s[a:b]
        hit = find_act(clause)
        event_at = _event_at(clause)
        if hit is None or event_at is None or earlier_year or _BACKGROUND.search(clause):
            continue
        if _negated(clause, event_at):
            continue
        if (
            facts.has_claim
            and not re.search(r"\band\s+that\b", s)
            and not (only_casualties and casualties and hit.rank >= 2)
        ):
            continue
        if facts.has_negotiation and not re.search(
            r"\b(?:struck|shelled|hit|killed|attacked|fired\s+at|clashes|[Ff]ighting)\b", clause
        ):
            continue
        scope = clause if len(clauses) > 1 else s
        obs = Observation(
            (start, end),
            s,
            hit.act,
            find_target(scope, hit.act),
            hit.weapon,
            when,
            tod,
            _places(
                [m for m in mentions if start + a <= m.start < start + b],
                attribution,
                start,
                prefer_places=True,
            ),
            _accused(parties, claimant, s, attribution),
            claimant,
            find_casualties(scope) if len(clauses) > 1 else casualties,
            presented,
        )
        facts.observation = facts.observation or obs
        facts.proposals.append(obs)
        reading.last_places = frozenset(names)
    return facts

"""Turn one English text into proposed records: the extractor's entry point.

Pure: it takes the text, its sentence spans, the publication date and the places and dates
already found (by the gazetteer and the date resolver, both at the edge), and returns
proposals. Nothing here reads files or imports spaCy. The rules live in ``rules_*`` modules;
this module walks the sentences, keeps track of who is speaking, and joins the sentences
that tell one event into one proposal.

>>> text = "Russian drones struck a substation in Kharkiv, the regional governor said."
>>> [p.as_json()["act"] for p in extract(text, [(0, len(text))], None)]
['drone_strike']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ceasefire.core.text.proposals import (
    Claim,
    Claimant,
    DateMention,
    NegotiationEvent,
    Observation,
    Opinion,
    PlaceMention,
    Proposal,
)
from ceasefire.core.text.reading import Reading, SentenceFacts, read_sentence
from ceasefire.core.text.rules_acts import merge_casualties
from ceasefire.core.text.rules_attribution import (
    author_institution,
    dateline_end,
    genre_of,
    header_of,
)
from ceasefire.core.text.rules_opinion import is_opinion
from ceasefire.core.text.rules_parties import find_parties, text_context

_NEW_EVENT = re.compile(
    r"^(?:\w+\s+days?\s+(?:later|earlier)|A\s+day\s+(?:later|earlier)|The\s+same\s+day|Separately|Meanwhile|Elsewhere|Across|In\s+(?:the\s+)?[A-Z]|Later|Also|Earlier|"
    r"On\s+(?:the\s+)?(?:night|morning|evening|\d|[A-Z])|At\s+\d)",
)
_ANAPHOR = re.compile(
    r"^(?:(?:The|This|That|These)\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|drones?|missiles?|shells?|"
    r"rounds?|stations?|blasts?|explosions?|shelling|building|plant|facility|centre)|He|She|They|"
    r"It|As\s+a\s+result|No\s|Nobody|At\s+least|A\s+missile\s+hit|Explosions|Residents|"
    r"Rescuers|Firefighters|The\s+governor\s+said\s+the)\b|"
    r"^[A-Z][\w-]*(?:\s+[\w-]+){0,5}\s+(?:were|was)\s+(?:killed|injured|wounded|hurt)|"
    r"^(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|\d+)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:were|was)\b"
)


def _sentences(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for first, last in sentences:
        a, b = dateline_end(text, first), last
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def extract(
    text: str,
    sentences: Sequence[tuple[int, int]],
    published: date | None,
    places: Sequence[PlaceMention] = (),
    dates: Sequence[DateMention] = (),
) -> list[Proposal]:
    """Propose observations, claims, negotiation events and opinions found in ``text``.

    ``sentences`` are ``[start, end)`` character spans covering the text's sentences in order
    (a headline is a sentence; whitespace outside them is ignored). ``published`` is the date
    relative dates were resolved against (``None`` if unknown). ``places`` are the gazetteer's
    mentions and ``dates`` the resolved date expressions, each with offsets into ``text``; the
    extractor picks those inside a proposal's sentences. Proposals are returned in order of
    span start; each span covers whole sentences.
    """
    header = header_of(text)
    genre = genre_of(text)
    context = text_context(text, header)
    author = author_institution(header, genre)
    default_claimant = (
        Claimant(
            None,
            author,
            context.author or ("monitoring_mission" if genre == "monitoring" else None),
        )
        if author
        else None
    )
    reading = Reading(
        text=text,
        published=published,
        places=tuple(places),
        dates=tuple(dates),
        context=context,
        genre=genre,
        default_claimant=default_claimant,
        parties=tuple(find_parties(text, context)),
    )
    proposals: list[Proposal] = []
    last_observation: int | None = None  # index in proposals of the event still being told
    previous_end = -1
    story_started = not header
    first_span = True
    for start, end in _sentences(text, sentences):
        in_header = bool(header) and end <= len(header)
        headline = first_span
        first_span = False
        if in_header:
            if genre == "opinion" and headline and is_opinion(text[start:end], True, True):
                proposals.append(Opinion((start, end), text[start:end]))
            continue
        if not story_started and header:
            story_started = True
        facts = read_sentence(reading, start, end)
        joined = False
        if (
            last_observation is not None
            and not (facts.observation is None and is_opinion(text[start:end], genre == "opinion"))
            and _continues(text, previous_end, start, facts)
        ):
            old = proposals[last_observation]
            assert isinstance(old, Observation)
            proposals[last_observation] = _extend(old, facts, text, end)
            joined = True
        if not joined:
            last_observation = None
        for proposal in facts.proposals:
            if joined and isinstance(proposal, Observation):
                continue
            proposals.append(proposal)
            if isinstance(proposal, Observation):
                last_observation = len(proposals) - 1
        if isinstance(facts.claimant, Claimant):
            reading.last_claimant = facts.claimant
        if (
            not facts.proposals
            and not joined
            and facts.attribution is None
            and is_opinion(text[start:end], genre == "opinion")
        ):
            proposals.append(Opinion((start, end), text[start:end]))
        previous_end = end
    proposals.sort(key=lambda p: (p.span[0], p.span[1]))
    return proposals


def _continues(text: str, previous_end: int, start: int, facts: SentenceFacts) -> bool:
    """Whether this sentence goes on telling the previous sentence's event."""
    if "\n\n\n" in text[previous_end:start] or facts.has_claim or facts.has_negotiation:
        return False
    sentence = text[start : start + 80]
    if _NEW_EVENT.match(sentence) or facts.new_place:
        return False
    if facts.observation is None and (facts.casualties is not None or facts.attribution):
        return True
    if facts.observation is None and re.match(
        r"(?:Our|The)\s+(?:forces|mission|Mission)\b", sentence
    ):
        return True
    return bool(_ANAPHOR.match(sentence))


def _extend(old: Observation, facts: SentenceFacts, text: str, end: int) -> Observation:
    new = facts.observation
    casualties = merge_casualties(old.casualties, facts.casualties)
    claimant = old.claimant
    if claimant is None and facts.claimant is not None:
        claimant = facts.claimant
    elif claimant is not None and facts.claimant is not None and claimant.speaker is None:
        claimant = Claimant(facts.claimant.speaker, claimant.institution, claimant.party)
    presented = "claim" if claimant is not None and facts.attribution else old.presented_as
    return replace(
        old,
        span=(old.span[0], end),
        text=text[old.span[0] : end],
        casualties=casualties,
        claimant=claimant,
        presented_as=presented,
        target_class=old.target_class or (new.target_class if new else None),
        time_of_day=old.time_of_day or (new.time_of_day if new else None),
    )


__all__ = ["Claim", "NegotiationEvent", "extract"]

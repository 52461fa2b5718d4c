"""Who is who: actor nouns mapped to party keys, and the conflict a text is about.

Party keys are those of ``docs/text-intake.md``. Some nouns depend on the conflict ("the
army" is Sudan's army in a Sudan text, "the enemy" is the author's adversary): they resolve
through :class:`Context`, worked out once per text.

>>> [(m.party, m.as_written) for m in find_parties("Russian drones struck Kharkiv", Context())]
[('russia', 'Russian drones')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

# conflicts as pairs of adversaries; the first pair a text mentions most is its conflict
CONFLICTS: tuple[tuple[str, str], ...] = (
    ("russia", "ukraine"),
    ("israel", "hamas"),
    ("israel", "hezbollah"),
    ("sudan_saf", "sudan_rsf"),
    ("houthis", "saudi_coalition"),
    ("houthis", "yemen_government"),
    ("armenia", "azerbaijan"),
    ("drc", "m23"),
)

_FORCE = (
    r"(?:\s+(?:armed\s+)?(?:forces|troops|army|military|soldiers|fighters|units|artillery|"
    r"drones?|missiles?|aircraft|warplanes|jets|gunfire|fire|shelling|strikes?|air\s+strikes?|"
    r"drone\s+strikes?|attack\s+drones?|FPV\s+drones?|glide\s+bombs|tanks?|air\s+force|"
    r"delegation|side|government|authorities|officials?|air\s+defen[cs]e|navy|"
    r"armed\s+detachments|positions|shells|rockets|and\s+drones|artillery\s+and\s+drones))?"
)

# (pattern, party); tried in order, earlier wins on overlap
_FIXED: tuple[tuple[str, str], ...] = (
    (r"Russian-installed(?:\s+\w+){0,3}?\s+(?:administration|authorities)", "russia"),
    (r"the\s+Kiev\s+regime|the\s+Kyiv\s+regime", "ukraine"),
    (r"(?:the\s+)?armed\s+forces\s+of\s+Ukraine", "ukraine"),
    (r"(?:the\s+)?armed\s+forces\s+of\s+Armenia", "armenia"),
    (r"units\s+of\s+the\s+armed\s+forces\s+of\s+Armenia", "armenia"),
    (r"(?:illegal\s+)?Armenian\s+armed\s+detachments", "armenia"),
    (r"(?:the\s+)?Russian\s+Federation", "russia"),
    (r"Gaza(?:'s)?\s+(?:health\s+ministry|civil\s+defen[cs]e)", "gaza_authorities"),
    (r"(?:the\s+)?Rapid\s+Support\s+Forces", "sudan_rsf"),
    (r"Sudan(?:'s|ese)\s+(?:army|armed\s+forces)", "sudan_saf"),
    (r"(?:the\s+)?Saudi-led\s+coalition|coalition" + _FORCE, "saudi_coalition"),
    (r"(?:the\s+)?Yemeni\s+government(?:'s\s+\w+\s+ministry)?", "yemen_government"),
    (r"Congo(?:'s)?\s+government|Congolese\s+(?:troops|army|government|forces)", "drc"),
    (r"(?:the\s+)?Congo\s+River\s+Alliance", "m23"),
    (r"(?:the\s+)?(?:International\s+Atomic\s+Energy\s+Agency|IAEA)", "iaea"),
    (r"(?:the\s+)?African\s+Union", "au"),
    (r"(?:the\s+)?East\s+African\s+Community", "eac"),
    (r"(?:the\s+)?Southern\s+African\s+Development\s+Community", "sadc"),
    (r"(?:the\s+)?(?:European\s+Union|EU)", "eu"),
    (r"(?:the\s+)?UN(?:\s+special\s+envoy(?:'s\s+office)?|\s+Security\s+Council)?", "un"),
    (r"(?:the\s+)?United\s+Nations", "un"),
    (r"(?:the\s+)?United\s+States|U\.S\.|Washington", "united_states"),
    (
        r"(?:the\s+)?(?:Special\s+)?Monitoring\s+Mission|(?:the|a)\s+monitoring\s+(?:mission|group)",
        "monitoring_mission",
    ),
)

# adjective / name stems followed optionally by a force noun
_STEMS: tuple[tuple[str, str], ...] = (
    (r"Russia(?:'s)?|Russian|Moscow|the\s+Kremlin", "russia"),
    (r"Ukraine(?:'s)?|Ukrainian|Kyiv|Kiev", "ukraine"),
    (r"Israel(?:'s)?|Israeli|(?:the\s+)?IDF", "israel"),
    (r"Hamas", "hamas"),
    (r"Hezbollah", "hezbollah"),
    (r"Lebanon(?:'s)?|Lebanese", "lebanon"),
    (r"(?:the\s+)?RSF(?:'s)?", "sudan_rsf"),
    (r"(?:the\s+)?SAF", "sudan_saf"),
    (r"Houthis?|Houthi-run|Ansar\s+Allah", "houthis"),
    (r"Armenia(?:'s)?|Armenian|Yerevan", "armenia"),
    (r"Azerbaijan(?:'s)?|Azerbaijani|Baku", "azerbaijan"),
    (r"Kinshasa", "drc"),
    (r"(?:the\s+)?M23(?:-led)?(?:\s+rebel\s+group|\s+rebels|\s+fighters)?", "m23"),
    (r"Turkey|Turkish|Ankara", "turkey"),
    (r"Qatar(?:'s)?|Qatari", "qatar"),
    (r"Egypt(?:'s)?|Egyptian", "egypt"),
    (r"Saudi(?:\s+Arabia)?", "saudi_arabia"),
    (r"American", "united_states"),
)

# nouns whose party depends on the conflict: noun -> {conflict member present: party}
_CONTEXTUAL: tuple[tuple[str, dict[str, str]], ...] = (
    (
        r"(?:the|its|our)\s+(?:armed\s+forces|army)(?:'s\s+delegation)?|army\s+drones",
        {"sudan_saf": "sudan_saf", "azerbaijan": "azerbaijan", "drc": "drc"},
    ),
    (
        r"(?:the\s+)?(?:rebel\s+)?militia|(?:the\s+)?paramilitary(?:\s+group)?",
        {"sudan_rsf": "sudan_rsf"},
    ),
    (r"(?:the\s+)?rebels|(?:the\s+)?rebel\s+group", {"m23": "m23", "houthis": "houthis"}),
    (
        r"government\s+forces|(?:the\s+)?government",
        {"drc": "drc", "yemen_government": "yemen_government", "sudan_saf": "sudan_saf"},
    ),
    (r"(?:the\s+)?movement", {"hamas": "hamas"}),
)

# the author's adversary: resolved against the author's party
_ADVERSARY = (
    r"(?:the|an?)\s+(?:enemy|occupiers|occupation(?:\s+forces|\s+tank|\s+army)?|aggression)"
)


# one alternation, tried left to right at each position: fixed names, then nouns that depend
# on the conflict, then the author's adversary, then name stems with an optional force noun
_KINDS: list[tuple[str, str | dict[str, str] | None]] = []
_ALTERNATIVES: list[str] = []
for _pattern, _key in _FIXED:
    _KINDS.append(("fixed", _key))
    _ALTERNATIVES.append(_pattern)
for _pattern, _mapping in _CONTEXTUAL:
    _KINDS.append(("context", _mapping))
    _ALTERNATIVES.append("(?i:" + _pattern + ")")
_KINDS.append(("adversary", None))
_ALTERNATIVES.append("(?i:" + _ADVERSARY + ")")
for _pattern, _key in _STEMS:
    _KINDS.append(("fixed", _key))
    _ALTERNATIVES.append("(?:" + _pattern + ")" + _FORCE)
# every alternative starts with a capital letter or with one of these words (a cheap first
# test at each position; tests/core/text/test_rules_parties.py checks it keeps every match)
_FIRST_WORDS = (
    r"(?=[A-Z]|(?i:the|its|our|an?\s|armed|army|units|illegal|coalition|rebel|militia|"
    r"paramilitary|government|movement))"
)
_PARTY_PATTERN = (
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<g{i}>{alt})" for i, alt in enumerate(_ALTERNATIVES))
    + r")(?![\w-])"
)
_PARTY_RE = re.compile(_FIRST_WORDS + _PARTY_PATTERN)


@dataclass(frozen=True, slots=True)
class PartyMention:
    """A party named in the text at ``[start, end)``."""

    start: int
    end: int
    party: str | None
    as_written: str


@dataclass(slots=True)
class Context:
    """What a text is about: its conflict's parties and its author's party, if any."""

    parties: frozenset[str] = field(default_factory=frozenset)
    author: str | None = None

    def adversary(self) -> str | None:
        """The author's adversary in the text's conflict."""
        for a, b in CONFLICTS:
            if self.author == a and b in self.parties:
                return b
            if self.author == b and a in self.parties:
                return a
        return None


@lru_cache(maxsize=4)
def _matches(text: str, start: int, stop: int) -> tuple[tuple[int, int, int, str], ...]:
    """``(start, end, alternative, as written)`` of every match: one scan per text, whatever
    the context (a text is scanned once for its conflict and once more for its mentions)."""
    return tuple(
        (m.start(), m.end(), int((m.lastgroup or "g0")[1:]), m.group(0))
        for m in _PARTY_RE.finditer(text, start, stop)
    )


def find_parties(
    text: str, context: Context, start: int = 0, end: int | None = None
) -> list[PartyMention]:
    """Party mentions in ``text[start:end]`` (offsets into ``text``), in text order."""
    stop = len(text) if end is None else end
    found: list[PartyMention] = []
    for first, last, index, written in _matches(text, start, stop):
        kind, key = _KINDS[index]
        party: str | None
        if kind == "adversary":
            party = context.adversary()
        elif isinstance(key, dict):
            party = next((p for k, p in key.items() if k in context.parties), None)
            if party is None:
                continue
        else:
            party = key
        found.append(PartyMention(first, last, party, written))
    return found


def text_context(text: str, header: str) -> Context:
    """The conflict a text is about and, for a party's own statement, the author's party."""
    counts: Counter[str] = Counter()
    empty = Context()
    for mention in find_parties(text, empty):
        if mention.party is not None:
            counts[mention.party] += 1
    parties = frozenset(counts)
    author_mentions = [m.party for m in find_parties(header, Context(parties)) if m.party]
    author = author_mentions[0] if author_mentions else None
    if author is None and re.search(r"\bSanaa\b", header):
        author = "houthis"  # the armed forces "in Sanaa" are the Houthis'
    return Context(parties=parties, author=author)

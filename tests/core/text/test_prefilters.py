"""The speed-ups of text intake change no result: each cheap first test keeps every match.

Each guarded pattern starts with a lookahead on the characters (or words) its matches can start
with. Here the first characters are worked out from the parsed pattern and checked against the
guard, and guarded and unguarded patterns are run side by side on the dev corpus and on
generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.text import dates, rules_acts, rules_negotiation, rules_parties
from ceasefire.core.text.gazetteer import NOT_A_PLACE_BEFORE, _river_before

try:
    from re import _constants as C  # noqa: N812 - the constants' usual name
    from re import _parser as P  # noqa: N812
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]  # noqa: N812
    import sre_parse as P  # type: ignore[no-redef]  # noqa: N812

DEV = Path(__file__).parents[2] / "text" / "corpus" / "dev"
GUARD = re.compile(r"^\(\?=\[([^\]]*)\]\)")


def _first(items: list[tuple[object, object]]) -> tuple[set[str], bool] | None:
    """Possible first characters ('\\d' for a digit class) and whether it can match empty."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            return out | {chr(av)}, False  # type: ignore[arg-type]
        if op is C.IN:
            for kind, value in av:  # type: ignore[attr-defined]
                if kind is C.LITERAL:
                    out.add(chr(value))
                elif kind is C.RANGE:
                    out |= {chr(c) for c in range(value[0], value[1] + 1)}
                elif kind is C.CATEGORY and value is C.CATEGORY_DIGIT:
                    out.add("\\d")
                else:
                    return None
            return out, False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.SUBPATTERN:
            inner = _first(list(av[3]))  # type: ignore[index]
        elif op is C.BRANCH:
            results = [_first(list(b)) for b in av[1]]  # type: ignore[index]
            if any(r is None for r in results):
                return None
            inner = (set().union(*(r[0] for r in results if r)), any(r[1] for r in results if r))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, _, sub = av  # type: ignore[misc]
            found = _first(list(sub))
            inner = None if found is None else (found[0], found[1] or low == 0)
        else:
            return None
        if inner is None:
            return None
        out |= inner[0]
        if not inner[1]:
            return out, False
    return out, True


def _covers(compiled: re.Pattern[str]) -> None:
    guard = GUARD.match(compiled.pattern)
    assert guard is not None, compiled.pattern[:40]
    rest = compiled.pattern[guard.end() :]
    found = _first(list(P.parse(rest, compiled.flags)))
    assert found is not None and not found[1], rest[:60]
    allowed = {c.lower() for c in re.sub(r"\\d", "", guard[1])}
    digits = "\\d" in guard[1]
    for char in found[0]:
        if char == "\\d":
            assert digits, (char, rest[:60])
        elif char.isdigit():
            assert digits or char in allowed, (char, rest[:60])
        else:
            assert char.lower() in allowed, (char, rest[:60])


def test_each_date_pattern_guard_covers_its_first_characters() -> None:
    for compiled, _ in dates.PATTERNS:
        _covers(compiled)
    _covers(dates.TIME)
    _covers(dates.PART_OF_DAY)


def test_each_negotiation_and_casualty_guard_covers_its_first_characters() -> None:
    for _, compiled in rules_negotiation._TRIGGER_RE:
        _covers(compiled)
    _covers(rules_negotiation._BACKGROUND)
    _covers(rules_acts._NOBODY)
    _covers(rules_acts.CASUALTY_WORDS)


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s]


def test_the_party_guard_changes_no_match_on_the_dev_corpus() -> None:
    plain = re.compile(rules_parties._PARTY_PATTERN)
    for sentence in _sentences():
        guarded = [m.span() for m in rules_parties._PARTY_RE.finditer(sentence)]
        assert guarded == [m.span() for m in plain.finditer(sentence)], sentence


_LEXICON = [
    "the", "The", "THE", "its", "our", "an", "a", "armed", "army", "Army", "units", "illegal",
    "coalition", "rebel", "rebels", "militia", "paramilitary", "government", "movement",
    "enemy", "occupiers", "forces", "Russian", "Ukraine's", "Kyiv", "regime", "Hamas", "RSF",
    "Saudi-led", "Kremlin", "İts", "ARMY", "monitoring", "mission", "of", "drones", "-", ",",
]  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(_LEXICON), min_size=1, max_size=12))
def test_the_party_guard_changes_no_match_on_generated_text(words: list[str]) -> None:
    sentence = " ".join(words)
    plain = re.compile(rules_parties._PARTY_PATTERN)
    assert [m.span() for m in rules_parties._PARTY_RE.finditer(sentence)] == [
        m.span() for m in plain.finditer(sentence)
    ]


@settings(max_examples=50, deadline=None)
@given(
    st.text(alphabet="ab river lake\n\t", max_size=140),
    st.integers(min_value=0, max_value=140),
)
def test_looking_back_for_river_gives_the_full_search_answer(text: str, start: int) -> None:
    start = min(start, len(text))
    assert _river_before(text, start) == (NOT_A_PLACE_BEFORE.search(text[:start]) is not None)

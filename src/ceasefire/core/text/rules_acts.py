"""Military acts in a sentence: the act, its weapon, what was hit, and the casualties.

Lexicon entries are general English (and military-English) expressions compiled once; the
most specific act a sentence supports wins ("shelled" is ``shelling``, "MLRS" is
``shelling.mlrs``).

>>> find_act("Russian artillery shelled the town of Kupiansk on Tuesday.")
ActHit(act=<Act.SHELLING_ARTILLERY: 'shelling.artillery'>, weapon=<WeaponType.ARTILLERY: \
'artillery'>, start=8, rank=3)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ceasefire.core.taxonomy import Act, TargetClass
from ceasefire.core.text.proposals import Casualties
from ceasefire.core.weapons import WeaponType

A, W, T = Act, WeaponType, TargetClass

# (pattern, act, weapon, rank): higher rank = more specific
_ACT_LEXICON: tuple[tuple[str, Act, WeaponType | None, float], ...] = (
    (r"(?:GPS|signal)\s+(?:signal\s+)?interference|jamm(?:ing|ed)", A.UAV_JAMMING, None, 6),
    (
        r"prevented\s+(?:a|the|our)\s+(?:patrol|monitors?|team)|patrol\b[^.]{0,80}\b(?:was|were)\s+"
        r"(?:cancelled|blocked|stopped|turned\s+back|denied)|denied\s+(?:the\s+)?(?:patrol|mission|"
        r"monitors?)\s+(?:access|passage)",
        A.RESTRICTION_OF_MOVEMENT,
        None,
        6,
    ),
    (r"FPV(?:\s+drones?)?", A.DRONE_STRIKE_FPV, W.FPV_DRONE, 4),
    (
        r"Shaheds?|Gerans?|loitering\s+munitions?|kamikaze\s+drones?",
        A.DRONE_STRIKE_LOITERING,
        W.LOITERING_MUNITION,
        4,
    ),
    (
        r"dropped\s+(?:explosives|grenades?|bombs?|munitions?|an\s+explosive)",
        A.DRONE_STRIKE_BOMB_DROP,
        W.BOMBER_DRONE,
        4,
    ),
    (
        r"glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|KABs?",
        A.AIR_STRIKE_GLIDE_BOMB,
        W.GLIDE_BOMB,
        4,
    ),
    (
        r"Iskander(?:-M)?(?:\s+missiles?)?|ballistic\s+missiles?",
        A.MISSILE_STRIKE,
        W.BALLISTIC_MISSILE,
        3,
    ),
    (
        r"Kalibr(?:\s+cruise)?(?:\s+missiles?)?|cruise\s+missiles?|Kh-\d+\w*",
        A.MISSILE_STRIKE,
        W.CRUISE_MISSILE,
        3,
    ),
    (
        r"MLRS|multiple[- ]launch\s+rocket\s+systems?|multiple\s+rocket\s+launchers?|Grad|Uragan|"
        r"Smerch|HIMARS|rocket\s+fire|fired\s+rockets",
        A.SHELLING_MLRS,
        W.MLRS,
        3,
    ),
    (r"mortars?(?:\s+(?:rounds?|shells?|fire|bombs?))?", A.SHELLING_MORTAR, W.MORTAR, 3),
    (r"tanks?\s+(?:fired|shelled|shells?|fire)", A.SHELLING_TANK, W.TANK, 3),
    (
        r"(?:heavy\s+)?artillery(?:\s+(?:fire|shells?|rounds?))?",
        A.SHELLING_ARTILLERY,
        W.ARTILLERY,
        3,
    ),
    (
        r"heavy[- ]machine[- ]guns?(?:\s+fire)?|machine[- ]gun\s+fire",
        A.SMALL_ARMS_FIRE,
        W.HEAVY_MACHINE_GUN,
        3,
    ),
    (
        r"(?:fresh\s+|new\s+)?(?:land)?mines?\s+(?:laid|planted)|laid\s+(?:land)?mines|IEDs?|"
        r"improvised\s+explosive\s+devices?|roadside\s+bombs?",
        A.MINE_OR_IED,
        W.MINE,
        3,
    ),
    (
        r"trenches|fortifications?|sand\s+berms|berms|dugouts|engineering\s+work",
        A.FORTIFICATION_WORK,
        None,
        3,
    ),
    (
        r"combat\s+vehicles|armou?red\s+vehicles|stormed|assault\s+actions|assaults?",
        A.GROUND_ASSAULT,
        None,
        2.5,
    ),
    (
        r"air\s*strikes?|warplanes|fighter\s+jets|(?:Israeli|Russian|military)\s+aircraft|"
        r"aircraft\s+struck",
        A.AIR_STRIKE,
        W.AIRCRAFT,
        2,
    ),
    (r"helicopters?", A.AIR_STRIKE, W.HELICOPTER, 2),
    (r"aerial\s+bombs?|bombing\s+raids?", A.AIR_STRIKE, None, 2),
    (r"missiles?", A.MISSILE_STRIKE, None, 2),
    (r"drones?|UAVs?|unmanned\s+aerial\s+vehicles", A.DRONE_STRIKE, None, 2),
    (
        r"gunfire|small[- ]arms(?:\s+fire)?|sniper\s+fire|snipers?|shots|fired\s+at\s+(?:a\s+group|"
        r"people|civilians|suspects|crowds)|tracer\s+rounds?",
        A.SMALL_ARMS_FIRE,
        W.SMALL_ARMS,
        2,
    ),
    (r"shell(?:ed|ing|s)|bombarded|bombardment", A.SHELLING, None, 1),
    (
        r"clash(?:es|ed)?|fighting|firefights?|inflicted\s+(?:a\s+)?defeat|counterattacks|battles?",
        A.ARMED_CLASH,
        None,
        1,
    ),
    (
        r"pushed\s+into|advanced\s+(?:on|towards?)|offensive|attacked\b[^.]{0,40}\btimes|"
        r"attacked\s+(?:\w+\s+){0,2}positions",
        A.GROUND_ASSAULT,
        None,
        1.5,
    ),
    (r"explosions?|blasts?", A.UNKNOWN, None, 0),
)

_SIGHTING = re.compile(
    r"\b(?:saw|observed|spotted|seen|kept)\b[^.;]{0,60}?\b(?:tanks?|howitzers?|MLRS|"
    r"armou?red\s+vehicles|APCs?|IFVs?|warships|artillery\s+pieces|mortars)\b"
    r"(?![^.;]{0,40}\b(?:fir(?:e|ed|ing)|shell|struck|hit)\b)",
    re.I,
)
_SIGHTING_WEAPON = (
    (re.compile(r"tanks?\b", re.I), W.TANK),
    (re.compile(r"howitzers?|artillery\s+pieces", re.I), W.ARTILLERY),
    (re.compile(r"MLRS"), W.MLRS),
    (re.compile(r"mortars", re.I), W.MORTAR),
    (re.compile(r"Kalibr|cruise\s+missiles", re.I), W.CRUISE_MISSILE),
)

# one alternation over the lexicon, most specific first, scanned once per sentence
_ACT_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        f"(?P<a{i}>" + (f"(?i:{p})" if p[0].islower() else p) + ")"
        for i, (p, _, _, _) in enumerate(_ACT_LEXICON)
    )
    + r")(?![\w-])"
)

# a verb telling that something happened (past) or its outcome
EVENT_VERB = re.compile(
    r"(?<![\w-])(?:struck|shelled|attacked|bombed|pounded|stormed|targeted|raided|hit|fired|"
    r"launched|dropped|opened\s+fire|set\s+fire|crashed|subjected|fell|landed|exploded|"
    r"heard|saw|observed|spotted|recorded|prevented|cancelled|experienced|laid|"
    r"carried\s+out|inflicted|repelled|stopped|pushed|broke\s+out|erupted|were\s+reported|"
    r"damag(?:ed|ing)|destroy(?:ed|ing)|kill(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing)|"
    r"rang\s+out|kept|attack(?:ed|s)\s+(?:on|against)|caused\s+by|broke\s+out)(?![\w-])",
    re.I,
)

_TARGETS: tuple[tuple[str, TargetClass], ...] = (
    (r"nuclear\s+power\s+(?:plant|station)|NPP|nuclear\s+plant", T.ENERGY_NUCLEAR),
    (
        r"(?:electricity\s+|power\s+)?substations?|power\s+lines?|transformers?|"
        r"(?:power|electricity)\s+grid|transmission\s+lines?",
        T.ENERGY_TRANSMISSION,
    ),
    (
        r"(?:thermal\s+|hydroelectric\s+)?power\s+(?:station|plant)s?|power\s+generation",
        T.ENERGY_GENERATION,
    ),
    (r"dams?", T.ENERGY_DAM),
    (r"refiner(?:y|ies)", T.ENERGY_REFINERY),
    (
        r"pipelines?|pumping\s+stations?|gas\s+metering\s+stations?|compressor\s+stations?",
        T.ENERGY_PIPELINE,
    ),
    (r"(?:fuel|oil|gas)\s+(?:depots?|storage|tanks?)|tank\s+farms?", T.ENERGY_OIL_GAS_STORAGE),
    (r"gas\s+production|(?:oil|gas)\s+(?:fields?|wells?|production)", T.ENERGY_OIL_GAS_PRODUCTION),
    (r"energy\s+(?:facilities|facility|infrastructure|sites?)", T.ENERGY),
    (r"hospitals?|clinics?|medical|ambulances?", T.CIVILIAN_MEDICAL),
    (r"schools?|kindergartens?|universit(?:y|ies)|training\s+centre", T.CIVILIAN_EDUCATION),
    (r"ports?|grain\s+terminals?|harbou?rs?|port\s+infrastructure", T.CIVILIAN_PORT),
    (
        r"residential|apartment|private\s+houses?|houses|homes|neighbou?rhoods|"
        r"(?:five|\w+)-storey",
        T.CIVILIAN_RESIDENTIAL,
    ),
    (r"cargo\s+(?:ship|vessel)s?|civilian\s+(?:ship|vessel)s?", T.CIVILIAN_VESSEL),
    (r"bus(?:es)?|cars?|trucks?|trains?|railway|vehicles?\s+on\s+the\s+road", T.CIVILIAN_TRANSPORT),
    (r"patrols?|(?:the\s+)?[Mm]ission's|monitors'?|mini-UAV", T.MONITORS_ASSETS),
    (
        r"positions|troops|military|servicem[ae]n|soldiers|brigade|counterattacks|rocket\s+launchers?|"
        r"militants|fighters|infrastructure\s+object|military-industrial|army\s+positions",
        T.MILITARY,
    ),
    (
        r"civilians?|people|farmers?|residents|displaced|market|camp|village|cultural\s+centre|"
        r"enterprise|barn|woman|women|children|man\b|outskirts|districts?",
        T.CIVILIAN,
    ),
)
_TARGET_RE = [(re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])"), t) for p, t in _TARGETS]


@dataclass(frozen=True, slots=True)
class ActHit:
    """The most specific act found in a sentence, where it starts and how specific it is."""

    act: Act
    weapon: WeaponType | None
    start: int
    rank: float


def find_act(sentence: str) -> ActHit | None:
    """The most specific act the sentence names, or ``None``."""
    best: ActHit | None = None
    sighting = _SIGHTING.search(sentence)
    if sighting:
        weapon = next(
            (w for r, w in _SIGHTING_WEAPON if r.search(sentence, sighting.start())), None
        )
        return ActHit(A.WEAPON_SIGHTING, weapon, sighting.start(), 5)
    for m in _ACT_RE.finditer(sentence):
        _, act, weapon, rank = _ACT_LEXICON[int((m.lastgroup or "a0")[1:])]
        if best is None or rank > best.rank:
            best = ActHit(act, weapon, m.start(), rank)
    return best


def find_target(sentence: str, act: Act) -> TargetClass | None:
    """What the sentence says was hit, the most specific class first."""
    if act in (A.RESTRICTION_OF_MOVEMENT, A.UAV_JAMMING, A.FIRE_AT_MONITORS):
        return T.MONITORS_ASSETS
    if act in (A.ARMED_CLASH, A.GROUND_ASSAULT):
        return T.MILITARY if not re.search(r"civilians|village|people", sentence) else T.CIVILIAN
    if act in (A.WEAPON_SIGHTING, A.FORTIFICATION_WORK, A.UNKNOWN, A.MINE_OR_IED):
        return None
    for regex, target in _TARGET_RE:
        if regex.search(sentence):
            return target
    return None


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "dozen": 12,
}
NUM = r"(?:\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")"


def number_value(word: str) -> int | None:
    """``"2,935"`` → 2935, ``"seven"`` → 7, else ``None``."""
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


_Q = r"(?:(?:at\s+least|more\s+than|over|about|some|nearly)\s+)?"
_PERSONS = r"(?:\s+[\w-]+){0,4}?"
_KILLED = r"(?:killed|dead|died)"
_INJURED = r"(?:injured|wounded|hurt)"
_CAS_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:killing|killed)\s+" + _Q + r"(" + NUM + r")\b(?!\s*(?:%|per))", re.I), "k"),
    (
        re.compile(r"\b(?:injuring|injured|wounding|wounded)\s+" + _Q + r"(" + NUM + r")\b", re.I),
        "i",
    ),
    (
        re.compile(
            r"\b" + _Q + r"(" + NUM + r")" + _PERSONS + r"\s+(?:were|was|had\s+been|have\s+"
            r"been)\s+" + _KILLED,
            re.I,
        ),
        "k",
    ),
    (
        re.compile(
            r"\b" + _Q + r"(" + NUM + r")" + _PERSONS + r"\s+(?:were|was|had\s+been|have\s+"
            r"been)\s+" + _INJURED,
            re.I,
        ),
        "i",
    ),
    (
        re.compile(
            r"\b(?:killed|killing)\s+"
            + _Q
            + r"\d[\d,]*\s+and\s+(?:injur|wound)\w*\s+"
            + _Q
            + r"(\d[\d,]*)",
            re.I,
        ),
        "i",
    ),
    (
        re.compile(
            r"\b(?:killed|killing)\s+" + _Q + r"\w+(?:\s+\w+)?\s+and\s+(?:injuring|wounding)"
            r"\s+(" + NUM + r")",
            re.I,
        ),
        "i",
    ),
    (re.compile(r"\bkilled\s+\d[\d,]*\s+\w+\s+and\s+(\d[\d,]*)\b", re.I), "i"),
)
_NOBODY = re.compile(
    r"(?=[nc])(?:\b(?:no\s+one|nobody|no\s+(?:crew\s+members|people|civilians))\s+(?:was|were)"
    r"\s+(hurt|injured|wounded|killed)|\bno\s+casualties\b|causing\s+no\s+(?:casualties|"
    r"damage)|no\s+one\s+was\s+present)",
    re.I,
)


# every pattern of _CAS_PATTERNS contains one of these words: a sentence without them is
# not read with the patterns
CASUALTY_WORDS = re.compile(r"(?=[kiwhd])(?:kill|injur|wound|hurt|dead|died)", re.I)


def find_casualties(sentence: str) -> Casualties | None:
    """Killed and injured the sentence reports, or ``None`` when it is silent."""
    killed: int | None = None
    injured: int | None = None
    patterns = _CAS_PATTERNS if CASUALTY_WORDS.search(sentence) else ()
    for regex, kind in patterns:
        for m in regex.finditer(sentence):
            value = number_value(m.group(1))
            if value is None:
                continue
            if kind == "k" and killed is None:
                killed = value
            elif kind == "i" and injured is None:
                injured = value
    nobody = _NOBODY.search(sentence)
    if nobody:
        word = (nobody.group(1) or "").lower()
        if word in ("injured", "wounded"):
            injured = 0 if injured is None else injured
        else:
            killed = 0 if killed is None else killed
            injured = 0 if injured is None else injured
    if killed is None and injured is None:
        return None
    return Casualties(killed, injured)


def merge_casualties(a: Casualties | None, b: Casualties | None) -> Casualties | None:
    """Casualties of one event told in two sentences: the first figure of each kind wins."""
    if a is None or b is None:
        return a or b
    return Casualties(
        a.killed if a.killed is not None else b.killed,
        a.injured if a.injured is not None else b.injured,
    )

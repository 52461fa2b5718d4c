"""The layered taxonomy: signatures, acts, target classes, presence, interference, units.

Acts are named hierarchically with dots (``shelling.mlrs`` is a kind of ``shelling``) so a term
prohibiting ``shelling`` covers every kind of shelling, and a report that says only "shelling"
can still be held against a term about MLRS fire (as *indeterminate*, in [3/6]).
Every count states its :class:`Unit`, so unlike things are never compared.

>>> is_a(Act.SHELLING_MLRS, Act.SHELLING), is_a(Act.SHELLING, Act.SHELLING_MLRS)
(True, False)
>>> layer_of(Act.UAV_JAMMING)
<Layer.INTERFERENCE: 'interference'>
"""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    """The layers of DESIGN.md's taxonomy an act belongs to."""

    ACT = "act"
    PRESENCE = "presence"
    INTERFERENCE = "interference"


class Signature(StrEnum):
    """What a sensor or monitor perceives; the OSCE SMM counted each as one violation."""

    EXPLOSION = "explosion"
    PROJECTILE_IN_FLIGHT = "projectile_in_flight"
    MUZZLE_FLASH = "muzzle_flash"
    ILLUMINATION_FLARE = "illumination_flare"
    BURST_OR_SHOTS = "burst_or_shots"
    UNDETERMINED = "undetermined"


class Act(StrEnum):
    """What was done. Dotted names refine their parent."""

    SHELLING = "shelling"
    SHELLING_ARTILLERY = "shelling.artillery"
    SHELLING_MLRS = "shelling.mlrs"
    SHELLING_MORTAR = "shelling.mortar"
    SHELLING_TANK = "shelling.tank"
    SMALL_ARMS_FIRE = "small_arms_fire"
    ARMED_CLASH = "armed_clash"
    DRONE_STRIKE = "drone_strike"
    DRONE_STRIKE_FPV = "drone_strike.fpv"
    DRONE_STRIKE_LOITERING = "drone_strike.loitering"
    DRONE_STRIKE_BOMB_DROP = "drone_strike.bomb_drop"
    MISSILE_STRIKE = "missile_strike"
    AIR_STRIKE = "air_strike"
    AIR_STRIKE_GLIDE_BOMB = "air_strike.glide_bomb"
    GROUND_ASSAULT = "ground_assault"
    MINE_OR_IED = "mine_or_ied"
    # presence and movement
    WEAPON_SIGHTING = "weapon_sighting"
    TROOP_MOVEMENT = "troop_movement"
    FORTIFICATION_WORK = "fortification_work"
    WEAPONS_MISSING_FROM_STORAGE = "weapons_missing_from_storage"
    # interference with monitors
    RESTRICTION_OF_MOVEMENT = "restriction_of_movement"
    UAV_JAMMING = "uav_jamming"
    FIRE_AT_MONITORS = "fire_at_monitors"
    # reported, but not (yet) classified
    UNKNOWN = "unknown"


_PRESENCE = {
    Act.WEAPON_SIGHTING,
    Act.TROOP_MOVEMENT,
    Act.FORTIFICATION_WORK,
    Act.WEAPONS_MISSING_FROM_STORAGE,
}
_INTERFERENCE = {Act.RESTRICTION_OF_MOVEMENT, Act.UAV_JAMMING, Act.FIRE_AT_MONITORS}


def layer_of(act: Act) -> Layer:
    """The taxonomy layer of an act."""
    if act in _PRESENCE:
        return Layer.PRESENCE
    if act in _INTERFERENCE:
        return Layer.INTERFERENCE
    return Layer.ACT


def is_a(act: Act | str, kind: Act | str) -> bool:
    """True when ``act`` is ``kind`` or a refinement of it."""
    return act == kind or str(act).startswith(f"{kind}.")


class TargetClass(StrEnum):
    """What was hit. ``energy.*`` classes are what energy-moratorium terms protect."""

    ENERGY = "energy"
    ENERGY_GENERATION = "energy.generation"
    ENERGY_TRANSMISSION = "energy.transmission"
    ENERGY_REFINERY = "energy.refinery"
    ENERGY_PIPELINE = "energy.pipeline"
    ENERGY_OIL_GAS_STORAGE = "energy.oil_gas_storage"
    ENERGY_OIL_GAS_PRODUCTION = "energy.oil_gas_production"
    ENERGY_NUCLEAR = "energy.nuclear"
    ENERGY_DAM = "energy.dam"
    CIVILIAN = "civilian"
    CIVILIAN_RESIDENTIAL = "civilian.residential"
    CIVILIAN_MEDICAL = "civilian.medical"
    CIVILIAN_EDUCATION = "civilian.education"
    CIVILIAN_TRANSPORT = "civilian.transport"
    CIVILIAN_PORT = "civilian.port"
    CIVILIAN_VESSEL = "civilian.vessel"
    MONITORS_ASSETS = "monitors_assets"
    MILITARY = "military"
    UNKNOWN = "unknown"


class Unit(StrEnum):
    """The unit every figure states. ACLED counts events; parties count episodes or uses."""

    SIGNATURE = "signature"
    EPISODE = "episode"
    EVENT = "event"
    DRONE_USE = "drone_use"
    VIOLATION = "violation"
    ATTACK = "attack"
    OBJECT = "object"
    REGION = "region"
    PERSON = "person"
    HOUR = "hour"
    OTHER = "other"


class SourceKind(StrEnum):
    """Kinds of source. ACLED and UCDP are datasets: secondary codings of media."""

    MONITOR_TEAM = "monitor_team"
    SENSOR = "sensor"
    PARTY_OFFICIAL = "party_official"
    MEDIA = "media"
    NGO = "ngo"
    DATASET = "dataset"


class Reliability(StrEnum):
    """Admiralty scale, source axis: A completely reliable … E unreliable, F cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class Credibility(StrEnum):
    """Admiralty scale, information axis: 1 confirmed … 5 improbable, 6 cannot be judged."""

    CONFIRMED = "1"
    PROBABLY_TRUE = "2"
    POSSIBLY_TRUE = "3"
    DOUBTFUL = "4"
    IMPROBABLE = "5"
    CANNOT_BE_JUDGED = "6"


class TimePrecision(StrEnum):
    """How precisely the event time is known; the window carries the actual bounds."""

    MINUTE = "minute"
    HOUR = "hour"
    PART_OF_DAY = "part_of_day"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    LONGER = "longer"


class Perception(StrEnum):
    """How an observer knows: seen, heard, or from instruments/imagery."""

    SEEN = "seen"
    HEARD = "heard"
    SEEN_AND_HEARD = "seen_and_heard"
    IMAGERY = "imagery"
    REPORTED = "reported"

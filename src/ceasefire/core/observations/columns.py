"""The flat layout of an observation: one column per field, the same in CSV, the store and hashes.

This table is the single definition of what an observation holds. Our CSV layout uses these
names as headers; the store has one column per entry; the canonical bytes of a row are the
non-empty columns of this table in RFC 8785 form (see ``canonical.py``). Readers of other
layouts (ACLED, UCDP, GeoJSON) produce rows in this layout.

Column kinds:

``text``      free text (trimmed; empty means absent)
``int``       integer
``degrees``   decimal degrees in files; stored and hashed as integer micro-degrees
``time``      ISO 8601; a time without offset is read in the row's ``source_tz``; a date alone
              means 00:00 in that zone; stored as UTC
``enum``      one of a fixed vocabulary (see ``choices``)
``bool``      true/false (also yes/no, 1/0)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ceasefire.core.taxonomy import (
    Act,
    Credibility,
    Perception,
    Reliability,
    SourceKind,
    TargetClass,
    TimePrecision,
)
from ceasefire.core.weapons import WeaponType


class LocationKind(StrEnum):
    """The three ways an observation can say where."""

    POINT = "point"
    """A point with an uncertainty radius."""
    SECTOR = "sector"
    """The observer's position with bearing and distance ranges to what was observed."""
    PLACE = "place"
    """A place name still to resolve (with a country or region where given)."""


class CasualtyStatus(StrEnum):
    """Whether casualty figures are as reported or verified by the mission."""

    REPORTED = "reported"
    VERIFIED = "verified"


@dataclass(frozen=True, slots=True)
class Column:
    """One field of the flat observation layout."""

    name: str
    kind: str
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 500
    stored: bool = False
    """Also kept as its own database column for filtering (every field is in the canonical
    bytes, which are the record; columns are an index over them). Only what queries filter on:
    time, position, act, source and key, summary or not; every extra column costs each import."""


def _enum(
    name: str, enum: type[StrEnum], help_: str, *, required: bool = False, stored: bool = False
) -> Column:
    return Column(
        name, "enum", help_, required=required, choices=tuple(e.value for e in enum), stored=stored
    )


def _count(name: str, help_: str) -> Column:
    return Column(name, "int", help_, minimum=0, maximum=1_000_000)


COLUMNS: tuple[Column, ...] = (
    Column(
        "key",
        "text",
        "the source's own ID for this report; derived from content if absent",
        max_length=200,
        stored=True,
    ),
    _enum("source_kind", SourceKind, "who filed it", required=True),
    Column(
        "source_name",
        "text",
        "the source: a team, sensor, institution, outlet or dataset",
        required=True,
        max_length=200,
        stored=True,
    ),
    _enum(
        "reliability",
        Reliability,
        "Admiralty reliability of the source, A-F (default F)",
    ),
    _enum(
        "credibility",
        Credibility,
        "Admiralty credibility of this report, 1-6 (default 6)",
    ),
    Column(
        "derived_from",
        "text",
        "provenance: the original claimant when this repeats another "
        "source (a wire story quoting the General Staff is the General Staff)",
        max_length=200,
    ),
    Column("start", "time", "when it happened: start of the window", required=True, stored=True),
    Column(
        "end",
        "time",
        "when it happened: end of the window (default: start + precision)",
        stored=True,
    ),
    _enum("time_precision", TimePrecision, "how precisely the time is known"),
    Column(
        "source_tz", "text", "IANA time zone the source's times are in (default UTC)", max_length=64
    ),
    Column("reported_at", "time", "when the source reported it"),
    Column("received_at", "time", "when the mission received it (default: the import's time)"),
    _enum("location_kind", LocationKind, "point, sector or place (inferred when absent)"),
    Column("lat", "degrees", "point latitude, WGS84", minimum=-90, maximum=90, stored=True),
    Column("lon", "degrees", "point longitude, WGS84", minimum=-180, maximum=180, stored=True),
    Column(
        "radius_m",
        "int",
        "uncertainty radius of the point, metres",
        minimum=0,
        maximum=2_000_000,
    ),
    Column(
        "observer_lat",
        "degrees",
        "observer latitude (sector form)",
        minimum=-90,
        maximum=90,
        stored=True,
    ),
    Column(
        "observer_lon",
        "degrees",
        "observer longitude (sector form)",
        minimum=-180,
        maximum=180,
        stored=True,
    ),
    Column(
        "bearing_min_deg",
        "int",
        "bearing from observer to what was seen, from (0-359)",
        minimum=0,
        maximum=359,
    ),
    Column(
        "bearing_max_deg",
        "int",
        "bearing from observer, to (0-359; may wrap past 0)",
        minimum=0,
        maximum=359,
    ),
    Column(
        "distance_min_m", "int", "distance from observer, from (metres)", minimum=0, maximum=200_000
    ),
    Column(
        "distance_max_m", "int", "distance from observer, to (metres)", minimum=0, maximum=200_000
    ),
    Column("place_name", "text", "place name as reported", max_length=200),
    Column("admin1", "text", "region (oblast) as reported", max_length=200),
    Column("country", "text", "country as reported (ISO 3166-1 alpha-2 or name)", max_length=100),
    Column(
        "fire_from_bearing_deg",
        "int",
        "assessed direction the fire came FROM, a bearing "
        "from the impact (not the observer-to-impact bearing)",
        minimum=0,
        maximum=359,
    ),
    _enum(
        "act", Act, "what was done (layered taxonomy, docs/taxonomy.md)", required=True, stored=True
    ),
    _enum("target_class", TargetClass, "what was hit"),
    _enum("weapon_type", WeaponType, "weapon type from the global weapon taxonomy"),
    Column("weapon_calibre_mm", "int", "weapon calibre, mm", minimum=1, maximum=1000),
    Column("weapon_model", "text", "weapon model as reported, e.g. BM-21 Grad", max_length=100),
    Column("weapon_count", "int", "number of weapons seen (sightings)", minimum=0, maximum=100_000),
    _count("sig_explosion", "signatures: explosions"),
    _count("sig_projectile", "signatures: projectiles in flight"),
    _count("sig_muzzle_flash", "signatures: muzzle flashes"),
    _count("sig_flare", "signatures: illumination flares"),
    _count("sig_burst", "signatures: bursts or shots"),
    _count("sig_undetermined", "signatures: undetermined"),
    _enum("perception", Perception, "seen, heard, imagery or reported"),
    Column(
        "alleged_perpetrator",
        "text",
        "party or actor alleged to have done it",
        max_length=200,
    ),
    Column("claimant", "text", "who claims it (speaker and institution)", max_length=200),
    _count("civ_killed", "civilians killed"),
    _count("civ_injured", "civilians injured"),
    _count("mil_killed", "military killed"),
    _count("mil_injured", "military injured"),
    _count("unk_killed", "killed, status unknown"),
    _count("unk_injured", "injured, status unknown"),
    _count("killed_low", "killed in all, low estimate (datasets such as UCDP)"),
    _count("killed_high", "killed in all, high estimate"),
    _enum("casualty_status", CasualtyStatus, "casualty figures reported or verified"),
    Column(
        "is_summary",
        "bool",
        "true when the row summarises several events (UCDP "
        "event_clarity=2); summaries never merge with event rows",
        stored=True,
    ),
    Column("text", "text", "the report's own words", max_length=20_000),
    Column("evidence_url", "text", "evidence: capture URL", max_length=2000),
    Column("evidence_captured_at", "time", "evidence: capture time"),
    Column("evidence_collector", "text", "evidence: who collected it", max_length=200),
    Column("evidence_tool", "text", "evidence: capture tool", max_length=200),
    Column(
        "evidence_sha256", "text", "evidence: SHA-256 of the file (64 hex digits)", max_length=64
    ),
    Column(
        "evidence_phash",
        "text",
        "evidence: perceptual hash (hex), to spot re-uploads",
        max_length=64,
    ),
)

COLUMN_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
STORED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.stored)
"""Columns the store keeps as database columns, in layout order."""
SIGNATURE_COLUMNS: tuple[str, ...] = tuple(n for n in NAMES if n.startswith("sig_"))

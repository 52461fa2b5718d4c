"""Resolving reported place names to a point with an uncertainty radius (a small index).

Names match case-insensitively on the GeoNames name, ASCII name and alternate names (so
Kharkiv, Kharkov and Харків are one place). A name shared by places in different regions is
ambiguous: it resolves only when the reported region (``admin1``) picks one, and is otherwise left
unresolved, never guessed. The radius grows with the place's size. A fuller gazetteer with
fuzzy matching and proximity to the line of contact comes with text intake ([6/6]).

>>> index = PlaceIndex([
...     GazetteerEntry("Avdiivka", ("Авдіївка",), 37.75, 48.14, "Donetsk", 31940),
...     GazetteerEntry("Avdiivka", (), 32.43, 51.5, "Chernihiv", 600)])
>>> index.resolve("Avdiivka") is None
True
>>> index.resolve("авдіївка", admin1="Donetsk Oblast")
(37.75, 48.14, 5000)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A named place (from the gazetteer)."""

    name: str
    lon: float
    lat: float
    admin1: str


@dataclass(frozen=True)
class Plant:
    """A power plant from the registry (a possible target of energy strikes)."""

    name: str
    lon: float
    lat: float
    fuel: str


@dataclass(frozen=True)
class GazetteerEntry:
    """One populated place."""

    name: str
    alternate_names: tuple[str, ...]
    lon: float
    lat: float
    admin1: str
    population: int


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _region(text: str) -> str:
    words = [w for w in _norm(text).replace("-", " ").split() if w not in ("oblast", "region")]
    return " ".join(words)


def radius_for(population: int) -> int:
    """Uncertainty radius (m) of a point standing for a whole place."""
    if population >= 500_000:
        return 15_000
    if population >= 100_000:
        return 8_000
    if population >= 10_000:
        return 5_000
    return 3_000


class PlaceIndex:
    """Exact-name lookup over gazetteer entries; ambiguous names need a region."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self._by_name: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for entry in entries:
            for name in {_norm(entry.name), *(_norm(a) for a in entry.alternate_names if a)}:
                self._by_name[name].append(entry)

    def resolve(self, name: str, admin1: str | None = None) -> tuple[float, float, int] | None:
        """(lon, lat, radius_m) of the one place this name can mean, else ``None``."""
        found = self._by_name.get(_norm(name), [])
        if admin1:
            region = _region(admin1)
            found = [e for e in found if _region(e.admin1) == region] or (
                [] if len({_region(e.admin1) for e in found}) > 1 else found
            )
        unique = {(e.lon, e.lat): e for e in found}
        if len(unique) != 1:
            return None
        entry = next(iter(unique.values()))
        return entry.lon, entry.lat, radius_for(entry.population)

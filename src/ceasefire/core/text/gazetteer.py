"""Place names in English text, found and resolved with a gazetteer (pure: values in, values out).

A :class:`Gazetteer` is built from :class:`NamedPlace` values (the edge reads the shipped
GeoNames extract, its admin1 table and the curated supplement; see
``ceasefire.ingest.text.gazetteer``). :meth:`Gazetteer.mentions` scans a text with a token trie
over normalised names (case-folded, apostrophes dropped, hyphens as spaces, so Kharkiv, Kharkov
and Харків are one place) and returns
:class:`~ceasefire.core.text.proposals.PlaceMention` values, each resolved or left ``None``:

1. a name that is an entry's own name beats one that is only an alternate of others;
2. an ambiguous name is settled by a region named in the same sentence, then by the places
   named next to it ("Kostiantynivka, near Melitopol"), then by a region named elsewhere in the
   text, then by size (a city of 50,000+ against villages a tenth its size), then by proximity
   to the line of contact (the one candidate within 25 km);
3. a small place known only by a variant spelling that contradicts the region named in its
   sentence ("the village of Dubovoye" in the Belgorod region is not Zakarpattia's Dubove) is
   left unresolved: never a guess.

Names inside other names are not places: "Zaporozhye nuclear power plant", "Dnipro river",
"Donetsk Filtration Station".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ceasefire.core.text.proposals import Place, PlaceMention, Resolved


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


Level = Literal["place", "region", "country"]

TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ](?!s\b)[^\W\d_]+)*")
REGION_WORD = re.compile(
    r"[ \t]+(?P<word>regions?|oblasts?|provinces?|governorates?|states?|territory|"
    r"district|oblast's|region's)\b",
    re.IGNORECASE,
)
REGION_SUFFIX = {"region", "regions", "oblast", "oblasts", "province", "provinces", "governorate",
                 "governorates", "territory", "region's", "oblast's"}  # fmt: skip
NOT_A_PLACE_AFTER = re.compile(
    r"[ \t]+(?:river|reservoir|nuclear|npp|filtration|canal|estuary|hydroelectric|thermal|dam|"
    r"bridge|regional|sea|basin|delta|people'?s|gulf)\b",
    re.IGNORECASE,
)
NOT_A_PLACE_BEFORE = re.compile(r"\b(?:river|lake|mount|the\sriver)\s+$", re.IGNORECASE)
UNKNOWN_PLACE = re.compile(
    r"\b(?:village|town|city|settlement|locality|settlements|villages)\sof\s"
    r"(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)|"
    r"(?<![\w'’-])(?P<area>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s"
    r"(?P<word>governorate|province|territory|district|state|region))\b"
)
_JOINERS = frozenset((" ", "-", "‑", "- "))


def _river_before(text: str, start: int) -> bool:
    """Whether "river", "lake" or "mount" (and spaces) end right before ``start``.

    Same answer as ``NOT_A_PLACE_BEFORE.search(text[:start])``, looking back only as far as a
    match can start (the longest word, 9 characters, before the run of spaces).

    >>> _river_before("along the Dnipro near Kherson", 10), _river_before("the river  Don", 11)
    (False, True)
    """
    window = 64
    if start > window and not text[start - window : start].strip():
        return NOT_A_PLACE_BEFORE.search(text[:start]) is not None  # only spaces: look back fully
    return NOT_A_PLACE_BEFORE.search(text, max(0, start - window - 10), start) is not None


# English words that are also names in the gazetteer's alternate names.
COMMON_WORDS = _words(
    "a an and the of in on at by to from for with as or but not no is it its he she we they "
    "this that these those there here two three four five six seven ten both all any each "
    "some more most many few after before during since until while when where who which what "
    "why how mediators ministry army forces officials residents troops police people "
    "president governor monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december north "
    "south east west central northern southern eastern western upper lower new old great "
    "little big red white black green sea river lake field fields park station central "
    "hospital school market camp port ports energy power peace victory liberty union unity "
    "hope progress independence freedom separately later also however meanwhile despite "
    "according under over across between mir pole sovet druzhba zarya rassvet mayak "
    "komsomolets pravda iskra oktyabr"
)
COUNTRIES: dict[str, tuple[str, str]] = {
    "ukraine": ("UA", "Ukraine"),
    "russia": ("RU", "Russia"),
    "russian federation": ("RU", "Russia"),
    "israel": ("IL", "Israel"),
    "lebanon": ("LB", "Lebanon"),
    "sudan": ("SD", "Sudan"),
    "south sudan": ("SS", "South Sudan"),
    "yemen": ("YE", "Yemen"),
    "armenia": ("AM", "Armenia"),
    "azerbaijan": ("AZ", "Azerbaijan"),
    "democratic republic of congo": ("CD", "Democratic Republic of the Congo"),
    "democratic republic of the congo": ("CD", "Democratic Republic of the Congo"),
    "dr congo": ("CD", "Democratic Republic of the Congo"),
    "drc": ("CD", "Democratic Republic of the Congo"),
    "congo": ("CD", "Democratic Republic of the Congo"),
    "rwanda": ("RW", "Rwanda"),
    "egypt": ("EG", "Egypt"),
    "qatar": ("QA", "Qatar"),
    "saudi arabia": ("SA", "Saudi Arabia"),
    "turkey": ("TR", "Turkey"),
    "türkiye": ("TR", "Turkey"),
    "oman": ("OM", "Oman"),
    "syria": ("SY", "Syria"),
    "iran": ("IR", "Iran"),
    "iraq": ("IQ", "Iraq"),
    "jordan": ("JO", "Jordan"),
    "belarus": ("BY", "Belarus"),
    "moldova": ("MD", "Moldova"),
    "poland": ("PL", "Poland"),
    "united states": ("US", "United States"),
    "palestine": ("PS", "Palestine"),
    "switzerland": ("CH", "Switzerland"),
}
SALIENT_POPULATION = 50_000
TINY_POPULATION = 10_000
FRONT_KM = 25.0
PEER_KM = 100.0
FAR_KM = 120.0


@lru_cache(maxsize=65_536)
def normalise(name: str) -> tuple[str, ...]:
    """A name as the trie's key: case-folded tokens, apostrophes and accents of Latin dropped.

    >>> normalise("Mar'yinka") == normalise("Maryinka")
    True
    >>> normalise("Bilhorod-Dnistrovskyi")
    ('bilhorod', 'dnistrovskyi')
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return tuple(re.sub(r"['’ʼ]", "", t) for t in TOKEN.findall(folded))


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A gazetteer entry: what it resolves to, its names, position, size and front distance."""

    resolved: Resolved
    level: Level
    names: tuple[str, ...]
    alternate_names: tuple[str, ...] = ()
    lon: float | None = None
    lat: float | None = None
    population: int = 0
    front_km: float | None = None


@dataclass
class _Found:
    start: int
    end: int
    level: Level
    candidates: list[NamedPlace]
    sentence: int = -1
    resolved: Resolved | None = None
    variant: bool = False
    peers: list[NamedPlace] = field(default_factory=list)


def distance_km(a: NamedPlace, b: NamedPlace) -> float:
    """Great-circle distance between two entries with coordinates (km; ``inf`` if unknown)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _nearest(place: NamedPlace, others: list[NamedPlace]) -> float:
    return min(distance_km(place, other) for other in others)


def _base(region: str) -> str:
    words = [w for w in region.split() if w.casefold() not in ("oblast", "city", "region")]
    return " ".join(words)


class Gazetteer:
    """Finds and resolves place names; build it once (see the edge loader) and reuse it."""

    def __init__(self, places: Iterable[NamedPlace]) -> None:
        self._names: dict[tuple[str, ...], list[tuple[NamedPlace, bool]]] = defaultdict(list)
        self._regions: dict[tuple[str, ...], list[NamedPlace]] = defaultdict(list)
        self._admin1: dict[str, NamedPlace] = {}
        entries = list(places)
        for entry in entries:
            if entry.level == "region" and entry.resolved.source == "geonames_admin1":
                self._admin1[entry.resolved.name] = entry
            for name in entry.names:
                self._add(normalise(name), entry, True)
            for name in entry.alternate_names:
                self._add(normalise(name), entry, False)
        for key, country in COUNTRIES.items():
            code, name = country
            entry = NamedPlace(Resolved("country", code, name, code, None), "country", (key,))
            self._names[normalise(key)] = [(entry, True)]
        self._region_variants(entries)
        self._first = {key[0] for key in self._names} | {key[0] for key in self._regions}
        self._longest = max((len(k) for k in self._names), default=1)

    def _add(self, key: tuple[str, ...], entry: NamedPlace, primary: bool) -> None:
        if not key or (len(key) == 1 and (key[0] in COMMON_WORDS or len(key[0]) < 3)):
            return
        if entry.level == "region":
            self._regions[key].append(entry)
            if entry.resolved.source == "geonames_admin1":
                return  # "Donetsk" alone is the city; the oblast needs "region"
        bucket = self._names[key]
        if all(e is not entry for e, _ in bucket):
            bucket.append((entry, primary))

    def _region_variants(self, entries: list[NamedPlace]) -> None:
        """ "Kharkov region", "Kiev region": a region is also named by its capital's variants."""
        bases = {normalise(_base(n)): e for n, e in self._admin1.items() if not n.endswith("City")}
        for key, named in bases.items():
            self._regions[key].append(named)
        for entry in entries:
            if entry.level != "place" or entry.population < SALIENT_POPULATION:
                continue
            admin1 = entry.resolved.admin1 or ""
            region = self._admin1.get(admin1) or self._admin1.get(f"{_base(admin1)} Oblast")
            if region is None or region.resolved.name.endswith("City"):
                continue
            own = {normalise(n) for n in (*entry.names, *entry.alternate_names)}
            if normalise(_base(admin1)) in own:
                for key in own:
                    if key and region not in self._regions[key]:
                        self._regions[key].append(region)

    @property
    def size(self) -> int:
        """How many names the index knows."""
        return len(self._names)

    def find(self, text: str) -> list[tuple[int, int, Level, list[NamedPlace]]]:
        """Raw mentions: ``(start, end, level, candidates)``, before any disambiguation."""
        return [(f.start, f.end, f.level, f.candidates) for f in self._scan(text)]

    def mentions(self, text: str, sentences: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
        """Every place named in ``text``, resolved where the text settles it, in text order."""
        found = self._scan(text)
        for item in found:
            item.sentence = next(
                (i for i, (a, b) in enumerate(sentences) if a <= item.start < b), -1
            )
        self._settle(found)
        return [
            PlaceMention(f.start, f.end, Place(text[f.start : f.end], f.level, f.resolved))
            for f in found
        ]

    def _scan(self, text: str) -> list[_Found]:
        tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        keys = [(normalise(t) or ("",))[0] for _, _, t in tokens]
        # joined[j]: tokens j and j + 1 can be one name (a space or a hyphen between them)
        joined = [text[tokens[j][1] : tokens[j + 1][0]] in _JOINERS for j in range(len(tokens) - 1)]
        found: list[_Found] = []
        i = 0
        while i < len(tokens):
            word = tokens[i][2]
            if keys[i] not in self._first or word[0].islower():
                i += 1
                continue
            hit = self._longest_at(text, tokens, keys, joined, i)
            if hit is None:
                i += 1
                continue
            length, item = hit
            if item is not None:
                found.append(item)
            i += length
        found.extend(self._unknown(text, found))
        found.sort(key=lambda f: f.start)
        self._plural_regions(text, found)
        return found

    def _longest_at(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        keys: list[str],
        joined: list[bool],
        i: int,
    ) -> tuple[int, _Found | None] | None:
        run = 1  # how many tokens from i are joined into one possible name
        while i + run - 1 < len(joined) and run < self._longest and joined[i + run - 1]:
            run += 1
        for length in range(min(self._longest, len(tokens) - i, run), 0, -1):
            last = i + length - 1
            key = tuple(keys[i : last + 1])
            start, end = tokens[i][0], tokens[last][1]
            suffix = REGION_WORD.match(text, end)
            if suffix is not None and suffix["word"].casefold() in REGION_SUFFIX:
                regions = self._regions.get(key)
                if regions is not None or key in self._names:
                    word = suffix["word"].casefold()
                    stop = suffix.end() - (2 if word.endswith("'s") else 0)
                    if word.endswith("s") and not word.endswith("'s"):
                        stop = end  # "Kursk, Belgorod and Bryansk regions": each name alone
                    return length, _Found(start, stop, "region", list(regions or []))
            candidates = self._names.get(key)
            if candidates is None:
                whole = [r for r in self._regions.get(key, []) if r.level == "region"]
                if whole and len(key) == len(normalise(whole[0].resolved.name)):
                    return length, _Found(start, end, "region", whole)
                continue
            if NOT_A_PLACE_AFTER.match(text, end) or _river_before(text, start):
                return length, None
            following = re.match(r" ([A-Z][a-z]+)", text[end : end + 30])
            if (
                following is not None
                and normalise(following[1]) not in self._names
                and following[1].casefold() not in COMMON_WORDS
            ):
                return length, None  # a name inside a longer name
            primary = [e for e, p in candidates if p]
            chosen = primary or [e for e, _ in candidates]
            level: Level = chosen[0].level
            return length, _Found(start, end, level, chosen, variant=not primary)
        return None

    def _unknown(self, text: str, found: list[_Found]) -> list[_Found]:
        """ "the village of Dubovoye": a place the gazetteer does not know, left unresolved."""
        taken = {f.start for f in found}
        extra = []
        for m in UNKNOWN_PLACE.finditer(text):
            group = "name" if m["name"] else "area"
            first = m[group].split()[0].casefold()
            if m.start(group) in taken or first in COMMON_WORDS:
                continue
            if any(f.start <= m.start(group) < f.end for f in found):
                continue
            level: Level = "place" if m["word"] in (None, "district") else "region"
            extra.append(_Found(m.start(group), m.end(group), level, []))
        return extra

    def _plural_regions(self, text: str, found: list[_Found]) -> None:
        """ "Kursk, Belgorod and Bryansk regions": the names before a plural are regions too."""
        for index in range(len(found) - 1, 0, -1):
            head = found[index]
            after = REGION_WORD.match(text, head.end)
            if head.level != "region" or after is None or not after["word"].endswith("s"):
                continue
            j = index - 1
            while j >= 0 and re.fullmatch(
                r",\s|\s(?:and|or)\s|,\s(?:and|or)\s", text[found[j].end : found[j + 1].start]
            ):
                key = normalise(text[found[j].start : found[j].end])
                found[j].level = "region"
                found[j].candidates = list(self._regions.get(key, []))
                j -= 1

    def _settle(self, found: list[_Found]) -> None:
        for item in found:
            distinct = {c.resolved: c for c in item.candidates}
            if len(distinct) == 1:
                item.peers = list(distinct.values())
        for item in found:
            item.resolved = self._choose(item, found)

    def _choose(self, item: _Found, found: list[_Found]) -> Resolved | None:
        candidates = list({c.resolved: c for c in item.candidates}.values())
        if not candidates:
            return None
        same = [f for f in found if f is not item and f.sentence == item.sentence]
        regions = {p.resolved.name for f in same if f.level == "region" for p in f.peers}
        peers = [p for f in same if f.level == "place" for p in f.peers]
        if len(candidates) == 1:
            only = candidates[0]
            small = only.resolved.source == "geonames" and only.population < SALIENT_POPULATION
            tiny = small and (item.variant or only.population < TINY_POPULATION)
            if tiny and regions and only.resolved.admin1 not in regions:
                return None
            if item.variant and small and peers and _nearest(only, peers) > FAR_KM:
                return None
            return only.resolved
        return self._disambiguate(candidates, regions, peers, found)

    def _disambiguate(
        self,
        candidates: list[NamedPlace],
        regions: set[str],
        peers: list[NamedPlace],
        found: list[_Found],
    ) -> Resolved | None:
        in_region = [c for c in candidates if c.resolved.admin1 in regions]
        if len(in_region) == 1:
            return in_region[0].resolved
        if peers:
            if all(min(distance_km(c, p) for p in peers) > FAR_KM for c in candidates):
                return None
            near = [c for c in candidates if min(distance_km(c, p) for p in peers) <= PEER_KM]
            if len(near) == 1:
                return near[0].resolved
        named = {p.resolved.name for f in found if f.level == "region" for p in f.peers}
        in_text = [c for c in candidates if c.resolved.admin1 in named]
        if len(in_text) == 1:
            return in_text[0].resolved
        by_size = sorted(candidates, key=lambda c: -c.population)
        top, second = by_size[0], by_size[1]
        if top.population >= SALIENT_POPULATION and second.population * 10 <= top.population:
            return top.resolved
        front = [c for c in candidates if c.front_km is not None and c.front_km <= FRONT_KM]
        if len(front) == 1:
            return front[0].resolved
        return None

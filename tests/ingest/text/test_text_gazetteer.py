"""The shipped gazetteer: variants, disambiguation by region and context, never a guess."""

from __future__ import annotations

import pytest

from ceasefire.ingest.text.gazetteer import gazetteer_load_seconds, load_gazetteer


def _resolved(text: str) -> list[tuple[str, str, str | None]]:
    mentions = load_gazetteer().mentions(text, [(0, len(text))])
    return [
        (m.place.name, m.place.level, None if m.place.resolved is None else m.place.resolved.id)
        for m in mentions
    ]


@pytest.mark.parametrize("name", ["Kharkiv", "Kharkov", "Харків"])
def test_variants_resolve_to_one_entry(name: str) -> None:
    assert _resolved(f"Drones struck {name} overnight.") == [(name, "place", "706483")]


def test_soviet_era_name_resolves_to_the_current_place() -> None:
    assert _resolved("In the Krasnoarmeysk direction, units advanced.") == [
        ("Krasnoarmeysk", "place", "704422")
    ]


def test_region_named_in_the_sentence_settles_an_ambiguous_name() -> None:
    found = _resolved("A drone crashed in the village of Avdiivka in northern Chernihiv region.")
    assert ("Avdiivka", "place", "713120") in found
    found = _resolved("Shelling near Avdiivka, Donetsk region, continued.")
    assert ("Avdiivka", "place", "713122") in found


def test_a_variant_contradicting_the_region_stays_unresolved() -> None:
    found = _resolved("In the Belgorod region, a drone hit the village of Dubovoye.")
    assert ("Dubovoye", "place", None) in found
    assert ("Belgorod region", "region", "RU.09") in found


def test_names_inside_other_names_are_not_places() -> None:
    found = _resolved(
        "A drone hit the Zaporozhye nuclear power plant. The Donetsk Filtration Station and "
        "the Dnipro river."
    )
    assert found == []


def test_regions_countries_and_supplement() -> None:
    found = _resolved(
        "Russia shelled the Kursk region, Ukraine said; Khan Younis in the Gaza Strip."
    )
    assert ("Russia", "country", "RU") in found
    assert ("Kursk region", "region", "RU.41") in found
    assert ("Khan Younis", "place", "SUP-0012") in found
    assert ("Gaza Strip", "region", "SUP-0010") in found


def test_admin1_codes_follow_geonames_not_iso() -> None:
    assert ("Luhansk region", "region", "UA.14") in _resolved("Fighting in Luhansk region.")


def test_gazetteer_load_time_is_recorded() -> None:
    load_gazetteer()
    assert 0 < gazetteer_load_seconds() < 30

"""Figures, qualifiers, units and claimants read from a claim's own words."""

from __future__ import annotations

import pytest

from ceasefire.core.claims import ClaimItem, Qualifier, parse_claimant, parse_items, unit_of
from ceasefire.core.claims.items import FigureError
from ceasefire.core.taxonomy import Unit


@pytest.mark.parametrize(
    ("value", "qualifier", "number"),
    [("8", Qualifier.EXACTLY, 8), (">60", Qualifier.MORE_THAN, 60),
     (">=45", Qualifier.AT_LEAST, 45), ("~100", Qualifier.ABOUT, 100),
     ("about 100", Qualifier.ABOUT, 100), ("<24", Qualifier.LESS_THAN, 24),
     ("1,300", Qualifier.EXACTLY, 1300), ("more than 2000", Qualifier.MORE_THAN, 2000)],
)  # fmt: skip
def test_single_figure_with_qualifier(value: str, qualifier: Qualifier, number: int) -> None:
    (item,) = parse_items("violations", value)
    assert (item.qualifier, item.value, item.unit) == (qualifier, number, Unit.VIOLATION)


def test_hours_suffix_overrides_the_metric_unit() -> None:
    assert parse_items("declared window", "30h") == (
        ClaimItem("declared window", Qualifier.EXACTLY, 30, Unit.HOUR),
    )


def test_parenthesised_figure_is_a_part_of_the_one_before() -> None:
    items = parse_items("assaults / shelling (heavy weapons) / FPV uses", "46 / 901 (448) / >400")
    assert [(i.metric, i.value, i.qualifier, i.part_of) for i in items] == [
        ("assaults", 46, Qualifier.EXACTLY, None),
        ("shelling", 901, Qualifier.EXACTLY, None),
        ("shelling: heavy weapons", 448, Qualifier.EXACTLY, "shelling"),
        ("FPV uses", 400, Qualifier.MORE_THAN, None),
    ]
    assert items[-1].unit is Unit.DRONE_USE


@pytest.mark.parametrize("value", ["", "qualitative", "none reported", "30 days"])
def test_words_give_no_items(value: str) -> None:
    assert parse_items("qualitative", value) == ()


@pytest.mark.parametrize(
    ("metric", "value", "message"),
    [("shelling / assaults", "1 / 2 / 3", "3 figures for 2 metrics"),
     ("shelling / assaults", "1 / many", "'many' is not a figure"),
     ("violations", "99999999999999", "larger than")],
)  # fmt: skip
def test_figures_that_cannot_be_read_are_errors(metric: str, value: str, message: str) -> None:
    with pytest.raises(FigureError, match=message):
        parse_items(metric, value)


@pytest.mark.parametrize(
    ("metric", "unit"),
    [("Russian regions with energy objects hit", Unit.REGION),
     ("confirmed hits on Ukrainian energy facilities", Unit.ATTACK),
     ("combat clashes", Unit.EPISODE), ("covered object classes", Unit.OBJECT),
     ("violations (energy facilities damaged)", Unit.VIOLATION), ("mood", Unit.OTHER)],
)  # fmt: skip
def test_unit_of_metric(metric: str, unit: Unit) -> None:
    assert unit_of(metric) is unit


@pytest.mark.parametrize(
    ("text", "party", "institution", "speaker", "citing"),
    [("Russia (MoD)", "Russia", "MoD", None, None),
     ("Ukraine (MFA spokesman H. Tykhyi)", "Ukraine", "MFA", "spokesman H. Tykhyi", None),
     ("Ukraine (President citing C-in-C)", "Ukraine", "President", None, "C-in-C"),
     ("Ukraine (front-line brigade via Suspilne)", "Ukraine", None, "front-line brigade",
      "Suspilne"),
     ("Ukraine (presidential adviser D. Lytvyn)", "Ukraine", None,
      "presidential adviser D. Lytvyn", None),
     ("OSCE SMM", "OSCE SMM", None, None, None)],
)  # fmt: skip
def test_claimant_parts(
    text: str, party: str, institution: str | None, speaker: str | None, citing: str | None
) -> None:
    claimant = parse_claimant(text)
    assert (claimant.party, claimant.institution, claimant.speaker, claimant.citing) == (
        party, institution, speaker, citing,
    )  # fmt: skip
    assert claimant.text == text

"""Routes: three written forms, micro-degrees, and refusals that say what was expected."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.effort.route import RouteError, parse_route, route_length_m, swapped_at

UKRAINE = (22.0, 44.0, 41.0, 53.0)


def test_the_three_forms_give_the_same_points() -> None:
    wkt = parse_route("LINESTRING (37.556 48.723, 37.55 48.63)")
    pairs = parse_route("37.556 48.723; 37.55 48.63")
    coords = parse_route("[[37.556, 48.723], [37.55, 48.63]]")
    assert wkt == pairs == coords == ((37556000, 48723000), (37550000, 48630000))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("LINESTRING (37.5 48.7)", "at least two points"),
        ("LINESTRING (37.5 48.7, 37.6)", "point 2"),
        ("POLYGON ((1 1, 2 2, 1 2, 1 1))", "LINESTRING"),
        ("LINESTRING (37.5 48.7, 37.6 91)", "latitude 91"),
        ("37.5 48.7; abc 48.6", "not a number"),
        ("[[37.5, 48.7], [true, 1]]", "point 2"),
        ("[[37.5, 48.7]", "not valid JSON"),
    ],
)
def test_bad_routes_are_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(RouteError, match=words):
        parse_route(text)


def test_route_length_is_geodesic_metres() -> None:
    one_tenth_degree_north = parse_route("37.0 48.0; 37.0 48.1")
    assert 11_100 < route_length_m(one_tenth_degree_north) < 11_140


def test_a_route_with_swapped_axes_is_found() -> None:
    swapped = parse_route("48.72 37.55; 48.63 37.55")
    assert swapped_at(swapped, UKRAINE) == 0
    assert swapped_at(parse_route("37.55 48.72; 37.55 48.63"), UKRAINE) is None


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_route_or_a_route_error(text: str) -> None:
    try:
        route = parse_route(text)
    except RouteError:
        return
    assert len(route) >= 2
    assert all(isinstance(v, int) for point in route for v in point)

"""A small, complete agreement document: the example in docs/agreements.md, doctests and tests."""

from __future__ import annotations

from ceasefire.core.agreement.model import Agreement

MINIMAL_YAML = """\
id: example-truce
title: Example truce with a heavy-weapons withdrawal term
summary: An illustration of the format; not a real arrangement.
example: true
parties:
  - {code: RU, name: Russian Federation, kind: state}
  - {code: UA, name: Ukraine, kind: state}
instruments:
  - id: decree-1
    kind: decree
    date: 2025-04-19
    issuer: RU
    title: Declaration of an Easter truce
    source_url: https://tass.com/politics/1947203
conditions:
  - id: C-mirror
    title: The other side observes the truce too
    text: The truce holds while the other side observes it.
terms:
  - id: T-1
    kind: ceasefire
    title: Cease fire along the whole front
    prohibited_acts: [shelling, small_arms_fire, drone_strike, missile_strike, air_strike,
                      ground_assault]
    versions:
      RU:
        instrument: decree-1
        window:
          time_zone: Europe/Moscow
          start: 2025-04-19T18:00
          end: 2025-04-21
        scope: whole front
        lifecycle:
          - {state: committed, date: 2025-04-19, instrument: decree-1}
          - {state: in_force, date: 2025-04-19}
          - {state: expired, date: 2025-04-21}
  - id: T-2
    kind: heavy_weapon_withdrawal
    title: Withdraw heavy weapons from the line
    prohibited_acts: [weapon_sighting]
    versions:
      RU:
        instrument: decree-1
        withdrawal_m: {artillery_100mm_plus: 25000, light_weapons: 15000}
      UA:
        instrument: decree-1
        withdrawal_m: {artillery_100mm_plus: 25000, light_weapons: 15000}
        conditions_precedent: [C-mirror]
stances:
  - id: S-1
    date: 2025-04-19
    party: UA
    authority: not_stated
    stance: accepts
    term: T-1
    text: Ukraine said it would mirror.
    wording: paraphrase
    source_url: https://tass.com/politics/1947203
weapon_classes:
  - id: artillery_100mm_plus
    title: Artillery and mortars of 100 mm and more
    precedence: 10
    rules:
      - {type: artillery, calibre_min_mm: 100}
      - {type: mortar, calibre_min_mm: 100}
  - id: light_weapons
    title: Tanks, artillery under 100 mm, mortars up to 120 mm
    precedence: 20
    rules:
      - {type: tank}
      - {type: artillery, calibre_max_mm: 99}
      - {type: mortar, calibre_max_mm: 120}
geography:
  reference_lines:
    - id: loc-2025-04-18
      name: Line of contact, evening of 18 April 2025
      file: package:line_of_contact_2025-04-18.geojson
      time_zone: Europe/Kyiv
      valid_from: 2025-04-18T18:00
      provenance: {source: DeepStateMap (deepstatemap.live) via cyterat/deepstate-map-data}
  control_areas:
    - id: control-2025-04-18
      name: Areas held on the evening of 18 April 2025
      file: package:control_2025-04-18.geojson
      time_zone: Europe/Kyiv
      valid_from: 2025-04-18T18:00
      provenance: {source: DeepStateMap via cyterat/deepstate-map-data; geoBoundaries}
"""


def minimal_agreement() -> Agreement:
    """:data:`MINIMAL_YAML` parsed."""
    from ceasefire.core.agreement.parse import parse_agreement

    return parse_agreement(MINIMAL_YAML, "example.yaml")

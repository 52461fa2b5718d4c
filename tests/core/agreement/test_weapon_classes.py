from ceasefire.core.agreement.examples import minimal_agreement
from ceasefire.core.agreement.weapon_classes import possible_weapon_classes, weapon_class_of
from ceasefire.core.weapons import Weapon, WeaponType


def _ids(weapon: Weapon) -> list[str]:
    return [item.id for item in weapon_class_of(minimal_agreement(), weapon)]


def test_120mm_mortar_matches_two_classes_in_precedence_order() -> None:
    assert _ids(Weapon(type=WeaponType.MORTAR, calibre_mm=120)) == [
        "artillery_100mm_plus",
        "light_weapons",
    ]


def test_82mm_mortar_matches_only_the_light_class() -> None:
    assert _ids(Weapon(type=WeaponType.MORTAR, calibre_mm=82)) == ["light_weapons"]


def test_refined_type_matches_its_parents_rule() -> None:
    assert _ids(Weapon(type=WeaponType.ARTILLERY_SELF_PROPELLED, calibre_mm=152)) == [
        "artillery_100mm_plus"
    ]


def test_unknown_calibre_matches_no_calibre_range_but_may_match() -> None:
    weapon = Weapon(type=WeaponType.ARTILLERY)
    assert _ids(weapon) == []
    possible = [c.id for c in possible_weapon_classes(minimal_agreement(), weapon)]
    assert possible == ["artillery_100mm_plus", "light_weapons"]


def test_weapon_outside_every_class_matches_nothing() -> None:
    assert _ids(Weapon(type=WeaponType.FPV_DRONE)) == []

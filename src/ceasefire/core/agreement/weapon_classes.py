"""An agreement's weapon classes, mapped from the global weapon taxonomy with precedence.

A class matches a weapon when one of its rules does: the weapon's type is the rule's type or a
refinement of it (``mlrs.heavy`` is an ``mlrs``), and its calibre is within the rule's range
(inclusive). One weapon can fall in several classes (a 120 mm mortar was both "artillery of
100 mm and more" and "mortars up to 120 mm" under Minsk); :func:`weapon_class_of` returns all of
them, lowest ``precedence`` first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from ceasefire.core.agreement.base import Identifier, LongText, Record, ShortText
from ceasefire.core.weapons import Weapon, WeaponType

if TYPE_CHECKING:
    from ceasefire.core.agreement.model import Agreement


class WeaponRule(Record):
    """A weapon type (with its refinements) and an optional inclusive calibre range."""

    type: WeaponType
    calibre_min_mm: int | None = Field(default=None, ge=1, le=1000)
    calibre_max_mm: int | None = Field(default=None, ge=1, le=1000)

    @model_validator(mode="after")
    def _ordered(self) -> WeaponRule:
        low, high = self.calibre_min_mm, self.calibre_max_mm
        if low is not None and high is not None and high < low:
            raise ValueError(f"calibre_max_mm ({high}) is below calibre_min_mm ({low})")
        return self

    @property
    def has_calibre_range(self) -> bool:
        """True when the rule limits calibre."""
        return self.calibre_min_mm is not None or self.calibre_max_mm is not None

    def type_matches(self, weapon: Weapon) -> bool:
        """True when the weapon's type is this rule's type or a refinement of it."""
        kind, own = weapon.type.value, self.type.value
        return kind == own or kind.startswith(f"{own}.")

    def matches(self, weapon: Weapon) -> bool:
        """True when type and calibre both fit; an unknown calibre never fits a range."""
        if not self.type_matches(weapon):
            return False
        if not self.has_calibre_range:
            return True
        if weapon.calibre_mm is None:
            return False
        low = self.calibre_min_mm if self.calibre_min_mm is not None else 0
        high = self.calibre_max_mm if self.calibre_max_mm is not None else 10_000
        return low <= weapon.calibre_mm <= high


class WeaponClass(Record):
    """A weapon class of one agreement (e.g. Minsk II's "MLRS", 35 km per side)."""

    id: Identifier
    title: ShortText
    precedence: int = Field(ge=0, le=1000, description="lower comes first when several match")
    rules: list[WeaponRule] = Field(min_length=1)
    note: LongText | None = None

    def matches(self, weapon: Weapon) -> bool:
        """True when any rule matches ``weapon``."""
        return any(rule.matches(weapon) for rule in self.rules)

    def may_match(self, weapon: Weapon) -> bool:
        """True when a rule matches, or would if the unknown calibre fitted its range."""
        return any(
            rule.matches(weapon) or (weapon.calibre_mm is None and rule.type_matches(weapon))
            for rule in self.rules
        )


def weapon_class_of(agreement: Agreement, weapon: Weapon) -> list[WeaponClass]:
    """Every class of ``agreement`` that ``weapon`` falls in, in precedence order.

    >>> from ceasefire.core.agreement.examples import minimal_agreement
    >>> agreement = minimal_agreement()
    >>> [c.id for c in weapon_class_of(agreement, Weapon(type=WeaponType.MORTAR, calibre_mm=120))]
    ['artillery_100mm_plus', 'light_weapons']
    """
    ranked = sorted(agreement.weapon_classes, key=lambda item: (item.precedence, item.id))
    return [item for item in ranked if item.matches(weapon)]


def possible_weapon_classes(agreement: Agreement, weapon: Weapon) -> list[WeaponClass]:
    """Classes ``weapon`` falls in or may fall in when its calibre is unknown (indeterminate)."""
    ranked = sorted(agreement.weapon_classes, key=lambda item: (item.precedence, item.id))
    return [item for item in ranked if item.may_match(weapon)]

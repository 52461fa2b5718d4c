"""Three-valued tests on what was done, to what, with what, and by whom.

Acts, target classes and weapon types are dotted hierarchies
(:func:`~ceasefire.core.taxonomy.is_a`).
A term prohibiting ``shelling`` covers ``shelling.mortar``; a report that says only
``shelling`` against a term about ``shelling.mlrs`` is *indeterminate* (it may or may not have
been MLRS fire), and so is a report with no act at all. Each test runs once per distinct value
of the column (tens of them), then spreads to every row with numpy.

>>> import numpy as np
>>> acts = np.array(["shelling.mortar", "shelling", "small_arms_fire", None], dtype=object)
>>> act_covered(acts, ["shelling.mortar"]).tolist()
[2, 1, 0, 1]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from ceasefire.core.agreement.weapon_classes import WeaponClass
from ceasefire.core.compliance.model import (
    FALSE,
    TRUE,
    UNKNOWN,
    FloatArray,
    IntArray,
    ObjectArray,
    Tri,
    TriArray,
)
from ceasefire.core.taxonomy import TargetClass, is_a

UNREPORTED = frozenset({None, "", "unknown"})


@dataclass(frozen=True)
class Categories:
    """A text column factorised once: ``codes`` index ``values`` (``None`` for absent)."""

    codes: IntArray
    values: tuple[str | None, ...]

    @classmethod
    def of(cls, column: ObjectArray) -> Categories:
        """Factorise ``column`` (object array of ``str`` or ``None``)."""
        lookup: dict[object, int] = {}
        codes = np.fromiter(
            (lookup.setdefault(v, len(lookup)) for v in column.tolist()),
            dtype=np.int64,
            count=len(column),
        )
        return cls(codes, tuple(str(v) if v else None for v in lookup))

    def judge(self, judge: Callable[[str | None], Tri]) -> TriArray:
        """``judge`` applied once per distinct value, spread back to the rows."""
        table = np.array([judge(v) for v in self.values], dtype=np.int8)
        return table[self.codes] if len(table) else np.zeros(0, dtype=np.int8)


def _per_value(values: ObjectArray | Categories, judge: Callable[[str | None], Tri]) -> TriArray:
    """``judge`` applied once per distinct value, spread back to the rows."""
    categories = values if isinstance(values, Categories) else Categories.of(values)
    return categories.judge(judge)


def covers(value: str | None, listed: Collection[str]) -> Tri:
    """Does a term listing ``listed`` kinds cover ``value``? TRUE / FALSE / UNKNOWN.

    UNKNOWN when ``value`` is unreported or is a parent of a listed kind (it may be that kind).
    """
    if value in UNREPORTED or value is None:
        return UNKNOWN
    if any(is_a(value, kind) for kind in listed):
        return TRUE
    if any(is_a(kind, value) for kind in listed):
        return UNKNOWN
    return FALSE


def act_covered(acts: ObjectArray | Categories, prohibited: Sequence[str]) -> TriArray:
    """Is each incident's act one the term prohibits (three-valued)?"""
    listed = frozenset(prohibited)
    return _per_value(acts, lambda value: covers(value, listed))


def _target_verdict(value: str | None, listed: frozenset[str]) -> Tri:
    outcome = covers(value, listed)
    if outcome != UNKNOWN or value in UNREPORTED or value is None:
        return outcome
    # a parent class ("energy") is covered when every one of its kinds is
    kinds = [c.value for c in TargetClass if c.value != value and is_a(c.value, value)]
    return TRUE if kinds and all(covers(k, listed) == TRUE for k in kinds) else UNKNOWN


def target_covered(targets: ObjectArray | Categories, protected: Sequence[str]) -> TriArray:
    """Is each incident's target class one the version protects? (TRUE when none is listed.)"""
    if not protected:
        size = len(targets.codes) if isinstance(targets, Categories) else len(targets)
        return np.full(size, TRUE, dtype=np.int8)
    listed = frozenset(protected)
    return _per_value(targets, lambda value: _target_verdict(value, listed))


def in_weapon_class(
    weapon_type: ObjectArray | Categories, calibre_mm: FloatArray, weapon_class: WeaponClass
) -> TriArray:
    """Does each weapon fall in ``weapon_class``? UNKNOWN for an unknown type or calibre."""
    out = np.full(len(calibre_mm), FALSE, dtype=np.int8)
    calibre = np.asarray(calibre_mm, dtype=np.float64)
    for rule in weapon_class.rules:
        kinds = (rule.type.value,)

        def judge(value: str | None, listed: tuple[str, ...] = kinds) -> Tri:
            return covers(value, listed)

        of_type = _per_value(weapon_type, judge)
        if rule.has_calibre_range:
            low = rule.calibre_min_mm if rule.calibre_min_mm is not None else 0
            high = rule.calibre_max_mm if rule.calibre_max_mm is not None else 10_000
            fits = np.where(
                np.isnan(calibre),
                UNKNOWN,
                np.where((calibre >= low) & (calibre <= high), TRUE, FALSE),
            ).astype(np.int8)
            of_type = np.minimum(of_type, fits)
        out = np.maximum(out, of_type)
    return out


def attributed_to_bound(
    party: ObjectArray | Categories, attribution: ObjectArray, bound: Collection[str]
) -> TriArray:
    """Is the incident attributed to a party the term binds?

    TRUE when attributed to a bound party, FALSE when attributed to a party the term does not
    bind, UNKNOWN when attribution is contested, not possible or unknown: never a violation.
    """
    attributed = attribution == "attributed"
    is_bound = _per_value(party, lambda value: TRUE if value in bound else FALSE) == TRUE
    return np.where(attributed & is_bound, TRUE, np.where(attributed, FALSE, UNKNOWN)).astype(
        np.int8
    )

"""One global weapon taxonomy; agreements map it onto their own classes (see ``agreement``).

A weapon in an observation is a :class:`Weapon`: a type from :class:`WeaponType` and, where
known, its calibre in millimetres. Agreements define classes by type and calibre range with a
precedence, because one weapon can fall in two classes (a 120 mm mortar was both "mortar" and
"calibre over 100 mm" under Minsk).

>>> Weapon(type=WeaponType.MORTAR, calibre_mm=120).describe()
'mortar (120 mm)'
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class WeaponType(StrEnum):
    """Weapon types, grouped by family with dotted names."""

    SMALL_ARMS = "small_arms"
    HEAVY_MACHINE_GUN = "heavy_machine_gun"
    GRENADE_LAUNCHER = "grenade_launcher"
    ATGM = "atgm"
    MORTAR = "mortar"
    ARTILLERY = "artillery"
    ARTILLERY_TOWED = "artillery.towed"
    ARTILLERY_SELF_PROPELLED = "artillery.self_propelled"
    ANTI_TANK_GUN = "artillery.anti_tank_gun"
    TANK = "tank"
    IFV = "ifv"
    APC = "apc"
    MLRS = "mlrs"
    MLRS_LIGHT = "mlrs.light"
    MLRS_HEAVY = "mlrs.heavy"
    TACTICAL_MISSILE = "tactical_missile"
    AIR_DEFENCE = "air_defence"
    FPV_DRONE = "drone.fpv"
    LOITERING_MUNITION = "drone.loitering"
    BOMBER_DRONE = "drone.bomber"
    RECONNAISSANCE_DRONE = "drone.reconnaissance"
    CRUISE_MISSILE = "missile.cruise"
    BALLISTIC_MISSILE = "missile.ballistic"
    GLIDE_BOMB = "glide_bomb"
    AIRCRAFT = "aircraft"
    HELICOPTER = "helicopter"
    MINE = "mine"
    UNKNOWN = "unknown"


class Weapon(BaseModel):
    """A weapon as reported: a type and, where known, a calibre."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: WeaponType
    calibre_mm: int | None = Field(default=None, ge=1, le=1000)
    model: str | None = Field(default=None, max_length=100, description="e.g. BM-21 Grad, 2S1")

    def describe(self) -> str:
        """Plain words for traces and tables."""
        name = self.model or self.type.value.replace(".", " ").replace("_", " ")
        return f"{name} ({self.calibre_mm} mm)" if self.calibre_mm else name

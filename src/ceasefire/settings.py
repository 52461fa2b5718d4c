"""Settings: one value built at start-up from the environment and the command line.

Every setting has a default and a help line; ``docs/settings.md`` lists them (a test checks).
Nothing reads the environment at import time.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

DEFAULT_DATABASE = "sqlite:///ceasefire.db"
UKRAINE_AND_NEIGHBOURS = (22.0, 44.0, 41.0, 53.0)


@dataclass(frozen=True)
class Settings:
    """What ceasefire needs to know to run; build it with :meth:`from_env`."""

    database: str = field(
        default=DEFAULT_DATABASE,
        metadata={
            "env": "CEASEFIRE_DATABASE",
            "help": "database URL: sqlite:///PATH (default ./ceasefire.db) or "
            "postgresql+psycopg://USER@HOST:PORT/DB",
        },
    )
    user: str = field(
        default="",
        metadata={
            "env": "CEASEFIRE_USER",
            "help": "who the local command-line user is recorded as (default: the login name)",
        },
    )
    act_as: str = field(
        default="",
        metadata={
            "env": "CEASEFIRE_AS",
            "help": "act as this account instead of the local operator (command line: --as "
            "USER); needs the account's API token",
        },
    )
    token: str = field(
        default="",
        repr=False,
        metadata={
            "env": "CEASEFIRE_TOKEN",
            "help": "the API token of the account given by --as (command line: --token; the "
            "variable keeps it out of the process list)",
        },
    )
    area_of_interest: tuple[float, float, float, float] = field(
        default=UKRAINE_AND_NEIGHBOURS,
        metadata={
            "env": "CEASEFIRE_AREA",
            "help": "min_lon,min_lat,max_lon,max_lat: where observations are expected; a "
            "point outside whose swapped coordinates fall inside is refused as swapped",
        },
    )
    chunk_rows: int = field(
        default=50_000,
        metadata={
            "env": "CEASEFIRE_CHUNK_ROWS",
            "help": "rows per chunk when importing (memory vs. speed)",
        },
    )
    public_delay_hours: int = field(
        default=72,
        metadata={
            "env": "CEASEFIRE_PUBLIC_DELAY_HOURS",
            "help": "public outputs (--public) withhold incidents that ended less than this "
            "many hours before publication",
        },
    )
    public_grid_deg: float = field(
        default=0.1,
        metadata={
            "env": "CEASEFIRE_PUBLIC_GRID_DEG",
            "help": "public outputs (--public) move positions to the centre of a grid cell "
            "this many degrees wide (0.1 is about 11 km)",
        },
    )
    secret_key: str = field(
        default="",
        repr=False,
        metadata={
            "env": "CEASEFIRE_SECRET_KEY",
            "help": "secret that signs session and CSRF cookies of the web API (required by "
            "`ceasefire serve`; the same value on every server process)",
        },
    )
    max_request_bytes: int = field(
        default=64 * 1024 * 1024,
        metadata={
            "env": "CEASEFIRE_MAX_REQUEST_BYTES",
            "help": "largest request body the web API accepts, in bytes (default 64 MiB; "
            "larger requests get 413)",
        },
    )
    evidence_dir: str = field(
        default="",
        metadata={
            "env": "CEASEFIRE_EVIDENCE_DIR",
            "help": "where evidence files are kept, content-addressed by SHA-256 (default: "
            "'evidence' next to the SQLite database; required with PostgreSQL)",
        },
    )
    evidence_max_bytes: int = field(
        default=50 * 1024 * 1024,
        metadata={
            "env": "CEASEFIRE_EVIDENCE_MAX_BYTES",
            "help": "largest evidence file accepted, in bytes (default 50 MiB)",
        },
    )

    def __post_init__(self) -> None:
        """Check the evidence size limit (read from the environment as text)."""
        from ceasefire.core.errors import ConfigurationError

        raw = str(self.evidence_max_bytes)
        if not raw.isdigit() or int(raw) < 1:
            raise ConfigurationError(
                f"CEASEFIRE_EVIDENCE_MAX_BYTES={raw!r}: expected a positive number of bytes"
            )
        object.__setattr__(self, "evidence_max_bytes", int(raw))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then ``CEASEFIRE_*`` variables, then explicit (command-line) overrides."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for item in fields(cls):
            raw = env.get(item.metadata["env"])
            if raw:
                values[item.name] = _convert(item.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if not values.get("user"):
            values["user"] = env.get("USER") or env.get("USERNAME") or "operator"
        return cls(**values)  # type: ignore[arg-type]


def _convert(name: str, raw: str) -> object:
    from ceasefire.core.errors import ConfigurationError

    if name == "area_of_interest":
        try:
            parts = tuple(float(p) for p in raw.split(","))
        except ValueError:
            parts = ()
        if len(parts) != 4:
            raise ConfigurationError(
                f"CEASEFIRE_AREA={raw!r}: expected four numbers min_lon,min_lat,max_lon,max_lat"
            )
        return parts
    if name == "chunk_rows":
        if not raw.isdigit() or int(raw) < 1:
            raise ConfigurationError(f"CEASEFIRE_CHUNK_ROWS={raw!r}: expected a positive integer")
        return int(raw)
    if name == "public_delay_hours":
        if not raw.isdigit():
            raise ConfigurationError(
                f"CEASEFIRE_PUBLIC_DELAY_HOURS={raw!r}: expected whole hours (0 or more)"
            )
        return int(raw)
    if name == "public_grid_deg":
        try:
            grid = float(raw)
        except ValueError:
            grid = math.nan
        if not (math.isfinite(grid) and 0 < grid <= 10):
            raise ConfigurationError(
                f"CEASEFIRE_PUBLIC_GRID_DEG={raw!r}: expected degrees, more than 0 and at most 10"
            )
        return grid
    return raw


def documented_settings() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for each setting, for docs and tests."""
    return [(f.metadata["env"], str(f.default), f.metadata["help"]) for f in fields(Settings)]

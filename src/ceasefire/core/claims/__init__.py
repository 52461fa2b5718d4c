"""Claims: parties' aggregate statements with their items and units, kept beside incidents."""

from ceasefire.core.claims.items import parse_claimant, parse_items, unit_of
from ceasefire.core.claims.model import (
    Claim,
    Claimant,
    ClaimItem,
    Period,
    PeriodPrecision,
    Qualifier,
)
from ceasefire.core.claims.parse import CLAIM_COLUMNS, derived_key, parse_claims
from ceasefire.core.claims.period import parse_period

__all__ = [
    "CLAIM_COLUMNS",
    "Claim",
    "ClaimItem",
    "Claimant",
    "Period",
    "PeriodPrecision",
    "Qualifier",
    "derived_key",
    "parse_claimant",
    "parse_claims",
    "parse_items",
    "parse_period",
    "unit_of",
]

"""Turn raw text columns of claims into :class:`Claim` values and a problem per bad cell.

The flat claims layout (:data:`CLAIM_COLUMNS`) is what the party-claims reader produces. A row
whose value is not a figure ("qualitative", empty) is still a claim, with no items. A row that
cannot be read (no claimant, an impossible date, figures that do not pair with metrics) becomes a
:class:`~ceasefire.core.errors.RowProblem` naming row and field; every other row goes on.

>>> claims, problems = parse_claims(
...     {"claimant": ["Russia (MoD)", ""], "period": ["whole truce", "2025-04-20"],
...      "metric": ["violations", "violations"], "value": ["4900", "1"]}, [2, 3])
>>> [c.items[0].value for c in claims], [(p.row, p.field) for p in problems]
([4900], [(3, 'claimant')])
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import date

from ceasefire.core.claims.items import FigureError, parse_claimant, parse_items
from ceasefire.core.claims.model import Claim
from ceasefire.core.claims.period import parse_period, zone_for
from ceasefire.core.errors import RowProblem
from ceasefire.core.ledger.canonical import canonical_bytes

CLAIM_COLUMNS: dict[str, str] = {
    "key": "the source's own ID for the claim; derived from content when absent",
    "arrangement": "the arrangement or agreement the claim is about (e.g. easter_truce)",
    "claimant": "who claims: Party (institution speaker), e.g. 'Russia (MFA M. Zakharova)'",
    "accused_party": "the party the claim accuses",
    "period": "the period covered, as written (see docs/formats.md for the forms read)",
    "published": "when the claim was made public (ISO date, or words)",
    "metric": "what is counted; several metrics split by ' / '",
    "value": "the figure(s): 387, >400, >=45, 30h; several split by ' / '; may be words",
    "breakdown": "the claim's breakdown or context, as written",
    "denial": "a denial by the accused party, as written",
    "source_url": "where the claim was published (http or https URL)",
}
"""The claims layout: column name → help text."""

REQUIRED = ("claimant", "period", "metric")
MAX_CHARS = {"breakdown": 5000, "source_url": 2000}
DEFAULT_MAX_CHARS = 500
IDENTITY = ("arrangement", "claimant", "accused_party", "period", "metric")
"""The fields a derived key hashes: a changed figure of the same claim is a revision."""

_DENIAL = re.compile(r"\b(denied|denies|rejected as false)\b", re.IGNORECASE)


def derived_key(fields: Mapping[str, str | None]) -> str:
    """``sha256:`` + 32 hex digits of the canonical bytes of the claim's identity fields."""
    identity = {name: fields.get(name) or "" for name in IDENTITY}
    digest = hashlib.sha256(canonical_bytes(identity)).hexdigest()
    return f"sha256:{digest[:32]}"


def parse_claims(
    columns: Mapping[str, Sequence[str | None]], rows: Sequence[int]
) -> tuple[list[Claim], list[RowProblem]]:
    """Claims from raw text columns (names of :data:`CLAIM_COLUMNS`) and their row numbers."""
    unknown = sorted(set(columns) - set(CLAIM_COLUMNS))
    if unknown:
        raise ValueError(f"unknown claim columns: {', '.join(unknown)}")
    claims: list[Claim] = []
    problems: list[RowProblem] = []
    seen: dict[str, tuple[int, bytes]] = {}
    for index, row in enumerate(rows):
        fields = {name: _clean(values[index]) for name, values in columns.items()}
        claim, row_problems = _claim(fields, row)
        if claim is not None:
            content = claim.canonical()
            earlier = seen.get(claim.key)
            if earlier is not None and earlier[1] != content:
                row_problems.append(
                    RowProblem(
                        row,
                        "key",
                        f"key {claim.key} is also used by row {earlier[0]} with different content",
                    )
                )
            else:
                seen.setdefault(claim.key, (row, content))
        if row_problems:
            problems.extend(row_problems)
        elif claim is not None:
            claims.append(claim)
    return claims, problems


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return text or None


def _claim(fields: dict[str, str | None], row: int) -> tuple[Claim | None, list[RowProblem]]:
    problems = [
        RowProblem(row, name, "required value is empty")
        for name in REQUIRED
        if fields.get(name) is None
    ]
    for name, value in fields.items():
        limit = MAX_CHARS.get(name, DEFAULT_MAX_CHARS)
        if value is not None and len(value) > limit:
            problems.append(RowProblem(row, name, f"longer than {limit} chars"))
    url = fields.get("source_url")
    if url is not None and not url.lower().startswith(("http://", "https://")):
        problems.append(RowProblem(row, "source_url", "expected an http or https URL"))
    if problems:
        return None, problems
    claimant = parse_claimant(fields["claimant"] or "")
    period = items = None
    try:
        period = parse_period(fields["period"] or "", zone_for(claimant.party))
    except (ValueError, OverflowError) as exc:
        problems.append(RowProblem(row, "period", f"cannot read the period: {exc}"))
    try:
        items = parse_items(fields["metric"] or "", fields.get("value") or "")
    except FigureError as exc:
        problems.append(RowProblem(row, "value", str(exc)))
    published = fields.get("published")
    published_on = None
    if published is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        try:
            published_on = date.fromisoformat(published)
        except ValueError:
            problems.append(RowProblem(row, "published", f"{published!r} is not a real date"))
    if period is None or items is None or problems:
        return None, problems
    return Claim(
        key=fields.get("key") or derived_key(fields),
        claimant=claimant,
        period=period,
        metric=fields["metric"] or "",
        value=fields.get("value"),
        items=items,
        arrangement=fields.get("arrangement"),
        accused_party=fields.get("accused_party"),
        published=published,
        published_on=published_on,
        breakdown=fields.get("breakdown"),
        denial=fields.get("denial") or _denial_in(fields.get("breakdown")),
        source_url=url,
        row=row,
    ), problems


def _denial_in(breakdown: str | None) -> str | None:
    """The part of a breakdown that reports a denial ("…; Ukraine denied")."""
    if breakdown is None:
        return None
    for part in breakdown.split(";"):
        if _DENIAL.search(part):
            return part.strip()
    return None

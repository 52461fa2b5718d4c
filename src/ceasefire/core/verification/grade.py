"""Confidence: how sure we are that an incident happened, with a reason a reader can check.

Each observation gets an *evidence level* (own sensor or imagery 5, monitor saw it 4, monitor
heard it 3, an official claim 2, media or a dataset 1) and counts as *good* when its source's
reliability is A-C and its credibility 1-3. Sources are counted by *provenance*: a media story
repeating the General Staff is the General Staff (``derived_from``), not an independent source.
A party's claim (a party official's report, or one repeating it) is counted, but never raises
the grade: a complaint joined to what a monitor heard leaves it "possible", as the monitor's
report alone would be.

=============  ============================================================================
confirmed      two independent monitor/sensor sources, one of which saw it or has
               imagery; or precise imagery (within 1 km and 1 h) on its own
probable       one good monitor/sensor source that saw it, or one heard plus another
               independent source that is not a party's claim, or two that heard it
possible       a monitor/sensor source of lower standing, or two independent sources of
               which none is a monitor or sensor
unverified     one provenance only, and not a monitor or sensor (a party complaint alone)
discounted     every report is rated improbable (credibility 5), or the time is impossible
=============  ============================================================================

>>> kinds = np.array(["sensor", "monitor_team", "monitor_team", "party_official", "media"])
>>> seen = np.array([None, "seen", "heard", None, None], dtype=object)
>>> evidence_level(kinds.astype(object), seen).tolist()
[5, 4, 3, 2, 1]
"""

from __future__ import annotations

import numpy as np

from ceasefire.core.verification.link import first_per_group
from ceasefire.core.verification.model import (
    BoolArray,
    Confidence,
    FloatArray,
    IntArray,
    ObjectArray,
    VerificationBatch,
)
from ceasefire.core.verification.temporal import describe_window

LEVEL_WORDS = {
    5: "own sensor or imagery",
    4: "monitor saw it",
    3: "monitor heard it",
    2: "official claim",
    1: "media or dataset report",
}
MONITOR_LEVEL = 3


def evidence_level(source_kind: ObjectArray, perception: ObjectArray) -> IntArray:
    """Evidence level of each observation (5 best; see the module's table)."""
    own = (source_kind == "monitor_team") | (source_kind == "sensor")
    imagery = (source_kind == "sensor") | (own & (perception == "imagery"))
    seen = own & ((perception == "seen") | (perception == "seen_and_heard"))
    official = (source_kind == "party_official") | (source_kind == "ngo")
    level = np.select([imagery, seen, own, official], [5, 4, 3, 2], default=1)
    return level.astype(np.int64)


def good_standing(batch: VerificationBatch) -> BoolArray:
    """Reliability A-C and credibility 1-3 (the Admiralty scale's upper half)."""
    reliable = np.isin(batch.reliability, ["A", "B", "C"])
    credible = np.isin(batch.credibility, ["1", "2", "3"])
    return np.asarray(reliable & credible, dtype=bool)


def partisan(batch: VerificationBatch) -> BoolArray:
    """Reports carrying a party's word: a party official's, one whose ``derived_from`` names a
    party official's source (a story quoting the General Staff), or one repeating any source
    and blaming a party (``alleged_perpetrator``: a dataset row coding a story that quotes it).

    >>> from ceasefire.core.verification.model import VerificationBatch
    >>> batch = VerificationBatch.from_columns(4, source_kind=["party_official", "media",
    ...     "media", "dataset"], source_name=["UA GS", "outlet", "outlet", "coder"],
    ...     derived_from=[None, "UA GS", None, "outlet"],
    ...     alleged_perpetrator=[None, None, None, "RU"])
    >>> partisan(batch).tolist()
    [True, True, False, True]
    """
    party = np.asarray(batch.source_kind == "party_official", dtype=bool)
    names = np.unique(np.where(batch.source_name == None, "", batch.source_name)[party].astype(str))  # noqa: E711
    origin = np.where(batch.derived_from == None, "", batch.derived_from).astype(str)  # noqa: E711
    repeats = np.isin(origin, names[names != ""])
    blaming = (origin != "") & (batch.alleged_perpetrator != None)  # noqa: E711
    return np.asarray(party | repeats | blaming, dtype=bool)


def _distinct(labels: IntArray, codes: IntArray, mask: BoolArray, size: int) -> IntArray:
    pairs = np.unique(labels[mask] * (int(codes.max(initial=0)) + 1) + codes[mask])
    return np.bincount(pairs // (int(codes.max(initial=0)) + 1), minlength=size).astype(np.int64)


def grade(
    batch: VerificationBatch,
    labels: IntArray,
    provenance: IntArray,
    radius_km: FloatArray,
    width_s: IntArray,
) -> tuple[ObjectArray, ObjectArray, IntArray]:
    """Confidence, its reason and the independent-source count of each incident.

    ``provenance`` codes each observation's origin; ``radius_km`` and ``width_s`` are each
    incident's place and time uncertainty.
    """
    size = int(labels.max(initial=-1)) + 1
    level = evidence_level(batch.source_kind, batch.perception)
    good = good_standing(batch)
    own = level >= MONITOR_LEVEL
    independent = _distinct(labels, provenance, np.ones(labels.size, dtype=bool), size)
    impartial = _distinct(labels, provenance, ~partisan(batch), size)
    monitors = _distinct(labels, provenance, own & good, size)
    weak_monitors = _distinct(labels, provenance, own & ~good, size)
    best_good = np.zeros(size, dtype=np.int64)
    np.maximum.at(best_good, labels[good], level[good])
    improbable = np.bincount(labels, batch.credibility == "5", minlength=size) == np.bincount(
        labels, minlength=size
    )
    impossible = np.zeros(size, dtype=bool)
    np.logical_or.at(impossible, labels, batch.has_time & (batch.end_s < batch.start_s))
    precise = (radius_km <= 1.0) & (width_s <= 3_600)
    confirmed = ((monitors >= 2) & (best_good >= 4)) | ((best_good == 5) & precise)
    probable = (best_good >= 4) | ((monitors >= 1) & (impartial >= 2)) | (monitors >= 2)
    possible = (monitors + weak_monitors >= 1) | (independent >= 2)
    confidence = np.select(
        [impossible | improbable, confirmed, probable, possible],
        [
            c.value
            for c in (
                Confidence.DISCOUNTED,
                Confidence.CONFIRMED,
                Confidence.PROBABLE,
                Confidence.POSSIBLE,
            )
        ],
        default=Confidence.UNVERIFIED.value,
    ).astype(object)
    best = first_per_group(labels, -level, -good.astype(np.int64), batch.radius_m)
    lead = np.full(size, -1, dtype=np.int64)
    lead[labels] = best
    reasons = np.empty(size, dtype=object)
    reasons[:] = [
        _reason(
            str(confidence[k]),
            independent=int(independent[k]),
            claims=int(independent[k] - impartial[k]),
            monitors=int(monitors[k]),
            weak=int(weak_monitors[k]),
            level=int(level[lead[k]]),
            source=batch.source_name[lead[k]],
            reliability=batch.reliability[lead[k]],
            credibility=batch.credibility[lead[k]],
            radius_km=float(radius_km[k]),
            width_s=int(width_s[k]),
            improbable=bool(improbable[k]),
            impossible=bool(impossible[k]),
        )
        for k in range(size)
    ]
    return confidence, reasons, independent


def _reason(
    confidence: str,
    *,
    independent: int,
    claims: int,
    monitors: int,
    weak: int,
    level: int,
    source: object,
    reliability: object,
    credibility: object,
    radius_km: float,
    width_s: int,
    improbable: bool,
    impossible: bool,
) -> str:
    if impossible:
        return "discounted: the reported time window ends before it starts"
    if improbable:
        return "discounted: every report behind it is rated improbable (credibility 5)"
    own = (
        f"{monitors} of them monitor or sensor sources in good standing"
        if monitors
        else (
            f"{weak} of them monitor or sensor sources of lower standing"
            if weak
            else "none of them a monitor or sensor"
        )
    )
    if claims and confidence not in ("unverified", "discounted"):
        own += f"; {claims} of them a party's claim, which never raises the grade"
    where = f"placed within {radius_km:.1f} km" if np.isfinite(radius_km) else "not located"
    return (
        f"{confidence}: {independent} independent source{'s' if independent != 1 else ''} "
        f"({own}); best evidence: {LEVEL_WORDS[level]} ({source}, "
        f"{reliability or 'F'}{credibility or '6'}); {where}, timed within "
        f"{describe_window(width_s)}"
    )

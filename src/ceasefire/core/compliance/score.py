"""Scores of findings against a simulator's truth, over (true event, term, party version).

Inputs are plain values so any edge can wire them: the true violations as a set of
``(event id, term id, version party)`` triples, and the findings as a mapping from the same
triples to a verdict (``violation``, ``no_violation``, ``indeterminate``), findings of
incidents already mapped to the true event they stand for.

>>> truth = {("E1", "T-1", "RU"), ("E2", "T-1", "RU")}
>>> found = {("E1", "T-1", "RU"): "violation", ("E2", "T-1", "RU"): "indeterminate",
...          ("E3", "T-1", "RU"): "violation"}
>>> score_findings(truth, found)
{'violation_precision': 0.5, 'violation_recall': 0.5, 'indeterminate_rate': 0.333}
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

Triple = tuple[str, str, str]


def score_findings(
    true_violations: Collection[Triple], findings: Mapping[Triple, str]
) -> dict[str, float | None]:
    """``violation_precision``, ``violation_recall`` and ``indeterminate_rate`` (3 decimals).

    Precision: share of violation findings that are true violations. Recall: share of true
    violations found as violations (an indeterminate finding is a miss). Indeterminate rate:
    share of all findings that are indeterminate. ``None`` when a ratio has no denominator.
    """
    truth = set(true_violations)
    said = {key for key, verdict in findings.items() if verdict == "violation"}
    undecided = sum(1 for verdict in findings.values() if verdict == "indeterminate")
    hits = len(said & truth)

    def ratio(top: int, bottom: int) -> float | None:
        return round(top / bottom, 3) if bottom else None

    return {
        "violation_precision": ratio(hits, len(said)),
        "violation_recall": ratio(hits, len(truth)),
        "indeterminate_rate": ratio(undecided, len(findings)),
    }

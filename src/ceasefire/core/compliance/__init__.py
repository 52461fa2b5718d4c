"""Compliance: which incident breaks which term, under each party's version, or cannot tell.

Pure: takes an :class:`~ceasefire.core.agreement.Agreement`, :class:`Incidents` columns, a
layer source and protected objects; returns a :class:`FindingTable` whose rows render to plain
language on demand (:func:`rule_trace`). Every test is three-valued. See docs/compliance.md.
"""

from ceasefire.core.compliance.evaluate import REGISTRY_FLOOR_M, evaluate
from ceasefire.core.compliance.model import (
    FindingTable,
    Incidents,
    ProtectedObjects,
    Tri,
    Verdict,
)
from ceasefire.core.compliance.score import score_findings
from ceasefire.core.compliance.trace import RuleTrace, rule_trace

__all__ = [
    "REGISTRY_FLOOR_M",
    "FindingTable",
    "Incidents",
    "ProtectedObjects",
    "RuleTrace",
    "Tri",
    "Verdict",
    "evaluate",
    "rule_trace",
    "score_findings",
]

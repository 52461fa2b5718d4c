"""Verification: from noisy observations to graded, attributed incidents (issue [2/6]).

``cluster`` labels observations that report one event; ``assess`` grades each incident's
confidence and attribution with plain-language reasons; ``score`` measures both against a
simulator's ground truth. See docs/verification.md.
"""

from ceasefire.core.verification.assess import assess
from ceasefire.core.verification.cluster import cluster
from ceasefire.core.verification.model import (
    Attribution,
    ClusterParams,
    Confidence,
    IncidentTable,
    VerificationBatch,
)
from ceasefire.core.verification.partition import cluster_by_window
from ceasefire.core.verification.score import bcubed, score

__all__ = [
    "Attribution",
    "ClusterParams",
    "Confidence",
    "IncidentTable",
    "VerificationBatch",
    "assess",
    "bcubed",
    "cluster",
    "cluster_by_window",
    "score",
]

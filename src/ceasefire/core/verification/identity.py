"""Stable incident identity across verification runs.

An incident keeps its ID while it keeps most of its observations: a new cluster inherits the ID
of the one previous incident that has more than half of its observations in it. A cluster that
takes the majority of two or more previous incidents is a *merge*; a previous incident whose
observations scatter so that no cluster holds more than half of them is *split*. Merges and
splits mint new IDs (the caller draws them from a counter) and record lineage; an incident that
keeps no observation at all is retired. IDs are never reused, so a published ID never changes
meaning.

>>> import numpy as np
>>> labels = np.array([0, 0, 0, 1, 1])
>>> previous = np.array(["INC-1", "INC-1", None, "INC-2", "INC-2"], dtype=object)
>>> result = assign_identities(labels, previous)
>>> result.inherited
{0: 'INC-1', 1: 'INC-2'}
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class LineageLink:
    """One edge of incident lineage: ``parent`` gave ``observations`` to new cluster ``child``."""

    parent: str
    child: int
    kind: str
    """``merge`` (the child took the majority of several parents) or ``split``."""
    observations: int


@dataclass
class Identities:
    """The outcome of :func:`assign_identities`."""

    inherited: dict[int, str] = field(default_factory=dict)
    """Cluster label → the previous incident ID it keeps."""
    minted: list[int] = field(default_factory=list)
    """Cluster labels that need a new ID, in ascending order."""
    lineage: list[LineageLink] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    """Previous incidents whose ID no cluster keeps (merged, split, or left empty)."""


def assign_identities(
    labels: npt.NDArray[np.int64], previous: npt.NDArray[np.object_]
) -> Identities:
    """Map new cluster labels to previous incident IDs (see the module docstring).

    ``previous[i]`` is the incident observation ``i`` belonged to before this run (``None`` for
    a new observation). Previous incidents are only those that appear in ``previous``.
    """
    out = Identities()
    known = np.flatnonzero(previous != None)  # noqa: E711
    sizes: dict[str, int] = defaultdict(int)
    overlap: dict[tuple[int, str], int] = defaultdict(int)
    if known.size:
        olds = previous[known].astype(str)
        news = labels[known]
        pairs, counts = np.unique(
            np.char.add(np.char.add(news.astype(str), "\x1f"), olds), return_counts=True
        )
        for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
            label, old = pair.split("\x1f", 1)
            overlap[(int(label), old)] = count
            sizes[old] += count
    majority: dict[int, list[str]] = defaultdict(list)
    for (label, old), count in overlap.items():
        if 2 * count > sizes[old]:
            majority[label].append(old)
    for label in sorted(set(labels.tolist())):
        parents = majority.get(label, [])
        if len(parents) == 1:
            out.inherited[label] = parents[0]
            continue
        out.minted.append(label)
        kind = "merge" if len(parents) > 1 else "split"
        for (other_label, old), count in sorted(overlap.items()):
            if other_label == label:
                out.lineage.append(LineageLink(old, label, kind, count))
    inherited_ids = set(out.inherited.values())
    out.retired = sorted(old for old in sizes if old not in inherited_ids)
    return out

"""When an observation says it happened: windows, tolerances and the gap between two windows.

Two reports agree in time when their windows overlap once each is widened by its tolerance:
a fixed margin (clocks and reporting differ) plus a share of the window's own width (a report
precise to the hour is less sure of its edges than one precise to the minute).

>>> gap_s(np.array([0]), np.array([600]), np.array([900]), np.array([960]))
array([300])
>>> tolerance_s(np.array([0]), np.array([3600]), base_s=600, share=0.1)
array([960])
"""

from __future__ import annotations

import numpy as np

from ceasefire.core.verification.model import IntArray

DAY_S = 86_400


def width_s(start_s: IntArray, end_s: IntArray) -> IntArray:
    """Width of each window in seconds (0 when the end is before the start)."""
    return np.asarray(np.maximum(end_s - start_s, 0), dtype=np.int64)


def tolerance_s(start_s: IntArray, end_s: IntArray, *, base_s: int, share: float) -> IntArray:
    """How far beyond its window an observation may still agree with another."""
    return (base_s + np.round(share * width_s(start_s, end_s))).astype(np.int64)


def gap_s(start_a: IntArray, end_a: IntArray, start_b: IntArray, end_b: IntArray) -> IntArray:
    """Seconds between two windows, pairwise (0 when they overlap)."""
    return np.asarray(
        np.maximum(np.maximum(start_a, start_b) - np.minimum(end_a, end_b), 0), dtype=np.int64
    )


def day_of(start_s: IntArray) -> IntArray:
    """UTC day number of each time (days since 1970-01-01)."""
    return np.floor_divide(start_s, DAY_S)


def describe_window(seconds: int) -> str:
    """A window's width in plain words.

    >>> describe_window(90), describe_window(7200), describe_window(86400)
    ('2 min', '2 h', '1 day')
    """
    if seconds < 3_600:
        return f"{max(round(seconds / 60), 1)} min"
    if seconds < DAY_S:
        return f"{round(seconds / 3_600)} h"
    days = round(seconds / DAY_S)
    return f"{days} day" if days == 1 else f"{days} days"

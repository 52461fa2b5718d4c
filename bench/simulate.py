"""Simulator benchmark: generate and write about N observations (default scenario scaled up).

The default scenario writes about 10,000 observation rows over six days; ``--intensity`` scales
every sector, so N rows take intensity N / 10,000. Time and peak memory are measured in a fresh
interpreter, for generation alone and for generation plus writing every file.

Target (issue [2/6]): 1,000,000 observations well under a minute, under 1.5 GB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROWS_PER_INTENSITY = 10_000


def _child(code: str) -> tuple[float, float, int]:
    """Run ``code`` (defining ``work() -> int``) in a fresh interpreter: seconds, MiB, rows."""
    script = (
        "import time, resource\n"
        f"{code}\n"
        "t = time.perf_counter(); n = work(); t = time.perf_counter() - t\n"
        "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seconds, peak, rows = out.stdout.split()[-3:]
    return float(seconds), float(peak), int(rows)


def generate_code(intensity: float) -> str:
    return f"""
import dataclasses
from ceasefire.core.simulate import scenario_named
from ceasefire.workflows.simulate import run_scenario
scenario = dataclasses.replace(scenario_named("default"), intensity={intensity})
def work():
    return len(run_scenario(scenario, 1).rows["event"])
"""


def write_code(intensity: float, out: Path) -> str:
    return f"""
from pathlib import Path
from ceasefire.workflows.simulate import run_simulation
def work():
    return run_simulation("default", 1, Path({str(out)!r}), intensity={intensity}).files[
        "observations.csv"]
"""


def run(rows: int) -> str:
    """Benchmark at about ``rows`` observations; return the Markdown section."""
    sizes = sorted({min(rows, 10_000), rows})
    lines = [
        f"\n## Simulate: default scenario scaled to about {rows:,} observations\n",
        "| observations | generate s | generate peak MiB | generate + write s | peak MiB "
        "| rows/s |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    verdict = "met"
    for size in sizes:
        intensity = size / ROWS_PER_INTENSITY
        gen_s, gen_mb, _ = _child(generate_code(intensity))
        with tempfile.TemporaryDirectory() as tmp:
            all_s, all_mb, written = _child(write_code(intensity, Path(tmp)))
        lines.append(
            f"| {written:,} | {gen_s:.2f} | {gen_mb:.0f} | {all_s:.2f} | {all_mb:.0f} | "
            f"{written / all_s:,.0f} |"
        )
        if size == sizes[-1] and (all_s * 1_000_000 / max(written, 1) > 60 or all_mb > 1536):
            verdict = "MISSED (extrapolated linearly to 1M rows)"
    lines.append(
        f"\nTarget: 1M observations well under 60 s and < 1.5 GB (linear extrapolation): {verdict}."
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000))

"""Run the benchmarks: ``python -m bench [--smoke] [--rows N]``.

Full runs rewrite ``bench/RESULTS.md``; ``--smoke`` runs each benchmark at a small size (what
CI does, so they don't rot) and writes ``bench/out/RESULTS-smoke.md`` instead.
"""

from __future__ import annotations

import argparse
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from bench import ingest

HERE = Path(__file__).resolve().parent


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count()
    return f"{cpu}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "--smoke", action="store_true", help="small sizes; do not rewrite RESULTS.md"
    )
    parser.add_argument("--rows", type=int, default=None, help="rows for the ingest benchmark")
    args = parser.parse_args()
    rows = args.rows or (5_000 if args.smoke else 1_000_000)
    sections = [ingest.run(rows)]
    header = (
        "# Benchmark results\n\n"
        f"Written by `python -m bench{' --smoke' if args.smoke else ''}` on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.\n\nMachine: {_machine()}.\n\n"
        "Each benchmark runs its baseline in the same process, on the same file, right before "
        "or after ceasefire, and reports the ratio: these machines are shared and noisy, so "
        "only ratios measured side by side mean anything.\n"
    )
    text = header + "\n".join(sections)
    if args.smoke:
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        (out / "RESULTS-smoke.md").write_text(text)
    else:
        (HERE / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()

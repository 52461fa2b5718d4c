"""Run the benchmarks: ``python -m bench [--smoke] [--only NAME,...]``.

Each benchmark measures ceasefire beside its baseline in the same run and returns a Markdown
section. A full run replaces that benchmark's section of ``bench/RESULTS.md`` (sections of
benchmarks not run are kept); ``--smoke`` runs each at a small size, as CI does so they don't
rot, and writes ``bench/out/RESULTS-smoke.md`` instead.

Benchmarks: ingest (1M observations from CSV into SQLite vs csv+executemany), simulate
(generate and write 1M observations), cluster (1M observations; DBSCAN at 10k/100k), quality
(verification scores per scenario and seed), evaluate (1M incidents against an agreement vs the
raw shapely predicates), report (a reporting day with 10,000 incidents to PDF vs WeasyPrint
alone on the same HTML), text (texts of ~4,000 characters per second through the text intake vs
spaCy's tokenizer alone), ledger (verify a 1M-entry ledger vs a minimal chain loop; the ledger's
write overhead on ingest), api (observation submission over HTTP vs a bare Starlette INSERT, with
wrk; map aggregation vs SELECT count(*)).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench import (
    api,
    cluster,
    evaluate,
    ingest,
    ledger,
    report,
    simulate,
    text,
    verification_quality,
)

HERE = Path(__file__).resolve().parent
FULL: dict[str, Callable[[], str]] = {
    "ingest": lambda: ingest.run(1_000_000),
    "simulate": lambda: simulate.run(1_000_000),
    "cluster": lambda: cluster.run(1_000_000),
    "quality": verification_quality.run,
    "evaluate": lambda: evaluate.run(1_000_000),
    "report": lambda: report.run(10_000),
    "text": lambda: text.run(500),
    "ledger": lambda: ledger.run(1_000_000),
    "api": api.run,
}
SMOKE: dict[str, Callable[[], str]] = {
    "ingest": lambda: ingest.run(5_000),
    "simulate": lambda: simulate.run(5_000),
    "cluster": lambda: cluster.run(2_000),
    "quality": lambda: verification_quality.run(seeds=(1,), scenarios=("quiet",)),
    "evaluate": lambda: evaluate.run(5_000),
    "report": lambda: report.run(150),
    "text": lambda: text.run(20),
    "ledger": lambda: ledger.run(5_000),
    "api": lambda: api.run(seconds=5, open_seconds=5, incidents=5_000),
}


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


HEADER = (
    "# Benchmark results\n\n"
    "Written by `python -m bench` (one section per benchmark; each section says when and on "
    "what it was measured). Each benchmark runs its baseline in the same run, on the same data, "
    "and reports ratios: these machines are shared and noisy, so only ratios measured side by "
    "side mean anything.\n"
)


def _section(name: str, body: str) -> str:
    stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_machine()}"
    return f"<!-- bench:{name} -->\n{body.strip()}\n\n_Measured {stamp}._\n<!-- /bench:{name} -->"


def merge_sections(text: str, sections: dict[str, str]) -> str:
    """``text`` with each named section replaced (or appended when new)."""
    if not text.startswith("# Benchmark results"):
        text = HEADER
    for name, section in sections.items():
        pattern = re.compile(rf"<!-- bench:{name} -->.*?<!-- /bench:{name} -->", re.S)
        if pattern.search(text):
            text = pattern.sub(section.replace("\\", "\\\\"), text)
        else:
            text = text.rstrip() + "\n\n" + section + "\n"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--smoke", action="store_true", help="small sizes; keep RESULTS.md")
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    args = parser.parse_args()
    table = SMOKE if args.smoke else FULL
    names = [n for n in args.only.split(",") if n] or list(table)
    unknown = sorted(set(names) - set(table))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(table)}")
    sections = {}
    for name in names:
        sections[name] = _section(name, table[name]())
        print(sections[name], flush=True)
    if args.smoke:
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        (out / "RESULTS-smoke.md").write_text(merge_sections(HEADER, sections))
    else:
        target = HERE / "RESULTS.md"
        current = target.read_text() if target.exists() else HEADER
        target.write_text(merge_sections(current, sections))


if __name__ == "__main__":
    main()

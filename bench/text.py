"""Text intake benchmark: texts of ~4,000 characters per second on one core, gazetteer load time.

Data: the dev texts of the frozen corpus (``tests/text/corpus/dev``), each repeated paragraph by
paragraph until it reaches ~4,000 characters. Measured: the whole pipeline as
``ceasefire ingest-text`` runs it (decode, language check, sentence split, gazetteer, dates,
rule extraction) and, as the baseline in the same run, spaCy's blank English tokenizer alone
over the same texts. Target (issue [6/6]): >= 50 texts per second. Also reported: the dev score
(``ceasefire text-score``). Scores on the held-aside texts are reported by the lead only.
"""

from __future__ import annotations

import time
from pathlib import Path

from ceasefire.ingest.text.document import read_text_input, sentencizer
from ceasefire.ingest.text.gazetteer import gazetteer_load_seconds, load_gazetteer
from ceasefire.workflows.text_intake import propose_records
from ceasefire.workflows.text_score import score_corpus

DEV = Path(__file__).resolve().parents[1] / "tests" / "text" / "corpus" / "dev"
TARGET_CHARS = 4_000


def sized_texts(count: int, size: int = TARGET_CHARS) -> list[bytes]:
    """``count`` English texts of about ``size`` characters from the dev corpus."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    sources = [s for s in sources if not s.endswith(".stripped.txt")]
    texts = []
    for i in range(count):
        base = sources[i % len(sources)]
        text = base
        while len(text) < size:
            text += "\n\n" + base
        texts.append(text[: size + text[size:].find("\n") if "\n" in text[size:] else None])
    return [t.encode("utf-8") for t in texts]


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def run(count: int = 500) -> str:
    """The benchmark as a Markdown section."""
    began = time.perf_counter()
    gazetteer = load_gazetteer()
    load = gazetteer_load_seconds()
    texts = sized_texts(count)
    chars = sum(len(t.decode("utf-8")) for t in texts) / len(texts)
    propose_records(read_text_input(texts[0], "warm-up"), gazetteer)  # spaCy's first call
    start, wall = time.process_time(), time.perf_counter()
    proposals = 0
    for i, data in enumerate(texts):
        document = read_text_input(data, f"text-{i}")
        proposals += len(propose_records(document, gazetteer).proposals)
    pipeline, pipeline_wall = time.process_time() - start, time.perf_counter() - wall
    nlp = sentencizer().tokenizer
    decoded = [t.decode("utf-8") for t in texts]
    start = time.process_time()
    tokens = sum(len(nlp(text)) for text in decoded)
    baseline = time.process_time() - start
    score = score_corpus(DEV, gazetteer).as_json()
    ours, theirs = _rate(count, pipeline), _rate(count, baseline)
    rows = [
        "## Text intake (`ceasefire ingest-text`)",
        "",
        f"{count} texts of ~{chars:,.0f} characters (dev corpus texts repeated to size), "
        "one process, one core; rates use CPU time (the machine is shared), "
        f"wall time of the pipeline {pipeline_wall:.2f} s.",
        "",
        "| what | texts/s | CPU seconds | note |",
        "|---|---:|---:|---|",
        f"| ceasefire pipeline | {ours:,.1f} | {pipeline:.2f} | {proposals} proposals |",
        f"| spaCy blank('en') tokenizer alone | {theirs:,.1f} | {baseline:.2f} | "
        f"{tokens:,} tokens; pipeline costs {theirs / ours:.1f}x the tokenizer |",
        "",
        f"Gazetteer load: {load:.2f} s ({gazetteer.size:,} names). Target: >= 50 texts/s: "
        f"{'met' if ours >= 50 else 'NOT met'}.",
        "",
        "Dev corpus score (F1): "
        + ", ".join(f"{k} {v['f1']}" for k, v in score["types"].items())
        + f"; observations + claims {score['observations_and_claims']['f1']}; places "
        f"(GeoNames ids) {score['place_resolution'].get('geonames', {}).get('share')}.",
        "",
        f"Total run: {time.perf_counter() - began:.1f} s.",
    ]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(run(200))

"""Score text intake against a frozen gold corpus (``tests/text/corpus/dev`` or ``holdout``).

Matching (``docs/text-intake.md``, *Scoring*): a proposal matches a gold proposal of the same
type when their spans overlap; each gold proposal matches at most one proposal. Where several
pairs compete, pairs agreeing on the key field (act, claim items, negotiation kind) and then
with the larger overlap are paired first. Precision, recall and F1 per type, and for
observations and claims together; field accuracy on matched pairs; place resolution as the
share of gold places with a GeoNames id that the gazetteer resolved to that id where the name
occurs inside the gold span (and, stricter, inside a matched proposal).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ceasefire.core.errors import IngestError
from ceasefire.core.text.gazetteer import Gazetteer
from ceasefire.ingest.text.document import read_text_input
from ceasefire.ingest.text.gazetteer import load_gazetteer
from ceasefire.workflows.text_intake import propose_records

TYPES = ("observation", "claim", "negotiation_event", "opinion")
KEY_FIELD = {"observation": "act", "claim": "items", "negotiation_event": "kind"}
FIELDS = {
    "observation": ("act", "target_class", "weapon", "date", "time_of_day", "accused",
                    "presented_as", "casualties"),
    "claim": ("items", "period", "accused"),
    "negotiation_event": ("kind", "date", "actor"),
}  # fmt: skip
Json = dict[str, Any]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one record type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_json(self) -> Json:
        """Counts with precision, recall and F1 (``None`` when undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": _round(p),
                "recall": _round(r), "f1": _round(f1)}  # fmt: skip


@dataclass
class CorpusScore:
    """Everything the scorer measured over one corpus folder."""

    corpus: str
    texts: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    fields: dict[str, list[int]] = field(default_factory=dict)  # name → [right, compared]
    places: dict[str, list[int]] = field(default_factory=dict)
    languages: list[int] = field(default_factory=lambda: [0, 0])

    def as_json(self) -> Json:
        """The score as a JSON object (what ``ceasefire text-score --json`` prints)."""
        combined = Counts(
            *(sum(getattr(self.counts[t], k) for t in ("observation", "claim")) for k in
              ("tp", "fp", "fn"))
        )  # fmt: skip
        return {
            "corpus": self.corpus,
            "texts": self.texts,
            "types": {t: c.as_json() for t, c in self.counts.items()},
            "observations_and_claims": combined.as_json(),
            "field_accuracy": {k: _share(v) for k, v in sorted(self.fields.items())},
            "place_resolution": {k: _share(v) for k, v in sorted(self.places.items())},
            "language": _share(self.languages),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _share(pair: list[int]) -> Json:
    return {
        "right": pair[0],
        "of": pair[1],
        "share": _round(pair[0] / pair[1] if pair[1] else None),
    }


def _tally(store: dict[str, list[int]], name: str, right: bool) -> None:
    pair = store.setdefault(name, [0, 0])
    pair[0] += int(right)
    pair[1] += 1


def _party(value: Any) -> Any:
    return value.get("party") if isinstance(value, dict) else value


def _field(proposal: Json, name: str) -> Any:
    value = proposal.get(name)
    if name in ("accused", "actor"):
        return _party(value)
    if name == "items":
        return sorted(json.dumps(i, sort_keys=True) for i in value or [])
    return value


def _overlap(a: list[int], b: list[int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(predicted: list[Json], gold: list[Json]) -> list[tuple[Json, Json]]:
    """Pairs (predicted, gold) of the same type with overlapping spans, one-to-one."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if p["type"] != g["type"] or not _overlap(p["span"], g["span"]):
                continue
            key = KEY_FIELD.get(p["type"])
            agree = key is not None and _field(p, key) == _field(g, key)
            pairs.append((int(agree), _overlap(p["span"], g["span"]), -i, -j, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for *_, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((predicted[i], gold[j]))
    return matched


def _input_for(gold_path: Path) -> Path:
    stem = gold_path.name.removesuffix(".gold.json")
    for suffix in (".txt", ".html"):
        candidate = gold_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    raise IngestError(gold_path.name, "no .txt or .html text beside this gold file")


def _gold_text(gold_path: Path, source: Path) -> str:
    stripped = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".stripped.txt")
    return (stripped if stripped.exists() else source).read_text(encoding="utf-8")


def score_file(gold_path: Path, score: CorpusScore, gazetteer: Gazetteer) -> None:
    """Add one text's comparison to ``score``."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = _input_for(gold_path)
    published = date.fromisoformat(gold["published"]) if gold["published"] else None
    document = read_text_input(source.read_bytes(), source.name, published)
    result = propose_records(document, gazetteer).as_json()
    score.texts += 1
    score.languages[0] += int(result["language"] == gold["language"])
    score.languages[1] += 1
    if document.text.rstrip() != _gold_text(gold_path, source).rstrip():
        raise IngestError(source.name, "the stripped text differs from the gold's text")
    predicted, expected = result["proposals"], gold["proposals"]
    matched = match(predicted, expected)
    for kind in TYPES:
        hits = sum(1 for p, _ in matched if p["type"] == kind)
        score.counts[kind].tp += hits
        score.counts[kind].fp += sum(1 for p in predicted if p["type"] == kind) - hits
        score.counts[kind].fn += sum(1 for g in expected if g["type"] == kind) - hits
    for p, g in matched:
        for name in FIELDS.get(p["type"], ()):
            _tally(score.fields, f"{p['type']}.{name}", _field(p, name) == _field(g, name))
        ids = {(pl["resolved"] or {}).get("id") for pl in p.get("places", [])}
        for place in g.get("places", []):
            if (place["resolved"] or {}).get("source") == "geonames":
                _tally(score.places, "geonames_in_matched", place["resolved"]["id"] in ids)
    _score_places(document.text, document.sentences, expected, gazetteer, score)


def _score_places(
    text: str, sentences: tuple[tuple[int, int], ...], gold: list[Json], gazetteer: Gazetteer,
    score: CorpusScore,
) -> None:  # fmt: skip
    mentions = gazetteer.mentions(text, sentences) if sentences else []
    for proposal in gold:
        start, end = proposal["span"]
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        for place in proposal.get("places", []):
            want = place["resolved"]
            found = [m.place.resolved for m in inside if m.place.name == place["name"]] or [
                m.place.resolved
                for m in sorted(mentions, key=lambda m: abs(m.start - start))
                if m.place.name == place["name"]
            ]
            got = found[0] if found else None
            if want is None:
                _tally(score.places, "unresolved_kept_null", got is None)
                continue
            right = got is not None and (got.source, got.id) == (want["source"], want["id"])
            _tally(score.places, want["source"], right)
            _tally(score.places, "all_resolved", right)


def score_corpus(folder: Path, gazetteer: Gazetteer | None = None) -> CorpusScore:
    """Score every ``*.gold.json`` in ``folder`` (sorted by name)."""
    golds = sorted(folder.glob("*.gold.json"))
    if not golds:
        raise IngestError(str(folder), "no *.gold.json files in this folder")
    index = gazetteer if gazetteer is not None else load_gazetteer()
    score = CorpusScore(folder.name)
    for gold_path in golds:
        score_file(gold_path, score, index)
    return score

"""The frozen evaluation corpus: every gold file follows the schema and every span is exact.

The corpus (``tests/text/corpus``) and its gold annotations were frozen before any extraction
rule was written; see its README. These tests guard the corpus itself, not an extractor.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

jsonschema_rs = pytest.importorskip("jsonschema_rs")

ROOT = Path(__file__).parents[2]
CORPUS = Path(__file__).parent / "corpus"
SCHEMA = json.loads((ROOT / "docs" / "text-proposals.schema.json").read_text(encoding="utf-8"))
GAZETTEER = ROOT / "src" / "ceasefire" / "data" / "gazetteer"
GOLD_FILES = sorted(CORPUS.glob("*/*.gold.json"))


def _text_for(gold_path: Path) -> str:
    """The text the spans point into: the .txt file, or the stripped text of an .html file."""
    stem = gold_path.name.removesuffix(".gold.json")
    for name in (f"{stem}.txt", f"{stem}.stripped.txt"):
        candidate = gold_path.with_name(name)
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise AssertionError(f"{gold_path}: no text file beside it")


def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _geonames() -> dict[str, dict[str, str]]:
    name = "geonames_cities500_UA_and_RU-Kursk-Belgorod-Bryansk.tsv"
    with (GAZETTEER / name).open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {r["geonameid"]: r for r in rows}


def _supplement() -> dict[str, dict[str, str]]:
    lines = (GAZETTEER / "supplement.csv").read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in csv.DictReader(line for line in lines if not line.startswith("#"))}


def test_corpus_has_at_least_48_texts_split_two_to_one() -> None:
    dev = list((CORPUS / "dev").glob("*.gold.json"))
    holdout = list((CORPUS / "holdout").glob("*.gold.json"))
    assert len(dev) + len(holdout) >= 48
    assert len(holdout) == (len(dev) + len(holdout)) // 3


def test_holdout_is_every_third_file_by_number() -> None:
    for path in GOLD_FILES:
        number = int(path.name[:3])
        assert (path.parent.name == "holdout") == (number % 3 == 0), path.name


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_validates_against_the_schema(path: Path) -> None:
    validator = jsonschema_rs.validator_for(SCHEMA)
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(_gold(path))]
    assert errors == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_span_matches_the_text(path: Path) -> None:
    text = _text_for(path)
    for proposal in _gold(path)["proposals"]:
        start, end = proposal["span"]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == proposal["text"], (path.name, proposal["span"])
        assert text[start:end] == text[start:end].strip(), "spans carry no edge whitespace"
        for condition in proposal.get("conditions", []):
            assert condition in proposal["text"], condition
        if proposal.get("subject"):
            assert proposal["subject"] in proposal["text"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_names_as_written_occur_in_the_text(path: Path) -> None:
    text = _text_for(path)
    for proposal in _gold(path)["proposals"]:
        for place in proposal.get("places", []):
            assert place["name"] in text, place["name"]
        for role in ("accused", "actor", "counterpart"):
            who = proposal.get(role)
            if who is not None:
                assert who["as_written"] in text, who["as_written"]


def test_resolved_places_exist_in_the_gazetteer_or_supplement() -> None:
    geonames, supplement = _geonames(), _supplement()
    checked = 0
    for path in GOLD_FILES:
        for proposal in _gold(path)["proposals"]:
            for place in proposal.get("places", []):
                resolved = place["resolved"]
                if resolved is None:
                    continue
                checked += 1
                if resolved["source"] == "geonames":
                    row = geonames[resolved["id"]]
                    assert (row["name"], row["country_code"]) == (
                        resolved["name"],
                        resolved["country"],
                    )
                elif resolved["source"] == "supplement":
                    assert supplement[resolved["id"]]["name"] == resolved["name"]
    assert checked > 100


def test_non_english_text_has_no_proposals() -> None:
    foreign = [_gold(p) for p in GOLD_FILES if _gold(p)["language"] != "en"]
    assert foreign, "the corpus keeps at least one non-English text"
    assert all(g["proposals"] == [] for g in foreign)


def test_html_text_keeps_its_stripped_article() -> None:
    pages = sorted(CORPUS.glob("*/*.html"))
    assert pages
    for page in pages:
        stripped = page.with_name(page.name.removesuffix(".html") + ".stripped.txt")
        html = page.read_text(encoding="utf-8")
        assert "cookie" in html.lower()
        first_paragraph = stripped.read_text(encoding="utf-8").split("\n\n")[1]
        assert first_paragraph[:60] in html


def test_manifest_lists_every_text() -> None:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    listed = {row["file"] for row in manifest}
    on_disk = {p.name for p in CORPUS.glob("*/*") if p.suffix in {".txt", ".html"}}
    on_disk = {n for n in on_disk if not n.endswith(".stripped.txt")}
    assert listed == on_disk

"""Reading one input: encodings, HTML stripping, language, sentences, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ceasefire.core.errors import IngestError
from ceasefire.ingest.text.document import MAX_BYTES, read_text_input, segment

CORPUS = Path(__file__).parents[2] / "text" / "corpus" / "dev"
HTML = CORPUS / "047-html-zaporizhzhia-substation-boilerplate.html"


def test_html_page_is_stripped_to_the_expected_article_text() -> None:
    document = read_text_input(HTML.read_bytes(), HTML.name)
    expected = HTML.with_name(HTML.name.replace(".html", ".stripped.txt")).read_text("utf-8")
    assert document.text == expected.rstrip("\n")
    assert document.published == date(2025, 4, 19)  # from <time datetime=...>
    assert "cookie" not in document.text.lower()


def test_boilerplate_only_page_is_a_clear_error() -> None:
    page = b"<html><body><nav>Home</nav><div class='cookie'>We use cookies</div></body></html>"
    with pytest.raises(IngestError, match=r"page.html: no text to read"):
        read_text_input(page, "page.html")


@pytest.mark.parametrize("data", [b"", b"   \n\n  "])
def test_empty_input_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(IngestError, match=r"empty.txt: no text to read"):
        read_text_input(data, "empty.txt")


def test_binary_garbage_is_a_clear_error() -> None:
    garbage = bytes(range(256)) * 40
    with pytest.raises(IngestError, match=r"blob.bin: binary data"):
        read_text_input(garbage, "blob.bin")


def test_over_ten_megabytes_is_a_clear_error_naming_the_file() -> None:
    with pytest.raises(IngestError, match=r"big.txt: .* over the 10 MB limit"):
        read_text_input(b"a" * (MAX_BYTES + 1), "big.txt")


def test_non_english_text_is_named_and_gets_no_sentences() -> None:
    text = "Російські дрони атакували підстанцію в Харкові вночі, повідомив губернатор області."
    document = read_text_input(text.encode("utf-8"), "uk.txt")
    assert document.language == "uk"
    assert document.sentences == ()


def test_encodings_utf8_bom_and_cp1251() -> None:
    english = "Drones struck Kharkiv overnight, the governor of the region said on Tuesday."
    assert read_text_input(b"\xef\xbb\xbf" + english.encode(), "bom.txt").text == english
    russian = "Российские войска обстреляли Харьков ночью, сообщил губернатор области."
    document = read_text_input(russian.encode("cp1251"), "ru.txt")
    assert document.text == russian
    assert document.language == "ru"


def test_sentences_split_headline_dateline_and_keep_closing_quotes() -> None:
    text = 'Headline\n\nKYIV, April 16 (Wire) - He said "it is over." Two were hurt.'
    assert [text[a:b] for a, b in segment(text)] == [
        "Headline",
        "KYIV, April 16 (Wire) -",
        'He said "it is over."',
        "Two were hurt.",
    ]


def test_every_dev_gold_span_starts_and_ends_on_sentence_boundaries() -> None:
    import json

    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        stem = gold_path.name.removesuffix(".gold.json")
        source = next(p for p in (CORPUS / f"{stem}.txt", CORPUS / f"{stem}.html") if p.exists())
        document = read_text_input(source.read_bytes(), source.name)
        starts = {a for a, _ in document.sentences}
        ends = {b for _, b in document.sentences}
        for proposal in json.loads(gold_path.read_text("utf-8"))["proposals"]:
            start, end = proposal["span"]
            assert start in starts and end in ends, (source.name, proposal["span"])

"""Read one text for intake: bytes → checked, decoded, de-boilerplated, segmented :class:`Document`.

Input is a plain-text file or a saved HTML page (recognised by its content). Refused with an
:class:`~ceasefire.core.errors.IngestError` naming the input: more than 10 MB, empty (or only
boilerplate), or binary. Encodings: UTF-8 (with or without BOM), UTF-16 with a BOM, else
Windows-1251 when the bytes read as mostly Cyrillic, else Windows-1252 — never a wild guess.
Sentences come from spaCy's blank English pipeline with its rule-based sentencizer (no model
download); a line break always ends a sentence (headlines, datelines), and a wire dateline
("KYIV, April 16 (Northline Wire) - ") is a segment of its own.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ceasefire.core.errors import ConfigurationError, IngestError
from ceasefire.core.text.dates import find_published
from ceasefire.core.text.language import language_of
from ceasefire.ingest.text.html import looks_like_html, strip_html

if TYPE_CHECKING:
    from spacy.language import Language

MAX_BYTES = 10 * 1024 * 1024
DATELINE = re.compile(
    r"[A-Z][A-Z .'’/-]+(?:,\s[A-Z][\w .'’-]+){0,3},\s[A-Z][a-z]{2,8}\.?\s\d{1,2}"
    r"(?:\s\([^)\n]{1,60}\))?\s[-–—]+\s"
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Document:
    """A text ready for extraction: offsets in ``sentences`` point into ``text``."""

    name: str
    text: str
    published: date | None
    language: str
    sentences: tuple[tuple[int, int], ...]


def decode(data: bytes, name: str) -> str:
    """The text of ``data``: UTF-8/UTF-16 by BOM, UTF-8, Windows-1251 or Windows-1252."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError(name, "binary data, not a text or HTML file")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    cyrillic = data.decode("cp1251", errors="replace")
    high = [c for c in cyrillic if ord(c) > 127]
    if high and sum("\u0400" <= c <= "\u04ff" for c in high) > 0.8 * len(high):
        return _checked(cyrillic, name)
    return _checked(data.decode("cp1252", errors="replace"), name)


def _checked(text: str, name: str) -> str:
    sample = text[:20_000]
    odd = len(CONTROL.findall(sample)) + sample.count("\ufffd")
    if sample and odd > 0.05 * len(sample):
        raise IngestError(name, "binary data, not a text or HTML file")
    return text


@lru_cache(maxsize=1)
def sentencizer() -> Language:
    """spaCy's blank English pipeline with the rule-based sentencizer (built once)."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - the [text] extra is missing
        raise ConfigurationError("text intake needs spaCy: pip install 'ceasefire[text]'") from None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_BYTES + 1
    return nlp


def segment(text: str) -> tuple[tuple[int, int], ...]:
    """``[start, end)`` spans of the sentences of ``text``, whitespace trimmed, in order.

    >>> text = "Headline here\\n\\nKYIV, April 16 (Wire) - Drones struck. Two were hurt."
    >>> [text[a:b] for a, b in segment(text)]
    ['Headline here', 'KYIV, April 16 (Wire) -', 'Drones struck.', 'Two were hurt.']
    """
    spans: list[tuple[int, int]] = []
    for sentence in sentencizer()(text).sents:
        start = sentence.start_char
        for piece in re.split(r"(\n)", text[start : sentence.end_char]):
            if piece != "\n":
                spans.extend(_trimmed(text, start, start + len(piece)))
            start += len(piece)
    return tuple(spans)


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return []
    dateline = DATELINE.match(text, start, end)
    if dateline is not None and dateline.end() < end:
        head_end = dateline.end()
        while text[head_end - 1].isspace():
            head_end -= 1
        return [(start, head_end), *_trimmed(text, dateline.end(), end)]
    return [(start, end)]


def read_text_input(data: bytes, name: str, published: date | None = None) -> Document:
    """A :class:`Document` from the bytes of one input (a file's content or stdin).

    ``published`` (``--published``) wins over the date the text states (heading, ``<time>``).
    A text that is not English gets its language and no sentences: nothing is proposed.
    """
    if len(data) > MAX_BYTES:
        raise IngestError(
            name, f"{len(data):,} bytes is over the 10 MB limit for one text; split the file"
        )
    text = decode(data, name)
    stated: date | None = None
    if looks_like_html(text):
        page = strip_html(text)
        text = page.text
        stated = _iso_day(page.published)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(name, "no text to read (the input is empty or only page boilerplate)")
    stated = stated or find_published(text)
    language = language_of(text)
    sentences = segment(text) if language == "en" else ()
    return Document(name, text, published or stated, language, sentences)


def _iso_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

"""Text intake: one English text → proposed records for analyst review (never published).

:func:`propose_records` runs the pipeline on a :class:`~ceasefire.ingest.text.document.Document`:
the gazetteer finds and resolves places, the date resolver resolves date expressions against
the publication date, and the rule extractor (:func:`ceasefire.core.text.extract.extract`)
turns sentences into observations, claims, negotiation events and opinion flags. A text that is
not English gets its language and no proposals. :func:`ingest_text` does the same from a file
or stdin bytes, as ``ceasefire ingest-text`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ceasefire.core.errors import IngestError
from ceasefire.core.text.dates import find_dates
from ceasefire.core.text.extract import extract
from ceasefire.core.text.gazetteer import Gazetteer
from ceasefire.core.text.proposals import Proposal, document_json
from ceasefire.ingest.text.document import Document, read_text_input
from ceasefire.ingest.text.gazetteer import load_gazetteer


@dataclass(frozen=True, slots=True)
class Proposals:
    """What one text proposes: its language, publication date and proposals (span order)."""

    document: Document
    proposals: tuple[Proposal, ...]

    @property
    def language(self) -> str:
        """ISO 639-1 code of the text's language (only ``en`` gets proposals)."""
        return self.document.language

    @property
    def published(self) -> date | None:
        """The date relative dates were resolved against."""
        return self.document.published

    def as_json(self) -> dict[str, Any]:
        """The ``ceasefire.text-proposals/1`` document (``docs/text-proposals.schema.json``)."""
        return document_json(self.language, self.published, self.proposals)


def propose_records(document: Document, gazetteer: Gazetteer | None = None) -> Proposals:
    """Proposed records for one document (nothing is stored or published)."""
    if document.language != "en" or not document.sentences:
        return Proposals(document, ())
    index = gazetteer if gazetteer is not None else load_gazetteer()
    places = index.mentions(document.text, document.sentences)
    dates = find_dates(document.text, document.published, document.sentences)
    found = extract(document.text, document.sentences, document.published, places, dates)
    ordered = sorted(found, key=lambda p: (p.span[0], p.span[1]))
    return Proposals(document, tuple(ordered))


def read_input(source: str, stdin: bytes | None = None) -> tuple[bytes, str]:
    """The bytes of ``source`` (a path, or ``-`` for ``stdin``) and the name errors use."""
    if source == "-":
        return (stdin or b""), "<stdin>"
    path = Path(source)
    if not path.is_file():
        raise IngestError(source, "no such file")
    size = path.stat().st_size
    if size > 10 * 1024 * 1024:
        raise IngestError(
            path.name, f"{size:,} bytes is over the 10 MB limit for one text; split the file"
        )
    return path.read_bytes(), path.name


def ingest_text(
    source: str,
    published: date | None = None,
    stdin: bytes | None = None,
    gazetteer: Gazetteer | None = None,
) -> Proposals:
    """Read ``source`` (path or ``-``) and propose records; errors name the input."""
    data, name = read_input(source, stdin)
    return propose_records(read_text_input(data, name, published), gazetteer)

"""Evidence custody, the pure part: sniffing from real magic bytes, paths from digests only."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.custody import (
    OCTET_STREAM,
    EvidenceError,
    EvidenceMetadata,
    Sniffer,
    columns_differ,
    evidence_path_parts,
    evidence_record,
    is_evidence_name,
    normalise_sha256,
    sniff,
)


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


SAMPLES = {
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
    "image/png": _png(),
    "image/gif": b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04",
    "image/webp": b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00",
    "application/pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "video/mp4": b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41",
    "video/quicktime": b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ",
    "video/webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm",
    "video/x-matroska": b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska",
    "application/zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    "application/json": b'{"report": "shelling", "count": 3}\n',
    "text/plain; charset=utf-8": "Обстріл біля Торецька, 10:05\n".encode(),
}


@pytest.mark.parametrize(("expected", "data"), sorted(SAMPLES.items()))
def test_type_comes_from_the_magic_bytes(expected: str, data: bytes) -> None:
    assert sniff(data) == expected


def test_a_misleading_name_does_not_change_the_type() -> None:
    # The name "photo.jpg" is metadata only: the record's type is what the bytes are.
    meta = EvidenceMetadata(original_name="photo.jpg")
    data = SAMPLES["application/pdf"]
    record = evidence_record("ab" * 32, len(data), sniff(data), meta)
    assert record.media_type == "application/pdf"
    assert json.loads(record.canonical)["original_name"] == "photo.jpg"


def test_binary_and_empty_content_is_octet_stream() -> None:
    assert sniff(b"\x00\x01\x02\x03garbage") == OCTET_STREAM
    assert sniff(b"") == OCTET_STREAM
    assert sniff(b"\xc3\x28 invalid utf-8") == OCTET_STREAM


def test_broken_json_is_text_and_split_utf8_is_still_text() -> None:
    assert sniff(b'{"a": 1') == "text/plain; charset=utf-8"
    data = '{"place": "Донецьк"}'.encode()
    sniffer = Sniffer()
    for i in range(len(data)):  # one byte at a time: multi-byte characters are split
        sniffer.feed(data[i : i + 1])
    assert sniffer.media_type() == "application/json"
    assert sniffer.size == len(data)


def test_a_digest_is_validated_before_it_becomes_a_path() -> None:
    assert evidence_path_parts("AB" * 32) == ("ab", "ab", "ab" * 32)
    for bad in ("../" * 21 + "a", "ab" * 31, "g" * 64, "ab" * 32 + "/x", "", "ab/cd/" + "0" * 58):
        with pytest.raises(EvidenceError, match="64 hexadecimal digits"):
            evidence_path_parts(bad)


@given(st.binary(min_size=32, max_size=32))
def test_every_hex_digest_maps_to_its_own_two_level_place(raw: bytes) -> None:
    digest = raw.hex()
    first, second, name = evidence_path_parts(digest.upper())
    assert (first, second, name) == (digest[:2], digest[2:4], digest)
    assert is_evidence_name(name)
    assert normalise_sha256(f"  {digest}\n") == digest


@given(st.text(max_size=80))
def test_no_other_text_is_accepted_as_a_digest(text: str) -> None:
    stripped = text.strip().lower()
    valid = len(stripped) == 64 and all(c in "0123456789abcdef" for c in stripped)
    if valid:
        assert evidence_path_parts(text)[2] == stripped
    else:
        with pytest.raises(EvidenceError):
            evidence_path_parts(text)


def test_the_record_is_the_same_for_the_same_capture_and_names_changed_columns() -> None:
    meta = EvidenceMetadata(
        url="https://example.org/clip",
        captured_at=datetime(2025, 4, 20, 10, tzinfo=UTC),
        collector="Team 3",
        restricted=True,
    )
    one = evidence_record("0" * 64, 10, "video/mp4", meta)
    two = evidence_record("0" * 64, 10, "video/mp4", meta)
    assert one.canonical == two.canonical and one.content_hash == two.content_hash
    columns = {"sha256": "0" * 64, "restricted": True, "captured_at": meta.captured_at}
    assert columns_differ(one.canonical, columns) == []
    assert columns_differ(one.canonical, {**columns, "restricted": False}) == ["restricted"]


def test_capture_time_must_carry_an_offset() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        EvidenceMetadata(captured_at=datetime(2025, 4, 20, 10))

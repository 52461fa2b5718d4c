"""Signed heads: the message layout, keys with and without passphrase, JSON round trip."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from ceasefire.core.ledger.checkpoint import (
    Checkpoint,
    CheckpointFormatError,
    UnusableKeyError,
    checkpoint_message,
    generate_private_key,
    public_key_pem,
    raw_public_key,
    sign_head,
    signature_is_valid,
)
from ceasefire.core.ledger.verify import check_checkpoint

WHEN = datetime(2025, 4, 19, 16, 0, 30, 123, tzinfo=UTC)
HEAD = bytes(range(32))


def test_message_is_the_documented_layout() -> None:
    message = checkpoint_message(3, HEAD, WHEN)
    assert message == (
        b"ceasefire/ledger-checkpoint/v1\x00"
        + (3).to_bytes(8, "big")
        + HEAD
        + int(datetime(2025, 4, 19, 16, 0, 30, tzinfo=UTC).timestamp()).to_bytes(8, "big")
    )


def test_a_passphrase_protects_the_key() -> None:
    pem = generate_private_key(b"pw")
    assert b"ENCRYPTED" in pem
    with pytest.raises(UnusableKeyError, match="passphrase"):
        sign_head(pem, None, 1, HEAD, WHEN)
    with pytest.raises(UnusableKeyError, match="wrong passphrase"):
        sign_head(pem, b"nope", 1, HEAD, WHEN)
    signed = sign_head(pem, b"pw", 1, HEAD, WHEN)
    assert signed.public_key == raw_public_key(public_key_pem(pem, b"pw"))
    assert signed.signed_at == WHEN.replace(microsecond=0)


@pytest.mark.parametrize(
    "change",
    [{"size": 2}, {"head_hash": bytes(32)}, {"signed_at": datetime(2025, 1, 1, tzinfo=UTC)}],
)
def test_changing_any_signed_field_breaks_the_signature(change: dict[str, object]) -> None:
    signed = sign_head(generate_private_key(), None, 1, HEAD, WHEN)
    assert signature_is_valid(signed)
    assert not signature_is_valid(replace(signed, **change))  # type: ignore[arg-type]


def test_json_round_trip_and_bad_fields_are_named() -> None:
    signed = sign_head(generate_private_key(), None, 1, HEAD, WHEN)
    assert Checkpoint.from_json(signed.as_json()) == signed
    broken = {**signed.as_json(), "signature": "zz"}
    with pytest.raises(CheckpointFormatError, match=r"held\.json: field signature"):
        Checkpoint.from_json(broken, source="held.json")


def test_a_checkpoint_beyond_the_ledger_means_truncation() -> None:
    signed = sign_head(generate_private_key(), None, 5, HEAD, WHEN)
    problems = check_checkpoint("held", signed, ledger_size=3, hash_at_size=None)
    assert [str(p) for p in problems] == [
        "held: it signs 5 entries but the ledger holds 3: the ledger was truncated"
    ]
    assert not check_checkpoint("held", signed, ledger_size=9, hash_at_size=HEAD)

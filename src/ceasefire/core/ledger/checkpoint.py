"""Checkpoints: the ledger head signed with Ed25519, and the keys that sign it.

Pure: key bytes in, signatures out (reading and writing key files is ``ceasefire.ingest.keys``).
The signed message (documented in ``docs/ledger.md``)::

    message = b"ceasefire/ledger-checkpoint/v1" || 0x00
              || size       (8 bytes, unsigned big-endian: entries in the ledger = seq of the head)
              || head_hash  (32 bytes: entry hash of entry ``size``; 32 zero bytes when size is 0)
              || signed_at  (8 bytes, unsigned big-endian: Unix seconds, UTC)

The signature is Ed25519 (RFC 8032) over ``message``; a key is named by ``key_id``, the lower-case
hex SHA-256 of its raw 32-byte public key.

>>> private_pem = generate_private_key()
>>> from datetime import datetime, UTC
>>> signed = sign_head(private_pem, None, 0, bytes(32), datetime(2025, 4, 19, tzinfo=UTC))
>>> signature_is_valid(signed), len(signed.signature)
(True, 64)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import utc_text

CHECKPOINT_DOMAIN = b"ceasefire/ledger-checkpoint/v1\x00"
FORMAT = "ceasefire-checkpoint/v1"
"""The ``format`` field of a checkpoint exported as JSON."""


class UnusableKeyError(CeasefireError):
    """A key cannot be used: wrong passphrase, not Ed25519, or not a key at all."""


class CheckpointFormatError(CeasefireError):
    """A checkpoint document is malformed (names the field)."""


def checkpoint_message(size: int, head_hash: bytes, signed_at: datetime) -> bytes:
    """The exact bytes a checkpoint signs (see the module docstring)."""
    if size < 0 or len(head_hash) != 32:
        raise ValueError("size must be >= 0 and head_hash 32 raw bytes")
    seconds = int(signed_at.astimezone(UTC).timestamp())
    return CHECKPOINT_DOMAIN + size.to_bytes(8, "big") + head_hash + seconds.to_bytes(8, "big")


def key_id(public_key: bytes) -> str:
    """Hex SHA-256 of a raw 32-byte Ed25519 public key."""
    return hashlib.sha256(public_key).hexdigest()


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed head: ``size`` entries ending in ``head_hash``."""

    size: int
    head_hash: bytes
    signed_at: datetime
    public_key: bytes
    signature: bytes

    @property
    def key_id(self) -> str:
        """Which key signed it (hex SHA-256 of the raw public key)."""
        return key_id(self.public_key)

    def message(self) -> bytes:
        """The signed bytes."""
        return checkpoint_message(self.size, self.head_hash, self.signed_at)

    def as_json(self) -> dict[str, object]:
        """The checkpoint as a JSON object (hex for bytes, UTC text for the time)."""
        return {
            "format": FORMAT,
            "size": self.size,
            "head_hash": self.head_hash.hex(),
            "signed_at": utc_text(self.signed_at),
            "key_id": self.key_id,
            "public_key": self.public_key.hex(),
            "signature": self.signature.hex(),
        }

    @classmethod
    def from_json(cls, value: Mapping[str, object], source: str = "checkpoint") -> Checkpoint:
        """Read :meth:`as_json` output back; a bad field raises :class:`CheckpointFormatError`."""
        if value.get("format") != FORMAT:
            raise CheckpointFormatError(f"{source}: field format: expected {FORMAT!r}")

        def hex_field(name: str, length: int) -> bytes:
            raw = value.get(name)
            try:
                data = bytes.fromhex(raw) if isinstance(raw, str) else b""
            except ValueError:
                data = b""
            if len(data) != length:
                raise CheckpointFormatError(
                    f"{source}: field {name}: expected {length * 2} hex digits"
                )
            return data

        size = value.get("size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise CheckpointFormatError(f"{source}: field size: expected an integer >= 0")
        when = value.get("signed_at")
        try:
            signed_at = datetime.strptime(str(when), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            raise CheckpointFormatError(
                f"{source}: field signed_at: expected YYYY-MM-DDTHH:MM:SSZ"
            ) from None
        return cls(
            size=size,
            head_hash=hex_field("head_hash", 32),
            signed_at=signed_at,
            public_key=hex_field("public_key", 32),
            signature=hex_field("signature", 64),
        )


def generate_private_key(passphrase: bytes | None = None) -> bytes:
    """A new Ed25519 private key as PKCS#8 PEM, encrypted when a passphrase is given."""
    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def _private_key(private_pem: bytes, passphrase: bytes | None) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(private_pem, password=passphrase or None)
    except TypeError:
        raise UnusableKeyError(
            "the private key is encrypted: give its passphrase"
            if not passphrase
            else "the private key is not encrypted: give no passphrase"
        ) from None
    except ValueError:
        raise UnusableKeyError(
            "cannot read the private key: wrong passphrase, or not a PEM private key"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UnusableKeyError("the private key is not an Ed25519 key")
    return key


def public_key_pem(private_pem: bytes, passphrase: bytes | None = None) -> bytes:
    """The public half of a private key, as SubjectPublicKeyInfo PEM (safe to share)."""
    public = _private_key(private_pem, passphrase).public_key()
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def raw_public_key(public_pem: bytes) -> bytes:
    """The raw 32 bytes of an Ed25519 public key given as PEM."""
    try:
        key = serialization.load_pem_public_key(public_pem)
    except ValueError:
        raise UnusableKeyError("cannot read the public key: expected a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise UnusableKeyError("the public key is not an Ed25519 key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sign_head(
    private_pem: bytes, passphrase: bytes | None, size: int, head_hash: bytes, signed_at: datetime
) -> Checkpoint:
    """Sign the head ``(size, head_hash)`` at ``signed_at`` (whole seconds are signed)."""
    key = _private_key(private_pem, passphrase)
    when = signed_at.astimezone(UTC).replace(microsecond=0)
    signature = key.sign(checkpoint_message(size, head_hash, when))
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return Checkpoint(size, head_hash, when, public, signature)


def signature_is_valid(checkpoint: Checkpoint) -> bool:
    """True when the signature matches the checkpoint's message and public key."""
    try:
        Ed25519PublicKey.from_public_bytes(checkpoint.public_key).verify(
            checkpoint.signature, checkpoint.message()
        )
    except (InvalidSignature, ValueError):
        return False
    return True

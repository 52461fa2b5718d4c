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
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import utc_text

CHECKPOINT_DOMAIN = b"ceasefire/ledger-checkpoint/v1\x00"
COUNTERSIGN_DOMAIN = b"ceasefire/ledger-countersignature/v1\x00"
ROTATION_DOMAIN = b"ceasefire/key-rotation/v1\x00"
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
class Countersignature:
    """A party's signature over a checkpoint: ``Ed25519(COUNTERSIGN_DOMAIN || checkpoint message
    || the mission's 64-byte signature)``."""

    public_key: bytes
    signature: bytes

    @property
    def key_id(self) -> str:
        """Which key countersigned (hex SHA-256 of the raw public key)."""
        return key_id(self.public_key)

    def as_json(self) -> dict[str, object]:
        """As JSON: key id, raw public key and signature in hex."""
        return {
            "key_id": self.key_id,
            "public_key": self.public_key.hex(),
            "signature": self.signature.hex(),
        }


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed head: ``size`` entries ending in ``head_hash``."""

    size: int
    head_hash: bytes
    signed_at: datetime
    public_key: bytes
    signature: bytes
    countersignatures: tuple[Countersignature, ...] = ()

    @property
    def key_id(self) -> str:
        """Which key signed it (hex SHA-256 of the raw public key)."""
        return key_id(self.public_key)

    def message(self) -> bytes:
        """The signed bytes."""
        return checkpoint_message(self.size, self.head_hash, self.signed_at)

    def countersign_message(self) -> bytes:
        """What a party countersigns: the domain, the checkpoint message, the mission signature."""
        return COUNTERSIGN_DOMAIN + self.message() + self.signature

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
        } | (
            {"countersignatures": [c.as_json() for c in self.countersignatures]}
            if self.countersignatures
            else {}
        )

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
            countersignatures=_countersignatures(value.get("countersignatures", []), source),
        )


def _countersignatures(value: object, source: str) -> tuple[Countersignature, ...]:
    if not isinstance(value, list):
        raise CheckpointFormatError(f"{source}: field countersignatures: expected a list")
    found = []
    for index, item in enumerate(value):
        try:
            public = bytes.fromhex(item["public_key"]) if isinstance(item, dict) else b""
            signature = bytes.fromhex(item["signature"]) if isinstance(item, dict) else b""
        except (KeyError, TypeError, ValueError):
            public = signature = b""
        if len(public) != 32 or len(signature) != 64:
            raise CheckpointFormatError(
                f"{source}: field countersignatures[{index}]: expected public_key (64 hex "
                "digits) and signature (128 hex digits)"
            )
        found.append(Countersignature(public, signature))
    return tuple(found)


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


def countersign(checkpoint: Checkpoint, private_pem: bytes, passphrase: bytes | None) -> Checkpoint:
    """The checkpoint with one more party countersignature (a key countersigns once)."""
    key = _private_key(private_pem, passphrase)
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    kept = tuple(c for c in checkpoint.countersignatures if c.public_key != public)
    signed = Countersignature(public, key.sign(checkpoint.countersign_message()))
    return replace(checkpoint, countersignatures=(*kept, signed))


def countersignature_is_valid(checkpoint: Checkpoint, counter: Countersignature) -> bool:
    """True when ``counter`` signs ``checkpoint`` (its message and mission signature)."""
    return _verifies(counter.public_key, counter.signature, checkpoint.countersign_message())


def rotation_message(old_public: bytes, new_public: bytes, rotated_at: datetime) -> bytes:
    """What the old key signs to hand over to the new one: ``ROTATION_DOMAIN || old raw public
    key (32) || new raw public key (32) || rotated_at (8 bytes, big-endian Unix seconds)``."""
    seconds = int(rotated_at.astimezone(UTC).timestamp())
    return ROTATION_DOMAIN + old_public + new_public + seconds.to_bytes(8, "big")


def endorse_key(
    private_pem: bytes, passphrase: bytes | None, new_public: bytes, rotated_at: datetime
) -> tuple[bytes, bytes]:
    """``(old raw public key, signature)``: the old key signs the hand-over to ``new_public``."""
    key = _private_key(private_pem, passphrase)
    old = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return old, key.sign(rotation_message(old, new_public, rotated_at))


def endorsement_is_valid(
    old_public: bytes, new_public: bytes, rotated_at: datetime, signature: bytes
) -> bool:
    """True when the old key signed the hand-over to the new key at ``rotated_at``."""
    return _verifies(old_public, signature, rotation_message(old_public, new_public, rotated_at))


def _verifies(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True

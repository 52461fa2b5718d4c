"""The trusted record: canonical bytes and hashes now; chaining and signing come in [4/6]."""

from ceasefire.core.ledger.canonical import canonical_bytes, content_hash, micro_degrees

__all__ = ["canonical_bytes", "content_hash", "micro_degrees"]

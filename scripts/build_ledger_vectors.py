"""Write docs/ledger-test-vectors.json: entries, a Merkle root and a checkpoint, all deterministic.

Usage: python scripts/build_ledger_vectors.py   (tests/core/ledger/test_vectors.py checks the
file equals ``build()`` and re-verifies it with hashlib and cryptography only.)
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ceasefire.core.ledger.canonical import canonical_bytes, content_hash
from ceasefire.core.ledger.chain import GENESIS, chain, keyed_pseudonym, ledger_event, pseudonym
from ceasefire.core.ledger.checkpoint import checkpoint_message, countersign, sign_head
from ceasefire.core.ledger.commit import committed_form, fields_to_commit
from ceasefire.core.ledger.merkle import inclusion_proof, merkle_root
from ceasefire.core.observations.canonical import row_bytes

TARGET = Path(__file__).resolve().parents[1] / "docs" / "ledger-test-vectors.json"
SEED = bytes(range(32))
"""The Ed25519 private key seed of the vectors (public on purpose: never use it to sign)."""
PARTY_SEED = bytes(range(32, 64))
"""A party's key seed for the countersignature vector (public on purpose)."""
MISSION_SECRET = bytes(range(64, 96))
"""The mission secret keying actor pseudonyms in the vectors (public on purpose)."""
EVENTS = [
    {
        "action": "observations.imported",
        "actor": "local:ana",
        "actor_role": "local_operator",
        "content": {"file_name": "obs.csv", "rows_merkle_root": "", "rows_stored": 3},
        "object_ref": "import:1",
        "object_type": "import",
        "recorded_at": "2025-04-19T15:00:00Z",
    },
    {
        "action": "decision.grade",
        "actor": "local:ana",
        "actor_role": "local_operator",
        "content": {"decision_sha256": "0" * 64, "incident_id": "INC-000001"},
        "object_ref": "decision:1",
        "object_type": "decision",
        "recorded_at": "2025-04-19T15:05:00Z",
    },
    {
        "action": "verification.ran",
        "actor": "local:bo",
        "actor_role": "local_operator",
        "content": {"created": 1, "changed": 0, "text": "Київ — «ceasefire» ✓"},
        "object_ref": "run:1",
        "object_type": "verification_run",
        "recorded_at": "2025-04-19T15:10:00Z",
    },
]
ROWS = [b'{"key":"a1","lat":48280000}', b'{"key":"a2","lat":48281000}', b'{"key":"a3"}']


def build() -> dict[str, object]:
    """The vectors as a JSON-ready value."""
    row_hashes = [bytes.fromhex(content_hash(row)) for row in ROWS]
    root = merkle_root(row_hashes)
    events: list[dict[str, object]] = [dict(event) for event in EVENTS]
    first_content = dict(EVENTS[0]["content"])  # type: ignore[arg-type]
    first_content["rows_merkle_root"] = root.hex()
    events[0]["content"] = first_content
    blobs = [canonical_bytes(event) for event in events]
    links = list(chain(0, GENESIS, [bytes.fromhex(content_hash(b)) for b in blobs]))
    private_pem = Ed25519PrivateKey.from_private_bytes(SEED).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signed_at = datetime(2025, 4, 19, 16, 0, tzinfo=UTC)
    head = links[-1]
    checkpoint = sign_head(private_pem, None, head.seq, head.entry_hash, signed_at)
    party_pem = Ed25519PrivateKey.from_private_bytes(PARTY_SEED).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    countered = countersign(checkpoint, party_pem, None)
    return {
        "about": "ceasefire ledger test vectors; layouts in docs/ledger.md",
        "merkle": {
            "rows_utf8": [row.decode("utf-8") for row in ROWS],
            "row_sha256": [h.hex() for h in row_hashes],
            "root": root.hex(),
            "inclusion_proof_row_2": [
                [side, node.hex()] for side, node in inclusion_proof(row_hashes, 2)
            ],
        },
        "entries": [
            {
                "seq": link.seq,
                "canonical_utf8": blob.decode("utf-8"),
                "content_hash": link.content_hash.hex(),
                "previous_hash": link.previous_hash.hex(),
                "entry_hash": link.entry_hash.hex(),
                "actor_pseudonym": pseudonym(str(event["actor"])),
            }
            for link, blob, event in zip(links, blobs, events, strict=True)
        ],
        "checkpoint": {
            **checkpoint.as_json(),
            "private_key_seed": SEED.hex(),
            "message": checkpoint_message(head.seq, head.entry_hash, signed_at).hex(),
        },
        "commitment": _commitment_vector(),
        "keyed_pseudonym": {
            "mission_secret": MISSION_SECRET.hex(),
            "actor": "local:ana",
            "pseudonym": keyed_pseudonym(MISSION_SECRET, "local:ana"),
            "ledger_event_utf8": ledger_event(blobs[0], MISSION_SECRET).decode("utf-8"),
        },
        "countersignature": {
            "party_key_seed": PARTY_SEED.hex(),
            "message": countered.countersign_message().hex(),
            **countered.countersignatures[0].as_json(),
        },
        "bundle": _bundle_vector(),
    }


VERSIONS = [
    b'{"confidence":"probable","incident_id":"INC-000001","party":"RU","version":1}',
    b'{"confidence":"possible","confidence_reason":"monitor (Team 3)","incident_id":"INC-000002"}',
]
"""Two incident versions a run wrote, in public-ID order; the second quotes a team's name."""
ADJUDICATION = (
    b'{"action":"reply","actor":"user:olga","finding_id":"FND-000001","to_state":"disputed"}'
)


def _bundle_vector() -> list[dict[str, object]]:
    """A two-entry bundle: a run's versions (one shown, one withheld) and an adjudication
    event (withheld: it names its actor), each row checked against its entry."""
    hashes = [hashlib.sha256(v).digest() for v in VERSIONS]
    events = [
        {
            "action": "verification.ran",
            "actor": "p:0123456789abcdef",
            "actor_role": "analyst",
            "content": {"versions": 2, "versions_merkle_root": merkle_root(hashes).hex()},
            "object_ref": "run:1",
            "object_type": "verification_run",
            "recorded_at": "2025-04-19T15:10:00Z",
        },
        {
            "action": "finding.reply",
            "actor": "p:fedcba9876543210",
            "actor_role": "party_liaison",
            "content": {
                "adjudication_event_sha256": content_hash(ADJUDICATION),
                "finding_id": "FND-000001",
                "to_state": "disputed",
            },
            "object_ref": "finding:FND-000001",
            "object_type": "finding",
            "recorded_at": "2025-04-19T15:20:00Z",
        },
    ]
    blobs = [canonical_bytes(event) for event in events]
    links = list(chain(0, GENESIS, [bytes.fromhex(content_hash(b)) for b in blobs]))
    lines: list[dict[str, object]] = [
        {
            "format": "ceasefire-bundle/v1",
            "for_party": "RU",
            "size": len(links),
            "head_hash": links[-1].entry_hash.hex(),
            "public_keys": [],
        }
    ]
    for link, blob in zip(links, blobs, strict=True):
        lines.append(
            {
                "entry": link.seq,
                "previous_hash": link.previous_hash.hex(),
                "entry_hash": link.entry_hash.hex(),
                "content_hash": link.content_hash.hex(),
                "event": blob.decode("utf-8"),
            }
        )
    shown = {"committed": VERSIONS[0].decode("utf-8")}
    withheld = {"withheld": hashes[1].hex()}
    for index, form in enumerate((shown, withheld)):
        proof = [[side, node.hex()] for side, node in inclusion_proof(hashes, index)]
        ref = f"incident INC-00000{index + 1} version 1"
        lines.insert(2 + index, {"entry": 1, "row": index, "ref": ref, **form, "proof": proof})
    adjudication = {"withheld": content_hash(ADJUDICATION), "proof": []}
    lines.append({"entry": 2, "row": 0, "ref": "adjudication_events row 1", **adjudication})
    return lines


def _commitment_vector() -> dict[str, object]:
    """A monitor row: its canonical bytes, salts, and committed form."""
    row = {
        "act": "shelling",
        "key": "m1",
        "observer_lat": 48123457,
        "source_kind": "monitor_team",
        "source_name": "Team 3",
    }
    canonical = row_bytes(row)
    fields = fields_to_commit(row)
    salts = {name: bytes([i + 1]) * 32 for i, name in enumerate(fields)}
    committed = committed_form(canonical, salts)
    return {
        "canonical_utf8": canonical.decode("utf-8"),
        "salts": {name: salt.hex() for name, salt in salts.items()},
        "committed_utf8": committed.decode("utf-8"),
        "committed_sha256": content_hash(committed),
    }


def main() -> None:
    """Write the file."""
    TARGET.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()

"""docs/ledger-test-vectors.json is what the script builds, and verifies with hashlib alone."""

from __future__ import annotations

import hashlib
import json
import runpy
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "docs" / "ledger-test-vectors.json"


def test_vectors_file_is_up_to_date() -> None:
    build = runpy.run_path(str(ROOT / "scripts" / "build_ledger_vectors.py"))["build"]
    assert json.loads(VECTORS.read_text(encoding="utf-8")) == build()


def test_a_third_party_verifier_accepts_the_vectors() -> None:
    """Written from docs/ledger.md only: no ceasefire import."""
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    previous = bytes(32)
    for entry in vectors["entries"]:
        content = hashlib.sha256(entry["canonical_utf8"].encode("utf-8")).digest()
        assert content.hex() == entry["content_hash"]
        assert entry["previous_hash"] == previous.hex()
        data = b"ceasefire/ledger-entry/v1\x00" + entry["seq"].to_bytes(8, "big") + previous
        previous = hashlib.sha256(data + content).digest()
        assert previous.hex() == entry["entry_hash"]
    checkpoint = vectors["checkpoint"]
    assert checkpoint["head_hash"] == previous.hex()
    message = bytes.fromhex(checkpoint["message"])
    assert message[:31] == b"ceasefire/ledger-checkpoint/v1\x00"
    assert int.from_bytes(message[31:39], "big") == checkpoint["size"] == 3
    assert message[39:71] == previous
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(checkpoint["public_key"]))
    key.verify(bytes.fromhex(checkpoint["signature"]), message)  # raises if invalid
    merkle = vectors["merkle"]
    leaves = [hashlib.sha256(b"\x00" + bytes.fromhex(h)).digest() for h in merkle["row_sha256"]]
    left = hashlib.sha256(b"\x01" + leaves[0] + leaves[1]).digest()
    assert hashlib.sha256(b"\x01" + left + leaves[2]).hexdigest() == merkle["root"]


def test_a_third_party_checks_commitments_pseudonyms_and_countersignatures() -> None:
    """Written from docs/ledger.md only: no ceasefire import."""
    import hmac

    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    vector = vectors["commitment"]
    row = json.loads(vector["canonical_utf8"])
    for name, salt in vector["salts"].items():
        value = json.dumps(row[name], ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(bytes.fromhex(salt) + value.encode("utf-8")).hexdigest()
        row[name] = {"commitment": digest}
    committed = json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert committed == vector["committed_utf8"]
    assert "Team 3" not in committed and "48123457" not in committed
    assert hashlib.sha256(committed.encode("utf-8")).hexdigest() == vector["committed_sha256"]
    keyed = vectors["keyed_pseudonym"]
    message = b"ceasefire/actor/v2\x00" + keyed["actor"].encode("utf-8")
    secret = bytes.fromhex(keyed["mission_secret"])
    digest = hmac.new(secret, message, hashlib.sha256).hexdigest()
    assert keyed["pseudonym"] == "p:" + digest[:16]
    assert json.loads(keyed["ledger_event_utf8"])["actor"] == keyed["pseudonym"]
    counter = vectors["countersignature"]
    checkpoint = vectors["checkpoint"]
    message = b"ceasefire/ledger-countersignature/v1\x00" + bytes.fromhex(checkpoint["message"])
    assert bytes.fromhex(counter["message"]) == message + bytes.fromhex(checkpoint["signature"])
    party = Ed25519PublicKey.from_public_bytes(bytes.fromhex(counter["public_key"]))
    party.verify(bytes.fromhex(counter["signature"]), bytes.fromhex(counter["message"]))


def test_a_third_party_checks_the_bundle_vector_rows_shown_and_withheld() -> None:
    """Written from docs/ledger.md only: each row line is checked against its entry."""
    lines = json.loads(VECTORS.read_text(encoding="utf-8"))["bundle"]
    header, events = lines[0], {}
    previous = bytes(32)
    for line in lines[1:]:
        if "event" in line:
            content = hashlib.sha256(line["event"].encode("utf-8")).digest()
            data = b"ceasefire/ledger-entry/v1\x00" + line["entry"].to_bytes(8, "big") + previous
            previous = hashlib.sha256(data + content).digest()
            assert previous.hex() == line["entry_hash"]
            events[line["entry"]] = json.loads(line["event"])["content"]
            continue
        content = events[line["entry"]]
        if "withheld" in line:
            row_hash = bytes.fromhex(line["withheld"])
        else:
            row_hash = hashlib.sha256(line["committed"].encode("utf-8")).digest()
        if "versions_merkle_root" in content:
            node = hashlib.sha256(b"\x00" + row_hash).digest()
            for side, sibling in line["proof"]:
                pair = (
                    bytes.fromhex(sibling) + node if side == "L" else node + bytes.fromhex(sibling)
                )
                node = hashlib.sha256(b"\x01" + pair).digest()
            assert node.hex() == content["versions_merkle_root"]
        else:
            assert row_hash.hex() == content["adjudication_event_sha256"]
    assert header["head_hash"] == previous.hex()
    shown = [line for line in lines if "committed" in line]
    assert len(shown) == 1 and "Team 3" not in json.dumps(lines)

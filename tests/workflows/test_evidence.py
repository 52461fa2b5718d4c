"""Evidence custody and the access log on SQLite and PostgreSQL: store, dedupe, size limit,
a crash between rename and commit, tampering on disk and in the rows, restricted reads."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from ceasefire.core.access import Permission
from ceasefire.core.actor import Actor, Role
from ceasefire.core.custody import EvidenceError, EvidenceMetadata, EvidenceRecord
from ceasefire.core.errors import NotFound, PermissionDenied
from ceasefire.settings import Settings
from ceasefire.store import custody as custody_store
from ceasefire.store.custody import access_log, evidence_files
from ceasefire.store.database import Store
from ceasefire.store.schema import outbox
from ceasefire.workflows.access_log import access_log_entries, record_access, verify_access_log
from ceasefire.workflows.evidence import (
    add_evidence,
    evidence_captures,
    evidence_directory,
    evidence_root,
    gc,
    open_evidence,
)
from ceasefire.workflows.ledger import sequence, verify_ledger

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
MEDIATOR = Actor(user="mia", role=Role.MEDIATOR)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """An evidence directory under tmp_path; ledger verify reads it from the environment."""
    root = tmp_path / "evidence"
    monkeypatch.setenv("CEASEFIRE_EVIDENCE_DIR", str(root))
    return Settings.from_env(env={}, evidence_dir=str(root))


def _add(
    store: Store, actor: Actor, settings: Settings, data: bytes = PDF, **meta: Any
) -> EvidenceRecord:
    metadata = EvidenceMetadata(**{"original_name": "photo.jpg", **meta})
    return add_evidence(store, actor, io.BytesIO(data), metadata=metadata, settings=settings)


def _count(store: Store, table: object, *where: object) -> int:
    with store.reader.connect() as connection:
        query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
        return int(connection.execute(query).scalar_one())


def _sql(store: Store, statement: str) -> None:
    with store.writer.begin() as connection:
        connection.execute(text(statement))


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_file_is_stored_by_its_hash_typed_by_its_bytes_and_verified(
    store: Store, actor: Actor, settings: Settings
) -> None:
    record = _add(store, actor, settings, url="https://example.org/a", collector="Team 3")
    sha = record.sha256
    assert record.media_type == "application/pdf"
    root = Path(settings.evidence_dir)
    assert _files(root) == [root / sha[:2] / sha[2:4] / sha]
    found, stream = open_evidence(store, actor, sha.upper(), settings=settings)
    with stream:
        assert stream.read() == PDF
    assert found.metadata.original_name == "photo.jpg"
    assert found.metadata.collector == "Team 3"
    sequence(store)
    report = verify_ledger(store)
    assert report.ok, report.problems
    assert "evidence" not in report.not_covered
    assert report.rows_checked >= 1


def test_the_same_content_is_one_file_and_the_same_capture_one_row(
    store: Store, actor: Actor, settings: Settings
) -> None:
    first = _add(store, actor, settings, url="https://example.org/a")
    again = _add(store, actor, settings, url="https://example.org/a")
    other = _add(store, actor, settings, url="https://mirror.example.org/a")
    assert again.row_id == first.row_id
    assert other.row_id != first.row_id
    assert len(_files(Path(settings.evidence_dir))) == 1
    assert _count(store, evidence_files) == 2
    assert _count(store, outbox, outbox.c.action == "evidence.stored") == 2
    captures = evidence_captures(store, actor, first.sha256)
    assert [c.metadata.url for c in captures] == [
        "https://example.org/a",
        "https://mirror.example.org/a",
    ]


def test_a_file_over_the_size_limit_is_refused_and_leaves_nothing(
    store: Store, actor: Actor, settings: Settings
) -> None:
    small = Settings.from_env(env={}, evidence_dir=settings.evidence_dir, evidence_max_bytes=16)
    with pytest.raises(EvidenceError, match=r"photo.jpg: larger than .* limit of 16 bytes"):
        _add(store, actor, small, data=b"x" * 17)
    with pytest.raises(EvidenceError, match="empty"):
        _add(store, actor, small, data=b"")
    assert _files(Path(settings.evidence_dir)) == []
    assert _count(store, evidence_files) == 0
    assert _count(store, outbox) == 0


def test_a_crash_between_rename_and_commit_leaves_an_orphan_that_gc_removes(
    store: Store, actor: Actor, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object, **kwargs: object) -> int:
        raise RuntimeError("power cut")

    with monkeypatch.context() as patch, pytest.raises(RuntimeError, match="power cut"):
        patch.setattr(custody_store, "insert_record", crash)
        _add(store, actor, settings)
    root = Path(settings.evidence_dir)
    (orphan,) = _files(root)
    assert _count(store, evidence_files) == 0 and _count(store, outbox) == 0
    assert not list((root / "incoming").iterdir())  # nothing half-written
    young = gc(store, actor, settings=settings)
    assert young.orphans_removed == [] and young.kept_young == 1 and orphan.exists()
    stored = _add(store, actor, settings, data=b"%PDF-1.4 another file\n")
    report = gc(store, actor, settings=settings, now=time.time() + 7200)
    assert report.orphans_removed == [orphan.name]
    assert not orphan.exists()
    assert evidence_directory(store, settings).path_of(stored.sha256).exists()
    sequence(store)
    assert verify_ledger(store).ok


def test_a_file_altered_on_disk_fails_ledger_verify_and_the_read(
    store: Store, actor: Actor, settings: Settings
) -> None:
    sha = _add(store, actor, settings).sha256
    sequence(store)
    path = evidence_directory(store, settings).path_of(sha)
    path.chmod(0o600)
    path.write_bytes(PDF.replace(b"Catalog", b"Catalof"))
    report = verify_ledger(store)
    assert [str(p) for p in report.problems] == [
        f"evidence file {sha}: its bytes do not hash to its name: the file was altered"
    ]
    _, stream = open_evidence(store, actor, sha, settings=settings)
    with stream, pytest.raises(EvidenceError, match="altered on disk"):
        stream.read()
    path.unlink()
    assert "missing from the evidence directory" in str(verify_ledger(store).problems[0])


def test_rows_edited_by_hand_fail_ledger_verify(
    store: Store, actor: Actor, settings: Settings
) -> None:
    _add(store, actor, settings, restricted=True)
    sequence(store)
    _sql(store, "UPDATE evidence_files SET restricted = false")
    problems = [str(p) for p in verify_ledger(store).problems]
    assert problems == ["evidence_files row 1: column restricted differs from its canonical record"]
    _sql(store, "DELETE FROM evidence_files")
    assert "evidence_files row 1 it commits to is missing" in str(verify_ledger(store).problems[0])


def test_a_row_no_entry_commits_to_is_reported(
    store: Store, actor: Actor, settings: Settings
) -> None:
    _add(store, actor, settings)
    sequence(store)
    _sql(
        store,
        "INSERT INTO evidence_files (sha256, size, media_type, restricted, stored_at, stored_by,"
        " content_hash, canonical) SELECT sha256, size, media_type, restricted, stored_at,"
        " stored_by, 'f' || substr(content_hash, 2), canonical FROM evidence_files",
    )
    assert "evidence_files row 2: no ledger entry commits to it" in [
        str(p) for p in verify_ledger(store).problems
    ]


def test_restricted_reads_go_to_the_access_log_and_others_do_not(
    store: Store, actor: Actor, settings: Settings
) -> None:
    open_sha = _add(store, actor, settings).sha256
    secret = _add(store, actor, settings, data=b"GIF89a" + bytes(20), restricted=True)
    evidence_captures(store, actor, open_sha)
    assert _count(store, access_log) == 0
    _, stream = open_evidence(store, actor, secret.sha256, settings=settings)
    stream.close()
    with pytest.raises(PermissionDenied, match="mediator may not read evidence"):
        open_evidence(store, MEDIATOR, secret.sha256, settings=settings)
    analyst = Actor(user="ana", role=Role.ANALYST)
    evidence_captures(store, analyst, secret.sha256)
    rows = access_log_entries(store, actor)
    assert [(r["seq"], r["actor"], r["permission"], r["object_ref"]) for r in rows] == [
        (1, actor.ref, Permission.READ_RESTRICTED_EVIDENCE.value, f"evidence:{secret.sha256}"),
        (2, analyst.ref, Permission.READ_RESTRICTED_EVIDENCE.value, f"evidence:{secret.sha256}"),
    ]
    with pytest.raises(NotFound):
        open_evidence(store, actor, "0" * 64, settings=settings)


def test_the_access_log_verifies_and_names_an_edited_or_deleted_entry(
    store: Store, actor: Actor
) -> None:
    for n in range(3):
        record_access(store, actor, Permission.READ_RESTRICTED, f"observation:{n}")
    report = verify_access_log(store)
    assert report.ok and report.entries == 3
    _sql(store, "UPDATE access_log SET object_ref = 'observation:9' WHERE seq = 2")
    assert str(verify_access_log(store).problems[0]).startswith("access-log entry 2: column")
    _sql(store, "UPDATE access_log SET object_ref = 'observation:1' WHERE seq = 2")
    _sql(store, "UPDATE access_log SET actor = 'user:someone' WHERE seq = 3")
    assert str(verify_access_log(store).problems[0]) == (
        "access-log entry 3: column actor differs from the hashed event"
    )
    _sql(store, "UPDATE access_log SET actor = 'local:tester' WHERE seq = 3")
    _sql(store, "DELETE FROM access_log WHERE seq = 2")
    assert str(verify_access_log(store).problems[0]).startswith("access-log entry 3: expected")


def test_concurrent_readers_keep_the_access_log_gap_free(store: Store, actor: Actor) -> None:
    def read(n: int) -> None:
        for k in range(5):
            record_access(store, actor, "read restricted", f"observation:{n}-{k}")

    threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with store.reader.connect() as connection:
        seqs = list(
            connection.execute(select(access_log.c.seq).order_by(access_log.c.seq)).scalars()
        )
    assert seqs == list(range(1, 21))
    assert verify_access_log(store).ok


def test_the_evidence_directory_defaults_next_to_the_sqlite_file(tmp_path: Path) -> None:
    plain = Settings.from_env(env={})
    assert evidence_root(f"sqlite:///{tmp_path}/db/c.db", plain) == tmp_path / "db" / "evidence"
    with pytest.raises(Exception, match="CEASEFIRE_EVIDENCE_DIR"):
        evidence_root("postgresql+psycopg://u@h/db", plain)
    with pytest.raises(Exception, match="CEASEFIRE_EVIDENCE_MAX_BYTES"):
        Settings.from_env(env={"CEASEFIRE_EVIDENCE_MAX_BYTES": "lots"})

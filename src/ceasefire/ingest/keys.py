"""Key and checkpoint files on disk (an edge: the core only sees their bytes).

A private key file is created with mode 600 (owner read/write only) and never overwritten; a key
file that others can read is refused, as ssh does. Public keys and checkpoints are plain files
meant to be shared.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.checkpoint import Checkpoint


class KeyFileError(CeasefireError):
    """A key or checkpoint file cannot be read or written (names the path)."""


def write_private_key(path: Path, private_pem: bytes) -> None:
    """Create ``path`` with mode 600 holding ``private_pem``; refuse to overwrite a file."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{path}: already exists; a key is never overwritten") from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot create the key file: {exc.strerror}") from exc
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_pem)
        handle.flush()
        os.fsync(handle.fileno())
    path.chmod(0o600)  # os.open's mode is filtered by the umask; make it exact


def read_private_key(path: Path) -> bytes:
    """The PEM bytes of a private key file; refuse one that group or others can read."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise KeyFileError(
                f"{path}: the private key is readable by others (mode {mode:03o}); "
                f"run `chmod 600 {path}`"
            )
        return path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file: {exc.strerror}") from exc


def read_public_key(path: Path) -> bytes:
    """The PEM bytes of a public key file."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the public key: {exc.strerror}") from exc


def write_public_key(path: Path, public_pem: bytes) -> None:
    """Write a public key (mode 644; it is meant to be shared)."""
    try:
        path.write_bytes(public_pem)
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot write the public key: {exc.strerror}") from exc


def write_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    """Save a checkpoint as JSON (sorted keys, one line per field) for a party to keep."""
    text = json.dumps(checkpoint.as_json(), indent=2, sort_keys=True) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot write the checkpoint: {exc.strerror}") from exc


def read_checkpoint(path: Path) -> Checkpoint:
    """A checkpoint saved by :func:`write_checkpoint` (or by another party's tool)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the checkpoint: {exc.strerror}") from exc
    except ValueError as exc:
        raise KeyFileError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise KeyFileError(f"{path}: expected a JSON object")
    return Checkpoint.from_json(value, source=str(path))

"""Checking the chain a chunk at a time, fast: the same checks as ``ChainWalk``, batched.

A million entries are checked in a tight loop of two SHA-256 per entry; the stored hashes are
compared a chunk at a time as one string (``previous_hash || entry_hash || content_hash`` of
every entry in the chunk, concatenated by the database), so no Python object is made per hash.
When a chunk does not match, :meth:`ChainScan.check` says so and changes nothing: the caller
then walks that chunk entry by entry with :class:`~ceasefire.core.ledger.verify.ChainWalk`,
which names the first bad entry, and carries on from its head.

:meth:`ChainScan.check_joined` does the same for rows that carry, besides the event bytes, the
bytes of the domain row the entry commits to (or ``None``): the row's SHA-256 then follows the
entry's three hashes in the stored string. The database puts the row's stored ``content_hash``
there only when it has checked everything it can compare without hashing (the convenience
columns against the event, the committed hash against the row's ``content_hash``), and NULL
otherwise, so one comparison per chunk covers the chain, the columns and every row's bytes.

Pure: the caller streams ``(hashes, canonical)`` pairs in, for sequence numbers that it has
checked are exactly 1, 2, …, N.

>>> import hashlib
>>> from ceasefire.core.ledger.chain import chain, GENESIS
>>> events = [b'{"a":1}', b'{"a":2}']
>>> links = list(chain(0, GENESIS, [hashlib.sha256(e).digest() for e in events]))
>>> rows = [((l.previous_hash + l.entry_hash + l.content_hash).hex(), e)
...         for l, e in zip(links, events)]
>>> scan = ChainScan()
>>> scan.check(rows), scan.size, scan.head == links[-1].entry_hash
(True, 2, True)
>>> ChainScan().check([(rows[1][0], b'{"a":3}')])
False
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ceasefire.core.ledger.chain import ENTRY_DOMAIN, GENESIS, pseudonym
from ceasefire.core.ledger.verify import Problem

_SEQ = struct.Struct(">Q").pack


class ChainScan:
    """The head of the chain checked so far; :meth:`check` advances it a chunk at a time."""

    __slots__ = ("head", "heads_at", "size")

    def __init__(self, size: int = 0, head: bytes = GENESIS) -> None:
        self.size = size
        """Entries checked so far."""
        self.head = head
        """Entry hash of entry ``size``."""
        self.heads_at: dict[int, bytes] = {}
        """Entry hashes at the sizes asked for (checkpoint sizes), filled while checking."""

    def check(self, rows: Sequence[tuple[str, bytes]], wanted: Collection[int] = ()) -> bool:
        """Check entries ``size + 1 …`` given as ``(previous‖entry‖content hex, event bytes)``.

        True when every stored hash is what the chain recomputes (the head then moves on);
        False, with nothing changed, when anything differs.
        """
        sha = hashlib.sha256
        seq = self.size
        previous = self.head
        digests: list[bytes] = []
        keep = digests.append
        try:
            for _, canonical in rows:
                seq += 1
                content = sha(canonical).digest()
                keep(previous)
                previous = sha(ENTRY_DOMAIN + _SEQ(seq) + previous + content).digest()
                keep(previous)
                keep(content)
            if b"".join(digests).hex() != "".join([row[0] for row in rows]):
                return False
        except TypeError:  # a hand edit left text or NULL where bytes belong
            return False
        for size in wanted:
            if self.size < size <= seq:
                self.heads_at[size] = digests[3 * (size - self.size) - 2]
        self.size, self.head = seq, previous
        return True

    def check_joined(
        self, rows: Sequence[tuple[str | None, bytes, bytes | None]], wanted: Collection[int] = ()
    ) -> bool:
        """Like :meth:`check`, for ``(stored hex, event bytes, row bytes or None)``: the stored
        hex is ``previous‖entry‖content`` of the entry, followed by the row's ``content_hash``
        when it has a row; ``None`` when the database found something wrong with the entry.

        >>> import hashlib
        >>> from ceasefire.core.ledger.chain import chain, GENESIS
        >>> event, row = b'{"a":1}', b'{"r":1}'
        >>> link = next(chain(0, GENESIS, [hashlib.sha256(event).digest()]))
        >>> stored = (link.previous_hash + link.entry_hash + link.content_hash).hex()
        >>> ChainScan().check_joined([(stored + hashlib.sha256(row).hexdigest(), event, row)])
        True
        >>> ChainScan().check_joined([(stored + hashlib.sha256(row).hexdigest(), event, b"{}")])
        False
        """
        sha = hashlib.sha256
        first = self.size + 1
        previous = self.head
        digests: list[bytes] = []
        keep = digests.append
        try:
            contents = [sha(row[1]).digest() for row in rows]
            joined = [b"" if row[2] is None else sha(row[2]).digest() for row in rows]
            prefixes = [ENTRY_DOMAIN + _SEQ(n) for n in range(first, first + len(rows))]
            for prefix, content, row_digest in zip(prefixes, contents, joined):  # noqa: B905
                keep(previous)
                previous = sha(prefix + previous + content).digest()
                keep(previous)
                keep(content)
                keep(row_digest)
            if b"".join(digests).hex() != "".join([row[0] for row in rows]):  # type: ignore[misc]
                return False
        except TypeError:  # NULL where the database flagged an entry, or text where bytes belong
            return False
        for size in wanted:
            if first <= size < first + len(rows):
                stored = rows[size - first][0]
                assert stored is not None  # the chunk matched
                self.heads_at[size] = bytes.fromhex(stored[64:128])
        self.size, self.head = first + len(rows) - 1, previous
        return True


def column_problems(
    seq: int, columns: Mapping[str, str], event: Mapping[str, Any] | None
) -> list[Problem]:
    """The convenience columns of entry ``seq`` (``action``, ``object_type``, ``object_ref``,
    ``recorded_at`` as UTC text, ``actor``) against its hashed event, as ``ChainWalk`` checks
    them: the actor column is the event's actor (a keyed pseudonym) or, for entries sequenced
    before keyed pseudonyms, ``pseudonym(actor)``.

    >>> column_problems(3, {"action": "a", "actor": "p:1"}, {"action": "b", "actor": "p:1"})
    [Problem(where='entry 3', reason='column action differs from the hashed event')]
    """
    where = f"entry {seq}"
    if event is None:
        return [Problem(where, "its event bytes are not a JSON object")]
    wrong = [
        name for name, value in columns.items() if name != "actor" and event.get(name) != value
    ]
    actor = str(event.get("actor"))
    shown = columns.get("actor")
    if shown is not None and shown != actor and shown != pseudonym(actor):
        wrong.append("actor")
    return [Problem(where, f"column {name} differs from the hashed event") for name in wrong]


def digests_match(canonicals: Sequence[bytes], stored: Sequence[str]) -> bool:
    """True when each ``canonical``'s SHA-256 (hex) equals the ``stored`` string at its index;
    one comparison for the whole batch (``stored`` may hold several hashes each, as long as
    every one of them is expected to be the same digest).

    >>> import hashlib
    >>> digests_match([b"a"], [hashlib.sha256(b"a").hexdigest() * 2])
    True
    """
    if not canonicals:
        return True
    repeat = len(stored[0]) // 64
    sha = hashlib.sha256
    joined = b"".join([sha(data).digest() * repeat for data in canonicals])
    return joined.hex() == "".join(stored)

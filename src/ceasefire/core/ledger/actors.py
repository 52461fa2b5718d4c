"""Rows that record who acted commit to keyed pseudonyms: checking them against the names kept.

A decision or an adjudication event written since migration 0010 carries in its canonical bytes
the actor's keyed pseudonym (``core.ledger.chain.keyed_pseudonym``, the ledger's) and, for a
joint commission's decision, each dissenting member's; the names are kept in restricted columns
outside those bytes. :func:`actor_row_problems` says what does not match. Pure: values in,
values out.

>>> from functools import partial
>>> from ceasefire.core.ledger.chain import keyed_pseudonym
>>> pseudonym = partial(keyed_pseudonym, bytes(32))
>>> actor_row_problems(b'{"actor":"p:7cd980ada5a61b2b"}', "p:7cd980ada5a61b2b", "local:ana",
...                    None, pseudonym)
[]
>>> actor_row_problems(b'{"actor":"p:7cd980ada5a61b2b"}', "p:7cd980ada5a61b2b", "local:bob",
...                    None, pseudonym)
['its actor pseudonym is not the keyed pseudonym of its restricted actor_user']
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

PSEUDONYM = re.compile(r"p:[0-9a-f]{16}")
"""A keyed actor pseudonym as the record shows it."""


def is_pseudonym(value: object) -> bool:
    """Whether ``value`` is a keyed pseudonym (``p:`` + 16 lower-case hex digits).

    >>> is_pseudonym("p:7cd980ada5a61b2b"), is_pseudonym("user:ana")
    (True, False)
    """
    return isinstance(value, str) and PSEUDONYM.fullmatch(value) is not None


def dissent_members(body: dict[str, object]) -> list[str]:
    """The dissenting members a canonical adjudication event names, in order."""
    dissent = body.get("dissent")
    if not isinstance(dissent, list):
        return []
    return [str(d.get("member")) if isinstance(d, dict) else "" for d in dissent]


def plainly_named(canonical: bytes, actor_column: str) -> bool:
    """The common case of a row recorded before pseudonyms, settled without parsing: its bytes
    hold one ``"actor":`` key, whose value is exactly the actor column (as RFC 8785 writes a
    string), that is no pseudonym, and no dissent. Anything else goes to the full check.

    >>> plainly_named(b'{"action":"grade","actor":"local:ana"}', "local:ana")
    True
    >>> plainly_named(b'{"actor":"p:7cd980ada5a61b2b"}', "p:7cd980ada5a61b2b")
    False
    """
    needle = _actor_needle(actor_column)
    return (
        needle is not None
        and b'"dissent"' not in canonical
        and canonical.count(b'"actor":') == 1
        and needle in canonical
    )


@lru_cache(maxsize=4096)
def _actor_needle(actor_column: str) -> bytes | None:
    """``"actor":"<value>"`` as RFC 8785 writes it, or None for a pseudonym (never plain)."""
    if is_pseudonym(actor_column):
        return None
    value = json.dumps(actor_column, ensure_ascii=False, separators=(",", ":"))
    return b'"actor":' + value.encode("utf-8")


def actor_row_problems(
    canonical: bytes,
    actor_column: str,
    actor_user: str | None,
    names: Sequence[str] | None,
    pseudonym: Callable[[str], str] | None,
) -> list[str]:
    """What is wrong with a row's committed actor (and dissenting members) against its
    restricted columns; empty when nothing is.

    ``actor_user`` and ``names`` are the restricted columns (``None`` for rows recorded before
    pseudonyms, whose bytes name the actor); ``pseudonym`` is the mission's keyed pseudonym
    function, ``None`` when the mission secret is missing.
    """
    if actor_user is None and names is None and plainly_named(canonical, actor_column):
        return []
    try:
        body = json.loads(canonical)
    except ValueError:
        return ["its canonical bytes are not JSON"]
    if not isinstance(body, dict):
        return ["its canonical bytes are not a JSON object"]
    committed = body.get("actor")
    members = dissent_members(body)
    problems: list[str] = []
    if actor_column != committed:
        problems.append("its actor column differs from its canonical bytes")
    if actor_user is None:
        if is_pseudonym(committed) or any(map(is_pseudonym, members)):
            problems.append("it commits to a pseudonym but its restricted actor_user is missing")
        if names is not None:
            problems.append("it has restricted dissent_members but no actor_user")
        return problems
    if pseudonym is None:
        return [*problems, "the mission secret of actor pseudonyms is missing"]
    if committed != pseudonym(actor_user):
        problems.append(
            "its actor pseudonym is not the keyed pseudonym of its restricted actor_user"
        )
    kept = list(names or ())
    if len(kept) != len(members) or any(
        member != pseudonym(name) for member, name in zip(members, kept, strict=False)
    ):
        problems.append(
            "its dissenting members' pseudonyms are not those of its restricted dissent_members"
        )
    return problems

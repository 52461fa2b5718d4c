"""What rows a bundle carries after each entry, and which of them it shows or withholds.

Each entry that commits to domain rows is followed in a bundle by those rows (layout in
``docs/ledger.md``). :func:`rows_committed` says, from the event alone, what the verifier checks
them against: a Merkle root over ``count`` rows (an import's rows, a run's versions) or one hash
per row (an agreement, a decision, an adjudication event, a stance, condition or lifecycle
record, an evidence record, a text proposal, each rendering of a published report).

A row is *shown* (its committed form, hashed by the verifier) or *withheld* (only its hash, still
checked against the entry, so an edit is caught either way). :class:`Disclosure` decides: a row
is withheld when its bytes name a person (an ``actor``, ``reviewer`` or dissenting ``member``
that is not a keyed pseudonym: decisions and adjudication events recorded since migration 0010
carry pseudonyms and are shown), quote a monitor team's or sensor's name, cite an observation
whose committed form hides fields (its content hash would let a guess of the hidden values be
checked), describe restricted evidence, or — in a bundle for a party — concern another party.
Pure: values in, values out.

>>> rows_committed({"object_type": "decision", "content": {"decision_sha256": "ab"}})
RowCommitment(kind='hashes', count=1, root='', hashes=('ab',))
>>> Disclosure(frozenset({"Team 3"})).withholds("finding", b'{"trace":"seen by Team 3"}')
"quotes a monitor team's or sensor's name"
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ceasefire.core.ledger.actors import is_pseudonym

HASH_MEMBER = {
    "agreement": "content_sha256",
    "decision": "decision_sha256",
    "finding": "adjudication_event_sha256",
    "stance_record": "content_sha256",
    "condition_record": "content_sha256",
    "lifecycle_event": "content_sha256",
    "evidence": "record_sha256",
    "text_proposal": "content_sha256",
}
"""Entries committing to one row by its hash: the content member holding that hash."""
RUN_KINDS = {"verification_run": "incident", "evaluation_run": "finding"}
"""Entries committing to the versions a run wrote (by a Merkle root): the kind of version."""
EVENT_ONLY = frozenset({"checkpoint", "key", "user", "api_token"})
"""Entries whose event is all they commit to (no domain row bytes): nothing follows them."""
IDENTITY_MEMBERS = ("actor", "reviewer", "dissent", "inspected_by")
"""Members of a row that name a person or a monitor team: a row holding one with a value other
than keyed pseudonyms is withheld from every bundle."""
PARTY_SCOPED_BY_ID = {"decision": "incident_id", "adjudication_event": "finding_id"}
"""Rows a bundle for a party shows only when they are about an incident or finding of that party
(:attr:`Disclosure.party_objects`): the member naming it."""
ALWAYS_WITHHELD = {"effort_record": "monitors' patrol effort (teams, sensors and their places)"}
"""Kinds of row no bundle shows (the party roles do not read them)."""


@dataclass(frozen=True, slots=True)
class RowCommitment:
    """What the rows after an entry are checked against."""

    kind: Literal["merkle", "hashes"]
    count: int
    root: str = ""
    """The Merkle root (hex) for ``merkle``."""
    hashes: tuple[str, ...] = ()
    """One SHA-256 (hex) per row, in order, for ``hashes``."""


def rows_committed(event: Mapping[str, Any]) -> RowCommitment | None:
    """What the rows a bundle carries after ``event`` must match, or ``None`` when it carries
    none (events of :data:`EVENT_ONLY` kinds, runs recorded before run versions, unknown kinds).

    >>> rows_committed({"object_type": "import",
    ...                 "content": {"rows_stored": 2, "rows_merkle_root": "cd"}}).root
    'cd'
    >>> renderings = {"pdf": {"sha256": "2"}, "json": {"sha256": "1"}}
    >>> rows_committed({"object_type": "published_report", "content": {"renderings": renderings}})
    RowCommitment(kind='hashes', count=2, root='', hashes=('1', '2'))
    """
    content = event.get("content")
    if not isinstance(content, dict):
        return None
    kind = str(event.get("object_type"))
    if kind == "import":
        return _merkle(content.get("rows_stored"), content.get("rows_merkle_root"))
    if kind in RUN_KINDS:
        return _merkle(content.get("versions"), content.get("versions_merkle_root"))
    if kind == "published_report":
        renderings = content.get("renderings")
        if not isinstance(renderings, dict) or not renderings:
            return None
        hashes = tuple(str(_sha(renderings[name])) for name in sorted(renderings))
        return RowCommitment("hashes", len(hashes), hashes=hashes)
    member = HASH_MEMBER.get(kind)
    if member is not None and isinstance(content.get(member), str):
        return RowCommitment("hashes", 1, hashes=(str(content[member]),))
    return None


def _merkle(count: object, root: object) -> RowCommitment | None:
    if isinstance(count, int) and not isinstance(count, bool) and isinstance(root, str):
        return RowCommitment("merkle", count, root=root)
    return None


def _sha(rendering: object) -> object:
    return rendering.get("sha256") if isinstance(rendering, dict) else None


@dataclass(frozen=True)
class Disclosure:
    """Which rows a bundle shows: the restricted values it must not carry, and its recipient."""

    restricted_names: Collection[str] = frozenset()
    """Source names of monitor teams and sensors (never quoted in a bundle)."""
    salted_hashes: Collection[str] = frozenset()
    """Content hashes of observations whose committed form hides fields."""
    for_party: str | None = None
    """A bundle for one party shows only the incidents and findings about that party."""
    party_objects: Collection[str] = frozenset()
    """With ``for_party``: the incident and finding IDs about that party (their decisions and
    adjudication events are shown; those about other parties are withheld)."""
    _names: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        names = sorted((n for n in self.restricted_names if n), key=len, reverse=True)
        if names:
            object.__setattr__(self, "_names", re.compile("|".join(map(re.escape, names))))

    def withholds(self, kind: str, data: bytes) -> str | None:
        """Why the row of ``kind`` (``observation``, ``effort_record``, ``incident``,
        ``finding``, ``adjudication_event``, ``decision``, ``evidence``, ``rendering``, …) with
        bytes ``data`` is withheld, or ``None`` when the bundle shows it.

        >>> Disclosure(for_party="UA").withholds("incident", b'{"party":"RU"}')
        'concerns another party than UA'
        >>> Disclosure(for_party="UA").withholds("incident", b'{"party":"UA"}') is None
        True
        """
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return "not text"
        if kind in ALWAYS_WITHHELD:
            return ALWAYS_WITHHELD[kind]
        if self._names is not None and self._names.search(text):
            return "quotes a monitor team's or sensor's name"
        value = _object(text)
        if value is None:
            return None if kind == "rendering" else "not a JSON object"
        if any(_names_someone(value.get(member)) for member in IDENTITY_MEMBERS):
            return "names a person"
        if kind == "evidence" and value.get("restricted") is not False:
            return "restricted evidence"
        if kind == "incident":
            cited = value.get("observations")
            if isinstance(cited, list) and any(str(h) in self.salted_hashes for h in cited):
                return "cites an observation with restricted fields"
        party = {"incident": "party", "finding": "responsible_party"}.get(kind)
        if party is not None and self.for_party is not None and value.get(party) != self.for_party:
            return f"concerns another party than {self.for_party}"
        about = PARTY_SCOPED_BY_ID.get(kind)
        if (
            about is not None
            and self.for_party is not None
            and value.get(about) not in self.party_objects
        ):
            return f"concerns another party than {self.for_party}"
        return None


def _names_someone(value: object) -> bool:
    """Whether a member's value names someone: anything but nothing or keyed pseudonyms.

    >>> _names_someone("p:7cd980ada5a61b2b"), _names_someone("user:ana"), _names_someone(None)
    (False, True, False)
    >>> _names_someone([{"member": "p:7cd980ada5a61b2b", "text": "no"}])
    False
    >>> _names_someone([{"member": "RU delegate", "text": "no"}])
    True
    """
    if value in (None, "", []):
        return False
    if isinstance(value, str):
        return not is_pseudonym(value)
    if isinstance(value, list):
        return any(
            not is_pseudonym(item.get("member") if isinstance(item, dict) else item)
            for item in value
        )
    return True


def _object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None

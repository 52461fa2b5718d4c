"""The one error hierarchy of ceasefire.

Every error a user can meet is a :class:`CeasefireError`. Messages say what to do: which file,
row and field, and what was expected. The CLI prints ``Error: <message>`` and exits non-zero;
the API maps each class to one JSON error envelope.
"""

from __future__ import annotations

from dataclasses import dataclass


class CeasefireError(Exception):
    """Base class of every error ceasefire raises on purpose."""


class ConfigurationError(CeasefireError):
    """A setting or an optional dependency is missing or wrong."""


class AgreementError(CeasefireError):
    """An agreement document is invalid. ``problems`` lists each bad field with its path."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown = "; ".join(problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"{source}: {shown}{more}")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One reason a row of an input file cannot be stored."""

    row: int
    field: str
    reason: str

    def describe(self, source: str) -> str:
        """One line naming file, row and field, e.g. ``obs.csv row 3, field lat: ...``."""
        return f"{source} row {self.row}, field {self.field}: {self.reason}"


class IngestError(CeasefireError):
    """An input file cannot be read or was rejected as a whole."""

    def __init__(self, source: str, message: str, problems: list[RowProblem] | None = None) -> None:
        self.source = source
        self.problems = problems or []
        super().__init__(f"{source}: {message}")


class NotFound(CeasefireError):  # noqa: N818 - the domain's word, like HTTP's 404
    """The named object does not exist."""


class PermissionDenied(CeasefireError):  # noqa: N818 - the domain's word, like HTTP's 403
    """The actor's role or party scope does not allow this."""


class StoreError(CeasefireError):
    """The database is unreachable, locked, or not at the expected schema version."""

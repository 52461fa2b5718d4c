"""The public API is curated: this test pins it, so a change is a deliberate one."""

from __future__ import annotations

import ceasefire

PUBLIC = {
    "COLUMNS",
    "Act",
    "Actor",
    "AgreementError",
    "CeasefireError",
    "ConfigurationError",
    "ImportSummary",
    "IngestError",
    "LocationKind",
    "NotFound",
    "ObservationBatch",
    "ObservationFilter",
    "PermissionDenied",
    "Role",
    "RowProblem",
    "Settings",
    "SourceKind",
    "Store",
    "StoreError",
    "TargetClass",
    "Unit",
    "Weapon",
    "WeaponType",
    "__version__",
    "ingest_file",
    "list_observations",
    "parse_columns",
    "store_stats",
    "Agreement",
    "parse_agreement",
    "read_agreement",
    "shipped_agreement_paths",
    "load_agreement",
    "list_agreements",
    "get_agreement",
    "run_demo",
    "run_simulation",
    "verify",
}


def test_public_api_is_pinned() -> None:
    assert set(ceasefire.__all__) == PUBLIC


def test_every_public_name_exists_and_has_a_docstring() -> None:
    for name in ceasefire.__all__:
        value = getattr(ceasefire, name)
        if callable(value) and not name.startswith("__"):
            assert value.__doc__, f"{name} has no docstring"


def test_errors_form_one_hierarchy() -> None:
    for name in (
        "AgreementError",
        "ConfigurationError",
        "IngestError",
        "NotFound",
        "PermissionDenied",
        "StoreError",
    ):
        assert issubclass(getattr(ceasefire, name), ceasefire.CeasefireError)

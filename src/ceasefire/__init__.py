"""ceasefire: make a ceasefire checkable.

The curated public API. Everything else is internal and may change between releases.

>>> import ceasefire
>>> ceasefire.Actor.local_cli("ana").role.value
'local_operator'
"""

from ceasefire.core.actor import Actor, Role
from ceasefire.core.agreement import Agreement, parse_agreement
from ceasefire.core.errors import (
    AgreementError,
    CeasefireError,
    ConfigurationError,
    IngestError,
    NotFound,
    PermissionDenied,
    RowProblem,
    StoreError,
)
from ceasefire.core.observations import COLUMNS, LocationKind, ObservationBatch, parse_columns
from ceasefire.core.taxonomy import Act, SourceKind, TargetClass, Unit
from ceasefire.core.weapons import Weapon, WeaponType
from ceasefire.ingest.agreement_files import read_agreement, shipped_agreement_paths
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import get_agreement, list_agreements, load_agreement
from ceasefire.workflows.demo import run_demo
from ceasefire.workflows.ingest import ImportSummary, ingest_file
from ceasefire.workflows.observations import ObservationFilter, list_observations
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.stats import store_stats
from ceasefire.workflows.verify import verify

__version__ = "0.1.0"

__all__ = [
    "COLUMNS",
    "Act",
    "Actor",
    "Agreement",
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
    "get_agreement",
    "ingest_file",
    "list_agreements",
    "list_observations",
    "load_agreement",
    "parse_agreement",
    "parse_columns",
    "read_agreement",
    "run_demo",
    "run_simulation",
    "shipped_agreement_paths",
    "store_stats",
    "verify",
]

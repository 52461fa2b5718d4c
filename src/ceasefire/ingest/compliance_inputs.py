"""Compliance inputs from files (an edge): an agreement's layer source and registry objects.

The compliance core reads no files: it takes a layer source (layer reference → geometry) and
the protected objects of the agreement's registries as columns. This module builds both for an
agreement document, shipped (``package:``) or beside its YAML file.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ceasefire.core.agreement import Agreement
from ceasefire.core.compliance.model import ProtectedObjects
from ceasefire.core.errors import AgreementError
from ceasefire.ingest.agreement_files import layer_source, resolve_ref

__all__ = ["layer_source", "protected_objects"]


def protected_objects(agreement: Agreement, agreement_path: Path | str) -> ProtectedObjects:
    """Every object of the agreement's registries (name and coordinates), as columns.

    Rows without readable coordinates are skipped (a registry helps locate; it never defines
    what is protected). :class:`AgreementError` names the registry file when it cannot be read.
    """
    base = Path(agreement_path).resolve().parent
    registry: list[str] = []
    names: list[str] = []
    lons: list[float] = []
    lats: list[float] = []
    for entry in agreement.geography.registries:
        try:
            path = resolve_ref(entry.file, base, folder="registries")
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    try:
                        lon = float(row[entry.longitude_column])
                        lat = float(row[entry.latitude_column])
                    except (KeyError, TypeError, ValueError):
                        continue
                    registry.append(entry.id)
                    names.append(row.get(entry.name_column) or "")
                    lons.append(lon)
                    lats.append(lat)
        except (OSError, ValueError) as exc:
            raise AgreementError(entry.file, [f"registry {entry.id}: {exc}"]) from None
    return ProtectedObjects.of(registry, names, lons, lats)

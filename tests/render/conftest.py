"""matplotlib writes its cache to a temporary folder during tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _matplotlib_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    before = os.environ.get("MPLCONFIGDIR")
    os.environ["MPLCONFIGDIR"] = str(tmp_path_factory.mktemp("mpl"))
    yield
    if before is None:
        os.environ.pop("MPLCONFIGDIR", None)
    else:
        os.environ["MPLCONFIGDIR"] = before

"""The optional libraries of the ``[reports]`` extra, imported on demand with a clear error."""

from __future__ import annotations

import importlib
from types import ModuleType

from ceasefire.core.errors import ConfigurationError

INSTALL = "pip install 'ceasefire[reports]'"


def require(module: str) -> ModuleType:
    """Import ``module`` or say which extra provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigurationError(
            f"rendering reports needs {module.partition('.')[0]} ({exc}); install "
            f"ceasefire[reports]: {INSTALL}"
        ) from None
    except OSError as exc:  # WeasyPrint raises it when Pango is missing
        raise ConfigurationError(
            f"{module} cannot load its system libraries ({exc}); on Debian: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
        ) from None

"""The ``ceasefire`` command line (Typer): parse, call one workflow, map errors."""

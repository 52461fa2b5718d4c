"""The CLI reference (``docs/cli.md``), generated from each command's ``--help``.

Regenerate with ``python -m ceasefire.cli.reference > docs/cli.md``; a test fails when the file
differs, so a command cannot go undocumented.
"""

from __future__ import annotations

from typing import Any

import typer
import typer.core

from ceasefire.cli.main import app


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    for name in sorted(getattr(command, "commands", {})):
        found += _walk(command.commands[name], [*path, name])
    return found


def render_reference() -> str:
    """Markdown with the plain-text ``--help`` of every command and group."""
    typer.core.HAS_RICH = False  # plain click help: stable text, no terminal styling
    root = typer.main.get_command(app)
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `python -m ceasefire.cli.reference`; do not edit.\n",
    ]
    for path, command in _walk(root, ["ceasefire"]):
        context_class = type(command).context_class
        with context_class(
            command, info_name=" ".join(path), terminal_width=100, max_content_width=100
        ) as ctx:
            text = command.get_help(ctx)
        parts.append(f"## `{' '.join(path)}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render_reference(), end="")

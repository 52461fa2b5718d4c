"""Docs that cannot drift: the CLI reference and the settings table come from the code."""

from __future__ import annotations

from pathlib import Path

from ceasefire.cli.reference import render_reference
from ceasefire.settings import documented_settings

DOCS = Path(__file__).parents[1] / "docs"


def test_cli_reference_is_generated_from_help() -> None:
    expected = render_reference()
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == expected, (
        "regenerate: python -m ceasefire.cli.reference > docs/cli.md"
    )


def test_every_command_appears_in_the_reference() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command in (
        "init",
        "ingest",
        "demo",
        "stats",
        "agreement load",
        "agreement list",
        "agreement show",
        "agreement validate",
        "observations list",
    ):
        assert f"## `ceasefire {command}`" in text


def test_every_setting_is_documented_with_its_default() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    for env, default, help_ in documented_settings():
        assert f"| `{env}` | `{default}` | {help_} |" in text


def test_readme_starts_with_the_two_commands() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert "ceasefire demo" in first_block
    assert "./scripts/test" in first_block

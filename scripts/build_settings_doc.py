"""Write docs/settings.md from the Settings dataclass: python scripts/build_settings_doc.py"""

from __future__ import annotations

from pathlib import Path

from ceasefire.settings import documented_settings

TARGET = Path(__file__).resolve().parents[1] / "docs" / "settings.md"
INTRO = (
    "# Settings\n\n"
    "Every setting has a default; set it in the environment, or (for `--database`, `--as` and "
    "`--token`) on the command line, which wins. Built once at start-up "
    "(`ceasefire.Settings.from_env`); nothing is read at import time. This page is generated "
    "by `python scripts/build_settings_doc.py`.\n\n"
    "| environment variable | default | meaning |\n|---|---|---|\n"
)


def main() -> None:
    rows = "".join(
        f"| `{env}` | `{default}` | {help_} |\n" for env, default, help_ in documented_settings()
    )
    TARGET.write_text(INTRO + rows, encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()

"""``ceasefire demo`` makes findings in their own right: storage shortfalls from the shipped
sites file, restrictions from the simulator's effort, weapons seen near the line checked for a
rise (per-incident withdrawal findings come from the same sightings)."""

from __future__ import annotations

from pathlib import Path

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.demo import run_demo
from ceasefire.workflows.findings import FindingFilter, list_findings


def test_demo_produces_regrouping_and_restriction_findings(actor: Actor, tmp_path: Path) -> None:
    result = run_demo(tmp_path / "demo", actor, Settings.from_env(env={}), days=1)
    store = Store.open(result.database)
    found = list(list_findings(store, FindingFilter()))
    kinds = {str(f["kind"]) for f in found}
    assert {"storage_shortfall", "restriction", "weapons_rise"} <= kinds
    shortfalls = [f for f in found if f["kind"] == "storage_shortfall"]
    assert len(shortfalls) == 9  # the shipped generated sites: nine items counted short
    assert {f["responsible_party"] for f in shortfalls} == {"RU", "UA"}
    withdrawal = [f for f in found if f["agreement_id"] == "example-minsk-ii-withdrawal-2025"]
    assert any(f["kind"] == "incident" and f["verdict"] == "violation" for f in withdrawal)
    report = next((tmp_path / "demo" / "reports").glob("*.md")).read_text(encoding="utf-8")
    assert "## Regrouping, rearming and restrictions" in report

"""The dashboard in a real browser, on SQLite and on PostgreSQL: sign in, filter the map, open an
incident, decide, and a party liaison's view that shows their party only and no monitor."""

from __future__ import annotations

import time
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from ceasefire.core.actor import Actor
from ceasefire.store.incidents import decisions, incidents
from ceasefire.workflows.ledger import ledger_status
from ceasefire.workflows.map import MapQuery, incident_extent, incident_grid
from tests.web.conftest import Site
from tests.web.seed import MONITOR_WORDS, PASSWORD

MAP_READY = (
    "() => { const m = document.getElementById('map');"
    " return m && m.dataset.total !== undefined && !m.dataset.loading; }"
)
FRONT = (22.0, 44.0, 41.0, 53.0)
"""A box around everything the seeded store holds (the map's first view shows it all)."""


def sign_in(page: Page, site: Site, user: str, password: str = PASSWORD) -> None:
    """Sign in through the login form."""
    page.goto(f"{site.url}/login")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def map_total(page: Page) -> int:
    """The number of incidents the map says are in view, once its request has finished."""
    page.wait_for_function(MAP_READY)
    return int(page.locator("#map").get_attribute("data-total") or "-1")


def expected(site: Site, **query: object) -> int:
    """What the database says the map should count (active, located, not discounted)."""
    levels = ("confirmed", "probable", "possible", "unverified")
    grid = incident_grid(site.store, MapQuery(bbox=FRONT, zoom=6, confidence=levels, **query))  # type: ignore[arg-type]
    return grid.total


def _until_chained(site: Site) -> None:
    """Wait until the server has chained its outbox into the ledger (done after responses)."""
    deadline = time.monotonic() + 10
    while ledger_status(site.store).pending and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ledger_status(site.store).pending == 0


def test_signing_in_lands_on_the_analysts_queue(page: Page, site: Site) -> None:
    sign_in(page, site, "ana", "not the password")
    expect(page.locator("#login-status")).to_contain_text("wrong password")
    sign_in(page, site, "ana")
    page.wait_for_url(f"{site.url}/queue")
    expect(page.locator(".who")).to_contain_text("ana")
    expect(page.get_by_role("heading", name="Analyst queue")).to_be_visible()
    assert page.locator("tbody tr").count() > 0


def test_map_counts_follow_the_date_and_party_filters(page: Page, site: Site) -> None:
    sign_in(page, site, "ana")
    page.wait_for_url("**/queue")
    page.goto(f"{site.url}/map")
    extent = incident_extent(site.store)
    assert extent.first is not None and extent.last is not None
    everything = map_total(page)
    assert everything == expected(site) > 0
    timing = page.locator("#map")
    fetch_ms, draw_ms = timing.get_attribute("data-fetch-ms"), timing.get_attribute("data-draw-ms")
    assert fetch_ms is not None and draw_ms is not None and float(draw_ms) >= 0
    print(  # the browser's side of the map, reported with the test output
        f"map render: {everything:,} incidents in {timing.get_attribute('data-cells')} cells, "
        f"request {fetch_ms} ms, drawing {draw_ms} ms"
    )
    page.select_option("#f-party", "RU")
    page.wait_for_function(f"document.getElementById('map').dataset.total !== '{everything}'")
    russian = map_total(page)
    assert russian == expected(site, party="RU")
    assert 0 < russian < everything
    assert page.locator("#map-total").inner_text() == f"{russian:,}"
    # a window before anything happened holds nothing
    before = extent.first.date() - timedelta(days=10)
    page.fill("#f-start", before.isoformat())
    page.fill("#f-end", (before + timedelta(days=3)).isoformat())
    page.locator("#f-end").dispatch_event("change")
    page.wait_for_function("document.getElementById('map').dataset.total === '0'")
    assert map_total(page) == 0


def test_an_incident_page_shows_observations_decisions_and_proof(page: Page, site: Site) -> None:
    with site.store.reader.connect() as connection:
        first = connection.execute(
            select(incidents.c.incident_id).order_by(incidents.c.observations.desc()).limit(1)
        ).scalar_one()
    sign_in(page, site, "ana")
    page.wait_for_url("**/queue")
    page.goto(f"{site.url}/incidents/{first}/proof")
    expect(page.locator(".lede")).to_contain_text("Included")
    expect(page.locator(".lede")).not_to_contain_text("await")
    page.goto(f"{site.url}/incidents/{first}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(first)
    assert page.locator("table tbody tr").count() >= 1
    # an analyst's decision, recorded through the API and shown in the history
    page.select_option("#d-kind", "grade")
    page.select_option("#d-grade", "probable")
    page.fill("#d-reason", "camera footage matches the monitor's report")
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#decisions")).to_contain_text("camera footage matches", timeout=10_000)
    expect(page.locator("#decisions")).to_contain_text("probable")
    with site.store.reader.connect() as connection:
        kinds = connection.execute(
            select(decisions.c.kind).where(decisions.c.incident_id == first)
        ).scalars()
        assert list(kinds) == ["grade"]
    _until_chained(site)
    page.get_by_role("link", name="Ledger proof").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Ledger proof for {first}")
    expect(page.locator(".lede")).to_contain_text("1 newer entry awaits the next checkpoint")


def test_bulk_decisions_from_the_queue(page: Page, site: Site) -> None:
    sign_in(page, site, "ana")
    page.wait_for_url("**/queue")
    picked = page.locator("input[name=pick]")
    ids = [picked.nth(i).get_attribute("value") for i in range(3)]
    for i in range(3):
        picked.nth(i).check()
    expect(page.locator("#bulk-count")).to_have_text("3 selected")
    page.select_option("#b-action", "discount")
    page.fill("#b-reason", "party claim contradicted by patrol records")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#bulk-status")).to_contain_text("3 decision(s) recorded")
    for incident_id in ids:
        expect(page.locator(f"#row-{incident_id}")).to_have_class("done")
    with site.store.reader.connect() as connection:
        count = connection.execute(
            select(func.count()).where(
                decisions.c.incident_id.in_(ids), decisions.c.kind == "discount"
            )
        ).scalar_one()
    assert count == 3


def test_a_liaison_sees_only_their_party_and_no_monitor(page: Page, site: Site) -> None:
    sign_in(page, site, "olga")
    page.wait_for_url(f"{site.url}/liaison")
    expect(page.get_by_role("heading", level=1)).to_have_text("Findings about RU")
    parties = page.locator("tbody tr td:nth-child(5)").all_inner_texts()
    assert parties and set(parties) == {"RU"}
    text = page.locator("body").inner_text()
    for words in (*MONITOR_WORDS, "observer at"):
        assert words not in text
    # an incident about their party: monitor names withheld, no observer position
    link = page.locator("tbody a[href^='/incidents/']").first
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("INC-")
    text = page.locator("body").inner_text()
    for words in (*MONITOR_WORDS, "observer at"):
        assert words not in text
    # the map counts their party's incidents only
    page.goto(f"{site.url}/map")
    liaison = Actor.model_validate({"user": "olga", "role": "party_liaison", "party": "RU"})
    assert map_total(page) == expected(site, party="RU")
    assert incident_grid(site.store, MapQuery(bbox=FRONT), actor=liaison).total > 0

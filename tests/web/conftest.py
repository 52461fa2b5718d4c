"""A real server and a real browser: uvicorn on a free loopback port over a seeded store (on
each database), and Debian's chromium driven by Playwright (never ``playwright install``)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import BrowserContext, Page, sync_playwright

from ceasefire.api.app import create_app
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from tests.web.seed import observations_file, seed

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
)


@dataclass(frozen=True)
class Site:
    """A running dashboard: its address and its store."""

    url: str
    store: Store


@pytest.fixture(scope="session")
def browser(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    """Debian's chromium with a temporary profile; logs Playwright's and the browser's versions."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        # Playwright passes the profile itself (it refuses a --user-data-dir argument)
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            args=list(CHROMIUM_FLAGS),
            viewport={"width": 1400, "height": 900},
        )
        found = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        line = (
            f"browser tests: playwright {version('playwright')}, "
            f"chromium {context.browser.version if context.browser else '?'} ({found})"
        )
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():  # shown even when output is captured
            print(f"\n{line}")
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    """A fresh tab, signed out."""
    browser.clear_cookies()
    tab = browser.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def observations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The simulated observations every seeded store is built from (made once)."""
    return observations_file(tmp_path_factory.mktemp("simulated"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def site(database_url: str, observations: Path, tmp_path: Path) -> Iterator[Site]:
    """uvicorn serving the app on a free loopback port, over a seeded store."""
    env = {"CEASEFIRE_DATABASE": database_url, "CEASEFIRE_SECRET_KEY": "browser-test-key"}
    if not database_url.startswith("sqlite"):
        env["CEASEFIRE_EVIDENCE_DIR"] = str(tmp_path / "evidence")
    settings = Settings.from_env(env=env)
    seed(database_url, observations, settings)
    store = Store.open(database_url)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield Site(f"http://127.0.0.1:{port}", store)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()

"""Browser tests: the real server (gunicorn, as `make run` starts it) on a scratch SQLite
database with the demo academy, driven by Playwright in Debian's Chromium. No browser is
ever downloaded: without /usr/bin/chromium these tests are skipped, and say so."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.syncdb_settings import REFERENCE

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "eacademy-demo"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: browser tests skipped (install it: apt-get install chromium)"
    print(f"\n*** {reason} ***")
    for item in items:
        item.add_marker(pytest.mark.skip(reason=reason))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def installation(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a scratch SQLite installation with the demo academy. Its tables are made
    from the models (tests/syncdb_settings.py: migrating takes a minute and a half on SQLite; CI's
    smoke test runs the migrations on PostgreSQL), then the demo is loaded as `make run` does;
    its static files are collected uncompressed (the same manifest)."""
    var = tmp_path_factory.mktemp("var")
    env = {**os.environ, "EACADEMY_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "eacademy.settings", "WEB_CONCURRENCY": "2"}
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, "-m", "eacademy"]
    tables = {**env, "DJANGO_SETTINGS_MODULE": "tests.syncdb_settings"}
    for args, environment in ((["migrate", "--run-syncdb", "-v0"], tables), (["shell", "--no-imports", "-c", REFERENCE], tables),
                              (["demo", "--scale", "small", "--seed", "1"], env), (["collectstatic", "--no-input", "-v0"], tables)):
        subprocess.run([*manage, *args], env=environment, check=True, capture_output=True, timeout=300)
    return env


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    """gunicorn as `make run` starts it, in its own process group (a test may kill it whole)."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(
        [gunicorn, "eacademy.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    for _ in range(150):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


@pytest.fixture(scope="session")
def server(installation: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = start_server(installation, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    context = browser.new_context(base_url=server, locale="ru-RU")
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("[data-testid=sign-in]")


def go(page, name: str) -> None:
    """Follow a link of the main navigation, opening its group's menu first if it is in one."""
    link = nav_link(page, name)
    if not link.is_visible():
        page.locator("header nav details", has=page.locator(f'a:text-is("{name}")')).locator("summary").click()
    link.click()


def nav_link(page, name: str):
    """A link of the main navigation by its exact text, shown or inside a closed menu."""
    return page.locator(f'header nav a:text-is("{name}")')

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import rebuild_page_index, seed_demo_quietly

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if (
            os.environ.get("PORTAL_REQUIRE_SERVICES") == "1"
            or os.environ.get("CI") == "true"
        ):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the
    # fixtures run here too, outside that loop. Only for the browser tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# Records every Content-Security-Policy violation of every document the page loads.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__portalCspViolation(
    [event.violatedDirective, event.blockedURI, event.sourceFile,
     String(event.lineNumber), event.sample].join(" | "));
});
"""


class WatchedPage:
    """A Playwright page that records console errors, Content-Security-Policy
    violations and every request it makes."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.csp_violations: list[str] = []
        self.requests: list[str] = []
        # (status, method, url) of every answer of 400 or more
        self.refused: list[tuple[int, str, str]] = []
        page.expose_function(
            "__portalCspViolation",
            lambda text: self.csp_violations.append(f"{page.url}: {text}"),
        )
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._response)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.refused.append(
                (response.status, response.request.method, response.url)
            )

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(msg.text)
        if "Content Security Policy" in msg.text:
            self.csp_violations.append(f"{self.page.url}: {msg.text}")

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, path
        return response

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:", "about:"))
            and urlparse(url).hostname != "127.0.0.1"
        ]

    def axe_violations(self) -> list[dict]:
        self.page.add_script_tag(
            url=self.base_url + "/static/vendor/axe-core/axe.min.js"
        )
        result = self.page.evaluate(
            "async (tags) => await axe.run("
            "document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "nodes": [n["target"] for n in v["nodes"]],
            }
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    def assert_no_csp_violation(self):
        # Let the page's deferred scripts run before reading what they did.
        self.page.wait_for_load_state("load")
        assert self.csp_violations == []

    def assert_clean(self):
        self.assert_no_csp_violation()
        assert self.console_errors == []
        assert self.foreign_requests() == []
        assert self.axe_violations() == []


@pytest.fixture(scope="session")
def _demo_server(django_db_setup, django_db_blocker, demo_media_root):
    """The demo site, seeded and indexed once for the browser pass and served by a
    live server thread for the whole session.

    Not pytest-django's ``live_server``: that one makes every test transactional,
    and the flush after each test would mean seeding the demo again (tens of
    seconds) for every browser test. Tests that change data undo it themselves.
    """
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        with override_settings(MEDIA_ROOT=str(demo_media_root)):
            seed_demo_quietly()
            rebuild_page_index(with_directory=True)
        server = LiveServer("127.0.0.1")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture
def live_demo(_demo_server, django_db_blocker):
    """The live demo site; the test may use the database (changes are committed)."""
    assert urlparse(_demo_server.url).hostname == "127.0.0.1"
    with django_db_blocker.unblock():
        yield _demo_server


def wait_for_server_transactions(timeout: float = 10.0) -> None:
    """Wait until no other connection to the test database is inside a
    transaction: a request the browser sent as it closed (an autosave on page
    hide) may still be writing what a fixture is about to delete."""
    import time

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                "current_database() AND pid <> pg_backend_pid() AND "
                "(state = 'active' OR state LIKE 'idle in transaction%%') "
                "AND backend_type = 'client backend'"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.05)


@pytest.fixture
def phone_page(browser, live_demo):
    context = browser.new_context(viewport=PHONE, locale="fr-BE")
    page = WatchedPage(context.new_page(), live_demo.url)
    yield page
    context.close()


def log_in_to_admin(page, base: str, username: str, password: str, device) -> None:
    """The admin login a person does: password, then the TOTP code of ``device``
    (a confirmed ``TOTPDevice``) on the two-factor page, in French."""
    from tests.conftest import totp_code

    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(base + "/admin/two-factor/verify/")
    page.fill("input[name=token]", totp_code(device))
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(base + "/admin/")


def administrator_with_device(username: str, password: str):
    """A superuser with a confirmed TOTP device (administrators owe a second
    factor): ``(user, device)``; the caller deletes the user."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import UserFactory

    user = UserFactory(
        username=username,
        email=f"{username}@example.org",
        is_superuser=True,
        is_staff=True,
        password=password,
    )
    return user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

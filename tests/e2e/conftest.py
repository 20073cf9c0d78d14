"""Real-browser tests: Debian's Chromium driven by Playwright against a live test server.

They skip (saying why) where Chromium or Playwright is missing; `make e2e` installs both and
axe-core. A failing step prints its name and the path of a screenshot taken at that moment.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DALIL_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / ".e2e" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / ".e2e" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make e2e installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # themselves (reading rows to check them) are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With Playwright's loop running, Django hands this thread fresh connection objects; give
    # them the snapshot taken at set-up so transactional tests can restore migration data.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for alias, contents in snapshots.items():
                connections[alias]._test_serialized_contents = contents
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class Journey:
    """A browser tab plus the name of the step it is on, for failure messages."""

    def __init__(self, page, base_url, name):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.step_name = "start"

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        response = self.page.goto(self.url(path))
        assert response is not None and response.status < 400, f"{path} -> {response.status}"
        return response

    def log_in(self, email: str, password: str, *, language: str = "en", page=None):
        """Sign in through the login form, in this journey's tab or another one (`page`)."""
        page = page or self.page
        page.goto(self.url(f"/{language}/account/login/"))
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert "/account/login/" not in page.url, f"login failed for {email}"

    @staticmethod
    def thread_path(question, language: str) -> str:
        return f"/{language}/questions/{question.pk}/{question.slug}/"

    @contextlib.contextmanager
    def step(self, name: str):
        self.step_name = name
        yield

    def screenshot(self, name: str, *, full_page=True) -> Path:
        """Save a screenshot of a key page for docs/screenshots/."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def assert_accessible(self, include: str | None = None):
        """No serious or critical axe-core violations on the current page (or in `include`)."""
        if not AXE.exists():
            pytest.skip("axe-core is not installed (make e2e installs it into .e2e/)")
        # Evaluated through the DevTools protocol, so the page's CSP stays on for everything else.
        self.page.evaluate(AXE.read_text() + "\n;true")
        result = self.page.evaluate(
            "async (include) => await axe.run(include ? {include: [include]} : document,"
            " {resultTypes: ['violations']})",
            include,
        )
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"axe violations on {self.page.url}:\n" + "\n".join(bad)

    def tab_to(self, selector: str, limit: int = 80):
        """Press Tab until the element matching `selector` has the focus, as a keyboard user."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                outline = self.page.evaluate(
                    "() => { const s = getComputedStyle(document.activeElement);"
                    " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
                )
                assert outline, f"focus on {selector} is not visible"
                return
        raise AssertionError(f"could not reach {selector} with the Tab key")

    def assert_direction(self, language: str):
        html = self.page.locator("html")
        assert html.get_attribute("lang") == language
        assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


def _open(browser, live_server, request, viewport, language):
    context = browser.new_context(
        viewport=viewport, locale="ar-EG" if language == "ar" else "en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    journey = Journey(page, live_server.url, request.node.name)
    yield journey
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^\w.-]+", "_", request.node.name)
        shot = ARTIFACTS / f"{safe}.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot), full_page=True)
        print(f"\nE2E FAILED at step '{journey.step_name}' — screenshot: {shot}")
    context.close()


@pytest.fixture
def journey(browser, live_server, request):
    """A desktop-sized tab; its browser locale follows the test's `language` parameter."""
    callspec = getattr(request.node, "callspec", None)
    language = callspec.params.get("language", "en") if callspec else "en"
    yield from _open(browser, live_server, request, DESKTOP, language)


@pytest.fixture
def sized_journey(browser, live_server, request):
    """A tab of the test's `viewport` parameter's size ("desktop" or "phone"), in the test's
    `language`."""
    params = request.node.callspec.params
    size = PHONE if params.get("viewport") == "phone" else DESKTOP
    yield from _open(browser, live_server, request, size, params.get("language", "en"))


@pytest.fixture
def phone_journey(browser, live_server, request):
    yield from _open(browser, live_server, request, PHONE, "en")


@pytest.fixture
def demo_site(capsys, settings):
    """The bilingual demo content, with search on the database."""
    settings.ELASTICSEARCH_URL = ""
    call_command("seed_demo")
    capsys.readouterr()

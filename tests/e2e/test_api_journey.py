"""A token made on its page in a browser, used over real HTTP to log a banana, then
revoked; the token page with its token shown and the API docs at a phone's width (no
sideways scroll, no serious axe violation)."""

import json
import urllib.error
import urllib.request
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser

from foods.models import Food
from tests.e2e.test_every_page import AXE, _check
from tracker.models import Entry, Profile

pytestmark = pytest.mark.e2e


@pytest.fixture
def person(catalogue):
    user = get_user_model().objects.create_user("tokens", "t@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1980, 1, 1))
    return user


def _call(url: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_a_token_from_its_page_logs_a_banana_until_revoked(browser: Browser, live_server, person):
    context = browser.new_context(viewport={"width": 320, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "tokens")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/log/")
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name="API tokens for scripts and phone shortcuts").click()
    page.get_by_label("Name").fill("Phone shortcut " + "x" * 45)
    page.get_by_role("button", name="Make token").click()
    token = page.locator("[data-token]").inner_text()
    assert token.startswith("mgk_")
    # The token shown, a long name listed: nothing scrolls sideways, axe finds nothing.
    for width in (320, 375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, width
    assert _check(page, page.url, 320, "light") == []

    banana = Food.objects.get(source_id="173944")
    api = f"{live_server.url}/api/v1"
    status, found = _call(f"{api}/foods?q=banana&limit=1", token)
    assert status == 200 and found["items"][0]["id"] == banana.pk
    status, entry = _call(
        f"{api}/entries", token, {"food": banana.pk, "grams": 118, "meal": "snacks"}
    )
    assert status == 201 and entry["description"] == "Bananas, raw"
    assert Entry.objects.get(user=person).grams == 118

    page.goto(f"{live_server.url}/profile/tokens/")
    page.get_by_role("button", name="Revoke Phone shortcut").click()
    page.wait_for_url(f"{live_server.url}/profile/tokens/")
    assert "no longer opens your diary" in page.content()
    status, refused = _call(f"{api}/foods?q=banana", token)
    assert status == 401 and refused["field"] is None
    context.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_api_docs_fit_a_phone_and_pass_axe(browser: Browser, live_server, catalogue, width):
    """Every endpoint opened and one in "Try it out", as a reader would have it."""
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-tag")  # Swagger UI has drawn the endpoints
    assert _check(page, page.url, width, "light") == []
    endpoints = page.locator(".opblock-summary-control")
    for i in range(endpoints.count()):
        endpoints.nth(i).click()
    page.locator(".try-out__btn").first.click()
    page.locator(".btn.execute").first.wait_for()
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client
    page.add_script_tag(path=str(AXE))
    serious = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id))"
    )
    assert serious == []
    context.close()


def test_the_api_docs_draw_under_the_sites_csp(browser: Browser, live_server, catalogue):
    """Swagger UI from mgk's own files, with the policy on: nothing refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-tag")
    assert page.locator(".opblock").count() >= 7
    assert refused == []
    context.close()

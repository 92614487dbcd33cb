"""The API tokens page: made, named, shown once, stored hashed, revoked; and what a
token (and only a token) opens."""

import re

import pytest
from django.test import Client

from tracker.models import ApiToken
from tracker.models.tokens import MAX_ACTIVE, digest

pytestmark = pytest.mark.django_db


def _made(response) -> str:
    return re.search(
        r"<code class=\"secret\" data-token>(mgk_[\w-]+)</code>", response.content.decode()
    )[1]


def test_it_is_linked_from_the_profile_page(logged_in):
    assert 'href="/profile/tokens/"' in logged_in.get("/profile/").content.decode()


def test_it_shows_a_new_token_once_and_keeps_only_its_hash(logged_in, alice):
    response = logged_in.post("/profile/tokens/", {"name": "phone shortcut"})
    assert response.status_code == 201
    plaintext = _made(response)
    token = ApiToken.objects.get(user=alice)
    assert token.name == "phone shortcut"
    assert token.key_hash == digest(plaintext) and plaintext not in token.key_hash
    assert not ApiToken.objects.filter(key_hash=plaintext).exists()
    again = logged_in.get("/profile/tokens/").content.decode()
    assert "phone shortcut" in again and plaintext not in again
    assert f"mgk_{token.hint}" in again


def test_a_token_needs_a_name(logged_in, alice):
    response = logged_in.post("/profile/tokens/", {"name": "  "})
    assert response.status_code == 422 and "Give the token a name." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_person_has_at_most_so_many_tokens(logged_in, alice):
    for i in range(MAX_ACTIVE):
        ApiToken.issue(alice, f"t{i}")
    response = logged_in.post("/profile/tokens/", {"name": "one more"})
    assert response.status_code == 422
    assert ApiToken.objects.filter(user=alice).count() == MAX_ACTIVE


def test_a_revoked_token_opens_nothing(logged_in, alice, client):
    plaintext = _made(logged_in.post("/profile/tokens/", {"name": "old"}))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.get("/api/v1/foods", {"q": "banana"}).status_code == 200
    token = ApiToken.objects.get(user=alice)
    response = logged_in.post(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    refused = api.get("/api/v1/foods", {"q": "banana"})
    assert refused.status_code == 401 and refused.json()["message"].startswith("A valid API token")
    assert "revoked" in logged_in.get("/profile/tokens/").content.decode()


def test_another_persons_token_cannot_be_revoked(logged_in, bob, profile_for):
    token, _ = ApiToken.issue(bob, "bob's")
    assert logged_in.post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_site_still_checks_csrf_on_the_token_page(alice, profile_for):
    profile_for(alice)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post("/profile/tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_api_does_not_take_the_session_cookie(logged_in, food):
    """Only a token opens the API: a page's cookie is no credential there, so a form on
    another site cannot log an entry through it (no CSRF exemption for the site)."""
    body = {"food": food(173944).pk, "grams": 100}
    response = logged_in.post("/api/v1/entries", body, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer mgk_nope", "Token mgk_x", "Basic YWxpY2U6eA==", "Bearer " + "x" * 5000],
)
def test_a_missing_or_wrong_token_is_refused_in_json(client, header):
    response = client.get("/api/v1/foods", {"q": "banana"}, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401 and response["Content-Type"] == "application/json"
    assert response.json()["field"] is None


def test_a_token_of_a_deactivated_person_opens_nothing(alice, profile_for, client):
    profile_for(alice)
    _, plaintext = ApiToken.issue(alice, "phone")
    alice.is_active = False
    alice.save()
    response = client.get("/api/v1/foods", {"q": "a"}, HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 401


def test_using_a_token_notes_the_day_in_the_persons_zone(api, alice):
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    api.get("/foods", {"q": "banana"})
    token = ApiToken.objects.get(user=alice)
    assert token.last_used_on == timezone.localdate(timezone=ZoneInfo("UTC"))  # alice's zone

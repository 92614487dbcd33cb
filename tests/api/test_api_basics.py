"""What every API answer shares: JSON errors, the per-token throttle, the OpenAPI
description and its docs page served from mgk's own files."""

import json
import os
import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from config.settings import env_bool
from tracker.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(datetime(2026, 11, 16, 12, 0, 10, tzinfo=UTC), tick=False) as clock:
        yield clock


def test_a_token_is_throttled_past_its_rate(api, settings, frozen):
    settings.API_REQUESTS_PER_MINUTE = 3
    assert [api.get("/foods", {"q": "kale"}).status_code for _ in range(3)] == [200] * 3
    refused = api.get("/foods", {"q": "kale"})
    assert refused.status_code == 429
    assert refused.json() == {"message": "Too many requests for this token; wait a minute.",
                              "field": None}  # fmt: skip
    assert refused["Retry-After"] == "50"
    frozen.shift(50)  # the next minute
    assert api.get("/foods", {"q": "kale"}).status_code == 200


def test_the_throttle_counts_each_token_apart(api, alice, settings, frozen):
    settings.API_REQUESTS_PER_MINUTE = 2
    other = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(alice, 'second')[1]}")
    for _ in range(2):
        assert api.get("/foods", {"q": "kale"}).status_code == 200
    assert api.get("/foods", {"q": "kale"}).status_code == 429
    assert other.get("/api/v1/foods", {"q": "kale"}).status_code == 200


def _count_key(plaintext: str) -> str:
    return f"api-throttle:{ApiToken.find(plaintext).key_hash[:32]}:{int(time.time() // 60)}"


def test_the_count_is_kept_in_djangos_cache(api, settings, frozen):
    """Not in the process: whatever the cache is (Redis with MGK_REDIS_URL), every
    server reads and adds to the same count."""
    settings.API_REQUESTS_PER_MINUTE = 5
    api.get("/foods", {"q": "kale"})
    assert cache.get(_count_key(api.token)) == 1
    cache.set(_count_key(api.token), 5)  # as other servers would have counted
    assert api.get("/foods", {"q": "kale"}).status_code == 429


@pytest.fixture
def redis_client():
    url = os.environ.get("MGK_REDIS_URL")
    if not url:
        if env_bool("MGK_REQUIRE_REDIS", False):
            pytest.fail("MGK_REQUIRE_REDIS is set but MGK_REDIS_URL is not")
        pytest.skip("MGK_REDIS_URL is not set")
    import redis

    client = redis.Redis.from_url(url)  # its own connection, as another server
    yield client
    client.close()


@pytest.mark.redis
def test_with_redis_every_server_shares_the_count(api, settings, frozen, redis_client):
    settings.API_REQUESTS_PER_MINUTE = 5
    api.get("/foods", {"q": "kale"})
    key = cache.make_key(_count_key(api.token))
    assert redis_client.get(key) == b"1"
    assert 0 < redis_client.ttl(key) <= 120  # Redis forgets the count on its own
    redis_client.set(key, 5, keepttl=True)  # another server's requests
    assert api.get("/foods", {"q": "kale"}).status_code == 429


def test_every_error_is_json(api, client):
    cases = [
        api.get("/no-such-endpoint"),
        api.client.put(
            "/api/v1/entries/1",
            "{}",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {api.token}",
        ),
        api.client.post(
            "/api/v1/entries",
            "{not json",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {api.token}",
        ),
        api.get("/foods", {"q": "a\x00b"}),
        client.get("/api/v1/foods"),
        client.get("/api/nothing/here"),
    ]
    assert [r.status_code for r in cases] == [404, 405, 400, 400, 401, 404]
    for response in cases:
        assert response["Content-Type"] == "application/json"
        body = json.loads(response.content)
        assert set(body) == {"message", "field"} and body["message"]


def test_the_site_still_answers_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "text/html" in response["Content-Type"]


def test_the_openapi_description_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    paths = set(spec["paths"])
    assert {"/api/v1/foods", "/api/v1/foods/{food_id}", "/api/v1/entries",
            "/api/v1/entries/{entry_id}", "/api/v1/days/{day}", "/api/v1/weeks/{week}", "/api/v1/recipes",
            "/api/v1/meals/{meal_id}/log"} <= paths  # fmt: skip
    assert spec["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    meals = spec["components"]["schemas"]["Meal"]["enum"]
    assert meals == ["breakfast", "lunch", "dinner", "snacks", "supplements"]


def test_the_docs_page_uses_mgks_own_files(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert '<html lang="en">' in html

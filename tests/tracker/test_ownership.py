"""Every URL that takes an object id answers 404 for someone else's object."""

import pytest
from django.urls import reverse
from django.utils import timezone

from foods.models import Food
from tests.tracker.test_day import log
from tracker.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def bobs(bob, profile_for, food):
    """Bob's entry and custom food."""
    profile_for(bob)
    custom = Food.objects.create(description="Bob's smoothie", owner=bob, magnesium_mg=30)
    custom.portions.create(label="1 glass", grams=250)
    entry = log(bob, food(168462), 30)
    return {"entry": entry, "food": custom}


def _urls(objects):
    entry, food = objects["entry"], objects["food"]
    today = str(timezone.localdate())
    return [
        ("get", reverse("tracker:entry_edit", args=[entry.pk]), {}),
        (
            "post",
            reverse("tracker:entry_edit", args=[entry.pk]),
            {"grams": "1", "meal": "lunch", "date": today},
        ),
        ("post", reverse("tracker:entry_delete", args=[entry.pk]), {}),
        ("post", reverse("tracker:quick_add", args=[today]), {"entry": entry.pk}),
        ("get", reverse("foods:detail", args=[food.pk]), {}),
        ("get", reverse("foods:custom_edit", args=[food.pk]), {}),
        (
            "post",
            reverse("foods:custom_edit", args=[food.pk]),
            {"description": "mine now", "basis": "100g", "magnesium_mg": "1"},
        ),
        ("get", reverse("foods:custom_delete", args=[food.pk]), {}),
        ("post", reverse("foods:custom_delete", args=[food.pk]), {}),
        ("get", f"/log/{today}/?food={food.pk}", {}),
    ]


@pytest.mark.parametrize("index", range(10))
@pytest.mark.parametrize("htmx", [False, True])
def test_someone_elses_objects_are_not_found(logged_in, bobs, index, htmx):
    method, url, data = _urls(bobs)[index]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = getattr(logged_in, method)(url, data, **headers)
    if url.startswith("/log/") and "?food=" in url:
        # The day page itself is alice's; bob's food is simply not offered.
        assert response.status_code == 200
        assert "Bob&#x27;s smoothie" not in response.content.decode()
    else:
        assert response.status_code == 404
    bobs["entry"].refresh_from_db()
    bobs["food"].refresh_from_db()
    assert bobs["entry"].grams == 30 and bobs["entry"].meal == "breakfast"
    assert bobs["food"].description == "Bob's smoothie"
    assert not Entry.objects.filter(user__username="alice").exists()


def test_the_owner_can_use_the_same_urls(client, bob, bobs):
    client.force_login(bob)
    for method, url, _data in _urls(bobs):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_log_in(client, bobs):
    for method, url, data in _urls(bobs):
        if url.startswith("/foods/") and "/mine/" not in url:
            continue  # the public catalogue; bob's food is simply not in it
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url

"""Days and weeks through the API: the numbers and the notes the pages show."""

import re
from datetime import date, timedelta

import pytest

from tracker import spans
from tracker.models import ApiToken, Profile

pytestmark = pytest.mark.django_db
SUNDAY = date(2026, 11, 22)  # week 2026-W47


@pytest.fixture
def low_week(alice, log, food):
    """Four complete days low in both minerals (bananas and spinach), and a lone snack."""
    banana, spinach = food(173944), food(168462)
    for back in range(4):
        day = SUNDAY - timedelta(days=back)
        log(alice, banana, 118, "breakfast", day)
        log(alice, spinach, 30, "lunch", day)
    log(alice, banana, 50, "snacks", SUNDAY - timedelta(days=5))


def _note_kinds(html: str) -> list[str]:
    return re.findall(r'data-note="([a-z-]+)"', html)


def test_a_day_has_the_pages_totals_and_notes(api, alice, client, low_week):
    body = api.get(f"/days/{SUNDAY}").json()
    assert body["magnesium_mg"] == pytest.approx(118 * 0.27 + 30 * 0.79)
    assert body["targets"]["magnesium_mg"] == 320
    assert body["magnesium_percent"] == round(body["magnesium_mg"] * 100 / 320)
    assert [m["meal"] for m in body["meals"]] == ["breakfast", "lunch"]
    assert len(body["entries"]) == 2 and body["entries_without_magnesium"] == 0
    client.force_login(alice)
    page = client.get(f"/log/{SUNDAY}/").content.decode()
    kinds = [n["kind"] for n in body["notes"]]
    assert kinds == _note_kinds(page) and "both-low" in kinds
    low = next(n for n in body["notes"] if n["kind"] == "both-low")
    assert low["text"] in page.replace("&#x27;", "'") and low["foods"]
    assert low["link"].startswith("/learn/")


def test_a_week_has_the_pages_averages_and_notes(api, alice, client, low_week):
    body = api.get("/weeks/2026-W47").json()
    span = spans.seven_days(alice, SUNDAY - timedelta(days=6))
    assert body["monday"] == "2026-11-16" and body["sunday"] == "2026-11-22"
    assert body["complete_days"] == 4 and body["logged_days"] == 5
    assert body["magnesium"]["average_mg"] == pytest.approx(float(span.magnesium.average))
    assert body["magnesium"]["days_below"] == span.magnesium.days_below == 4
    assert (
        body["magnesium"]["top_foods"][0]["description"]
        == span.magnesium.top_foods[0]["description"]
    )
    statuses = [d["status"] for d in body["days"]]
    assert statuses == ["not logged", "incomplete", "not logged", "complete", "complete",
                        "complete", "complete"]  # fmt: skip
    assert body["days"][0]["magnesium_mg"] is None  # not logged: unknown, not 0
    client.force_login(alice)
    page = client.get("/week/2026-W47/").content.decode()
    assert [n["kind"] for n in body["notes"]] == _note_kinds(page)


def test_a_person_flagged_for_kidney_disease_gets_no_potassium_target(api, alice, low_week):
    Profile.objects.filter(user=alice).update(potassium_restricted=True)
    day = api.get(f"/days/{SUNDAY}").json()
    assert day["targets"]["potassium_mg"] is None and day["potassium_percent"] is None
    week = api.get("/weeks/2026-W47").json()
    assert week["potassium"]["target_mg"] is None
    assert week["potassium"]["average_percent"] is None
    assert all(d["potassium_percent"] is None for d in week["days"])
    kinds = [n["kind"] for n in week["notes"]]
    assert "potassium-low" not in kinds and "both-low" not in kinds
    assert "magnesium-low" in kinds and "provider-potassium" in kinds


def test_another_persons_log_is_never_in_a_day(api, bob, log, food):
    log(bob, food(173944), 500, "lunch", SUNDAY)
    body = api.get(f"/days/{SUNDAY}").json()
    assert body["entries"] == [] and body["magnesium_mg"] == 0


@pytest.mark.parametrize(
    "path",
    ["/days/2026-13-01", "/days/1800-01-01", "/days/2026-W47-1", "/days/20261116",
     "/days/%C2%B2", "/weeks/2026-W60", "/weeks/2025-W53", "/weeks/1800-W01", "/weeks/x"],
)  # fmt: skip
def test_a_day_or_week_that_does_not_exist_is_not_found(api, path):
    response = api.get(path)
    assert response.status_code == 404 and response.json()["message"] == "Not found."


def test_a_person_without_a_profile_is_asked_for_one(client, bob):
    _, plaintext = ApiToken.issue(bob, "x")
    response = client.get(f"/api/v1/days/{SUNDAY}", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 409 and "profile" in response.json()["message"]

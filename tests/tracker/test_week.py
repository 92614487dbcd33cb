import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.exports import safe_cell
from tracker.models import Entry

pytestmark = pytest.mark.django_db

SPINACH, BANANA, ALMONDS = 168462, 173944, 170567


@pytest.fixture
def logged_week(alice, log, food):
    """Week 2026-W47: Mon and Tue complete, Wed one meal, the rest not logged."""
    monday = date(2026, 11, 16)
    spinach, banana, almonds = food(SPINACH), food(BANANA), food(ALMONDS)
    log(alice, spinach, 100, "breakfast", monday)  # Mg 79, K 558
    log(alice, banana, 118, "lunch", monday)  # Mg 31.86, K 422.44
    log(alice, almonds, 28, "lunch", monday + timedelta(days=1))  # Mg 75.6
    log(alice, banana, 236, "dinner", monday + timedelta(days=1))
    log(alice, spinach, 30, "snacks", monday + timedelta(days=2))  # incomplete day
    return monday


def test_it_shows_averages_over_complete_days_only(logged_in, logged_week):
    body = logged_in.get("/week/2026-W47/").content.decode()
    # Mon 110.86 mg, Tue 75.6 + 63.72 = 139.32 mg -> average 125.09; Wednesday left out.
    assert 'data-average="magnesium">125<' in body
    assert "2 complete days" in body
    assert "1 incomplete day and 4 days not logged" in body
    assert body.count("not logged</td>") == 4
    assert "incomplete" in body


def test_days_link_to_day_pages_and_weeks_to_each_other(logged_in, logged_week):
    body = logged_in.get("/week/2026-W47/").content.decode()
    for i in range(7):
        assert f'href="/log/{logged_week + timedelta(days=i)}/"' in body
    assert 'href="/week/2026-W46/" rel="prev"' in body
    assert 'href="/week/2026-W48/" rel="next"' in body
    day = logged_in.get("/log/2026-11-18/").content.decode()
    assert 'href="/week/2026-W47/"' in day


def test_top_foods_rank_the_weeks_foods_with_their_share(logged_in, logged_week):
    body = logged_in.get("/week/2026-W47/").content.decode()
    top = body.split('data-top="magnesium"')[1].split("</ol>")[0]
    # Spinach 130 g: 102.7 mg; bananas 354 g: 95.6 mg; almonds 28 g: 75.6 mg (of 273.9).
    # Our everyday names, not USDA's descriptions ("Bananas, raw", "Nuts, almonds").
    assert top.index("Spinach") < top.index("Banana") < top.index("Almonds")
    assert "Nuts, almonds" not in top
    assert "103 mg this week · 37 %" in top and "96 mg this week · 35 %" in top
    assert "76 mg this week · 28 %" in top


def test_coverage_warns_when_logged_food_has_no_value(logged_in, alice, log, logged_week):
    from foods.models import Food

    mystery = Food.objects.create(
        description="Grandma's stew", owner=alice, magnesium_mg=Decimal(20), potassium_mg=None
    )
    log(alice, mystery, 500, "dinner", logged_week)
    body = logged_in.get("/week/2026-W47/").content.decode()
    # 500 of the week's 1,166 logged grams have no potassium value.
    assert "49 % of this week's logged weight is food with no potassium value" in body
    assert "no magnesium value" not in body


def test_the_chart_draws_targets_and_leaves_unlogged_days_empty(logged_in, logged_week):
    body = logged_in.get("/week/2026-W47/").content.decode()
    assert 'role="img"' in body and "<title" in body and "<desc" in body
    assert 'class="guide target"' in body and 'class="guide low"' in body
    assert 'class="chart week-chart wide" viewBox="0 0 700 280"' in body
    assert 'class="chart week-chart narrow" viewBox="0 0 360 240"' in body
    wide = body.split('class="chart week-chart wide"')[1].split("</svg>")[0]
    assert wide.count('class="bar magnesium complete"') == 2
    assert wide.count('class="bar magnesium incomplete"') == 1
    assert wide.count(">logged</text>") == 4  # the "not / logged" label of 4 days
    assert "style=" not in wide and "<script" not in body.split("<main")[1]


def test_a_restricted_person_sees_potassium_in_mg_only(client, alice, profile_for, logged_week):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    body = client.get("/week/2026-W47/").content.decode()
    assert "target set with your provider" in body
    assert 'data-average="potassium">' in body
    assert "bar potassium" not in body
    assert "of 2600" not in body


@pytest.mark.parametrize(
    "path", ["/week/2026-W54/", "/week/2025-W53/", "/week/1899-W10/", "/week/3000-W01/"]
)
def test_bad_or_out_of_range_weeks_are_not_found(logged_in, path):
    assert logged_in.get(path).status_code == 404
    assert logged_in.get(path + "csv").status_code == 404


def test_week_53_and_a_week_across_new_year(logged_in, alice, log, food):
    log(alice, food(BANANA), 100, "lunch", date(2025, 12, 31))
    log(alice, food(BANANA), 100, "dinner", date(2025, 12, 31))
    body = logged_in.get("/week/2026-W01/").content.decode()
    assert "29 December to 4 January 2026" in body
    assert 'data-average="potassium">716<' in body  # 2 x 358.2 mg on one day
    assert logged_in.get("/week/2026-W53/").status_code == 200


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Pacific/Kiritimati", "2026-W48"), ("Pacific/Pago_Pago", "2026-W47"), ("UTC", "2026-W47")],
)
def test_the_current_week_is_the_persons_own(client, alice, profile_for, zone, expected):
    profile_for(alice, timezone=zone)
    client.force_login(alice)
    # Sunday 22 November, 23:30 UTC: already Monday in Kiritimati (UTC+14).
    with time_machine.travel(datetime(2026, 11, 22, 23, 30, tzinfo=UTC), tick=False):
        body = client.get("/week/").content.decode()
    assert f"({expected})" in body


def test_the_week_as_csv(logged_in, logged_week):
    response = logged_in.get("/week/2026-W47/csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 7
    assert [r["date"] for r in rows] == [f"2026-11-{d}" for d in range(16, 23)]
    mon, _tue, wed, thu = rows[:4]
    assert (mon["logged"], mon["complete"], mon["meals"]) == ("yes", "yes", "2")
    assert mon["magnesium_mg"] == "110.9" and mon["potassium_mg"] == "980.4"
    assert (wed["logged"], wed["complete"]) == ("yes", "no")
    assert thu["logged"] == "no" and thu["magnesium_mg"] == "" and thu["potassium_mg"] == ""
    assert thu["supplement_magnesium_mg"] == "" and thu["energy_kcal"] == ""
    assert mon["supplement_magnesium_mg"] == "0.0"


@pytest.mark.parametrize("text", ["=cmd|'/c calc'!A1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_csv_cells_cannot_start_a_formula(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("Spinach, raw") == "Spinach, raw"


def test_the_week_needs_a_login_and_shows_only_ones_own(client, bob, profile_for, logged_week):
    assert client.get("/week/").status_code == 302
    profile_for(bob)
    client.force_login(bob)
    body = client.get("/week/2026-W47/").content.decode()
    assert "No complete day this week" in body
    rows = list(csv.DictReader(io.StringIO(client.get("/week/2026-W47/csv").content.decode())))
    assert all(r["logged"] == "no" for r in rows)


def test_it_prints_with_targets_sources_and_the_disclaimer(logged_in, logged_week):
    body = logged_in.get("/week/2026-W47/").content.decode()
    assert "Not medical advice" in body
    assert "Institute of Medicine (1997)" in body and "National Academies" in body
    css = (settings.BASE_DIR / "static" / "css" / "mgk.css").read_text()
    assert "@media print" in css and ".site-header" in css.split("@media print")[1]


def _five_years(user, food, last: date):
    """Ten entries a day for five years, in bulk."""
    spinach = food(SPINACH)
    entries = []
    for back in range(5 * 365):
        day = last - timedelta(days=back)
        for i in range(10):
            entry = Entry(user=user, date=day, meal=("breakfast", "lunch", "dinner")[i % 3])
            entry.grams = Decimal(20 + i)
            entry.take_values_from(spinach)
            entries.append(entry)
    Entry.objects.bulk_create(entries, batch_size=2000)


def _shape(sql: str) -> str:
    """A statement without its values: ids, dates and how many ids an IN list holds."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "#", sql)
    return re.sub(r"IN \(#(, #)*\)", "IN (...)", sql)


@pytest.mark.parametrize(
    "path",
    [
        "/week/2026-W47/",
        "/trends/?weeks=104",
        "/log/2026-11-18/",
        "/log/2026-11-18/?q=banana",
        "/foods/?q=banana",
    ],
)
def test_pages_run_the_same_queries_for_a_week_or_five_years(
    client, alice, bob, profile_for, log, food, path
):
    profile_for(alice)
    profile_for(bob)
    for day in (16, 17, 18):  # three low, complete days: both have a low note with foods
        log(alice, food(BANANA), 100, "lunch", date(2026, 11, day))
        log(alice, food(BANANA), 100, "dinner", date(2026, 11, day))
    _five_years(bob, food, date(2026, 11, 22))
    from foods import finder

    finder.catalogue()  # built once per process, as on a running server
    counts, statements = [], []
    for user in (alice, bob):
        client.force_login(user)
        with (
            time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=UTC), tick=False),
            CaptureQueriesContext(connection) as ctx,
        ):
            response = client.get(path)
        assert response.status_code == 200
        body = response.content.decode()
        counts.append(len(ctx))
        statements.append([_shape(q["sql"]) for q in ctx.captured_queries])
        if path.startswith(("/week/", "/log/")):
            assert 'data-note="both-low"' in body
    assert counts[0] == counts[1] <= 12  # the day with a search: 12, its saved meals included
    # The same statements, not only as many: nothing reads more of a longer history.
    assert statements[0] == statements[1]


def test_mmol_is_applied_and_explained(client, alice, profile_for, log, food):
    profile_for(alice, units="mmol")
    client.force_login(alice)
    log(alice, food(SPINACH), 100, "breakfast", date(2026, 11, 16))  # Mg 79 mg, K 558 mg
    log(alice, food(SPINACH), 100, "lunch", date(2026, 11, 16))
    day = client.get("/log/2026-11-16/").content.decode()
    assert 'data-total="magnesium">6.5<' in day  # 158 / 24.305
    assert 'data-total="potassium">28.5<' in day  # 1116 / 39.098
    assert "24.305 mg" in day
    week = client.get("/week/2026-W47/").content.decode()
    assert 'data-average="magnesium">6.5<' in week and "mmol a day" in week
    rows = list(csv.DictReader(io.StringIO(client.get("/week/2026-W47/csv").content.decode())))
    assert rows[0]["magnesium_mg"] == "158.0"  # CSV stays in mg


def test_the_profile_saves_the_unit(logged_in, alice):
    data = {"sex": "female", "date_of_birth": "1990-05-01", "timezone": "UTC", "units": "mmol"}
    assert logged_in.post("/profile/", data).status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.units == "mmol"
    data["units"] = "grains"
    assert logged_in.post("/profile/", data).status_code == 200


def test_a_magnesium_supplement_does_not_count_as_food_without_potassium(
    logged_in, alice, log, food, logged_week
):
    log(alice, food("magnesium-citrate"), 5, "supplements", logged_week)  # no K value
    body = logged_in.get("/week/2026-W47/").content.decode()
    assert "no potassium value" not in body


def test_days_after_today_are_to_come_not_missed(logged_in, alice, log, food):
    with time_machine.travel(datetime(2026, 11, 18, 12, tzinfo=UTC), tick=False):  # Wednesday
        log(alice, food(BANANA), 100, "lunch", date(2026, 11, 16))
        log(alice, food(BANANA), 100, "dinner", date(2026, 11, 16))
        log(alice, food(BANANA), 100, "lunch", date(2026, 11, 17))
        body = logged_in.get("/week/").content.decode()
    assert body.count("to come</td>") == 4  # Thursday to Sunday
    assert body.count("not logged</td>") == 1  # today, still open
    assert "Left out: 1 incomplete day and 1 day not logged." in body

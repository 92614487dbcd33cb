"""What a careful reviewer found on the day and profile pages, fixed and kept fixed."""

from datetime import date
from decimal import Decimal

import pytest

from tracker import targets

pytestmark = pytest.mark.django_db


def test_a_flagged_persons_own_potassium_number_is_kept_as_the_care_teams(
    client, alice, profile_for, log, food
):
    profile_for(alice, potassium_restricted=True, potassium_target_mg=Decimal(2000))
    client.force_login(alice)
    log(alice, food(173944), 118, "lunch")
    profile = client.get("/profile/").content.decode()
    assert "2000 mg, your care team's number" in profile
    day = client.get("/log/").content.decode()
    assert "your care team's number: 2000 mg" in day
    assert 'class="meter k' not in day and "% of target." not in day.split("Potassium")[1][:400]
    week = client.get("/week/").content.decode()
    assert "your care team's number: 2000 mg" in week and "bar potassium" not in week


def test_supplement_magnesium_is_drawn_apart_from_food(logged_in, alice, log, food):
    log(alice, food(170567), 28, "snacks")  # almonds: 75.6 mg
    log(alice, food("magnesium-citrate"), Decimal("0.6187"), "supplements")  # 100 mg
    body = logged_in.get("/log/").content.decode()
    bar = body.split('aria-label="Magnesium: ')[1].split("</svg>")[0]
    # Of a 320 mg target: food 24 %, supplement 31 % more (55 % in all), drawn apart.
    assert bar.startswith("55 % of target, part of it from supplements")
    assert '<rect class="food magnesium" width="24.0"' in bar
    assert '<rect class="supplement" x="24.0" width="31.0"' in bar
    header = body.split('data-meal-total="supplements">')[1].split("<")[0]
    assert header.startswith("Mg 100 mg") and "K" not in header  # no blank potassium


def test_the_supplement_limit_is_not_a_kidney_patients_own_number(
    client, alice, profile_for, log, food
):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    log(alice, food("magnesium-citrate"), Decimal("0.6187"), "supplements")
    body = client.get("/log/").content.decode()
    assert "set for people with healthy kidneys" in body
    assert "healthy kidneys" in client.get("/profile/").content.decode()


def test_infants_magnesium_reference_is_an_ai(client, alice, profile_for):
    from datetime import timedelta

    from django.utils import timezone

    profile_for(alice, date_of_birth=timezone.localdate() - timedelta(days=100))  # 3 months
    client.force_login(alice)
    body = client.get("/profile/").content.decode()
    assert "(AI, 0-6 months)" in body and "RDA" not in body.split("Your daily targets")[1][:300]


def test_pregnancy_under_14_uses_the_youngest_pregnancy_values():
    girl = targets.reference(
        sex="female", born=date(2013, 1, 1), on=date(2026, 6, 1), life_stage="pregnant"
    )
    assert (girl.magnesium_mg, girl.potassium_mg) == (400, 2600)  # 14-18 y, pregnancy
    nursing = targets.reference(
        sex="female", born=date(2013, 1, 1), on=date(2026, 6, 1), life_stage="lactating"
    )
    assert (nursing.magnesium_mg, nursing.potassium_mg) == (360, 2500)
    not_pregnant = targets.reference(sex="female", born=date(2013, 1, 1), on=date(2026, 6, 1))
    assert (not_pregnant.magnesium_mg, not_pregnant.potassium_mg) == (240, 2300)


def test_the_flag_covers_other_medicines_that_raise_potassium(client, alice):
    client.force_login(alice)
    body = client.get("/profile/").content.decode()
    assert "another medicine my doctor says raises potassium" in body


def test_over_target_is_drawn_in_another_shade_with_the_target_marked():
    from tracker.nutrients import progress

    bar = progress(Decimal(480), Decimal(320), supplement=Decimal(100))  # 150 %
    assert bar["over"] and bar["percent"] == 150
    # The bar now spans 150 %: the target tick sits at two thirds, the excess after it.
    assert bar["tick_x"] == Decimal("66.7") and bar["over_x"] == Decimal("66.7")
    assert bar["over_width"] == Decimal("33.3")
    assert bar["food_width"] + bar["supplement_width"] == bar["tick_x"]
    under = progress(Decimal(160), Decimal(320))
    assert not under["over"] and under["food_width"] == 50 and under["over_width"] == 0


def test_a_usual_amount_comes_back_as_people_write_it(logged_in, alice, log, food):
    banana = food(173944)
    log(alice, banana, 120, "lunch")
    body = logged_in.get(f"/log/?food={banana.pk}").content.decode()
    form = body.split('id="add-form"')[1].split("</form>")[0]
    assert 'name="amount" value="120"' in form and "E+" not in form


def test_quick_add_reads_only_recent_weeks(logged_in, alice, log, food):
    from datetime import timedelta

    from django.utils import timezone

    from tracker.models import QUICK_PICK_DAYS, Entry

    today = timezone.localdate()
    log(alice, food(173944), 100, "lunch", today - timedelta(days=QUICK_PICK_DAYS + 5))
    log(alice, food(168462), 30, "lunch", today - timedelta(days=2))
    recent, _ = Entry.objects.for_user(alice).quick_picks()
    assert [e.description for e in recent] == ["Spinach, raw"]  # the old banana is not


def test_the_time_zone_select_offers_every_zone_with_the_saved_one_chosen(
    client, alice, profile_for
):
    from tracker.models import TIMEZONES

    profile_for(alice, timezone="Pacific/Kiritimati")
    client.force_login(alice)
    body = client.get("/profile/").content.decode()
    select = body.split('<select name="timezone"')[1].split("</select>")[0]
    assert select.count("<option ") == len(TIMEZONES) > 500
    assert '<option value="Pacific/Kiritimati" selected>' in select
    assert select.count(" selected>") == 1 and 'id="id_timezone"' in select

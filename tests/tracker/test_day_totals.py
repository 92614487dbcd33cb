"""The kept day totals always equal the sums of the day's entries, whatever happened."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracker.models import DayTotal, Entry

pytestmark = pytest.mark.django_db


def _assert_in_step(user):
    first, last = timezone.localdate() - timedelta(days=30), timezone.localdate() + timedelta(1)
    kept = DayTotal.rows(user, first, last)
    fresh = Entry.objects.for_user(user).between(first, last).daily()
    assert kept == fresh


def test_totals_follow_adds_edits_moves_and_deletes(alice, food, log):
    rng = random.Random(7)
    foods = [food(i) for i in (168462, 173944, 170567, 171705)]
    today = timezone.localdate()
    entries = []
    for _ in range(60):
        action = rng.choice(["add", "add", "edit", "move", "delete"])
        if action == "add" or not entries:
            day = today - timedelta(days=rng.randrange(5))
            meal = rng.choice(["breakfast", "lunch", "dinner", "supplements"])
            entries.append(log(alice, rng.choice(foods), rng.randrange(1, 300), meal, day))
        elif action == "edit":
            entry = Entry.objects.get(pk=rng.choice(entries).pk)
            entry.grams = Decimal(rng.randrange(1, 300))
            entry.save()
        elif action == "move":  # an edit that changes the date changes two days
            entry = Entry.objects.get(pk=rng.choice(entries).pk)
            entry.date = today - timedelta(days=rng.randrange(5))
            entry.save()
        else:
            entry = entries.pop(rng.randrange(len(entries)))
            Entry.objects.get(pk=entry.pk).delete()
        _assert_in_step(alice)
    assert DayTotal.objects.filter(user=alice).exists()


def test_totals_follow_the_pages_delete_undo_and_copy(logged_in, alice, food, log):
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    log(alice, food(173944), 118, "breakfast", yesterday)
    log(alice, food(170567), 28, "breakfast", yesterday)
    gone = log(alice, food(168462), 30, "lunch", today)
    response = logged_in.post(reverse("tracker:entry_delete", args=[gone.pk]))
    assert response.status_code == 302
    _assert_in_step(alice)
    assert today not in DayTotal.rows(alice, today, today)  # nothing left that day
    token = response.url.split("undo=")[1]
    logged_in.post(reverse("tracker:entry_undo"), {"token": token})
    _assert_in_step(alice)
    assert DayTotal.rows(alice, today, today)[today]["entries"] == 1
    logged_in.post(
        reverse("tracker:copy_meal", args=[today.isoformat()]),
        {"from_date": yesterday.isoformat(), "from_meal": "breakfast", "to_meal": "dinner"},
    )
    _assert_in_step(alice)
    assert DayTotal.rows(alice, today, today)[today]["entries"] == 3


def test_a_week_reads_kept_rows_not_every_entry(logged_in, alice, food, log):
    for back in range(20):
        log(alice, food(173944), 100, "lunch", timezone.localdate() - timedelta(days=back))
    with CaptureQueriesContext(connection) as ctx:
        assert logged_in.get(reverse("tracker:trends"), {"weeks": 104}).status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "tracker_daytotal" in sql
    assert 'SUM("tracker_entry"' not in sql  # no grouping of entries per request


def test_totals_follow_bulk_deletes_and_updates(alice, food, log):
    today = timezone.localdate()
    for back in range(3):
        log(alice, food(173944), 100, "lunch", today - timedelta(days=back))
        log(alice, food(168462), 50, "dinner", today - timedelta(days=back))
    Entry.objects.filter(user=alice, meal="dinner").update(grams=Decimal(80))
    _assert_in_step(alice)
    Entry.objects.filter(user=alice, date=today).update(date=today - timedelta(days=5))
    _assert_in_step(alice)
    Entry.objects.filter(user=alice, meal="lunch").delete()  # as the admin's bulk delete does
    _assert_in_step(alice)
    assert today not in DayTotal.rows(alice, today, today)


def test_every_sum_of_a_day_is_kept_and_rewritten(alice, food, log):
    """refresh_day_totals() upserts the sums daily() gives: a sum added there but not to
    DayTotal.SUMS would be written once and never updated."""
    entry = log(alice, food(168462), 60)
    (sums,) = Entry.objects.filter(user=alice).daily().values()
    assert set(sums) == set(DayTotal.SUMS)
    entry.grams = Decimal(120)
    entry.save()
    kept = DayTotal.objects.filter(user=alice).values(*DayTotal.SUMS).get()
    (sums,) = Entry.objects.filter(user=alice).daily().values()
    assert kept == sums

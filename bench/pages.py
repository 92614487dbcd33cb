"""Time whole pages through the full Django stack for a person with five years of logs.

    .venv/bin/python bench/pages.py [--repeat 50]

Uses DATABASE_URL (a fresh temporary SQLite file when unset), migrates it, loads the
default catalogue when empty, seeds a person with ten entries a day for five years, then
requests each page with Django's test client (middleware, sessions, templates: what a
person's browser gets, minus the network) under production settings. Prints median and
p95 per page and the number of SQL queries each one runs.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='mgk-pages-')}/b.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-not-a-secret"),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        MGK_PLAIN_STATIC="1",
    )
    import logging

    import django

    django.setup()
    # Timing, not a log of 300 requests: keep the per-request and login lines quiet.
    for name in ("mgk.requests", "axes"):
        logging.getLogger(name).setLevel(logging.WARNING)


def seed(years: int = 5, per_day: int = 10):
    """A person with ``per_day`` entries every day for ``years`` years up to today."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from foods.models import Food
    from tracker.models import Entry, Meal, Profile

    call_command("migrate", verbosity=0)
    if not Food.objects.exists():
        call_command("load_catalogue", stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    User.objects.filter(username="bench-history").delete()
    user = User.objects.create_user("bench-history", "b@example.org", "not-used-pass-1")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1980, 6, 1))
    foods = list(Food.objects.filter(owner=None, is_supplement=False).order_by("id")[:60])
    meals = [Meal.BREAKFAST, Meal.LUNCH, Meal.DINNER, Meal.SNACKS]
    today = date.today()
    batch = []
    for back in range(years * 365):
        day = today - timedelta(days=back)
        for i in range(per_day):
            entry = Entry(user=user, date=day, meal=meals[i % 4], grams=Decimal(50 + i * 10))
            entry.take_values_from(foods[(back + i * 7) % len(foods)])
            batch.append(entry)
    Entry.objects.bulk_create(batch, batch_size=5000)
    return user, len(batch)


def time_pages(user, paths: list[str], repeat: int) -> list[tuple[str, float, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    results = []
    for path in paths:
        for _ in range(3):  # warm caches and connections
            assert client.get(path).status_code == 200, path
        timings = []
        for _ in range(repeat):
            t = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - t) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        timings.sort()
        p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
        results.append((path, statistics.median(timings), p95, len(ctx)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    t = time.perf_counter()
    user, count = seed()
    print(
        f"pages on {connection.vendor} for a person with {count:,} entries "
        f"(5 years, 10 a day; seeded in {time.perf_counter() - t:.1f} s), {args.repeat} runs each:"
    )
    today = date.today()
    paths = [
        "/week/",
        f"/week/{(today - timedelta(days=30)).isocalendar()[0]}-W{(today - timedelta(days=30)).isocalendar()[1]:02d}/",
        "/trends/",
        "/trends/?weeks=104",
        "/log/",
        f"/log/{today - timedelta(days=400)}/",
    ]
    print(f"  {'page':<28} {'median':>9} {'p95':>9} {'queries':>8}")
    for path, median, p95, queries in time_pages(user, paths, args.repeat):
        print(f"  {path:<28} {median:>6.1f} ms {p95:>6.1f} ms {queries:>8}")


if __name__ == "__main__":
    main()

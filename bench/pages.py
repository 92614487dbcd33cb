"""Time whole pages through the full Django stack for a person with five years of logs.

    .venv/bin/python bench/pages.py [--repeat 50] [--code DIR]

Uses DATABASE_URL (a fresh temporary SQLite file when unset), migrates it, loads the
default catalogue when empty, seeds a person with ten entries a day for five years and a
person with ten entries today, then requests each page of ``page_list()`` with Django's
test client (middleware, sessions, templates: what a person's browser gets, minus the
network) under production settings. Prints median and p95 per page, the p95 when every
request follows a change to the log (the first view after logging something: no cached
fragment), and the number of SQL queries each one runs; then logging from the day page
(an htmx add or delete) and the day page viewed right after it.  bench/throughput.py
times the same pages under gunicorn.

A change is what the app does when a person edits an entry: one of the person's entries
of today saved with a new weight through ``Entry.save()``, so it works the same whether
the code keeps rendered fragments or not.  ``--code DIR`` times another checkout of mgk
(its packages, templates and migrations, with its own ``.venv`` when it has one) with
these same bench scripts: see ``use_code`` and bench/compare.py.
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
# The checkout whose code is timed: this one, or the one given with --code (use_code sets
# MGK_BENCH_CODE, which child processes and gunicorn's workers inherit).
CODE = Path(os.environ.get("MGK_BENCH_CODE") or ROOT).resolve()
sys.path.insert(0, str(CODE))

# Who requests a page: the person with five years of logs, unless a page says otherwise.
HISTORY = "history"
LIGHT = "light"
ANONYMOUS = None


def use_code(code: Path | None) -> Path:
    """Time the checkout ``code`` (default: this one) with these bench scripts.

    Re-runs this very command with ``code``'s own ``.venv`` when it has one (its pinned
    dependencies, its editable install), and puts its folder first on ``sys.path`` so its
    packages, settings and templates are the ones loaded.  Call before importing Django.
    """
    global CODE
    if code is None:
        return CODE
    code = code.resolve()
    if not (code / "manage.py").exists():
        sys.exit(f"{code}: not a checkout of mgk (no manage.py)")
    venv = code / ".venv"
    os.environ["MGK_BENCH_CODE"] = str(code)
    if (venv / "bin" / "python").exists() and Path(sys.prefix).resolve() != venv.resolve():
        python = str(venv / "bin" / "python")
        os.execv(python, [python, *sys.argv])
    if str(CODE) in sys.path:
        sys.path.remove(str(CODE))
    CODE = code
    sys.path.insert(0, str(CODE))
    return CODE


def add_code_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--code",
        type=Path,
        help="the mgk checkout to time (default: this one); its .venv runs it when present",
    )


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='mgk-pages-')}/b.sqlite3"
    if "DJANGO_STATIC_ROOT" not in os.environ:  # no collectstatic: files come from the sources
        os.environ["DJANGO_STATIC_ROOT"] = tempfile.mkdtemp(prefix="mgk-static-")
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


def seed(years: int = 5, per_day: int = 10, download: Path | None = None):
    """The catalogue (plus the FDC ``download`` when given, imported as ``import_fdc`` does),
    a person with ``per_day`` entries every day for ``years`` years up to today, and a person
    with ten entries today.  Returns ``({HISTORY: user, LIGHT: user}, history entries)``."""
    from django.core.management import call_command

    from foods.models import Food

    call_command("migrate", verbosity=0)
    if not Food.objects.exists():
        call_command("load_catalogue", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if download is not None:
        call_command("import_fdc", str(download), "--no-progress", stdout=open(os.devnull, "w"))  # noqa: SIM115
    history, count = seed_history(years, per_day)
    return {HISTORY: history, LIGHT: seed_light()}, count


def _person(username: str, sex: str, born: date):
    from django.contrib.auth import get_user_model

    from tracker.models import Profile

    User = get_user_model()
    User.objects.filter(username=username).delete()
    user = User.objects.create_user(username, f"{username}@example.org", "not-used-pass-1")
    Profile.objects.create(user=user, sex=sex, date_of_birth=born)
    return user


def _everyday_foods(limit: int):
    from foods.models import Food

    return list(Food.objects.filter(owner=None, is_supplement=False).order_by("id")[:limit])


def seed_history(years: int, per_day: int):
    from tracker.models import Entry, Meal

    user = _person("bench-history", "female", date(1980, 6, 1))
    foods = _everyday_foods(60)
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
    _check_day_totals(user, years * 365)
    return user, len(batch)


def _check_day_totals(user, days: int) -> None:
    """The app keeps its day totals from Entry's own save and bulk paths; a checkout that
    keeps them and did not would time pages reading half-empty totals: stop instead."""
    from tracker import models

    day_total = getattr(models, "DayTotal", None)
    if day_total is not None and day_total.objects.filter(user=user).count() != days:
        sys.exit("seeding: Entry.objects.bulk_create() did not keep the person's DayTotal rows")


def seed_light():
    from tracker.models import Entry, Meal

    user = _person("bench-light", "male", date(1975, 3, 1))
    meals = [Meal.BREAKFAST, Meal.LUNCH, Meal.DINNER]
    for i, food in enumerate(_everyday_foods(10)):
        entry = Entry(user=user, date=date.today(), meal=meals[i % 3], grams=Decimal(80 + i * 10))
        entry.take_values_from(food)
        entry.save()
    return user


# A request with this header and a user id is preceded by a change to that person's log,
# under gunicorn (bench/changing.py).
CHANGE_HEADER = "X-Mgk-Bench-Change"


def change_log(user_id) -> None:
    """A change to the person's log, as editing an entry makes it: their latest entry (of
    today, as seeded) saved with a new weight through ``Entry.save()``, so whatever the
    code keeps in step with the log (day totals, kept fragments) follows as in the app.
    The weight comes from the clock (100 to 200 g, to the 0.1 mg), so no change leaves
    the log as it was, even with two server processes changing it at once."""
    from tracker.models import Entry

    entry = Entry.objects.filter(user_id=user_id).latest("date", "id")
    entry.grams = Decimal(100) + Decimal(time.monotonic_ns() // 1000 % 1_000_000) / 10_000
    entry.save()


def time_changes(user, repeat: int) -> dict[str, float]:
    """Median and p95 in ms of ``change_log`` itself: what the "after a change" rows under
    gunicorn include besides the page."""
    timings = []
    for _ in range(repeat):
        t = time.perf_counter()
        change_log(user.pk)
        timings.append((time.perf_counter() - t) * 1000)
    return {"median": statistics.median(timings), "p95": _p95(timings)}


def page_list(today: date | None = None) -> list[tuple[str, str, str | None]]:
    """The pages both benches time: (name, path, who), the trivial view first."""
    from foods.models import Food

    today = today or date.today()
    banana = Food.objects.get(source=Food.Source.SR_LEGACY, source_id="173944").pk
    return [
        ("trivial view (/healthz)", "/healthz", ANONYMOUS),
        ("home", "/", HISTORY),
        ("day, 10 entries today", "/log/", LIGHT),
        ("day, 5 years", "/log/", HISTORY),
        ("week", "/week/", HISTORY),
        ("trends", "/trends/", HISTORY),
        ("trends ?weeks=104", "/trends/?weeks=104", HISTORY),
        ("search /foods/?q=banana", "/foods/?q=banana", HISTORY),
        # What the day page's search form GETs without JavaScript.
        ("day's search ?q=banana", f"/log/{today.isoformat()}/?q=banana", HISTORY),
        ("food detail (bananas)", f"/foods/{banana}/", HISTORY),
        ("profile", "/profile/", HISTORY),
        ("learn /why-together/", "/learn/why-together/", HISTORY),
    ]


def time_page(client, path: str, repeat: int, user=None) -> tuple:
    """Median and p95 in ms of ``repeat`` requests after a warm-up (the same page again:
    a reload), the p95 when each request follows a change to the person's log (the first
    view after logging something: nothing kept from before is current), and the SQL
    queries of a reload and of a first view after a change."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm caches and connections
        status = client.get(path).status_code
        assert status == 200, f"{path}: {status}"
    timings, changed = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - t) * 1000)
    for _ in range(repeat):
        if user is not None:
            change_log(user.pk)  # outside the timing
        t = time.perf_counter()
        client.get(path)
        changed.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as again:
        client.get(path)
    if user is not None:
        change_log(user.pk)
    with CaptureQueriesContext(connection) as first:
        client.get(path)
    return (
        statistics.median(timings),
        _p95(timings),
        _p95(changed),
        len(again),
        len(first),
    )


def _p95(timings: list[float]) -> float:
    timings = sorted(timings)
    return timings[max(int(len(timings) * 0.95) - 1, 0)]


def time_pages(people: dict, pages: list[tuple[str, str, str | None]], repeat: int) -> list:
    """``(name, median, p95, p95 after a change, queries, queries after a change)`` for
    each page, each requested as its person."""
    from django.test import Client

    clients = {ANONYMOUS: Client()}
    for who, user in people.items():
        clients[who] = Client()
        clients[who].force_login(user)
    return [
        (name, *time_page(clients[who], path, repeat, people.get(who))) for name, path, who in pages
    ]


def time_logging(user, repeat: int) -> dict[str, float]:
    """p95 in ms of logging from the day page as its JavaScript does (an htmx add, then
    deleting the entry again so the day stays as seeded), the add's answer on its own,
    and of the day page viewed right after each: what a person waits for when logging,
    and when opening the page again after it."""
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from foods.models import Food
    from tracker.models import Entry

    client = Client()
    client.force_login(user)
    today = timezone.localdate()
    food = Food.objects.get(source=Food.Source.SR_LEGACY, source_id="173944")  # bananas
    add = reverse("tracker:entry_add", args=[today.isoformat()])
    day = reverse("tracker:day", args=[today.isoformat()])
    data = {"food": food.pk, "grams": "118", "meal": "snacks", "date": today.isoformat()}
    answers, adds, pages_after = [], [], []

    def timed(into: list, method, *args, **kwargs):
        t = time.perf_counter()
        response = method(*args, **kwargs)
        into.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code

    client.get(day)
    for _ in range(repeat):
        timed(adds, client.post, add, data, HTTP_HX_REQUEST="true")
        answers.append(adds[-1])
        timed(pages_after, client.get, day)
        entry = Entry.objects.filter(user=user, date=today).latest("id")
        delete = reverse("tracker:entry_delete", args=[entry.pk])
        timed(answers, client.post, delete, HTTP_HX_REQUEST="true")
        timed(pages_after, client.get, day)
    return {"answer": _p95(answers), "add": _p95(adds), "page after": _p95(pages_after)}


def time_queries(user, queries) -> dict[str, list[float]]:
    """ms of each query's first request, as the person types it: ``/foods/?q=`` for
    every query, then the day page's search for every query (a query's results were
    never rendered for that page before)."""
    from django.test import Client
    from django.utils import timezone

    client = Client()
    client.force_login(user)
    day = f"/log/{timezone.localdate().isoformat()}/"
    timings = {"/foods/?q=": [], "day ?q=": []}
    for name, path in (("/foods/?q=", "/foods/"), ("day ?q=", day)):
        client.get(path)
        for query in queries:
            t = time.perf_counter()
            status = client.get(path, {"q": query}).status_code
            timings[name].append((time.perf_counter() - t) * 1000)
            assert status == 200, f"{path}?q={query}: {status}"
    return timings


def print_logging(logging: dict[str, float]) -> None:
    print(
        f"  logging from the day page (5 years, add or delete with htmx): answer p95 "
        f"{logging['answer']:.1f} ms (add alone {logging['add']:.1f} ms), the day page right "
        f"after p95 {logging['page after']:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    add_code_option(parser)
    args = parser.parse_args()
    use_code(args.code)
    setup_django()
    from django.db import connection

    t = time.perf_counter()
    people, count = seed()
    print(
        f"pages on {connection.vendor} for a person with {count:,} entries "
        f"(5 years, 10 a day; seeded in {time.perf_counter() - t:.1f} s), {args.repeat} runs each, "
        f"code {CODE}:"
    )
    print(f"  {'page':<28} {'median':>9} {'p95':>9} {'changed p95':>12} {'queries':>8}")
    for name, median, p95, changed, queries, first in time_pages(people, page_list(), args.repeat):
        print(
            f"  {name:<28} {median:>6.1f} ms {p95:>6.1f} ms {changed:>9.1f} ms "
            f"{queries:>4} ({first} changed)"
        )
    print_logging(time_logging(people[HISTORY], args.repeat))


if __name__ == "__main__":
    main()

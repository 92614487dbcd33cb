"""Eight people logging at once through gunicorn with four workers: every entry stored, no
5xx, no "database is locked"; and two writers of one person's day at once: the kept total
counts both entries.  On the database the run is configured for: SQLite in a temporary
file, or a fresh database on the PostgreSQL server of DATABASE_URL."""

import http.cookiejar
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 8
POSTS = int(os.environ.get("MGK_CONCURRENCY_POSTS", "2000"))
SETUP = """
from datetime import date
from django.contrib.auth import get_user_model
from tracker.models import Profile
for i in range({clients}):
    user = get_user_model().objects.create_user(f"eater{{i}}", password="same-pass-for-all-8")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1980, 1, 1))
"""


# The first writer holds its transaction open after saving its entry; the second saves
# meanwhile.  Each rewrites the day's total from the entries it can see, so without the
# person's row held (tracker.models.hold_people) the second, on PostgreSQL, would see
# only its own entry and store a total missing the first.
SAME_DAY = """
import threading, time
from datetime import date
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from tracker.models import DayTotal, Entry


user = get_user_model().objects.create_user("same-day")
day = date(2026, 11, 16)
first_saved = threading.Event()

def log(grams, hold_open):
    try:
        with transaction.atomic():
            Entry(user=user, date=day, meal="lunch", grams=Decimal(grams), description="oats",
                  magnesium_per_100g=Decimal(100)).save()
            if hold_open:
                first_saved.set()
                time.sleep(1)
    finally:
        first_saved.set()
        connection.close()

first = threading.Thread(target=log, args=(100, True))
first.start()
first_saved.wait()
second = threading.Thread(target=log, args=(50, False))
second.start()
first.join()
second.join()
kept = DayTotal.objects.get(user=user, date=day)
print(kept.entries, f"{kept.magnesium:.0f}")
"""


def _manage(env: dict, *args) -> str:
    """The command's last line of output (the shell prints what it imported first)."""
    out = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True, timeout=120,
    ).stdout.strip()  # fmt: skip
    return out.splitlines()[-1] if out else ""


class BehindTLS(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure; here TLS ends at a (pretend) proxy on loopback."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we check, not a page to follow


def _client(base: str, n: int, food_id: int, failures: list, statuses: list) -> None:
    jar = http.cookiejar.CookieJar(policy=BehindTLS())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def post(path, data):
        token = next(c.value for c in jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            base + path,
            data=body,
            method="POST",
            # What a browser behind the TLS proxy sends: the CSRF check compares the origin.
            headers={"X-Forwarded-Proto": "https", "Origin": base.replace("http:", "https:")},
        )
        try:
            with opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    opener.open(base + "/accounts/login/", timeout=30).read()
    login = post("/accounts/login/", {"username": f"eater{n}", "password": "same-pass-for-all-8"})
    if login != 302:
        failures.append(f"login {login}")
        return
    for i in range(POSTS // CLIENTS):
        day = f"2026-11-{10 + i % 7}"
        entry = {"food": food_id, "grams": str(50 + i % 100), "meal": "lunch", "date": day}
        status = post(f"/log/{day}/add/", entry)
        statuses.append(status)
        if status != 302:
            failures.append(status)


def test_eight_people_log_2000_entries_at_once(scratch_database_url):
    database_url = scratch_database_url
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "concurrency-test-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_LOGIN_FAILURE_LIMIT": "1000",
        "MGK_PLAIN_STATIC": "1",
    }
    python = sys.executable

    def manage(*args) -> str:
        return _manage(env, *args)

    manage("migrate", "--no-input")
    manage("load_catalogue")
    manage("shell", "-c", SETUP.format(clients=CLIENTS))
    food_id = int(
        manage("shell", "-c", "from foods.models import Food; "
               "print(Food.objects.get(source_id='173944').pk)")
    )  # fmt: skip

    port = free_port()
    log_path = Path(tempfile.mkdtemp(prefix="mgk-gunicorn-")) / "gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "config.wsgi", "--workers", "4", "--bind",
         f"127.0.0.1:{port}", "--timeout", "60"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until_up(base + "/healthz", server) == b"ok"
        failures, statuses = [], []
        started = time.monotonic()
        threads = [
            threading.Thread(target=_client, args=(base, n, food_id, failures, statuses))
            for n in range(CLIENTS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = log_path.read_text()
    print(f"{len(statuses)} posts by {CLIENTS} clients in {seconds:.1f} s "
          f"({len(statuses) / seconds:.0f} a second) on {database_url.split(':')[0]}")  # fmt: skip
    assert failures == []
    assert len(statuses) == POSTS
    assert "database is locked" not in output and "Traceback" not in output
    stored = manage("shell", "-c", "from tracker.models import Entry; print(Entry.objects.count())")
    assert int(stored) == POSTS


def test_two_writers_of_one_day_both_count_in_its_total(scratch_database_url):
    env = {**os.environ, "DATABASE_URL": scratch_database_url, "DJANGO_DEBUG": "1"}
    _manage(env, "migrate", "--no-input")
    assert _manage(env, "shell", "-c", SAME_DAY) == "2 150"

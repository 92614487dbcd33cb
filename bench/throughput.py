"""Requests per second of whole pages under gunicorn, against a trivial view.

    .venv/bin/python bench/throughput.py [--seconds 3]

Needs wrk (Debian: apt-get install wrk).  Seeds a fresh SQLite database (the default
catalogue; a person with ten entries today; a person with five years of daily logs, ten
entries a day), starts gunicorn with 2 workers under production settings on a free port,
and drives each page with one wrk thread and 8 connections on 127.0.0.1 for a bounded
time.  Prints requests per second and the ratio to the trivial view (/healthz, one
SELECT 1), then the in-process median, p95 and SQL query count of the same pages.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pages  # noqa: E402  (bench/pages.py: the seeding and in-process timing)

SECRET = "throughput-bench-only"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_cookie(user) -> str:
    """A logged-in session for ``user``, as the login view would store it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "tracker.auth.UsernameOrEmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"sessionid={store.session_key}"


def light_person():
    from django.contrib.auth import get_user_model

    from foods.models import Food
    from tracker.models import Entry, Profile

    user = get_user_model().objects.create_user("bench-light", "l@example.org", "unused-9x")
    Profile.objects.create(user=user, sex="male", date_of_birth=date(1975, 3, 1))
    foods = list(Food.objects.filter(owner=None, is_supplement=False).order_by("id")[:10])
    for i, food in enumerate(foods):
        entry = Entry(user=user, date=date.today(), meal=("breakfast", "lunch", "dinner")[i % 3])
        entry.grams = Decimal(80 + i * 10)
        entry.take_values_from(food)
        entry.save()
    return user


def wrk(url: str, cookie: str | None, seconds: int) -> float:
    command = ["wrk", "-t1", "-c8", f"-d{seconds}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    tmp = tempfile.mkdtemp(prefix="mgk-throughput-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SECRET_KEY"] = SECRET
    pages.setup_django()
    history, count = pages.seed()
    light = light_person()
    from foods.models import Food

    banana = Food.objects.get(source_id="173944").pk
    today = date.today()
    week = f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}"
    cookies = {"light": session_cookie(light), "history": session_cookie(history)}
    table = [
        ("trivial view (/healthz)", "/healthz", None),
        ("home", "/", None),
        ("day, 10 entries", "/log/", "light"),
        ("day, 5 years", "/log/", "history"),
        ("day's search, 5 years", "/log/?q=banana", "history"),
        ("week, 5 years", f"/week/{week}/", "history"),
        ("trends, 5 years", "/trends/", "history"),
        ("trends 104 weeks", "/trends/?weeks=104", "history"),
        ("search /foods/?q=banana", "/foods/?q=banana", None),
        ("food detail", f"/foods/{banana}/", None),
        ("profile", "/profile/", "history"),
        ("learn page", "/learn/why-together/", None),
    ]

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_REQUEST_LOG": "0",
        "MGK_PLAIN_STATIC": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        print(f"gunicorn, 2 workers, SQLite, wrk 1 thread 8 connections {args.seconds} s each "
              f"(5-year person: {count:,} entries)")  # fmt: skip
        print(f"  {'page':<28} {'req/s':>8} {'ratio':>7}")
        trivial = None
        for name, path, who in table:
            rate = wrk(base + path, cookies.get(who), args.seconds)
            trivial = trivial or rate
            print(f"  {name:<28} {rate:>8.0f} {rate / trivial:>7.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"in process (Django test client), {args.repeat} runs each:")
    print(f"  {'page':<28} {'median':>9} {'p95':>9} {'queries':>8}")
    for name, path, who in table[1:]:
        user = {"light": light, "history": history}.get(who)
        (_, median, p95, queries), = pages.time_pages(user, [path], args.repeat)  # fmt: skip
        print(f"  {name:<28} {median:>6.1f} ms {p95:>6.1f} ms {queries:>8}")


if __name__ == "__main__":
    main()

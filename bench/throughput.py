"""Requests per second of whole pages under gunicorn, against a trivial view.

    .venv/bin/python bench/throughput.py [--seconds 3] [--shared ../shared/data/usda]

Needs wrk (Debian: apt-get install wrk) and the USDA extract in ../shared/data/usda.
Seeds a fresh SQLite database: the default catalogue, then the full SR Legacy imported
with import_fdc (the FDC-format download bench/run.py builds), a person with ten entries
today and a person with five years of daily logs, ten entries a day.  Starts gunicorn
with 2 sync workers under production settings on a free port (no access log) and drives
each page of bench/pages.py's list with one wrk thread and 8 connections on 127.0.0.1
for a bounded time.  Then, with gunicorn stopped, times the same pages in process
(Django test client).  Prints one table: requests per second, the ratio to the trivial
view (/healthz, one SELECT 1), the in-process median and p95, the p95 when each request
follows a change to the person's log (no cached fragment), and the SQL query count.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pages  # noqa: E402  (bench/pages.py: the seeding, page list and in-process timing)
import run  # noqa: E402  (bench/run.py: the FDC-format download)

SECRET = "throughput-bench-only"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_cookie(user) -> str:
    """A logged-in session for ``user``, as the login view would store it, and the CSRF
    cookie a browser keeps from the login page (its secret is part of what the cached
    fragments of a page are keyed by)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.crypto import get_random_string

    from config.sessions import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "tracker.auth.UsernameOrEmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"sessionid={store.session_key}; csrftoken={get_random_string(32)}"


def wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with status {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"gunicorn did not listen on 127.0.0.1:{port} within 30 s")


def check(port: int, path: str, cookie: str | None) -> None:
    """One request before the load: wrk counts a redirect (to the login page) as a success."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    status = conn.getresponse().status
    conn.close()
    if status != 200:
        sys.exit(f"{path}: status {status} under gunicorn, expected 200")


def wrk(url: str, cookie: str | None, seconds: int) -> float:
    command = ["wrk", "-t1", "-c8", f"-d{seconds}s", "--timeout", "10s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"{url}: {errors.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=3, help="wrk time per page")
    parser.add_argument("--repeat", type=int, default=30, help="in-process runs per page")
    parser.add_argument("--shared", type=Path, default=run.DEFAULT_SHARED)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if not (args.shared / "foods_mg_k.csv").exists():
        sys.exit(f"{args.shared}: the USDA extract is needed (../shared/data/usda, or --shared)")

    with tempfile.TemporaryDirectory(prefix="mgk-throughput-") as tmp:
        download = Path(tmp) / "fdc"
        download.mkdir()
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["DJANGO_SECRET_KEY"] = SECRET
        # Files come from the source folders (MGK_PLAIN_STATIC); an empty root keeps
        # WhiteNoise from warning when no collectstatic has run.
        os.environ["DJANGO_STATIC_ROOT"] = str(Path(tmp) / "static")
        (Path(tmp) / "static").mkdir()
        t = time.perf_counter()
        run.build_download(args.shared, download)
        pages.setup_django()
        people, count = pages.seed(download=download)
        from django.db import connections

        from foods.models import Food

        seeded = time.perf_counter() - t
        table = pages.page_list()
        cookies = {who: session_cookie(user) for who, user in people.items()}
        foods = Food.objects.count()
        rates = drive(table, cookies, args.seconds)
        timings = pages.time_pages(people, table, args.repeat)
        logging = pages.time_logging(people[pages.HISTORY], args.repeat)
        connections.close_all()  # before the database file goes

    print(
        f"SQLite, {foods:,} foods (SR Legacy imported), 5-year person "
        f"{count:,} entries (seeded in {seeded:.0f} s)"
    )
    print(
        f"gunicorn 2 sync workers, wrk 1 thread 8 connections {args.seconds} s per page; "
        f"in process (Django test client) {args.repeat} runs per page"
    )
    print(
        f"  {'page':<28} {'req/s':>7} {'ratio':>6} {'median':>9} {'p95':>9} "
        f"{'changed p95':>12} {'queries':>7}"
    )
    trivial = rates[0]
    for rate, (name, median, p95, changed, queries) in zip(rates, timings, strict=True):
        print(
            f"  {name:<28} {rate:>7.0f} {rate / trivial:>6.2f} "
            f"{median:>6.1f} ms {p95:>6.1f} ms {changed:>9.1f} ms {queries:>7}"
        )
    pages.print_logging(logging)


def drive(table, cookies: dict, seconds: int) -> list[float]:
    """Requests per second of each page under gunicorn, in the table's order."""
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
         "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_for(port, server)
        rates = []
        for _, path, who in table:
            check(port, path, cookies.get(who))
            rates.append(wrk(f"http://127.0.0.1:{port}{path}", cookies.get(who), seconds))
        return rates
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

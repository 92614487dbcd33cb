"""Requests per second of whole pages under gunicorn, against a trivial view.

    .venv/bin/python bench/throughput.py [--seconds 3] [--shared ../shared/data/usda]
                                         [--code DIR] [--json FILE]

Needs wrk (Debian: apt-get install wrk) and the USDA extract in ../shared/data/usda.
Seeds a fresh SQLite database: the default catalogue, then the full SR Legacy imported
with import_fdc (the FDC-format download bench/run.py builds), a person with ten entries
today and a person with five years of daily logs, ten entries a day.  Starts gunicorn
with 2 sync workers under production settings on a free port (no access log) and drives
each page of bench/pages.py's list with one wrk thread and 8 connections on 127.0.0.1
for a bounded time.  Then, with gunicorn stopped, times the same pages in process
(Django test client).  Prints one table: requests per second, the ratio to the trivial
view (/healthz, one SELECT 1), the in-process median and p95, the p95 when each request
follows a change to the person's log (the first view after a change), and the SQL
query counts.  The plain "day, 5 years" row under gunicorn is a browser reloading the
day page; two more rows have the 5-year day page with each request preceded by a change
to the log (bench/changing.py makes it in the worker, before the page: the change's cost
is in the figure) and that change alone before ``/healthz``.  Then
logging from the day page, and the first request of each query of bench/queries.py on
``/foods/?q=`` and on the day page's search.

``--code DIR`` times another checkout of mgk with these same scripts (its packages,
templates and migrations, its .venv; gunicorn runs with ``--chdir DIR``); ``--json FILE``
also writes every figure to FILE, as bench/compare.py reads them.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pages  # noqa: E402  (bench/pages.py: the seeding, page list and in-process timing)
import run  # noqa: E402  (bench/run.py: the FDC-format download)
from queries import QUERIES  # noqa: E402

SECRET = "throughput-bench-only"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_cookie(user) -> str:
    """A logged-in session for ``user`` and the CSRF cookie a browser keeps from the login
    page.  The session is made by Django's test client (``force_login``: the configured
    session engine, the first authentication backend that can load a user), so it is the
    one the code being timed would store, whatever its session engine."""
    from django.conf import settings
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return (
        f"{settings.SESSION_COOKIE_NAME}={session}; "
        f"{settings.CSRF_COOKIE_NAME}={get_random_string(32)}"
    )


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


def check(port: int, path: str, headers: dict) -> None:
    """One request before the load: wrk counts a redirect (to the login page) as a success."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    status = conn.getresponse().status
    conn.close()
    if status != 200:
        sys.exit(f"{path}: status {status} under gunicorn, expected 200")


def wrk(url: str, headers: dict, seconds: int) -> float:
    command = ["wrk", "-t1", "-c8", f"-d{seconds}s", "--timeout", "10s", url]
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
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
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    pages.add_code_option(parser)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if not (args.shared / "foods_mg_k.csv").exists():
        sys.exit(f"{args.shared}: the USDA extract is needed (../shared/data/usda, or --shared)")
    code = pages.use_code(args.code)
    result = measure(args.shared.resolve(), args.seconds, args.repeat)
    result["code"] = str(code)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


def measure(shared: Path, seconds: int, repeat: int) -> dict:
    """Seed, drive gunicorn, time in process: every figure, as JSON-ready values."""
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
        run.build_download(shared, download)
        pages.setup_django()
        people, count = pages.seed(download=download)
        from django.db import connections

        from foods.models import Food

        seeded = time.perf_counter() - t
        table = pages.page_list()
        cookies = {who: session_cookie(user) for who, user in people.items()}
        history = people[pages.HISTORY]
        day = next(path for name, path, who in table if who == pages.HISTORY and path == "/log/")
        extra = [
            ("day, 5 years, after a change", day, {pages.CHANGE_HEADER: str(history.pk)}),
            ("a change alone (+ /healthz)", "/healthz", {pages.CHANGE_HEADER: str(history.pk)}),
        ]
        runs = [(path, {"Cookie": cookies[who]} if who else {}) for _, path, who in table]
        runs += [(path, {"Cookie": cookies[pages.HISTORY], **more}) for _, path, more in extra]
        rates = drive(runs, seconds)
        foods = Food.objects.count()
        timings = pages.time_pages(people, table, repeat)
        logging = pages.time_logging(history, repeat)
        searches = pages.time_queries(history, QUERIES)
        change = pages.time_changes(history, repeat)
        connections.close_all()  # before the database file goes

    rows = [
        {
            "page": name,
            "rps": rate,
            "median": median,
            "p95": p95,
            "changed_p95": changed,
            "queries": queries,
            "changed_queries": first,
        }
        for rate, (name, median, p95, changed, queries, first) in zip(
            rates[: len(table)], timings, strict=True
        )
    ]
    rows += [
        {"page": name, "rps": rate}
        for rate, (name, _, _) in zip(rates[len(table) :], extra, strict=True)
    ]
    return {
        "foods": foods,
        "entries": count,
        "seeded_s": seeded,
        "seconds": seconds,
        "repeat": repeat,
        "rows": rows,
        "logging": logging,
        "change": change,
        "search_first": {
            name: {"median": statistics.median(times), "p95": pages._p95(times), "n": len(times)}
            for name, times in searches.items()
        },
    }


def print_table(result: dict) -> None:
    print(
        f"SQLite, {result['foods']:,} foods (SR Legacy imported), 5-year person "
        f"{result['entries']:,} entries (seeded in {result['seeded_s']:.0f} s); code "
        f"{result['code']}"
    )
    print(
        f"gunicorn 2 sync workers, wrk 1 thread 8 connections {result['seconds']} s per page; "
        f"in process (Django test client) {result['repeat']} runs per page"
    )
    print(
        f"  {'page':<30} {'req/s':>7} {'ratio':>6} {'median':>9} {'p95':>9} "
        f"{'changed p95':>12} {'queries (changed)':>17}"
    )
    trivial = result["rows"][0]["rps"]
    for row in result["rows"]:
        line = f"  {row['page']:<30} {row['rps']:>7.0f} {row['rps'] / trivial:>6.2f}"
        if "p95" in row:
            line += (
                f" {row['median']:>6.1f} ms {row['p95']:>6.1f} ms {row['changed_p95']:>9.1f} ms "
                f"{row['queries']:>7} ({row['changed_queries']})"
            )
        print(line)
    pages.print_logging(result["logging"])
    change = result["change"]
    print(
        f"  a change to the log alone (Entry.save, in process): median {change['median']:.1f} ms,"
        f" p95 {change['p95']:.1f} ms"
    )
    for name, s in result["search_first"].items():
        print(
            f"  first request of each query, {name:<10} ({s['n']} queries): "
            f"median {s['median']:.1f} ms, p95 {s['p95']:.1f} ms"
        )


def drive(runs: list[tuple[str, dict]], seconds: int) -> list[float]:
    """Requests per second of each (path, request headers) under gunicorn, in order."""
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
        [sys.executable, "-m", "gunicorn", "changing:application", "--chdir", str(pages.CODE),
         "--pythonpath", str(ROOT / "bench"), "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=pages.CODE, env=env,
    )  # fmt: skip
    try:
        wait_for(port, server)
        rates = []
        for path, headers in runs:
            check(port, path, headers)
            rates.append(wrk(f"http://127.0.0.1:{port}{path}", headers, seconds))
        return rates
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

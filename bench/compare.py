"""Two checkouts of mgk timed back to back with the same bench scripts: one table.

    .venv/bin/python bench/compare.py --before ../wt-before [--after .] [--rounds 1]
                                      [--seconds 3] [--repeat 30] [--shared ../shared/data/usda]

Runs bench/throughput.py (from this checkout) once for ``--before`` and then once for
``--after`` (default: this checkout), each with ``--code`` set to that tree: its own
packages, templates, migrations and .venv, a fresh SQLite database seeded the same way
(default catalogue, the full SR Legacy from the shared USDA extract, a person with five
years of logs), gunicorn started in that tree.  Then prints, side by side:

- in process (Django test client, production settings): each page's p95 on the first
  view after a change to the log, its p95 when the same page is asked for again (a
  reload), and the SQL queries of each; the first request of each search query; the
  answer to logging from the day page;
- under gunicorn (2 sync workers; wrk, 1 thread, 8 connections on 127.0.0.1): requests
  per second of each page and its ratio to the trivial view, plus the day page with each
  request preceded by a change, and the change alone.

Both runs take 3 to 5 minutes on the 2-core machine with the defaults; the times
compare within one run only (the machine's speed varies from hour to hour).  With
``--rounds N`` the two trees are measured N times each in alternating order (before,
after, after, before, ...), so a machine slowing down or speeding up during the run
weighs on both, and each figure printed is the median of its N measurements.
"""

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402  (bench/run.py: where the shared USDA extract is)

SEARCHES = {"/foods/?q=": "search /foods/?q=, new query", "day ?q=": "day's search, new query"}


def label(tree: Path) -> str:
    """The tree and its commit, marked when it has changes not committed."""
    git = ["git", "-C", str(tree)]
    commit = subprocess.run(
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    ).stdout.strip()
    return f"{tree} ({commit or 'no git'}{' + uncommitted changes' if dirty else ''})"


def measure(tree: Path, args, out: Path) -> dict:
    command = [
        sys.executable, str(ROOT / "bench" / "throughput.py"), "--code", str(tree),
        "--seconds", str(args.seconds), "--repeat", str(args.repeat),
        "--shared", str(args.shared), "--json", str(out),
    ]  # fmt: skip
    t = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=not args.verbose, text=True)
    if done.returncode:
        sys.exit(f"{tree}: bench/throughput.py failed\n{done.stdout or ''}{done.stderr or ''}")
    print(f"  {tree}: measured in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return json.loads(out.read_text())


def combine(results: list):
    """One result from several of the same shape: each number the median of its values."""
    first = results[0]
    if isinstance(first, dict):
        return {key: combine([r[key] for r in results]) for key in first}
    if isinstance(first, list):
        return [combine(list(items)) for items in zip(*results, strict=True)]
    if isinstance(first, bool):
        return first
    if isinstance(first, int):  # counts (foods, entries, queries): one of the values
        return statistics.median_low(results)
    if isinstance(first, float):
        return statistics.median(results)
    return first


def print_comparison(before: dict, after: dict, args) -> None:
    b_rows = {row["page"]: row for row in before["rows"]}
    a_rows = {row["page"]: row for row in after["rows"]}
    print(f"before: {label(Path(before['code']))}")
    print(f"after:  {label(Path(after['code']))}")
    print(
        f"SQLite, production settings, {after['foods']:,} foods (SR Legacy imported), a person "
        f"with {after['entries']:,} entries (5 years, 10 a day)"
    )
    print()
    print(
        f"In process (Django test client), p95 in ms over {args.repeat} requests per page; "
        "queries: first view after a change / repeat view"
    )
    print(f"  {'':<30} {'first view after a change':>25}  {'repeat view':>19}  {'queries':>15}")
    print(
        f"  {'page':<30} {'before':>12} {'after':>12}  {'before':>9} {'after':>9}  "
        f"{'before':>7} {'after':>7}"
    )
    for page, b in b_rows.items():
        a = a_rows.get(page)
        if "p95" not in b or a is None:
            continue
        print(
            f"  {page:<30} {b['changed_p95']:>12.1f} {a['changed_p95']:>12.1f}  "
            f"{b['p95']:>9.1f} {a['p95']:>9.1f}  "
            f"{b['changed_queries']:>3}/{b['queries']:<3} {a['changed_queries']:>3}/{a['queries']}"
        )
    for name in before["search_first"]:
        b, a = before["search_first"][name], after["search_first"][name]
        print(
            f"  {SEARCHES.get(name, name):<30} {b['p95']:>12.1f} {a['p95']:>12.1f}"
            f"  ({b['n']} queries of bench/queries.py, each asked once)"
        )
    b, a = before["logging"], after["logging"]
    print(f"  {'logging: the answer to Add':<30} {b['add']:>12.1f} {a['add']:>12.1f}")
    print(f"  {'logging: Add or Delete answer':<30} {b['answer']:>12.1f} {a['answer']:>12.1f}")
    print(
        f"  {'day page right after logging':<30} {b['page after']:>12.1f} {a['page after']:>12.1f}"
    )
    b, a = before["change"], after["change"]
    print(f"  {'a change alone (Entry.save)':<30} {b['p95']:>12.1f} {a['p95']:>12.1f}")
    print()
    print(
        f"Under gunicorn (2 sync workers; wrk 1 thread, 8 connections, {args.seconds} s each): "
        "requests/s, and as a ratio to the trivial view"
    )
    print(f"  {'page':<30} {'before':>8} {'ratio':>6}  {'after':>8} {'ratio':>6}")
    b_trivial, a_trivial = before["rows"][0]["rps"], after["rows"][0]["rps"]
    names = {"day, 5 years": "day, 5 years, reloaded"}
    for page, b in b_rows.items():
        a = a_rows.get(page)
        if a is None:
            continue
        print(
            f"  {names.get(page, page):<30} {b['rps']:>8.0f} {b['rps'] / b_trivial:>6.2f}  "
            f"{a['rps']:>8.0f} {a['rps'] / a_trivial:>6.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", type=Path, required=True, help="the checkout before")
    parser.add_argument("--after", type=Path, default=ROOT, help="the checkout after (this one)")
    parser.add_argument("--seconds", type=int, default=3, help="wrk time per page")
    parser.add_argument("--repeat", type=int, default=30, help="in-process requests per page")
    parser.add_argument("--shared", type=Path, default=run.DEFAULT_SHARED)
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure each tree this many times, alternating"
    )
    parser.add_argument("--verbose", action="store_true", help="show each run's own table")
    args = parser.parse_args()
    args.shared = args.shared.resolve()
    trees = [args.before.resolve(), args.after.resolve()]
    for tree in trees:
        if not (tree / "manage.py").exists():
            sys.exit(f"{tree}: not a checkout of mgk (no manage.py)")
    t = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mgk-compare-") as tmp:
        # Round 1 before then after, round 2 after then before, and so on.
        order = itertools.islice(itertools.cycle([0, 1, 1, 0]), 2 * args.rounds)
        measured = {0: [], 1: []}
        for n, i in enumerate(order):
            measured[i].append(measure(trees[i], args, Path(tmp) / f"{n}.json"))
        before, after = combine(measured[0]), combine(measured[1])
    print_comparison(before, after, args)
    rounds = f"; each figure the median of {args.rounds} rounds" if args.rounds > 1 else ""
    print(f"(all runs: {time.perf_counter() - t:.0f} s{rounds})")


if __name__ == "__main__":
    main()

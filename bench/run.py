"""mgk benchmarks: catalogue search quality and speed, and the FDC import.

    .venv/bin/python bench/run.py [--shared ../shared/data/usda] [--repeat 5] [--code DIR]

It builds, in a temporary folder, an SR Legacy-size FoodData Central CSV download from
the USDA extract in ../shared (about 7,800 foods, ~80 nutrient rows each as in the real
download, of which the importer keeps four) and imports it into two fresh SQLite
databases in child processes: one with the default catalogue loaded first (what a
server has after ``./mgk serve`` and ``import_fdc``), one with SR Legacy alone (no
curated popularity at all).  For each it prints search hit@1 over the queries of
bench/queries.py (plain words, synonyms, British names, typos) and the median / p95 of
the whole search pages a person gets: ``/foods/?q=`` and the day page's search, through
the full Django stack under production settings.  Last, bench/pages.py times every page
for a person with five years of logs.  ``--code DIR`` runs all of it against another
checkout of mgk (see bench/pages.py).
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "data" / "usda"

sys.path.insert(0, str(ROOT / "bench"))
import pages  # noqa: E402
from queries import QUERIES  # noqa: E402


def build_download(shared: Path, out: Path) -> dict:
    """Write food, food_nutrient, food_portion, category and unit CSVs in FDC's format."""
    sample = shared / "fdc_format_sample"
    category_ids = {
        row["description"]: row["id"]
        for row in csv.DictReader((sample / "food_category.csv").open(encoding="utf-8"))
    }
    # Pad each food to ~80 nutrient rows with real nutrient ids, as the real file has.
    filler_ids = [
        row["id"]
        for row in csv.DictReader((sample / "nutrient.csv").open(encoding="utf-8"))
        # Not the four we read, nor 2047/2048 (energy, Atwater): the importer falls back
        # to those when 1008 is missing, and filler values there would be read as kcal.
        if row["id"] not in {"1090", "1092", "1008", "1093", "2047", "2048"}
    ][:76]
    columns = {
        "magnesium_mg": "1090",
        "potassium_mg": "1092",
        "energy_kcal": "1008",
        "sodium_mg": "1093",
    }

    def writer(name):
        """A CSV writer for ``name`` that starts with the real FDC header (from the sample)."""
        with (sample / name).open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        fh = (out / name).open("w", encoding="utf-8", newline="")
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(header)
        return fh, w

    food_fh, foods = writer("food.csv")
    nut_fh, nutrients = writer("food_nutrient.csv")
    n_foods = n_rows = 0
    row_id = 1
    for row in csv.DictReader((shared / "foods_mg_k.csv").open(encoding="utf-8")):
        n_foods += 1
        foods.writerow(
            [
                row["fdc_id"],
                "sr_legacy_food",
                row["description"],
                category_ids.get(row["category"], ""),
                "2019-04-01",
            ]
        )
        for column, nutrient_id in columns.items():
            if row[column]:
                nutrients.writerow(
                    [row_id, row["fdc_id"], nutrient_id, row[column], "", "", "", "", "", "", ""]
                )
                row_id += 1
        for i, nutrient_id in enumerate(filler_ids):
            nutrients.writerow(
                [
                    row_id,
                    row["fdc_id"],
                    nutrient_id,
                    f"{(i * 7 % 97) / 10:g}",
                    "1",
                    "1",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            row_id += 1
    n_rows = row_id - 1
    food_fh.close()
    nut_fh.close()

    por_fh, portions = writer("food_portion.csv")
    n_portions = 0
    for i, row in enumerate(csv.DictReader((shared / "portions.csv").open(encoding="utf-8")), 1):
        portions.writerow(
            [
                i,
                row["fdc_id"],
                row["seq_num"],
                row["amount"],
                "9999",
                "",
                row["measure_description"],
                row["gram_weight"],
                "",
                "",
                "",
            ]
        )
        n_portions += 1
    por_fh.close()
    for name in ("food_category.csv", "measure_unit.csv"):
        (out / name).write_bytes((sample / name).read_bytes())
    return {"foods": n_foods, "nutrient_rows": n_rows, "portions": n_portions}


IMPORT_CHILD = """
import os, resource, sys, time, django
os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'
django.setup()
from django.core.management import call_command
t = time.perf_counter()
call_command('import_fdc', sys.argv[1], '--no-progress', stdout=open(os.devnull, 'w'))
seconds = time.perf_counter() - t
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

SEARCH_CHILD = """
import json, re, statistics, sys, time
sys.path.insert(0, sys.argv[3])
import pages
pages.setup_django()
from datetime import date
from django.test import Client
from foods import finder
from foods.models import Food
from tracker.models import Profile
from django.contrib.auth import get_user_model

queries = json.loads(sys.argv[1]); repeat = int(sys.argv[2])
hits, misses = 0, []
for query, pattern in queries.items():
    ids = finder.find(query)
    top = Food.objects.get(pk=ids[0]).description if ids else None
    if top is not None and re.search(pattern, top):
        hits += 1
    else:
        misses.append((query, top))

user = get_user_model().objects.create_user("bench-search", "s@example.org", "unused-pass-9")
Profile.objects.create(user=user, sex="female", date_of_birth=date(1980, 1, 1))
client = Client()
client.force_login(user)
day = f"/log/{date.today().isoformat()}/"
# A query's first request renders its results; the same query again (going back, or the
# page reloaded) comes from the person's fragment cache: timed apart.
timings = {"/foods/?q= first": [], "/foods/?q= again": [],
           "day ?q= first": [], "day ?q= again": []}
for query in queries:
    for name, path in (("/foods/?q=", "/foods/"), ("day ?q=", day)):
        t = time.perf_counter()
        assert client.get(path, {"q": query}).status_code == 200
        timings[name + " first"].append((time.perf_counter() - t) * 1000)
        name += " again"
        for _ in range(repeat):
            t = time.perf_counter()
            client.get(path, {"q": query})
            timings[name].append((time.perf_counter() - t) * 1000)
print(json.dumps({"timings": timings, "hits": hits, "misses": misses,
                  "foods": Food.objects.count()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages-repeat", type=int, default=50)
    pages.add_code_option(parser)
    args = parser.parse_args()
    if not (args.shared / "foods_mg_k.csv").exists():
        sys.exit(f"{args.shared}: the USDA extract is needed (../shared/data/usda)")

    code = pages.use_code(args.code)
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="mgk-bench-") as tmp:
        tmp = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        }
        download = tmp / "fdc"
        download.mkdir()
        t = time.perf_counter()
        sizes = build_download(args.shared, download)
        print(
            f"built FDC download: {sizes['foods']} foods, {sizes['nutrient_rows']} nutrient rows, "
            f"{sizes['portions']} portions ({time.perf_counter() - t:.1f} s)"
        )

        for label, with_catalogue in (
            ("default catalogue + SR Legacy", True),
            ("SR Legacy alone", False),
        ):
            env["DATABASE_URL"] = f"sqlite:///{tmp / ('both' if with_catalogue else 'sr')}.sqlite3"
            subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=code, env=env, check=True)
            if with_catalogue:
                subprocess.run(
                    [python, "manage.py", "load_catalogue"],
                    cwd=code,
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            out = subprocess.run(
                [python, "-c", IMPORT_CHILD, str(download)],
                cwd=code,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            print(
                f"import_fdc (SR Legacy size, SQLite, {label}): {float(out[0]):.1f} s, "
                f"peak memory {int(out[1]) / 1024:.0f} MiB (max RSS of the process, Django included)"
            )
            result = json.loads(
                subprocess.run(
                    [
                        python,
                        "-c",
                        SEARCH_CHILD,
                        json.dumps(QUERIES),
                        str(args.repeat),
                        str(ROOT / "bench"),
                    ],
                    cwd=code,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            print(
                f"search hit@1, {label} ({result['foods']} foods): {result['hits']}/{len(QUERIES)} "
                f"({result['hits'] / len(QUERIES):.3f})"
            )
            for query, top in result["misses"]:
                print(f"  miss: {query!r} -> {top!r}")
            for page, timings in result["timings"].items():
                timings.sort()
                p95 = timings[int(len(timings) * 0.95) - 1]
                print(
                    f"  whole page {page:<18} ({len(timings)} requests, {len(QUERIES)} queries): "
                    f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
                    f"max {timings[-1]:.2f} ms"
                )

        env["DATABASE_URL"] = f"sqlite:///{tmp / 'both'}.sqlite3"
        command = [python, str(ROOT / "bench" / "pages.py"), "--repeat", str(args.pages_repeat)]
        subprocess.run(command, cwd=code, env=env, check=True)
        if os.environ.get("DATABASE_URL"):
            subprocess.run(command, cwd=code, env=dict(os.environ), check=True)


if __name__ == "__main__":
    main()

"""mgk benchmarks: catalogue search quality and speed, and the FDC import.

    .venv/bin/python bench/run.py [--shared ../shared/data/usda] [--repeat 20]

It builds, in a temporary folder, an SR Legacy-size FoodData Central CSV download from
the USDA extract in ../shared (about 7,800 foods, ~80 nutrient rows each as in the real
download, of which the importer keeps four), imports it into a fresh SQLite database in
a child process (time and peak memory), then runs the search queries below against the
full catalogue: hit@1 and the median / p95 time of one search (the query the page runs).
Last, bench/pages.py times the week, trends and day pages through the full Django stack
for a person with five years of logs, on that SQLite database and, when DATABASE_URL is
set (PostgreSQL), on that database too.
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

# What a person types, and the catalogue food(s) they mean (FDC ids).
QUERIES: dict[str, set[int]] = {
    "banana": {173944},
    "banan": {173944},
    "bananas": {173944},
    "spinach": {168462},
    "raw spinach": {168462},
    "kale": {168421},
    "almonds": {170567},
    "almond": {170567},
    "pumpkin seeds": {170556},
    "black beans": {173735},
    "lentils": {172421, 172420},
    "avocado": {171705},
    "apricot": {171697},
    "orange": {169097, 169917},
    "baked potato": {170093},
    "potato baked": {170093},
    "butternut squash": {169296},
    "whole milk": {171265},
    "milk": {171265, 170870, 171269},
    "plain yogurt": {171284, 170886},
    "greek yogurt": {170894},
    "salmon": {175168, 173686},
    "cod": {171955, 171956},
    "oats": {173904, 169705},
    "brown rice": {169704},
    "white rice": {168878},
    "whole wheat bread": {172688},
    "quinoa": {168917, 168874},
    "broccoli": {170379},
    "carrot": {170393},
    "chia": {170554},
    "chia seeds": {170554},
    "sunflower seeds": {170562},
    "walnuts": {170187},
    "cashews": {170162, 170571},
    "peanut butter": {172470},
    "tofu": {172475},
    "chickpeas": {173757},
    "kidney beans": {175194},
    "egg": {171287},
    "scrambled egg": {172187},
    "cheddar": {170899},
    "chicken breast": {171477},
    "tuna": {173709},
    "dark chocolate": {170273, 170272},
    "cocoa": {169593, 169594},
    "molasses": {168820},
    "sweet potato": {168483},
    "apple": {171688},
    "coffee": {171889},
    "flaxseed": {169414},
    "edamame": {168411},
    "pinto beans": {175200},
    "tomato": {170457},
}


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
        if row["id"] not in {"1090", "1092", "1008", "1093"}
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
import json, os, statistics, sys, time, django
os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'
django.setup()
from foods.models import Food
queries = json.loads(sys.argv[1]); repeat = int(sys.argv[2])
timings, hits, misses = [], 0, []
for query, expected in queries.items():
    for _ in range(repeat):
        t = time.perf_counter()
        page = list(Food.objects.visible_to(None).search(query)[:40])  # as /foods/?q= runs it
        timings.append((time.perf_counter() - t) * 1000)
    top = page[0] if page else None
    if top is not None and top.fdc_id in expected:
        hits += 1
    else:
        misses.append((query, top.description if top else None))
print(json.dumps({"timings": timings, "hits": hits, "misses": misses,
                  "foods": Food.objects.count()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages-repeat", type=int, default=50)
    args = parser.parse_args()
    if not (args.shared / "foods_mg_k.csv").exists():
        sys.exit(f"{args.shared}: the USDA extract is needed (../shared/data/usda)")

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

        subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [python, "manage.py", "load_catalogue"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out = subprocess.run(
            [python, "-c", IMPORT_CHILD, str(download)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        print(
            f"import_fdc (SR Legacy size, SQLite): {float(out[0]):.1f} s, "
            f"peak memory {int(out[1]) / 1024:.0f} MiB (max RSS of the process, Django included)"
        )

        result = json.loads(
            subprocess.run(
                [
                    python,
                    "-c",
                    SEARCH_CHILD,
                    json.dumps({q: sorted(e) for q, e in QUERIES.items()}),
                    str(args.repeat),
                ],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        timings = sorted(result["timings"])
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"search over {result['foods']} foods: hit@1 {result['hits']}/{len(QUERIES)} "
            f"({100 * result['hits'] / len(QUERIES):.0f} %)"
        )
        print(
            f"search time per query (first 40 results, {len(timings)} runs): "
            f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
            f"max {timings[-1]:.2f} ms"
        )
        for query, top in result["misses"]:
            print(f"  miss: {query!r} -> {top!r}")

        pages = [python, str(ROOT / "bench" / "pages.py"), "--repeat", str(args.pages_repeat)]
        subprocess.run(pages, cwd=ROOT, env=env, check=True)
        if os.environ.get("DATABASE_URL"):
            subprocess.run(pages, cwd=ROOT, env=dict(os.environ), check=True)


if __name__ == "__main__":
    main()

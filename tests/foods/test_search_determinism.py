"""The same query gives the same foods in the same order in every process.

Python salts the hash of every string per process (PYTHONHASHSEED), so a ranking that
leaned on the order of a set or of a dict filled from one would differ between two
server processes, or between one process and itself after a restart.  Each seed here
runs in its own interpreter and must print the same id lists.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "foods" / "data" / "catalogue.csv"
# The whole SR Legacy extract, when it is beside this checkout: far more ties to break.
SR_LEGACY = ROOT.parent / "shared" / "data" / "usda" / "foods_mg_k.csv"
SEEDS = ("0", "1", "2", "42", "12345")

QUERIES = [
    "banana", "milk", "spinach", "bean", "beans black", "rice", "cheese", "egg",
    "chicken breast", "oats", "potato", "nuts", "walnut oil", "orange juice", "salmon",
    "yoghurt", "crisps", "porridge", "courgette", "brocoli", "avocdo", "cashwes",
    "almnd", "tomatoe", "bananna", "b", "ch", "be", "sweet potato baked", "peanut butter",
    "dark chocolate", "whole wheat bread", "greek yogurt plain", "lentils", "tofu",
]  # fmt: skip

RANK = r"""
import csv, json, sys
from foods.search import Index, rank

path, queries = sys.argv[1], json.loads(sys.argv[2])
with open(path, encoding="utf-8", newline="") as fh:
    rows = [
        (int(r["fdc_id"]), r["description"], r["category"], 2 if r.get("staple") == "1" else 0)
        for r in csv.DictReader(fh)
    ]
shared = Index.build(rows)
# A person's own foods: an index of their own, ranked by the same key.
own = Index.build([
    (10_000_001, "Banana bread, my own", "Baked Products", 0),
    (10_000_002, "Milk kefir, homemade", "Dairy and Egg Products", 0),
    (10_000_003, "Spinach and feta pie", "", 0),
])
# What the person logs: the three lowest ids whose description names each food.
habits = {}
for word in ("milk", "banana", "beans", "cheese", "rice"):
    for food_id in sorted(i for i, d, _, _ in rows if word in d.lower())[:3]:
        habits[food_id] = 1 + len(habits) % 4
out = {}
for query in queries:
    out[query] = {
        "alone": rank(query, [shared])[:30],
        "person": rank(query, [shared, own], habits=habits)[:30],
    }
print(json.dumps(out))
"""


def _ranked_under(seed: str, corpus: Path) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", RANK, str(corpus), json.dumps(QUERIES)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return json.loads(result.stdout)


def test_every_process_ranks_alike():
    corpora = [CATALOGUE] + ([SR_LEGACY] if SR_LEGACY.is_file() else [])
    for corpus in corpora:
        first, *others = (_ranked_under(seed, corpus) for seed in SEEDS)
        assert any(answer["alone"] for answer in first.values())
        for seed, answer in zip(SEEDS[1:], others, strict=True):
            differing = [q for q in QUERIES if answer[q] != first[q]]
            assert differing == [], f"{corpus.name}, PYTHONHASHSEED={seed}: {differing}"

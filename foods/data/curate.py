"""Rebuild ``catalogue.csv`` from the USDA SR Legacy extract kept beside the project.

This is how the shipped default catalogue was chosen; it is kept so the choice can be
reviewed and redone, not run by the app.  Usage::

    python foods/data/curate.py ../shared/data/usda > foods/data/catalogue.csv

Foods are picked by the head of their description (the part before the first comma,
which is how SR names the plain food) and then the simplest descriptions win; the
foods the mission names are pinned by FDC id so they can never drop out.
"""

import csv
import re
import sys
from pathlib import Path

# FDC ids the mission names explicitly (DOMAIN.md): they must be in the catalogue.
PINNED = {
    168462: "Spinach, raw",
    168421: "Kale, raw",
    170567: "Nuts, almonds",
    170556: "Seeds, pumpkin and squash seed kernels, dried",
    173735: "Beans, black, mature seeds, cooked, boiled, without salt",
    172421: "Lentils, mature seeds, cooked, boiled, without salt",
    171705: "Avocados, raw, all commercial varieties",
    173944: "Bananas, raw",
    171697: "Apricots, raw",
    169097: "Oranges, raw, all commercial varieties",
    170093: "Potatoes, baked, flesh and skin, without salt",
    169296: "Squash, winter, butternut, cooked, baked, without salt",
    171265: "Milk, whole, 3.25% milkfat, with added vitamin D",
    171284: "Yogurt, plain, whole milk",
    170886: "Yogurt, plain, low fat",
    175168: "Fish, salmon, Atlantic, farmed, cooked, dry heat",
    173686: "Fish, salmon, Atlantic, wild, raw",
    171955: "Fish, cod, Atlantic, raw",
    171956: "Fish, cod, Atlantic, cooked, dry heat",
    169705: "Oats",
    169704: "Rice, brown, long-grain, cooked",
    172688: "Bread, whole-wheat, commercially prepared",
    168917: "Quinoa, cooked",
}

# Everyday staples that the head rules below would miss or pick an odd variant of.
EVERYDAY = [
    171477,
    173709,
    170899,
    168878,
    172475,
    170894,
    171287,
    172187,
    175194,
    173757,
    170554,
    170562,
    170187,
    172470,
    170457,
    171889,
    168820,
    168483,
    169967,
    168463,
    170440,
    169737,
    172818,
    173904,
    173905,
    170870,
    171269,
    171796,
    175159,
    175119,
    175139,
    168250,
    169248,
    168409,
    170000,
    174683,
    171688,
    169917,
    169098,
    173647,
    170845,
    171247,
    173410,
    171413,
    169291,
    175203,
    175200,
    172420,
    172446,
    170571,
    170569,
    169414,
    170150,
    170686,
    169593,
]

# Heads of everyday foods, with how many variants of each to keep.
HEADS = {
    "Apples": 2,
    "Apricots": 2,
    "Avocados": 1,
    "Bananas": 2,
    "Blackberries": 1,
    "Blueberries": 1,
    "Cherries": 1,
    "Cranberries": 1,
    "Dates": 1,
    "Figs": 2,
    "Grapefruit": 1,
    "Grapes": 1,
    "Guavas": 1,
    "Kiwifruit": 1,
    "Lemons": 1,
    "Limes": 1,
    "Mangos": 1,
    "Melons": 2,
    "Nectarines": 1,
    "Oranges": 2,
    "Papayas": 1,
    "Peaches": 2,
    "Pears": 1,
    "Pineapple": 1,
    "Plums": 1,
    "Pomegranates": 1,
    "Prunes": 1,
    "Raisins": 1,
    "Raspberries": 1,
    "Strawberries": 1,
    "Watermelon": 1,
    "Orange juice": 1,
    "Tomato juice": 1,
    "Coconut water": 1,
    "Artichokes": 1,
    "Asparagus": 2,
    "Beets": 2,
    "Broccoli": 2,
    "Brussels sprouts": 1,
    "Cabbage": 2,
    "Carrots": 2,
    "Cauliflower": 2,
    "Celery": 1,
    "Chard": 2,
    "Collards": 2,
    "Corn": 1,
    "Cucumber": 1,
    "Eggplant": 1,
    "Kale": 2,
    "Leeks": 1,
    "Lettuce": 2,
    "Mushrooms": 2,
    "Okra": 1,
    "Onions": 2,
    "Parsnips": 1,
    "Peas": 2,
    "Peppers": 2,
    "Potatoes": 4,
    "Pumpkin": 1,
    "Radishes": 1,
    "Spinach": 3,
    "Squash": 4,
    "Sweet potato": 3,
    "Tomatoes": 2,
    "Turnip greens": 1,
    "Beet greens": 1,
    "Mustard greens": 1,
    "Zucchini": 1,
    "Garlic": 1,
    "Seaweed": 2,
    "Edamame": 1,
    "Beans": 12,
    "Chickpeas (garbanzo beans, bengal gram)": 2,
    "Lentils": 2,
    "Peanuts": 2,
    "Peanut butter": 1,
    "Soybeans": 2,
    "Tofu": 2,
    "Hummus": 1,
    "Soymilk": 1,
    "Nuts": 12,
    "Seeds": 8,
    "Tahini": 1,
    "Oats": 1,
    "Cereals": 2,
    "Rice": 4,
    "Quinoa": 1,
    "Buckwheat groats": 1,
    "Bulgur": 1,
    "Barley": 1,
    "Millet": 1,
    "Amaranth grain": 1,
    "Wheat germ": 1,
    "Wheat bran": 1,
    "Spaghetti": 2,
    "Pasta": 1,
    "Couscous": 1,
    "Bread": 5,
    "Tortillas": 2,
    "Crackers": 1,
    "Bagels": 1,
    "Muffins": 1,
    "Cereals ready-to-eat": 3,
    "Milk": 4,
    "Yogurt": 4,
    "Cheese": 5,
    "Cream": 1,
    "Butter": 1,
    "Egg": 3,
    "Kefir": 1,
    "Beef": 3,
    "Pork": 2,
    "Chicken": 3,
    "Turkey": 2,
    "Lamb": 1,
    "Fish": 14,
    "Mollusks": 2,
    "Crustaceans": 2,
    "Cocoa": 1,
    "Chocolate": 1,
    "Candies": 2,
    "Molasses": 1,
    "Honey": 1,
    "Sugars": 1,
    "Coffee": 2,
    "Beverages": 3,
    "Tea": 1,
    "Oil": 2,
    "Spices": 4,
    "Soup": 2,
    "Ham": 1,
    "Sausage": 1,
    "Pizza": 1,
    "Potato chips": 1,
    "Popcorn": 1,
    "Pretzels": 1,
    "Pickles": 1,
    "Sauerkraut": 1,
    "Olives": 1,
    "Jams and preserves": 1,
    "Ice creams": 1,
    "Pancakes": 1,
    "Waffles": 1,
}

# Words that mark branded, infant, restaurant or otherwise unusual entries.
EXCLUDE = re.compile(
    r"alaska native|babyfood|infant|formula|restaurant|fast food|usda commodity|"
    r"\bnfs\b|industrial|imitation|includes foods for usda|shake n bake|[A-Z]{3,}"
)
SIMPLE_WORDS = ("raw", "cooked", "boiled", "baked", "roasted", "drained", "canned", "dry")


def simplicity(description: str) -> tuple:
    """Smaller is simpler: fewer comma parts, then plain preparation words, then length."""
    parts = description.count(",")
    plain = sum(w in description for w in SIMPLE_WORDS)
    return (parts, -plain, len(description))


def main(shared: Path) -> None:
    foods = list(csv.DictReader((shared / "foods_mg_k.csv").open(encoding="utf-8")))
    portions: dict[str, list[dict]] = {}
    for row in csv.DictReader((shared / "portions.csv").open(encoding="utf-8")):
        portions.setdefault(row["fdc_id"], []).append(row)

    def usable(row: dict) -> bool:
        return (
            bool(
                row["magnesium_mg"]
                and row["potassium_mg"]
                and row["energy_kcal"]
                and row["sodium_mg"]
            )
            and row["fdc_id"] in portions
        )

    chosen: dict[int, dict] = {}
    for row in foods:
        if int(row["fdc_id"]) in PINNED or int(row["fdc_id"]) in EVERYDAY:
            chosen[int(row["fdc_id"])] = row
    for head, keep in HEADS.items():
        keep += 1  # one more variant of each head: raw and cooked both matter for logging
        candidates = [
            r
            for r in foods
            if r["description"].split(",")[0].strip() == head
            and usable(r)
            and not EXCLUDE.search(r["description"])
            and "with salt" not in r["description"]
        ]
        taken = sum(1 for r in chosen.values() if r["description"].split(",")[0] == head)
        for row in sorted(candidates, key=lambda r: simplicity(r["description"])):
            if taken >= keep:
                break
            if int(row["fdc_id"]) not in chosen:
                chosen[int(row["fdc_id"])] = row
                taken += 1

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(
        [
            "fdc_id",
            "description",
            "category",
            "magnesium_mg",
            "potassium_mg",
            "energy_kcal",
            "sodium_mg",
            "staple",
            "portions",
        ]
    )
    for fdc_id in sorted(chosen):
        row = chosen[fdc_id]
        # Household portions as "label=grams" pairs; grams are for one unit of the label.
        parts = []
        for p in sorted(portions.get(row["fdc_id"], []), key=lambda p: int(p["seq_num"])):
            amount = float(p["amount"]) or 1.0
            label = p["measure_description"]
            if amount != 1:
                label = f"{p['amount']} {label}"
            parts.append(
                f"1 {label}={float(p['gram_weight']):g}"
                if amount == 1
                else f"{label}={float(p['gram_weight']):g}"
            )
        out.writerow(
            [
                fdc_id,
                row["description"],
                row["category"],
                row["magnesium_mg"],
                row["potassium_mg"],
                row["energy_kcal"],
                row["sodium_mg"],
                1 if fdc_id in PINNED or fdc_id in EVERYDAY else 0,
                "|".join(parts),
            ]
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""The default catalogue shipped with mgk (foods/data), read into FoodRecords."""

import csv
from pathlib import Path

from foods.importing import FoodRecord, PortionRecord, RowError, parse_decimal
from foods.models import Food

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOGUE = DATA_DIR / "catalogue.csv"
SUPPLEMENTS = DATA_DIR / "supplements.csv"


class CatalogueError(Exception):
    pass


def _portions(text: str) -> list[PortionRecord]:
    portions = []
    for seq, item in enumerate(filter(None, text.split("|")), start=1):
        label, sep, grams = item.rpartition("=")
        if not sep or not label.strip():
            raise RowError(f"portion {item!r} is not label=grams")
        portions.append(
            PortionRecord(
                seq=seq, label=label.strip(), grams=parse_decimal(grams, "grams", blank_ok=False)
            )
        )
    return portions


def read_foods(path: Path = CATALOGUE) -> list[FoodRecord]:
    records = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            try:
                records.append(
                    FoodRecord(
                        source=Food.Source.SR_LEGACY,
                        source_id=str(int(row["fdc_id"])),
                        description=row["description"],
                        name=(row.get("name") or "").strip(),
                        category=row["category"],
                        magnesium_mg=parse_decimal(row["magnesium_mg"], "magnesium_mg"),
                        potassium_mg=parse_decimal(row["potassium_mg"], "potassium_mg"),
                        energy_kcal=parse_decimal(row["energy_kcal"], "energy_kcal"),
                        sodium_mg=parse_decimal(row["sodium_mg"], "sodium_mg"),
                        portions=_portions(row["portions"]),
                        popularity=2 if row["staple"] == "1" else 1,
                    )
                )
            except (RowError, ValueError) as exc:
                raise CatalogueError(f"{path.name} line {reader.line_num}: {exc}") from None
    return records


def read_supplements(path: Path = SUPPLEMENTS) -> list[FoodRecord]:
    records = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            try:
                records.append(
                    FoodRecord(
                        source=Food.Source.SUPPLEMENT,
                        source_id=row["slug"],
                        description=row["description"],
                        category="Supplements",
                        magnesium_mg=parse_decimal(row["magnesium_mg"], "magnesium_mg"),
                        potassium_mg=parse_decimal(row["potassium_mg"], "potassium_mg"),
                        is_supplement=True,
                        popularity=1,
                        portions=_portions(row["portions"]),
                    )
                )
            except RowError as exc:
                raise CatalogueError(f"{path.name} line {reader.line_num}: {exc}") from None
    return records

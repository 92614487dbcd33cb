"""Read a FoodData Central CSV download (SR Legacy or Foundation Foods) into FoodRecords.

The download is a folder or a .zip of CSV files.  We read ``food.csv`` (and the category
names), stream ``food_nutrient.csv`` keeping only the four nutrients mgk uses, then
``food_portion.csv``.  Every problem is reported as ``file line N: ...`` with N counted as
an editor counts (the header is line 1), before anything is written.
"""

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from foods.importing import FoodRecord, PortionRecord, RowError, parse_decimal
from foods.models import Food

# FDC nutrient ids (DOMAIN.md).  Foundation Foods often lack 1008 (kcal) and give the
# Atwater energies instead, so those are the fallback, specific factors first.
NUTRIENTS = {1090: "magnesium_mg", 1092: "potassium_mg", 1093: "sodium_mg", 1008: "energy_kcal"}
ENERGY_FALLBACKS = (2048, 2047)
DATA_TYPES = {"sr_legacy_food": Food.Source.SR_LEGACY, "foundation_food": Food.Source.FOUNDATION}

REQUIRED_COLUMNS = {
    "food.csv": ("fdc_id", "data_type", "description", "food_category_id"),
    "food_nutrient.csv": ("fdc_id", "nutrient_id", "amount"),
    "food_portion.csv": ("fdc_id", "seq_num", "amount", "measure_unit_id", "gram_weight"),
    "food_category.csv": ("id", "description"),
    "measure_unit.csv": ("id", "name"),
}
OPTIONAL_FILES = ("food_portion.csv", "food_category.csv", "measure_unit.csv")
UNDETERMINED_UNIT = "9999"


class FDCError(Exception):
    """A problem with the download, already phrased for the person running the import."""


@dataclass
class ParseResult:
    records: list[FoodRecord]
    skipped: Counter = field(default_factory=Counter)


class Download:
    """A folder or zip holding the FDC CSV files, found by file name at any depth."""

    def __init__(self, path: Path):
        self.path = path
        if not path.exists():
            raise FDCError(f"{path}: no such file or folder")
        if path.is_dir():
            self._zip = None
            self._names = {
                p.name: p for p in sorted(path.rglob("*.csv"), key=lambda p: len(p.parts))
            }
        elif zipfile.is_zipfile(path):
            self._zip = zipfile.ZipFile(path)
            self._names = {}
            for name in sorted(self._zip.namelist(), key=lambda n: n.count("/")):
                self._names.setdefault(name.rsplit("/", 1)[-1], name)
        else:
            raise FDCError(f"{path}: neither a folder nor a .zip file")

    def has(self, name: str) -> bool:
        return name in self._names

    def size(self, name: str) -> int:
        if self._zip is not None:
            return self._zip.getinfo(self._names[name]).file_size
        return self._names[name].stat().st_size

    @contextmanager
    def open(self, name: str) -> Iterator[io.TextIOBase]:
        if name not in self._names:
            raise FDCError(f"{self.path}: {name} is missing")
        if self._zip is not None:
            with self._zip.open(self._names[name]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        else:
            with self._names[name].open(encoding="utf-8-sig", newline="") as fh:
                yield fh


def _rows(
    download: Download, name: str, progress: Callable[[str, int, int], None] | None = None
) -> Iterator[tuple[int, dict]]:
    """(line number, row) pairs after checking the header; line numbers as an editor shows."""
    total = download.size(name)
    with download.open(name) as fh:
        seen = 0

        def lines():
            nonlocal seen
            for line in fh:
                seen += len(line)
                yield line

        reader = csv.reader(lines())
        try:
            header = next(reader)
        except StopIteration:
            raise FDCError(f"{name} line 1: the file is empty, expected a header") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise FDCError(f"{name} line 1: {exc}") from None
        missing = [c for c in REQUIRED_COLUMNS[name] if c not in header]
        if missing:
            raise FDCError(
                f"{name} line 1: wrong header, missing column(s) {', '.join(missing)} "
                f"(found {', '.join(header) or 'nothing'})"
            )
        step = max(total // 100, 1)
        next_report = step
        try:
            for row in reader:
                if not row or row == [""]:
                    continue
                if len(row) != len(header):
                    raise FDCError(
                        f"{name} line {reader.line_num}: {len(row)} fields, "
                        f"the header has {len(header)}"
                    )
                yield reader.line_num, dict(zip(header, row, strict=True))
                if progress and seen >= next_report:
                    progress(name, seen, total)
                    next_report = seen + step
        except (csv.Error, UnicodeDecodeError) as exc:
            raise FDCError(f"{name} line {reader.line_num + 1}: {exc}") from None
        if progress:
            progress(name, total, total)


def _int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise RowError(f"{what} {text!r} is not a whole number") from None


def parse(path: Path, progress: Callable[[str, int, int], None] | None = None) -> ParseResult:
    download = Download(path)
    for name in ("food.csv", "food_nutrient.csv"):
        if not download.has(name):
            raise FDCError(f"{path}: {name} is missing")
    skipped: Counter = Counter()

    categories: dict[str, str] = {}
    if download.has("food_category.csv"):
        for _line, row in _rows(download, "food_category.csv"):
            categories[row["id"].strip()] = row["description"].strip()
    units: dict[str, str] = {}
    if download.has("measure_unit.csv"):
        for _line, row in _rows(download, "measure_unit.csv"):
            units[row["id"].strip()] = row["name"].strip()

    foods: dict[int, FoodRecord] = {}
    current = "food.csv"
    line = 1
    try:
        for line, row in _rows(download, current, progress):  # noqa: B007 - line read on error
            fdc_id = _int(row["fdc_id"], "fdc_id")
            source = DATA_TYPES.get(row["data_type"].strip())
            if source is None:
                skipped[f"data type {row['data_type'].strip() or '(empty)'} is not imported"] += 1
                continue
            category = row["food_category_id"].strip()
            foods[fdc_id] = FoodRecord(
                source=source,
                source_id=str(fdc_id),
                description=row["description"].strip(),
                category=categories.get(category, ""),
            )

        fallback_energy: dict[int, dict[int, Decimal]] = {}
        current = "food_nutrient.csv"
        wanted = set(NUTRIENTS) | set(ENERGY_FALLBACKS)
        for line, row in _rows(download, current, progress):  # noqa: B007 - line read on error
            nutrient_id = _int(row["nutrient_id"], "nutrient_id")
            if nutrient_id not in wanted:
                continue
            fdc_id = _int(row["fdc_id"], "fdc_id")
            record = foods.get(fdc_id)
            if record is None:
                continue
            amount = parse_decimal(row["amount"], "amount")
            if nutrient_id in NUTRIENTS:
                setattr(record, NUTRIENTS[nutrient_id], amount)
            elif amount is not None:
                fallback_energy.setdefault(fdc_id, {})[nutrient_id] = amount
        for fdc_id, energies in fallback_energy.items():
            record = foods[fdc_id]
            if record.energy_kcal is None:
                record.energy_kcal = next(
                    (energies[n] for n in ENERGY_FALLBACKS if n in energies), None
                )

        if download.has("food_portion.csv"):
            current = "food_portion.csv"
            for line, row in _rows(download, current, progress):  # noqa: B007 - line read on error
                record = foods.get(_int(row["fdc_id"], "fdc_id"))
                if record is None:
                    continue
                portion = _portion(row, units, len(record.portions) + 1)
                if portion is None:
                    skipped["portion without a weight (not counted as a food)"] += 1
                else:
                    record.portions.append(portion)
    except RowError as exc:
        raise FDCError(f"{current} line {line}: {exc}") from None

    return ParseResult(records=list(foods.values()), skipped=skipped)


def _portion(row: dict, units: dict[str, str], fallback_seq: int) -> PortionRecord | None:
    grams = parse_decimal(row["gram_weight"], "gram_weight")
    if not grams:
        return None
    amount = parse_decimal(row["amount"], "amount") or Decimal(1)
    seq_text = row["seq_num"].strip()
    seq = _int(seq_text, "seq_num") if seq_text else fallback_seq
    # SR Legacy puts the whole measure in "modifier" with unit 9999 ("undetermined");
    # Foundation Foods use a real unit and may add a description or modifier.
    unit_id = row["measure_unit_id"].strip()
    unit = "" if unit_id == UNDETERMINED_UNIT else units.get(unit_id, "")
    words = [
        w
        for w in (unit, row.get("portion_description", "").strip(), row.get("modifier", "").strip())
        if w and w.lower() != "undetermined"
    ]
    label = f"{amount.normalize():f} {', '.join(words) or 'portion'}"
    return PortionRecord(seq=seq, label=label[:120], grams=grams)

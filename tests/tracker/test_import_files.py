"""Reading Cronometer and MyFitnessPal exports: pure parsing, no database."""

import codecs
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from tracker.imports import files, table
from tracker.imports.table import Unreadable

FIRST, LAST = date(1900, 1, 1), date(2026, 12, 31)

CRONOMETER = """Day,Time,Group,Food Name,Amount,Category,Energy (kcal),Magnesium (mg),Potassium (mg),Sodium (mg)
2026-11-02,7:45 AM,Breakfast,"Oats, rolled",40.00 g,Cereals,150.4,55.2,146,2.4
2026-11-02,12:30 PM,Lunch,"Banana, raw",1.00 medium,Fruits,105,31.86,422.44,1.18
2026-11-02,19:10,Uncategorized,Spinach,100.00 g,Vegetables,23,79,558,79
2026-11-03,,My late bites,Almonds,1.00 oz,Nuts,164,76.5,208,0.3
2026-11-03,9:00 PM,Supplements,Magnesium glycinate,1.00 capsule,Supplements,0,120,,
"""

MFP = """Date,Meal,Calories,Fat (g),Sodium (mg),Potassium,Carbohydrates (g),Note
2026-11-02,Breakfast,420,12,310,520,60,
2026-11-02,Dinner,780,30,1200,1100,80,
2026-11-03,Snacks,150,5,90,,20,
"""


def read(text: str | bytes):
    data = text.encode() if isinstance(text, str) else text
    return files.read(data, FIRST, LAST)


def test_it_reads_every_cronometer_row_with_the_files_values():
    parsed = read(CRONOMETER)
    assert parsed.source == "cronometer" and not parsed.problems
    oats, banana, spinach, almonds, tablet = parsed.rows
    assert (oats.day, oats.meal, oats.description, oats.grams) == (
        date(2026, 11, 2), "breakfast", "Oats, rolled", Decimal("40.00"))  # fmt: skip
    assert oats.magnesium == Decimal("55.2") and oats.potassium == Decimal(146)
    assert banana.grams is None and banana.amount == "1.00 medium"
    assert banana.magnesium == Decimal("31.86") and banana.energy == Decimal(105)
    assert spinach.meal == "dinner"  # Uncategorized at 19:10
    assert almonds.meal == "snacks"  # a group of the person's own, no time
    assert almonds.grams == Decimal("28.349523125")
    assert tablet.meal == "supplements" and tablet.is_supplement
    assert tablet.potassium is None  # empty cell: unknown, not zero
    assert parsed.days == {date(2026, 11, 2), date(2026, 11, 3)}


def test_columns_are_found_by_name_in_any_order_and_missing_ones_are_unknown():
    text = "Potassium (mg),Food Name,Day,Group\n400,Banana,2026-11-02,Lunch\n"
    parsed = read(text)
    (row,) = parsed.rows
    assert row.potassium == Decimal(400) and row.magnesium is None and row.energy is None
    assert row.meal == "lunch"
    assert any("magnesium" in note for note in parsed.notes)


def test_a_byte_order_mark_is_not_part_of_the_first_column():
    parsed = read(codecs.BOM_UTF8 + CRONOMETER.encode())
    assert parsed.source == "cronometer" and len(parsed.rows) == 5


def test_utf16_with_its_mark_is_read():
    parsed = read(CRONOMETER.encode("utf-16"))
    assert len(parsed.rows) == 5


def test_windows_1252_text_is_read():
    text = "Day,Food Name,Magnesium (mg)\n2026-11-02,Crème fraîche,9\n"
    (row,) = read(text.encode("cp1252")).rows
    assert row.description == "Crème fraîche"


def test_bytes_that_are_no_text_are_refused_with_a_reason():
    with pytest.raises(Unreadable, match=r"binary|not text"):
        read(b"\x00\x01\x02\xff\xfe" * 100)
    with pytest.raises(Unreadable, match="not text"):
        read(b"Day,Food Name\n" + b"\x81\x8d\x8f\x90\x9d")  # undefined in cp1252


def test_semicolons_and_decimal_commas_are_read():
    text = "Day;Food Name;Amount;Magnesium (mg);Potassium (mg)\n2026-11-02;Banana;118,00 g;31,86;422,4\n"
    (row,) = read(text).rows
    assert row.grams == Decimal("118.00")
    assert row.magnesium == Decimal("31.86") and row.potassium == Decimal("422.4")


def test_tabs_are_read():
    text = "Date\tMeal\tCalories\tPotassium\n2026-11-02\tLunch\t500\t800\n"
    (row,) = read(text).rows
    assert row.potassium == Decimal(800)


@pytest.mark.parametrize(
    ("cell", "value"),
    [("31.86", "31.86"), ("31,86", "31.86"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"),
     (" 12 ", "12"), ("", None), ("  ", None), (".5", "0.5")],
)  # fmt: skip
def test_numbers(cell, value):
    assert table.number(cell) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("cell", ["-1", "NaN", "Infinity", "1e3", "abc", '"1,2,3"', "99999999"])
def test_a_cell_that_is_no_plausible_amount_is_a_problem_on_its_line(cell):
    text = f"Day,Food Name,Magnesium (mg)\n2026-11-01,Fine,1\n2026-11-02,Banana,{cell}\n"
    parsed = read(text)
    assert len(parsed.rows) == 1
    (problem,) = parsed.problems
    assert problem.line == 3 and "magnesium" in problem.reason


@pytest.mark.parametrize(
    ("cell", "why"),
    [("02/11/2026", "YYYY-MM-DD"), ("2026-02-30", "not a real date"), ("2027-06-01", "outside"),
     ("", "YYYY-MM-DD")],
)  # fmt: skip
def test_a_bad_day_is_a_problem_with_its_reason(cell, why):
    parsed = read(f"Day,Food Name\n{cell},Banana\n")
    assert not parsed.rows and why in parsed.problems[0].reason


def test_a_row_without_a_food_name_is_a_problem():
    parsed = read("Day,Food Name\n2026-11-02,\n")
    assert parsed.problems[0].reason == "the food has no name"


def test_line_numbers_count_lines_in_quoted_cells_and_skip_blank_lines():
    text = 'Day,Food Name,Magnesium (mg)\n2026-11-01,"Soup,\nhome made",4\n\n2026-11-02,Bad,x\n'
    parsed = read(text)
    assert parsed.rows[0].description == "Soup, home made"
    assert parsed.problems[0].line == 5


def test_identical_rows_are_two_entries_with_two_keys_and_the_same_file_gives_the_same_keys():
    text = "Day,Food Name,Magnesium (mg)\n2026-11-02,Banana,32\n2026-11-02,Banana,32\n"
    first, second = read(text).rows
    assert first.key != second.key
    assert [r.key for r in read(text).rows] == [first.key, second.key]


def test_keys_do_not_depend_on_column_order_or_extra_columns():
    a = read("Day,Food Name,Magnesium (mg)\n2026-11-02,Banana,32\n").rows[0]
    b = read("Magnesium (mg),Zinc (mg),Day,Food Name\n32,0.2,2026-11-02,Banana\n").rows[0]
    assert a.key == b.key


def test_myfitnesspal_rows_are_meals_with_magnesium_unknown():
    parsed = read(MFP)
    assert parsed.source == "myfitnesspal" and not parsed.problems
    breakfast, dinner, snacks = parsed.rows
    assert breakfast.meal == "breakfast" and breakfast.magnesium is None
    assert breakfast.potassium == Decimal(520) and breakfast.energy == Decimal(420)
    assert breakfast.sodium == Decimal(310)
    assert snacks.potassium is None
    assert dinner.description == "Dinner from MyFitnessPal"
    assert any("no magnesium" in note for note in parsed.notes)


def test_a_myfitnesspal_zip_is_read_from_its_nutrition_csv():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Nutrition-Summary-2026-11-01-to-2026-11-03.csv", MFP)
        archive.writestr("Exercise-Summary-2026-11-01-to-2026-11-03.csv", "Date,Exercise\n")
    assert len(read(buffer.getvalue()).rows) == 3


def test_a_zip_bomb_stops_at_the_limit():
    buffer = io.BytesIO()
    chunk = b"2026-11-02,Lunch,1,1,1,1,1,\n" * 40_000
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("Nutrition.csv", "w") as member,
    ):
        member.write(MFP.encode())
        for _ in range(25):  # about 28 MB unpacked, a few kB packed
            member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1_000_000
    with pytest.raises(Unreadable, match="over 20 MB"):
        read(data)


def test_a_broken_zip_is_refused():
    with pytest.raises(Unreadable, match="ZIP"):
        read(b"PK\x03\x04garbage")


def test_too_large_a_file_is_refused_before_it_is_read():
    with pytest.raises(Unreadable, match="over 20 MB"):
        read(b"x" * (table.MAX_BYTES + 1))


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(table, "MAX_ROWS", 3)
    text = "Day,Food Name\n" + "2026-11-02,Banana\n" * 4
    with pytest.raises(Unreadable, match="more than 3 rows"):
        read(text)


@pytest.mark.parametrize(
    "text", ["", "\n\n", "Name,Value\nx,1\n", "just some words", '"unclosed\n', "{}"]
)
def test_a_file_of_another_kind_is_refused_with_a_reason(text):
    with pytest.raises(Unreadable):
        read(text)


@pytest.mark.parametrize(
    ("cell", "hour"),
    [("7:45 AM", 7), ("12:30 PM", 12), ("12:05 AM", 0), ("19:10", 19), ("20:15:00", 20),
     ("", None), ("noon", None), ("25:00", None), ("13:00 PM", None)],
)  # fmt: skip
def test_hours(cell, hour):
    assert table.hour(cell) == hour

"""Reading an uploaded CSV without trusting it: its encoding, its separator, its numbers.

Pure functions over bytes; nothing here touches the database or the disk."""

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
# The largest value one imported entry may carry: ten times a day's potassium.  Anything
# larger is a unit or typing mistake, and would not fit an entry's per-100 g columns.
MAX_MG = Decimal(50_000)
MAX_KCAL = Decimal(50_000)
DELIMITERS = (",", ";", "\t")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Unreadable(Exception):
    """The file as a whole cannot be read; the message says why, for the person."""


class BadCell(ValueError):
    """One cell cannot be read; the message says why (the caller adds the line)."""


@dataclass
class Problem:
    line: int
    reason: str


@dataclass
class Row:
    """One entry's worth of a file: what it was, when, and its values for that amount
    (``None``: unknown, never zero).  ``grams`` is the weight when the file gives one."""

    line: int
    day: date
    meal: str
    description: str
    amount: str
    grams: Decimal | None
    magnesium: Decimal | None
    potassium: Decimal | None
    energy: Decimal | None
    sodium: Decimal | None
    is_supplement: bool
    key: str


@dataclass
class Parsed:
    source: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def days(self) -> set[date]:
        return {row.day for row in self.rows}


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a BOM), UTF-16 with its BOM (Excel's
    "Unicode text"), else Windows-1252, what spreadsheets on Windows still write."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable("The file says it is UTF-16 text but is not.") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise Unreadable(
                    "The file is not text in UTF-8 or Windows-1252: is it a CSV export?"
                ) from None
    if "\x00" in text:
        raise Unreadable("The file holds binary data, not CSV text.")
    return text


def delimiter(first_line: str) -> str:
    """The separator the header uses most: a comma, or a semicolon where a decimal comma
    is usual, or a tab."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header, lower-cased and trimmed, and the data rows as (line number, cells);
    blank lines are skipped.  Raises Unreadable for an empty file or too many rows."""
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise Unreadable("The file is empty, or its first line is blank.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(first))
    try:
        header = [" ".join(cell.split()).lower() for cell in next(reader)]
    except csv.Error as error:
        raise Unreadable(f"The first line cannot be read as CSV ({error}).") from None

    def body():
        count, line = 0, reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise Unreadable(f"Line {line} cannot be read as CSV ({error}).") from None
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise Unreadable(f"The file has more than {MAX_ROWS:,} rows; split it by year.")
            yield start, cells

    return header, body()


def number(cell: str, maximum: Decimal = MAX_MG) -> Decimal | None:
    """A cell's number, or None when it is empty (unknown).  A decimal comma is read as
    such ("31,5"); with both marks the last one is the decimal point ("1.234,5")."""
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", text):
        raise BadCell(f'"{cell.strip()[:40]}" is not a number')
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise BadCell(f'"{cell.strip()[:40]}" is not a number') from None
    if value > maximum:
        raise BadCell(f"{cell.strip()[:40]} is more than one entry can hold")
    return value


def day(cell: str, first: date, last: date) -> date:
    text = cell.strip()
    if not ISO_DAY.fullmatch(text):
        raise BadCell(f'"{text[:40]}" is not a date as YYYY-MM-DD')
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise BadCell(f'"{text}" is not a real date') from None
    if not first <= value <= last:
        raise BadCell(f"{value} is outside the days mgk keeps ({first} to {last})")
    return value


def hour(cell: str) -> int | None:
    """The hour of "8:30 AM", "08:30", "20:15:00"; None when empty or unreadable (the meal
    then falls back to Snacks rather than refusing the row)."""
    match = re.fullmatch(r"\s*(\d{1,2})(?::\d{2}){0,2}\s*([AaPp][Mm])?\s*", cell or "")
    if not match:
        return None
    value, half = int(match[1]), (match[2] or "").lower()
    if half:
        if not 1 <= value <= 12:
            return None
        value = value % 12 + (12 if half == "pm" else 0)
    return value if value < 24 else None


def column(header: list[str], *names: str, units: tuple[str, ...] = ()) -> int | None:
    """The index of the first column called one of ``names``, with its unit in brackets
    among ``units`` (or no unit when ``units`` has ""): "Magnesium (mg)"."""
    for index, title in enumerate(header):
        match = re.fullmatch(r"(.*?)\s*(?:\(([^()]*)\))?", title)
        name, unit = match[1].strip(), (match[2] or "").strip()
        if name in names and (not units or unit in units):
            return index
    return None


def cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""

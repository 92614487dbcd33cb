"""An uploaded file to a preview: which kind it is, and its rows (no database writes)."""

import io
import zipfile
from datetime import date

from tracker.imports import backup, cronometer, myfitnesspal, table
from tracker.imports.table import MAX_BYTES, Parsed, Unreadable

ZIP_MAGIC = b"PK\x03\x04"


def unzip(data: bytes) -> bytes:
    """The one CSV inside a ZIP (MyFitnessPal sends its exports zipped), read no further
    than MAX_BYTES whatever the archive claims, so a ZIP bomb stops at 20 MB."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unreadable("The file looks like a ZIP archive but cannot be opened.") from None
    # MyFitnessPal's archive also holds exercise and measurement summaries.
    nutrition = [i for i in names if "nutrition" in i.filename.lower()]
    chosen = nutrition or names
    if len(chosen) != 1:
        raise Unreadable(
            "The ZIP archive should hold one CSV file (or one Nutrition CSV); "
            f"it holds {len(names)}."
        )
    try:
        with archive.open(chosen[0]) as member:
            content = member.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
        raise Unreadable("The CSV inside the ZIP archive cannot be read.") from None
    if len(content) > MAX_BYTES:
        raise Unreadable(f"The CSV inside the ZIP archive is over {MAX_BYTES // 2**20} MB.")
    return content


def read(data: bytes, first: date, last: date) -> Parsed:
    """Cronometer's servings.csv, MyFitnessPal's Nutrition export (plain or zipped) or an
    mgk backup, from ``first`` to ``last``.  Raises Unreadable when the file as a whole is not one."""
    if len(data) > MAX_BYTES:
        raise Unreadable(f"The file is over {MAX_BYTES // 2**20} MB; split it by year.")
    if backup.looks_like(data):
        return backup.parse(data, last)
    if data.startswith(ZIP_MAGIC):
        data = unzip(data)
    header, body = table.rows(table.decode(data))
    for kind in (cronometer, myfitnesspal):
        if kind.looks_like(header):
            return kind.parse(header, body, first, last)
    raise Unreadable(
        "This is not a file mgk can read: Cronometer's servings.csv has the columns Day and "
        "Food Name; MyFitnessPal's Nutrition export has Date, Meal and Calories."
    )

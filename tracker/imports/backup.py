"""mgk's own backup: one JSON document (in a ZIP, since years of entries compress tenfold)
with the profile, the person's own foods with their portions, and every entry with its
snapshot, so another mgk server shows the same day, week and trends pages from it.

``dump`` writes it; ``parse`` reads it back into a Parsed whose rows carry ready entries,
and ``write`` restores it in one transaction."""

import datetime
import hashlib
import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from foods.models import Food, Portion
from tracker.imports import dishes, store
from tracker.imports.table import Parsed, Problem, Unreadable
from tracker.models import EARLIEST_DAY, Entry, Profile, hold_people

FORMAT = "mgk-backup"
VERSION = 1
MEMBER = "mgk-backup.json"
MAX_JSON_BYTES = 200 * 1024 * 1024  # unpacked: a bomb stops here, a decade of logs fits
SOURCE = "mgk"
PROFILE_FIELDS = [
    "sex", "date_of_birth", "life_stage", "potassium_restricted", "magnesium_target_mg",
    "potassium_target_mg", "timezone", "units",
]  # fmt: skip
FOOD_FIELDS = ["description", "name", "category", "is_supplement", "magnesium_mg", "potassium_mg",
               "energy_kcal", "sodium_mg"]  # fmt: skip
ENTRY_COLUMNS = [
    "key", "date", "meal", "food", "portion", "quantity", "grams", "description", "fdc_id",
    "portion_label", "magnesium_per_100g", "potassium_per_100g", "energy_per_100g",
    "sodium_per_100g", "is_supplement",
]  # fmt: skip
DECIMALS = {"quantity", "grams", "magnesium_per_100g", "potassium_per_100g",
            "energy_per_100g", "sodium_per_100g"}  # fmt: skip


def origin_of(user) -> str:
    """A stable name for the account a backup comes from (not a secret): restoring a
    backup into the account it came from would add every entry a second time."""
    return hashlib.sha256(f"{user.pk}:{user.date_joined.isoformat()}".encode()).hexdigest()[:16]


def _text(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def document(user) -> dict:
    """The person's data as one dictionary: a handful of queries whatever the history."""
    origin = origin_of(user)
    profile = Profile.objects.filter(user=user).first()
    foods = list(Food.objects.filter(owner=user).prefetch_related("portions").order_by("id"))
    entries = (
        Entry.objects.for_user(user)
        .select_related("food", "portion")
        .order_by("date", "id")
        .iterator(chunk_size=2000)
    )

    def food_ref(food):
        if food is None:
            return None
        if food.owner_id == user.pk:
            return {"own": food.pk}
        return {"source": food.source, "source_id": food.source_id}

    def row(entry):
        # An entry keeps the key of the file it came from, so a Cronometer file imported
        # again after a restore is still recognised; the person's own entries get one
        # from this account, so restoring a later backup adds only what is new.
        key = entry.import_key or hashlib.sha256(f"{origin}:{entry.pk}".encode()).hexdigest()
        values = {
            "key": key,
            "food": food_ref(entry.food),
            "portion": entry.portion.label if entry.portion else None,
        }
        return [_text(values[c] if c in values else getattr(entry, c)) for c in ENTRY_COLUMNS]

    return {
        "format": FORMAT,
        "version": VERSION,
        "origin": origin,
        "profile": {f: _text(getattr(profile, f)) for f in PROFILE_FIELDS} if profile else None,
        "foods": [
            {
                "id": food.pk,
                **{f: _text(getattr(food, f)) for f in FOOD_FIELDS},
                "portions": [
                    {"label": p.label, "grams": _text(p.grams), "seq": p.seq}
                    for p in food.portions.all()
                ],
            }
            for food in foods
        ],
        "entries": {"columns": ENTRY_COLUMNS, "rows": [row(e) for e in entries]},
        **dishes.document(user, food_ref, _text),
    }


def dump(user) -> bytes:
    """The backup as the bytes of a ZIP holding one JSON document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MEMBER, json.dumps(document(user), separators=(",", ":")))
    return buffer.getvalue()


def looks_like(data: bytes) -> bool:
    if data.startswith(b"PK\x03\x04"):
        try:
            return MEMBER in zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return False
    return data.lstrip()[:1] == b"{"


@dataclass
class Restored:
    """One backup row: the entry it makes (user and food set on writing)."""

    line: int
    day: datetime.date
    key: str
    entry: Entry
    food: dict | None
    portion: str | None


def _json(data: bytes) -> dict:
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)).open(MEMBER) as member:
                data = member.read(MAX_JSON_BYTES + 1)
        except (zipfile.BadZipFile, KeyError, NotImplementedError, OSError, EOFError):
            raise Unreadable("The backup's ZIP archive cannot be read.") from None
        if len(data) > MAX_JSON_BYTES:
            raise Unreadable("The backup inside the ZIP archive is too large.")
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Unreadable("The file is not a readable mgk backup (its JSON is broken).") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise Unreadable("The JSON file is not an mgk backup.")
    if doc.get("version") != VERSION:
        raise Unreadable(f"This backup is version {doc.get('version')}; this mgk reads {VERSION}.")
    return doc


def parse(data: bytes, last: datetime.date) -> Parsed:
    """The backup's entries as rows (line: the entry's number in the file), each checked
    as the database would, so a bad one is reported here rather than failing the write."""
    doc = _json(data)
    result = Parsed(SOURCE)
    result.backup = doc  # profile and foods, written with the entries
    entries = doc.get("entries") or {}
    columns = entries.get("columns") if isinstance(entries, dict) else None
    if columns != ENTRY_COLUMNS:
        raise Unreadable("The backup's entries are not in the expected columns.")
    foods = doc.get("foods")
    if not isinstance(foods, list) or not all(isinstance(f, dict) for f in foods):
        raise Unreadable("The backup's foods cannot be read.")
    for number, cells in enumerate(entries.get("rows") or [], start=1):
        try:
            result.rows.append(_restored(number, cells, last))
        except (ValidationError, ValueError, TypeError, InvalidOperation, KeyError) as error:
            if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
                reason = "; ".join(f"{f}: {m[0]}" for f, m in error.message_dict.items())
            else:
                reason = str(error) or "not an entry"
            result.problems.append(Problem(number, reason[:200]))
    if doc.get("profile"):
        result.notes.append("Your profile (age, sex, targets, time zone) is set to the backup's.")
    recipes, meals = doc.get("recipes") or [], doc.get("saved_meals") or []
    dishes.refs(doc)  # a damaged list of recipes or saved meals is refused here
    result.notes.append(
        f"{len(foods)} of your own foods with their portions (recipes among them), "
        f"{len(recipes)} recipe{'s' * (len(recipes) != 1)} and "
        f"{len(meals)} saved meal{'s' * (len(meals) != 1)}."
    )
    return result


def _restored(number: int, cells, last: datetime.date) -> Restored:
    if not isinstance(cells, list) or len(cells) != len(ENTRY_COLUMNS):
        raise ValueError("not an entry row")
    values = dict(zip(ENTRY_COLUMNS, cells, strict=True))
    for name in DECIMALS:
        if values[name] is not None:
            values[name] = Decimal(str(values[name]))
    day = datetime.date.fromisoformat(str(values["date"]))
    if not EARLIEST_DAY <= day <= last:
        raise ValueError(f"{day} is outside the days mgk keeps")
    key, food, portion = values.pop("key"), values.pop("food"), values.pop("portion")
    if not isinstance(key, str) or not key or len(key) > 64:
        raise ValueError("it has no key")
    values["date"] = day
    values["import_key"] = key
    entry = Entry(**values)
    # An empty per-100 g value is unknown, which the model allows (null) but a form would
    # call blank; the rest is checked as the database would, before anything is written.
    unknown = [name for name in DECIMALS if values[name] is None]
    entry.full_clean(exclude=["user", "food", "portion", *unknown], validate_unique=False)
    return Restored(number, day, key, entry, food, portion)


def own_backup(user, parsed: Parsed) -> bool:
    """Whether the backup is of this very account (whose entries are here already)."""
    return parsed.backup.get("origin") == origin_of(user)


def write(user, parsed: Parsed) -> int:
    """Restore the backup: profile, own foods (one already here with the same values is
    used, not copied), and the entries not here yet.  One transaction; how many entries."""
    doc = parsed.backup
    if parsed.problems or own_backup(user, parsed):
        raise ValueError("this backup is not restored here")
    with transaction.atomic():
        hold_people([user.pk])
        _profile(user, doc.get("profile"))
        own = _foods(user, doc["foods"])
        known = store.known_keys(user)
        wanted = [r for r in parsed.rows if r.key not in known]
        catalogue = _catalogue([r.food for r in wanted] + dishes.refs(doc))
        portions = _portions({f for f in [*own.values(), *catalogue.values()]})

        def resolve(ref) -> Food | None:
            ref = ref if isinstance(ref, dict) else {}
            return own.get(ref.get("own")) or catalogue.get(
                (ref.get("source"), ref.get("source_id"))
            )

        def portion(food, label):
            return portions.get((food.pk, label)) if food else None

        dishes.restore(user, doc, own, resolve, portion)
        entries = []
        for row in wanted:
            entry = row.entry
            entry.user = user
            entry.food = resolve(row.food)
            entry.portion = portion(entry.food, row.portion)
            entries.append(entry)
        Entry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def _profile(user, values: dict | None) -> None:
    if not values:
        return
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    for field in PROFILE_FIELDS:
        if field in values:
            setattr(profile, field, values[field])
    try:
        profile.full_clean(exclude=["user"])
    except ValidationError as error:
        raise Unreadable(f"The backup's profile cannot be used: {error.messages[0]}") from None
    profile.save()


def _foods(user, foods: list[dict]) -> dict[int, Food]:
    """{backup id: Food} for the backup's own foods, each created unless the person has
    one with the same name and values (a backup restored twice makes no twins; two equal
    foods in one backup stay two)."""
    mine = defaultdict(list)
    for food in Food.objects.filter(owner=user).prefetch_related("portions").order_by("id"):
        mine[_food_key(food)].append(food)
    result = {}
    for data in foods:
        food = Food(owner=user, source=Food.Source.CUSTOM)
        for field in FOOD_FIELDS:
            setattr(food, field, data.get(field))
        food.category, food.name = food.category or "", food.name or ""
        food.is_supplement = food.is_supplement or False
        portions = [
            Portion(label=p.get("label"), grams=p.get("grams"), seq=p.get("seq"))
            for p in data.get("portions") or []
        ]
        try:
            food.full_clean(exclude=["owner", "source_id"])
            for p in portions:
                p.full_clean(exclude=["food"])
        except (ValidationError, TypeError) as error:
            raise Unreadable(
                f"The backup's food {data.get('description')!r} cannot be used."
            ) from error
        if same := mine[_food_key(food, portions)]:
            result[data.get("id")] = same.pop(0)
            continue
        food.save()
        for p in portions:
            p.food = food
        Portion.objects.bulk_create(portions)
        result[data.get("id")] = food
    return result


def _food_key(food: Food, portions=None) -> tuple:
    portions = food.portions.all() if portions is None else portions
    return (
        *(_text(Decimal(str(v)) if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) else v)
          for v in (getattr(food, f) for f in FOOD_FIELDS)),
        tuple((p.label, _text(Decimal(str(p.grams)))) for p in portions),
    )  # fmt: skip


def _catalogue(refs) -> dict[tuple, Food]:
    """The shared catalogue's foods the entries name, looked up by source and id (ids of
    rows differ between servers; FDC ids do not).  One query."""
    wanted = {
        (r.get("source"), str(r.get("source_id")))
        for r in refs
        if isinstance(r, dict) and "source" in r
    }
    ids = {source_id for _, source_id in wanted}
    foods = Food.objects.filter(owner__isnull=True, source_id__in=ids)
    return {(f.source, f.source_id): f for f in foods if (f.source, f.source_id) in wanted}


def _portions(foods) -> dict[tuple, Portion]:
    by_label = {}
    for portion in Portion.objects.filter(food__in=[f.pk for f in foods]).order_by("-seq", "-id"):
        by_label[(portion.food_id, portion.label)] = portion  # the first by seq wins
    return by_label

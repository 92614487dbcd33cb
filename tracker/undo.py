"""Undo of a deletion: a signed copy of the deleted entry, so it can come back without
keeping a row.  Valid for an hour, and only for the person who deleted it."""

import json

from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder

SALT = "tracker.entry-undo"
MAX_AGE = 60 * 60  # an hour to change one's mind

# What an undo restores: the entry's own values, snapshot included.
FIELDS = [
    "id", "date", "meal", "food_id", "portion_id", "quantity", "grams", "description",
    "fdc_id", "portion_label", "magnesium_per_100g", "potassium_per_100g",
    "energy_per_100g", "sodium_per_100g", "is_supplement", "import_key",
]  # fmt: skip


class _Serializer:
    """signing's JSON serializer, but with Django's encoder for dates and decimals."""

    def dumps(self, obj) -> bytes:
        return json.dumps(obj, cls=DjangoJSONEncoder, separators=(",", ":")).encode("latin-1")

    def loads(self, data: bytes):
        return json.loads(data.decode("latin-1"))


def token_for(entry) -> str:
    data = {field: getattr(entry, field) for field in FIELDS}
    return signing.dumps(
        {"user": entry.user_id, "entry": data}, salt=SALT, serializer=_Serializer, compress=True
    )


def read(token: str | None, user) -> dict | None:
    """The entry's values from ``token``, or None when it is not ``user``'s, forged or old."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=SALT, serializer=_Serializer, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("user") != user.pk:
        return None
    return payload["entry"]

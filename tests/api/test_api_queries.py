"""Each endpoint reads a fixed number of queries whatever the length of the history."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.models import Entry

pytestmark = pytest.mark.django_db
SUNDAY = date(2026, 11, 22)


def _history(user, food, days: int, before: int = 0) -> None:
    """Three meals a day for ``days`` days, ending ``before`` days ahead of SUNDAY."""
    entries = []
    for back in range(before, before + days):
        for meal in ("breakfast", "lunch", "dinner"):
            entry = Entry(user=user, date=SUNDAY - timedelta(days=back), meal=meal, grams=100)
            entry.take_values_from(food)
            entries.append(entry)
    Entry.objects.bulk_create(entries)


def _queries(api, path, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/entries", {"from": "2026-06-01", "to": "2026-11-22"}),
        (f"/days/{SUNDAY}", None),
        ("/weeks/2026-W47", None),
        ("/foods", {"q": "banana"}),
        ("/recipes", None),
        ("/meals", None),
    ],
)
def test_the_queries_do_not_grow_with_the_history(api, alice, food, path, params):
    _history(alice, food(173944), 3)
    api.get(path, params)  # the catalogue index is built once per process, not per request
    few = _queries(api, path, params)
    _history(alice, food(173944), 120, before=7)  # before the week: the same notes
    assert _queries(api, path, params) == few

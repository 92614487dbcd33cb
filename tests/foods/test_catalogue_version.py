"""The catalogue's version changes with every write to a shared food, whatever the path,
and with no write to a person's own foods."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from foods.models import CatalogueVersion, Food, Portion

pytestmark = pytest.mark.django_db


def _shared():
    return Food.objects.create(
        description="Quuxberries, raw", source=Food.Source.SR_LEGACY, source_id="990001"
    )


def _changes(write) -> bool:
    before = CatalogueVersion.current()
    write()
    return CatalogueVersion.current() != before


def test_it_changes_with_a_saved_food():
    food = _shared()
    food.magnesium_mg = Decimal(12)
    assert _changes(food.save)


def test_it_changes_with_a_created_food():
    assert _changes(_shared)


def test_it_changes_with_a_deleted_food():
    food = _shared()
    assert _changes(food.delete)


def test_it_changes_with_a_queryset_update():
    _shared()
    assert _changes(lambda: Food.objects.filter(source_id="990001").update(magnesium_mg=7))


def test_it_changes_with_a_queryset_delete():
    _shared()
    assert _changes(lambda: Food.objects.filter(source_id="990001").delete())


def test_it_changes_with_bulk_create():
    rows = [
        Food(description=f"Quux {i}", source=Food.Source.SR_LEGACY, source_id=f"99{i}")
        for i in range(3)
    ]
    assert _changes(lambda: Food.objects.bulk_create(rows))


def test_it_changes_with_plain_sql():
    food = _shared()

    def write():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE foods_food SET category = 'Fruits' WHERE id = %s", [food.pk])

    assert _changes(write)


def test_it_changes_when_a_persons_food_is_shared_or_unshared(alice):
    food = Food.objects.create(description="Zzfoo bar", owner=alice)
    assert _changes(lambda: Food.objects.filter(pk=food.pk).update(owner=None, source="sr_legacy"))
    assert _changes(lambda: Food.objects.filter(pk=food.pk).update(owner=alice, source="custom"))


def test_a_reload_of_the_same_catalogue_keeps_it():
    # Nothing written, nothing for any process to rebuild.
    assert not _changes(lambda: call_command("load_catalogue", stdout=io.StringIO()))


def test_a_persons_own_foods_never_change_it(alice):
    def write():
        food = Food.objects.create(description="Zzfoo granola", owner=alice)
        food.description = "Zzfoo granola, toasted"
        food.save()
        Portion.objects.create(food=food, label="1 bowl", grams=60)
        Food.objects.filter(owner=alice).update(magnesium_mg=90)
        Food.objects.bulk_create([Food(description="Zzfoo 2", owner=alice)])
        Food.objects.filter(owner=alice).delete()

    assert not _changes(write)

from decimal import Decimal

import pytest
from django.urls import reverse

from foods.models import Food

pytestmark = pytest.mark.django_db


def _post(client, url, **data):
    payload = {
        "description": "My granola",
        "basis": "100g",
        "serving_grams": "",
        "magnesium_mg": "",
        "potassium_mg": "",
        "energy_kcal": "",
        "sodium_mg": "",
        "portions-TOTAL_FORMS": "2",
        "portions-INITIAL_FORMS": "0",
        "portions-0-label": "",
        "portions-0-grams": "",
        "portions-1-label": "",
        "portions-1-grams": "",
        **data,
    }
    return client.post(url, payload)


def test_a_food_per_100g_with_portions(logged_in, alice):
    response = _post(
        logged_in,
        reverse("foods:custom_new"),
        magnesium_mg="120",
        potassium_mg="450",
        **{"portions-0-label": "1 bowl", "portions-0-grams": "60"},
    )
    assert response.status_code == 302
    food = Food.objects.get(owner=alice)
    assert (food.magnesium_mg, food.potassium_mg, food.energy_kcal, food.source) == (
        120,
        450,
        None,
        "custom",
    )
    assert list(food.portions.values_list("label", "grams")) == [("1 bowl", Decimal("60"))]
    assert "My granola" in logged_in.get(reverse("foods:list"), {"q": "granola"}).content.decode()


def test_a_label_per_serving_is_converted_to_per_100g(logged_in, alice):
    response = _post(
        logged_in,
        reverse("foods:custom_new"),
        description="Mg glycinate caps",
        basis="serving",
        serving_grams="0.5",
        magnesium_mg="100",
        is_supplement="on",
    )
    assert response.status_code == 302
    food = Food.objects.get(owner=alice)
    assert food.magnesium_mg == 20000 and food.potassium_mg is None and food.is_supplement
    assert list(food.portions.values_list("label", "grams")) == [("1 serving", Decimal("0.5"))]
    assert food.minerals_for(Decimal("0.5"))["magnesium"] == 100


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"basis": "serving", "magnesium_mg": "10"}, "Enter the serving size"),
        ({"magnesium_mg": "-1"}, "Enter 0 or more, or leave it empty."),
        ({"magnesium_mg": "90000"}, "please check the unit"),
        ({}, "Enter magnesium, potassium or both"),
        ({"description": "", "magnesium_mg": "1"}, "This field is required"),
        (
            {"magnesium_mg": "1", "portions-0-label": "1 cup", "portions-0-grams": "0"},
            "Enter grams above 0.",
        ),
    ],
)
def test_bad_values_write_nothing(logged_in, data, message):
    response = _post(logged_in, reverse("foods:custom_new"), **data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Food.objects.filter(source="custom").exists()


def test_edit_and_delete_own_food(logged_in, alice):
    food = Food.objects.create(description="Soup", owner=alice, source="custom", magnesium_mg=10)
    response = _post(
        logged_in,
        reverse("foods:custom_edit", args=[food.pk]),
        description="Lentil soup",
        magnesium_mg="25",
    )
    assert response.status_code == 302
    food.refresh_from_db()
    assert (food.description, food.magnesium_mg) == ("Lentil soup", 25)
    assert "Lentil soup" in logged_in.get(reverse("foods:custom_list")).content.decode()
    logged_in.post(reverse("foods:custom_delete", args=[food.pk]))
    assert not Food.objects.filter(pk=food.pk).exists()


def test_a_persons_food_shows_at_once_to_them_only_and_keeps_the_catalogue_version(
    client, alice, bob, profile_for
):
    from foods import finder
    from foods.models import CatalogueVersion

    profile_for(alice)
    profile_for(bob)
    finder.catalogue()  # built once per process, as a running server has it
    version = CatalogueVersion.current()

    def found(user, query) -> str:
        """The results section of ``user``'s search (None: signed out)."""
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        body = client.get(reverse("foods:list"), {"q": query}).content.decode()
        return body.split('id="results"')[1]

    client.force_login(alice)
    assert (
        _post(
            client, reverse("foods:custom_new"), description="Zzquux granola", magnesium_mg="120"
        ).status_code
        == 302
    )
    food = Food.objects.get(owner=alice)
    assert "Zzquux granola" in found(alice, "zzquux")
    assert "Zzquux granola" not in found(bob, "zzquux")
    assert "Zzquux granola" not in found(None, "zzquux")

    client.force_login(alice)
    edit = reverse("foods:custom_edit", args=[food.pk])
    assert _post(client, edit, description="Zzquux muesli", magnesium_mg="120").status_code == 302
    assert "Zzquux muesli" in found(alice, "zzquux muesli")
    client.force_login(alice)
    assert client.post(reverse("foods:custom_delete", args=[food.pk])).status_code == 302
    assert "Zzquux" not in found(alice, "zzquux")
    assert CatalogueVersion.current() == version

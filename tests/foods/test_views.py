import re
from decimal import Decimal

import pytest
from django.urls import reverse

from foods.models import Food

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    return [
        chunk.split("</a>")[0].split(">")[-1] for chunk in html.split('<td><a href="/foods/')[1:]
    ]


def test_it_renders_the_search_page(client):
    response = client.get(reverse("foods:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="q"' in body and "Vegetables and Vegetable Products" in body


def test_a_plain_get_search_works_without_javascript(client):
    response = client.get(reverse("foods:list"), {"q": "black beans"})
    body = response.content.decode()
    assert "<html" in body
    assert _rows(body)[0] == "Black beans, cooked"  # our name; USDA's is its description
    assert "hidden>Beans, black, mature seeds, cooked, boiled, without salt</span>" in body


def test_htmx_gets_only_the_results_partial(client):
    response = client.get(reverse("foods:list"), {"q": "banan"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="results"' in body
    assert _rows(body)[0] == "Banana"


def test_it_browses_a_category(client):
    body = client.get(reverse("foods:list"), {"category": "Nut and Seed Products"}).content.decode()
    names = _rows(body)
    assert names and "Almonds" in names
    shown = {f.display_name: f.category for f in Food.objects.all()}
    assert all(shown[n] == "Nut and Seed Products" for n in names)


@pytest.mark.parametrize("mineral", ["magnesium", "potassium"])
@pytest.mark.parametrize("basis", ["100g", "portion", "kcal"])
def test_it_sorts_by_mineral_richness(client, mineral, basis):
    body = client.get(
        reverse("foods:list"),
        {"category": "Vegetables and Vegetable Products", "sort": mineral, "basis": basis},
    ).content.decode()
    foods = {
        f.display_name: f
        for f in Food.objects.with_first_portion().filter(
            category="Vegetables and Vegetable Products"
        )
    }

    def key(food):
        value = getattr(food, f"{mineral}_mg")
        if basis == "portion":
            return value * food.first_portion_grams
        if basis == "kcal":
            return value / food.energy_kcal if food.energy_kcal else Decimal(-1)
        return value

    names = _rows(body)
    keys = [key(foods[n]) for n in names]
    assert len(names) > 5
    assert keys == sorted(keys, reverse=True)


def test_the_food_page_shows_minerals_per_100g_and_per_portion(client):
    spinach = Food.objects.get(source_id="168462")
    body = client.get(spinach.get_absolute_url()).content.decode()
    assert "Spinach, raw" in body
    assert "79 mg" in body and "558 mg" in body  # per 100 g
    assert "(19 %)" in body  # 79 of 420 mg
    assert "1 cup" in body and "24 mg" in body and "167 mg" in body  # 30 g: 23.7 and 167.4 mg
    assert "168462" in body and "SR Legacy" in body
    assert "23 kcal per 100 g" in body and "79 mg per 100 g" in body


def test_an_unknown_value_is_shown_as_unknown_not_zero(client):
    food = Food.objects.create(
        description="Mystery, raw", source="sr_legacy", source_id="999999", magnesium_mg=5
    )
    body = client.get(food.get_absolute_url()).content.decode()
    assert "not analysed" in body


def test_someone_elses_custom_food_is_invisible(client, alice, bob):
    secret = Food.objects.create(description="Bob's secret smoothie", owner=bob, magnesium_mg=50)
    client.force_login(alice)
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert (
        "secret smoothie"
        not in client.get(reverse("foods:list"), {"q": "smoothie"}).content.decode()
    )
    client.force_login(bob)
    assert client.get(secret.get_absolute_url()).status_code == 200
    assert (
        "secret smoothie" in client.get(reverse("foods:list"), {"q": "smoothie"}).content.decode()
    )


def test_supplement_pages_carry_the_stronger_caution(client):
    oxide = Food.objects.get(source_id="magnesium-oxide")
    body = client.get(oxide.get_absolute_url()).content.decode()
    assert "About supplements" in body and "241 mg" in body


def test_the_admin_lists_searches_and_filters_foods(admin_client):
    url = reverse("admin:foods_food_changelist")
    assert "Spinach, raw" in admin_client.get(url, {"q": "spinach"}).content.decode()
    assert admin_client.get(url, {"source__exact": "mgk_supplement"}).status_code == 200
    assert (
        admin_client.get(reverse("admin:foods_portion_changelist"), {"q": "cup"}).status_code == 200
    )


def test_the_admin_edits_a_food_and_a_portion(admin_client):
    # The admin's own widgets (raw-id, related links, inlines) render beside mgk's forms.
    spinach = Food.objects.get(description="Spinach, raw")
    body = admin_client.get(reverse("admin:foods_food_change", args=[spinach.pk])).content
    assert b"Spinach, raw" in body
    portion = spinach.portions.first()
    url = reverse("admin:foods_portion_change", args=[portion.pk])
    assert admin_client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_search_with_no_match_says_so(client):
    body = client.get("/foods/", {"q": "qqqzzzx"}).content.decode()
    assert "No food matches" in body
    assert "Type to search" not in body


@pytest.mark.django_db
def test_live_results_replace_the_results_section_not_nest_in_it(client):
    page = client.get("/foods/").content.decode()
    assert 'hx-target="#results" hx-swap="outerHTML"' in page
    partial = client.get("/foods/", {"q": "banana"}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="results"')


@pytest.mark.django_db
def test_results_with_an_unknown_value_explain_the_question_mark(client):
    Food.objects.create(
        description="Zzunknown berries, raw", source=Food.Source.SR_LEGACY, source_id="990301",
        magnesium_mg=None, potassium_mg=120,
    )  # fmt: skip
    body = client.get("/foods/", {"q": "zzunknown"}).content.decode()
    assert "never analysed, which is not the same as zero" in body
    body = client.get("/foods/", {"q": "bananas raw"}).content.decode()
    assert "never analysed" not in body


def test_the_category_options_follow_the_catalogue_and_the_choice(client):
    """The options count the shared catalogue as it is now, and select the chosen one."""

    def options(**params):
        body = client.get(reverse("foods:list"), params).content.decode()
        return body.split('<select name="category">')[1].split("</select>")[0]

    nuts = "Nut and Seed Products"
    plain = options()
    assert f'<option value="{nuts}">' in plain and "selected" not in plain
    assert f'<option value="{nuts}" selected>' in options(category=nuts)
    assert options() == plain
    count = Food.objects.filter(category=nuts, owner=None).count()
    sr = {"source": Food.Source.SR_LEGACY}
    Food.objects.create(description="Nuts, test mix", category=nuts, source_id="-1", **sr)
    assert f"{nuts} ({count + 1})" in options()
    Food.objects.create(description="Test food", category="A test category", source_id="-2", **sr)
    assert '<option value="A test category">A test category (1)</option>' in options()


def test_a_made_up_category_selects_none_and_a_real_one_is_selected(client):
    def options(category):
        body = client.get(reverse("foods:list"), {"category": category}).content.decode()
        return body.split('<select name="category">')[1].split("</select>")[0]

    assert "selected" not in options("made up")
    assert '<option value="Nut and Seed Products" selected>' in options("Nut and Seed Products")


def test_a_signed_in_search_puts_the_persons_usual_food_first(logged_in, alice, log):
    def first(client):
        body = client.get(reverse("foods:list"), {"q": "rice"}).content.decode()
        return re.search(r'<td><a href="/foods/(\d+)/"', body).group(1)

    plain = first(logged_in)
    usual = Food.objects.filter(
        description__startswith="Rice, white, short-grain, enriched, cooked", owner=None
    ).first()
    assert usual is not None and str(usual.pk) != plain
    for _ in range(3):
        log(alice, usual, 100)
    assert first(logged_in) == str(usual.pk)
    logged_in.logout()
    assert first(logged_in) == plain

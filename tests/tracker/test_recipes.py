"""Recipes: the form and its review, the recipe's page, limits and privacy."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from foods.models import RECIPE_CATEGORY, Food
from tracker.models import Entry, Recipe

SOUP = "400 g chickpeas\n1 cup chopped celery\n2 medium carrots\n1 l water"


def _post_new(client, text=SOUP, **fields):
    data = {
        "name": "Chickpea soup",
        "servings": "4",
        "cooked_grams": "",
        "ingredients": text,
        "lines-TOTAL_FORMS": "0",
        "lines-INITIAL_FORMS": "0",
        **fields,
    }
    return client.post(reverse("tracker:recipe_new"), data)


def _resubmit(client, response, url=None, **changes):
    """Send the review back as the page shows it, with ``changes`` to some fields."""
    formset = response.context["formset"]
    form = response.context["form"]
    data = {
        "name": form["name"].value(),
        "servings": form["servings"].value(),
        "cooked_grams": form["cooked_grams"].value() or "",
        "ingredients": "",
    }
    data["lines-TOTAL_FORMS"] = str(len(formset.forms))
    data["lines-INITIAL_FORMS"] = str(len(formset.forms))
    for f in formset.forms:
        for name in f.fields:
            value = f[name].value()
            data[f.add_prefix(name)] = "" if value is None else str(value)
        data.pop(f.add_prefix("DELETE"))
    data.update(changes)
    return client.post(url or reverse("tracker:recipe_new"), data)


@pytest.mark.django_db
def test_it_reviews_pasted_lines_and_saves_them_unchanged(logged_in, alice):
    review = _post_new(logged_in)
    assert review.status_code == 200
    assert not Recipe.objects.exists()  # a review, not a save
    lines = review.context["lines"]
    assert [r.text for _, r in lines] == SOUP.splitlines()
    foods = [r.food.description for _, r in lines]
    assert foods[0].startswith("Chickpeas")
    assert foods[1].startswith("Celery, raw")
    assert lines[1][1].amount.grams == Decimal(101)  # the food's own "1 cup chopped"
    assert lines[3][1].amount.grams == Decimal(1000)
    saved = _resubmit(logged_in, review)
    assert saved.status_code == 302
    recipe = Recipe.objects.get()
    assert saved["Location"] == recipe.get_absolute_url()
    assert recipe.owner == alice and recipe.ingredients.count() == 4
    food = recipe.food
    assert food.owner == alice and food.category == RECIPE_CATEGORY
    assert food.description == "Chickpea soup"
    # Its values per 100 g are the ingredients' sums over the dish's weight.
    whole = sum(i.magnesium_per_100g * i.grams / 100 for i in recipe.ingredients.all())
    weight = sum(i.grams for i in recipe.ingredients.all())
    assert food.magnesium_mg == (whole * 100 / weight).quantize(Decimal("0.01"))
    assert food.portions.get(label="1 serving").grams == (weight / 4).quantize(Decimal("0.01"))


@pytest.mark.django_db
def test_a_line_that_matches_nothing_is_not_saved_silently(logged_in):
    review = _post_new(logged_in, "400 g chickpeas\n2 cups qwxzzy")
    line = review.context["lines"][1][1]
    assert line.food is None and "No food found" in line.problem
    again = _resubmit(logged_in, review)
    assert again.status_code == 422
    assert not Recipe.objects.exists()
    assert "fix them or remove them" in again.content.decode()


@pytest.mark.django_db
def test_changed_words_are_searched_again_before_saving(logged_in):
    review = _post_new(logged_in, "1 cup chopped celery")
    again = _resubmit(logged_in, review, **{"lines-0-text": "2 medium bananas"})
    assert again.status_code == 200 and not Recipe.objects.exists()
    line = again.context["lines"][0][1]
    assert line.food.description.startswith("Bananas")
    assert line.amount.quantity == 2


@pytest.mark.django_db
def test_typed_grams_are_kept(logged_in):
    review = _post_new(logged_in, "1 cup chopped celery")
    saved = _resubmit(logged_in, review, **{"lines-0-grams": "150"})
    assert saved.status_code == 302
    line = Recipe.objects.get().ingredients.get()
    assert line.grams == 150 and line.portion_label == ""


@pytest.mark.django_db
def test_cooked_weight_sets_the_serving_and_per_100g(logged_in):
    review = _post_new(logged_in, "400 g chickpeas\n1 l water", cooked_grams="1200")
    _resubmit(logged_in, review)
    recipe = Recipe.objects.get()
    totals = recipe.totals()
    assert totals.dish_grams == 1200 and totals.serving_grams == 300
    assert recipe.food.magnesium_mg == (totals.whole["magnesium"] / 12).quantize(Decimal("0.01"))


@pytest.mark.django_db
def test_an_unknown_value_makes_the_recipe_at_least(logged_in, alice):
    mystery = Food.objects.create(owner=alice, description="Mystery broth", potassium_mg=100)
    review = _post_new(logged_in, "400 g chickpeas\n500 g mystery broth")
    assert review.context["lines"][1][1].food == mystery
    _resubmit(logged_in, review)
    recipe = Recipe.objects.get()
    assert recipe.food.magnesium_mg is None  # unknown, so entries count it as missing
    assert recipe.food.potassium_mg is not None
    page = logged_in.get(recipe.get_absolute_url()).content.decode()
    assert "at least" in page and "Mystery broth" in page


@pytest.mark.django_db
def test_a_logged_recipe_keeps_its_values_after_an_edit(logged_in, alice, log):
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas"))
    recipe = Recipe.objects.get()
    entry = log(alice, recipe.food, 200)
    before = entry.magnesium_per_100g
    edit_url = reverse("tracker:recipe_edit", args=[recipe.pk])
    review = logged_in.get(edit_url)
    more = _resubmit(logged_in, review, url=edit_url, ingredients="1 l water")
    _resubmit(logged_in, more, url=edit_url)
    recipe.food.refresh_from_db()
    assert recipe.food.magnesium_mg < before
    entry.refresh_from_db()
    assert entry.magnesium_per_100g == before
    page = logged_in.get(recipe.get_absolute_url()).content.decode()
    assert "Used in 1 entry" in page


@pytest.mark.django_db
def test_other_people_get_404(client, logged_in, alice, bob, profile_for):
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas"))
    recipe = Recipe.objects.get()
    profile_for(bob)
    client.force_login(bob)
    for name in ("tracker:recipe", "tracker:recipe_edit", "tracker:recipe_delete"):
        assert client.get(reverse(name, args=[recipe.pk])).status_code == 404
    assert client.post(reverse("tracker:recipe_delete", args=[recipe.pk])).status_code == 404
    assert client.get(reverse("foods:detail", args=[recipe.food_id])).status_code == 404
    assert "Chickpea soup" not in client.get(reverse("tracker:recipes")).content.decode()
    assert "Chickpea soup" not in client.get(reverse("tracker:recipes_csv")).content.decode()


@pytest.mark.django_db
def test_it_is_found_by_its_name_in_its_owners_search_only(logged_in, client, bob, profile_for):
    from foods import finder

    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas"))
    recipe = Recipe.objects.get()
    assert finder.find("chickpea soup", recipe.owner)[0] == recipe.food_id
    assert recipe.food_id not in finder.find("chickpea soup", bob)


@pytest.mark.django_db
def test_a_recipe_cannot_contain_itself(logged_in, alice):
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas", name="Base"))
    base = Recipe.objects.get()
    url = reverse("tracker:recipe_new")
    review = _post_new(logged_in, "300 g base", name="Stew")
    assert review.context["lines"][0][1].food == base.food  # a recipe is an ingredient
    _resubmit(logged_in, review, url=url)
    stew = Recipe.objects.get(name="Stew")
    # Base may not now take Stew, which contains it, nor itself.
    edit = reverse("tracker:recipe_edit", args=[base.pk])
    page = logged_in.get(edit)
    again = _resubmit(
        logged_in, page, url=edit, **{"lines-0-food": str(stew.food_id), "lines-0-grams": "100"}
    )
    assert again.status_code == 200
    assert "cannot be used here" in again.context["lines"][0][1].problem
    third = _resubmit(logged_in, again, url=edit)
    assert third.status_code == 422
    assert [i.food_id for i in base.ingredients.all()] != [stew.food_id]


@pytest.mark.django_db
def test_editing_a_sub_recipe_rewrites_the_dish_that_uses_it(logged_in):
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas", name="Base"))
    base = Recipe.objects.get()
    _resubmit(logged_in, _post_new(logged_in, "300 g base", name="Stew"))
    stew = Recipe.objects.get(name="Stew")
    before = Food.objects.get(pk=stew.food_id).magnesium_mg
    edit = reverse("tracker:recipe_edit", args=[base.pk])
    more = _resubmit(logged_in, logged_in.get(edit), url=edit, ingredients="1 l water")
    _resubmit(logged_in, more, url=edit)
    assert Food.objects.get(pk=stew.food_id).magnesium_mg < before


@pytest.mark.django_db
def test_supplements_are_not_ingredients(logged_in):
    review = _post_new(logged_in, "1 tablet magnesium oxide")
    line = review.context["lines"][0][1]
    assert line.food is None or not line.food.is_supplement


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x\n" * 10_000, "10,000 lines"),
        ("a" * 1_000_000, "1 MB or more"),
    ],
)
def test_a_huge_paste_is_refused_with_a_message(logged_in, text, message):
    response = _post_new(logged_in, text)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Recipe.objects.exists()


@pytest.mark.django_db
def test_at_most_100_ingredients(logged_in):
    response = _post_new(logged_in, "10 g chickpeas\n" * 101)
    assert response.status_code == 422
    assert "at most 100 ingredients" in response.content.decode()


@pytest.mark.django_db
def test_at_most_200_recipes(logged_in, monkeypatch):
    from tracker.models import MAX_RECIPES

    assert MAX_RECIPES == 200
    monkeypatch.setattr("tracker.views.recipe_form.MAX_RECIPES", 1)  # not 200 rows to make
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas"))
    assert logged_in.get(reverse("tracker:recipe_new")).status_code == 302
    response = _post_new(logged_in, "400 g chickpeas", name="Second")
    assert response.status_code == 302 and Recipe.objects.count() == 1
    page = logged_in.get(reverse("tracker:recipes")).content.decode()
    assert "the most mgk keeps" in page


@pytest.mark.django_db
@pytest.mark.parametrize("grams", ["0", "-5", "NaN", "inf", "1e400", "abc"])
def test_amounts_must_be_positive_and_finite(logged_in, grams):
    review = _post_new(logged_in, "1 cup chopped celery")
    response = _resubmit(logged_in, review, **{"lines-0-grams": grams})
    assert response.status_code == 422
    assert not Recipe.objects.exists()


@pytest.mark.django_db
def test_deleting_keeps_the_days_it_was_logged_on(logged_in, alice, log):
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas"))
    recipe = Recipe.objects.get()
    entry = log(alice, recipe.food, 300)
    response = logged_in.post(reverse("tracker:recipe_delete", args=[recipe.pk]))
    assert response.status_code == 302
    assert not Recipe.objects.exists() and not Food.objects.filter(pk=recipe.food_id).exists()
    entry.refresh_from_db()
    assert entry.food is None and entry.magnesium_per_100g is not None
    assert Entry.objects.count() == 1


@pytest.mark.django_db
def test_the_recipe_page_shows_each_ingredients_share(logged_in):
    _resubmit(logged_in, _post_new(logged_in))
    recipe = Recipe.objects.get()
    response = logged_in.get(recipe.get_absolute_url())
    shares = [row["potassium_share"] for row in response.context["lines"]]
    assert 98 <= sum(shares) <= 102  # rounded shares of the whole
    assert "Not medical advice" in response.content.decode()


@pytest.mark.django_db
def test_a_flagged_person_sees_no_potassium_percentage(client, alice, profile_for):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    _resubmit(client, _post_new(client, "400 g chickpeas"))
    response = client.get(Recipe.objects.get().get_absolute_url())
    assert response.context["potassium_percent"] is None
    assert response.context["magnesium_percent"] is not None


@pytest.mark.django_db
def test_recipes_csv_lists_ingredients(logged_in):
    _resubmit(logged_in, _post_new(logged_in))
    body = b"".join(logged_in.get(reverse("tracker:recipes_csv"))).decode()
    rows = body.strip().splitlines()
    assert rows[0].startswith("kind,name,servings,cooked_grams,line,food")
    assert len(rows) == 5 and all(r.startswith("recipe,Chickpea soup,4") for r in rows[1:])


def _queries(client, method, url, data=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        getattr(client, method)(url, data)
    return len(captured)


@pytest.mark.django_db
def test_the_review_costs_the_same_queries_for_2_or_40_lines(logged_in):
    url = reverse("tracker:recipe_new")
    base = {"name": "Soup", "servings": "2", "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0"}
    few = _queries(logged_in, "post", url, {**base, "ingredients": SOUP})
    many = _queries(logged_in, "post", url, {**base, "ingredients": "\n".join([SOUP] * 10)})
    assert few == many


@pytest.mark.django_db
def test_the_recipe_pages_cost_the_same_queries_whatever_their_size(logged_in):
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas"))
    small = Recipe.objects.get()
    _resubmit(logged_in, _post_new(logged_in, "\n".join([SOUP] * 10), name="Big"))
    big = Recipe.objects.get(name="Big")
    for name in ("tracker:recipe", "tracker:recipe_edit"):
        one = _queries(logged_in, "get", reverse(name, args=[small.pk]))
        forty = _queries(logged_in, "get", reverse(name, args=[big.pk]))
        assert one == forty, name
    assert _queries(logged_in, "get", reverse("tracker:recipes")) <= 8


def test_would_cycle_follows_recipes_inside_recipes():
    from tracker.models import would_cycle

    graph = {10: {1, 2, 20}, 20: {3, 30}, 30: {4}}
    assert would_cycle(graph, 10, 10)  # itself
    assert would_cycle(graph, 30, 20)  # 20 holds 30
    assert would_cycle(graph, 30, 10)  # 10 holds 20 holds 30
    assert not would_cycle(graph, 10, 30)
    assert not would_cycle(graph, None, 10)  # a new recipe is in nothing yet


@pytest.mark.django_db
def test_own_recipes_come_first_among_equal_matches(alice):
    from foods import finder

    plain = Food.objects.create(owner=alice, description="Soup, lentil", magnesium_mg=20)
    soup = Food.objects.create(  # made later: a larger id, which would rank it after
        owner=alice, description="Soup, lentil", category=RECIPE_CATEGORY, magnesium_mg=20
    )
    found = finder.find("lentil soup", alice)
    assert found.index(soup.pk) < found.index(plain.pk)


@pytest.mark.django_db
def test_deleting_the_account_deletes_recipes_and_saved_meals(logged_in, alice):
    from tracker.models import SavedMeal

    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas"))
    SavedMeal.objects.create(owner=alice, name="Usual")
    food_id = Recipe.objects.get().food_id
    alice.delete()
    assert not Recipe.objects.exists() and not SavedMeal.objects.exists()
    assert not Food.objects.filter(pk=food_id).exists()


@pytest.mark.django_db
def test_a_script_may_post_only_the_four_fields(logged_in):
    data = {"name": "Soup", "servings": "2", "cooked_grams": "", "ingredients": SOUP}
    review = logged_in.post(reverse("tracker:recipe_new"), data)
    assert review.status_code == 200 and len(review.context["lines"]) == 4
    assert _resubmit(logged_in, review).status_code == 302


@pytest.mark.django_db
def test_own_portions_are_kept_and_offered(logged_in):
    review = _post_new(logged_in, "400 g chickpeas\n1 l water")
    data = {"portions-TOTAL_FORMS": "1", "portions-INITIAL_FORMS": "0",
            "portions-0-label": "1 bowl", "portions-0-grams": "350"}  # fmt: skip
    assert _resubmit(logged_in, review, **data).status_code == 302
    recipe = Recipe.objects.get()
    labels = list(recipe.food.portions.values_list("label", "grams"))
    assert labels == [("1 serving", Decimal("350.00")), ("1 bowl", Decimal(350))]  # in order
    # Editing keeps them, and "1 serving" follows the servings.
    edit = reverse("tracker:recipe_edit", args=[recipe.pk])
    page = logged_in.get(edit)
    assert [p.instance.label for p in page.context["portions"] if p.instance.pk] == ["1 bowl"]


@pytest.mark.django_db
def test_an_entry_of_an_incomplete_recipe_counts_as_missing_and_tops_by_name(logged_in, alice, log):
    from tracker.nutrients import iso_week

    mystery = Food.objects.create(owner=alice, description="Mystery broth", potassium_mg=100)
    _resubmit(logged_in, _post_new(logged_in, "400 g chickpeas\n500 g mystery broth"))
    recipe = Recipe.objects.get()
    entry = log(alice, recipe.food, 300, "lunch")
    daily = Entry.objects.filter(pk=entry.pk).daily()[entry.date]
    assert daily["grams_without_magnesium"] == 300  # the coverage rule sees it as unknown
    assert daily["grams_without_potassium"] is None
    assert mystery.pk  # the broth stays the person's own food
    week = logged_in.get(reverse("tracker:week", args=[iso_week(entry.date)])).content.decode()
    top = week[week.index('data-top="potassium"') :]
    assert "Chickpea soup" in top[: top.index("</ol>")]  # the week's top foods, by its name


@pytest.mark.django_db
def test_one_line_is_added_with_enter_and_previewed_as_typed(logged_in):
    review = _post_new(logged_in, "400 g chickpeas")
    more = _resubmit(logged_in, review, add_line="2 cups spinach")
    assert more.status_code == 200 and not Recipe.objects.exists()
    lines = [r for _, r in more.context["lines"]]
    assert [r.text for r in lines] == ["400 g chickpeas", "2 cups spinach"]
    assert lines[1].food.description.startswith("Spinach, raw") and lines[1].amount.grams == 60
    assert "autofocus" in more.content.decode()
    preview = logged_in.get(reverse("tracker:recipe_line_preview"), {"add_line": "2 cups spinach"},
                            HTTP_HX_REQUEST="true")  # fmt: skip
    body = preview.content.decode()
    assert body.strip().startswith('<p id="line-preview"')
    assert "Spinach: 60 g gives magnesium 47 mg" in body
    nothing = logged_in.get(reverse("tracker:recipe_line_preview"), {"add_line": "qwxzzy"})
    assert "No food found" in nothing.content.decode()


@pytest.mark.django_db
def test_another_persons_food_is_never_an_ingredient(logged_in, bob):
    theirs = Food.objects.create(owner=bob, description="Bob's secret stew", magnesium_mg=50)
    review = _post_new(logged_in, "300 g secret stew")
    assert all(f.pk != theirs.pk for _, r in review.context["lines"] for f in r.candidates)
    forced = _resubmit(logged_in, review, **{"lines-0-food": str(theirs.pk)})
    assert "cannot be used here" in forced.context["lines"][0][1].problem
    assert "secret stew" not in forced.content.decode().replace("300 g secret stew", "")
    assert _resubmit(logged_in, forced).status_code == 422
    assert not Recipe.objects.exists()


@pytest.mark.django_db
def test_correcting_an_own_food_corrects_the_recipes_made_with_it(logged_in, alice, log):
    from tracker.models import RecipeIngredient

    granola = Food.objects.create(owner=alice, source="custom", description="My granola",
                                  magnesium_mg=120, potassium_mg=400)  # fmt: skip
    bowl = Recipe(owner=alice, name="Granola bowl", servings=2)
    bowl.save_with([RecipeIngredient(food=granola, grams=Decimal(200), text="200 g granola")])
    tray = Recipe(owner=alice, name="Granola tray", servings=1)
    tray.save_with([RecipeIngredient(food=bowl.food, grams=Decimal(100), text="100 g bowl")])
    eaten = log(alice, bowl.food, 100)
    assert Food.objects.get(pk=bowl.food_id).magnesium_mg == 120
    edit = reverse("foods:custom_edit", args=[granola.pk])
    data = {"description": "My granola", "basis": "100g", "serving_grams": "",
            "magnesium_mg": "60", "potassium_mg": "400", "energy_kcal": "", "sodium_mg": "",
            "portions-TOTAL_FORMS": "0", "portions-INITIAL_FORMS": "0"}  # fmt: skip
    assert logged_in.post(edit, data).status_code == 302
    assert Food.objects.get(pk=bowl.food_id).magnesium_mg == 60  # the dish made with it
    assert Food.objects.get(pk=tray.food_id).magnesium_mg == 60  # and the dish made of that
    page = logged_in.get(bowl.get_absolute_url()).content.decode()
    assert "60 mg" in page  # per serving: 100 g of a 200 g pot at 60 mg/100 g
    eaten.refresh_from_db()
    assert eaten.magnesium_per_100g == 120  # a past day keeps what it was logged with


def _add_box(response) -> str:
    return re.search(r'<input type="search" name="add_line"[^>]*>', response.content.decode())[0]


@pytest.mark.django_db
def test_a_food_without_an_amount_takes_its_grams_next(logged_in):
    """Type, Enter, grams, Enter: the line named only a food, so its grams box has the
    focus; Enter there (the Add button) shows the line with those grams and saves nothing."""
    review = _post_new(logged_in, "400 g chickpeas")
    more = _resubmit(logged_in, review, add_line="spinach", add="1")
    assert "autofocus" in str(more.context["lines"][1][0]["grams"])
    assert "autofocus" not in _add_box(more)
    preview = logged_in.get(reverse("tracker:recipe_line_preview"), {"add_line": "spinach"})
    assert "Spinach: Enter adds it, then type its grams." in preview.content.decode()
    typed = _resubmit(logged_in, more, add="1", **{"lines-1-grams": "60"})
    assert typed.status_code == 200 and not Recipe.objects.exists()
    assert [r.amount.grams for _, r in typed.context["lines"]] == [400, 60]
    assert "autofocus" in _add_box(typed)  # the next line is typed there
    saved = _resubmit(logged_in, typed)  # the Save button: no "add"
    assert saved.status_code == 302
    assert list(Recipe.objects.get().ingredients.values_list("grams", flat=True)) == [400, 60]

"""Numbers before Add: what a search result's usual portion gives, and what the add
form's amount adds.  Pure, over foods and portions already read."""

from decimal import Decimal

from django.db.models import prefetch_related_objects

from foods.portions import spoken


def minerals(food, grams: Decimal | None) -> dict | None:
    """{magnesium, potassium} in mg for ``grams`` of ``food``; a supplement leaves out
    what its label does not carry (None: shown as "not given", not "?")."""
    if grams is None:
        return None
    values = food.minerals_for(grams)
    values["shows"] = [
        key for key in ("magnesium", "potassium") if not food.is_supplement or values[key]
    ]
    return values


def result_numbers(foods: list) -> list[tuple]:
    """(food, portion label, minerals) for each search result, for its default portion
    (100 g when it has none): the portions of every result in one query."""
    prefetch_related_objects(foods, "portions")
    rows = []
    for food in foods:
        portion = food.default_portion(list(food.portions.all()))
        grams = portion.grams if portion else Decimal(100)
        label = spoken(portion.label) if portion else "100 g"
        rows.append((food, label, minerals(food, grams)))
    return rows


def grams_of(form) -> Decimal | None:
    """The grams the add form's amount stands for: cleaned when it was sent, else from
    its initial amount and unit."""
    if form.is_bound:
        return form.cleaned_data.get("grams") if hasattr(form, "cleaned_data") else None
    amount, unit = form.initial.get("amount"), form.initial.get("portion")
    if amount is None:
        return None
    amount = Decimal(str(amount))
    if not unit:
        return amount
    portion = next((p for p in form.portion_list if p.pk == unit), None)
    return portion.grams * amount if portion else None

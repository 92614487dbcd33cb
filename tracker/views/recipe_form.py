"""The recipe form, new and edit: the recipe's own fields, the pasted or typed lines
and the review of every line, and the preview of one line as it is typed."""

from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from config.http import HtmxHttpRequest
from foods.forms import PortionFormSet
from foods.models import Food, Portion
from tracker.forms import LineFormSet, RecipeForm
from tracker.models import MAX_INGREDIENTS, MAX_RECIPES, Recipe, RecipeIngredient
from tracker.nutrients import as_written
from tracker.recipe_lines import Reviewer, ReviewLine
from tracker.views.account import profile_required
from tracker.views.recipes import get_recipe_for_user

# The cooked dish may weigh between a tenth and ten times its ingredients: soaking beans
# or boiling grains takes up water, simmering drives it off; further off is a typo.
COOKED_RATIO = Decimal(10)


@profile_required
@require_http_methods(["GET", "POST"])
def recipe_edit(request: HtmxHttpRequest, pk: int | None = None) -> HttpResponse:
    """The recipe form.  Pasted lines and changed lines come back as a review of every
    line; a review sent back unchanged saves the recipe as shown."""
    recipe = get_recipe_for_user(request, pk) if pk else Recipe(owner=request.user)
    if recipe.pk is None and Recipe.objects.for_user(request.user).count() >= MAX_RECIPES:
        messages.error(
            request, f"You have {MAX_RECIPES} recipes, the most mgk keeps. Delete one first."
        )
        return redirect("tracker:recipes")
    reviewer = Reviewer(request.user, recipe.food_id)
    if request.method == "GET":
        rows = (
            [
                {
                    "text": i.text or i.description,
                    "food": i.food_id,
                    "grams": i.grams,
                    "portion_label": i.portion_label,
                    "quantity": i.quantity,
                    "rematch": i.food_id is None,  # its food was deleted: search again
                }
                for i in recipe.ingredients.all()
            ]
            if recipe.pk
            else []
        )
        reviewed = reviewer.review(rows)
        return _form_page(
            request, recipe, RecipeForm(instance=recipe), reviewed, portions=_portions(recipe)
        )

    form = RecipeForm(request.POST, instance=recipe)
    # A script may post only the name, servings, cooked weight and the pasted text: no
    # reviewed lines yet, no portions.
    posted = request.POST
    formset = LineFormSet(posted if "lines-TOTAL_FORMS" in posted else None, prefix="lines")
    portions = _portions(recipe, posted if "portions-TOTAL_FORMS" in posted else None)
    if formset.is_bound and not formset.is_valid():
        # Rows as sent, so the page shows what the person typed with its errors.
        rows = [_row_as_sent(f) for f in formset.forms]
        reviewed = reviewer.review(rows)
        return _form_page(
            request, recipe, form, reviewed, formset=formset, portions=portions, status=422
        )
    rows, changed = [], False
    for f in formset.forms if formset.is_bound else []:
        data = f.cleaned_data
        if data.get("DELETE") or not (data.get("text") or data.get("food")):
            continue
        row, row_changed = _row_from(data)
        rows.append(row)
        changed |= row_changed
    pasted = form.cleaned_data.get("ingredients") if form.is_valid() else []
    if form.is_valid() and form.cleaned_data.get("add_line"):
        pasted = [*pasted, form.cleaned_data["add_line"]]
    rows += [{"text": text, "rematch": True} for text in pasted or []]
    changed |= bool(pasted)
    reviewed = reviewer.review(rows)
    if not form.is_valid():
        return _form_page(request, recipe, form, reviewed, portions=portions, status=422)
    if len(reviewed) > MAX_INGREDIENTS:
        form.add_error(
            None,
            f"A recipe has at most {MAX_INGREDIENTS} ingredients; this one has "
            f"{len(reviewed)}. Remove some lines.",
        )
        return _form_page(
            request, recipe, form, reviewed[: MAX_INGREDIENTS + 20], portions=portions, status=422
        )
    if changed:
        messages.info(request, "Check each line: its food and grams. Then save.")
        return _form_page(request, recipe, form, reviewed, portions=portions)
    if "add" in posted:
        # Add (and Enter in any box, which presses it) shows the lines again, typed grams
        # and all; only Save, or a script sending no button, saves.
        return _form_page(request, recipe, form, reviewed, portions=portions)
    problems = [r for r in reviewed if r.problem]
    if problems:
        form.add_error(None, "Some lines have no food or no amount: fix them or remove them.")
        return _form_page(request, recipe, form, reviewed, portions=portions, status=422)
    if not reviewed:
        form.add_error("ingredients", "Add at least one ingredient.")
        return _form_page(request, recipe, form, reviewed, portions=portions, status=422)
    raw = sum(r.amount.grams for r in reviewed)
    cooked = form.cleaned_data.get("cooked_grams")
    if cooked and not raw / COOKED_RATIO <= cooked <= raw * COOKED_RATIO:
        form.add_error(
            "cooked_grams",
            f"The ingredients weigh {raw:,.0f} g; a cooked weight of {cooked:,.0f} g is far from "
            "that. Check it, or leave it empty.",
        )
        return _form_page(request, recipe, form, reviewed, portions=portions, status=422)
    if portions.is_bound and not portions.is_valid():
        return _form_page(request, recipe, form, reviewed, portions=portions, status=422)
    recipe = form.save(commit=False)
    with transaction.atomic():
        recipe.save_with([_ingredient(r) for r in reviewed])
        if portions.is_bound:
            portions.instance = recipe.food
            portions.save()
            _number_portions(recipe.food)
    messages.success(request, f"Saved “{recipe.name}”.")
    return redirect(recipe)


def _row_as_sent(form) -> dict:
    food = form.data.get(form.add_prefix("food"), "")
    return {
        "text": form.data.get(form.add_prefix("text"), "")[:200],
        "food": int(food) if food.isascii() and food.isdigit() and len(food) < 12 else None,
    }


def _row_from(data: dict) -> tuple[dict, bool]:
    """A reviewed line as sent back, and whether its words or food were changed."""
    text, food, grams = data.get("text", ""), data.get("food"), data.get("grams")
    row = {
        "text": text,
        "food": food,
        "grams": grams,
        "portion_label": data.get("portion_label", ""),
        "quantity": data.get("quantity"),
    }
    if text != data.get("seen_text", ""):
        row["rematch"] = True  # new words: search and read the amount again
        return row, True
    if str(food or "") != data.get("seen_food", ""):
        row["grams"] = None  # another food: its own portions give the amount
        return row, True
    try:
        seen = Decimal(data.get("seen_grams") or "0")
    except ArithmeticError:
        seen = None
    if grams != seen:
        row["portion_label"], row["quantity"] = "", None  # the grams were typed
    return row, False


def _ingredient(review: ReviewLine) -> RecipeIngredient:
    amount = review.amount
    portion = next((p for p in review.food.portions.all() if p.label == amount.portion_label), None)
    return RecipeIngredient(
        text=review.text,
        food=review.food,
        portion=portion if amount.portion_label else None,
        portion_label=amount.portion_label,
        quantity=amount.quantity.quantize(Decimal("0.001")) if amount.quantity else None,
        grams=amount.grams.quantize(Decimal("0.01")),
    )


def _line_initial(review: ReviewLine) -> dict:
    grams = review.amount.grams.quantize(Decimal("0.01")) if review.amount else None
    quantity = review.amount.quantity if review.amount else None
    food = review.food.pk if review.food else None
    return {
        "text": review.text,
        "food": food,
        "grams": as_written(grams),  # "400", not "400.00"
        "portion_label": review.amount.portion_label if review.amount else "",
        "quantity": quantity.quantize(Decimal("0.001")) if quantity else None,
        "seen_text": review.text,
        "seen_food": str(food or ""),
        "seen_grams": str(grams or ""),
    }


def _number_portions(food: Food) -> None:
    """Number the person's portions after "1 serving" (seq 0), so it is the one offered
    first on every database (SQLite sorts an empty seq first, PostgreSQL last)."""
    last = max((p.seq or 0 for p in food.portions.all()), default=0)
    for portion in food.portions.filter(seq__isnull=True).order_by("id"):
        last += 1
        portion.seq = last
        portion.save(update_fields=["seq"])


def _portions(recipe: Recipe, data=None) -> PortionFormSet:
    """The portions the person adds ("1 bowl" = 350 g); "1 serving" is worked out, not
    typed, so it is not among them."""
    food = recipe.food if recipe.food_id else Food(owner=recipe.owner)
    queryset = food.portions.exclude(seq=0) if food.pk else Portion.objects.none()
    return PortionFormSet(data, instance=food, prefix="portions", queryset=queryset)


def _form_page(
    request, recipe, form, reviewed, *, formset=None, portions=None, status=200
) -> HttpResponse:
    """The form with the review of every line: unbound lines show the review as it stands
    (what a save will store); a bound ``formset`` shows what was sent, with its errors."""
    if formset is None:
        formset = LineFormSet(initial=[_line_initial(r) for r in reviewed], prefix="lines")
    for line_form, review in zip(formset.forms, reviewed, strict=False):
        line_form.set_choices([(f.pk, f.name or f.description) for f in review.candidates])
    # Enter in the add box: the next line is typed there, unless the one just added named
    # a food without an amount ("spinach"), whose grams come next (type, Enter, grams,
    # Enter, as on the day page).
    added = request.method == "POST" and bool(request.POST.get("add_line"))
    focus_grams = added and reviewed and reviewed[-1].needs_grams
    if focus_grams:
        line_form = formset.forms[len(reviewed) - 1]
        line_form.fields["grams"].widget.attrs["autofocus"] = True
    if form.is_bound:
        # The pasted lines are in the review now (or were refused: a megabyte is not sent
        # back); the box is for more.
        form.data = form.data.copy()
        form.data["ingredients"] = form.data["add_line"] = ""
    known = [r for r in reviewed if r.amount and r.food]
    sums = {
        key: sum((r.minerals[key] or 0 for r in known), Decimal(0))
        for key in ("magnesium", "potassium")
    }
    return render(
        request,
        "tracker/recipe_form.html",
        {
            "recipe": recipe,
            "form": form,
            "formset": formset,
            "lines": list(zip(formset.forms, reviewed, strict=False)),
            "sums": sums,
            "limit": MAX_INGREDIENTS,
            "focus_add": not focus_grams and (added or "add" in request.POST),
            "portions": portions if portions is not None else _portions(recipe),
        },
        status=status,
    )


@profile_required
def recipe_line_preview(request: HtmxHttpRequest) -> HttpResponse:
    """What one typed ingredient line matches, with its grams and minerals: the recipe
    form's search as you type (htmx; without JavaScript, Enter adds the line)."""
    text = " ".join(request.GET.get("add_line", "").split())[:200]
    pk = request.GET.get("recipe", "")
    recipe = (
        Recipe.objects.for_user(request.user).filter(pk=int(pk)).first()
        if pk.isascii() and pk.isdigit() and len(pk) < 12
        else None
    )
    review = None
    if text:
        reviewer = Reviewer(request.user, recipe.food_id if recipe else None)
        review = reviewer.review([{"text": text, "rematch": True}])[0]
    return render(request, "tracker/recipe_form.html#line-preview", {"preview": review})

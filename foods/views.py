from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from config.http import HtmxHttpRequest
from foods import finder
from foods.forms import CustomFoodForm, PortionFormSet
from foods.models import RECIPE_CATEGORY, Food
from foods.nutrients import ADULT_REFERENCE_MG
from foods.rows import portion_rows, result_rows

SORTS = {"relevance", "magnesium", "potassium"}
BASES = {"100g": "per 100 g", "portion": "per portion", "kcal": "per 100 kcal"}
PAGE_SIZE = 40


@require_GET
def food_list(request: HtmxHttpRequest) -> HttpResponse:
    """Search as you type, browse by category, sort by mineral content."""
    return search_page(request)


def search_page(request: HtmxHttpRequest, habits: dict[int, int] | None = None) -> HttpResponse:
    """The food list: the whole page or, for htmx, only the results partial.

    A search ranks in the per-process index (foods.finder) and reads only the shown
    page's rows; browsing reads the category's rows; neither counts the whole catalogue.
    ``habits`` ({food id: times logged}) ranks a person's usual foods first among equally
    good matches: the catalogue knows nothing of logs, so whoever knows them passes them.
    """
    query = request.GET.get("q", "").strip()[:100]
    category = request.GET.get("category", "").strip()[:100]
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    basis = request.GET.get("basis", "100g")
    basis = basis if basis in BASES else "100g"

    catalogue = finder.catalogue()
    foods = Food.objects.visible_to(request.user)
    if basis == "portion":  # the per-portion column and sort need the first portion
        foods = foods.with_first_portion()
    page = None
    if query:
        ids = finder.find(query, request.user, category=category, habits=habits, cat=catalogue)
        if sort == "relevance":
            page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
            page.object_list = finder.foods_in_order(list(page.object_list), foods)
        else:
            foods = foods.filter(pk__in=ids).order_by_mineral(sort, basis)
            page = _page(foods, len(ids), request)
    elif category or sort != "relevance":
        if category:
            foods = foods.filter(category=category)
        if sort != "relevance":
            foods = foods.order_by_mineral(sort, basis)
        page = Paginator(foods, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = result_rows(page.object_list, basis) if page else []

    context = {
        "query": query,
        "category": category,
        "sort": sort,
        "basis": basis,
        "bases": BASES,
        "basis_label": BASES[basis],
        "categories": None,
        "rows": rows,
        "unknown": any("?" in (r["magnesium"], r["potassium"], r["energy"]) for r in rows),
        "page": page,
    }
    template = "foods/list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    else:
        context["categories"] = catalogue.category_counts
    return render(request, template, context)


def _page(foods, count: int, request):
    """A page of ``foods`` whose number is known already: no COUNT query."""
    paginator = Paginator(foods, PAGE_SIZE)
    paginator.count = count  # shadows the cached property that would run COUNT(*)
    return paginator.get_page(request.GET.get("page"))


@require_GET
def food_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    food = get_object_or_404(Food.objects.visible_to(request.user), pk=pk)
    reference = reference_for(request.user)
    return render(
        request,
        "foods/detail.html",
        {
            "food": food,
            "portions": portion_rows(food, food.portions.all(), reference),
            "reference": reference,
        },
    )


def reference_for(user) -> dict:
    """What the percentages compare with: the person's own targets today when they have
    a profile (a woman's 320 mg of magnesium, not a man's 420), else an adult reference
    named as such.  ``potassium`` is None when the person's potassium is set with a
    provider.

    Any ``user.profile`` with ``targets_on(date)`` will do: the catalogue does not
    import the tracker that keeps profiles (a missing one reads as None, as Django's
    one-to-one lookup raises an AttributeError for it)."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return {"own": False, "restricted": False, **ADULT_REFERENCE_MG}
    targets = profile.targets_on(timezone.localdate())
    return {
        "own": True,
        "restricted": not targets.potassium_applies,
        "magnesium": targets.magnesium_mg,
        "potassium": targets.potassium_mg,
    }


def _get_custom_food_for_user(request, pk: int) -> Food:
    """404 unless the food is this person's own (a recipe's food is edited as a recipe)."""
    foods = Food.objects.filter(owner=request.user).exclude(category=RECIPE_CATEGORY)
    return get_object_or_404(foods, pk=pk)


@login_required
def custom_list(request: HtmxHttpRequest) -> HttpResponse:
    foods = Food.objects.filter(owner=request.user).exclude(category=RECIPE_CATEGORY)
    foods = foods.prefetch_related("portions")
    return render(request, "foods/custom_list.html", {"foods": foods})


@login_required
@require_http_methods(["GET", "POST"])
def custom_edit(request: HtmxHttpRequest, pk: int | None = None) -> HttpResponse:
    food = (
        _get_custom_food_for_user(request, pk)
        if pk
        else Food(owner=request.user, source=Food.Source.CUSTOM)
    )
    form = CustomFoodForm(request.POST or None, instance=food)
    portions = PortionFormSet(request.POST or None, instance=food, prefix="portions")
    if request.method == "POST" and form.is_valid() and portions.is_valid():
        with transaction.atomic():
            food = form.save()
            portions.instance = food
            portions.save()
            serving = form.cleaned_data.get("serving_grams")
            if serving and not food.portions.filter(grams=serving).exists():
                food.portions.create(label="1 serving", grams=serving)
        messages.success(request, f"Saved “{food.description}”.")
        return redirect("foods:custom_list")
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "foods/custom_form.html",
        {"form": form, "portions": portions, "food": food},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def custom_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    food = _get_custom_food_for_user(request, pk)
    if request.method == "POST":
        food.delete()  # logged entries keep their own copy of the values
        messages.success(
            request, f"Deleted “{food.description}”. Days you logged it on are unchanged."
        )
        return redirect("foods:custom_list")
    return render(request, "foods/custom_delete.html", {"food": food})

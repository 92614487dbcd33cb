from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from config.http import HtmxHttpRequest
from foods.forms import CustomFoodForm, PortionFormSet
from foods.models import Food

SORTS = {"relevance", "magnesium", "potassium"}
BASES = {"100g": "per 100 g", "portion": "per portion", "kcal": "per 100 kcal"}
PAGE_SIZE = 40


@require_GET
def food_list(request: HtmxHttpRequest) -> HttpResponse:
    """Search as you type, browse by category, sort by mineral content.

    The same view serves the whole page and, for htmx, only the results partial.
    """
    query = request.GET.get("q", "").strip()[:100]
    category = request.GET.get("category", "").strip()
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    basis = request.GET.get("basis", "100g")
    basis = basis if basis in BASES else "100g"

    foods = Food.objects.visible_to(request.user)
    if basis == "portion":  # the per-portion column and sort need the first portion's weight
        foods = foods.with_first_portion()
    if category:
        foods = foods.filter(category=category)
    if query:
        foods = foods.search(query)
    if sort != "relevance":
        foods = foods.order_by_mineral(sort, basis)

    page = None
    if query or category or sort != "relevance":
        page = Paginator(foods, PAGE_SIZE).get_page(request.GET.get("page"))

    context = {
        "query": query,
        "category": category,
        "sort": sort,
        "basis": basis,
        "bases": BASES,
        "basis_label": BASES[basis],
        "page": page,
        "categories": None,
    }
    template = "foods/list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    else:
        context["categories"] = Food.objects.visible_to(request.user).categories()
    return render(request, template, context)


@require_GET
def food_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    food = get_object_or_404(Food.objects.visible_to(request.user), pk=pk)
    portions = list(food.portions.all())
    return render(request, "foods/detail.html", {"food": food, "portions": portions})


def _get_custom_food_for_user(request, pk: int) -> Food:
    """404 unless the food is this person's own."""
    return get_object_or_404(Food.objects.filter(owner=request.user), pk=pk)


@login_required
def custom_list(request: HtmxHttpRequest) -> HttpResponse:
    foods = Food.objects.filter(owner=request.user).prefetch_related("portions")
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

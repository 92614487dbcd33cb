from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from config.http import HtmxHttpRequest
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

    foods = Food.objects.visible_to(request.user).with_first_portion()
    if category:
        foods = foods.filter(category=category)
    if query:
        foods = foods.search(query)
    if sort != "relevance":
        foods = foods.order_by_mineral(sort, basis)
    elif not query:
        foods = foods.order_by("-popularity", "description") if not category else foods

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

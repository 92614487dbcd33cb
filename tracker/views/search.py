"""The food catalogue's search for a signed-in person: their usual foods first.

The catalogue (foods) knows nothing of logs; this view reads what the person logs and
hands it to the catalogue's own search page, at the same URL and name (foods:list).
"""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from config.http import HtmxHttpRequest
from foods.views import search_page
from tracker.models import Entry


@require_GET
def food_list(request: HtmxHttpRequest) -> HttpResponse:
    habits = None
    if request.user.is_authenticated and request.GET.get("q", "").strip():
        habits = Entry.objects.for_user(request.user).habits()
    return search_page(request, habits=habits)

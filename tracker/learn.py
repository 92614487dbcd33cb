"""Learn pages: short explanations, each with its references (primary sources first)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from config.http import HtmxHttpRequest

# slug -> (title, one-line summary).  The text lives in templates/learn/<slug>.html.
PAGES = {
    "why-together": (
        "Why magnesium and potassium belong together",
        "The pump that holds potassium inside cells runs on magnesium, and the kidney "
        "holds on to potassium less well when magnesium is short.",
    ),
    "reference-intakes": (
        "Where your targets come from",
        "What an RDA and an AI are, who set the numbers, and when they do not apply.",
    ),
    "supplements-and-kidneys": (
        "Supplements, kidneys and medicines",
        "Why supplements need a conversation with your provider, and who must be careful.",
    ),
}


def index(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "learn/index.html", {"pages": PAGES})


def page(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    if slug not in PAGES:
        raise Http404("No such page")
    title, summary = PAGES[slug]
    return render(request, f"learn/{slug}.html", {"title": title, "summary": summary, "slug": slug})

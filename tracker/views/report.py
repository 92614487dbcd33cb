"""The report for an appointment: a page that prints, and the same report as a PDF."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from config.http import HtmxHttpRequest
from tracker import report
from tracker.forms import ReportForm
from tracker.views.account import profile_required

PDF_STYLESHEET = "css/report-pdf.css"


def _form(request) -> ReportForm:
    return ReportForm(request.GET or None)


def _context(request, form: ReportForm) -> dict:
    found = report.read(request.user, form.cleaned_data["end"], form.cleaned_data["weeks"])
    for mineral in found.span.minerals:
        for food in mineral.top_foods:
            if food["food_id"]:
                food["url"] = reverse("foods:detail", args=[food["food_id"]])
    query = {"weeks": found.weeks, "end": form.cleaned_data["end"].isoformat()}
    return {"report": found, "form": form, "query": query}


@profile_required
@require_GET
def report_view(request: HtmxHttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return render(request, "tracker/report.html", {"form": form}, status=400)
    return render(request, "tracker/report.html", _context(request, form))


@profile_required
@require_GET
def report_pdf(request: HtmxHttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return render(request, "tracker/report.html", {"form": form}, status=400)
    context = _context(request, form)
    try:
        # Imported here: WeasyPrint takes a while to load and only this view needs it.
        import weasyprint
    except (ImportError, OSError):
        # Its Pango libraries are a system package (README, "Dependencies"): a server
        # without them still has the printable page.
        context["pdf_problem"] = (
            "This server cannot draw PDFs (WeasyPrint's system libraries are not "
            "installed). Print this page instead, or save it as a PDF from the print dialog."
        )
        return render(request, "tracker/report.html", context, status=503)
    html = render_to_string("tracker/report_pdf.html", context, request=request)
    # Drawn from our own HTML and stylesheet only: the fetcher allows no protocol, so
    # nothing in the page (a food's name included) can make the server fetch a URL.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=set())
    with open(finders.find(PDF_STYLESHEET), encoding="utf-8") as css:
        stylesheet = weasyprint.CSS(string=css.read(), url_fetcher=fetcher)
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{context["report"].filename}"'
    return response

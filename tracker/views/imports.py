"""Bringing a history in (a preview, then an explicit confirm) and taking it out (the
full backup).  The uploaded file is read in memory and never stored: Django deletes a
large upload's temporary file when the request ends, and the confirm sends the file again
with the digest of the one previewed, so nothing is kept between the two steps."""

import hashlib

from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from config import uploads
from config.http import HtmxHttpRequest
from tracker.forms import ImportForm
from tracker.imports import backup, files, store
from tracker.imports.table import MAX_BYTES, Unreadable
from tracker.models import EARLIEST_DAY, latest_entry_day
from tracker.nutrients import iso_week
from tracker.views.account import profile_required

TEMPLATE = "tracker/import.html"


@profile_required
@require_http_methods(["GET", "POST"])
def import_page(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST" and _too_large(request):
        refused = f"The file is over {MAX_BYTES // 2**20} MB; export fewer days at once."
        # htmx swaps a 422 (the page's htmx-config), not a 413.
        status = 422 if request.htmx else 413
        return _render(request, ImportForm(), status=status, refused=refused)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _render(request, form)
    if not form.is_valid():
        return _render(request, form, status=422)
    data = form.cleaned_data["file"].read()
    digest = hashlib.sha256(data).hexdigest()
    try:
        parsed = files.read(data, EARLIEST_DAY, latest_entry_day())
    except Unreadable as error:
        form.add_error("file", str(error))
        return _render(request, form, status=422)
    plan = store.plan(request.user, parsed)
    own = parsed.source == backup.SOURCE and backup.own_backup(request.user, parsed)
    preview = {"plan": plan, "digest": digest, "own_backup": own,
               "first": min(plan.parsed.days, default=None),
               "last": max(plan.parsed.days, default=None)}  # fmt: skip
    if request.POST.get("step") != "import":
        return _render(request, form, preview=preview)
    if form.cleaned_data["confirm"] != digest:
        preview["changed"] = True
    elif not parsed.problems and not own:
        return _imported(request, parsed, plan)
    return _render(request, form, preview=preview)


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > uploads.MAX_REQUEST_BYTES
    except ValueError:
        return False


def _imported(request, parsed, plan) -> HttpResponse:
    writer = backup.write if parsed.source == backup.SOURCE else store.write
    try:
        added = writer(request.user, parsed)
    except (DatabaseError, Unreadable, ValueError) as error:
        # Rolled back as a whole: nothing of the file was written.
        reason = str(error) if isinstance(error, Unreadable) else "the database refused it"
        messages.error(request, f"Nothing was imported: {reason}.")
        return _back(request, reverse("tracker:import"))
    if added:
        days = {row.day for row in plan.new}
        messages.success(
            request,
            f"Imported {added:,} {'entry' if added == 1 else 'entries'} on {len(days):,} "
            f"{'day' if len(days) == 1 else 'days'}, {min(days)} to {max(days)}.",
        )
        return _back(request, reverse("tracker:week", args=[iso_week(max(days))]))
    messages.info(request, "Nothing new: every row of this file was imported before.")
    return _back(request, reverse("tracker:import"))


def _back(request, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render(request, form, preview=None, status=200, refused="") -> HttpResponse:
    template = f"{TEMPLATE}#import-result" if request.htmx else TEMPLATE
    context = {"form": form, "preview": preview, "refused": refused}
    return render(request, template, context, status=status)


@profile_required
def backup_download(request: HtmxHttpRequest) -> HttpResponse:
    response = HttpResponse(backup.dump(request.user), content_type="application/zip")
    name = f"mgk-backup-{timezone.localdate()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

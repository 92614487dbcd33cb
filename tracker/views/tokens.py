"""The API tokens page: make a named token (shown once), see them, revoke one."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from config.http import HtmxHttpRequest
from tracker.forms import TokenForm
from tracker.models import ApiToken
from tracker.views.account import profile_required


def _get_token_for_user(request, pk: int) -> ApiToken:
    """404 for anything that is not this person's token."""
    return get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)


@profile_required
@require_http_methods(["GET", "POST"])
def tokens(request: HtmxHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    created = plaintext = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # Shown in this answer only: the plaintext is never stored, so it cannot be
            # shown again (no redirect that would need to carry it).
            created, plaintext = ApiToken.issue(request.user, form.cleaned_data["name"])
            form = TokenForm(user=request.user)
            status = 201
        else:
            status = 422
    context = {
        "form": form,
        "created": created,
        "plaintext": plaintext,
        "tokens": ApiToken.objects.for_user(request.user),
    }
    return render(request, "tracker/tokens.html", context, status=status)


@profile_required
@require_POST
def token_revoke(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    token = _get_token_for_user(request, pk)
    token.revoke()
    messages.success(request, f"Revoked “{token.name}”: it no longer opens your diary.")
    return redirect("tracker:tokens")

"""Home, sign-up, profile and the account's data (export, deletion)."""

import csv
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from config.http import HtmxHttpRequest
from tracker.exports import safe_cell
from tracker.forms import DeleteAccountForm, ProfileForm, SignupForm
from tracker.models import Entry, Profile, amount_text, profile_of
from tracker.nutrients import as_written


class LogoutView(auth_views.LogoutView):
    """Django's logout, and a line on the page it lands on saying so."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are logged out.")
        return response


def home(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "home.html")


ACTIVATION_SALT = "tracker.activate"
ACTIVATION_MAX_AGE = 3 * 24 * 60 * 60  # three days to click the link


def signup(request: HtmxHttpRequest) -> HttpResponse:
    """One account per e-mail address, and nobody learns whether an address has one:
    every valid sign-up ends on the same "check your e-mail" page; the e-mail differs
    (a link that finishes signing up, or a note that the account exists)."""
    if request.user.is_authenticated:
        return redirect("tracker:day_today")
    if request.method == "POST" and (pending := _never_activated(request.POST.get("email"))):
        # Signing up again, the same name included, for an account never activated: the
        # first mail went astray, so send the link again rather than "name taken".
        _send_account_mail(request, pending, "activate")
        return redirect("signup_sent")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        existing = get_user_model().objects.filter(email__iexact=email).first()
        if existing is None:
            user = form.save(commit=False)
            user.is_active = False  # until the link in the e-mail is followed
            user.save()
            _send_account_mail(request, user, "activate")
        elif not existing.is_active and existing.last_login is None:
            _send_account_mail(request, existing, "activate")  # the first mail went astray
        else:
            _send_account_mail(request, existing, "exists")
        return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form})


def _never_activated(email):
    """The one account of ``email`` (any case) if it was never activated, else None."""
    if not email or len(email) > 254 or "@" not in email:
        return None
    accounts = list(get_user_model().objects.filter(email__iexact=email)[:2])
    if len(accounts) == 1 and not accounts[0].is_active and accounts[0].last_login is None:
        return accounts[0]
    return None


def _send_account_mail(request, user, kind: str) -> None:
    token = signing.dumps(user.pk, salt=ACTIVATION_SALT)
    context = {
        "user": user,
        "activate_url": request.build_absolute_uri(reverse("activate", args=[token])),
        "reset_url": request.build_absolute_uri(reverse("password_reset")),
    }
    send_mail(
        "Finish signing up to mgk" if kind == "activate" else "You already have an mgk account",
        render_to_string(f"registration/mail_{kind}.txt", context),
        None,
        [user.email],
    )


def signup_sent(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "registration/signup_sent.html", {"debug": settings.DEBUG})


def activate(request: HtmxHttpRequest, token: str) -> HttpResponse:
    try:
        pk = signing.loads(token, salt=ACTIVATION_SALT, max_age=ACTIVATION_MAX_AGE)
    except signing.BadSignature:
        return render(request, "registration/activate_failed.html", status=400)
    user = get_object_or_404(get_user_model(), pk=pk)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    return redirect("tracker:profile")


def profile_required(view):
    """Send a person without a profile to the first-login step, then back."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if profile_of(request.user) is None:
            # Same "?next=" handling (and URL encoding) as the login redirect.
            return redirect_to_login(request.get_full_path(), reverse("tracker:profile"))
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def profile(request: HtmxHttpRequest) -> HttpResponse:
    instance = profile_of(request.user)
    first_time = instance is None
    # The targets shown are the saved profile's: validating a bad form changes the
    # instance in memory (an empty date of birth), which must not reach the targets.
    targets = instance.targets_on(timezone.localdate()) if instance else None
    form = ProfileForm(request.POST or None, instance=instance or Profile(user=request.user))
    if first_time:
        form.fields["timezone"].widget.attrs["data-detect"] = ""
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved. Your targets are below.")
        target = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return redirect(target)
        return redirect("tracker:day_today" if first_time else "tracker:profile")
    return render(
        request,
        "tracker/profile.html",
        {"form": form, "targets": targets, "first_time": first_time},
    )


@login_required
def export_csv(request: HtmxHttpRequest) -> StreamingHttpResponse:
    """All of a person's entries as CSV, streamed row by row (years of history stay cheap)."""

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    entries = (
        Entry.objects.for_user(request.user)
        .with_minerals()
        .order_by("date", "id")
        .values_list(
            "date",
            "meal",
            "description",
            "fdc_id",
            "portion_label",
            "quantity",
            "grams",
            "magnesium",
            "potassium",
        )
    )

    def rows():
        yield writer.writerow(
            ["date", "meal", "food", "fdc_id", "amount", "grams", "magnesium_mg", "potassium_mg"]
        )
        for day, meal, food, fdc_id, label, quantity, grams, mg, k in entries.iterator(
            chunk_size=2000
        ):
            amount = amount_text(
                quantity, label, grams, times="x", as_said=False
            )  # plain ASCII for CSV
            yield writer.writerow(
                safe_cell(cell)  # food names and portion labels are a person's own text
                for cell in [
                    day.isoformat(),
                    meal,
                    food,
                    fdc_id or "",
                    amount,
                    as_written(grams),
                    "" if mg is None else f"{mg:.1f}",
                    "" if k is None else f"{k:.1f}",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mgk-{timezone.localdate()}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HtmxHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            logout(request)
            user.delete()  # cascades to profile, entries and custom foods
        messages.success(request, "Your account and all of its data are deleted.")
        if request.htmx:
            return HttpResponseClientRedirect(reverse("home"))
        return redirect("home")
    return render(request, "tracker/delete_account.html", {"form": form})

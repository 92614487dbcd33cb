"""Rendered fragments of a person's pages, kept until anything they show changes.

A day, week or trends page is the same HTML until the person logs, edits or deletes an
entry, edits their profile, the catalogue changes or the date moves on.  Its fragments
are cached under a key made of all of those: the profile's ``version`` (a new token with
every entry change and profile save, in the same transaction), the catalogue's token,
the person's today and the meal for their hour, and the CSRF secret the fragment's
forms carry.  Nothing has to be deleted when something changes: a changed part makes a
new key and the old entry ages out of the cache.  Each server process keeps its own
(the ``fragments`` cache of the settings, in local memory).

A page's plain view reads and keeps them, and so does the day page's answer to a change,
which renders the parts as they now are (``context["fragments"]``); a form shown again
with its errors is always rendered afresh.

``deferred()`` lets a view hand the template what the cached parts need without
computing it first: on a hit, the page's queries and charts are never built.
``remembered()`` keeps a value read from the log (the foods logged lately) the same way.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.middleware.csrf import get_token
from django.utils import timezone

from foods.models import CatalogueVersion
from tracker.models import meal_for_hour

T = TypeVar("T")
TIMEOUT = 6 * 60 * 60  # keys change with the date anyway; this bounds an idle entry


def key(request, name: str, parts: Iterable = (), *, log: bool = True) -> str:
    """The cache key of fragment ``name`` of this person's page, varied by ``parts``.

    ``log=False``: the fragment shows nothing of the log, only what the profile sets (the
    targets, the units) or nothing personal at all (a form), so logging a food keeps it.
    """
    profile = request.user.profile
    scope = profile.version if log else _settings(profile)
    raw = "\x1f".join(map(str, (name, _page(request), scope, *parts)))
    return "mgk:fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def _settings(profile) -> str:
    """The profile's own values (not its version, which entry changes renew too)."""
    return "\x1f".join(
        str(getattr(profile, field.attname))
        for field in profile._meta.concrete_fields
        if field.attname != "version"
    )


def _page(request) -> str:
    """What every fragment of this request's page varies by, worked out once."""
    if not hasattr(request, "_fragment_page"):
        if "CSRF_COOKIE" not in request.META:
            get_token(request)  # a first visit has no CSRF secret yet: this makes one
        request._fragment_page = "\x1f".join(
            str(part)
            for part in (
                request.user.pk,
                _catalogue(request),
                timezone.localdate(),  # "Today", days to come and ages move with it
                # Quick add offers "Now (Lunch)": the meal for the hour.
                meal_for_hour(timezone.localtime().hour),
                request.META["CSRF_COOKIE"],  # the secret the fragments' forms carry
            )
        )
    return request._fragment_page


def _catalogue(request) -> str:
    """The catalogue's version token, read once per request (notes suggest its foods)."""
    if not hasattr(request, "_catalogue_token"):
        request._catalogue_token = CatalogueVersion.current()
    return request._catalogue_token


def catalogue_read(request, token: str) -> None:
    """The catalogue's token as a search in this request read it: not read twice."""
    request._catalogue_token = token


def get_or_render(
    request, name: str, parts: Iterable, render: Callable[[], str], *, log: bool = True
) -> str:
    cache = caches["fragments"]
    fragment_key = key(request, name, parts, log=log)
    html = cache.get(fragment_key)
    if html is None:
        html = render()
        cache.set(fragment_key, html, TIMEOUT)
    return html


_MISSING = object()


def remembered(request, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, a value read from this person's log, kept under the same key as
    their fragments: asked for again (search ranks every query by it), it is read once
    until their log, the catalogue or the date changes.  Needs a profile."""
    cache = caches["fragments"]
    value_key = key(request, name)
    value = cache.get(value_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(value_key, value, TIMEOUT)
    return value


def deferred(compute: Callable[[], dict], names: Iterable[str]) -> dict:
    """Context entries for ``names`` that run ``compute`` (once) only when a template
    reads one of them.  The template language calls a callable it finds in the context,
    so the templates read them as plain values."""
    once = functools.cache(compute)
    return {name: functools.partial(_item, once, name) for name in names}


def _item(compute: Callable[[], dict], name: str):
    return compute()[name]

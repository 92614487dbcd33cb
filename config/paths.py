"""``reverse()`` for the links a page draws many times (a year of days, a page of foods,
the site navigation on every page).

A URL is a pure function of the route's name, its arguments, the URLconf and where mgk
is mounted (the script prefix), so it is remembered under exactly those: a remembered
one can never be out of date, and nothing has to be cleared when data changes.
reverse() was a quarter of the trends page's time and a tenth of a search page's.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


def path(name: str, *args) -> str:
    """``reverse(name, args=args)``; the arguments must be hashable (ids, ISO dates)."""
    return _reverse(name, args, get_urlconf(), get_script_prefix())


def each(name: str, values) -> list[str]:
    """``path(name, value)`` for each of ``values`` (a year of days): the URLconf and
    prefix are read once, as each read of them costs as much as the remembered URL."""
    urlconf, prefix = get_urlconf(), get_script_prefix()
    return [_reverse(name, (value,), urlconf, prefix) for value in values]


@lru_cache(maxsize=16384)
def _reverse(name: str, args: tuple, urlconf, prefix: str) -> str:
    # urlconf and prefix are in the key only: reverse() reads both itself.
    return reverse(name, args=args)

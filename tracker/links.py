"""URLs with one argument, reversed once per process.

A page lists many days or entries, each with links; reverse() per link cost a day page
about 70 URL resolutions per request.  Each pattern is reversed once, with a placeholder
that its converter accepts, and filled in by string replacement.
"""

from functools import cache

from django.urls import reverse

# A value each converter accepts and no real URL part contains.
PLACEHOLDERS = {"day": "1111-11-11", "int": "987654321", "isoweek": "1111-W11"}


@cache
def _pattern(name: str, kind: str) -> str:
    return reverse(name, args=[PLACEHOLDERS[kind]])


def url(name: str, kind: str, value) -> str:
    """reverse(name, args=[value]) for an argument of converter ``kind``."""
    return _pattern(name, kind).replace(PLACEHOLDERS[kind], str(value))

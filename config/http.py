from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """HttpRequest as HtmxMiddleware leaves it, for view type hints."""

    htmx: HtmxDetails

import logging
import time

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)
requests_log = logging.getLogger("mgk.requests")


class RejectNulMiddleware:
    """Answer 400 to any request whose path, query or form data holds a NUL character.

    PostgreSQL text cannot store NUL (psycopg raises DataError, a 500), and no field or
    query of mgk has a use for one; refusing it here covers every view at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *_values(request.GET)]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            values += _values(request.POST)
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest("NUL characters are not allowed.")
        return self.get_response(request)


def _values(query) -> list[str]:
    return [item for key, items in query.lists() for item in (key, *items)]


class HealthCheckMiddleware:
    """``/healthz``: "ok" (200) when the database answers, 503 otherwise.

    First in the chain: no session, no login, no redirect to HTTPS, one ``SELECT 1``,
    so a load balancer may probe it as often as it likes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != "/healthz":
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            logger.exception("health check: the database does not answer")
            return HttpResponse("database unavailable", status=503, content_type="text/plain")
        return HttpResponse("ok", content_type="text/plain")


class PrivatePagesMiddleware:
    """A signed-in person's pages and exports are theirs: ``Cache-Control: private,
    no-store``, so no shared cache or back button on a shared computer keeps them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RequestLogMiddleware:
    """One line per request: method, path, status and milliseconds (the query string is
    left out: it may hold what a person searched for)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        requests_log.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response

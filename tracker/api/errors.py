"""Every API answer is JSON, errors included: ``{"message": ..., "field": ...}``, where
``field`` names the input at fault (or is null).  Never an HTML page, never a 500 for
anything a client sends."""

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

API_PREFIX = "/api/"


class FieldError(Exception):
    """Bad input the API refuses with 422, naming the field."""

    def __init__(self, message: str, field: str | None = None, status: int = 422):
        super().__init__(message)
        self.message, self.field, self.status = message, field, status


def error(message: str, field: str | None = None, status: int = 422) -> JsonResponse:
    return JsonResponse({"message": message, "field": field}, status=status)


def _field_of(loc) -> str | None:
    """The client's name for the input at ``loc`` (("body", "payload", "grams") -> "grams")."""
    names = [str(part) for part in loc if part not in ("body", "query", "path", "payload")]
    names = [n for n in names if not n.isdigit()]
    return ".".join(names) or None


def _validation(request, exc: ValidationError) -> JsonResponse:
    first = exc.errors[0] if exc.errors else {}
    field = _field_of(first.get("loc", ()))
    message = first.get("msg", "That request could not be read.")
    if first.get("type") == "json_invalid":
        message, field = "The body is not valid JSON.", None
    elif first.get("type") == "missing" and field:
        message = f"{field} is required."
    elif field:
        message = f"{field}: {message}"
    return error(message, field)


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(FieldError, lambda r, e: error(e.message, e.field, e.status))
    api.add_exception_handler(ValidationError, _validation)
    api.add_exception_handler(
        AuthenticationError,
        lambda r, e: error(
            "A valid API token is needed: Authorization: Bearer mgk_... "
            "(made on your profile's API tokens page).",
            status=401,
        ),
    )
    api.add_exception_handler(
        Throttled,
        lambda r, e: error("Too many requests for this token; wait a minute.", status=429),
    )
    api.add_exception_handler(HttpError, lambda r, e: error(str(e), status=e.status_code))
    api.add_exception_handler(Http404, lambda r, e: error("Not found.", status=404))


class JsonErrorsMiddleware:
    """Under /api/, what answers before or around the API (no such URL, a method the
    endpoint does not take, a NUL refused by RejectNulMiddleware) answers in JSON too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        messages = {
            400: "Bad request.",
            404: "Not found.",
            405: "This endpoint does not take that method.",
        }
        text = messages.get(response.status_code, "The request failed.")
        if response.status_code == 400 and b"NUL" in getattr(response, "content", b""):
            text = "NUL characters are not allowed."
        replaced = HttpResponse(
            json.dumps({"message": text, "field": None}),
            status=response.status_code,
            content_type="application/json",
        )
        if response.has_header("Allow"):
            replaced["Allow"] = response["Allow"]
        return replaced

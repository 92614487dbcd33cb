from django.http import HttpResponseBadRequest


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

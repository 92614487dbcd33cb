import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Activate the signed-in person's time zone so "today" is their today."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = request.session.get("tz") if hasattr(request, "session") else None
        if tzname:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tzname))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)

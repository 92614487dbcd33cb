import zoneinfo

from django.utils import timezone

from tracker.models import profile_of


class UserTimezoneMiddleware:
    """Activate the signed-in person's time zone so that "today" is their today; UTC
    (the default zone) for everyone else, or for a zone name the system no longer knows.

    The profile comes with the user (the auth backend reads them together), so this
    costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        profile = profile_of(user) if user is not None and user.is_authenticated else None
        try:
            zone = zoneinfo.ZoneInfo(profile.timezone) if profile else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        return self.get_response(request)

import zoneinfo

from django.utils import timezone

from tracker.models import profile_of


class UserTimezoneMiddleware:
    """Activate the signed-in person's time zone so that "today" is their today.

    Reading the profile here caches it on the user object, so views that need it
    (targets) get it without another query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        profile = profile_of(user) if user is not None and user.is_authenticated else None
        try:
            timezone.activate(
                zoneinfo.ZoneInfo(profile.timezone)
            ) if profile else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)

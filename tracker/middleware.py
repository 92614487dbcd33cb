import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Activate the signed-in person's time zone so that "today" is their today.

    Reading ``user.profile`` here caches it on the user object, so views that need the
    profile (targets) get it without another query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                tzname = user.profile.timezone
            except user._meta.model.profile.RelatedObjectDoesNotExist:
                tzname = None
        try:
            timezone.activate(zoneinfo.ZoneInfo(tzname)) if tzname else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)

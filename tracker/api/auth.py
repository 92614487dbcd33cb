"""Who an API request is: a person's token (Authorization: Bearer mgk_...), never the
session cookie, so the site's CSRF protection needs no exemption; and how often they
may ask."""

import time
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from tracker.models import ApiToken, profile_of


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.find(token)
        if found is None:
            return None
        # The rest of the request is the token's person: the same user the site's views
        # read (so every query is scoped the same way), in their own time zone (so
        # "today" is theirs, as UserTimezoneMiddleware does for a signed-in page).
        request.user = found.user
        profile = profile_of(found.user)
        try:
            timezone.activate(zoneinfo.ZoneInfo(profile.timezone if profile else "UTC"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        found.mark_used()
        return found


class TokenThrottle(BaseThrottle):
    """At most ``settings.API_REQUESTS_PER_MINUTE`` requests per token in each clock
    minute.  A counter in Django's cache: ``add`` then ``incr`` are atomic in Redis and
    in the per-process memory cache, so parallel requests cannot slip past the limit."""

    window = 60  # seconds

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if token is None:
            return True  # refused already (401)
        now = time.time()
        slot = int(now // self.window)
        self.retry_after = self.window - (now - slot * self.window)
        # The hash, not the row id: ids can be reused (a test database rolled back, rows
        # restored from a backup), a token's hash never is.
        key = f"api-throttle:{token.key_hash[:32]}:{slot}"
        cache.add(key, 0, timeout=self.window * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr: this is the first request
            cache.set(key, 1, timeout=self.window * 2)
            count = 1
        return count <= settings.API_REQUESTS_PER_MINUTE

    def wait(self) -> float:
        return self.retry_after

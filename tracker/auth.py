from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer, saying when the lock ends.  Every try while it lasts
    counts as a failure and starts the cool-off again (axes' default), so "now plus the
    cool-off" is when the next try may succeed."""
    cooloff = settings.AXES_COOLOFF_TIME
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"minutes": int(cooloff.total_seconds() // 60), "until": timezone.now() + cooloff},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class UsernameOrEmailBackend(ModelBackend):
    """Log in with the user name or the e-mail address (any case).

    An address shared by two old accounts (before sign-up checked) logs in neither by
    address; the user name still works.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            users = get_user_model()._default_manager.filter(email__iexact=username)[:2]
            if len(users) == 1:
                username = users[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """The signed-in person with their profile in the same query (every page reads
        both: the time zone, the targets, the units), or None."""
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("profile").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        """As ``get_user``, for ``request.auser()``."""
        user_model = get_user_model()
        try:
            user = await user_model._default_manager.select_related("profile").aget(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

"""A person's API tokens: named, shown once, kept only as a hash, revoked by the person."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "mgk_"
MAX_ACTIVE = 20  # more than a person's scripts and phones need; a runaway script's bound


def digest(plaintext: str) -> str:
    """SHA-256 of a token.  A token is 256 random bits, not a password a person chose, so
    a fast hash is enough: no dictionary can guess one, and every request can check it."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_user(self, user) -> "ApiTokenQuerySet":
        return self.filter(user=user)

    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at=None)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=60, help_text="What the token is for, e.g. “phone”.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters after the prefix, shown in the list so a person can tell
    # their tokens apart; too few to help anyone guess the rest.
    hint = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({PREFIX}{self.hint}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """A new token for ``user``: the saved row and the plaintext, which is never
        stored and so can be shown only this once."""
        plaintext = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_hash=digest(plaintext), hint=plaintext[len(PREFIX) :][:6]
        )
        return token, plaintext

    @classmethod
    def find(cls, plaintext: str) -> "ApiToken | None":
        """The active token with this plaintext, its person and profile read with it."""
        if not plaintext.startswith(PREFIX) or len(plaintext) > 100:
            return None
        return (
            cls.objects.active()
            .select_related("user", "user__profile")
            .filter(key_hash=digest(plaintext), user__is_active=True)
            .first()
        )

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def mark_used(self) -> None:
        """Write the day it was last used, at most once a day (not a write per request)."""
        today = timezone.localdate()
        if self.last_used_on != today:
            ApiToken.objects.filter(pk=self.pk).update(last_used_on=today)
            self.last_used_on = today

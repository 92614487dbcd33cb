"""Sessions are Django's own (database, or cached_db with MGK_REDIS_URL): a session
persists between requests, an expired one is not loaded, logging out clears it.  The
same tests run under whichever engine the settings chose."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _store(key=None):
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


def _login(client):
    response = client.post("/accounts/login/", {"username": "alice", "password": "correct-horse-9"})
    assert response.status_code == 302
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_engine_is_djangos_own():
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )


def test_a_saved_session_reads_back_in_a_new_store():
    store = _store()
    store.update({"user": "42", "note": "café & <b>"})
    store.save()
    again = _store(store.session_key)
    assert again.load() == {"user": "42", "note": "café & <b>"}
    assert again.session_key == store.session_key


def test_a_signed_in_session_persists_between_requests(client, alice, profile_for):
    profile_for(alice)
    key = _login(client)
    for _ in range(2):
        assert client.get("/log/").status_code == 200
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == key
    assert Session.objects.filter(session_key=key).exists()


def test_an_expired_session_is_not_loaded(client, alice, profile_for):
    profile_for(alice)
    key = _login(client)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    store = _store(key)
    if hasattr(store, "cache_key"):
        # cached_db: the cache entry was set to expire with the session; gone as it
        # would be by then (tests/test_cache.py checks the expiry it is given).
        caches[settings.SESSION_CACHE_ALIAS].delete(store.cache_key)
    assert store.load() == {}
    assert store.session_key is None  # a new, empty session, never the old one
    assert client.get("/log/").status_code == 302


def test_an_unknown_session_key_starts_a_new_empty_session():
    store = _store("no-such-session-key-at-all-1234")
    assert store.load() == {}
    assert store.session_key is None


def test_logging_out_clears_the_session(client, alice, profile_for):
    profile_for(alice)
    key = _login(client)
    assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert _store(key).load() == {}
    assert client.get("/log/").status_code == 302

"""Sessions read with one plain statement behave as Django's database sessions do."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_a_saved_session_reads_back_as_djangos_store_reads_it():
    key = _saved(user="42", note="café & <b>")
    ours, theirs = SessionStore(key), db.SessionStore(key)
    assert ours.load() == theirs.load() == {"user": "42", "note": "café & <b>"}
    assert ours.session_key == theirs.session_key == key


@pytest.mark.parametrize("key", ["expired", "no-such-session-key-at-all-1234"])
def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key(key):
    if key == "expired":
        key = _saved(user="42")
        Session.objects.filter(session_key=key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
    ours, theirs = SessionStore(key), db.SessionStore(key)
    assert ours.load() == theirs.load() == {}
    assert ours.session_key is None and theirs.session_key is None


def test_a_signed_in_page_uses_it(client, alice, profile_for):
    from django.conf import settings

    assert settings.SESSION_ENGINE == "config.sessions"
    profile_for(alice)
    client.force_login(alice)
    assert client.get("/log/").status_code == 200
    client.logout()
    assert client.get("/log/").status_code == 302

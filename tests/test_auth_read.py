"""The signed-in person is read with their profile in one query, through the ORM."""

import re
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync

from tracker.auth import UsernameOrEmailBackend
from tracker.models import profile_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def test_a_person_comes_with_their_profile_in_one_query(
    alice, profile_for, django_assert_num_queries
):
    profile_for(alice, timezone="Europe/Paris")
    with django_assert_num_queries(1):
        user = UsernameOrEmailBackend().get_user(alice.pk)
    with django_assert_num_queries(0):
        assert user == alice
        assert profile_of(user).timezone == "Europe/Paris"
        assert user.profile.user is user


def test_a_person_without_a_profile_signs_in_and_asking_for_it_reads_nothing(
    alice, django_assert_num_queries
):
    with django_assert_num_queries(1):
        user = UsernameOrEmailBackend().get_user(alice.pk)
    with django_assert_num_queries(0):
        assert user == alice
        assert profile_of(user) is None


def test_the_async_read_gives_the_same(alice, profile_for):
    profile_for(alice)
    user = async_to_sync(UsernameOrEmailBackend().aget_user)(alice.pk)
    assert user == alice and profile_of(user) is not None


def test_an_unknown_or_inactive_person_is_not_signed_in(alice):
    backend = UsernameOrEmailBackend()
    assert backend.get_user(alice.pk + 1000) is None
    assert backend.get_user(alice.pk) == alice
    alice.is_active = False
    alice.save()
    assert backend.get_user(alice.pk) is None


def test_a_signed_in_page_reads_the_person_once(logged_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert logged_in.get("/profile/").status_code == 200
    users = [q for q in queries if "auth_user" in q["sql"]]
    assert len(users) == 1 and "tracker_profile" in users[0]["sql"]


# The ORM's internals for building instances by hand: a Django upgrade may change them
# without notice.  Overriding Model.from_db and calling super() is Django's documented
# way to note values as loaded ("Customizing model loading"), so that one use is allowed.
INTERNALS = re.compile(r"\b(from_db|get_db_converters|get_col|set_cached_value)\b")
DOCUMENTED = re.compile(r"^\s*def from_db\(|\bsuper\(\)\.from_db\(")


def test_app_code_builds_no_model_instances_by_hand():
    found = []
    for package in ("config", "foods", "tracker"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if INTERNALS.search(line) and not DOCUMENTED.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []

"""The signed-in person is read with one plain statement, as the ORM would read them."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tracker.auth import UsernameOrEmailBackend, person_with_profile
from tracker.models import Profile

pytestmark = pytest.mark.django_db


def _same_values(ours, theirs):
    for field in type(theirs)._meta.concrete_fields:
        mine, orm = getattr(ours, field.attname), getattr(theirs, field.attname)
        assert (mine, type(mine)) == (orm, type(orm)), field.name


def test_a_person_and_their_profile_read_as_the_orm_reads_them(alice, profile_for):
    alice.last_login = timezone.now()
    alice.first_name = "Alice ü"
    alice.save()
    profile_for(
        alice,
        magnesium_target_mg=Decimal("310.50"),
        potassium_restricted=True,
        timezone="Europe/Paris",
    )
    with CaptureQueriesContext(connection) as queries:
        ours = person_with_profile(alice.pk)
        profile = ours.profile  # comes with the person: no second query
    assert len(queries) == 1
    theirs = get_user_model().objects.select_related("profile").get(pk=alice.pk)
    _same_values(ours, theirs)
    _same_values(profile, theirs.profile)
    assert profile.user is ours
    assert ours._state.adding is False and ours._state.db == theirs._state.db
    # The instances behave as the ORM's: saving writes the row back unchanged.
    profile.units = "mmol"
    profile.save()
    assert Profile.objects.get(user=alice).units == "mmol"


def test_a_person_without_a_profile_has_none_and_asking_reads_nothing(alice):
    ours = person_with_profile(alice.pk)
    _same_values(ours, get_user_model().objects.get(pk=alice.pk))
    with CaptureQueriesContext(connection) as queries:
        with pytest.raises(Profile.DoesNotExist):
            ours.profile  # noqa: B018 - the attribute read is the behaviour tested
        assert not hasattr(ours, "profile")
    assert len(queries) == 0


def test_an_unknown_or_inactive_person_is_not_signed_in(alice):
    assert person_with_profile(alice.pk + 1000) is None
    backend = UsernameOrEmailBackend()
    assert backend.get_user(alice.pk) == alice
    alice.is_active = False
    alice.save()
    assert backend.get_user(alice.pk) is None


def test_a_signed_in_page_reads_the_person_once(logged_in):
    with CaptureQueriesContext(connection) as queries:
        assert logged_in.get("/profile/").status_code == 200
    users = [q for q in queries if "auth_user" in q["sql"]]
    assert len(users) == 1 and "tracker_profile" in users[0]["sql"]

import contextlib
import io
import os
import tempfile
import urllib.parse
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

SHARED_USDA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "usda"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts with the default catalogue loaded (rolled back per test)."""
    with django_db_blocker.unblock():
        call_command("load_catalogue", stdout=io.StringIO())


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.org", "correct-horse-9")


@pytest.fixture
def bob(db):
    return get_user_model().objects.create_user("bob", "bob@example.org", "battery-staple-7")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def shared_usda() -> Path:
    if not SHARED_USDA.is_dir():
        pytest.skip("../shared/data/usda is not beside this checkout")
    return SHARED_USDA


@pytest.fixture
def profile_for():
    """Give a user a profile (adult woman, UTC unless told otherwise)."""
    from tracker.models import Profile

    def make(user, **fields):
        values = {"sex": "female", "date_of_birth": date(1990, 5, 1), "timezone": "UTC", **fields}
        return Profile.objects.create(user=user, **values)

    return make


@pytest.fixture
def logged_in(client, alice, profile_for):
    """alice, with a profile, signed in."""
    profile_for(alice)
    client.force_login(alice)
    return client


@pytest.fixture
def food():
    """Look up a catalogue food by FDC id."""
    from foods.models import Food

    return lambda fdc_id: Food.objects.get(source_id=str(fdc_id))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def log():
    """Log ``grams`` of a catalogue food for a user: log(user, food, grams, meal, day)."""
    from decimal import Decimal

    from django.utils import timezone

    from tracker.models import Entry

    def make(user, food, grams, meal="breakfast", day=None):
        entry = Entry(user=user, date=day or timezone.localdate(), meal=meal, grams=Decimal(grams))
        entry.take_values_from(food)
        entry.save()
        return entry

    return make


@pytest.fixture
def scratch_database_url():
    """A database of the configured kind, empty, and dropped afterwards."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/concurrency.sqlite3"
        return
    import psycopg

    server = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = f"mgk_concurrency_{uuid.uuid4().hex[:8]}"
    admin = server._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def pinned_clock(request):
    """``MGK_TEST_NOW`` (``HH:MM`` UTC today, or an ISO instant) and ``MGK_TEST_TZ`` (a zone
    name) run the suite as if it were then and there: CI runs it at hours and zones far
    apart, so a test that reads the wall clock fails in CI at once instead of at some
    hours of the day."""
    now, zone = os.environ.get("MGK_TEST_NOW"), os.environ.get("MGK_TEST_TZ")
    if (not now and not zone) or request.node.get_closest_marker("e2e"):
        yield
        return
    import time_machine
    from django.test import override_settings

    with contextlib.ExitStack() as stack:
        if zone:
            stack.enter_context(override_settings(TIME_ZONE=zone))
        if now:
            # tick=True: time goes on from there (lockouts, signed tokens' ages).
            if len(now) <= 5:  # an hour of today (UTC): fixtures' fixed dates stay past
                now = f"{datetime.now(UTC).date()}T{now}:00+00:00"
            stack.enter_context(time_machine.travel(datetime.fromisoformat(now), tick=True))
        yield


@pytest.fixture
def pdf_drawing():
    """WeasyPrint with its system libraries: a person's machine may lack Pango (the test
    skips there); CI installs it, so a skip in CI is a failure."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"WeasyPrint cannot load ({error}); CI must draw the PDF")
        pytest.skip(f"WeasyPrint cannot load here: {error}")

import io
from pathlib import Path

import pytest
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

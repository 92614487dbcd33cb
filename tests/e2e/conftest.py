import io
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM
# calls from it otherwise.  Only the browser tests load this file.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("MGK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must run the browser tests")
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def catalogue(transactional_db):
    """Browser tests run against live_server, whose database is flushed between tests."""
    from django.core.management import call_command

    from foods.models import Food

    if not Food.objects.exists():
        call_command("load_catalogue", verbosity=0, stdout=io.StringIO())

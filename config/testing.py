"""pytest plugin (loaded with ``-p config.testing``) that gives the test run safe settings.

It runs before pytest-django imports the settings, so plain ``pytest`` works without any
exported variables; values already in the environment (CI's DATABASE_URL) win.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_DEBUG", "0")
# Pages rendered by the test client and live_server need no collectstatic manifest.
os.environ.setdefault("MGK_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_STATIC_ROOT", tempfile.mkdtemp(prefix="mgk-static-"))

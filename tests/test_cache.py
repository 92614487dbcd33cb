"""One server needs nothing beside it: the cache is local memory and sessions live in
the database.  With MGK_REDIS_URL the cache is that Redis, shared by every server, and
sessions are read from it before the database (cached_db).

The tests that talk to Redis run when MGK_REDIS_URL is set (.ci/run starts one); with
MGK_REQUIRE_REDIS=1 a missing URL fails them instead of skipping them."""

import json
import os
import subprocess
import sys
import uuid
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from config.settings import env_bool

ROOT = Path(__file__).resolve().parent.parent
SHAPE = (
    "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
    "django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.CACHES['default']['BACKEND'], "
    "s.CACHES['default'].get('LOCATION', ''), s.SESSION_ENGINE]))"
)


def _run(code: str, tmp_path, **env) -> subprocess.CompletedProcess:
    """A fresh process, as another server would be, with an empty database file."""
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={**base, **env}
    )


def test_without_redis_the_cache_is_local_memory_and_sessions_the_database(tmp_path):
    result = _run(SHAPE, tmp_path)
    assert result.returncode == 0, result.stderr
    backend, _, engine = json.loads(result.stdout)
    assert backend == "django.core.cache.backends.locmem.LocMemCache"
    assert engine == "django.contrib.sessions.backends.db"


def test_with_a_redis_url_the_cache_is_redis_and_sessions_cached_db(tmp_path):
    url = "redis://cache.internal:6380/2"  # read at start-up, not connected to
    result = _run(SHAPE, tmp_path, MGK_REDIS_URL=url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "django.core.cache.backends.redis.RedisCache",
        url,
        "django.contrib.sessions.backends.cached_db",
    ]


def test_there_is_one_cache():
    """Nothing keeps a cache of its own beside the shared one."""
    assert list(settings.CACHES) == ["default"]


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("MGK_REDIS_URL")
    if not url:
        if env_bool("MGK_REQUIRE_REDIS", False):
            pytest.fail("MGK_REQUIRE_REDIS is set but MGK_REDIS_URL is not")
        pytest.skip("MGK_REDIS_URL is not set")
    return url


@pytest.fixture
def redis_client(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)  # its own connection, not Django's
    yield client
    client.close()


@pytest.mark.redis
def test_the_default_cache_is_the_shared_redis(redis_client):
    key = f"test-cache-{uuid.uuid4().hex}"
    try:
        cache.set(key, 42, 60)
        assert redis_client.get(cache.make_key(key)) == b"42"
        redis_client.set(cache.make_key(key), 7)  # as another server would write it
        assert cache.get(key) == 7
    finally:
        cache.delete(key)


@pytest.mark.redis
@pytest.mark.django_db
def test_a_session_is_in_redis_until_it_expires_and_another_process_reads_it(
    redis_client, redis_url, tmp_path
):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update({"user": "42", "note": "café"})
    store.save()
    try:
        ttl = redis_client.ttl(cache.make_key(store.cache_key))
        assert 0 < ttl <= settings.SESSION_COOKIE_AGE  # Redis drops it when it expires
        # Another server, with nothing of this process's state and an empty database
        # (this test's rows are not committed): the session can only come from Redis.
        read = (
            "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE'] = "
            "'config.settings'; django.setup(); from importlib import import_module; "
            "from django.conf import settings as s; "
            f"print(json.dumps(import_module(s.SESSION_ENGINE).SessionStore({store.session_key!r}).load()))"
        )
        result = _run(read, tmp_path, MGK_REDIS_URL=redis_url)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == {"user": "42", "note": "café"}
    finally:
        store.delete()

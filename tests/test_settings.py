import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import settings as mgk_settings

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, tmp_path, **env) -> subprocess.CompletedProcess:
    base = {"PATH": os.environ["PATH"], "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={**base, **env}
    )


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on"])
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv("X_FLAG", raw)
    assert mgk_settings.env_bool("X_FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "off", ""])
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv("X_FLAG", raw)
    assert mgk_settings.env_bool("X_FLAG", True) is False


@pytest.mark.parametrize(
    ("helper", "raw"), [("env_bool", "maybe"), ("env_int", "ten"), ("env_list", " , ")]
)
def test_env_helpers_fail_loudly(monkeypatch, helper, raw):
    monkeypatch.setenv("X_VALUE", raw)
    with pytest.raises(ImproperlyConfigured, match="X_VALUE"):
        getattr(mgk_settings, helper)("X_VALUE", None)


SETUP = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); "
)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(SETUP, tmp_path, DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_a_bad_debug_value_stops_start_up(tmp_path):
    result = _run(SETUP, tmp_path, DJANGO_DEBUG="yes please")
    assert result.returncode != 0 and "DJANGO_DEBUG must be" in result.stderr


def test_a_bad_database_url_stops_start_up(tmp_path):
    result = _run(SETUP, tmp_path, DJANGO_DEBUG="1", DATABASE_URL="nosuchdb://x")
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr


def test_sqlite_is_set_up_for_several_writers(tmp_path):
    code = SETUP + (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA busy_timeout').fetchone()[0], connection.transaction_mode)"
    )
    result = _run(code, tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"]


def test_hosts_and_database_come_from_the_environment(tmp_path):
    code = (
        SETUP
        + "from django.conf import settings as s; "
        + "print(s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])"
    )
    result = _run(
        code,
        tmp_path,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="mgk.example.org, www.mgk.example.org",
        DATABASE_URL="postgres://u:p@localhost:5432/mgk",
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip()
        == "['mgk.example.org', 'www.mgk.example.org'] django.db.backends.postgresql"
    )


@pytest.mark.parametrize(
    "raw",
    ["redis://127.0.0.1:6379/0", "rediss://:secret@cache.example.org:6380", "unix:///run/r.sock"],
)
def test_a_redis_url_is_taken_as_given(monkeypatch, raw):
    monkeypatch.setenv("X_REDIS", raw)
    assert mgk_settings.env_redis_url("X_REDIS") == raw


@pytest.mark.parametrize(
    "raw", ["http://127.0.0.1:6379", "127.0.0.1:6379", "redis://", "redis://host:port/0"]
)
def test_a_bad_redis_url_fails_loudly(monkeypatch, raw):
    monkeypatch.setenv("X_REDIS", raw)
    with pytest.raises(ImproperlyConfigured, match="X_REDIS"):
        mgk_settings.env_redis_url("X_REDIS")


def test_a_bad_redis_url_stops_start_up(tmp_path):
    result = _run(SETUP, tmp_path, DJANGO_DEBUG="1", MGK_REDIS_URL="http://secret@cache:6379")
    assert result.returncode != 0 and "MGK_REDIS_URL must be" in result.stderr
    assert "secret" not in result.stderr  # a URL may hold a password: not echoed

"""The README's backup and restore, done once: back up a database, restore it into a fresh
one, and compare every table's row count.  SQLite with its online backup API (what the
sqlite3 shell's .backup uses); PostgreSQL with pg_dump and pg_restore."""

import sqlite3
import subprocess
import sys
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT_TABLES = """
from django.db import connection
tables = sorted(t for t in connection.introspection.table_names() if not t.startswith("sqlite_"))
with connection.cursor() as cursor:
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        print(table, cursor.fetchone()[0])
"""


def _manage(url: str, *args) -> str:
    env = {"DATABASE_URL": url, "DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    return result.stdout


def _counts(url: str) -> dict[str, int]:
    out = _manage(url, "shell", "--no-imports", "-c", COUNT_TABLES)
    return {line.split()[0]: int(line.split()[1]) for line in out.splitlines() if line.strip()}


def test_a_backup_restores_every_row(scratch_database_url, tmp_path):
    source = scratch_database_url
    _manage(source, "migrate", "--no-input")
    _manage(source, "load_catalogue")
    before = _counts(source)
    assert before["foods_food"] > 300 and before["foods_portion"] > 300

    if source.startswith("sqlite"):
        original = sqlite3.connect(urllib.parse.urlsplit(source).path)
        backup_path = tmp_path / "backup.sqlite3"
        with sqlite3.connect(backup_path) as backup:
            original.backup(backup)  # online: the app may keep writing meanwhile
        original.close()
        after = _counts(f"sqlite:///{backup_path}")
    else:
        dump = tmp_path / "mgk.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], check=True)
        server = urllib.parse.urlsplit(source)
        name = f"mgk_restore_{uuid.uuid4().hex[:8]}"
        admin = server._replace(path="/postgres").geturl()
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        restored = server._replace(path=f"/{name}").geturl()
        try:
            subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored}", dump], check=True)
            after = _counts(restored)
        finally:
            subprocess.run(["psql", admin, "-qc", f'DROP DATABASE "{name}" WITH (FORCE)'])
    assert after == before

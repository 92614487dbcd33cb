"""The README's first command: ./mgk serve sets up and serves, on any port asked for."""

import os
import signal
import subprocess
from pathlib import Path

from tests.servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent


def test_it_serves_on_the_port_it_is_given(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DJANGO_DEBUG": "1",
    }
    server = subprocess.Popen(
        [str(ROOT / "mgk"), "serve", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = wait_until_up(f"http://127.0.0.1:{port}/foods/?q=banana", server, 90).decode()
        assert "Bananas, raw" in body  # migrated, catalogue loaded
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)

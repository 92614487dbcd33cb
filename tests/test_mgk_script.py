"""The README's first command: ./mgk serve sets up and serves, on any port asked for."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/foods/?q=banana", timeout=10
                ) as r:
                    body = r.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "the server did not answer in 90 s"
                time.sleep(0.3)
        assert "Bananas, raw" in body  # migrated, catalogue loaded
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)

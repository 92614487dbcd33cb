"""The app as gunicorn serves it (``config.wsgi``), plus a change to a person's log before
each request that asks for one: bench/throughput.py's "after a change" rows.

A request with the header ``X-Mgk-Bench-Change: <user id>`` first changes that person's
log with ``pages.change_log`` (an entry saved with a new weight through ``Entry.save()``,
as editing it does), in the worker that then answers it, on that request's database
connection.  The page is then the first view after a change whatever the code keeps
between requests, and the same for code that keeps nothing.  The change's own cost is
part of the request; throughput.py times it alone against ``/healthz`` so it can be told
apart.  Requests without the header are the app's, untouched.
"""

import pages  # bench/pages.py: puts the checkout being timed (MGK_BENCH_CODE) first
from django.core.signals import request_started

from config.wsgi import application

HEADER = "HTTP_" + pages.CHANGE_HEADER.upper().replace("-", "_")


def _change(sender, environ=None, **kwargs) -> None:
    # Connected after Django's own close_old_connections, so the change uses the
    # connection the request will use.
    user_id = (environ or {}).get(HEADER)
    if user_id:
        pages.change_log(int(user_id))


request_started.connect(_change, dispatch_uid="mgk-bench-change")

__all__ = ["application"]

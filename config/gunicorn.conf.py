"""gunicorn settings: ``gunicorn -c config/gunicorn.conf.py config.wsgi`` (docs/reliability.md).

A request that runs away is cut off: PostgreSQL cancels its statement after
DATABASE_STATEMENT_TIMEOUT (30 s, the user gets the 503 page); gunicorn kills a worker that
still has not answered after GUNICORN_TIMEOUT (60 s) and starts a fresh one. Reports are made by
Celery, never in a request, so no page needs longer.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# Threads per worker (GUNICORN_THREADS, not --threads: worker_connections follows from it).
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# A threaded worker takes only as many connections as it has threads, plus one kept alive: by
# default it accepts up to 1.000 and queues them behind its busy threads while other workers sit
# idle (p95 at 16 concurrent 1,7–3,4 × the median; 1,3–1,6 × with this; docs/benchmarks.md).
worker_connections = threads + 1
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
# A restart (deploy) lets running requests finish for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT") or 30)
keepalive = 5
# Replace a worker now and then, so a slow leak never grows (jitter: not all at once).
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files in memory: a slow disk must not make gunicorn think a worker hangs.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"

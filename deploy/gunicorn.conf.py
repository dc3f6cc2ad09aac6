"""gunicorn behind nginx (deploy/nginx.conf): `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

nginx buffers requests and answers and times out slow clients, so synchronous workers (one
request each, no thread-safety questions) are the right class: they never wait on a client.
WEB_CONCURRENCY sets the number of workers (default: two per core, plus one).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30  # a request that takes longer is killed and logged (nginx's proxy_read_timeout: 30 s)
graceful_timeout = 30
keepalive = 5  # nginx keeps connections to us open (upstream keepalive)
max_requests = 2000  # workers are recycled now and then, one at a time
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"

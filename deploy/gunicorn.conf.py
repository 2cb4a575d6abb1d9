"""gunicorn settings for `make run` and production (override with GUNICORN_CMD_ARGS or env)."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = 60
graceful_timeout = 30
max_requests = 5000  # recycle workers now and then: bounded memory growth
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG")  # off by default: URLs may carry personal data
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

"""gunicorn settings; each can be overridden by an environment variable (see README)."""
import os

# Extraction is CPU-bound and requests never wait on I/O for long: one worker per core
# (at least two, so one stays up while another restarts). More workers only fight over the
# cores: measured on 2 cores, 5 workers served 226 req/s and 2 workers 295 req/s.
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# Load the app (and the Farasa model with it) once in the master; workers share it after fork.
preload_app = True
# A request running longer than this (e.g. a pathological article) gets its worker restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT") or 20)
keepalive = 5
# The app writes its own JSON request log; gunicorn's access log would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# gunicorn's control socket defaults to one path per user, which several instances
# (make run, the test suite) would fight over; nothing here uses it.
control_socket_disable = True


def post_fork(server, worker):
    """Database connections must not cross a fork: each worker opens its own."""
    import wsgi

    wsgi.app.extensions["database"].forget_connections()


def when_ready(server):
    """Move everything the preloaded app allocated (the Farasa model above all) out of the
    garbage collector's view before workers fork: full collections then stop walking
    millions of model objects (a 7–10 ms pause each, the service's p99 tail), and the
    pages stay shared instead of being touched and copied by every worker."""
    import gc

    gc.collect()
    gc.freeze()

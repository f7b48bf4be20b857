"""WSGI entry point: ``gunicorn -c gunicorn.conf.py wsgi:app``.

gunicorn preloads this module in its master, so the schema is brought to head once, before
any worker forks (``AUTO_MIGRATE=0`` leaves that to ``python -m api.migrate``)."""
from api import create_app
from api.migrate import migrate_at_start

app = create_app()
migrate_at_start(app)

# Two entry points a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared

.PHONY: venv deps dev-deps model-deps model eval run test score bench backfill load clean

$(PY):
	$(PYTHON) -m venv $(VENV)

deps: $(PY)
	$(PIP) install -q -r requirements.txt

dev-deps: $(PY)
	$(PIP) install -q -r requirements-dev.txt

model-deps: $(PY)
	$(PIP) install -q -r requirements-model.txt

# Rebuild the learned parts from $(SHARED) (fixed seed and splits): the compiled gazetteers,
# then the entity tagger, whose held-out entity F1 per type is printed, then the event-assembly
# models and the agenda tagger, trained on the development articles. Outputs are committed.
model: model-deps
	$(PY) -m extractors.training.gazetteers --shared $(SHARED)
	$(PY) -m extractors.training.ner --shared $(SHARED)
	$(PY) -m extractors.training.assembly --shared $(SHARED)
	$(PY) -m extractors.training.agenda --shared $(SHARED)

# Set up and start the service on embedded defaults (SQLite, PyFarasa).
# The webhook sender runs beside gunicorn and stops with it.
run: deps
	$(PY) -m api.migrate
	$(PY) -m api.webhooks & sender=$$!; trap 'kill $$sender 2>/dev/null' EXIT INT TERM; \
		$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) wsgi:app

# Set up and run the whole test suite.
test: dev-deps
	$(PY) -m pytest -q

# Score the library on the shared gold files.
score: deps
	$(PY) -m extractors --jsonl $(SHARED)/eval/seeds.jsonl $(SHARED)/eval/dev.jsonl > /tmp/pred.jsonl
	$(PY) $(SHARED)/eval/score.py $(SHARED)/eval/seeds.jsonl $(SHARED)/eval/dev.jsonl --pred /tmp/pred.jsonl --show

# Cross-validated scores, the validation split, ablations and error kinds.
eval: model-deps
	$(PY) -m extractors.training.evaluate --shared $(SHARED)

# Backfill an archive on a LocalCluster (or SCHEDULER=tcp://host:8786), then load it into DATABASE_URL.
ARTICLES ?= $(SHARED)/eval/train.jsonl $(SHARED)/eval/dev.jsonl
BACKFILL_OUT ?= var/backfill
backfill: deps
	$(PY) -m extractors.backfill $(ARTICLES) --output $(BACKFILL_OUT) $(if $(SCHEDULER),--scheduler $(SCHEDULER),)

load: deps
	$(PY) -m api.load $(BACKFILL_OUT)

bench: dev-deps
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache

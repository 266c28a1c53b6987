# Good Catch: every target is a thin wrapper over scripts/*.sh, which print what they do.
# `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PY := .venv/bin/python
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help run test lint lock audit bench venv venv-dev npm chromium clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: ## the demo service with its task worker on http://127.0.0.1:8000 (HOST=, PORT= to change)
	@scripts/run.sh

test: ## ruff, migrations check, pytest on SQLite and on PostgreSQL (what CI runs)
	@scripts/test.sh

lint: venv-dev ## ruff check (and shellcheck on scripts/, where it is installed)
	@.venv/bin/ruff check .
	@if command -v shellcheck >/dev/null; then shellcheck -x -P SCRIPTDIR/.. -s bash scripts/*.sh .ci/run && echo "shellcheck: scripts are clean"; \
	else echo "shellcheck not installed (apt-get install shellcheck): skipped"; fi

lock: ## regenerate requirements.lock and requirements-dev.lock from pyproject.toml (UPGRADE=1 to upgrade all)
	@scripts/lock.sh

audit: ## pip-audit requirements.lock against the vulnerability databases (needs network)
	@scripts/audit.sh

bench: venv-dev ## de-identification on the shared corpora, a freshly seeded multilingual one (SEED=n repeats it) and every Faker locale's own identifier formats; contributing-factor suggestions (coding_eval); safety intelligence (search, dashboard, ANN, duplicates, themes, spikes); action strength; the bulletin publish gate; the easy-read urgent flag; submission under load; kill -9 durability; the sharing pass; the national hub at 1M reports
	GOODCATCH_DEMO=true $(PY) bench/deid_eval.py --corpus ../shared/data/deid/dev.jsonl --corpus ../shared/data/pii/wnut17_test.conll \
		--generate $(SEED)
	GOODCATCH_DEMO=true $(PY) bench/deid_faker_formats.py $(if $(SEED),--seed $(SEED))
	GOODCATCH_DEMO=true $(PY) bench/deid_demo_leaks.py
	GOODCATCH_DEMO=true $(PY) bench/coding_eval.py
	GOODCATCH_DEMO=true $(PY) bench/intelligence.py --count $${INTELLIGENCE_BENCH_COUNT:-20000}
	GOODCATCH_DEMO=true $(PY) bench/intelligence_ann.py --sizes $${ANN_BENCH_SIZE:-100000} --dtypes f16 --efs 64 128
	GOODCATCH_DEMO=true $(PY) bench/intelligence_duplicates.py
	GOODCATCH_DEMO=true $(PY) bench/intelligence_themes.py
	$(PY) bench/spikes_eval.py $(if $(SEED),--seed $(SEED))
	GOODCATCH_DEMO=true $(PY) bench/action_strength_eval.py
	GOODCATCH_DEMO=true $(PY) bench/publish_gate_eval.py --corpus ../shared/data/deid/dev.jsonl
	GOODCATCH_DEMO=true $(PY) bench/publish_gate_eval.py --generate "$(SEED)"
	GOODCATCH_DEMO=true $(PY) bench/urgent_eval.py $(if $(SEED),--seed $(SEED)) --corpus bench/data/urgent_heldout.jsonl --corpus bench/data/urgent_heldout_2.jsonl
	$(PY) bench/submission_load.py
	$(PY) bench/durability.py
	GOODCATCH_DEMO=true $(PY) bench/shareable_eval.py $(if $(SEED),--seed $(SEED))
	$(PY) bench/hub_scale.py --reports $${HUB_BENCH_REPORTS:-1000000}

venv: ## .venv from requirements.lock (only when it changed)
	@scripts/ensure-venv.sh requirements.lock

venv-dev: ## .venv from requirements-dev.lock (only when it changed)
	@scripts/ensure-venv.sh requirements-dev.lock

npm: ## node_modules from package-lock.json (only when it changed)
	@scripts/ensure-npm.sh

chromium: ## Debian's /usr/bin/chromium for the browser tests
	@scripts/ensure-chromium.sh

clean: ## remove collected static files and caches (keeps .venv, node_modules and var/)
	rm -rf staticfiles .ruff_cache .pytest_cache
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +

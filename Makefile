# Disclose: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed

.PHONY: install run test test-procedure lint clean

install: $(STAMP) $(NPM_STAMP)

# Reinstall only when the lock file or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# GOV.UK Frontend, MoJ Frontend and axe-core from the npm registry, exactly as
# package-lock.json pins them; rerun only when the lock file changes.
$(NPM_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

# Migrate, load the demo council on first run, then serve on localhost.
# The demo writes emails to files under data/outbox instead of sending them, and
# entries for the council's record system to data/record-system.
run: install
	DISCLOSE_EMAIL_BACKEND=$${DISCLOSE_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend} \
		DISCLOSE_RECORD_SYSTEM=$${DISCLOSE_RECORD_SYSTEM:-folder} \
		$(BIN)/disclose rundemo

# The whole suite. DATABASE_URL chooses the database (SQLite when unset).
test: install
	$(BIN)/pytest -n auto -p no:cacheprovider

# The procedure's rules alone (pure Python, no database): quick, and run five
# times in a row to show they never flake.
test-procedure: install
	for n in 1 2 3 4 5; do $(BIN)/pytest -n auto -p no:cacheprovider -q -m procedure || exit 1; done

lint: install
	$(BIN)/ruff check disclose tests benchmarks
	$(BIN)/ruff format --check disclose tests benchmarks

clean:
	rm -rf $(VENV) node_modules data/

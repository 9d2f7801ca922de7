# plancheck: the two commands a newcomer needs are `make run` and `make test`.
# Both set everything up on a fresh machine that has only Python 3.11 and make.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES_TEST := fonts-dejavu-core chromium libreoffice-writer-nogui postgresql
# OCR of scanned plans: the engine and its Vietnamese data (tesseract-ocr brings
# the orientation data, tesseract-ocr-osd, with it).
APT_PACKAGES_OCR := tesseract-ocr tesseract-ocr-vie

.PHONY: install bytecode run test lint unit system-deps ocr-deps bench fuzz clean

install: $(STAMP) ocr-deps bytecode

# Cold runs read this bytecode instead of compiling 100+ modules each time (issue 18),
# and the parsed vocabularies and gazetteer index kept beside their files (extract.prepare);
# run on every install, since an editable install's sources change without pyproject.toml.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q app extract rules reports
	$(BIN)/python -m extract.prepare

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,dask]"
	touch $(STAMP)

# Audit the bundled corpus and write the reports to out/; the last line is out/index.html.
# Exit status 1 (error findings in the plans) is the expected outcome of an audit, not a failure.
run: install
	$(BIN)/plancheck audit corpus/plans --out out; status=$$?; \
	  if [ $$status -gt 1 ]; then exit $$status; fi; \
	  echo "Mở / open: $(CURDIR)/out/index.html"

# Debian packages OCR needs; without them a scanned input is refused with a message
# naming them (installed here when missing and running as root).
ocr-deps:
	@$(MAKE) --no-print-directory system-deps APT_PACKAGES_TEST="$(APT_PACKAGES_OCR)"

# Debian packages the tests use: DejaVu fonts (PDF fixtures), chromium (browser tests) and
# LibreOffice Writer (the DOCX review note rendered to PDF); postgresql for the store tests
# (tests/postgres.py starts a throwaway server as the unprivileged postgres user).
system-deps:
	@missing=""; \
	for pkg in $(APT_PACKAGES_TEST); do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages (run as root to install):$$missing"; \
	  fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: install system-deps
	$(BIN)/python -m pytest -n 2

test: lint unit

bench: install system-deps
	$(BIN)/python -m tests.benchmarks

# Longer fuzzing of every reader (a few hundred examples per target), stopped after 15 minutes.
fuzz: install system-deps
	HYPOTHESIS_PROFILE=fuzz timeout 900 $(BIN)/python -m pytest -p no:cacheprovider -q tests/test_fuzz_loaders.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache

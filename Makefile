# The README's two commands: `make run` and `make test`. Both bootstrap .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SAMPLE := resources/samples/scraped-story.txt
APT_PACKAGES := xvfb xdotool x11-utils libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3 fonts-dejavu-core desktop-file-utils appstream

.PHONY: run test lint typecheck apt bench dist clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/proofdesk $(SAMPLE)

# Installs the system packages the GUI and end-to-end tests need, when we may (root) and they are missing.
apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "warning: missing system packages (run as root or install):$$missing"; fi; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

test: $(STAMP) apt lint
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m pip install --quiet proselint chunspell
	$(PY) benchmarks/run_all.py

# One-folder PyInstaller bundle in dist/proofdesk, smoke-tested offscreen.
dist: $(STAMP)
	$(PY) -m pip install --quiet 'pyinstaller>=6.5'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/proofdesk.spec
	packaging/smoke_test_bundle.sh dist/proofdesk

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

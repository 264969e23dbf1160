# Quick start: `make demo` and `make test` do all the set-up themselves.
VENV    ?= .venv
PY      := $(VENV)/bin/python
CRAFT   := $(VENV)/bin/craft
# Debian packages the tests and benchmarks use (never runtime dependencies of
# the craft package): installed when missing and we are root. netsniff-ng
# brings trafgen, the peer in bench/ and the target of `craft export`.
SYSPKGS := tcpdump tshark libpcap0.8 iproute2 gcc socat netsniff-ng dnsmasq-base

.PHONY: all venv syspkgs demo test lint bench clean

all: venv

$(VENV)/.stamp: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# compat: a plain path in a .pth file; the default editable finder costs every
	# start of craft about 10 ms of imports (importlib.util, pathlib; issue 13)
	$(PY) -m pip install -q -e '.[test]' --config-settings editable_mode=compat
	touch $@

venv: $(VENV)/.stamp

syspkgs:
	@bash scripts/syspkgs.sh $(SYSPKGS)

demo: venv syspkgs
	@bash scripts/demo.sh $(CRAFT)

test: venv syspkgs
	$(VENV)/bin/ruff check craft tests bench
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q -ra $(PYTEST_ARGS)

bench: venv syspkgs
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

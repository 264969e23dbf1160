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
	# start of craft about 10 ms of imports (importlib.util, pathlib; issue 13).
	# CRAFT_PURE: the printers are compiled by the rule below, once.
	CRAFT_PURE=1 $(PY) -m pip install -q -e '.[test]' --config-settings editable_mode=compat
	touch $@

# The printers compiled by mypyc and the filter's scan in C (setup.py), built
# beside their source and rebuilt whenever one changes; without a C compiler
# setup.py warns and craft runs as pure Python. Then every module's bytecode,
# written once (where PYTHONDONTWRITEBYTECODE is set, each start of craft
# would compile its modules again).
$(VENV)/.compiled: $(VENV)/.stamp setup.py craft/io/_pcapscan.c $(wildcard craft/fmt/tcpdump/*.py)
	$(PY) setup.py -q build_ext --inplace 2>&1 | grep -v -i beta || true
	$(PY) -m compileall -q craft > /dev/null
	touch $@

venv: $(VENV)/.stamp $(VENV)/.compiled

syspkgs:
	@bash scripts/syspkgs.sh $(SYSPKGS)

demo: venv syspkgs
	@bash scripts/demo.sh $(CRAFT)

# The whole suite runs twice: on the compiled printers and scan, then on
# their pure Python source (CRAFT_PURE=1; tests/test_compiled.py holds the two
# to the same output). Two tests at a time (pytest-xdist): every lab and
# namespace a test makes has a name of its own (tests/conftest.py).
PYTEST := $(PY) -m pytest -q -ra -n 2

test: venv syspkgs
	$(VENV)/bin/ruff check craft tests bench setup.py
	$(VENV)/bin/lint-imports
	$(PYTEST) $(PYTEST_ARGS)
	CRAFT_PURE=1 $(PYTEST) -p no:cacheprovider $(PYTEST_ARGS)

bench: venv syspkgs
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache *.so craft/fmt/tcpdump/*.so

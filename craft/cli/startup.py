"""A short command's start: typer without the imports the command does not use (issue 13).

Two hooks into typer (0.29), both installed by ``install()`` from ``main()``
and both keeping every output as typer prints it:

**Values without pydantic.** typer converts every command-line value to its
annotated type through a pydantic ``TypeAdapter`` built per parameter, even
for a parameter left at its default. Importing pydantic and building the
adapters was 40 % of a short command's start (``craft read one.pcap``: 0.22 s,
0.13 s without). The values craft's options take — ``str``, ``int``,
``float``, ``Path`` and lists of them — convert here as typer's adapters
convert them, for the plain spellings only (``12``, ``-3``, ``0.5``, a path
``Path`` keeps as written). Anything else — ``1_000``, ``abc``, a constrained
or custom-parsed option, another type — goes to typer's own adapter, built on
first need, so a value is accepted or refused, and an error worded, exactly
as typer does it.

**Help without rich.markdown and rich.traceback.** typer's help formatter
(``typer.rich_utils``) imports ``rich.markdown`` (markdown-it, pygments) and
``rich.traceback`` (rich.pretty, attrs) at its top, for help written in
Markdown and for pretty tracebacks; craft's help is rich markup and its
pretty exceptions are off, so neither runs, but their import was a third of
``craft --help`` (0.22 s, 0.15 s without). While ``typer.rich_utils`` itself is imported, the two
modules are stood in for by names that load the real class on first use;
then the stand-ins are gone from ``sys.modules``, so anything that imports
them later gets the real modules.

If typer's internals have moved, each hook leaves typer as it is (correct,
only slower), and ``tests/test_startup.py`` fails on the import it no longer
avoids.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")
_PLAIN = (str, int, float, Path)


def install() -> None:
    """Install both hooks (once)."""
    install_plain_values()
    install_light_help()


# -- values without pydantic -------------------------------------------------


class _Declined(Exception):
    """A value the plain conversion leaves to typer's adapter."""


def _plain(annotation: Any, value: Any) -> Any:
    """``value`` as ``annotation``, or ``_Declined``; Path values are only made, not checked."""
    kind = type(value)
    if annotation is str:
        if kind is str:
            return value
    elif annotation is int:
        if kind is int:
            return value
        if kind is str and _INT.match(value):
            return int(value)
    elif annotation is float:
        if kind is float:
            return value
        if kind is str and _FLOAT.match(value):
            return float(value)
    elif annotation is Path:
        # only where Path keeps the text as given: typer's messages quote the text
        if kind is str and "\0" not in value and str(path := Path(value)) == value:
            return path
    raise _Declined


def install_plain_values() -> bool:
    """Make typer convert plain values without pydantic; False if typer's internals moved."""
    try:
        import typer.core as core
        from typer._coercion import RuntimeParam
        from typer._param_types import coerce_cli_path
        from typer._typing import get_args, get_origin
    except ImportError:
        return False
    stock = getattr(core, "build_runtime_param", None)
    if stock is None or getattr(stock, "craft_plain", False):
        return stock is not None

    class PlainRuntimeParam(RuntimeParam):  # type: ignore[misc]
        """One parameter's conversion: plain values here, the rest through typer's adapter."""

        def __init__(self, descriptor: Any) -> None:
            info = descriptor.parameter_info
            annotation = descriptor.annotation
            super().__init__(parameter_info=info, annotation=annotation)
            is_list = get_origin(annotation) is list
            item = get_args(annotation)[0] if is_list else annotation
            plain = (
                item in _PLAIN
                and descriptor.file_annotation is None
                and info.parser is None
                and info.min is None
                and info.max is None
                and not info.clamp
                and info.path_type is None
            )
            object.__setattr__(self, "descriptor", descriptor)
            object.__setattr__(self, "item", item if plain else None)
            object.__setattr__(self, "is_list", is_list)
            object.__setattr__(self, "stock", None)

        def _one(self, value: Any, param: Any, ctx: Any) -> Any:
            rv = _plain(self.item, value)
            if self.item is Path:
                # typer's own checks (exists, dir_okay...) and their messages
                rv = coerce_cli_path(rv, self.parameter_info, path_type=Path, param=param, ctx=ctx)
            return rv

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if not self.is_list:
                    return self._one(value, param, ctx)
                if isinstance(value, (list, tuple)):
                    return [self._one(v, param, ctx) for v in value]
            except _Declined:
                pass
            # typer's adapter, built when first needed (a None value never needs it)
            if self.stock is None:
                object.__setattr__(self, "stock", stock(self.descriptor))
            return self.stock._coerce_value(value, param=param, ctx=ctx)

    def build_runtime_param(descriptor: Any) -> Any:
        try:
            return PlainRuntimeParam(descriptor)
        except (AttributeError, TypeError):  # a descriptor of another shape: typer's way
            return stock(descriptor)

    build_runtime_param.craft_plain = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param
    return True


# -- help without rich.markdown and rich.traceback ---------------------------

# module → the names typer.rich_utils imports from it
_STAND_INS = {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)}
_HELP = "typer.rich_utils"


class _Later(type):
    """A stand-in class: calling it or reading an attribute loads the real class."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls.real(), name)


def _later(module: str, name: str) -> type:
    def real() -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)

    return _Later(name, (), {"real": staticmethod(real), "__module__": module})


class _StandInLoader:
    """Runs typer.rich_utils' own loader with the stand-ins in ``sys.modules``."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        placed = []
        for name, attrs in _STAND_INS.items():
            if name not in sys.modules:
                stand_in = ModuleType(name)
                for attr in attrs:
                    setattr(stand_in, attr, _later(name, attr))
                sys.modules[name] = stand_in
                placed.append(name)
        try:
            self.loader.exec_module(module)
        except ImportError:
            # typer imports more from them than it did: import it as it is
            for name in placed:
                sys.modules.pop(name, None)
            placed = []
            self.loader.exec_module(module)
        finally:
            for name in placed:
                sys.modules.pop(name, None)


class _HelpFinder:
    """Finds typer.rich_utils (once) and hands it to ``_StandInLoader``."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != _HELP:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _StandInLoader(spec.loader)
        return spec


def install_light_help() -> bool:
    """Import typer.rich_utils, when typer first needs it, without the two modules."""
    if _HELP in sys.modules or any(isinstance(f, _HelpFinder) for f in sys.meta_path):
        return False
    sys.meta_path.insert(0, _HelpFinder())
    return True

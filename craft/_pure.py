"""``CRAFT_PURE=1``: run the pure Python of modules that were also compiled
(setup.py). Imported by craft/__init__.py before any other craft module, it
gives craft's own folders a module finder that knows ``.py`` files only, so
the interpreter runs the source a compiled module was built from: how the
tests hold the two to the same output (docs/architecture.md)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader

_ROOT = os.path.dirname(os.path.abspath(__file__))
_SOURCE_ONLY: Callable[[str], FileFinder] = FileFinder.path_hook(
    (SourceFileLoader, SOURCE_SUFFIXES)
)


def _hook(path: str) -> FileFinder:
    full = os.path.abspath(path)
    if full == _ROOT or full.startswith(_ROOT + os.sep):
        return _SOURCE_ONLY(path)
    raise ImportError("not one of craft's folders")


sys.path_hooks.insert(0, _hook)
for _path in list(sys.path_importer_cache):  # a finder made before this one
    if os.path.abspath(_path).startswith(_ROOT):
        del sys.path_importer_cache[_path]

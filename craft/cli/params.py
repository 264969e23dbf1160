"""Command parameters without typer, and the fast path that uses them
(issue 13: start-up).

A command module writes its parameters as ``Annotated[type, Option(...)]``
with the ``Option`` and ``Argument`` of this module, whose arguments are
typer's (``Option("--interface", "-i", help=...)``). Two things read them:

- ``for_typer(fn)``: the same function with typer's ``Option``/``Argument`` in
  its signature, registered on the typer app: help, completion and every
  error message are typer's;
- ``fast_call(fn, args)``: the command run straight from a plain command line
  — long and short options, ``--opt=value``, short flags and counts joined
  (``-nv``, ``-vvv``), ``str``/``int``/``float``/``Path`` values, repeated
  options, arguments and ``--`` — without importing typer (0.04–0.15 s of a
  short command). Anything else (``--help``, an unknown option, a value that
  does not convert, a missing argument) returns ``NotFast`` and the command
  line goes to typer, which accepts or refuses it as it always does.

``Exit(code)`` ends a command with an exit status on either path.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Annotated, Any


class Param:
    """An option's or argument's typer arguments, kept until typer is wanted."""

    typer_name = ""

    def __init__(self, *decls: str, **kw: Any) -> None:
        self.decls = decls
        self.kw = kw

    def to_typer(self) -> Any:
        import typer

        return getattr(typer, self.typer_name)(*self.decls, **self.kw)


class Option(Param):
    typer_name = "Option"


class Argument(Param):
    typer_name = "Argument"


class Exit(Exception):  # noqa: N818 - typer's name for the same thing
    """End the command with exit status ``code`` (typer.Exit without typer)."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = int(code)


class NotFast(Exception):  # noqa: N818
    """The command line needs typer's parser (help, an error, a rare form)."""


def _hints(fn: Any) -> dict[str, Any]:
    return typing.get_type_hints(fn, include_extras=True)


def for_typer(fn: Any) -> Any:
    """``fn`` with typer's parameter objects in its signature (what
    ``app.command`` reads); calling it calls ``fn``."""
    import inspect  # (typer's path only: its import costs the fast path 6 ms)

    hints = _hints(fn)
    sig = inspect.signature(fn)
    params, annotations = [], {}
    for p in sig.parameters.values():
        hint = hints.get(p.name, p.annotation)
        if typing.get_origin(hint) is Annotated:
            base, *meta = typing.get_args(hint)
            meta = [m.to_typer() if isinstance(m, Param) else m for m in meta]
            hint = Annotated[(base, *meta)]  # type: ignore[valid-type]
        params.append(p.replace(annotation=hint))
        annotations[p.name] = hint

    @functools.wraps(fn)
    def command(*args: Any, **kw: Any) -> Any:
        return fn(*args, **kw)

    command.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    command.__annotations__ = annotations
    return command


# -- the fast path ----------------------------------------------------------------------


class _Spec:
    """One parameter as the fast parser sees it."""

    def __init__(self, name: str, base: Any, param: Param, default: Any) -> None:
        self.name = name
        self.param = param
        self.default = default
        self.count = bool(param.kw.get("count"))
        many = typing.get_origin(base) is list
        optional = _optional(base)
        if optional is not None:
            base = optional
            many = typing.get_origin(base) is list
        self.many = many
        self.type = typing.get_args(base)[0] if many else base
        self.flag = self.type is bool
        if param.kw.get("callback") or param.kw.get("parser") or param.kw.get("click_type") \
                or param.kw.get("min") is not None or param.kw.get("max") is not None \
                or param.kw.get("envvar") or not (self.type in (str, int, float, bool)
                                                  or _is_path(self.type)):
            self.type = None  # typer's own handling: never fast

    def convert(self, text: str) -> Any:
        if self.type is None:
            raise NotFast
        if self.type is int:
            if not text.lstrip("-").isdigit():
                raise NotFast
            return int(text)
        if self.type is float:
            try:
                return float(text)
            except ValueError:
                raise NotFast from None
        if _is_path(self.type):
            from pathlib import Path

            return Path(text)
        return text


def _is_path(t: Any) -> bool:
    """``t`` is pathlib.Path, without importing pathlib (a command that takes
    no path does not pay for it at start)."""
    return getattr(t, "__name__", None) == "Path" and getattr(t, "__module__", "") == "pathlib"


def _optional(t: Any) -> Any:
    """``X`` of ``X | None``, else None."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return None


def _parameters(fn: Any) -> list[tuple[str, Any]]:
    """(name, default or None) of each parameter of ``fn``, in order, read
    from its code object (what inspect.signature reads, without importing
    inspect); NotFast for ``*args`` or ``**kwargs``."""
    code = fn.__code__
    if code.co_flags & 0x0C:  # CO_VARARGS, CO_VARKEYWORDS
        raise NotFast
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    positional = fn.__defaults__ or ()
    keyword = fn.__kwdefaults__ or {}
    first_default = code.co_argcount - len(positional)
    return [
        (name, positional[i - first_default] if i >= first_default and i < code.co_argcount
         else keyword.get(name))
        for i, name in enumerate(names)
    ]


@functools.cache
def _specs(fn: Any) -> tuple[dict[str, _Spec], dict[str, _Spec], list[_Spec], list[_Spec]]:
    """(long options, short options, arguments in order, every parameter)."""
    hints = _hints(fn)
    long: dict[str, _Spec] = {}
    short: dict[str, _Spec] = {}
    arguments: list[_Spec] = []
    every: list[_Spec] = []
    for name, default in _parameters(fn):
        hint = hints[name]
        if typing.get_origin(hint) is not Annotated:
            raise NotFast
        base, *meta = typing.get_args(hint)
        param = next((m for m in meta if isinstance(m, Param)), None)
        if param is None:
            raise NotFast
        spec = _Spec(name, base, param, default)
        every.append(spec)
        if isinstance(param, Argument):
            arguments.append(spec)
            continue
        decls = param.decls or ("--" + name.replace("_", "-"),)
        for d in decls:
            if "/" in d or " " in d:
                spec.type = None  # a --yes/--no pair: typer's
            (long if d.startswith("--") else short)[d] = spec
    return long, short, arguments, every


def parse(fn: Any, args: list[str]) -> dict[str, Any]:
    """The keyword arguments of ``fn`` for ``args``, or NotFast."""
    long, short, arguments, every = _specs(fn)
    got: dict[str, Any] = {}
    positional: list[str] = []

    def put(spec: _Spec, value: Any) -> None:
        if spec.count:
            got[spec.name] = got.get(spec.name, 0) + 1
        elif spec.many:
            got.setdefault(spec.name, []).append(spec.convert(value))
        elif spec.flag:
            got[spec.name] = True
        else:
            got[spec.name] = spec.convert(value)

    i = 0
    while i < len(args):
        t = args[i]
        i += 1
        if t == "--":
            positional += args[i:]
            break
        if t in ("-h", "--help"):
            raise NotFast
        if t.startswith("--"):
            name, eq, value = t.partition("=")
            spec = long.get(name)
            if spec is None or spec.type is None:
                raise NotFast
            if spec.flag or spec.count:
                if eq:
                    raise NotFast
                put(spec, None)
                continue
            if not eq:
                if i >= len(args):
                    raise NotFast
                value = args[i]
                i += 1
            put(spec, value)
        elif t.startswith("-") and len(t) > 1:
            spec = short.get(t[:2])
            if spec is None or spec.type is None:
                raise NotFast
            if spec.flag or spec.count:  # -v, -vvv, -nv: flags and counts joined
                for c in t[1:]:
                    s = short.get("-" + c)
                    if s is None or s.type is None or not (s.flag or s.count):
                        raise NotFast
                    put(s, None)
                continue
            if len(t) > 2:  # -c5
                put(spec, t[2:])
                continue
            if i >= len(args):
                raise NotFast
            put(spec, args[i])
            i += 1
        else:
            positional.append(t)
    for spec in arguments:
        if spec.type is None:
            raise NotFast
        if spec.many:
            got[spec.name] = [spec.convert(x) for x in positional] or spec.default
            positional = []
        elif positional:
            got[spec.name] = spec.convert(positional.pop(0))
        elif spec.default is None and spec.param.kw.get("default", ...) is ...:
            raise NotFast  # a required argument is missing: typer says so
    if positional:
        raise NotFast
    for spec in every:
        if spec.name not in got:
            got[spec.name] = spec.default if not spec.count else (spec.default or 0)
    return got


def fast_call(fn: Any, args: list[str]) -> Any:
    """Run command ``fn`` on ``args`` without typer; NotFast when it needs typer."""
    return fn(**parse(fn, args))

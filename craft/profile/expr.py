"""Variables in conversation scripts: ``${isn + 1}``.

Safe arithmetic only (``+ - * // %`` and unary minus on whole numbers, names
of variables, number literals); nothing else of Python is reachable: the text
is parsed with ``ast`` and every node checked against the short list below,
never passed to ``eval``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from typing import Any

from craft.errors import Mark, ProfileError

_BINOPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
}
_WORDS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%"}
_REF = re.compile(r"\$\{([^}]*)\}")
MAX_DIGITS = 40  # no result longer than this: 2**128 fits, a runaway product does not


def evaluate(expr: str, names: Mapping[str, Any], *, mark: Mark | None = None,
             path: str = "") -> Any:
    """The value of ``expr`` with ``names``; raises ProfileError naming what
    is wrong (an undefined variable, arithmetic on text, a forbidden form)."""

    def fail(why: str) -> ProfileError:
        return ProfileError(f"${{{expr}}}: {why}", mark=mark, path=path)

    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError:
        raise fail("write a variable or arithmetic such as ${isn + 1}") from None

    def value(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in names:
                known = ", ".join(sorted(names)) or "none yet"
                raise fail(f"undefined variable {node.id!r} (defined: {known})")
            return names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            v = number(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            a, b = number(node.left), number(node.right)
            if isinstance(node.op, ast.FloorDiv | ast.Mod) and b == 0:
                raise fail("division by zero")
            out = _BINOPS[type(node.op)](a, b)
            if len(str(abs(out))) > MAX_DIGITS:
                raise fail("the result is too large")
            return out
        raise fail("only variables, whole numbers and + - * // % are allowed")

    def number(node: ast.AST) -> int:
        v = value(node)
        if type(v) is not int:
            name = node.id if isinstance(node, ast.Name) else ast.unparse(node)
            raise fail(f"{name} is {v!r}, not a number: arithmetic needs numbers")
        return v

    return value(tree.body)


def substitute(text: str, names: Mapping[str, Any], *, mark: Mark | None = None,
               path: str = "") -> Any:
    """``text`` with each ``${...}`` replaced by its value: the value itself
    when the text is one reference, else the text with the values written in.
    ``$$`` is a dollar sign."""
    whole = _REF.fullmatch(text.strip())
    if whole:
        return evaluate(whole.group(1), names, mark=mark, path=path)
    parts = re.split(r"(\$\$|\$\{[^}]*\})", text)
    out = []
    for part in parts:
        if part == "$$":
            out.append("$")
        elif part.startswith("${"):
            out.append(str(evaluate(part[2:-1], names, mark=mark, path=path)))
        else:
            out.append(part)
    return "".join(out)

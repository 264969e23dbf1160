"""Safe YAML for profiles: YAML 1.2 core scalars, plain data only, a mark on
every value.

PyYAML implements YAML 1.1, whose implicit types turn an unquoted MAC such as
``02:00:00:00:00:02`` into a base-60 integer, ``064`` into octal 52 and
``on``/``no`` into booleans. Here the loader composes the node tree with the
YAML 1.2 core schema resolvers only (null, true/false, decimal/0o/0x integers,
floats; everything else is a string) and we construct the values ourselves,
so that:

- a tag other than the core ones (``!!python/object/apply:...``, ``!!binary``,
  ``!!timestamp``, ``!custom``) is refused: profiles hold plain data;
- a duplicate key in one mapping is refused;
- aliases are followed with a budget of expanded nodes (an alias bomb stops
  after ``MAX_NODES``), and nesting deeper than ``MAX_DEPTH`` is refused
  while composing, before Python's recursion limit is near;
- an integer written with a leading zero (``064``) stays a string, so the
  profile checker can say "write 64 or 0x40" instead of guessing octal;
- every mapping and sequence remembers where each of its values starts (a
  1-based ``Mark``) and each scalar's source text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from craft.errors import Mark, ProfileError

MAX_DEPTH = 64  # a profile is a few levels deep; 1,000-deep nesting is an attack
MAX_NODES = 100_000  # values after alias expansion
MAX_BYTES = 16 << 20  # a profile file larger than this is refused

_CORE = "tag:yaml.org,2002:"
TAG_NULL, TAG_BOOL, TAG_INT, TAG_FLOAT = (_CORE + t for t in ("null", "bool", "int", "float"))
TAG_STR, TAG_SEQ, TAG_MAP = _CORE + "str", _CORE + "seq", _CORE + "map"
_ALLOWED_TAGS = {TAG_NULL, TAG_BOOL, TAG_INT, TAG_FLOAT, TAG_STR, TAG_SEQ, TAG_MAP, "!"}

# YAML 1.2.2 §10.3.2 (core schema) tag resolution, except that integers with a
# leading zero are not resolved (they stay strings; the checker refuses them
# where a number is expected).
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RE = re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class YMap(dict):  # type: ignore[type-arg]
    """A mapping with marks: ``mark`` (where it starts), ``keys_at[key]`` and
    ``values_at[key]`` (where the key and its value start) and
    ``texts[key]`` (a scalar value's source text)."""

    __slots__ = ("mark", "keys_at", "values_at", "texts")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.keys_at: dict[str, Mark] = {}
        self.values_at: dict[str, Mark] = {}
        self.texts: dict[str, str] = {}

    def put(self, key: str, value: Any, key_at: Mark, value_at: Mark, text: str | None) -> None:
        self[key] = value
        self.keys_at[key] = key_at
        self.values_at[key] = value_at
        if text is None:
            self.texts.pop(key, None)
        else:
            self.texts[key] = text

    def remove(self, key: str) -> None:
        del self[key]
        for marks in (self.keys_at, self.values_at, self.texts):
            marks.pop(key, None)  # type: ignore[attr-defined]


class YList(list):  # type: ignore[type-arg]
    """A sequence with marks: ``mark``, ``items_at[i]`` and ``texts[i]``
    (source text of a scalar item, ``None`` otherwise)."""

    __slots__ = ("mark", "items_at", "texts")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.items_at: list[Mark] = []
        self.texts: list[str | None] = []


class _Loader(yaml.SafeLoader):
    """SafeLoader's scanner, parser and composer with YAML 1.2 core resolvers
    and a depth limit. Only ``get_single_node`` is used: no constructor runs."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    max_depth = MAX_DEPTH

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                mark = self.peek_event().start_mark
                raise _TooDeep(mark)
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


for _tag, _re, _first in (
    (TAG_NULL, _NULL_RE, ["~", "n", "N", ""]),
    (TAG_BOOL, _BOOL_RE, list("tTfF")),
    (TAG_INT, _INT_RE, list("-+0123456789")),
    (TAG_FLOAT, _FLOAT_RE, list("-+.0123456789")),
):
    _Loader.add_implicit_resolver(_tag, _re, _first)


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


def _mark(file: str, m: Any) -> Mark:
    """A PyYAML mark (0-based) as a craft Mark (1-based)."""
    return Mark(file, m.line + 1, m.column + 1)


def load(text: str, file: str, *, top_mapping: bool = True) -> Any:
    """The document in ``text`` as plain values (``YMap``, ``YList``, str,
    int, float, bool, None). ``file`` names the source in marks. Raises
    ProfileError for syntax errors and everything the module doc refuses."""
    if len(text) > MAX_BYTES:
        raise ProfileError(
            f"file is larger than {MAX_BYTES >> 20} MiB; a profile is a small text file",
            mark=Mark(file),
        )
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _TooDeep as e:
        raise ProfileError(
            f"nesting deeper than {MAX_DEPTH} levels; a profile needs only a few",
            mark=_mark(file, e.mark),
        ) from None
    except RecursionError:
        raise ProfileError(
            f"nesting deeper than {MAX_DEPTH} levels; a profile needs only a few", mark=Mark(file)
        ) from None
    except yaml.MarkedYAMLError as e:
        where = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "cannot parse"
        if e.context and e.problem:
            problem = f"{e.problem} ({e.context})"
        raise ProfileError(
            f"YAML syntax error: {problem}", mark=_mark(file, where) if where else Mark(file)
        ) from None
    except yaml.YAMLError as e:
        raise ProfileError(f"YAML error: {e}", mark=Mark(file)) from None
    finally:
        loader.dispose()
    if node is None:
        if top_mapping:
            raise ProfileError(
                "the file is empty; a profile is a mapping with name and frames",
                mark=Mark(file, 1, 1),
            )
        return None
    if top_mapping and not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        raise ProfileError(
            f"the top level is {kind}, not a mapping; start with 'name:' and 'frames:'",
            mark=_mark(file, node.start_mark),
        )
    return _Builder(file).build(node)


def load_value(text: str, file: str) -> Any:
    """One value written on a command line (``--set``/``--var``) with the
    same YAML 1.2 rules; an empty text is the empty string."""
    if text.strip() == "":
        return text
    return load(text, file, top_mapping=False)


class _Builder:
    """Constructs values from nodes, counting expanded nodes (aliases make
    the node graph a DAG: each visit counts)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.count = 0

    def build(self, node: Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ProfileError(
                f"more than {MAX_NODES} values after expanding aliases (an alias bomb?); "
                "write the profile out or use a stream",
                mark=_mark(self.file, node.start_mark),
            )
        if depth > MAX_DEPTH:  # a recursive alias (&a [*a])
            raise ProfileError(
                "an alias refers to itself; write the value out",
                mark=_mark(self.file, node.start_mark),
            )
        tag = node.tag
        if tag not in _ALLOWED_TAGS:
            raise ProfileError(
                f"tag {tag.replace(_CORE, '!!')} is not allowed: profiles hold plain data "
                "(numbers, text, lists, mappings); remove the tag",
                mark=_mark(self.file, node.start_mark),
            )
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            seq = YList(_mark(self.file, node.start_mark))
            for item in node.value:
                seq.append(self.build(item, depth + 1))
                seq.items_at.append(_mark(self.file, item.start_mark))
                seq.texts.append(item.value if isinstance(item, ScalarNode) else None)
            return seq
        assert isinstance(node, MappingNode)
        mapping = YMap(_mark(self.file, node.start_mark))
        for key_node, value_node in node.value:
            key_at = _mark(self.file, key_node.start_mark)
            key = self.build(key_node, depth + 1) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                raise ProfileError(
                    "a key must be a name (text), not a number, list or mapping", mark=key_at
                )
            if key == "<<" and key_node.style is None:
                raise ProfileError(
                    "merge keys (<<) are not supported; write the fields out", mark=key_at
                )
            if key in mapping:
                first = mapping.keys_at[key]
                raise ProfileError(
                    f"duplicate key {key!r} (first at line {first.line}); keep one", mark=key_at
                )
            value = self.build(value_node, depth + 1)
            text = value_node.value if isinstance(value_node, ScalarNode) else None
            mapping.put(key, value, key_at, _mark(self.file, value_node.start_mark), text)
        return mapping

    def scalar(self, node: ScalarNode) -> Any:
        text, tag = node.value, node.tag
        if tag == TAG_NULL:
            return None
        if tag == TAG_BOOL:
            return text.lower() == "true"
        if tag == TAG_INT:
            if len(text) > 64:  # no field is wider than 128 bits; int() of 5,000 digits fails
                raise ProfileError(
                    f"a number with {len(text)} digits is too long",
                    mark=_mark(self.file, node.start_mark),
                )
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            if not _INT_RE.match(text):  # explicit !!int on "064": no silent octal
                raise ProfileError(
                    f"{text!r} is not an integer; write decimal or 0x..",
                    mark=_mark(self.file, node.start_mark),
                )
            return int(text)
        if tag == TAG_FLOAT:
            try:
                return float(
                    text.replace(".inf", "inf")
                    .replace(".Inf", "inf")
                    .replace(".INF", "inf")
                    .replace(".nan", "nan")
                    .replace(".NaN", "nan")
                    .replace(".NAN", "nan")
                )
            except ValueError:
                raise ProfileError(
                    f"{text!r} is not a number", mark=_mark(self.file, node.start_mark)
                ) from None
        return text  # str and "!" (non-specific, quoted)


def did_you_mean(word: str, choices: Sequence[str] | Mapping[str, Any]) -> str:
    """`` (did you mean 'ipv6'?)`` when a known word is close, else nothing."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def what(value: Any) -> str:
    """A YAML value's kind in an error message: "a mapping", "a list"..."""
    if isinstance(value, YMap | dict):
        return "a mapping"
    if isinstance(value, YList | list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return repr(value)


def known_keys(box: YMap, allowed: Sequence[str], has: str, path: str = "",
               word: str = "key") -> None:
    """Raise ProfileError at the first key of ``box`` not in ``allowed``:
    ``unknown key 'x' (did you mean ...); <has>``."""
    for key in box:
        if key not in allowed:
            raise ProfileError(f"unknown {word} {key!r}{did_you_mean(key, allowed)}; {has}",
                               mark=box.keys_at[key], path=f"{path}.{key}" if path else key)

"""Conversation scripts (``craft run``): YAML → steps, checked before
anything is sent. docs/conversations.md is the user's reference.

A script is ``name``, ``description``, ``vars``, ``timeout`` (seconds an
expectation waits, default 2) and ``steps``. A step has any of ``send`` (one
frame: a list of layers, as a profile frame's ``layers``), ``expect`` (what
the answer must be), ``save`` (fields of the answer into variables) and
``wait`` (seconds); ``timeout`` overrides the script's for that step. A
``scan`` step sends one frame per value of a stream (``dport: {from: 1, to:
1024}``) and sorts each into open, closed or filtered by its answer, as
``nmap -sS`` does. A ``trace`` step sends one probe per value of its
streams (``ttl: {from: 1, to: 30}``) and lists who answered each and when,
up to the destination, as traceroute does.

``expect`` is a mapping of ``layer.field: value`` (all must hold), ``{any:
[...]}`` (one of several mappings), ``{none: [...]}`` (an answer that is none
of them) or ``no-answer`` (nothing may answer: a filtered port).
``payload.text`` compares the answer's data as text, trailing white space and
NULs left out; ``payload.contains`` looks for the text in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from craft.errors import Mark, ProfileError
from craft.profile.fieldpath import FieldPath
from craft.profile.fieldpath import parse as parse_path
from craft.profile.yamlload import YList, YMap, did_you_mean, known_keys, load, load_value, what

SCRIPT_KEYS = ("name", "description", "vars", "timeout", "steps")
STEP_KEYS = ("name", "send", "expect", "save", "wait", "timeout", "scan", "trace")
SCAN_KEYS = ("send", "open", "closed")
NO_ANSWER = "no-answer"
DEFAULT_TIMEOUT = 2.0
PAYLOAD_FIELDS = ("text", "contains")  # payload.text, payload.contains


@dataclass(frozen=True, slots=True)
class Condition:
    """``layer.field`` must be ``value`` (the value as written; compared in
    the field's own terms by craft.live.run)."""

    layer: str
    field: str
    value: Any
    mark: Mark
    at: FieldPath | None = None  # where the value is (None: the payload)

    @property
    def name(self) -> str:
        return f"{self.layer}.{self.field}"


@dataclass(frozen=True, slots=True)
class Expect:
    """``kind``: ``all`` (one group whose conditions all hold), ``any`` (one
    of the groups), ``none`` (an answer matching none of the groups) or
    ``no-answer``."""

    kind: str
    groups: tuple[tuple[Condition, ...], ...] = ()
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class Scan:
    """One frame per value of the stream in ``send``; an answer meeting
    ``open`` (or ``closed``) sorts its frame so; no answer: filtered."""

    send: YList
    open: tuple[Condition, ...]
    closed: tuple[Condition, ...] = ()


@dataclass(slots=True)
class Step:
    index: int
    mark: Mark
    name: str = ""
    send: YList | None = None
    expect: Expect | None = None
    save: dict[str, FieldPath] = field(default_factory=dict)
    wait: float = 0.0
    timeout: float | None = None
    scan: Scan | None = None
    trace: YList | None = None  # the probe: layers whose streams give one probe per value

    @property
    def label(self) -> str:
        return f"step {self.index + 1}" + (f" ({self.name})" if self.name else "")


@dataclass(slots=True)
class Script:
    name: str
    description: str
    file: str
    base_dir: Path
    vars: dict[str, Any]
    timeout: float
    steps: list[Step]


def load_script(path: str | Path, *, vars: dict[str, str] | None = None) -> Script:
    """Read and check a script file; ``vars`` (text, read as YAML scalars)
    override the ones it declares. Raises ProfileError naming file:line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ProfileError(f"cannot read the script: {e.strerror}", mark=Mark(str(p))) from None
    return load_script_text(text, str(p), base_dir=p.parent, vars=vars)


def load_script_text(text: str, file: str = "<script>", *, base_dir: Path | None = None,
                     vars: dict[str, str] | None = None) -> Script:
    root = load(text, file)
    known_keys(root, SCRIPT_KEYS, f"a script has {', '.join(SCRIPT_KEYS)}")
    declared = root.get("vars") or {}
    if not isinstance(declared, dict):
        raise ProfileError(f"vars is {what(declared)}; write a mapping such as vars: {{port: 80}}",
                           mark=root.values_at["vars"], path="vars")
    values = dict(declared)
    for name, value in (vars or {}).items():
        if name not in declared:
            raise ProfileError(f"the script has no variable {name!r}"
                               f"{did_you_mean(name, list(declared))}; its variables: "
                               f"{', '.join(declared) or 'none'}", mark=Mark(file),
                               path=f"--var {name}")
        values[name] = load_value(value, f"--var {name}")
    timeout = _seconds(root, "timeout", "timeout", DEFAULT_TIMEOUT)
    steps = root.get("steps")
    if not isinstance(steps, YList) or not steps:
        raise ProfileError("no steps; add steps: with at least one step (send, expect, save, "
                           "wait)", mark=root.mark, path="steps")
    out = [_step(steps, i) for i in range(len(steps))]
    name = root.get("name")
    return Script(name if isinstance(name, str) else Path(file).stem,
                  str(root.get("description") or ""), file, base_dir or Path.cwd(), values,
                  timeout, out)


def _seconds(box: YMap, key: str, path: str, default: float | None) -> Any:
    if key not in box:
        return default
    v = box[key]
    if isinstance(v, bool) or not isinstance(v, int | float) or v < 0:
        raise ProfileError(f"{key} is {what(v)}; give seconds, e.g. {key}: 2",
                           mark=box.values_at[key], path=path)
    return float(v)


def _step(steps: YList, i: int) -> Step:
    path = f"steps[{i}]"
    box, mark = steps[i], steps.items_at[i]
    if not isinstance(box, YMap):
        raise ProfileError(f"a step is a mapping (send, expect, save, wait), not {what(box)}",
                           mark=mark, path=path)
    known_keys(box, STEP_KEYS, f"a step has {', '.join(STEP_KEYS)}", path, "step key")
    step = Step(i, mark, str(box.get("name") or ""))
    if "send" in box:
        send = box["send"]
        if isinstance(send, YMap) and set(send) == {"layers"}:
            send = send["layers"]
        if not isinstance(send, YList) or not send:
            raise ProfileError("send is one frame: a list of layers, e.g. - ipv4: {dst: ...}",
                               mark=box.values_at["send"], path=f"{path}.send")
        step.send = send
    if "expect" in box:
        if step.send is None:
            raise ProfileError("expect needs a send in the same step: it checks the answer to it",
                               mark=box.keys_at["expect"], path=f"{path}.expect")
        step.expect = _expect(box["expect"], box.values_at["expect"], f"{path}.expect")
    if "save" in box:
        save = box["save"]
        if not isinstance(save, YMap) or step.expect is None or step.expect.kind == NO_ANSWER:
            raise ProfileError("save takes fields of the answer an expect waited for: "
                               "save: {isn: tcp.seq}", mark=box.values_at["save"],
                               path=f"{path}.save")
        for var in save:
            step.save[var] = _field_name(save[var], save.values_at[var], f"{path}.save.{var}")
    if "scan" in box:
        if step.send is not None or step.expect is not None:
            raise ProfileError("a scan step has its own send: scan: {send: [...], open: {...}}",
                               mark=box.keys_at["scan"], path=f"{path}.scan")
        step.scan = _scan(box["scan"], box.values_at["scan"], f"{path}.scan")
    if "trace" in box:
        trace = box["trace"]
        if isinstance(trace, YMap) and set(trace) == {"send"}:
            trace = trace["send"]
        if step.send is not None or step.scan is not None or not isinstance(trace, YList):
            raise ProfileError("trace: {send: [layers, with ttl: {from: 1, to: 30}]} on its own",
                               mark=box.values_at["trace"], path=f"{path}.trace")
        step.trace = trace
    step.wait = _seconds(box, "wait", f"{path}.wait", 0.0)
    step.timeout = _seconds(box, "timeout", f"{path}.timeout", None)
    if step.send is None and step.scan is None and step.trace is None and not step.wait:
        raise ProfileError("the step does nothing: give send, scan, trace or wait", mark=mark,
                           path=path)
    return step


def _scan(box: Any, mark: Mark, path: str) -> Scan:
    if not isinstance(box, YMap) or "send" not in box or "open" not in box:
        raise ProfileError("scan: {send: [layers with one stream], open: {tcp.flags: SA}, "
                           "closed: {tcp.flags: R}}", mark=mark, path=path)
    known_keys(box, SCAN_KEYS, f"a scan has {', '.join(SCAN_KEYS)}", path, "scan key")
    send = box["send"]
    if not isinstance(send, YList) or not send:
        raise ProfileError("scan send is one frame: a list of layers with a stream in one field",
                           mark=box.values_at["send"], path=f"{path}.send")
    closed = _conditions(box["closed"], box.values_at["closed"], f"{path}.closed") \
        if "closed" in box else ()
    return Scan(send, _conditions(box["open"], box.values_at["open"], f"{path}.open"), closed)


def _field_name(text: Any, mark: Mark, path: str) -> FieldPath:
    """``payload.text``, or a field path (craft/profile/fieldpath.py)."""
    if isinstance(text, str) and text.startswith("payload."):
        name = text.split(".", 1)[1]
        if name not in PAYLOAD_FIELDS:
            raise ProfileError(f"payload.{name}: the payload has "
                               f"{', '.join('payload.' + f for f in PAYLOAD_FIELDS)}",
                               mark=mark, path=path)
        return FieldPath("payload", name)
    return parse_path(text, mark, path)


def _conditions(box: Any, mark: Mark, path: str) -> tuple[Condition, ...]:
    if not isinstance(box, YMap) or not box:
        raise ProfileError(f"expected conditions such as {{tcp.flags: SA}}, got {what(box)}",
                           mark=mark, path=path)
    out = []
    for key in box:
        at = _field_name(key, box.keys_at[key], f"{path}.{key}")
        text = box.texts.get(key)
        value = box[key] if text is None or isinstance(box[key], str) else text
        out.append(Condition(at.layer, at.rest, value, box.values_at[key], at))
    return tuple(out)


def _expect(value: Any, mark: Mark, path: str) -> Expect:
    if value == NO_ANSWER:
        return Expect(NO_ANSWER, (), mark)
    if isinstance(value, YMap) and len(value) == 1 and next(iter(value)) in ("any", "none"):
        (kind,) = value
        groups = value[kind]
        if not isinstance(groups, YList) or not groups:
            raise ProfileError(f"{kind} takes a list of condition mappings",
                               mark=value.values_at[kind], path=f"{path}.{kind}")
        return Expect(kind, tuple(_conditions(g, groups.items_at[k], f"{path}.{kind}[{k}]")
                                  for k, g in enumerate(groups)), mark)
    if isinstance(value, str):
        raise ProfileError(f"expect {value!r}: write conditions {{tcp.flags: SA}}, any: [...], "
                           f"none: [...] or {NO_ANSWER}", mark=mark, path=path)
    return Expect("all", (_conditions(value, mark, path),), mark)

"""The JSON Schema (draft 2020-12) of the profile format, generated from the
layer field tables so that names, ranges and enumeration words never drift
from what the loader accepts. ``craft schema`` prints it for editors.

The schema is a little looser than the loader where only the loader can
judge (address syntax, hex digits, ``${var}`` text that may stand for any
value); it never rejects a profile the loader accepts.
"""

from __future__ import annotations

from typing import Any

from craft.layers import LAYERS
from craft.layers import base as kinds  # the value kinds of fields
from craft.layers.base import Field
from craft.profile.data import DATA_KEYS
from craft.profile.load import STREAM_KINDS
from craft.profile.overrides import DATA_LAYERS
from craft.profile.resolve import auto_source

SCHEMA_ID = "https://craft.invalid/schema/profile.json"

_VAR = {"type": "string", "pattern": r"\$\{[^}]*\}"}
_HEX = {"type": "string", "pattern": r"^\s*(0[xX])?[0-9a-fA-F\s:.\-]*$|\$\{"}
_NUMTEXT = {
    "type": "string",
    "pattern": r"^[-+]?(0|[1-9][0-9]*|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$",
}
_PATTERNS = {
    kinds.MAC: r"^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$",
    kinds.IPV4: r"^[0-9]{1,3}(\.[0-9]{1,3}){3}$",
    kinds.IPV6: r"^[0-9a-fA-F:.]*:[0-9a-fA-F:.%a-zA-Z]*$",
}
_PATTERNS[kinds.IP] = f"({_PATTERNS[kinds.IPV4]})|({_PATTERNS[kinds.IPV6]})"


def _int(bits: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "maximum": (1 << bits) - 1}


def _scalar(layer: str, f: Field) -> list[dict[str, Any]]:
    """The static forms of one field."""
    if f.kind == kinds.INT:
        return [_int(f.bits), _NUMTEXT]
    if f.kind == kinds.ENUM:
        return [_int(f.bits), _NUMTEXT, {"enum": sorted(f.names)}]
    if f.kind == kinds.FLAGS:
        words = sorted(set(f.names) | set(f.letters))
        return [
            _int(f.bits),
            {"type": "string"},
            {"type": "array", "items": {"anyOf": [{"enum": words}, _VAR]}},
        ]
    if f.kind in _PATTERNS:
        return [{"type": "string", "pattern": _PATTERNS[f.kind]}]
    if f.kind == kinds.BYTES:
        return [_HEX, {"type": "integer", "minimum": 0}]
    if f.kind == kinds.TEXT:
        return [{"type": ["string", "integer", "number", "boolean"]}]
    if f.kind == kinds.OPTIONS:
        return [_HEX, {"type": "integer", "minimum": 0}, _options(layer, f.name)]
    if f.kind in _LISTS:  # a list of addresses or names, or one alone
        one = {"type": "string", "pattern": _LISTS[f.kind]} if _LISTS[f.kind] else {
            "type": "string"}
        return [one, {"type": "array", "items": {"anyOf": [one, _VAR]}}]
    return []


_LISTS = {kinds.IPV4S: _PATTERNS[kinds.IPV4], kinds.IPV6S: _PATTERNS[kinds.IPV6], kinds.NAMES: "",
          kinds.INTS: "^(0[xX][0-9a-fA-F]+|[0-9]+)$"}


def _options(layer: str, field: str = "options") -> dict[str, Any]:
    """Named options as the layer module's OPTION_VALUES (or OPTION_FIELDS,
    for a field other than ``options``) describe them: a bare name, or
    {name: value} with the value's form."""
    module = LAYERS[layer]
    values = getattr(module, "OPTION_FIELDS", {}).get(field) or module.OPTION_VALUES
    mac = {"anyOf": [{"const": "auto"}, {"type": "string", "pattern": _PATTERNS[kinds.MAC]}, _VAR]}
    bare = [n for n, (form, _) in values.items() if form in ("none", "mac", "int0", "fields")]
    items: list[dict[str, Any]] = [{"enum": sorted(bare) if len(bare) == len(values) else bare}]
    for name, (form, bits) in values.items():
        if form == "tuple":  # one number per width
            nums = [{"anyOf": [_int(b), _NUMTEXT, _VAR]} for b in bits]
            items.append(_one_key(name, {"type": "array", "prefixItems": nums,
                                         "minItems": len(bits), "maxItems": len(bits)}))
            continue
        if form == "hex":
            items.append(_one_key(name, {"anyOf": [_HEX, _VAR]}))
            continue
        if form in ("field", "codes"):  # one field's forms; a list of codes, or one
            one = {"anyOf": [*_scalar(layer, bits), _VAR]}
            items.append(_one_key(name, one if form == "field" else
                                  {"anyOf": [one, {"type": "array", "items": one}]}))
            continue
        if form == "fields":  # each sub-field in its own forms
            items.append(_one_key(name, {
                "type": ["object", "null"], "additionalProperties": False,
                "properties": {f.name: {"anyOf": [*_scalar(layer, f), _VAR]} for f in bits}}))
            continue
        num = {"anyOf": [_int(bits), _NUMTEXT, _VAR]}
        addr = {"type": "string", "pattern": _PATTERNS[kinds.IPV4 if bits == 32 else kinds.IPV6]}
        value: dict[str, Any] = {
            "none": {"type": "null"},
            "text": {"anyOf": [{"type": ["string", "number"]}, _VAR]},
            "mac": mac,
            "int": num,
            "int0": num,
            "addr": {"anyOf": [addr, _VAR]},
            "addrs": {"anyOf": [{"type": "array", "items": {"anyOf": [addr, _VAR]}},
                                {"type": "integer", "minimum": 1, "maximum": 255}, _VAR]},
            "timestamp": {
                "type": "object",
                "properties": {
                    "flag": {"anyOf": [{"enum": ["tsonly", "tsandaddr", "prespec"]},
                                       {"type": "integer", "minimum": 0, "maximum": 15}]},
                    "entries": {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 9},
                                          {"type": "array"}]},
                },
                "additionalProperties": False,
            },
            "pair": {"type": "array", "items": num, "minItems": 2, "maxItems": 2},
            "blocks": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "array", "items": num, "minItems": 2, "maxItems": 2},
            },
        }[form]
        items.append(_one_key(name, value))
    return {"type": "array", "items": {"anyOf": items}}


def _one_key(name: str, value: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: value},
        "required": [name],
        "additionalProperties": False,
    }


def _field(layer: str, f: Field) -> dict[str, Any]:
    forms = _scalar(layer, f)
    if auto_source(layer, f.name) is not None or f.default is None:
        forms.append({"const": "auto"})
    if f.kind in STREAM_KINDS:
        forms.append({"$ref": "#/$defs/stream"})
    forms.append(_VAR)
    out: dict[str, Any] = {"anyOf": forms}
    if f.doc:
        out["description"] = f.doc
    return out


def _layer(name: str) -> dict[str, Any]:
    if name in DATA_LAYERS:
        # text and hex take a {list: [...]} of values, size any stream: per frame
        items = {"type": "object", "properties": {"list": {"type": "array", "minItems": 1}},
                 "required": ["list"], "additionalProperties": False}
        props: dict[str, Any] = {
            "text": {"anyOf": [{"type": ["string", "number", "boolean", "null"]}, items]},
            "hex": {"anyOf": [_HEX, {"type": "integer"}, items]},
            "file": {"type": "string", "description": "relative to the profile file"},
            "size": {
                "anyOf": [{"type": "integer", "minimum": 0, "maximum": 65535}, _NUMTEXT, _VAR,
                          {"$ref": "#/$defs/stream"}]
            },
            "fill": {
                "anyOf": [
                    {"type": "integer", "minimum": 0, "maximum": 255},
                    {"type": "string", "minLength": 1},
                ]
            },
        }
        assert set(props) == set(DATA_KEYS)
        body = {
            "type": ["object", "null"],
            "properties": props,
            "additionalProperties": False,
            "minProperties": 1,
            "maxProperties": 2,
        }
    else:
        header = LAYERS[name].HEADER
        body = {
            "type": ["object", "null"],
            "properties": {f.name: _field(name, f) for f in header.fields},
            "additionalProperties": False,
        }
        carried = _carried(name)
        if carried:
            body["allOf"] = carried
    doc = (LAYERS[name].__doc__ or "").strip().splitlines()
    if doc:
        body["description"] = doc[0]
    return _one_key(name, body)


def _carried(name: str) -> list[dict[str, Any]]:
    """For a header whose fields depend on its type (the module's
    ``fields_for``): with the type given by word or number, only the fields
    that type carries (with any ``version`` it has). A type given as a
    stream or a variable is not judged, as the loader does not judge it."""
    module = LAYERS[name]
    if not hasattr(module, "fields_for"):
        return []
    header = module.HEADER
    # a named version picks the fields too (an MLD query's); a plain number (OSPF's) does not
    version = header.by_name.get("version")
    versions = list(version.names.values()) if version is not None and version.names else [0]
    defaults = header.defaults()
    out = []
    kind = header.fields[0].name  # the type field comes first: type, dhcpv6's msgtype
    for word, number in header.by_name[kind].names.items():
        carried: set[str] = set()
        for version in versions:
            carried |= set(module.fields_for({**defaults, kind: number, "version": version})[1])
        out.append({
            "if": {"properties": {kind: {"enum": [word, number]}}, "required": [kind]},
            "then": {"propertyNames": {"enum": sorted(carried)}},
        })
    return out


def _stream() -> dict[str, Any]:
    bound = {"type": ["integer", "string"]}
    return {
        "description": "a varying value: {from, to, step}, {list: [...]} or "
                       "{random: [min, max], key}",
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    "from": bound,
                    "to": bound,
                    "step": {"anyOf": [{"type": "integer", "not": {"const": 0}}, _NUMTEXT, _VAR]},
                },
                "required": ["from"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"list": {"anyOf": [{"type": "array", "minItems": 1}, _VAR]}},
                "required": ["list"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "random": {
                        "anyOf": [
                            {"type": "array", "items": bound, "minItems": 2, "maxItems": 2},
                            _VAR,
                        ]
                    },
                    "key": {"type": ["string", "integer"],
                            "description": "random streams with one key and the same bounds "
                                           "draw the same values"},
                },
                "required": ["random"],
                "additionalProperties": False,
            },
        ],
    }


def _fragment() -> dict[str, Any]:
    num = {"anyOf": [{"type": "integer", "minimum": 0}, _NUMTEXT, _VAR]}
    piece = {"anyOf": [
        {"type": "array", "items": num, "minItems": 2, "maxItems": 2},
        {"type": "object",
         "properties": {"offset": num, "length": num, "mf": {"type": "boolean"}, "fill": num},
         "required": ["offset", "length"], "additionalProperties": False},
    ]}
    return {
        "description": "cut the frame's datagram into fragments: {mtu: N} or {pieces: "
                       "[[offset, length], ...]}; id: an inserted IPv6 fragment header's",
        "type": "object",
        "properties": {"mtu": num, "pieces": {"type": "array", "minItems": 1, "items": piece},
                       "id": num},
        "additionalProperties": False,
        "oneOf": [{"required": ["mtu"]}, {"required": ["pieces"]}],
    }


def profile_schema() -> dict[str, Any]:
    """The profile format as a JSON Schema (draft 2020-12)."""
    layer_refs = [{"$ref": f"#/$defs/layer_{name}"} for name in LAYERS]
    defs: dict[str, Any] = {f"layer_{name}": _layer(name) for name in LAYERS}
    defs["stream"] = _stream()
    defs["fragment"] = _fragment()
    defs["frame"] = {
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    "layers": {"type": "array", "minItems": 1, "items": {"oneOf": layer_refs}},
                    "fragment": {"$ref": "#/$defs/fragment"},
                },
                "required": ["layers"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"hex": {"anyOf": [_HEX, {"type": "integer"}]}},
                "required": ["hex"],
                "additionalProperties": False,
                "description": "a whole frame as hex (spaces and colons allowed)",
            },
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "craft profile",
        "description": "Frames as ordered layers, raw hex, variables and streams; see "
        "docs/profiles.md.",
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "description": {"type": "string"},
            "vars": {"type": "object", "description": "${name} values, overridable by --var"},
            "frames": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/frame"}},
        },
        "required": ["frames"],
        "additionalProperties": False,
        "$defs": defs,
    }


SCRIPT_ID = "https://craft.invalid/schema/script.json"
# layer.field, then an item of a list field by name or [index], then its field
# (craft/profile/fieldpath.py)
_FIELD_NAME = {"type": "string",
               "pattern": r"^[a-z][a-z0-9-]*\.[a-z_][a-z0-9_-]*(\[\d+\])?(\.[A-Za-z][\w-]*){0,2}$"}
# what craft run fills in itself (craft/live/run.py): TCP numbers, a source port
_RUN_AUTO = {("tcp", "seq"), ("tcp", "ack"), ("tcp", "sport"), ("udp", "sport")}


def script_schema() -> dict[str, Any]:
    """The conversation script format (craft run, docs/conversations.md) as a
    JSON Schema; a step's frame is a profile frame's layers."""
    defs = profile_schema()["$defs"]
    for layer, name in _RUN_AUTO:
        if layer in LAYERS:
            defs[f"layer_{layer}"]["properties"][layer]["properties"][name]["anyOf"].append(
                {"const": "auto"})
    layers = {"type": "array", "minItems": 1,
              "items": {"oneOf": [{"$ref": f"#/$defs/layer_{n}"} for n in LAYERS]}}
    conditions = {"type": "object", "minProperties": 1, "propertyNames": _FIELD_NAME}
    alternatives = {"type": "array", "minItems": 1, "items": conditions}
    seconds = {"type": "number", "minimum": 0}
    defs["step"] = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "send": {"oneOf": [layers, _one_key("layers", layers)]},
            "expect": {"oneOf": [{"const": "no-answer"}, _one_key("any", alternatives),
                                 _one_key("none", alternatives), conditions]},
            "save": {"type": "object", "additionalProperties": _FIELD_NAME},
            "wait": seconds,
            "timeout": seconds,
            "scan": {"type": "object", "required": ["send", "open"],
                     "properties": {"send": layers, "open": conditions, "closed": conditions},
                     "additionalProperties": False},
            "trace": {"oneOf": [layers, _one_key("send", layers)]},
        },
        "anyOf": [{"required": [k]} for k in ("send", "wait", "scan", "trace")],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCRIPT_ID,
        "title": "craft conversation script",
        "description": "Steps that send, expect, save and wait; see docs/conversations.md.",
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "description": {"type": "string"},
            "vars": {"type": "object", "description": "${name} values, overridable by --var"},
            "timeout": seconds,
            "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
        },
        "required": ["steps"],
        "additionalProperties": False,
        "$defs": defs,
    }


def field_reference() -> str:
    """The per-layer field tables as Markdown (docs/profiles.md embeds this
    output; regenerate with ``python -m craft.profile.schema --markdown``)."""
    from craft.layers.base import value_text

    out = []
    for name, module in LAYERS.items():
        if name in DATA_LAYERS:
            continue
        first = " ".join((module.__doc__ or name).strip().split("\n\n")[0].split())
        out.append(f"#### {name}\n\n{first}\n")
        out.append("| field | kind | default | notes |\n| --- | --- | --- | --- |")
        for f in module.HEADER.fields:
            kind = "int" if f.kind == kinds.INT else f.kind
            if f.bits:
                kind += f", {f.bits} bits"
            if f.kind in (kinds.ENUM, kinds.FLAGS) and f.names:
                kind += ": " + ", ".join(f.names)
            if f.letters:
                kind += f"; letters {f.letters}"
            if f.default is None:
                default = "computed"
            elif f.kind == kinds.OPTIONS or (f.kind == kinds.BYTES and not f.default):
                default = "none"
            else:
                default = value_text(f, f.default)
            note = f.doc.replace("|", "\\|")
            if auto_source(name, f.name) is not None and f.kind != kinds.OPTIONS:
                note = "`auto` allowed. " + note
            out.append(f"| {f.name} | {kind} | {default} | {note} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    import json
    import sys

    print(field_reference() if "--markdown" in sys.argv else json.dumps(profile_schema(), indent=2))

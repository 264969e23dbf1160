"""What the command line puts into a profile before it is checked:
``--var NAME=VALUE`` (a declared variable's value) and ``--set PATH=VALUE``
(a field, written into the document so it goes through exactly the checks a
value in the file would)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from craft.errors import Mark, ProfileError, UsageError
from craft.profile.yamlload import YList, YMap, did_you_mean, load_value, what

# their bytes are given as text, hex, file or size+fill
DATA_LAYERS = ("payload", "raw", "padding")
_SET_RE = re.compile(
    r"^(?:frames\[(\d+)\]\.)?([A-Za-z][A-Za-z0-9_-]*)(?:\[(\d+)\])?(?:\.([A-Za-z][A-Za-z0-9_-]*))?$"
)


def parse_vars(items: list[str] | None) -> dict[str, str]:
    """``NAME=VALUE`` pairs from ``--var`` options."""
    out: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--var {item!r}: write NAME=VALUE, e.g. --var dst=198.51.100.7")
        out[name] = value
    return out


def declared_vars(root: YMap, overrides: Mapping[str, Any], file: str) -> dict[str, Any]:
    declared = root.get("vars")
    if declared is None:
        declared = YMap(root.mark)
    if not isinstance(declared, YMap):
        raise ProfileError(
            f"vars is {what(declared)}; write a mapping such as vars: {{dst: 192.0.2.2}}",
            mark=root.values_at["vars"],
            path="vars",
        )
    out = dict(declared)
    for name, value in overrides.items():
        if name not in declared:
            have = ", ".join(declared) or "none"
            raise ProfileError(
                f"the profile has no variable {name!r}{did_you_mean(name, declared)}; "
                f"its variables: {have}",
                mark=Mark(file),
                path=f"--var {name}",
            )
        out[name] = load_value(value, f"--var {name}") if isinstance(value, str) else value
    return out


def apply_set(root: YMap, item: str) -> None:
    """Put one ``PATH=VALUE`` into the document before it is checked, so the
    value goes through exactly the checks a value in the file would."""
    spec, sep, text = item.partition("=")
    spec = spec.strip()
    here = Mark("--set")
    if not sep:
        raise ProfileError(f"{item!r}: write PATH=VALUE, e.g. --set ipv4.ttl=1", mark=here)
    m = _SET_RE.match(spec)
    if not m:
        raise ProfileError(
            f"{spec!r} is not a field path; write frames[N].LAYER.FIELD, LAYER.FIELD "
            "or LAYER[K].FIELD (e.g. ipv4.ttl or vlan[1].vid)",
            mark=here,
        )
    frames = root.get("frames")
    if not isinstance(frames, YList) or not frames:
        raise ProfileError("the profile has no frames to set a field in", mark=here, path=spec)
    if m.group(1) is None:
        if len(frames) != 1:
            raise ProfileError(
                f"the profile has {len(frames)} frames; say which, e.g. frames[0].{spec}",
                mark=here,
                path=spec,
            )
        fi = 0
    else:
        fi = int(m.group(1))
        if fi >= len(frames):
            raise ProfileError(
                f"the profile has {len(frames)} frame(s): frames[0]..frames[{len(frames) - 1}]",
                mark=here,
                path=spec,
            )
    frame = frames[fi]
    lname, k, fname = m.group(2), m.group(3), m.group(4)
    value = load_value(text, "--set")
    vtext = text.strip() if not isinstance(value, YMap | YList) else None
    if not isinstance(frame, YMap):
        return  # the checker reports the bad frame itself
    if fname is None:
        if lname != "hex" or k is not None:
            raise ProfileError(f"{spec!r}: name a field, e.g. {lname}.FIELD", mark=here)
        frame.put("hex", value, here, here, vtext)
        return
    layers = frame.get("layers")
    if not isinstance(layers, YList):
        raise ProfileError(
            f"frames[{fi}] has no layers list to set {lname}.{fname} in", mark=here, path=spec
        )
    where = [j for j, e in enumerate(layers) if isinstance(e, YMap) and lname in e]
    if not where:
        names = [n for e in layers if isinstance(e, YMap) for n in e]
        raise ProfileError(
            f"frames[{fi}] has no {lname} layer{did_you_mean(lname, names)}; its layers: "
            f"{', '.join(names)}",
            mark=here,
            path=spec,
        )
    ki = int(k or 0)
    if ki >= len(where):
        raise ProfileError(
            f"frames[{fi}] has {len(where)} {lname} layer(s); {lname}[{ki}] is not "
            f"one (count from 0)",
            mark=here,
            path=spec,
        )
    entry = layers[where[ki]]
    body = entry[lname]
    if body is None:
        body = YMap(entry.values_at[lname])
        entry.put(lname, body, entry.keys_at[lname], entry.values_at[lname], None)
    if isinstance(body, YMap):
        if lname in DATA_LAYERS and fname in ("text", "hex", "file", "size"):
            # --set payload.text=... replaces the payload, whatever gave it before
            for other in ("text", "hex", "file", "size", "fill"):
                if other in body and other != fname:
                    body.remove(other)
        body.put(fname, value, here, here, vtext)

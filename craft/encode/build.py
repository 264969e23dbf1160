"""Profile → bytes: the one build path the CLI and the Python API share."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from craft.errors import UsageError
from craft.layers.frame import Frame

Backend = Literal["struct", "scapy", "both"]
BACKENDS: tuple[str, ...] = ("struct", "scapy", "both")
MAX_FRAME = 65535  # the profile format's limit on one frame


@dataclass(frozen=True, slots=True)
class Built:
    frame: Frame
    data: bytes


def encoder_for(backend: str):  # type: ignore[no-untyped-def]
    """The function that turns a Frame into bytes for ``backend``."""
    if backend == "struct":
        from craft.encode.struct_ import encode
        return encode
    if backend == "scapy":
        from craft.encode.scapy_ import encode
        return encode
    if backend == "both":
        from craft.encode.crosscheck import crosscheck
        return crosscheck
    raise UsageError(f"unknown backend {backend!r}: use struct, scapy or both")


def build_frames(frames: Iterator[Frame], backend: str = "both") -> Iterator[Built]:
    """Encode each frame with ``backend`` (``both`` cross-checks them)."""
    encode = encoder_for(backend)
    for frame in frames:
        yield Built(frame, encode(frame))


def build(profile: object, *, count: int | None = None, backend: str = "both", seed: int = 1,
          resolver: object = None) -> Iterator[Built]:
    """Build a loaded profile (see ``craft.load_profile``): yields ``Built``
    frames lazily, each cross-checked by both encoders unless ``backend`` says
    otherwise.

    >>> import craft
    >>> p = craft.load_profile("profiles/icmp.yaml")
    >>> [b.data.hex() for b in craft.build(p, count=1)]  # doctest: +SKIP
    """
    frames = profile.frames(count=count, seed=seed, resolver=resolver)  # type: ignore[attr-defined]
    return build_frames(frames, backend)


def build_data(profile: object, *, count: int | None = None, backend: str = "both",
               seed: int = 1, resolver: object = None) -> Iterator[bytes]:
    """Only the frames' bytes. With the struct backend a long stream comes
    from craft.encode.patcher (a template patched per frame, checked against the
    model and struct encoder on its first frames), as ``craft send`` does."""
    n = profile.default_count() if count is None else count  # type: ignore[attr-defined]
    specs = getattr(profile, "specs", None)
    if backend == "struct" and n > 512 and specs and not any(s.has_streams for s in specs):
        # nothing varies: every round of the profile's frames (a fragmented
        # datagram's fragments...) is the same bytes, built once
        one = profile.default_count()  # type: ignore[attr-defined]
        first = [b.data for b in build(profile, count=one, backend=backend, seed=seed,
                                       resolver=resolver)]
        return itertools.islice(itertools.cycle(first), n)
    if backend == "struct" and n > 512:
        from craft.encode.patcher import fast_frames

        fast = fast_frames(profile, n, seed, resolver)
        if fast is not None:
            return fast
    return (b.data for b in build(profile, count=n, backend=backend, seed=seed, resolver=resolver))

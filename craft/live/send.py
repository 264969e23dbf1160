"""The send loop: frames onto an AF_PACKET socket at a count, interval or rate.

Every batch of frames goes out with one sendmmsg(2) call on a bound
AF_PACKET socket. Where the frames come from, fastest first:

1. A profile without random streams repeats with a period the model knows
   (frames x lcm of stream lengths): when that period is small and the count
   larger, one period is built once and its batches are replayed.
2. A one-frame profile whose streams vary whole-byte fields is patched
   (craft/patcher.py: template + stream values + checksum updates), checked
   against the model first; from FORK_FRAMES on, a forked child builds the
   batches into shared memory while this process sends.
3. Otherwise the model and the chosen encoder build each frame, in batches.

Pacing reads ``time.perf_counter`` and sleeps only when ahead of schedule,
sending whatever is due in one burst, so the average rate holds from 100 to
100,000 frames/s.

Stopping: ``stop()`` (the CLI's SIGINT handler calls it) ends the loop at
the next batch boundary; the summary counts exactly what went out.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from craft.decode.walk import decode
from craft.encode.patcher import VERIFY_FRAMES
from craft.errors import UsageError
from craft.io.rawsock import Batch, CaptureSocket, Interface, SendSocket
from craft.layers import LAYERS
from craft.layers.frame import Frame
from craft.layers.linktype import ip_layer
from craft.live.replies import Answer, Matcher

BATCH = 256  # frames per sendmmsg call and per lazily built batch
FAST_BATCH = 1024  # frames per patched batch (sendmmsg takes at most 1024)
MAX_CYCLE_FRAMES = 1 << 16  # replay a repeating stream when its period is at most this
MAX_CYCLE_BYTES = 64 << 20


@dataclass(slots=True)
class Summary:
    interface: str
    frames: int = 0
    bytes: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    sent: int | None = None  # with --replies: the counts the expect names use
    answered: int | None = None
    unanswered: int | None = None
    replies: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fps(self) -> float:
        return self.frames / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        noun = "frame" if self.frames == 1 else "frames"
        return (
            f"{self.frames} {noun}, {self.bytes} bytes in {self.seconds:.3f} s, "
            f"{self.fps:,.0f} frames/s" + (" (interrupted)" if self.interrupted else "")
        )

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 6)
        d["fps"] = round(self.fps, 1)
        if self.sent is None:
            for k in ("sent", "answered", "unanswered", "replies"):
                d.pop(k)
        return d


def link_strip(data: bytes) -> tuple[bytes, int]:
    """For an interface without a link header: the frame from its network
    layer on, and the ethertype that says what that layer is (past any
    VLAN tags, as the decoder reads them)."""
    parts = decode(data, "ether")
    k = 1
    while k < len(parts) and getattr(LAYERS.get(parts[k].name), "TAG", False) and parts[k].values:
        k += 1
    last = parts[k - 1]
    if not last.values:
        return b"", -1
    return data[last.offset + last.length :], last.values[LAYERS[last.name].SELECTOR]


def ip_ethertype(data: bytes) -> int:
    return 0x86DD if data[:1] and data[0] >> 4 == 6 else 0x0800


def frame_period(profile: Any) -> int | None:
    """How many frames until the profile's sequence repeats exactly, or None
    (a random or open-ended stream never repeats by construction)."""
    specs = getattr(profile, "specs", None)
    if not specs:
        return None
    period = 1
    for spec in specs:
        for layer in spec.layers:
            for s in layer.streams.values():
                if s.kind == "random" or s.length is None:
                    return None
                period = math.lcm(period, s.length)
    # a round is every spec once, each as its fragments (profile.model)
    return period * sum(getattr(spec, "fragments", 1) for spec in specs)


@dataclass(slots=True)
class Pacing:
    """Frames per second (None: as fast as the socket takes them)."""

    rate: float | None = None

    @classmethod
    def of(cls, interval: float | None, rate: float | None) -> Pacing:
        if interval is not None and rate is not None:
            raise UsageError("give --interval or --rate, not both")
        if interval is not None:
            if interval <= 0:
                raise UsageError(f"--interval {interval}: give a positive number of seconds")
            return cls(1.0 / interval)
        if rate is not None:
            if rate <= 0:
                raise UsageError(f"--rate {rate}: give a positive number of frames/s")
            return cls(float(rate))
        return cls(None)


class Sender:
    """Sends ``frames`` (bytes, or (Frame, bytes) when the caller also wants
    sizes checked per frame) on ``iface``; see ``run``."""

    def __init__(
        self,
        iface: Interface,
        *,
        pacing: Pacing | None = None,
        matcher: Matcher | None = None,
        on_answer: Callable[[Answer], None] | None = None,
        on_progress: Callable[[int, int, float], None] | None = None,
        progress_every: float = 0.2,
    ) -> None:
        self.iface = iface
        self.pacing = pacing or Pacing()
        self.matcher = matcher
        self.on_answer = on_answer
        self.on_progress = on_progress
        self.progress_every = progress_every
        self._stop = False
        self._capture: CaptureSocket | None = None

    def stop(self) -> None:
        self._stop = True

    @property
    def stopped(self) -> bool:
        return self._stop

    # -- the loop ------------------------------------------------------------

    def run(self, batches: Iterable[list[bytes] | Batch], *, timeout: float = 0.0) -> Summary:
        """Send every batch in order; with a matcher, keep catching replies
        while sending and for ``timeout`` seconds after (less when every
        request is answered). On an interface without a link header the
        frames start at the IP header."""
        summary = Summary(self.iface.name)
        sock = SendSocket(self.iface, proto=0x0800)
        try:
            if self.matcher is not None:
                self._capture = CaptureSocket(self.iface)
            self._loop(sock, batches, summary)
            if self.matcher is not None and not self._stop:
                self._drain(timeout)
        finally:
            sock.close()
            if self._capture is not None:
                self._capture.close()
                self._capture = None
        summary.interrupted = self._stop
        if self.matcher is not None:
            m = self.matcher
            summary.sent, summary.answered, summary.unanswered = (
                m.sent_count,
                m.answered,
                m.unanswered,
            )
        return summary

    def _loop(
        self, sock: SendSocket, batches: Iterable[list[bytes] | Batch], summary: Summary
    ) -> None:
        rate = self.pacing.rate
        perf = time.perf_counter
        matcher = self.matcher
        dgram = sock.dgram
        first = "ether" if not dgram else None
        t0 = perf()
        next_progress = t0 + self.progress_every
        next_poll = t0
        sent = 0
        nbytes = 0
        try:
            for item in batches:
                if self._stop:
                    break
                batch = None if dgram else item if isinstance(item, Batch) else Batch(item)
                # the frames as bytes objects only when something reads them
                frames = (
                    (item.frames if isinstance(item, Batch) else item)
                    if dgram or matcher is not None
                    else ()
                )
                lengths = batch.lengths if batch is not None else [len(f) for f in frames]
                nbatch = batch.nbytes if batch is not None else sum(lengths)
                total = len(lengths)
                pos = 0
                while pos < total:
                    if self._stop:
                        break
                    now = perf()
                    if rate is not None:
                        due = int((now - t0) * rate) + 1 - sent
                        if due <= 0:
                            # short naps, so Ctrl-C and replies are seen promptly
                            time.sleep(min(sent / rate - (now - t0), 0.05))
                            if matcher is not None and perf() >= next_poll:
                                self._poll()
                                next_poll = perf() + 0.01
                            continue
                        n = min(due, total - pos)
                    else:
                        n = total - pos
                    when = time.time()
                    if batch is not None:
                        sock.send_batch(batch, pos, n)
                    else:
                        for f in frames[pos : pos + n]:
                            sock.send_to(f, ip_ethertype(f))
                    if matcher is not None:
                        for k in range(pos, pos + n):
                            f = frames[k]
                            matcher.sent(sent + k - pos, f, when, first or ip_layer(f))
                    nbytes += nbatch if n == total else sum(lengths[pos : pos + n])
                    sent += n
                    pos += n
                    now = perf()
                    if matcher is not None and now >= next_poll:
                        self._poll()
                        next_poll = now + 0.01
                    if self.on_progress is not None and now >= next_progress:
                        self.on_progress(sent, nbytes, now - t0)
                        next_progress = now + self.progress_every
        finally:
            summary.frames, summary.bytes, summary.seconds = sent, nbytes, perf() - t0

    def _poll(self, timeout: float = 0.0) -> None:
        assert self._capture is not None and self.matcher is not None
        first = None if self.iface.ethernet else "ipv4"
        for ts, data, _proto in self._capture.poll(timeout):
            answer = self.matcher.received(data, ts or time.time(), first and ip_layer(data))
            if answer is not None and self.on_answer is not None:
                self.on_answer(answer)

    def _drain(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        while not self._stop and self.matcher is not None and self.matcher.pending:
            left = end - time.monotonic()
            if left <= 0:
                break
            self._poll(min(left, 0.05))


# -- frame sources -------------------------------------------------------------


def patched_batches(
    profile: Any,
    resolver: Any,
    count: int,
    seed: int,
    on_wire: Callable[[Frame, bytes], bytes],
    built: Callable[[int], Iterator[tuple[Frame, bytes]]],
    size: int = FAST_BATCH,
) -> Iterator[Batch] | None:
    """Batches from craft.encode.patcher (template + stream values + checksum
    updates), or None when the profile needs the model for each frame. The
    first VERIFY_FRAMES are compared byte for byte with the model and the
    struct encoder first; any difference means the model path is used."""
    from craft.encode.patcher import verified

    model = [data for _f, data in built(VERIFY_FRAMES)]
    patcher = verified(profile, resolver, seed, model)
    if patcher is None:
        return None
    on_wire(next(iter(profile.frames(count=1, seed=seed, resolver=resolver))), model[0])
    if count >= FORK_FRAMES and (os.cpu_count() or 1) > 1:
        return forked_batches(patcher, count, size)

    def gen() -> Iterator[Batch]:
        left = count
        while left > 0:
            k = min(size, left)
            yield Batch(buffer=patcher.batch(k), size=patcher.size, count=k)
            left -= k

    return gen()


FORK_FRAMES = 200_000  # from this many patched frames, build them in a second process
SLOTS = 8  # batches in flight between the builder process and the sender


def forked_batches(patcher: Any, count: int, size: int = FAST_BATCH) -> Iterator[Batch]:
    """Patched frames built by a forked child into shared memory while this
    process sends: a ring of SLOTS batch-sized slots, two pipes saying which
    slot is full (child to parent) and which is free again (parent to
    child). Order is kept: one builder, slots handed over in sequence."""
    import mmap
    import signal
    import struct

    from craft.errors import RuntimeFailure

    fsize = patcher.size
    slot_bytes = size * fsize
    shared = mmap.mmap(-1, SLOTS * slot_bytes)  # anonymous and MAP_SHARED: seen by the child
    full_r, full_w = os.pipe()
    free_r, free_w = os.pipe()
    msg = struct.Struct("=II")  # slot, frames in it
    pid = os.fork()
    if pid == 0:  # the builder
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the sender's to handle
            os.close(full_r)
            os.close(free_w)
            left = count
            while left > 0:
                raw = os.read(free_r, msg.size)
                if len(raw) < msg.size:
                    break
                slot = msg.unpack(raw)[0]
                k = min(size, left)
                patcher.fill_into(shared, slot * slot_bytes, k)
                os.write(full_w, msg.pack(slot, k))
                left -= k
        except BaseException:  # noqa: BLE001 - say why, then end the child whatever happened
            import traceback

            traceback.print_exc()
            os._exit(1)
        finally:
            os._exit(0)
    os.close(full_w)
    os.close(free_r)

    def gen() -> Iterator[Batch]:
        batches = [
            Batch(buffer=shared, size=fsize, count=size, offset=i * slot_bytes)
            for i in range(SLOTS)
        ]
        needed = -(-count // size)  # slots the builder fills in all
        try:
            given = min(SLOTS, needed)
            for i in range(given):
                os.write(free_w, msg.pack(i, 0))
            left = count
            while left > 0:
                raw = os.read(full_r, msg.size)
                if len(raw) < msg.size:
                    raise RuntimeFailure("the frame builder process ended early")
                slot, k = msg.unpack(raw)
                yield (
                    batches[slot]
                    if k == size
                    else Batch(buffer=shared, size=fsize, count=k, offset=slot * slot_bytes)
                )
                left -= k
                if given < needed:  # sent: the slot is free for the builder again
                    os.write(free_w, msg.pack(slot, 0))
                    given += 1
        finally:
            os.close(free_w)  # the builder reads EOF and ends
            os.close(full_r)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            del batches

    return gen()


def lazy_batches(frames: Iterator[tuple[Frame, bytes]], size: int = BATCH) -> Iterator[list[bytes]]:
    """Group built frames into lists of ``size``."""
    batch: list[bytes] = []
    for _frame, data in frames:
        batch.append(data)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def cycled_batches(cycle: list[bytes], count: int | None, size: int = BATCH) -> Iterator[Batch]:
    """Replay one period of frames (built once) until ``count`` frames
    (None: forever), as prebuilt sendmmsg batches."""
    period = len(cycle)
    # A batch may run across the period boundary: lay out lcm-free by
    # doubling the cycle when it is shorter than a batch.
    reps = max(1, -(-size // period))
    unit = cycle * reps
    chunks = [Batch(unit[i : i + size]) for i in range(0, len(unit), size)]
    if count is None:
        while True:
            yield from chunks
    left = count
    while left > 0:
        for chunk in chunks:
            if left <= 0:
                return
            if chunk.count <= left:
                yield chunk
                left -= chunk.count
            else:
                yield Batch(chunk.frames[:left])
                return


# -- from a profile to batches -------------------------------------------------


def first_destination(profile: Any, seed: int = 1) -> str | None:
    """The IP destination of the profile's first frame (ARP: the asked
    address), read with placeholder addresses, for the route lookup."""
    import ipaddress

    for frame in profile.frames(count=1, seed=seed):
        for layer in frame.layers:
            v = layer.values
            if layer.name in ("ipv4", "ipv6") and isinstance(v.get("dst"), bytes):
                return str(ipaddress.ip_address(v["dst"]))
            if layer.name == "arp" and isinstance(v.get("tpa"), bytes):
                return str(ipaddress.ip_address(v["tpa"]))
    return None


def choose_interface(name: str | None, profile: Any, seed: int = 1) -> Interface:
    """``name``, or the interface the kernel routes the first frame's
    destination through; checked to exist and be up."""
    from craft.errors import RuntimeFailure
    from craft.io.rawsock import interface, route_get

    if name is None:
        dst = first_destination(profile, seed)
        if dst is None:
            raise UsageError("the first frame has no IP destination to route by: give -i IFACE")
        route = route_get(dst)
        if not route.dev:
            raise RuntimeFailure(f"no route to {dst}: give -i IFACE")
        name = route.dev
    iface = interface(name)
    if not iface.up:
        raise RuntimeFailure(f"interface {iface.name} is down (ip link set {iface.name} up)")
    return iface


class FrameTooBig(UsageError):
    pass


def wire_bytes(iface: Interface) -> Callable[[Frame, bytes], bytes]:
    """What goes on ``iface`` for a built frame, checked against its MTU:
    the whole frame on Ethernet-like links, the frame from its IP header on
    links without a link header."""
    limit, link = iface.max_frame, iface.link_header
    what = f"MTU {iface.mtu}" + (f" + {link}-byte link header" if link else "")

    def too_big(frame: Frame, size: int) -> FrameTooBig:
        return FrameTooBig(
            f"{frame.label} (frame #{frame.number}) is {size} bytes; "
            f"{iface.name} sends at most {limit} ({what})"
        )

    if iface.ethernet:

        def check(frame: Frame, data: bytes) -> bytes:
            if len(data) > limit:
                raise too_big(frame, len(data))
            if frame.layers and frame.layers[0].name not in ("ether", "raw"):
                raise UsageError(
                    f"{frame.label} starts with {frame.layers[0].name}: "
                    f"{iface.name} ({iface.link_type}) needs an ether layer first"
                )
            return data

        return check

    def strip(frame: Frame, data: bytes) -> bytes:
        first = frame.layers[0].name if frame.layers else "raw"
        if first == "ether":
            data, etype = link_strip(data)
            if etype not in (0x0800, 0x86DD):
                inner = next(
                    (la.name for la in frame.layers if la.name not in ("ether", "vlan")), hex(etype)
                )
                raise UsageError(
                    f"{frame.label}: {iface.name} ({iface.link_type}) has no link "
                    f"header and carries IP only, not {inner}"
                )
        elif not data or data[0] >> 4 not in (4, 6):
            raise UsageError(
                f"{frame.label}: {iface.name} ({iface.link_type}) has no link "
                "header and carries IPv4 or IPv6 only"
            )
        if len(data) > limit:
            raise too_big(frame, len(data))
        return data

    return strip


def profile_batches(
    profile: Any,
    iface: Interface,
    *,
    count: int | None,
    seed: int = 1,
    backend: str = "struct",
    resolver: Any = None,
) -> Iterator[list[bytes] | Batch]:
    """The profile's frames for ``iface`` as send batches: ``count`` frames
    (None: until stopped). Auto addresses are resolved by ``resolver``
    (default: from ``iface``). The first batch is built here, before
    anything is sent, so a resolution or size error comes first."""
    import sys

    from craft.encode.build import encoder_for
    from craft.live.iface import InterfaceResolver

    if resolver is None:
        dst = first_destination(profile, seed)
        resolver = InterfaceResolver(iface, hints=(dst,) if dst else ())
    encode = encoder_for(backend)
    on_wire = wire_bytes(iface)
    n = sys.maxsize if count is None else count
    period = frame_period(profile) if backend == "struct" else None

    def built(k: int) -> Iterator[tuple[Frame, bytes]]:
        for frame in profile.frames(count=k, seed=seed, resolver=resolver):
            yield frame, on_wire(frame, encode(frame))

    if period is not None and period < n and period <= MAX_CYCLE_FRAMES:
        cycle = [data for _f, data in built(period)]
        if sum(map(len, cycle)) <= MAX_CYCLE_BYTES:
            return cycled_batches(cycle, count)
    if backend == "struct" and iface.ethernet and n > VERIFY_FRAMES:
        fast = patched_batches(profile, resolver, n, seed, on_wire, built)
        if fast is not None:
            return fast
    gen = lazy_batches(built(n))
    try:
        head = next(gen)
    except StopIteration:
        return iter(())

    def chain() -> Iterator[list[bytes]]:
        yield head
        yield from gen

    return chain()

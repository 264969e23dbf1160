"""Capture and read loops behind ``craft sniff`` and ``craft read``.

The loops move records between a source (the TPACKET_V3 ring or a capture
file) and a sink (the tcpdump-style printer, JSON lines, or a pcap writer).
Status goes to ``err`` the way tcpdump writes it to stderr: the "listening
on" line, a live counter with ``-w`` on a terminal, and the three end lines.

Stopping is orderly: SIGINT and SIGTERM only set a flag (and wake ``poll``
through ``signal.set_wakeup_fd``), so a packet is never half written; the
loop stops after the packet in hand, the writer is flushed, and the counts
printed match what the file holds.
"""

from __future__ import annotations

import os
import pwd
import select
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any

from craft.errors import CraftError, RuntimeFailure, UsageError
from craft.fmt.tcpdump import PrintOptions as TextOptions
from craft.io.pcap import (
    DEFAULT_SNAPLEN,
    CaptureReader,
    KeptRecords,
    PcapWriter,
    record_boundary,
)
from craft.layers.linktype import LINKTYPE_LINUX_SLL2, linktype_text


@dataclass
class SniffOptions(TextOptions):
    """tcpdump's printing flags (e, x, X, t, v, q: craft.fmt.tcpdump) and ``--json``."""

    json: bool = False  # one JSON object per packet instead of text
    line_buffered: bool = False  # -l: each packet's line written at once


@dataclass(slots=True)
class CaptureCounts:
    captured: int = 0  # written or printed
    received: int = 0  # passed the kernel filter (PACKET_STATISTICS)
    dropped: int = 0  # the ring was full


def _formatter(opts: SniffOptions) -> Callable[[int, int, bytes, int, int], str]:
    if opts.json:
        from craft.fmt.jsonout import JsonPrinter

        return JsonPrinter().format
    from craft.fmt.tcpdump import Printer

    return Printer(opts).format


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def stats_lines(c: CaptureCounts) -> list[str]:
    """tcpdump's three end lines."""
    return [
        f"{_plural(c.captured, 'packet')} captured",
        f"{_plural(c.received, 'packet')} received by filter",
        f"{_plural(c.dropped, 'packet')} dropped by kernel",
    ]


# --------------------------------------------------------------------------- read

READ_BATCH = 256  # packets' lines per write: one write per packet costs as much as printing
# A classic pcap file larger than this is printed by two processes (about
# 100,000 packets of a mixed capture; a smaller one is not worth a fork) when
# a core is free (_free_core: on a busy machine two processes only share one's
# time, and the child's replay of the state costs a quarter of printing its
# part more).
# CRAFT_READ_JOBS=1 in the environment keeps one process, CRAFT_READ_JOBS=2
# splits whatever the load.
PARALLEL_MIN_BYTES = 8 << 20
PARALLEL_SPLIT = 0.56  # the parent's share: the child first replays the state before its part
# (the replay costs about a quarter of printing: the balance is 1 / (2 - 0.25))
# With a filter, a classic pcap is filtered in C (the compiled scan, or
# libpcap's reading) unless the file is large enough for two processes and
# the filter keeps at least this share of its packets (all of them, scanned;
# a sample of the first, with libpcap): see _scan.
SCAN_MAX_KEPT = 0.3
SCAN_SAMPLE = 2000
# The records a compiled scan kept are printed by two processes from this
# many (the fork and the copy cost about what printing 1,000 costs).
KEPT_PARALLEL_MIN = 4000
KEPT_WARM = 200


def read(
    path: str,
    filter_expr: str,
    opts: SniffOptions,
    out: IO[str],
    err: IO[str],
    *,
    count: int = 0,
    write: str | None = None,
) -> int:
    """Print (or with ``write`` copy) the packets of a capture file that match
    ``filter_expr``; returns how many. A damaged file raises after every whole
    packet before the damage has been printed."""
    reader = CaptureReader(path, plain=True)
    with reader:
        match = None
        records: Iterable[tuple[int, int, bytes, int, int]] = reader
        scanned = None
        # where a second process would start (once: it reads the file and the load)
        split = None if write is not None else _split_point(path, reader, opts, count)
        if filter_expr:
            from craft.io.bpf import compile_filter

            flt = compile_filter(filter_expr, reader.linktype, reader.snaplen, path=path)
            match = flt.matcher()
            scanned = _scan(path, reader, flt, match, split is None)
            if scanned is not None:
                records, match = scanned, None
        snap = f"snapshot length {reader.snaplen}"
        err.write(f"reading from file {path}, link-type {linktype_text(reader.linktype)}, {snap}\n")
        if reader.linktype == LINKTYPE_LINUX_SLL2:  # its names are this machine's, as tcpdump warns
            err.write("Warning: interface names might be incorrect\n")
        err.flush()
        writer = (
            PcapWriter.open(write, reader.linktype, reader.snaplen, nano=reader.nano)
            if write
            else None
        )
        n = 0
        pending: list[str] = []  # printed lines, written READ_BATCH at a time
        second: _SecondHalf | None = None
        try:
            if writer is not None:
                for ts_sec, ts_nsec, data, wirelen, _ in records:
                    if match is None or match(data, wirelen):
                        writer.write(ts_sec, ts_nsec, data, wirelen)
                        n += 1
                        if n == count:
                            break
                return n
            fmt = _formatter(opts)
            add = pending.append
            batch = 1 if opts.line_buffered else READ_BATCH
            if records is not reader:  # the filter's records were picked in C
                split = None
            rest: Iterable[tuple[int, int, bytes, int, int]] | None = None  # the child's part
            if split is not None:
                out.flush()
                err.flush()
                second = _SecondHalf.start(
                    partial(_print_from, path, split, match, opts), out
                )
                reader.stop_at(split)
            elif isinstance(records, KeptRecords) and _kept_split(records, path, reader, opts,
                                                                   count):
                kept, half = records, int(len(records) * PARALLEL_SPLIT)
                # The first records printed before the fork: the printers they
                # import on first use are imported once, for both processes.
                warm = min(KEPT_WARM, half)
                for ts_sec, ts_nsec, data, wirelen, linktype in kept.part(0, warm):
                    add(fmt(ts_sec, ts_nsec, data, wirelen, linktype))
                n = warm
                out.flush()
                err.flush()
                second = _SecondHalf.start(partial(_print_kept, kept, half, opts), out)
                records, rest = kept.part(warm, half), kept.part(half, len(kept))
            while True:
                for ts_sec, ts_nsec, data, wirelen, linktype in records:
                    if match is None or match(data, wirelen):
                        add(fmt(ts_sec, ts_nsec, data, wirelen, linktype))
                        n += 1
                        if n == count:
                            break
                        if len(pending) >= batch:
                            out.write("\n".join(pending) + "\n")
                            pending.clear()
                            if batch == 1:
                                out.flush()
                if second is None or (rest is None and not reader.stopped):
                    return n
                if pending:
                    out.write("\n".join(pending) + "\n")
                    pending.clear()
                done = second.finish(out)
                second = None
                if done is not None:
                    return n + done
                # the second process failed: print its part here
                if rest is not None:
                    records = rest
                else:
                    reader.resume()
        finally:
            if second is not None:
                second.kill()
            if isinstance(scanned, KeptRecords):
                scanned.close()
            if writer is not None:
                writer.close()
            if pending:  # also when the file turned out damaged: print what came before
                out.write("\n".join(pending) + "\n")
            out.flush()


def _scan(
    path: str, reader: CaptureReader, flt: Any, match: Callable[[bytes, int], bool], one: bool
) -> Iterable[tuple[int, int, bytes, int, int]] | None:
    """The records the filter keeps, picked in C (a dropped packet never
    reaches Python), or None to filter in Python as the records are read.

    A classic pcap file only. The compiled scan (``Filter.kept``, on both
    cores) picks them unless the file can be printed by two processes
    (``one`` is False) and the filter keeps much of it; without it, libpcap
    reads and filters (``_scanned``) unless a sample of the first packets
    shows the same."""
    if path == "-" or reader.format != "pcap" or not os.path.isfile(path):
        return None
    kept = flt.kept()
    if kept is not None:
        try:
            return reader.kept_records(kept, most=1.0 if one else SCAN_MAX_KEPT)
        except (OSError, ValueError):
            return None  # not mappable: read as usual
    if _scan_worth(path, match, one):
        return _scanned(reader, flt, match)
    return None


def _scan_worth(path: str, match: Callable[[bytes, int], bool], one: bool) -> bool:
    """Whether libpcap should read and filter the file: unless it can be
    printed by two processes (``one`` is False) and the filter keeps much of
    a sample of its first packets."""
    try:
        if one:
            return True
        kept = seen = 0
        with CaptureReader(path) as sample:
            for _, _, data, wirelen, _ in sample:
                kept += bool(match(data, wirelen))
                seen += 1
                if seen == SCAN_SAMPLE:
                    break
    except (OSError, CraftError):
        return False  # the reader proper reports it
    return kept < SCAN_MAX_KEPT * seen


def _scanned(
    reader: CaptureReader, flt: Any, match: Callable[[bytes, int], bool]
) -> Iterator[tuple[int, int, bytes, int, int]]:
    """The records the filter keeps, read by libpcap. When libpcap stops on
    a damaged file, craft's reader (still at the first record) reads on from
    after the records yielded, so the packets printed and the error raised
    are those of craft's reader."""
    from craft.io.bpf import ScanError

    done = 0
    try:
        for rec in flt.scan(reader.path, reader.linktype, reader.nano):
            done += 1
            yield rec
        return
    except ScanError:
        pass
    for rec in reader:
        if match(rec[2], rec[3]):
            if done:
                done -= 1
                continue
            yield rec


def _free_core(cores: int) -> bool:
    """Whether a core is likely idle: the one-minute load average is under the
    number of cores (a user's own previous commands leave 1 or more), and no
    more tasks than cores are running now, this one included (the fourth
    field of /proc/loadavg, where there is one)."""
    if os.getloadavg()[0] >= cores:
        return False
    try:
        with open("/proc/loadavg") as f:
            running = int(f.read().split()[3].partition("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running <= cores


def _may_split(path: str, reader: CaptureReader, opts: SniffOptions, count: int) -> bool:
    """Whether two processes may print ``path``: only a classic pcap of
    Ethernet frames printed as text to its end (no -c, -#, -ttt, -l or
    --json: they count or time packets across the whole file), on a machine
    with a free core (CRAFT_READ_JOBS: see PARALLEL_MIN_BYTES)."""
    jobs = os.environ.get("CRAFT_READ_JOBS")
    cores = os.cpu_count() or 1
    return not (
        jobs == "1"
        or cores < 2
        or (jobs != "2" and not _free_core(cores))
        or path == "-"
        or reader.format != "pcap"
        or reader.linktype != 1
        or count
        or opts.json
        or opts.number
        or opts.line_buffered
        or opts.t in (3, 5)
    )


def _kept_split(kept: KeptRecords, path: str, reader: CaptureReader, opts: SniffOptions,
                count: int) -> bool:
    """Whether a second process should print the second half of the records
    a compiled scan kept: enough of them (see KEPT_PARALLEL_MIN), and the
    scan reached the end (a damaged file is printed by one process, which
    then reports the damage)."""
    return (len(kept) >= KEPT_PARALLEL_MIN and kept.whole
            and _may_split(path, reader, opts, count))


def _split_point(path: str, reader: CaptureReader, opts: SniffOptions, count: int) -> int | None:
    """Where a second process should start printing ``path``, or None for one
    process: a large file (see PARALLEL_MIN_BYTES) that ``_may_split``."""
    if not _may_split(path, reader, opts, count):
        return None
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    if size < PARALLEL_MIN_BYTES:
        return None
    return record_boundary(path, 24 + int((size - 24) * PARALLEL_SPLIT))


class _SecondHalf:
    """A forked process printing a capture from a record boundary to its end
    (``_print_from``), or the second part of the records a compiled scan kept
    (``_print_kept``), into an unlinked temporary file, which the parent
    copies to its output after printing the records before them itself.

    The child first replays the packets before the boundary into its
    printer's state (``Printer.advance``: the TCP relative sequence numbers,
    the per-application state), so each line it prints is the line one
    process would print. Anything that goes wrong in the child (the boundary
    was not a record's start, the file is damaged, a signal) makes it exit
    non-zero; the parent then prints the rest itself, so output, errors and
    exit status are those of one process."""

    def __init__(self, pid: int, tmp: IO[bytes], status: int, raw: bool) -> None:
        self.pid, self.tmp, self.status, self.raw = pid, tmp, status, raw

    @classmethod
    def start(cls, work: Callable[[IO[bytes], str, str], int], out: IO[str]) -> _SecondHalf:
        """Fork a child that runs ``work(tmp, encoding, errors)`` (it prints
        its part into ``tmp`` and returns how many packets)."""
        # The child writes bytes as ``out`` would encode them (a text it cannot
        # encode fails the child, and the parent then fails the same way), so
        # the parent copies them to ``out.buffer`` as they are.
        raw = getattr(out, "buffer", None) is not None and getattr(out, "encoding", None)
        encoding = out.encoding if raw else "utf-8"
        errors = (out.errors or "strict") if raw else "surrogatepass"

        tmp = _unlinked_file()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(r)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                n = work(tmp, encoding, errors)
                os.write(w, f"{n}\n".encode())
                code = 0
            except BaseException:  # noqa: BLE001, S110 - the parent prints this part instead
                pass
            finally:
                os._exit(code)
        os.close(w)
        return cls(pid, tmp, r, bool(raw))

    def finish(self, out: IO[str]) -> int | None:
        """Wait for the child; copy its text to ``out`` and return how many
        packets it printed, or None when it failed (nothing is copied)."""
        import codecs
        with os.fdopen(self.status, "rb") as f:
            self.status = -1
            reply = f.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            if os.waitstatus_to_exitcode(status) != 0 or not reply.endswith(b"\n"):
                return None
            tmp = self.tmp
            tmp.seek(0)
            if self.raw:  # bytes already encoded as out encodes them
                out.flush()
                while chunk := tmp.read(1 << 20):
                    out.buffer.write(chunk)  # type: ignore[attr-defined]
                out.buffer.flush()  # type: ignore[attr-defined]
                return int(reply)
            decode = codecs.getincrementaldecoder("utf-8")("surrogatepass").decode
            while chunk := tmp.read(1 << 20):
                out.write(decode(chunk))
            out.write(decode(b"", True))
            return int(reply)
        finally:
            self.tmp.close()

    def kill(self) -> None:
        """Stop the child (the parent is leaving early: an error, -c, a closed pipe)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0
            if self.status >= 0:  # (finish() owns it once it starts reading)
                os.close(self.status)
        self.tmp.close()


def _unlinked_file() -> IO[bytes]:
    """A file with no name in $TMPDIR (O_TMPFILE; tempfile's import costs the
    parallel read 4 ms, the tempfile module where the file system lacks it)."""
    try:
        fd = os.open(os.environ.get("TMPDIR") or "/tmp", os.O_TMPFILE | os.O_RDWR, 0o600)
    except (OSError, AttributeError):
        import tempfile

        return tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish/kill
    return os.fdopen(fd, "w+b")


def _print_from(
    path: str,
    split: int,
    match: Callable[[bytes, int], bool] | None,
    opts: SniffOptions,
    tmp: IO[bytes],
    encoding: str,
    errors: str,
) -> int:
    """The child's work: replay the state up to ``split``, then print from there."""
    from craft.fmt.tcpdump import Printer

    printer = Printer(opts)
    with CaptureReader(path, plain=True) as before:
        before.stop_at(split)
        advance = printer.advance
        for ts_sec, ts_nsec, data, wirelen, linktype in before:
            advance(ts_sec, ts_nsec, data, wirelen, linktype, match)
        if not before.stopped:
            raise RuntimeError("no record starts at the split point")
    with CaptureReader(path, start=split, plain=True) as rest:
        return _print_into(printer, rest, match, tmp, encoding, errors)


def _print_kept(
    kept: KeptRecords,
    half: int,
    opts: SniffOptions,
    tmp: IO[bytes],
    encoding: str,
    errors: str,
) -> int:
    """The child's work for records a compiled scan kept: replay the state
    of the first ``half``, then print the rest."""
    from craft.fmt.tcpdump import Printer

    printer = Printer(opts)
    advance = printer.advance
    for ts_sec, ts_nsec, data, wirelen, linktype in kept.part(0, half):
        advance(ts_sec, ts_nsec, data, wirelen, linktype)
    return _print_into(printer, kept.part(half, len(kept)), None, tmp, encoding, errors)


def _print_into(
    printer: Any,
    records: Iterable[tuple[int, int, bytes, int, int]],
    match: Callable[[bytes, int], bool] | None,
    tmp: IO[bytes],
    encoding: str,
    errors: str,
) -> int:
    """Print the records ``match`` keeps (all, when None) into ``tmp``."""
    fmt = printer.format
    n = 0
    pending: list[str] = []
    add = pending.append
    for ts_sec, ts_nsec, data, wirelen, linktype in records:
        if match is None or match(data, wirelen):
            add(fmt(ts_sec, ts_nsec, data, wirelen, linktype))
            n += 1
            if len(pending) >= READ_BATCH:
                tmp.write(("\n".join(pending) + "\n").encode(encoding, errors))
                pending.clear()
    if pending:
        tmp.write(("\n".join(pending) + "\n").encode(encoding, errors))
    tmp.flush()
    return n


# --------------------------------------------------------------------------- sniff


@dataclass(frozen=True, slots=True)
class DropTo:
    """The user ``-Z`` names, resolved before capture starts."""

    name: str
    uid: int
    gid: int

    @classmethod
    def lookup(cls, name: str) -> DropTo:
        try:
            pw = pwd.getpwnam(name)
        except KeyError:
            raise UsageError(f"-Z {name}: no such user") from None
        return cls(pw.pw_name, pw.pw_uid, pw.pw_gid)

    def apply(self) -> None:
        """initgroups, setgid, setuid — in that order, as tcpdump does."""
        try:
            os.initgroups(self.name, self.gid)
            os.setgid(self.gid)
            os.setuid(self.uid)
        except OSError as e:
            raise RuntimeFailure(f"-Z {self.name}: cannot drop privileges: {e.strerror}") from e


class _StopFlag:
    """SIGINT/SIGTERM set the flag and wake poll(); restored on exit."""

    def __init__(self) -> None:
        self.stopped = False
        self.rfd, self.wfd = os.pipe()
        os.set_blocking(self.wfd, False)
        os.set_blocking(self.rfd, False)
        self._old: dict[int, Any] = {}
        self._old_wakeup = -1

    def _handle(self, signum: int, frame: object) -> None:
        self.stopped = True

    def __enter__(self) -> _StopFlag:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old[sig] = signal.signal(sig, self._handle)
        self._old_wakeup = signal.set_wakeup_fd(self.wfd, warn_on_full_buffer=False)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.set_wakeup_fd(self._old_wakeup)
        for sig, old in self._old.items():
            signal.signal(sig, old)
        os.close(self.rfd)
        os.close(self.wfd)


def sniff(
    ifname: str,
    filter_expr: str,
    opts: SniffOptions,
    out: IO[str],
    err: IO[str],
    *,
    count: int = 0,
    snaplen: int = DEFAULT_SNAPLEN,
    promisc: bool = True,
    write: str | None = None,
    user: str | None = None,
    buffer_kib: int = 32768,
    live_counter: bool | None = None,
) -> CaptureCounts:
    """Capture on ``ifname`` until ``count`` packets, SIGINT or SIGTERM.

    Prints packets to ``out`` (or writes them to ``write``), the status lines
    (listening, live counter, tcpdump's three end lines) to ``err``, and
    returns the counts."""
    from craft.io.ring import Ring

    drop = DropTo.lookup(user) if user else None  # an unknown user fails before capture
    if snaplen <= 0 or snaplen > DEFAULT_SNAPLEN:
        snaplen = DEFAULT_SNAPLEN  # tcpdump: -s 0 means the default
    # Blocks as libpcap sizes them: room for one 64 KiB (GSO) frame, and many
    # of them, so the kernel always has a free one while we empty another.
    block_size = 1 << 17
    block_nr = max(2, buffer_kib * 1024 // block_size)
    # A partly filled block is handed over after this long: the delay before
    # packets print, and the most a stop waits for the last block.
    timeout_ms = 100 if write else 50
    with _StopFlag() as stop:
        # Signals only set the flag from here until the end lines are out, so
        # a second Ctrl-C cannot cut the file or the summary short.
        ring = Ring(
            ifname,
            filter_expr=filter_expr,
            snaplen=snaplen,
            promisc=promisc,
            block_size=block_size,
            block_nr=block_nr,
            timeout_ms=timeout_ms,
        )
        counts = CaptureCounts()
        writer: PcapWriter | None = None
        try:
            if write:
                writer = PcapWriter.open(write, ring.linktype, snaplen)
                writer.flush()  # the header is on disk even if we are killed at once
            if drop is not None:
                if writer is not None and write != "-":
                    os.fchown(writer.file.fileno(), drop.uid, drop.gid)
                drop.apply()
            fmt = None if writer is not None else _formatter(opts)
            if live_counter is None:
                live_counter = writer is not None and err.isatty()
            err.write(
                f"craft: listening on {ifname}, link-type {linktype_text(ring.linktype)}, "
                f"snapshot length {snaplen} bytes\n"
            )
            err.flush()
            error = _loop(
                ring, stop, counts, count, writer, fmt, out, err, live_counter, opts.json,
                opts.line_buffered,
            )
        finally:
            try:
                if writer is not None:
                    writer.close()
                else:
                    out.flush()
            finally:
                st = ring.read_stats()
                ring.close()
                counts.received, counts.dropped = st.received, st.dropped
        for line in stats_lines(counts):
            err.write(line + "\n")
        err.flush()
    if error is not None:
        raise error
    return counts


def _loop(
    ring: Any,
    stop: _StopFlag,
    counts: CaptureCounts,
    count: int,
    writer: PcapWriter | None,
    fmt: Callable[[int, int, bytes, int, int], str] | None,
    out: IO[str],
    err: IO[str],
    live_counter: bool,
    json_lines: bool,
    line_buffered: bool = False,
) -> RuntimeFailure | None:
    """Capture until ``count``, a signal, or a socket error (returned, so the
    caller can write the end lines first)."""
    poller = select.poll()
    poller.register(ring.fileno(), select.POLLIN | select.POLLERR)
    poller.register(stop.rfd, select.POLLIN)
    linktype = ring.linktype
    write = writer.write if writer is not None else None
    emit = out.write
    captured = 0

    def take(block: list[Any]) -> bool:
        """Write or print a block's packets; True once ``count`` is reached."""
        nonlocal captured
        for ts_sec, ts_nsec, data, wirelen in block:
            if write is not None:
                write(ts_sec, ts_nsec, data, wirelen)
            else:
                emit(fmt(ts_sec, ts_nsec, data, wirelen, linktype))  # type: ignore[misc]
                emit("\n")
                if line_buffered:
                    out.flush()
            captured += 1
            if captured == count:
                return True
        # One flush per block: prompt output through a pipe (-w -), and what
        # is counted so far is on disk even if we are killed.
        (out if writer is None else writer).flush()
        return False

    next_counter = 0.0
    error: RuntimeFailure | None = None
    try:
        while not stop.stopped and error is None:
            if live_counter and time.monotonic() >= next_counter:
                next_counter = time.monotonic() + 0.5
                dropped = ring.read_stats().dropped
                err.write(f"\rcaptured {captured}, dropped {dropped}")
                err.flush()
            block = ring.next_block()
            if block is None:
                for fd, events in poller.poll(500 if live_counter else -1):
                    if fd != stop.rfd and events & (select.POLLERR | select.POLLHUP):
                        try:
                            ring.check_error()
                        except RuntimeFailure as e:  # the interface went down or away
                            error = e
            elif take(block):
                return None
        # Stopped by a signal (or an error). Packets already in the block the
        # kernel is filling arrived before that: wait for it to be handed over.
        deadline = time.monotonic() + 2 * ring.timeout_ms / 1000 + 0.1
        while ring.pending() and time.monotonic() < deadline:
            block = ring.next_block()
            if block is not None:
                take(block)
                break
            time.sleep(0.005)
        if write is None and not json_lines:
            emit("\n")  # as tcpdump: the interrupted line, if any, is ended
        return error
    finally:
        counts.captured = captured
        if write is None:
            out.flush()
        if live_counter:
            err.write("\r\x1b[K")
            err.flush()

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
from functools import partial
from typing import IO, Any, NamedTuple

from craft.errors import CraftError, RuntimeFailure, UsageError
from craft.fmt.tcpdump.options import PrintOptions as TextOptions
from craft.io.pcap import (
    DEFAULT_SNAPLEN,
    CaptureReader,
    KeptRecords,
    PcapWriter,
    record_boundary,
)
from craft.layers.linktype import LINKTYPE_LINUX_SLL2, linktype_text


class SniffOptions(TextOptions):
    """tcpdump's printing flags (e, x, X, t, v, q...: craft.fmt.tcpdump's
    PrintOptions), ``json`` (one JSON object per packet instead of text) and
    ``line_buffered`` (-l: each packet's line written at once)."""

    __slots__ = ("json", "line_buffered")

    def __init__(self, *, json: bool = False, line_buffered: bool = False, **flags: Any) -> None:
        super().__init__(**flags)
        self.json, self.line_buffered = json, line_buffered


class CaptureCounts:
    """What a capture counted (tcpdump's three end lines)."""

    __slots__ = ("captured", "received", "dropped")

    def __init__(self) -> None:
        self.captured = 0  # written or printed
        self.received = 0  # passed the kernel filter (PACKET_STATISTICS)
        self.dropped = 0  # the ring was full


def _printer(opts: SniffOptions) -> Any:
    """The printer of ``opts``: ``format(ts_sec, ts_nsec, data, wirelen, linktype) -> str``."""
    if opts.json:
        from craft.fmt.jsonout import JsonPrinter

        return JsonPrinter()
    from craft.fmt.tcpdump import Printer

    return Printer(opts)


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
# the filter keeps at least this share of a sample of its first packets
# (at least SCAN_SAMPLE): see _scan.
SCAN_MAX_KEPT = 0.3
SCAN_SAMPLE = 2000
# The records a compiled scan keeps are printed as it finds them; when it
# ends, a second process prints the second part of the rest if there are
# this many (the fork and the copy cost about what printing 1,000 costs)
# and at least KEPT_WARM were printed before the fork (the printers they
# import on first use are imported once, for both processes).
KEPT_PARALLEL_MIN = 4000
KEPT_WARM = 200
KEPT_STEP = 256  # records printed between two looks at whether the scan has ended


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
        scanned: Iterable[tuple[int, int, bytes, int, int]] | None = None
        # whether two processes may print, and where the second would start
        # (once, before the scan's thread runs: they read the file and the load)
        two = write is None and _may_split(path, reader, opts, count)
        split = _split_point(path) if two else None
        if filter_expr:
            from craft.io.bpf import compile_filter

            flt = compile_filter(filter_expr, reader.linktype, reader.snaplen, path=path)
            match = flt.matcher()
            # (the compiled scan starts here and runs while the printers import)
            scanned = _scan(path, reader, flt, match, split is None)
        snap = f"snapshot length {reader.snaplen}"
        err.write(f"reading from file {path}, link-type {linktype_text(reader.linktype)}, {snap}\n")
        if reader.linktype == LINKTYPE_LINUX_SLL2:  # its names are this machine's, as tcpdump warns
            err.write("Warning: interface names might be incorrect\n")
        err.flush()
        n = 0
        pending: list[str] = []  # printed lines, written READ_BATCH at a time
        second: _SecondHalf | None = None

        def drain() -> None:
            """Write the lines printed and not written yet."""
            if pending:
                out.write("\n".join(pending) + "\n")
                pending.clear()

        try:
            if write is not None:
                if scanned is not None:
                    return _copy(scanned, None, write, reader, count)
                return _copy(reader, match, write, reader, count)
            printer = _printer(opts)
            fmt = printer.format
            if isinstance(scanned, KeptRecords) and split is not None \
                    and scanned.share(SCAN_SAMPLE) > SCAN_MAX_KEPT:
                scanned.close()  # it keeps much: two processes filter and print a half each
                scanned = None
            records: Iterable[tuple[int, int, bytes, int, int]] = reader
            if scanned is not None:
                records, match, split = scanned, None, None
            add = pending.append
            batch = 1 if opts.line_buffered else READ_BATCH

            def emit(records: Iterable[tuple[int, int, bytes, int, int]]) -> bool:
                """Print the records ``match`` keeps; False at the count."""
                nonlocal n
                for ts_sec, ts_nsec, data, wirelen, linktype in records:
                    if match is None or match(data, wirelen):
                        add(fmt(ts_sec, ts_nsec, data, wirelen, linktype))
                        n += 1
                        if n == count:
                            return False
                        if len(pending) >= batch:
                            drain()
                            if batch == 1:
                                out.flush()
                return True

            rest: Iterable[tuple[int, int, bytes, int, int]] | None = None  # the child's part
            if split is not None:
                second = _SecondHalf.start(
                    partial(_print_from, path, split, match, opts), out
                )
                reader.stop_at(split)
            elif isinstance(records, KeptRecords) and two:
                kept = records
                while True:  # the records found while the scan runs, a step at a time
                    have = kept.found(n)
                    if kept.done:
                        emit(kept.part(n, max(n, min(KEPT_WARM, have))))
                        break
                    emit(kept.part(n, min(have, n + KEPT_STEP)))
                records = kept.rest(n)
                if kept.whole and len(kept) - n >= KEPT_PARALLEL_MIN:
                    half = n + int((len(kept) - n) * PARALLEL_SPLIT)
                    drain()
                    second = _SecondHalf.start(partial(_print_kept, kept, n, half, printer), out)
                    records, rest = kept.part(n, half), kept.part(half)
            while True:
                if not emit(records) or second is None or (rest is None and not reader.stopped):
                    return n
                drain()
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
            drain()  # also when the file turned out damaged: print what came before
            out.flush()


def _copy(records: Iterable[tuple[int, int, bytes, int, int]],
          match: Callable[[bytes, int], bool] | None, path: str, reader: CaptureReader,
          count: int) -> int:
    """Write the records ``match`` keeps (all: None) to the pcap file ``path``
    (-w); how many."""
    n = 0
    with PcapWriter.open(path, reader.linktype, reader.snaplen, nano=reader.nano) as writer:
        for ts_sec, ts_nsec, data, wirelen, _ in records:
            if match is None or match(data, wirelen):
                writer.write(ts_sec, ts_nsec, data, wirelen)
                n += 1
                if n == count:
                    break
    return n


def _scan(
    path: str, reader: CaptureReader, flt: Any, match: Callable[[bytes, int], bool], one: bool
) -> Iterable[tuple[int, int, bytes, int, int]] | None:
    """The records the filter keeps, picked in C (a dropped packet never
    reaches Python), or None to filter in Python as the records are read.

    A classic pcap file only. The compiled scan (``Filter.kept``, on both
    cores, started here: read() looks at the share it keeps when two
    processes could print the file); without it, libpcap reads and filters
    (``_scanned``) unless the file can be printed by two processes (``one``
    is False) and the filter keeps much of a sample of its first packets."""
    if path == "-" or reader.format != "pcap" or not os.path.isfile(path):
        return None
    kept = flt.kept()
    if kept is not None:
        try:
            return reader.kept_records(kept)
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


def _split_point(path: str) -> int | None:
    """Where a second process should start printing ``path`` (which
    ``_may_split``), or None for one process: a large file (see
    PARALLEL_MIN_BYTES)."""
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
        its part into ``tmp`` and returns how many packets); ``out`` is
        flushed first, so the child holds none of its buffered text."""
        # The child writes bytes as ``out`` would encode them (a text it cannot
        # encode fails the child, and the parent then fails the same way), so
        # the parent copies them to ``out.buffer`` as they are.
        raw = getattr(out, "buffer", None) is not None and getattr(out, "encoding", None)
        encoding = out.encoding if raw else "utf-8"
        errors = (out.errors or "strict") if raw else "surrogatepass"

        out.flush()
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
    start: int,
    half: int,
    printer: Any,
    tmp: IO[bytes],
    encoding: str,
    errors: str,
) -> int:
    """The child's work for the records a compiled scan kept: ``printer`` is
    the parent's, as the fork copied it after printing the records before
    ``start``; replay the state of records ``start`` to ``half``, then print
    the rest."""
    advance = printer.advance
    for ts_sec, ts_nsec, data, wirelen, linktype in kept.part(start, half):
        advance(ts_sec, ts_nsec, data, wirelen, linktype)
    return _print_into(printer, kept.part(half), None, tmp, encoding, errors)


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


class DropTo(NamedTuple):
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
            fmt = None if writer is not None else _printer(opts).format
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

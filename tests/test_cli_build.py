"""craft build / check / profiles / schema, run as a user runs them."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys

import pytest
from craftcli import PROFILES, ROOT, run


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is not installed (make test installs it as root)")
        pytest.skip(f"{tool} not installed")
    return path


def test_hex_is_one_line_per_frame_and_matches_the_api():
    import craft

    r = run("build", "profiles/udp-sweep.yaml", "--count", "7", "--format", "hex")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.split()
    api = [
        b.data.hex()
        for b in craft.build(craft.load_profile(ROOT / "profiles/udp-sweep.yaml"), count=7)
    ]
    assert lines == api
    assert len(set(lines)) == 7  # a stream: every frame differs


@pytest.mark.parametrize("reader", ["tcpdump", "tshark"])
def test_pcap_reads_cleanly_in_tcpdump_and_tshark(tmp_path, reader):
    exe = need(reader)
    import craft

    for p in PROFILES:
        path = tmp_path / (p.stem + ".pcap")
        # a long stream (dns-id-sweep: 65,536 IDs) in its first 512 frames: cross-checked
        # by scapy, all of them take minutes
        count = min(craft.load_profile(p).default_count(), 512)
        r = run("build", str(p), "--format", "pcap", "-o", str(path), "--count", str(count))
        assert r.returncode == 0, r.stderr
        args = [exe, "-n", "-r", str(path)] if reader == "tcpdump" else [exe, "-r", str(path)]
        rr = subprocess.run(args, capture_output=True, text=True, timeout=60)
        assert rr.returncode == 0, (p.name, rr.stderr)
        assert "truncated" not in rr.stderr.lower() and "malformed" not in rr.stdout.lower(), (
            p.name,
            rr.stdout,
            rr.stderr,
        )
        n = sum(1 for _ in craft.build(craft.load_profile(p), count=count, backend="struct"))
        # one line per packet: tcpdump's CDP printer adds indented hex lines even without
        # -v, and it prints what a VXLAN header carries on a line of its own, so count the
        # lines that start with a timestamp
        packets = [line for line in rr.stdout.splitlines()
                   if reader == "tshark" or line[:1].isdigit()]
        assert len(packets) == n, (p.name, rr.stdout)


def test_tcpdump_sees_the_profile_fields(tmp_path):
    exe = need("tcpdump")
    path = tmp_path / "icmp.pcap"
    r = run(
        "build", "profiles/icmp.yaml", "--set", "ipv4.ttl=7", "--format", "pcap", "-o", str(path)
    )
    assert r.returncode == 0, r.stderr
    out = subprocess.run([exe, "-n", "-v", "-r", str(path)], capture_output=True, text=True).stdout
    assert "ttl 7" in out and "ICMP echo request" in out and "bad cksum" not in out


def test_explain_marks_a_given_wrong_checksum_with_the_right_one():
    r = run("build", "profiles/icmp.yaml", "--set", "icmp.checksum=0x1234", "--format", "explain")
    assert r.returncode == 0, r.stderr
    row = next(line for line in r.stdout.splitlines() if "checksum" in line and "0x1234" in line)
    assert "given" in row and "should be 0x" in row
    good = run("build", "profiles/icmp.yaml", "--format", "explain").stdout
    assert "should be" not in good
    for word in ("computed", "default", "given"):
        assert word in good


def test_json_has_every_layer_decoded():
    r = run("build", "profiles/tcp-syn.yaml", "--format", "json")
    assert r.returncode == 0, r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert objs, r.stdout
    names = [layer["layer"] for layer in objs[0]["layers"]]
    assert names[:3] == ["ether", "ipv4", "tcp"]
    tcp = objs[0]["layers"][2]["fields"]
    assert tcp["flags"] == "S"


def test_hexdump_on_a_terminal_colours_each_layer():
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        os.execv(sys.executable, [sys.executable, "-m", "craft", "build", "profiles/icmp.yaml"])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    out = b"".join(chunks).decode()
    colours = set(re.findall(r"\x1b\[([0-9;]+)m", out))
    assert len(colours) >= 4, out  # ether, ipv4, icmp, payload at least
    assert "0000  " in out


def test_large_pcap_build_runs_in_flat_memory(tmp_path):
    code = (
        "import resource, sys; from craft.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); raise\n"
    )

    def rss(count: int) -> int:
        r = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                "build",
                "profiles/udp-sweep.yaml",
                "--backend",
                "struct",
                "--count",
                str(count),
                "--format",
                "pcap",
                "-o",
                os.devnull,
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert r.returncode == 0, r.stderr
        return int(r.stderr.strip().splitlines()[-1])

    small, big = rss(1_000), rss(200_000)
    assert big < small + 20_000, (small, big)  # KiB: no growth with the count


def test_check_passes_every_bundled_profile_and_audits_textbook_frames():
    r = run("check", *map(str, PROFILES))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("struct == scapy") == len(PROFILES)
    text = r.stdout.split("textbook-raw.yaml")[1]
    assert re.search(r"checksum is 0x[0-9a-f]{4}, should be 0x[0-9a-f]{4}", text), r.stdout
    strict = run("check", "--strict", "profiles/textbook-raw.yaml")
    assert strict.returncode == 1


def test_check_streams_default_to_at_least_100_frames():
    r = run("check", "profiles/udp-sweep.yaml")
    assert r.returncode == 0, r.stderr
    n = int(re.search(r": (\d+) frames", r.stdout).group(1))
    assert n >= 100


def test_profiles_lists_every_bundled_profile():
    r = run("profiles")
    assert r.returncode == 0, r.stderr
    for p in PROFILES:
        assert p.name in r.stdout


def test_schema_is_json_schema_that_accepts_bundled_profiles():
    import jsonschema

    from craft.profile.yamlload import load

    r = run("schema")
    assert r.returncode == 0, r.stderr
    schema = json.loads(r.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)  # (validate() checks the schema each call)
    for p in PROFILES:
        validator.validate(load(p.read_text(), str(p)))


@pytest.mark.parametrize(
    "args, words",
    [
        (["build", "profiles/icmp.yaml", "--format", "bogus"], "--format"),
        (["build", "profiles/icmp.yaml", "--backend", "nope"], "--backend"),
        (["build", "profiles/icmp.yaml", "--var", "novalue"], "NAME=VALUE"),
        (["build", "does-not-exist.yaml"], "does-not-exist.yaml"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(args, words):
    r = run(*args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert words in r.stderr
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 3  # typer's usage errors add a usage line


def test_debug_shows_the_traceback():
    r = run("--debug", "build", "does-not-exist.yaml")
    assert r.returncode == 2
    assert "Traceback" in r.stderr


def test_long_struct_streams_equal_the_cross_checked_frames():
    # Past 512 frames the struct backend patches a template (craft.encode.patcher);
    # every frame must still be what the model and both encoders give.
    fast = run(
        "build",
        "profiles/udp-sweep.yaml",
        "--backend",
        "struct",
        "--count",
        "1500",
        "--format",
        "hex",
    )
    slow = run("build", "profiles/udp-sweep.yaml", "--count", "1500", "--format", "hex")
    assert fast.returncode == 0 and slow.returncode == 0, fast.stderr + slow.stderr
    assert fast.stdout.split() == slow.stdout.split()
    assert len(set(fast.stdout.split())) == 1500

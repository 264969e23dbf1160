"""craft run: conversation scripts (docs/conversations.md).

Without root: the safe arithmetic of variables and the script checks, each
error one line naming the file and place. In a lab: the bundled scripts
against real peers — a TCP handshake, message and close by hand against
craft tcp-server and the classic C fork server (and a capture on the client
side that holds no RST from the client's kernel), ARP then ping — and the
failure paths: a wrong answer, no answer, an undefined variable, an
interface that does not exist.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import require_root
from craftcli import run

from craft.errors import ProfileError
from craft.profile.expr import evaluate, substitute
from craft.profile.script import load_script_text

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "profiles" / "conversations"
C_DIR = Path(__file__).parent / "c"


# -- variables: safe arithmetic ----------------------------------------------------


def test_arithmetic_on_variables() -> None:
    names = {"isn": 4294967295, "port": 5001, "server": "192.0.2.2"}
    assert evaluate("isn + 1", names) == 4294967296
    assert evaluate("(isn + 1) % 4294967296", names) == 0
    assert evaluate("port * 2 - 1 // 1", names) == 10001
    assert evaluate("-port", names) == -5001
    assert substitute("${server}", names) == "192.0.2.2"
    assert substitute("${port}", names) == 5001  # one reference keeps its type
    assert substitute("p${port}x$$", names) == "p5001x$"


@pytest.mark.parametrize(("expr", "why"), [
    ("nope + 1", "undefined variable 'nope'"),
    ("server + 1", "not a number"),
    ("__import__('os').system('true')", "only variables, whole numbers"),
    ("port ** 2", "only variables, whole numbers"),
    ("port.real", "only variables, whole numbers"),
    ("port // 0", "division by zero"),
    ("port +", "write a variable or arithmetic"),
])
def test_arithmetic_refuses_what_is_not_safe(expr: str, why: str) -> None:
    with pytest.raises(ProfileError, match=why):
        evaluate(expr, {"port": 5001, "server": "192.0.2.2"})


# -- script checks ---------------------------------------------------------------------

GOOD = """
name: t
steps:
  - send: [{ipv4: {dst: 192.0.2.2}}, {icmp: {}}]
    expect: {icmp.type: echo-reply}
    save: {who: ipv4.src}
"""


def test_a_script_loads() -> None:
    s = load_script_text(GOOD, "t.yaml")
    assert [st.label for st in s.steps] == ["step 1"]
    assert {k: (p.layer, p.rest) for k, p in s.steps[0].save.items()} == {"who": ("ipv4", "src")}
    assert s.steps[0].expect.groups[0][0].name == "icmp.type"


@pytest.mark.parametrize(("change", "why", "line"), [
    (("steps:", "stepz:"), "unknown key 'stepz'", 3),
    (("expect:", "expekt:"), "unknown step key 'expekt' (did you mean 'expect'?)", 5),
    (("icmp.type", "icmp.tipe"), "icmp has no field 'tipe' (did you mean 'type'?)", 5),
    (("ipv4.src", "ipv9.src"), "unknown layer 'ipv9'", 6),
    (("    expect: {icmp.type: echo-reply}\n", ""), "save takes fields of the answer", 5),
])
def test_script_errors_name_the_place(change: tuple[str, str], why: str, line: int) -> None:
    with pytest.raises(ProfileError) as e:
        load_script_text(GOOD.replace(*change), "t.yaml")
    assert why in str(e.value)
    assert str(e.value).startswith(f"t.yaml:{line}:")


def test_cli_bad_script_is_one_line_exit_2(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(GOOD.replace("expect:", "expekt:"))
    r = run("run", str(p), "-i", "lo", "--source", "192.0.2.101")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "bad.yaml:5:" in r.stderr


def test_bundled_scripts_load() -> None:
    names = sorted(p.stem for p in SCRIPTS.glob("*.yaml"))
    assert {"tcp-hello", "arp-then-ping"} <= set(names)
    for p in SCRIPTS.glob("*.yaml"):
        load_script_text(p.read_text(), str(p))


def test_the_json_schema_takes_the_bundled_scripts_and_refuses_a_wrong_one() -> None:
    import jsonschema
    import yaml

    r = run("schema", "--script")
    assert r.returncode == 0, r.stderr
    schema = json.loads(r.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)  # (validate() checks the schema each call)
    for p in SCRIPTS.glob("*.yaml"):
        validator.validate(yaml.safe_load(p.read_text()))
    bad = yaml.safe_load(GOOD.replace("expect:", "expekt:"))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)


# -- against real peers in a lab --------------------------------------------------------


def _server(lab, argv: list[str]) -> subprocess.Popen:
    proc = lab.popen("server", argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     text=True, start_new_session=True)
    line = proc.stdout.readline()
    assert "listen" in line, line
    for _ in range(100):  # and the socket is listening (the line may come first)
        if lab.exec("server", ["ss", "-ltnH", "sport = :5001"], capture_output=True,
                    text=True).stdout.strip():
            return proc
        time.sleep(0.05)
    raise AssertionError("the server never listened")


def _stop(proc: subprocess.Popen) -> str:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    out, _ = proc.communicate(timeout=10)
    return out


def _craft_run(lab, *args: str) -> subprocess.CompletedProcess:
    return run("run", *args, "--lab", "client", "--lab-name", lab.name, timeout=60)


@pytest.fixture(scope="module")
def fork_server(tmp_path_factory: pytest.TempPathFactory) -> str:
    require_root("gcc")
    exe = tmp_path_factory.mktemp("c") / "tcp_server"
    subprocess.run(["gcc", "-O2", "-DBIND_ADDR=INADDR_ANY", "-o", str(exe),
                    str(C_DIR / "tcp_server.c")], check=True)
    return str(exe)


@pytest.mark.lab_prefix("ct-run-")
@pytest.mark.parametrize("peer", ["craft", "c-fork"])
def test_tcp_hello_against_a_real_server(lab, peer: str, request: pytest.FixtureRequest) -> None:
    require_root("tcpdump")
    argv = [str(ROOT / ".venv" / "bin" / "craft"), "tcp-server", "5001"] if peer == "craft" \
        else [request.getfixturevalue("fork_server"), "5001"]
    server = _server(lab, argv)
    caps = {node: lab.popen(node, ["tcpdump", "-n", "--immediate-mode", "-U", "-i",
                                      "eth0", "-w", "-", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for node in ("client", "server")}
    pcaps = {}
    try:
        for cap in caps.values():
            assert b"listening on" in cap.stderr.readline()
        r = _craft_run(lab, "tcp-hello")
    finally:
        time.sleep(0.5)
        for node, cap in caps.items():
            cap.send_signal(signal.SIGINT)
            pcaps[node], _ = cap.communicate(timeout=10)
        said = _stop(server)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Here is the message: hello" in said
    assert "tcp-hello: all 5 steps held" in r.stdout
    assert "✓ step 3 (message): payload.contains 'I got your message'" in r.stdout
    # What reached the server: craft's handshake, data and close, from craft's own address.
    server_side = _segments(pcaps["server"])
    ours = [f for src, f in server_side if src == bytes([192, 0, 2, 101])]
    assert ours[0] == 0x02 and 0x18 in ours and 0x11 in ours, (server_side, r.stdout)
    assert all(not f & 0x04 for _src, f in server_side), server_side  # no RST either way
    # On the client, tcpdump sees what the client's kernel sends (craft's own frames
    # bypass the kernel's taps): the server's segments arrive, and the kernel sends
    # nothing back, no RST above all.
    client_side = _segments(pcaps["client"])
    assert any(src == bytes([192, 0, 2, 2]) for src, _f in client_side)
    assert [s for s in client_side if s[0] != bytes([192, 0, 2, 2])] == []


def _segments(pcap: bytes) -> list[tuple[bytes, int]]:
    """(IPv4 source, TCP flags) of each packet of a pcap held in memory."""
    import tempfile

    from craft.decode import decode
    from craft.io.pcap import read_capture

    with tempfile.NamedTemporaryFile(suffix=".pcap") as f:
        f.write(pcap)
        f.flush()
        out = []
        for rec in read_capture(f.name):
            parts = {p.name: p.values for p in decode(rec.data)}
            out.append((parts["ipv4"]["src"], parts["tcp"]["flags"]))
        return out


@pytest.mark.lab_prefix("ct-run-")
def test_arp_then_ping_saves_the_mac_and_uses_it(lab) -> None:
    r = _craft_run(lab, "arp-then-ping", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert objs[-1] == {"type": "verdict", "ok": True,
                        "vars": {"server": "192.0.2.2", "server_mac": "02:00:00:00:00:02"}}
    frames = [o for o in objs if o["type"] == "frame"]
    ping = next(o for o in frames if o["direction"] == "out" and "ICMP" in o["summary"])
    assert ping["hex"].startswith("020000000002")  # the saved MAC is the destination
    assert [o["ok"] for o in objs if o["type"] == "step"] == [True, True]


@pytest.mark.lab_prefix("ct-run-")
def test_http_get_against_a_real_web_server(lab, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hello from the lab</p>\n")
    web = lab.popen("server", ["python3", "-u", "-m", "http.server", "8080", "--bind", "192.0.2.2"],
                    cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                    start_new_session=True)
    try:
        assert "Serving HTTP" in web.stdout.readline()
        r = _craft_run(lab, "http-get")
    finally:
        said = _stop(web)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓ step 3 (GET): payload.contains 'HTTP/1.0 200 OK'" in r.stdout
    assert "http-get: all 4 steps held" in r.stdout
    assert '"GET / HTTP/1.0" 200' in said  # the server's own log line


@pytest.mark.lab_prefix("ct-run-")
def test_syn_scan_finds_exactly_the_open_ports(lab, tmp_path: Path) -> None:
    servers = [
        lab.popen("server", [str(ROOT / ".venv" / "bin" / "craft"), "tcp-server", "555"],
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True),
        lab.popen("server", ["python3", "-m", "http.server", "80", "--bind", "192.0.2.2"],
                  cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                  start_new_session=True),
    ]
    try:
        for port in (555, 80):
            for _ in range(100):
                if lab.exec("server", ["ss", "-ltnH", f"sport = :{port}"], capture_output=True,
                            text=True).stdout.strip():
                    break
                time.sleep(0.05)
        r = _craft_run(lab, "syn-scan", "--var", "last=1000")
        j = _craft_run(lab, "syn-scan", "--var", "first=550", "--var", "last=560", "--json")
    finally:
        for proc in servers:
            _stop(proc)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = [line.strip() for line in r.stdout.splitlines()]
    table = lines[lines.index("PORT     STATE") + 1:]
    assert table[:3] == ["80/tcp   open", "555/tcp  open", "Not shown: 998 closed ports"]
    assert "✓ step 1 (ports): 1000 sent: 998 closed, 2 open" in lines
    ports = json.loads(j.stdout.splitlines()[-2])["ports"]
    assert ports == {f"{p}/tcp": "open" if p == 555 else "closed" for p in range(550, 561)}


@pytest.fixture
def routed():
    """A three-node lab (client — router — server), removed afterwards."""
    require_root()
    from conftest import unique_name

    from craft.live.lab import Lab

    lab = Lab(unique_name("ct-rt-"), router=True)
    try:
        lab.up()
        yield lab
    finally:
        lab._quiet_down()


@pytest.mark.parametrize("script", ["traceroute", "traceroute-icmp"])
def test_traceroute_shows_the_router_then_the_server(routed, script: str) -> None:
    status = run("lab", "status", "--name", routed.name)
    rows = [line.split()[:3] for line in status.stdout.splitlines()[1:]]
    assert rows == [["client", f"{routed.name}-client", "eth0"],
                    ["router", f"{routed.name}-router", "eth0"],
                    ["router", f"{routed.name}-router", "eth1"],
                    ["server", f"{routed.name}-server", "eth0"]]
    r = _craft_run(routed, script)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓ step 1 (route): reached 198.51.100.2 in 2 hops" in r.stdout
    hops = [line.split()[:2] for line in r.stdout.splitlines() if " ms" in line]
    assert hops == [["1", "192.0.2.254"], ["2", "198.51.100.2"]]
    j = _craft_run(routed, script, "--json")
    step = next(json.loads(x) for x in j.stdout.splitlines() if '"type": "step"' in x)
    assert [(h["ttl"], h["from"]) for h in step["hops"]] == [(1, "192.0.2.254"),
                                                           (2, "198.51.100.2")]
    assert all(0 < h["rtt_ms"] < 1000 for h in step["hops"])


FAILING = """
name: failing
vars: {server: 192.0.2.2}
timeout: 1
steps:
  - name: knock
    send:
      - ether: {dst: auto, src: auto}
      - ipv4: {dst: "${server}"}
      - tcp: {sport: auto, dport: 5999, flags: S, seq: auto}
    expect: {tcp.flags: SA}
"""


@pytest.mark.lab_prefix("ct-run-")
def test_failure_paths_say_what_and_where(lab, tmp_path: Path) -> None:
    p = tmp_path / "f.yaml"
    # a wrong answer: the closed port answers with a RST
    p.write_text(FAILING)
    r = _craft_run(lab, str(p))
    assert r.returncode == 1
    assert "failing: FAILED at step 1 (knock) of 1: tcp.flags: expected SA, seen AR" in r.stdout
    # no answer: an echo whose IPv4 checksum is wrong is dropped by the server
    p.write_text(FAILING.replace("tcp: {sport: auto, dport: 5999, flags: S, seq: auto}",
                                 "icmp: {}").replace("ipv4: {dst:",
                                                     "ipv4: {checksum: 1, dst:")
                 .replace("tcp.flags: SA", "icmp.type: echo-reply"))
    r = _craft_run(lab, str(p))
    assert r.returncode == 1
    assert "FAILED at step 1 (knock) of 1: no answer within 1 s" in r.stdout
    # an undefined variable, and arithmetic on a field never saved: exit 2, one line
    for bad in ('"${nowhere}"', '"${isn + 1}"'):
        p.write_text(FAILING.replace('"${server}"', bad))
        r = _craft_run(lab, str(p))
        assert r.returncode == 2, r.stdout + r.stderr
        assert r.stderr.count("\n") == 1 and "undefined variable" in r.stderr
        assert "f.yaml:9:" in r.stderr
    # an interface that does not exist
    r = run("run", "tcp-hello", "-i", "nosuch0", "--source", "192.0.2.101")
    assert r.returncode in (1, 2) and "nosuch0" in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.lab_prefix("ct-run-")
def test_dhcp_dora_against_dnsmasq(lab, tmp_path: Path) -> None:
    """Discover, offer, request, ack and release against dnsmasq's DHCP server
    on the lab link (tests/dnsmasq.py): the offered address is saved from the
    offer, requested, acknowledged and released, as dnsmasq's own log says."""
    from dnsmasq import dnsmasq

    with dnsmasq(lab, tmp_path, dhcp=True) as server:
        r = _craft_run(lab, "dhcp-dora", "--json")
        time.sleep(0.2)
        log = server.output()
    assert r.returncode == 0, r.stdout + r.stderr + log
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    got = objs[-1]["vars"]
    assert objs[-1]["ok"] and got["server"] == "192.0.2.2" and got["lease"] == 3600
    offered = got["offered"]
    assert re.fullmatch(r"192\.0\.2\.1[0-5]\d", offered)
    for what in ("DHCPOFFER", "DHCPACK", "DHCPRELEASE"):
        assert f"{what}(eth0) {offered} 02:00:00:00:00:01" in log, log
    assert offered not in (tmp_path / "leases").read_text()  # released: no lease left


@pytest.mark.lab_prefix("ct-run-")
def test_dns_lookup_against_dnsmasq(lab, tmp_path: Path) -> None:
    """A query to dnsmasq in the server namespace (tests/dnsmasq.py): the
    answer's address is checked and saved with its TTL; another expected
    address fails the step naming the field, expected and seen."""
    from dnsmasq import dnsmasq

    with dnsmasq(lab, tmp_path) as server:
        r = _craft_run(lab, "dns-lookup", "--json")
        wrong = _craft_run(lab, "dns-lookup", "--var", "want=203.0.113.9")
        log = server.output()
    assert r.returncode == 0, r.stdout + r.stderr
    verdict = json.loads(r.stdout.splitlines()[-1])
    assert verdict["ok"] and verdict["vars"]["address"] == "198.51.100.80"
    assert verdict["vars"]["ttl"] == 300  # dnsmasq's --local-ttl
    assert log.count("query[A] www.example.com from 192.0.2.101") == 2
    assert wrong.returncode == 1
    assert ("dns.answers.a.address: expected 203.0.113.9, seen 198.51.100.80"
            in wrong.stdout), wrong.stdout

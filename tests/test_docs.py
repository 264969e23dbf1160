"""Every fenced example in README.md and docs/*.md runs here, as a reader would run it.

Library: Sybil (PyPI ``sybil``, 10.x). It is made for testing the examples in
documentation: its Markdown lexers find fenced blocks and directives written as
HTML comments (which a rendered page does not show), its skip directive
(``<!-- skip: next "reason" -->``) marks a block that cannot run here, and its
Python evaluator runs ``python`` blocks in one namespace per document with
tracebacks pointing at the Markdown line. pytest-markdown-docs only runs
``python`` blocks; here the ``yaml``, ``sh`` and output blocks matter as much,
and Sybil lets us plug our own evaluators in for them. We use Sybil's parsing
and evaluators but not its pytest collector: ``testpaths`` is ``tests`` (so
pytest never walks README.md or docs/), and one parametrised test lets each
block carry its own marks (``root`` for the ones that need a lab) and share
one lab per module.

What each block means (the convention the docs follow):

- ``python``: runs in the repository root (paths such as ``profiles/icmp.yaml``).
- ``yaml``: a profile (it has ``frames``) loads, validates and builds through both
  encoders; a fragment (a list of layers, or one layer) is wrapped in a frame
  (with ``ether`` and the ``ipv4``/``ipv6`` it needs) and built. A block whose
  first line is ``# profiles/NAME.yaml`` must say what that file says.
- ``sh``: each line is a command; ``# ...`` comments are dropped, ``sudo`` is
  stripped. A block that needs root (``sudo``, ``--lab``, ``craft lab``) runs
  against a lab this module creates (``--name``/``--lab-name`` added); a
  ``tcp-server``/``udp-server`` runs in the background until the block ends.
  Every command must exit 0 unless an ``<!-- exit: N -->`` comment says otherwise.
- a block whose lines start with ``$ `` (``console``, or no language) is a
  session: commands and what they print (stdout and stderr, as a terminal shows
  them), compared line for line after normalising timestamps, temporary paths
  and pids; a line ``...`` stands for any lines, ``...`` at the end of a line
  for the rest of it. A ``tcp-server``/``udp-server`` runs in the background
  (its own terminal) and what it printed is compared when the block ends;
  ``Please enter the message: TEXT`` types TEXT into the command.
- a block of ``craft CMD [OPTIONS]`` synopses (no language): every option it
  names must be in ``craft CMD --help``.
- a block of output only (no language) must follow an ``<!-- output-of: sh``
  comment holding the commands that print it (bash, one line each, run in
  order; stdout and stderr compared); a ``yaml`` block after one is the end of
  what they print (``craft import``), and is built as well.

Invisible helpers (HTML comments): ``<!-- invisible-code-block: sh ... -->`` runs
its bash lines in the block's working directory first (to make ``ping.pcap``
and the like); ``<!-- exit: N -->`` is the status the next block's commands
end with; ``<!-- skip: next "why" -->`` marks the next block as not runnable
here, and the reason is listed in the report (``-ra`` and the summary
conftest.py prints), so nothing is skipped silently.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import select
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import require_root, unique_name
from sybil import Document, Region
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import SkipParser
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, RawFencedCodeBlockLexer

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
if os.environ.get("CRAFT_DOCTEST_FILES"):  # the meta-test points us at a broken copy
    DOCS = [Path(x) for x in os.environ["CRAFT_DOCTEST_FILES"].split(os.pathsep)]
SERVERS = ("tcp-server", "udp-server")
PROMPT = "Please enter the message: "


# -- parsing (Sybil lexers) ------------------------------------------------------------------


class FenceParser:
    """Every fenced block, with or without a language: none is left out unseen."""

    def __init__(self) -> None:
        self.lexer = RawFencedCodeBlockLexer(
            info_pattern=re.compile(r"(?P<language>[^\n]*)$\n", re.MULTILINE),
            mapping={"language": "language", "source": "source"},
        )

    def __call__(self, document: Document) -> Iterator[Region]:
        for region in self.lexer(document):
            region.parsed = region.lexemes["source"]
            region.evaluator = "fence"
            yield region


class HiddenParser:
    """Our invisible helpers: invisible-code-block, output-of, exit."""

    def __init__(self) -> None:
        self.lexer = DirectiveInHTMLCommentLexer(
            directive=r"invisible-code-block|output-of|exit", arguments=r"[^\n]*?"
        )

    def __call__(self, document: Document) -> Iterator[Region]:
        for region in self.lexer(document):
            region.parsed = region.lexemes["source"]
            region.evaluator = region.lexemes["directive"]
            yield region


@dataclass
class Block:
    doc: Path
    line: int
    language: str
    source: str
    example: object
    setup: list[str] = field(default_factory=list)  # invisible bash blocks
    output_of: str | None = None
    exit: int = 0
    skip: str | None = None

    @property
    def where(self) -> str:
        doc = self.doc.relative_to(ROOT) if self.doc.is_relative_to(ROOT) else self.doc.name
        return f"{doc}:{self.line}"

    @property
    def kind(self) -> str:
        lang = self.language.split()[0] if self.language.strip() else ""
        if lang in ("python", "yaml", "sh"):
            return lang
        if lang == "console" or self.source.lstrip().startswith("$ "):
            return "console"
        if lang:
            return lang
        if self.output_of is not None:
            return "output"
        lines = [x for x in self.source.splitlines() if x.strip()]
        if (
            lines
            and all(re.match(r"(sudo )?craft [\w-]+", x) or x.startswith(" ") for x in lines)
            and not lines[0].startswith(" ")
        ):
            return "synopsis"
        return "unknown"

    @property
    def commands(self) -> list[str]:
        if self.kind == "sh":
            return [
                x for x in self.source.splitlines() if x.strip() and not x.lstrip().startswith("#")
            ]
        if self.kind == "console":
            return [x[2:] for x in self.source.splitlines() if x.startswith("$ ")]
        return []

    @property
    def needs_root(self) -> bool:
        for cmd in self.commands:
            words = shlex.split(cmd, comments=True)
            if words[:1] == ["sudo"] or "--lab" in words or words[1:2] == ["lab"]:
                return True
            if any(s in words for s in SERVERS):  # fixed ports: in a namespace of their own
                return True
        return False


def parse(path: Path) -> list[Block]:
    document = Document.parse(str(path), SkipParser(), FenceParser(), HiddenParser())
    blocks: list[Block] = []
    setup: list[str] = []
    output_of = None
    exit_status = 0
    skip_next = None
    skip_range = None
    for example in document.examples():
        region = example.region
        if region.evaluator == "fence":
            block = Block(
                path,
                example.line,
                region.lexemes["language"].strip(),
                str(region.parsed),
                example,
                setup,
                output_of,
                exit_status,
                skip_next or skip_range,
            )
            blocks.append(block)
            setup, output_of, exit_status, skip_next = [], None, 0, None
        elif region.evaluator == "invisible-code-block":
            assert region.lexemes["arguments"].strip() == "sh", example
            setup.append(str(region.parsed))
        elif region.evaluator == "output-of":
            assert region.lexemes["arguments"].strip() == "sh", example
            output_of = str(region.parsed)
        elif region.evaluator == "exit":
            exit_status = int(region.lexemes["arguments"])
        else:  # Sybil's skip directive: (action, reason)
            action, reason = region.parsed
            why = ast.literal_eval(reason) if reason else "no reason given"
            if action == "next":
                skip_next = why
            elif action == "start":
                skip_range = why
            else:
                skip_range = None
    return blocks


BLOCKS = [b for doc in DOCS for b in parse(doc)]


def _param(block: Block):
    marks = []
    if block.skip:
        marks.append(pytest.mark.skip(reason=f"{block.where}: not runnable here: {block.skip}"))
    if block.needs_root:
        marks.append(pytest.mark.root)
    return pytest.param(block, id=f"{block.where}-{block.kind}", marks=marks)


# -- comparing output ------------------------------------------------------------------------


def normalise(text: str, tmp: Path | None = None) -> list[str]:
    if tmp is not None:
        text = text.replace(str(tmp), "TMP")
    text = re.sub(r"\b\d\d:\d\d:\d\d\.\d{6}\b", "HH:MM:SS.ffffff", text)
    text = re.sub(r"\bpid \d+\b", "pid N", text)
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return [line.rstrip() for line in text.splitlines()]


def _line_matches(pattern: str, line: str) -> bool:
    if pattern.endswith("...") and pattern != "...":
        return line.startswith(pattern[:-3])
    return pattern == line


def matches(expected: list[str], got: list[str]) -> bool:
    """``expected`` with ``...`` lines (any lines) and ``...`` line ends (any rest)."""
    if not expected:
        return not got
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, got[i:]) for i in range(len(got) + 1))
    return bool(got) and _line_matches(head, got[0]) and matches(rest, got[1:])


def assert_output(block: Block, expected: list[str], got: list[str]) -> None:
    if not matches(expected, got):
        diff = "\n".join(
            difflib.unified_diff(expected, got, "the docs say", "craft prints", lineterm="")
        )
        pytest.fail(
            f"{block.where}: the output differs from the documentation\n{diff}", pytrace=False
        )


# -- running ---------------------------------------------------------------------------------


@dataclass
class Context:
    block: Block
    tmp: Path
    lab: DocLab | None = None

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PATH": f"{BIN}:{os.environ['PATH']}",
            "COLUMNS": "200",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "PYTHONUNBUFFERED": "1",
        }

    def argv(self, command: str) -> list[str]:
        """A documented command as we run it: sudo stripped, our lab named."""
        words = shlex.split(command, comments=True)
        if words[:1] == ["sudo"]:
            words = words[1:]
        assert words and words[0] == "craft", f"{self.block.where}: not a craft command: {command}"
        if self.lab is None:
            return words
        name = self.lab.name
        if words[1:2] == ["lab"]:
            return [*words[:3], "--name", name, *words[3:]]
        if "--lab" in words:
            return [*words[:2], "--lab-name", name, *words[2:]]
        # anything else of a lab block runs in the lab's client namespace
        return ["ip", "netns", "exec", self.lab.namespace("client"), *words]

    def bash(self, script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=self.tmp,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def setup(self) -> None:
        for script in self.block.setup:
            r = self.bash(script)
            assert r.returncode == 0, (
                f"{self.block.where}: hidden set-up failed:\n{script}\n{r.stderr}"
            )


def _stop(proc: subprocess.Popen) -> str:
    """End a background command and everything it started (its own session)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            out, _ = proc.communicate(timeout=10)
            return out
        except subprocess.TimeoutExpired:
            continue
    return ""


def _is_server(argv: list[str]) -> bool:
    return any(s in argv for s in SERVERS)


def run_sh(ctx: Context) -> None:
    background: list[subprocess.Popen] = []
    try:
        for command in ctx.block.commands:
            argv = ctx.argv(command)
            if _is_server(argv):
                background.append(_start(ctx, argv))
                continue
            r = subprocess.run(
                argv,
                cwd=ctx.tmp,
                env=ctx.env,
                capture_output=True,
                text=True,
                timeout=120,
                stdin=subprocess.DEVNULL,
            )
            assert r.returncode == ctx.block.exit, (
                f"{ctx.block.where}: `{command}` exited {r.returncode}, the docs expect "
                f"{ctx.block.exit}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
            )
    finally:
        for proc in background:
            _stop(proc)


def _start(ctx: Context, argv: list[str], stdin=subprocess.DEVNULL) -> subprocess.Popen:
    proc = subprocess.Popen(
        argv,
        cwd=ctx.tmp,
        env=ctx.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=stdin,
        text=True,
        start_new_session=True,
    )
    # until it listens (its first line), so the client does not race it
    ready, _, _ = select.select([proc.stdout], [], [], 20)
    proc.first_line = proc.stdout.readline() if ready else ""  # type: ignore[attr-defined]
    if not ready or proc.poll() is not None:
        out = _stop(proc)
        pytest.fail(f"{ctx.block.where}: `{shlex.join(argv)}` did not start:\n{out}", pytrace=False)
    return proc


def run_console(ctx: Context) -> None:
    """``$ cmd`` lines and their output; servers (``# terminal N``) in the background."""
    steps: list[tuple[str, list[str]]] = []
    for line in ctx.block.source.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif line.strip() or steps and steps[-1][1]:
            assert steps, f"{ctx.block.where}: output before the first command"
            steps[-1][1].append(line)
    for _, out in steps:  # blank lines between commands separate them
        while out and not out[-1].strip():
            out.pop()
    background: list[tuple[subprocess.Popen, list[str]]] = []
    try:
        for command, expected in steps:
            argv = ctx.argv(command)
            if _is_server(argv):
                proc = _start(ctx, argv)
                background.append((proc, expected))
                continue
            typed = [x[len(PROMPT) :] for x in expected if x.startswith(PROMPT)]
            r = subprocess.run(
                argv,
                cwd=ctx.tmp,
                env=ctx.env,
                capture_output=True,
                input="".join(t + "\n" for t in typed),
                text=True,
                timeout=120,
            )
            # a terminal shows both streams; which comes first on it is up to buffering
            out, err = normalise(r.stdout, ctx.tmp), normalise(r.stderr, ctx.tmp)
            got = _typed(out + err, list(typed))
            if not matches(expected, got):
                got = _typed(err + out, list(typed))
            assert_output(ctx.block, expected, got)
            assert r.returncode == ctx.block.exit, (
                f"{ctx.block.where}: `{command}` exited {r.returncode}, the docs expect "
                f"{ctx.block.exit}"
            )
    finally:
        outputs = [(_stop(p), p.first_line, exp) for p, exp in background]  # type: ignore[attr-defined]
    for out, first, expected in outputs:
        assert_output(ctx.block, expected, normalise(first + out, ctx.tmp))


def _typed(lines: list[str], typed: list[str]) -> list[str]:
    """What a terminal shows: the text typed after the prompt, and a new line."""
    out = []
    for line in lines:
        while line.startswith(PROMPT) and typed:
            out.append(PROMPT + typed.pop(0))
            line = line[len(PROMPT) :]
        if line or not out or not out[-1].startswith(PROMPT):
            out.append(line)
    return out


def run_output(ctx: Context) -> None:
    got: list[str] = []
    for script in ctx.block.output_of.splitlines():  # type: ignore[union-attr]
        if not script.strip():
            continue
        r = ctx.bash(script)
        assert r.returncode == ctx.block.exit, (
            f"{ctx.block.where}: `{script}` exited {r.returncode}, expected "
            f"{ctx.block.exit}\n{r.stderr}"
        )
        got += normalise(r.stdout + r.stderr, ctx.tmp)
    assert_output(ctx.block, normalise(ctx.block.source), got)


def run_synopsis(ctx: Context) -> None:
    """Each option a synopsis names is one ``craft CMD --help`` lists."""
    command, helptext = "", ""
    for line in ctx.block.source.splitlines():
        if re.match(r"(sudo )?craft ", line):
            command = line.split()[1 if line.startswith("craft") else 2]
            r = subprocess.run(
                [str(BIN / "craft"), command, "--help"],
                env=ctx.env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert r.returncode == 0, r.stderr
            helptext = r.stdout
        for option in re.findall(r"(?<![\w-])(--?[A-Za-z#][\w-]*)", line):
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", helptext), (
                f"{ctx.block.where}: `craft {command}` has no option {option} (craft {command} "
                "--help)"
            )


def _wrap(data: object) -> dict:
    """A fragment (one layer, or a list of layers) as a one-frame profile."""
    layers = data if isinstance(data, list) else [data]
    names = [next(iter(x)) for x in layers]
    head: list[dict] = []
    if "ether" not in names:
        head.append({"ether": None})
        if not {"ipv4", "ipv6", "arp"} & set(names):
            head.append({"ipv6": None} if "icmpv6" in names else {"ipv4": None})
    return {"frames": [{"layers": head + layers}]}


def run_yaml(ctx: Context) -> None:
    import craft
    from craft.profile.model import CHECK_MAX

    source = ctx.block.source
    data = yaml.safe_load(source)
    if isinstance(data, dict) and "steps" in data:  # a conversation script (craft run)
        from craft.profile.script import load_script_text

        script = load_script_text(source, str(ctx.block.where))
        assert script.steps, f"{ctx.block.where}: a script with no step"
        _same_as_bundled(ctx, source, data)
        return
    text = (
        source
        if isinstance(data, dict) and "frames" in data
        else yaml.safe_dump(_wrap(data), sort_keys=False)
    )
    file = ctx.tmp / "block.yaml"
    file.write_text(text)
    profile = craft.load_profile(file)
    # every frame, as craft check builds them: at most 1,000 of a long sweep (every DNS ID)
    frames = list(craft.build(profile, count=min(profile.default_count(), CHECK_MAX)))
    assert frames, f"{ctx.block.where}: builds no frame"
    if ctx.block.output_of is not None:  # what a command prints: the block is its end
        got = []
        for script in filter(str.strip, ctx.block.output_of.splitlines()):
            r = ctx.bash(script)
            assert r.returncode == 0, f"{ctx.block.where}: `{script}` failed\n{r.stderr}"
            got += normalise(r.stdout, ctx.tmp)
        assert_output(ctx.block, ["...", *normalise(source)], got)
    _same_as_bundled(ctx, source, data)


def _same_as_bundled(ctx: Context, source: str, data: dict) -> None:
    """A block headed ``# profiles/NAME.yaml`` says what that file says."""
    m = re.fullmatch(r"# (profiles/[\w./-]+\.yaml)", source.splitlines()[0].strip())
    if m:
        bundled = yaml.safe_load((ROOT / m[1]).read_text())
        for key, value in data.items():
            assert bundled.get(key) == value, f"{ctx.block.where}: `{key}` is not what {m[1]} says"


def run_python(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    example = ctx.block.example
    example.region.parsed = example.region.lexemes["source"]
    result = PythonEvaluator()(example)
    assert not result, result


class DocLab:
    """A lab driven through the CLI, as the docs drive it (no craft internals here:
    the package's modules may move, its commands do not)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def namespace(self, node: str) -> str:
        return f"{self.name}-{node}"

    def _lab(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "craft"), "lab", *args, "--name", self.name],
            capture_output=True,
            text=True,
            timeout=120,
        )

    def up(self) -> None:
        r = self._lab("up")
        assert r.returncode == 0, r.stderr

    def down(self) -> None:
        """``craft lab down``, and by hand whatever it left (a broken craft must not leak
        namespaces): the processes in them killed, the namespaces deleted."""
        self._lab("down")
        for node in ("client", "server"):
            ns = self.namespace(node)
            if not Path("/run/netns", ns).exists():
                continue
            pids = subprocess.run(
                ["ip", "netns", "pids", ns], capture_output=True, text=True
            ).stdout
            for pid in pids.split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)


@pytest.fixture(scope="module")
def doc_lab() -> Iterator[DocLab]:
    """One lab for every block that needs one; gone at the end, pass or fail."""
    require_root("tcpdump")
    lab = DocLab(unique_name("ct-doc-"))
    try:
        lab.up()
        yield lab
    finally:
        lab.down()
        left = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        assert lab.name not in left, left


@pytest.mark.parametrize("block", [_param(b) for b in BLOCKS])
def test_doc_block(
    block: Block, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context(block, tmp_path)
    (tmp_path / "profiles").symlink_to(ROOT / "profiles")
    if block.needs_root:
        require_root("tcpdump")
        ctx.lab = request.getfixturevalue("doc_lab")
        ctx.lab.up()  # a block before may have taken it down: `lab down` is documented too
    ctx.setup()
    kind = block.kind
    if kind == "python":
        run_python(ctx, monkeypatch)
    elif kind == "yaml":
        run_yaml(ctx)
    elif kind == "sh":
        run_sh(ctx)
    elif kind == "console":
        run_console(ctx)
    elif kind == "output":
        run_output(ctx)
    elif kind == "synopsis":
        run_synopsis(ctx)
    else:
        pytest.fail(
            f"{block.where}: a ```{block.language} block this test does not know how to "
            'run; give it a language, an <!-- output-of: --> or a <!-- skip: next "why" -->',
            pytrace=False,
        )


def test_every_fence_is_a_block() -> None:
    """Sybil's lexer sees every fence the Markdown has: none escapes the test."""
    for doc in DOCS:
        fences = len(re.findall(r"^ *(```|~~~)", doc.read_text(), re.MULTILINE))
        assert fences == 2 * sum(b.doc == doc for b in BLOCKS), doc


def _doc_blocks_of(markdown: Path) -> subprocess.CompletedProcess[str]:
    """This module's tests of the yaml blocks run on ``markdown`` alone, in a
    fresh pytest (the other blocks, which run commands, take a minute and
    cannot see a change to a yaml block: test_doc_block runs them all)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(Path(__file__)),
         "-k", "test_doc_block and yaml"],
        cwd=ROOT, env={**os.environ, "CRAFT_DOCTEST_FILES": str(markdown)},
        capture_output=True, text=True, timeout=300,
    )


def test_a_broken_example_fails(tmp_path: Path) -> None:
    """Change a field name in one yaml block of a copy of docs/profiles.md: this very test
    module, run by pytest on the copy's yaml blocks, fails on that block, and on no other."""
    text = (ROOT / "docs" / "profiles.md").read_text()
    assert text.count("ttl: 64}") == 1
    broken = tmp_path / "profiles.md"
    broken.write_text(text.replace("ttl: 64}", "tll: 64}"))
    line = text[: text.index("ttl: 64}")].count("\n") + 1
    r = _doc_blocks_of(broken)
    assert r.returncode == 1, r.stdout[-3000:]
    failed = re.findall(r"^FAILED (\S+)", r.stdout, re.MULTILINE)
    assert len(failed) == 1, r.stdout[-3000:]
    start = int(re.search(r"profiles\.md:(\d+)-yaml", failed[0])[1])
    assert start < line < start + 20, failed
    assert "unknown field 'tll' for ipv4 (did you mean 'ttl'?)" in r.stdout
    assert re.search(r"\b0 failed|(\d+) passed", r.stdout)
    # and the same file unbroken passes
    good = tmp_path / "good" / "profiles.md"
    good.parent.mkdir()
    good.write_text(text)
    r = _doc_blocks_of(good)
    assert r.returncode == 0, r.stdout[-3000:]


def test_field_reference_is_what_the_generator_prints() -> None:
    """docs/profiles.md's field reference is the output of the command it names."""
    text = (ROOT / "docs" / "profiles.md").read_text()
    m = re.search(r"\(`python -m ([\w.]+) --markdown`\)", text)
    assert m, "docs/profiles.md no longer names the generator of its field reference"
    r = subprocess.run(
        [sys.executable, "-m", m[1], "--markdown"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    reference = text[text.index("\n#### ", m.end()) + 1 :]
    assert reference.rstrip("\n").splitlines() == r.stdout.rstrip("\n").splitlines()


# profiles that predate the recipes: the commands' own examples show them
_NO_RECIPE = {"arp-request", "icmp", "icmpv6-ns", "ipv6-echo", "textbook-raw", "udp", "udp-sweep",
              "vlan-udp"}


def test_every_bundled_profile_has_a_recipe_with_the_scapy_it_replaces() -> None:
    """docs/profiles.md's Recipes: each bundled profile under a ### heading,
    named as profiles/NAME.yaml, with a python block (the scapy it replaces)
    in the same section."""
    text = (ROOT / "docs" / "profiles.md").read_text()
    recipes = text[text.index("\n## Recipes"):text.index("\n## Field reference")]
    sections = recipes.split("\n### ")[1:]
    missing = []
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        if path.stem in _NO_RECIPE:
            continue
        section = next((s for s in sections if f"profiles/{path.name}" in s), None)
        if section is None or "```python" not in section:
            missing.append(path.name)
    assert not missing, f"no recipe with its scapy line: {missing}"

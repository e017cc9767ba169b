"""Check journeymap's mind-map and Mermaid files with the real readers (``make interop``).

Usage: ``python tests/interop/check.py BUILD_DIR`` (``run.sh`` installs the
readers first). Every example journey is written in each format into
``BUILD_DIR/out`` and read back by:

* OPML: Python's strict XML parser, and pandoc (``pandoc -f opml``);
* XMind: the ``xmindparser`` package (the same tree of titles);
* Mermaid: Mermaid's own parser in Node (``mermaid`` + ``jsdom`` from
  ``BUILD_DIR/node_modules``): journey sections, tasks, scores and actors,
  and every mind-map label; also every journey of ``../shared/corpus/mermaid``
  must give the same tasks in Mermaid and in journeymap's importer; and the
  journeys of ``journeymap.testing``'s naughty strings (every string of the
  Big List of Naughty Strings in every text field), in both Mermaid formats,
  must give Mermaid the text we wrote (every title, section, task, actor and
  mind-map label as Mermaid draws it, after the look-alikes and entity codes
  of ``docs/mermaid.md``), all files in one Node process;
* Freeplane: ``xvfb-run freeplane`` with a start-up script that opens each
  map through Freeplane's loader (``c.newMap``) and dumps the node tree as
  JSON: every node's text, fold state and note must match the tree; the
  naughty-string maps too (emoji and other characters beyond U+FFFF, which we
  write as surrogate-pair references: see ``docs/mindmaps.md``).

Each check prints PASS, FAIL or SKIP (tool missing) with a reason; the exit
code is 1 when any check failed.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import journeymap as jm
from journeymap.builtin.mermaid import (
    KEYWORD_GUARD,
    LOOK_ALIKES,
    MermaidJourneyExporter,
    MermaidJourneyImporter,
    MermaidMindmapExporter,
    MermaidWarning,
    journey_score,
)
from journeymap.builtin.mindmaps._tree import Node, build, marked_text, walk
from journeymap.builtin.mindmaps.freeplane import FreeplaneExporter, escape_text
from journeymap.builtin.mindmaps.opml import OpmlExporter
from journeymap.builtin.mindmaps.xmind import XmindExporter
from journeymap.testing import sample_journeys
from journeymap.testing._naughty import naughty_journeys

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FREEPLANE_TIMEOUT = int(os.environ.get("JM_FREEPLANE_TIMEOUT", "120"))


class Skip(Exception):
    """The reader this check needs is not available."""


def texts(tree: Node) -> list[str]:
    return [node.text for _, node in walk(tree)]


def marked_texts(tree: Node) -> list[str]:
    """The texts as formats without icons write them: a moment of truth with its mark."""
    return [marked_text(node) for _, node in walk(tree)]


def one_line(text: str) -> str:
    """Text as the Mermaid writers put it on one line: line breaks (and the blanks around them) become a space."""
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def write_all(out: Path) -> dict[str, dict[str, Any]]:
    """Write every example in every format; return, per example, the journey, its tree and the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, Any]] = {}
    writers = {
        "mm": FreeplaneExporter(),
        "xmind": XmindExporter(),
        "opml": OpmlExporter(),
        "mindmap.mmd": MermaidMindmapExporter(),
        "journey.mmd": MermaidJourneyExporter(),
    }
    journeys = {path.stem: jm.load(path) for path in sorted((ROOT / "examples").glob("*.yaml"))}
    journeys["sample-adversarial"] = sample_journeys()["adversarial"]
    for stem, journey in journeys.items():
        entry: dict[str, Any] = {"journey": journey, "tree": build(journey, journey.language)}
        for suffix, writer in writers.items():
            target = out / f"{stem}.{suffix}"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MermaidWarning)
                jm_export(writer, journey, target)
            entry[suffix] = target
        written[stem] = entry
    return written


def jm_export(writer: Any, journey: jm.Journey, target: Path) -> None:
    with target.open("wb") as stream:
        writer.write(journey, stream, lang=journey.language)


def check_opml_xml(files: dict[str, dict[str, Any]]) -> str:
    for name, entry in files.items():
        root = ET.parse(entry["opml"]).getroot()
        got = [o.get("text") for o in root.iter("outline")]
        if got != marked_texts(entry["tree"]):
            raise AssertionError(f"{name}.opml: outline texts differ from the tree")
    return f"{len(files)} files parse strictly with every outline text"


def check_opml_pandoc(files: dict[str, dict[str, Any]]) -> str:
    if shutil.which("pandoc") is None:
        raise Skip("pandoc is not installed (apt-get install pandoc)")
    for name, entry in files.items():
        result = subprocess.run(
            ["pandoc", "-f", "opml", "-t", "json", str(entry["opml"])], capture_output=True, check=True, text=True
        )
        document = json.loads(result.stdout)
        headers = [block for block in document["blocks"] if block["t"] == "Header"]
        journey = entry["journey"]
        stage_headers = [_plain(h["c"][2]) for h in headers if h["c"][0] == 2]
        for stage in journey.stages:
            if one_line(stage.name) not in stage_headers:
                raise AssertionError(f"{name}.opml: pandoc has no level-2 header for stage {stage.name!r}")
        if len(headers) != len(texts(entry["tree"])):
            raise AssertionError(
                f"{name}.opml: pandoc read {len(headers)} outlines, the tree has {len(texts(entry['tree']))}"
            )
    return f"pandoc reads {len(files)} files: one header per outline, stages at level 2"


def _plain(inlines: list[dict[str, Any]]) -> str:
    out = []
    for inline in inlines:
        if inline["t"] == "Str":
            out.append(inline["c"])
        elif inline["t"] in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif inline["t"] in ("Code", "Math", "RawInline"):  # [attributes or kind, text]
            out.append(inline["c"][-1])
        elif isinstance(inline.get("c"), list):
            inner = inline["c"][-1] if inline["t"] in ("Quoted", "Link", "Span") else inline["c"]
            out.append(_plain(inner) if isinstance(inner, list) else "")
    return "".join(out)


def check_xmindparser(files: dict[str, dict[str, Any]]) -> str:
    try:
        import xmindparser  # type: ignore[import-untyped]
    except ImportError:
        raise Skip("xmindparser is not installed (pip install xmindparser)") from None

    def titles(topic: dict[str, Any]) -> list[str]:
        return [topic["title"]] + [t for child in topic.get("topics", []) for t in titles(child)]

    for name, entry in files.items():
        parsed = xmindparser.xmind_to_dict(str(entry["xmind"]))
        if titles(parsed[0]["topic"]) != texts(entry["tree"]):
            raise AssertionError(f"{name}.xmind: xmindparser's tree differs from ours")
    return f"xmindparser reads {len(files)} files back to the same tree"


def write_naughty(out: Path) -> dict[str, dict[str, Any]]:
    """Write the naughty-string journeys as Mermaid journeys, mind maps and Freeplane maps (``mm`` only when the
    journey has text XML can hold); per journey, the journey, its tree and the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, Any]] = {}
    writers = {"mindmap.mmd": MermaidMindmapExporter(), "journey.mmd": MermaidJourneyExporter()}
    for number, naughty in enumerate(naughty_journeys()):
        entry: dict[str, Any] = {"journey": naughty.journey, "tree": build(naughty.journey, naughty.journey.language)}
        for suffix, writer in writers.items():
            entry[suffix] = out / f"naughty-{number}.{suffix}"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MermaidWarning)
                jm_export(writer, naughty.journey, entry[suffix])
        if not naughty.may_reject:  # control characters: the Freeplane exporter refuses them, naming the field
            entry["mm"] = out / f"naughty-{number}.mm"
            jm_export(FreeplaneExporter(), naughty.journey, entry["mm"])
        written[f"naughty-{number}"] = entry
    return written


_MERMAID: dict[tuple[str, ...], dict[str, Any]] = {}


def run_mermaid(node_modules: Path, paths: list[Path]) -> dict[str, Any]:
    """Mermaid's diagram database for each file, from one Node process (the answer is kept for the next check)."""
    key = (str(node_modules), *map(str, paths))
    if key not in _MERMAID:
        _MERMAID[key] = _run_mermaid(node_modules, paths)
    return _MERMAID[key]


def _run_mermaid(node_modules: Path, paths: list[Path]) -> dict[str, Any]:
    if shutil.which("node") is None or not (node_modules / "mermaid").is_dir() or not (node_modules / "jsdom").is_dir():
        raise Skip(f"node, or mermaid and jsdom in {node_modules}, are missing (npm install mermaid jsdom)")
    result = subprocess.run(
        ["node", str(HERE / "mermaid_parse.mjs"), *map(str, paths)],
        capture_output=True,
        check=True,
        text=True,
        env={**os.environ, "JM_NODE_MODULES": str(node_modules)},
    )
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def mermaid_paths(*groups: dict[str, dict[str, Any]]) -> list[Path]:
    """Every Mermaid file we wrote, then the corpus's: what the one Node process parses."""
    paths = [entry[s] for files in groups for entry in files.values() for s in ("journey.mmd", "mindmap.mmd")]
    return paths + (sorted((CORPUS / "mermaid").glob("*.mmd")) if CORPUS.is_dir() else [])


def check_mermaid(files: dict[str, dict[str, Any]], node_modules: Path, paths: list[Path]) -> str:
    corpus = [path for path in paths if path.parent == CORPUS / "mermaid"]
    parsed = run_mermaid(node_modules, paths)
    ours_count = sum(1 for entry in files.values() for s in ("journey.mmd", "mindmap.mmd") if s in entry)
    for name, entry in files.items():
        journey = parsed[str(entry["journey.mmd"])]
        if "error" in journey:
            raise AssertionError(f"{name}.journey.mmd: Mermaid failed: {journey['error']}")
        ours = entry["journey"]
        expected = [
            (stage.name, tp.name, journey_score(tp.emotion.score) if tp.emotion else 3)
            for stage, tp in ours.touchpoints()
        ]
        got = [(drawn(t["section"]), drawn(t["task"]), t["score"]) for t in journey["tasks"]]
        if not _same_modulo_look_alikes(got, expected):
            raise AssertionError(f"{name}.journey.mmd: Mermaid's tasks differ: {got[:3]} … vs {expected[:3]} …")
        mindmap = parsed[str(entry["mindmap.mmd"])]
        if "error" in mindmap:
            raise AssertionError(f"{name}.mindmap.mmd: Mermaid failed: {mindmap['error']}")
        labels = _descrs(mindmap["root"])
        if [_unescape(label) for label in labels] != [one_line(t) for t in marked_texts(entry["tree"])]:
            raise AssertionError(f"{name}.mindmap.mmd: Mermaid's mind-map labels differ from the tree")
    checked = 0
    for path in corpus:
        theirs = parsed[str(path)]
        if "error" in theirs:
            continue
        nan = any(t["score"] == "NaN" or not 1 <= t["score"] <= 5 for t in theirs["tasks"])
        try:
            journey = MermaidJourneyImporter().read(path.read_bytes(), source=path.name)
        except jm.ParseError:
            if nan:
                checked += 1
                continue
            raise AssertionError(f"{path.name}: journeymap refuses a file Mermaid reads with good scores") from None
        ours_tasks = [
            (tp.name, (tp.emotion.score + 3) if tp.emotion else None, list(tp.actors))
            for _, tp in journey.touchpoints()
        ]
        mermaid_tasks = [(one_line(t["task"]), t["score"], [p for p in t["people"] if p]) for t in theirs["tasks"]]
        if ours_tasks != mermaid_tasks:
            raise AssertionError(f"{path.name}: tasks differ: {ours_tasks[:2]} vs {mermaid_tasks[:2]}")
        checked += 1
    return (
        f"Mermaid parses {ours_count} of our files (sections, tasks, scores, mind-map labels) and agrees with "
        f"journeymap's importer on {checked} of {len(corpus)} corpus journeys"
    )


def drawn(text: str) -> str:
    """A journey's text as Mermaid draws it: SVG text, then the entity-code placeholders decoded in the markup."""
    markup = html.escape(text, quote=False)
    return html.unescape(markup.replace("\ufb02\xb0\xb0", "&#").replace("\ufb02\xb0", "&").replace("\xb6\xdf", ";"))


def check_mermaid_naughty(naughty: dict[str, dict[str, Any]], node_modules: Path, paths: list[Path]) -> str:
    """Every naughty string, in every field Mermaid shows, reaches Mermaid's diagram as we wrote it."""
    parsed = run_mermaid(node_modules, paths)
    compared = 0
    for name, entry in naughty.items():
        journey, ours = parsed[str(entry["journey.mmd"])], entry["journey"]
        if "error" in journey:
            raise AssertionError(f"{name}.journey.mmd: Mermaid failed: {journey['error']}")
        expected = [("title", _looks(ours.title, ";#"), drawn(journey["title"] or ""))]
        expected += [
            (f"stages[{i}].name", _looks(stage.name, ":;#"), drawn(got))
            for i, (stage, got) in enumerate(zip(ours.stages, journey["sections"], strict=True))
        ]
        touchpoints = [
            (f"stages[{i}].touchpoints[{k}]", tp)
            for i, s in enumerate(ours.stages)
            for k, tp in enumerate(s.touchpoints)
        ]
        for (path, tp), task in zip(touchpoints, journey["tasks"], strict=True):
            expected.append((f"{path}.name", _looks(tp.name, ":;#"), drawn(task["task"]).removeprefix(KEYWORD_GUARD)))
            if tp.actors:
                for k, (actor, person) in enumerate(zip(tp.actors, task["people"], strict=True)):
                    expected.append((f"{path}.actors[{k}]", _looks(actor, ":;#,"), drawn(person)))
        mindmap = parsed[str(entry["mindmap.mmd"])]
        if "error" in mindmap:
            raise AssertionError(f"{name}.mindmap.mmd: Mermaid failed: {mindmap['error']}")
        labels = _descrs(mindmap["root"])
        nodes = [node for _, node in walk(entry["tree"])]
        if len(labels) != len(nodes):
            raise AssertionError(f"{name}.mindmap.mmd: Mermaid read {len(labels)} nodes, the tree has {len(nodes)}")
        expected += [
            (f"mind-map node {node.key}", one_line(marked_text(node)), _unescape(label))
            for node, label in zip(nodes, labels, strict=True)
        ]
        for field, want, got in expected:
            if want != got:
                at = next(
                    (i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got))
                )
                raise AssertionError(
                    f"{name}: {field}: Mermaid read {got[max(0, at - 20) : at + 40]!r} where we wrote "
                    f"{want[max(0, at - 20) : at + 40]!r}"
                )
        compared += len(expected)
    return f"Mermaid reads {2 * len(naughty)} naughty-string files with all {compared} texts as we wrote them"


def _looks(text: str, forbidden: str) -> str:
    """Our text on one line with the look-alikes of ``forbidden``: what the exporter documents."""
    text = one_line(text)
    for char in forbidden:
        text = text.replace(char, LOOK_ALIKES[char])
    return text


def _same_modulo_look_alikes(got: list[Any], expected: list[Any]) -> bool:
    def clean(text: str) -> str:
        text = one_line(text)
        for char in ":;#":
            text = text.replace(char, LOOK_ALIKES[char])
        return text.removeprefix(KEYWORD_GUARD)

    return [(clean(s), clean(t), n) for s, t, n in expected] == [
        (s, t.removeprefix(KEYWORD_GUARD), n) for s, t, n in got
    ]


def _unescape(label: str) -> str:
    """A label as the browser shows it: Mermaid's own entity encoding (``#35;``) undone, then HTML entities."""
    label = re.sub(r"ﬂ°°(\d+)¶ß", r"&#\1;", label)
    return html.unescape(re.sub(r"ﬂ°(\w+)¶ß", r"&\1;", label))


def _descrs(node: dict[str, Any]) -> list[str]:
    return [node["descr"]] + [d for child in node["children"] for d in _descrs(child)]


# Preferences written to the throw-away Freeplane user directory: no template chooser at the first start (a modal
# dialog nobody can click under xvfb-run), and start-up scripts run without asking and may write the dump file.
FREEPLANE_PREFERENCES = (
    "skip_template_selection",
    "execute_scripts_without_asking",
    "execute_scripts_without_file_restriction",
    "execute_scripts_without_write_restriction",
    "execute_scripts_without_exec_restriction",
    "execute_scripts_without_network_restriction",
)
# C1-only JIT halves Freeplane's start-up on a small machine (~15 s instead of ~32 s on 2 cores); the logging file
# silences thousands of "Could not create font [Arial]" lines from the SVG icon renderer.
FREEPLANE_JAVA_OPTS = "-Dorg.freeplane.nosplash=true -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# Freeplane 1.7 shows this once per map when the file names a newer Freeplane (ours says "freeplane 1.9.13").
LATER_VERSION_WARNING = "was created with some later version of this program"
ASTRAL_HINT = (
    " (Freeplane's XML reader keeps 16 bits of a character reference, so &#x1f600; becomes U+F600; Freeplane itself"
    " writes such a character as two surrogate references, &#xd83d;&#xde00;)"
)


def check_freeplane(files: dict[str, dict[str, Any]]) -> str:
    if shutil.which("freeplane") is None or shutil.which("xvfb-run") is None:
        raise Skip("freeplane or xvfb-run is not installed (apt-get install freeplane xvfb)")
    with tempfile.TemporaryDirectory(prefix="jm-freeplane-") as config:
        dump = _run_freeplane(Path(config), [entry["mm"] for entry in files.values()])
    if "error" in dump:
        raise AssertionError(f"the Freeplane script failed: {dump['error']}")
    other_dialogs = [text for text in dump["dialogs"] if LATER_VERSION_WARNING not in text]
    if other_dialogs:
        raise AssertionError(f"Freeplane showed dialogs while loading: {other_dialogs}")
    for name, entry in files.items():
        theirs = list(_freeplane_nodes(dump[str(entry["mm"])]))
        ours = [node for _, node in walk(entry["tree"])]
        if len(theirs) != len(ours):
            raise AssertionError(f"{name}.mm: Freeplane loaded {len(theirs)} nodes, the tree has {len(ours)}")
        for got, node in zip(theirs, ours, strict=True):
            if got["text"] != escape_text(node.text):
                raise AssertionError(
                    f"{name}.mm: Freeplane loaded {got['text']!r} for {node.key} {node.text!r}"
                    + (ASTRAL_HINT if any(ord(char) > 0xFFFF for char in node.text) else "")
                )
            if got["folded"] != node.folded:
                raise AssertionError(f"{name}.mm: {node.key} folded={got['folded']} in Freeplane")
            if _no_blanks(got["note"]) != _no_blanks(node.note):
                raise AssertionError(f"{name}.mm: the note of {node.key} reads {got['note']!r} in Freeplane")
    warned = len(dump["dialogs"])
    naughty = sum(1 for name in files if name.startswith("naughty-"))
    return (
        f"Freeplane loads {len(files)} maps ({naughty} of naughty strings, characters beyond U+FFFF among them)"
        " with every node text, fold and note intact"
        + (f" (it warned {warned} times that the file names a later Freeplane version)" if warned else "")
    )


def _run_freeplane(config: Path, maps: list[Path]) -> dict[str, Any]:
    """Start Freeplane under xvfb-run with a start-up script that dumps ``maps``; return the parsed dump."""
    version = _freeplane_user_dir()
    user_dir = config / "freeplane" / version
    init = user_dir / "scripts" / "init"
    init.mkdir(parents=True)
    shutil.copy(HERE / "freeplane_dump.groovy", init / "jm_dump.groovy")
    (user_dir / "auto.properties").write_text("".join(f"{key}=true\n" for key in FREEPLANE_PREFERENCES))
    logging_config = config / "logging.properties"
    logging_config.write_text("handlers=java.util.logging.ConsoleHandler\n.level=INFO\ncom.kitfox.level=SEVERE\n")
    output = config / "dump.json"
    log = config / "freeplane.log"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(config),
        "JAVA_OPTS": f"{FREEPLANE_JAVA_OPTS} -Djava.util.logging.config.file={logging_config}",
        "JM_FREEPLANE_INPUT": os.pathsep.join(str(path) for path in maps),
        "JM_FREEPLANE_OUTPUT": str(output),
    }
    started = time.monotonic()
    script_started = None
    with (
        log.open("wb") as log_stream,
        subprocess.Popen(
            ["xvfb-run", "-a", "freeplane"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so Xvfb and the JVM end with it
        ) as process,
    ):
        try:
            while process.poll() is None and not output.exists():
                now = time.monotonic()
                if script_started is None and b"running init script" in log.read_bytes():
                    script_started = now
                if script_started is None and now - started > FREEPLANE_TIMEOUT:
                    raise Skip(
                        f"Freeplane ({version}) did not finish starting under xvfb-run within {FREEPLANE_TIMEOUT} s "
                        f"(JM_FREEPLANE_TIMEOUT); last log line: {_last_line(log)}"
                    )
                if script_started is not None and now - script_started > max(FREEPLANE_TIMEOUT, 60) + 5 * len(maps):
                    raise AssertionError(f"Freeplane hung while loading our maps; last log line: {_last_line(log)}")
                time.sleep(0.2)
        finally:
            _stop_group(process)
    if not output.exists():
        raise Skip(f"Freeplane ({version}) ended (exit code {process.returncode}); last log line: {_last_line(log)}")
    dump: dict[str, Any] = json.loads(output.read_text("utf-8"))
    return dump


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """End xvfb-run with Xvfb and Freeplane's JVM (they share the process group we started)."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # xvfb-run has ended; give the rest of its group (Xvfb, the JVM) the same signal's time to go.
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _group_alive(process.pid):
            time.sleep(0.1)
        if not _group_alive(process.pid):
            return


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _last_line(log: Path) -> str:
    lines = [line for line in log.read_text("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(empty)"


def _freeplane_nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node["children"]:
        yield from _freeplane_nodes(child)


def _no_blanks(text: str | None) -> str | None:
    """A note with all white space removed: Freeplane keeps notes as HTML, which folds blanks and line breaks."""
    return None if text is None else re.sub(r"\s+", "", text)


def _freeplane_user_dir() -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "freeplane"], capture_output=True, text=True)
    parts = result.stdout.split(".")
    return f"{parts[0]}.{parts[1]}.x" if len(parts) > 1 else "1.7.x"


def main() -> int:
    build_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "interop")
    files = write_all(build_dir / "out")
    naughty = write_naughty(build_dir / "out" / "naughty")
    mermaid = mermaid_paths(files, naughty)
    checks: list[tuple[str, Callable[[], str]]] = [
        ("opml-xml", lambda: check_opml_xml(files)),
        ("opml-pandoc", lambda: check_opml_pandoc(files)),
        ("xmind-xmindparser", lambda: check_xmindparser(files)),
        ("mermaid", lambda: check_mermaid(files, build_dir / "node_modules", mermaid)),
        ("mermaid-naughty", lambda: check_mermaid_naughty(naughty, build_dir / "node_modules", mermaid)),
        ("freeplane", lambda: check_freeplane(files | {k: v for k, v in naughty.items() if "mm" in v})),
    ]
    failed = False
    for name, check in checks:
        started = time.monotonic()
        try:
            message = check()
            status = "PASS"
        except Skip as skip:
            status, message = "SKIP", str(skip)
        except Exception as error:
            status, message = "FAIL", f"{type(error).__name__}: {error}"
            failed = True
        print(f"{status} {name} ({time.monotonic() - started:.1f} s): {message}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

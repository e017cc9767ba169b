"""Every code block of every page in docs/ runs, as a reader would run it, or says why it cannot.

Pages with a test of their own (the tutorial in test_examples.py, plugins.md in test_plugin_docs.py) are
left to it. For the others, page by page: ``python`` blocks run in order in one
namespace (a ``>>>`` block is a doctest: its output must match); each ``console``/``sh``/``bash`` block's
``journeymap`` commands run in a fresh copy of the workspace and must exit 0. The workspace holds the
examples and the files the pages name (``map.yaml``, ``school.yaml``, ``out/``, ...), and ``journey`` is a
loaded example. A block after ``<!-- not run: reason -->`` is skipped; the reason must be given.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TESTED_ELSEWHERE = {"tutorial.md", "plugins.md"}
GENERATED = {"changelog.md", "gallery.md"}  # no code: the changelog is included, the gallery drawn by make gallery
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
NOT_RUN = re.compile(r"<!-- not run: (?P<reason>[^>]*?) -->\s*$")
SHELLS = {"console", "sh", "bash", "shell"}
DRAWN = "journey\n  title Drawn by someone\n  section Visit\n    Landing page: 9: Anna\n"
"""A Mermaid journey with a score outside 1..5, the file mermaid.md reads with ``strict=False``."""


def pages() -> list[Path]:
    return [p for p in sorted(DOCS.glob("*.md")) if p.name not in TESTED_ELSEWHERE | GENERATED]


def blocks(page: Path) -> list[tuple[int, str, str, str | None]]:
    """(line, language, body, reason it is not run or None) of every fenced block of ``page``."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = NOT_RUN.search(before)
        language = match["info"].strip().split(" ")[0]
        found.append((text.count("\n", 0, match.start()) + 1, language, match["body"], marker and marker["reason"]))
    return found


def workspace(folder: Path) -> Path:
    """The files the pages name, in ``folder``."""
    shutil.copytree(ROOT / "examples", folder / "examples", ignore=shutil.ignore_patterns("*.py", "plugins"))
    (folder / "out").mkdir()
    for name, example in (("map", "online-school"), ("school", "online-school"), ("trial", "b2b-saas-trial")):
        shutil.copy(folder / "examples" / f"{example}.yaml", folder / f"{name}.yaml")
    (folder / "drawn-by-someone.mmd").write_text(DRAWN, encoding="utf-8")
    jm.export(jm.load(folder / "school.yaml"), folder / "edited-by-client.xlsx")
    return folder


def commands(body: str) -> list[list[str]]:
    """The ``journeymap`` commands of a shell block (``$ `` lines of a console block, every line of a script)."""
    lines = body.splitlines()
    if any(line.startswith("$ ") for line in lines):
        lines = [line[2:] for line in lines if line.startswith("$ ")]
    found = []
    for line in lines:
        words = shlex.split(line, comments=True)
        if words and words[0] == "journeymap":
            found.append(words[1:])
    return found


def run_commands(body: str, folder: Path) -> None:
    for args in commands(body):
        if args[0] == "new":  # the file journeymap new writes is the reader's first: not in the workspace yet
            (folder / args[args.index("-o") + 1]).unlink(missing_ok=True)
        target = None
        if ">" in args:  # journeymap ... > file
            args, target = args[: args.index(">")], args[args.index(">") + 1]
        result = subprocess.run(
            [sys.executable, "-m", "journeymap", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert result.returncode == 0, f"journeymap {shlex.join(args)}: {result.stderr}"
        if target is not None:
            (folder / target).write_text(result.stdout, encoding="utf-8")


def run_doctest(body: str, namespace: dict[str, Any], name: str) -> None:
    test = doctest.DocTestParser().get_doctest(body, namespace, name, name, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    output = io.StringIO()
    runner.run(test, out=output.write)
    assert not runner.failures, output.getvalue()


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_every_code_block_of_the_page_runs(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.chdir(workspace(tmp_path))
    namespace: dict[str, Any] = {"__name__": page.stem, "journey": jm.load("school.yaml")}
    for line, language, body, reason in blocks(page):
        name = f"{page.name}:{line}"
        if reason is not None:
            assert reason.strip(), f"{name}: say why the block is not run"
            continue
        if language == "python" and body.lstrip().startswith(">>>"):
            run_doctest(body, namespace, name)
        elif language == "python":
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a page may show a call that warns (Mermaid's lossy characters)
                exec(compile(body, name, "exec"), namespace)
        elif language in SHELLS:
            run_commands(body, workspace(tmp_path_factory.mktemp("shell")))


def test_every_page_is_run_somewhere() -> None:
    """A new page is picked up by the test above, or named in TESTED_ELSEWHERE with a test of its own."""
    for name in TESTED_ELSEWHERE:
        assert (DOCS / name).is_file(), name
    assert {p.name for p in pages()} >= {"analysis.md", "charts.md", "cli.md", "format.md", "xlsx.md"}

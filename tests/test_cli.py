"""The ``journeymap`` command: new, validate, schema, formats, --version, --help.

The key cases run the installed entry point in a subprocess, as a user would;
the rest use click's CliRunner.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import journeymap as jm
from journeymap import plugins, templates
from journeymap.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "cli.md"
SCRIPT = Path(sys.executable).with_name("journeymap")
SCHEMA_COMMENT = "# yaml-language-server: $schema=https://journeymap.invalid/schema/v1.json"

BAD_YAML = """\
title: Buying a course
stages:
  - name: Awareness
    touchpoints:
      - name: Instagram ad
        emotion: 7
"""


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``journeymap`` script."""
    if not SCRIPT.exists():
        pytest.fail(f"the journeymap entry point is not installed at {SCRIPT}")
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=cwd, check=False
    )


def invoke(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# --- the real entry point ----------------------------------------------------------------------------------------


def test_version_prints_the_package_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"journeymap, version {jm.__version__}"


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("new", "validate", "schema"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journeymap", "--help"], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert result.returncode == 0
    assert "Usage: python -m journeymap" in result.stdout or "Usage: journeymap" in result.stdout
    assert "validate" in result.stdout


def test_new_then_validate_round_trip(tmp_path: Path) -> None:
    target = tmp_path / "school.yaml"
    made = run("new", "--template", "five-stage", "--lang", "ru", "--title", "Онлайн-школа", "-o", target)
    assert made.returncode == 0, made.stderr
    assert str(target) in made.stdout
    assert target.read_text(encoding="utf-8").startswith(SCHEMA_COMMENT + "\n")
    assert jm.load(target) == templates.new("five-stage", title="Онлайн-школа", language="ru")

    checked = run("validate", target)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == f"{target}: ok (5 stages, 0 touchpoints)\n"


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text("title: keep me\n", encoding="utf-8")
    refused = run("new", "-o", target)
    assert refused.returncode == 2
    assert "already exists" in refused.stderr
    assert "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert target.read_text(encoding="utf-8") == "title: keep me\n"

    forced = run("new", "-o", target, "--force")
    assert forced.returncode == 0
    assert jm.load(target) == templates.new("six-stage")


def test_validate_prints_file_line_field_and_message_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD_YAML, encoding="utf-8")
    result = run("validate", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "bad.yaml:6: stages[0].touchpoints[0].emotion.score: must be between -2 and 2, got 7\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_exit_code_is_0_only_when_every_file_is_valid(tmp_path: Path) -> None:
    good = jm.save(templates.new("three-phase"), tmp_path / "good.json")
    assert run("validate", good).returncode == 0
    (tmp_path / "bad.yaml").write_text(BAD_YAML, encoding="utf-8")
    assert run("validate", good, tmp_path / "bad.yaml").returncode == 2


# --- new ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", templates.names())
@pytest.mark.parametrize("language", templates.LANGUAGES)
def test_new_writes_the_template_for_every_name_and_language(tmp_path: Path, name: str, language: str) -> None:
    target = tmp_path / "map.yaml"
    result = invoke("new", "--template", name, "--lang", language, "-o", target)
    assert result.exit_code == 0, result.output
    assert jm.load(target) == templates.new(name, language=language)


def test_new_defaults_to_six_stages_in_english(tmp_path: Path) -> None:
    result = invoke("new", "-o", tmp_path / "map.yml")
    assert result.exit_code == 0
    assert result.output == f"wrote {tmp_path / 'map.yml'} (six-stage, 6 stages, language en)\n"
    assert jm.load(tmp_path / "map.yml") == templates.new("six-stage")


def test_new_writes_json_by_suffix_without_the_yaml_comment(tmp_path: Path) -> None:
    target = tmp_path / "map.json"
    assert invoke("new", "-t", "four-stage", "-l", "ro", "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert json.loads(text)["language"] == "ro"
    assert "Atragere și implicare" in text  # written as UTF-8, not \\u escapes


def test_new_keeps_the_schema_comment_when_forced_over_a_yaml_file(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    invoke("new", "-o", target)
    assert invoke("new", "-o", target, "-f", "-t", "three-phase").exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SCHEMA_COMMENT
    assert lines.count(SCHEMA_COMMENT) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "map.txt"], "unknown journey file suffix '.txt'"),
        (["-o", "missing-dir/map.yaml"], "missing-dir: the directory does not exist"),
        (["-l", "not a tag", "-o", "map.yaml"], "language: must be a BCP 47 language tag"),
        (["--title", "", "-o", "map.yaml"], "title: must not be empty"),
        (["-t", "seven-stage", "-o", "map.yaml"], "'seven-stage' is not one of"),
        ([], "Missing option '-o' / '--output'"),
    ],
)
def test_new_refuses_bad_arguments_with_exit_2_and_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


# --- validate ----------------------------------------------------------------------------------------------------


def test_validate_reports_every_file_and_does_not_stop_at_the_first_bad_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(BAD_YAML + "        emotio: 1\n", encoding="utf-8")
    Path("notes.txt").write_text("hello", encoding="utf-8")
    Path("empty.json").write_text("", encoding="utf-8")
    jm.save(templates.new("six-stage", language="ru"), "good.yaml")
    result = invoke("validate", "bad.yaml", "missing.yaml", "notes.txt", "empty.json", "good.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "bad.yaml:6: stages[0].touchpoints[0].emotion.score: must be between -2 and 2, got 7",
        "bad.yaml:7: stages[0].touchpoints[0].emotio: unknown key (did you mean 'emotion'?)",
        "missing.yaml: No such file or directory",
        "notes.txt: unknown journey file suffix '.txt'; known: .json, .mmd, .xlsx, .yaml, .yml",
        "empty.json: the document is empty; a journey needs at least a title",
        "good.yaml: ok (6 stages, 0 touchpoints)",
    ]


def test_validate_counts_touchpoints(tmp_path: Path) -> None:
    journey = jm.Journey(
        title="Trial",
        stages=[
            jm.Stage(name="Sign-up", touchpoints=["Landing page"]),
            jm.Stage(name="Use", touchpoints=["App", "Email"]),
        ],
    )
    path = jm.save(journey, tmp_path / "trial.json")
    result = invoke("validate", path)
    assert result.exit_code == 0
    assert result.output == f"{path}: ok (2 stages, 3 touchpoints)\n"


def test_validate_says_one_stage_not_one_stages(tmp_path: Path) -> None:
    path = jm.save(jm.Journey(title="t", stages=[jm.Stage(name="Only", touchpoints=["One"])]), tmp_path / "t.yaml")
    assert invoke("validate", path).output == f"{path}: ok (1 stage, 1 touchpoint)\n"


def test_validate_a_directory_is_a_clean_line(tmp_path: Path) -> None:
    folder = tmp_path / "maps.yaml"
    folder.mkdir()
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{folder}: ")
    assert len(result.output.splitlines()) == 1


def test_validate_needs_at_least_one_file() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument 'FILES...'" in result.output


# --- schema ------------------------------------------------------------------------------------------------------


def test_schema_prints_the_json_schema_of_the_format() -> None:
    from journeymap.serialization.schema import json_schema

    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema == json_schema()
    assert "$schema" in schema
    journey = schema["$defs"][schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
    assert {"title", "stages", "language"} <= set(journey["properties"])
    assert "\\u" not in result.output  # non-ASCII text is printed as is
    assert result.output.startswith('{\n  "')  # indented by 2


def test_the_schema_comment_of_new_names_the_schema_id(tmp_path: Path) -> None:
    from journeymap.serialization.schema import SCHEMA_ID

    invoke("new", "-o", tmp_path / "map.yaml")
    first = (tmp_path / "map.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_ID}"


# --- formats -----------------------------------------------------------------------------------------------------


def test_formats_shows_what_each_format_reads_and_writes() -> None:
    with plugins.isolated():
        lines = invoke("formats").output.splitlines()
    header = lines[0]
    assert header.split() == ["FORMAT", "READS", "WRITES", "SUFFIXES", "PROVIDER", "EXTRA", "DESCRIPTION"]
    rows = {(line.split()[0], line.split()[1], line.split()[2]): line for line in lines[1:] if line.strip()}
    assert ("yaml", "yes", "yes") in rows
    assert ("json", "yes", "yes") in rows
    assert ("xlsx", "yes", "yes") in rows
    # The Mermaid journey reader and writer are two plugins: one row each, with its own suffixes.
    assert rows[("mermaid-journey", "yes", "-")].split()[3] == ".mmd"
    assert rows[("mermaid-journey", "-", "yes")].split()[3] == ".journey.mmd"
    # The columns line up: in every row a column starts where its heading does.
    for column in ("WRITES", "SUFFIXES", "PROVIDER"):
        start = header.index(column)
        assert all(line[start - 2 : start] == "  " and line[start] != " " for line in lines[1:]), column


def test_formats_json_has_reads_writes_and_read_suffixes() -> None:
    with plugins.isolated():
        data = json.loads(invoke("formats", "--json").output)
    found = {(f["name"], f["plugin"]): f for f in data["formats"]}
    yaml = found[("yaml", "journeymap.builtin.json_yaml")]
    assert (yaml["reads"], yaml["writes"], yaml["suffixes"], yaml["read_suffixes"]) == (
        True,
        True,
        [".yaml", ".yml"],
        [".yaml", ".yml"],
    )
    reader = found[("mermaid-journey", "journeymap.builtin.mermaid.reader")]
    assert (reader["reads"], reader["writes"], reader["suffixes"], reader["read_suffixes"]) == (
        True,
        False,
        [],
        [".mmd"],
    )
    xlsx = found[("xlsx", "journeymap.builtin.xlsx")]
    assert (xlsx["reads"], xlsx["writes"], xlsx["read_suffixes"]) == (True, True, [".xlsx"])


# --- help and docs -----------------------------------------------------------------------------------------------


def _commands() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: main {command}") or result.output.startswith(
        f"Usage: journeymap {command}"
    )


def _section(command: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(rf"^## `journeymap {command}`\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"docs/cli.md has no '## `journeymap {command}`' section"
    return match.group(1)


@pytest.mark.parametrize("command", _commands())
def test_docs_cli_md_documents_every_command_option_and_choice(command: str) -> None:
    section = _section(command)
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            for flag in param.opts:
                assert f"`{flag}" in section or f", {flag}" in section, f"{command}: {flag} is not in docs/cli.md"
            if isinstance(param.type, click.Choice):
                for choice in param.type.choices:
                    assert f"`{choice}`" in section, f"{command}: choice {choice} is not in docs/cli.md"
        else:
            assert param.human_readable_name in section, f"{command}: {param.human_readable_name} is not documented"
    assert "Exit code" in section or "exit code" in section


def test_docs_cli_md_has_no_section_for_a_command_that_does_not_exist() -> None:
    documented = re.findall(r"^## `journeymap (\S+)`", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(documented) == _commands()

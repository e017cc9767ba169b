"""The JSON Schema and the format reference agree with the model and the loader."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

import journeymap as jm
from journeymap import model
from journeymap.serialization.schema import SCHEMA_ID, format_reference, json_schema

MODEL_CLASSES = [getattr(model, name) for name in model.__all__ if attrs.has(getattr(model, name))]
ENUMS = [getattr(model, name) for name in model.__all__ if isinstance(getattr(model, name), enum.EnumMeta)]
ROOT = Path(__file__).resolve().parent.parent
FORMAT_MD = ROOT / "docs" / "format.md"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


# A small validator for exactly the keywords the schema uses (jsonschema is optional).
KEYWORDS = {
    "$schema",
    "$id",
    "$ref",
    "$defs",
    "title",
    "description",
    "default",
    "type",
    "anyOf",
    "enum",
    "minLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "items",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
}


def _has_type(value: object, kind: str) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return {
        "null": value is None,
        "boolean": isinstance(value, bool),
        "string": isinstance(value, str),
        "number": number,
        "integer": number and float(value).is_integer(),  # type: ignore[arg-type]
        "array": isinstance(value, list),
        "object": isinstance(value, dict),
    }[kind]


def _is_date(text: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def schema_errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (only the keywords in KEYWORDS)."""
    errors: list[str] = []
    if "$ref" in schema:
        errors += schema_errors(value, root["$defs"][schema["$ref"].removeprefix("#/$defs/")], root, path)
    if "anyOf" in schema and all(schema_errors(value, option, root, path) for option in schema["anyOf"]):
        errors.append(f"{path}: matches no alternative")
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_has_type(value, kind) for kind in kinds):
            return [*errors, f"{path}: not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: not one of {schema['enum']}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{path}: too short")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: does not match {schema['pattern']}")
        if schema.get("format") == "date" and not _is_date(value):
            errors.append(f"{path}: not a date")
    if _has_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: below minimum")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: above maximum")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], root, f"{path}[{index}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{path}: {key} is required" for key in schema.get("required", []) if key not in value]
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unknown key {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(item, schema["additionalProperties"], root, f"{path}.{key}")
            if "propertyNames" in schema:
                errors += schema_errors(key, schema["propertyNames"], root, f"{path} key {key!r}")
    return errors


def _validate(document: Any) -> list[str]:
    schema = json_schema()
    return schema_errors(document, schema, schema)


def _subschemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every schema object inside ``schema``, itself included."""
    found = [schema]
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            for inner in value.values():
                found += _subschemas(inner)
        elif key in ("items", "propertyNames") or (key == "additionalProperties" and isinstance(value, dict)):
            found += _subschemas(value)
        elif key == "anyOf":
            for inner in value:
                found += _subschemas(inner)
    return found


def _loader_accepts(document: Any) -> bool:
    try:
        jm.loads(json.dumps(document), format="json")
    except jm.ValidationError:
        return False
    return True


# Documents the loader accepts, shorthands and nulls included.
VALID: dict[str, Any] = {
    "minimal": {"title": "Buying a course"},
    "shorthands": {
        "title": "Buying a course",
        "persona": "Anna, marketing lead",
        "segment": "Marketers switching careers",
        "stages": [
            "Awareness",
            {
                "name": "Consideration",
                "goals": "Compare courses",
                "touchpoints": [
                    "Webinar",
                    {"name": "Pricing page", "emotion": -1.5, "barriers": ["Price hidden"], "content": "Price list"},
                ],
                "barriers": ["No reviews"],
                "kpis": ["Webinar sign-ups"],
            },
        ],
        "kpis": ["NPS"],
        "actions": ["Show prices on the site"],
    },
    "everything written out": {
        "schema_version": 1,
        "title": "Trial to paid",
        "language": "ro-MD",
        "product": None,
        "client": "Acme",
        "author": "CX team",
        "date": "2024-05-01",
        "description": "B2B SaaS",
        "persona": {
            "name": "Ion",
            "age": 34,
            "gender": None,
            "interests": ["chess", "cycling"],
            "goals": None,
            "quote": "Show me the numbers.",
        },
        "segment": {"name": "SMB", "size": 1200, "demographic": ["25-45"], "behavioural": "weekly users"},
        "stages": [
            {
                "name": "Awareness",
                "id": "aware",
                "phase": "pre_purchase",
                "questions": ["What is it?"],
                "touchpoints": [
                    {
                        "name": "Search ad",
                        "id": "ad",
                        "channel": "search",
                        "owned": False,
                        "action": "clicks",
                        "reach": 5000,
                        "actors": ["Customer"],
                        "emotion": {"score": 2, "label": "curious", "quote": "Looks good"},
                        "barriers": [
                            {
                                "description": "Slow page",
                                "severity": "critical",
                                "id": "b1",
                                "cause": "x",
                                "remedy": "y",
                            }
                        ],
                        "notes": None,
                    }
                ],
                "kpis": [{"name": "CTR", "target": 0.05, "actual": 0.04, "unit": "%", "description": None}],
                "owner": "Marketing",
            },
            {"name": "Trial", "phase": None, "touchpoints": [{"name": "Onboarding", "emotion": None, "reach": 3.0}]},
        ],
        "kpis": [{"name": "Trial-to-paid", "target": 20}],
        "actions": [
            {"title": "Speed up", "stage": "aware", "owner": "Web", "due": "2025-03-01", "status": "in_progress"},
            {"title": "Call trials", "stage": None, "due": None, "status": "planned"},
        ],
        "notes": "Line one\nline two",
    },
    "text that looks like other things": {
        "title": "NO",
        "persona": {"name": "Анна", "age": "25-34"},
        "segment": None,
        "kpis": None,
        "stages": [{"name": "Off", "id": "", "touchpoints": [{"name": "012", "channel": "ș ț 🙂", "barriers": None}]}],
    },
}

# Documents the loader rejects for a reason the schema can see.
INVALID: dict[str, Any] = {
    "no title": {},
    "empty title": {"title": ""},
    "blank title": {"title": "   "},
    "unknown key": {"title": "t", "titel": "x"},
    "unknown touchpoint key": {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "chanel": "x"}]}]},
    "internal field": {"title": "t", "stages": [{"name": "a", "_auto_id": True}]},
    "score 7": {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "emotion": {"score": 7}}]}]},
    "emotion 3": {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "emotion": 3}]}]},
    "emotion as text": {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "emotion": "1"}]}]},
    "emotion without score": {
        "title": "t",
        "stages": [{"name": "a", "touchpoints": [{"name": "b", "emotion": {"label": "sad"}}]}],
    },
    "bad severity": {"title": "t", "stages": [{"name": "a", "barriers": [{"description": "x", "severity": "fatal"}]}]},
    "barrier without description": {"title": "t", "stages": [{"name": "a", "barriers": [{"severity": "minor"}]}]},
    "bad phase": {"title": "t", "stages": [{"name": "a", "phase": "during"}]},
    "bad status": {"title": "t", "actions": [{"title": "x", "status": "todo"}]},
    "action without title": {"title": "t", "actions": [{"owner": "me"}]},
    "negative reach": {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "reach": -1}]}]},
    "fractional reach": {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "reach": 1.5}]}]},
    "size as text": {"title": "t", "segment": {"name": "s", "size": "many"}},
    "owned as text": {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "owned": "yes"}]}]},
    "target as text": {"title": "t", "kpis": [{"name": "k", "target": "3"}]},
    "persona as list": {"title": "t", "persona": ["Anna"]},
    "stage as number": {"title": "t", "stages": [5]},
    "stages as one text": {"title": "t", "stages": "Awareness"},
    "null in a list of text": {"title": "t", "stages": [{"name": "a", "goals": [None]}]},
    "empty text in a list": {"title": "t", "stages": [{"name": "a", "goals": [""]}]},
    "newer schema_version": {"title": "t", "schema_version": 2},
    "schema_version 0": {"title": "t", "schema_version": 0},
    "bad language": {"title": "t", "language": "english language"},
    "fractional age": {"title": "t", "persona": {"name": "p", "age": 34.5}},
    "impossible date": {"title": "t", "date": "2024-13-02"},
    "date as number": {"title": "t", "date": 20240102},
}


def test_the_schema_names_draft_2020_12_its_id_and_the_journey_root() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID == "https://journeymap.invalid/schema/v1.json"
    assert schema["title"]
    assert schema["$ref"] == "#/$defs/Journey"


def test_every_model_class_and_enum_has_a_definition() -> None:
    assert set(json_schema()["$defs"]) == {cls.__name__ for cls in [*MODEL_CLASSES, *ENUMS]}


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_a_file_may_set_is_a_property_described_by_its_doc(cls: type) -> None:
    definition = json_schema()["$defs"][cls.__name__]
    fields = [field for field in attrs.fields(cls) if field.init]
    assert list(definition["properties"]) == [field.name for field in fields]
    for field in fields:
        assert definition["properties"][field.name]["description"] == field.metadata["doc"]
    assert definition["additionalProperties"] is False
    assert definition["type"] == "object"


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_required_lists_the_fields_without_a_default(cls: type) -> None:
    required = [field.name for field in attrs.fields(cls) if field.init and field.default is attrs.NOTHING]
    assert json_schema()["$defs"][cls.__name__].get("required", []) == required


def test_required_fields_are_the_names_titles_score_and_description() -> None:
    defs = json_schema()["$defs"]
    required = {name: d.get("required") for name, d in defs.items() if d.get("type") == "object"}
    assert required == {
        "Journey": ["title"],
        "Persona": ["name"],
        "Segment": ["name"],
        "Stage": ["name"],
        "Touchpoint": ["name"],
        "Emotion": ["score"],
        "Barrier": ["description"],
        "Kpi": ["name"],
        "Action": ["title"],
        "StageMetrics": ["reached"],
        "StageMove": ["to", "count"],
        "BlueprintStep": ["description"],
        "Evidence": ["kind"],
        "CustomLane": ["title"],
    }


def test_internal_fields_are_not_in_the_schema() -> None:
    text = json.dumps(json_schema())
    assert "_auto_id" not in text


@pytest.mark.parametrize("kind", ENUMS, ids=lambda kind: kind.__name__)
def test_enums_list_their_values(kind: type[enum.Enum]) -> None:
    assert json_schema()["$defs"][kind.__name__]["enum"] == [member.value for member in kind]


def test_field_constraints_follow_the_model() -> None:
    defs = json_schema()["$defs"]
    score = defs["Emotion"]["properties"]["score"]
    assert (score["type"], score["minimum"], score["maximum"]) == ("number", -2, 2)
    for cls, name in [("Touchpoint", "reach"), ("Segment", "size")]:
        prop = defs[cls]["properties"][name]
        assert (prop["type"], prop["minimum"]) == (["integer", "null"], 0)
    assert defs["Persona"]["properties"]["age"]["type"] == ["string", "integer", "null"]
    for cls in ("Stage", "Touchpoint"):
        assert defs[cls]["properties"]["id"]["type"] == "string"
        assert "id" not in defs[cls].get("required", [])
    assert defs["Action"]["properties"]["due"]["format"] == "date"
    assert defs["Journey"]["properties"]["date"]["format"] == "date"
    assert defs["Barrier"]["properties"]["severity"]["default"] == "major"
    assert defs["Action"]["properties"]["status"]["default"] == "planned"


def test_the_schema_uses_only_keywords_the_test_validator_checks() -> None:
    used = {key for schema in _subschemas(json_schema()) for key in schema}
    assert used <= KEYWORDS


def test_each_call_returns_a_fresh_json_serialisable_schema() -> None:
    first = json_schema()
    first["$defs"].clear()
    assert json.loads(json.dumps(json_schema())) == json_schema()
    assert json_schema()["$defs"]


@pytest.mark.parametrize("name", list(VALID))
def test_documents_the_loader_accepts_satisfy_the_schema(name: str) -> None:
    document = VALID[name]
    assert _loader_accepts(document)
    assert _validate(document) == []


@pytest.mark.parametrize("name", list(INVALID))
def test_documents_the_loader_rejects_break_the_schema(name: str) -> None:
    document = INVALID[name]
    assert not _loader_accepts(document)
    assert _validate(document) != []


def test_yaml_shorthands_read_by_the_loader_are_what_the_schema_allows() -> None:
    text = "title: t\npersona: Anna\nstages:\n  - Awareness\n  - name: Buy\n    goals: Pay fast\n    touchpoints:\n"
    text += "      - name: Checkout\n        emotion: -1\n        barriers: [Card declined]\n"
    journey = jm.loads(text)
    assert journey.stages[1].touchpoints[0].emotion == jm.Emotion(score=-1)
    document = {
        "title": "t",
        "persona": "Anna",
        "stages": [
            "Awareness",
            {
                "name": "Buy",
                "goals": "Pay fast",
                "touchpoints": [{"name": "Checkout", "emotion": -1, "barriers": ["Card declined"]}],
            },
        ],
    }
    assert jm.loads(json.dumps(document), format="json") == journey
    assert _validate(document) == []


def test_a_saved_journey_satisfies_the_schema() -> None:
    journey = jm.loads(json.dumps(VALID["everything written out"]), format="json")
    assert _validate(json.loads(jm.dumps(journey, format="json"))) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_example_saved_as_json_satisfies_the_schema(path: Path) -> None:
    assert _validate(json.loads(jm.dumps(jm.load(path), format="json"))) == []


class _Yaml12Loader(yaml.SafeLoader):
    """Reads YAML roughly as editors do (YAML 1.2 core): no timestamps, only true/false are booleans."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith((":timestamp", ":bool"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_example_as_an_editor_reads_it_satisfies_the_schema(path: Path) -> None:
    assert _validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)) == []


@pytest.mark.parametrize("name", list(VALID))
def test_jsonschema_accepts_the_valid_documents(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(VALID[name])] == []


@pytest.mark.parametrize("name", list(INVALID))
def test_jsonschema_rejects_the_invalid_documents(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(INVALID[name]))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(json_schema())


def _sections(markdown: str) -> dict[str, str]:
    parts = re.split(r"^### (\w+)\n", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_reference_has_a_section_with_a_row_for_every_field() -> None:
    sections = _sections(format_reference())
    assert set(sections) == {cls.__name__ for cls in [*MODEL_CLASSES, *ENUMS]}
    for cls in MODEL_CLASSES:
        for field in attrs.fields(cls):
            row = f"| `{field.name}` |"
            assert (row in sections[cls.__name__]) == field.init, (cls.__name__, field.name)
    for kind in ENUMS:
        assert all(f"`{member.value}`" in sections[kind.__name__] for member in kind)


def test_the_reference_reads_types_defaults_and_shorthands_as_a_person_would() -> None:
    sections = _sections(format_reference())
    assert "| `score` | number from -2 to 2 | required |" in sections["Emotion"]
    assert "| `emotion` | [Emotion](#emotion) or number from -2 to 2 | — |" in sections["Touchpoint"]
    assert "| `goals` | text or list of text | empty |" in sections["Stage"]
    assert "| `touchpoints` | list of ([Touchpoint](#touchpoint) or text) | empty |" in sections["Stage"]
    assert "| `severity` | [Severity](#severity) | `major` |" in sections["Barrier"]
    assert "| `reach` | whole number ≥ 0 | — |" in sections["Touchpoint"]
    assert "| `age` | text or whole number | — |" in sections["Persona"]
    assert "a text in place of a Barrier is a Barrier with that `description`" in sections["Barrier"]
    assert "a number in place of an Emotion is an Emotion with that `score`" in sections["Emotion"]


def test_docs_format_md_holds_the_current_generated_reference() -> None:
    text = FORMAT_MD.read_text(encoding="utf-8")
    match = re.search(r"<!-- reference:start -->\n(.*)<!-- reference:end -->", text, flags=re.DOTALL)
    assert match, "docs/format.md lacks the reference markers"
    assert match.group(1).strip() == format_reference().strip(), (
        "docs/format.md is stale: replace the text between the markers with"
        " journeymap.serialization.schema.format_reference()"
    )


def test_docs_format_md_mentions_every_field_of_every_class() -> None:
    text = FORMAT_MD.read_text(encoding="utf-8")
    for cls in MODEL_CLASSES:
        assert f"### {cls.__name__}" in text
        for field in attrs.fields(cls):
            if field.init:
                assert f"`{field.name}`" in text, (cls.__name__, field.name)


def test_importing_the_schema_module_loads_no_heavy_library() -> None:
    code = (
        "import sys, journeymap.serialization.schema\n"
        "heavy = {'openpyxl', 'pptx', 'matplotlib', 'duckdb', 'jsonschema', 'ruamel.yaml'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_example_in_docs_format_md_loads_and_satisfies_the_schema() -> None:
    text = FORMAT_MD.read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert match
    journey = jm.loads(match.group(1))
    assert journey.stages[0].touchpoints[0].barriers[0].severity is jm.Severity.MAJOR
    assert _validate(yaml.load(match.group(1), Loader=_Yaml12Loader)) == []


def test_the_schema_file_the_examples_name_is_current() -> None:
    """docs/journeymap.schema.json, which the examples' editor comment points at, equals json_schema().

    Regenerate it with ``journeymap schema > docs/journeymap.schema.json``.
    """
    path = ROOT / "docs" / "journeymap.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema()

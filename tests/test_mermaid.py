"""Mermaid: the journey and mind-map writers, the journey importer, the round trip and the real-world corpus."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import pytest

import journeymap as jm
from journeymap import Emotion, Journey, Persona, Stage, Touchpoint
from journeymap.builtin.mermaid import (
    KEYWORD_GUARD,
    LOOK_ALIKES,
    MermaidJourneyExporter,
    MermaidJourneyImporter,
    MermaidMindmapExporter,
    MermaidWarning,
    journey_score,
    js_number,
    mindmap_label,
    parse_journey,
)
from journeymap.builtin.mindmaps._tree import build, marked_text, walk
from journeymap.errors import ParseError, ValidationError

from .conftest import example_files


def journey_text(journey: Journey) -> str:
    stream = io.BytesIO()
    MermaidJourneyExporter().write(journey, stream, lang=journey.language)
    return stream.getvalue().decode("utf-8")


def quiet_journey_text(journey: Journey) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MermaidWarning)
        return journey_text(journey)


def one_task(name: str = "Pay", score: float | None = 1, **more: object) -> Journey:
    touchpoint = Touchpoint(name=name, emotion=score, **more)  # type: ignore[arg-type]
    return Journey(title="Shop", stages=[Stage(name="Buy", touchpoints=[touchpoint])])


@pytest.mark.parametrize(
    ("emotion", "score"),
    [(-2, 1), (-1.5, 1), (-1, 2), (-0.5, 2), (-0.4, 3), (0, 3), (0.49, 3), (0.5, 4), (1, 4), (1.5, 5), (2, 5)],
)
def test_journey_scores_are_emotion_plus_three_rounded_half_away_from_zero(emotion: float, score: int) -> None:
    assert f"Pay: {score}: " in journey_text(one_task(score=emotion, actors=["Me"]))


def test_journey_writes_title_sections_tasks_and_actors() -> None:
    journey = Journey(
        title="Day",
        stages=[
            Stage(name="Work", touchpoints=[Touchpoint(name="Tea", emotion=2, actors=["Me", "Cat"])]),
            Stage(name="Home"),
        ],
    )
    assert (
        journey_text(journey) == "journey\n    title Day\n    section Work\n        Tea: 5: Me, Cat\n    section Home\n"
    )


def test_journey_actors_fall_back_to_the_persona_then_the_channel() -> None:
    with_persona = Journey(
        title="t", persona=Persona(name="Anna"), stages=[Stage(name="S", touchpoints=[Touchpoint(name="A", emotion=0)])]
    )
    assert "A: 3: Anna" in journey_text(with_persona)
    assert "Pay: 4: email\n" in journey_text(one_task(channel="email"))
    assert "Pay: 4\n" in journey_text(one_task())


def test_journey_actors_are_the_personas_a_touchpoint_is_for_else_every_persona() -> None:
    stage = Stage(
        name="Trial",
        touchpoints=[
            Touchpoint(name="Invite", emotion=1, personas=["boris"]),
            Touchpoint(name="Demo", emotion=1, emotions={"boris": -2}),
            Touchpoint(name="Call", emotion=0, personas=["boris"], actors=["Sales"]),
        ],
    )
    journey = Journey(title="t", persona="Anna: lead", personas=["Boris"], stages=[stage])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = journey_text(journey)
    assert "Invite: 4: Boris\n" in text
    assert "Demo: 4: Anna： lead, Boris\n" in text  # one score: the touchpoint's own emotion
    assert "Call: 3: Sales\n" in text
    assert [str(w.message).split(":")[0] for w in caught] == ["persona.name"]


def test_persona_actors_come_back_as_actors() -> None:
    journey = Journey(
        title="t",
        persona="Anna",
        personas=["Boris"],
        stages=[Stage(name="S", touchpoints=[Touchpoint(name="A", emotion=2, personas=["anna"])])],
    )
    back = parse_journey(journey_text(journey))
    assert [tp.actors for _, tp in back.touchpoints()] == [("Anna",)]


@pytest.mark.parametrize("char", [":", ";", "#"])
def test_each_forbidden_character_becomes_its_look_alike_with_a_warning_naming_the_field(char: str) -> None:
    with pytest.warns(MermaidWarning, match=r"stages\[0\]\.touchpoints\[0\]\.name: .* written as") as caught:
        text = journey_text(one_task(name=f"Step {char} two"))
    assert f"Step {LOOK_ALIKES[char]} two: 4" in text
    assert len(caught) == 1


def test_section_title_and_actor_replacements_are_each_reported() -> None:
    journey = Journey(
        title="A; B",
        stages=[Stage(name="S: 1", touchpoints=[Touchpoint(name="T", emotion=0, actors=["Smith, J"])])],
    )
    with pytest.warns(MermaidWarning) as caught:
        text = journey_text(journey)
    messages = [str(w.message) for w in caught]
    assert [m.split(":")[0] for m in messages] == ["title", "stages[0].name", "stages[0].touchpoints[0].actors[0]"]
    assert "title A； B" in text
    assert "section S： 1" in text
    assert "T: 3: Smith， J" in text


def test_a_touchpoint_without_emotion_is_written_neutral_with_a_warning() -> None:
    with pytest.warns(MermaidWarning, match=r"touchpoints\[0\]\.emotion: missing"):
        assert "Pay: 3" in journey_text(one_task(score=None))


@pytest.mark.parametrize("name", ["Title page", "section two", "journey planner", "% off"])
def test_a_task_name_mermaid_would_read_as_a_keyword_is_guarded(name: str) -> None:
    with pytest.warns(MermaidWarning):
        text = journey_text(one_task(name=name))
    task_line = text.splitlines()[3]
    assert task_line.strip().startswith(KEYWORD_GUARD)
    back = parse_journey(text)
    assert back.stages[0].touchpoints[0].name == name.replace(":", LOOK_ALIKES[":"])


def test_journey_output_is_deterministic() -> None:
    journey = jm.load(example_files()[0])
    assert quiet_journey_text(journey) == quiet_journey_text(journey)


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_round_trip_keeps_stages_touchpoint_names_and_scores(path: Path) -> None:
    journey = jm.load(path)
    back = parse_journey(quiet_journey_text(journey))
    assert [s.name for s in back.stages] == [s.name for s in journey.stages]
    for stage, again in zip(journey.stages, back.stages, strict=True):
        names = [tp.name for tp in stage.touchpoints]
        for char, look_alike in LOOK_ALIKES.items():
            names = [n.replace(char, look_alike) if char != "," else n for n in names]
        assert [tp.name for tp in again.touchpoints] == names
        for tp, tp_again in zip(stage.touchpoints, again.touchpoints, strict=True):
            expected = 0 if tp.emotion is None else journey_score(tp.emotion.score) - 3
            assert tp_again.emotion is not None
            assert tp_again.emotion.score == expected


def test_mindmap_has_one_quoted_line_per_tree_node_indented_with_spaces() -> None:
    journey = jm.load(example_files()[0])
    stream = io.BytesIO()
    MermaidMindmapExporter().write(journey, stream, lang="ru")
    lines = stream.getvalue().decode("utf-8").splitlines()
    nodes = list(walk(build(journey, "ru")))
    assert lines[0] == "mindmap"
    assert len(lines) == len(nodes) + 1
    for line, (depth, node) in zip(lines[1:], nodes, strict=True):
        assert "\t" not in line
        assert line == f'{"  " * (depth + 1)}n{node.uid}["{mindmap_label(marked_text(node))}"]'
    assert any(node.mark for _, node in nodes)  # the example has moments of truth, written with their mark


def test_mindmap_labels_are_html_escaped_on_one_line() -> None:
    assert mindmap_label('<script>"x" & y\n z') == "&lt;script&gt;&quot;x&quot; &amp; y z"
    assert mindmap_label("`code`").startswith("#96;")  # Mermaid's entity code: &#96; would show "&`"


def test_markup_is_written_as_mermaids_entity_codes_and_read_back() -> None:
    """Mermaid rewrites tag attributes (``="x"`` → ``='x'``) and sanitizes the title as HTML; entity codes survive."""
    journey = Journey(
        title="R&D <script>x</script>\u00a0style:y",
        stages=[Stage(name="<b>Pay</b>", touchpoints=[Touchpoint(name='<img src="x">', emotion=0, actors=["<i>"])])],
    )
    text = quiet_journey_text(journey)
    assert "    title R#amp;D #lt;script#gt;x#lt;/script#gt;#nbsp;style#58;y\n" in text
    assert '    section #lt;b>Pay#lt;/b>\n        #lt;img src="x">: 3: #lt;i>\n' in text
    back = parse_journey(text)
    assert back.title == journey.title
    assert [(s.name, tp.name, tp.actors) for s, tp in back.touchpoints()] == [("<b>Pay</b>", '<img src="x">', ("<i>",))]


def test_import_reads_entity_codes_as_mermaid_draws_them() -> None:
    back = parse_journey(
        "journey\ntitle A #35;1 #amp; #60; #rest is a comment\nsection B#58; C\nPay #quot;now#quot;: 5: Me#44; you"
    )
    assert back.title == "A #1 & <"
    stage, touchpoint = next(back.touchpoints())
    assert (stage.name, touchpoint.name, touchpoint.actors) == ("B: C", 'Pay "now"', ("Me, you",))


def test_mindmap_labels_write_a_hash_as_its_entity_code() -> None:
    assert mindmap_label("&#106; #1") == "&amp;#35;106; #35;1"  # Mermaid would draw '&#106;' as 'j'


def test_js_number_matches_javascript() -> None:
    assert [js_number(t) for t in (" 3 ", "", "1e0", "+4.5", "0x10")] == [3, 0, 1, 4.5, 16]
    assert js_number("-Infinity") == float("-inf")
    assert all(js_number(t) != js_number(t) for t in ("X", "2rem", "5 5", "0x"))


def test_import_reads_comments_directives_front_matter_accessibility_and_odd_spacing() -> None:
    text = (
        "---\ntitle: From front matter\n---\n%%{init: {'theme': 'forest'}}%%\n  JOURNEY\n"
        "accTitle: Acc title\naccDescr {\n  Two\n  lines\n}\n%% a comment\n# another\n\n"
        "SECTION Go\n   Tea :  5  :  Me ,Cat  \n  Walk: 4:\n  Sit: 3\n"
    )
    journey = parse_journey(text)
    assert journey.title == "From front matter"
    assert journey.description == "Two\nlines"
    tasks = [(tp.name, tp.emotion.score if tp.emotion else None, tp.actors) for _, tp in journey.touchpoints()]
    assert tasks == [("Tea", 2, ("Me", "Cat")), ("Walk", 1, ()), ("Sit", 0, ())]


def test_import_tasks_before_any_section_and_fractional_scores() -> None:
    journey = parse_journey("journey\ntitle T\nEarly: 3.5\n")
    assert journey.stages[0].name == "(no section)"
    assert journey.stages[0].touchpoints[0].emotion == Emotion(score=0.5)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Task: 0: Me", "score 0 is outside 1 … 5"),
        ("Task: 6", "score 6 is outside 1 … 5"),
        ("Task: X", "score 'X' is not a number"),
        ("Task: : Me", "score is missing"),
    ],
)
def test_a_bad_score_is_an_error_naming_the_line(line: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        parse_journey(f"journey\nsection S\nOk: 5\n{line}\n", source="m.mmd")
    assert caught.value.line == 4
    assert caught.value.file == "m.mmd"
    assert caught.value.path == "stages[0].touchpoints[1].emotion"


def test_strict_false_turns_a_bad_score_into_a_warning_and_no_emotion() -> None:
    with pytest.warns(MermaidWarning, match=r"m\.mmd:3: .*'2rem' is not a number"):
        journey = MermaidJourneyImporter().read(b"journey\nsection S\nsize: 2rem\n", source="m.mmd", strict=False)
    assert journey.stages[0].touchpoints[0].emotion is None


@pytest.mark.parametrize(
    ("text", "line"),
    [("flowchart LR\n", 1), ("journey\nsection S\nNo score here\n", 3), ("journey\ntitle A; B\n", 2)],
)
def test_text_mermaid_cannot_read_is_a_parse_error_naming_the_line(text: str, line: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_journey(text)
    assert caught.value.line == line


def test_importer_refuses_unknown_options_and_bytes_that_are_not_utf8() -> None:
    with pytest.raises(ValidationError, match=r"options\.lenient"):
        MermaidJourneyImporter().read(b"journey\n", lenient=True)
    with pytest.raises(ParseError, match="not UTF-8"):
        MermaidJourneyImporter().read(b"journey\ntitle \xff\n")


def test_every_corpus_journey_imports_or_fails_where_mermaid_gives_nan_or_a_bad_score(corpus: Path) -> None:
    failing = {"jakesteam_score_0_to_5_and_X.mmd": [4, 10], "mjs_cypress_styled_title_stray_size_line.mmd": [21]}
    files = sorted((corpus / "mermaid").glob("*.mmd"))
    assert len(files) == 25
    for path in files:
        if path.name in failing:
            with pytest.raises(ParseError) as caught:
                jm_read(path)
            assert [p.line for p in caught.value.problems] == failing[path.name]
        else:
            assert jm_read(path).title


def jm_read(path: Path) -> Journey:
    return MermaidJourneyImporter().read(path.read_bytes(), source=path.name)


def test_import_agrees_with_mermaids_own_parser_spec(corpus: Path) -> None:
    oracle = json.loads((corpus / "mermaid" / "mjs_parserspec_task_definition.expected.json").read_text("utf-8"))
    journey = jm_read(corpus / "mermaid" / "mjs_parserspec_06_should_handle_a_task_definition.mmd")
    got = [
        {"section": stage.name, "task": tp.name, "score": tp.emotion.score + 3 if tp.emotion else None}
        | {"people": list(tp.actors)}
        for stage, tp in journey.touchpoints()
    ]
    expected = [{**t, "people": [p for p in t["people"] if p]} for t in oracle["tasks"]]
    assert got == expected


def test_load_reads_a_mermaid_file_by_suffix_or_format(tmp_path: Path) -> None:
    path = tmp_path / "day.mmd"
    path.write_text("journey\ntitle Day\nsection Work\nTea: 5: Me\n", encoding="utf-8")
    assert jm.load(path).stages[0].touchpoints[0].emotion == Emotion(score=2)
    other = tmp_path / "day.txt"
    other.write_bytes(path.read_bytes())
    assert jm.load(other, format="mermaid-journey").title == "Day"


def test_load_passes_strict_to_the_importer_and_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.mmd"
    path.write_text("journey\nsection S\nTea: X\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"bad\.mmd:3: "):
        jm.load(path)
    with pytest.warns(MermaidWarning):
        assert jm.load(path, strict=False).stages[0].touchpoints[0].emotion is None


def test_load_refuses_options_for_yaml_and_unknown_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    jm.save(Journey(title="t"), path)
    with pytest.raises(ValidationError, match=r"options\.strict"):
        jm.load(path, strict=False)
    with pytest.raises(jm.JourneyMapError, match=r"unknown journey file suffix '\.txt'"):
        jm.load(tmp_path / "j.txt")

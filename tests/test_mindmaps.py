"""Mind maps: the shared tree and the Freeplane, XMind and OPML writers, checked against real files' shape."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm
from journeymap import Barrier, BlueprintStep, CustomLane, Emotion, Evidence, Journey, Severity, Stage, Touchpoint
from journeymap.builtin.mindmaps._tree import (
    DEFAULT_TIMESTAMP_MS,
    Node,
    build,
    marked_text,
    outline,
    timestamp_ms,
    walk,
)
from journeymap.builtin.mindmaps.freeplane import EMOTION_ICONS, MOMENT_OF_TRUTH_ICON, SEVERITY_ICONS, FreeplaneExporter
from journeymap.builtin.mindmaps.opml import OpmlExporter
from journeymap.builtin.mindmaps.xmind import EMOTION_MARKERS, MOMENT_OF_TRUTH_MARKER, SEVERITY_MARKERS, XmindExporter
from journeymap.errors import ValidationError
from journeymap.testing._samples import MAY_REJECT, sample_journeys

from .conftest import example_files

WRITERS = [FreeplaneExporter(), XmindExporter(), OpmlExporter()]


def render(writer: Any, journey: Journey, lang: str | None = None) -> bytes:
    stream = io.BytesIO()
    writer.write(journey, stream, lang=lang or journey.language)
    return stream.getvalue()


def shop() -> Journey:
    return Journey(
        title="Shop",
        date=dt.date(2024, 9, 16),
        stages=[
            Stage(
                name="Pay",
                goals=["Pay fast"],
                description="Long description",
                touchpoints=[
                    Touchpoint(
                        name="=SUM(A1)",
                        emotion=Emotion(score=-2, quote="Awful"),
                        barriers=[Barrier(description="No card", severity="critical", cause="Old form")],
                    )
                ],
            )
        ],
    )


def trial() -> Journey:
    """A stage with every richer lane: doing, thinking, blueprint, a custom lane, two personas, evidence."""
    return Journey(
        title="Trial",
        persona="Anna",
        personas=["Boris"],
        lanes={"legal": CustomLane(title="Legal review", titles={"ru": "Юридическая проверка"})},
        stages=[
            Stage(
                name="Trial",
                doing=["Invites colleagues"],
                thinking=["Will my team use it?"],
                touchpoints=[
                    Touchpoint(
                        name="Onboarding call",
                        moment_of_truth=True,
                        evidence=Evidence(kind="observed", source="12 interviews"),
                        thinking=["Is this worth an hour?"],
                        emotion=Emotion(score=1, evidence="measured"),
                        emotions={"boris": -2},
                        barriers=[Barrier(description="No SSO", evidence="asserted")],
                    ),
                    Touchpoint(name="Admin console", personas=["boris"], emotion=0),
                ],
                frontstage=[
                    BlueprintStep(description="CSM runs the call", owner="CS team", touchpoint="onboarding-call")
                ],
                backstage=[BlueprintStep(description="Engineer prepares the workspace", evidence="observed")],
                support=["CRM sends the invite"],
                lanes={"legal": ["DPA sent"]},
            )
        ],
    )


def texts(node: Node) -> list[str]:
    return [n.text for _, n in walk(node)]


def marked_texts(node: Node) -> list[str]:
    return [marked_text(n) for _, n in walk(node)]


# The tree


def test_tree_has_root_persona_segment_stage_branches_and_action_plan_in_the_journeys_language() -> None:
    journey = jm.load(example_files()[0])
    tree = build(journey, journey.language)
    kinds = [child.kind for child in tree.children]
    personas = len(journey.all_personas())
    assert tree.text == journey.title
    assert kinds[: personas + 1] == ["persona"] * personas + ["segment"]
    assert [c.text for c in tree.children[:personas]] == [f"Persona: {p.name}" for p in journey.all_personas()]
    assert [c.text for c in tree.children if c.kind == "stage"] == [s.name for s in journey.stages]
    if journey.actions:
        assert tree.children[-1].children[0].text == journey.actions[0].title


def test_tree_uids_are_unique_and_stable() -> None:
    journey = jm.load(example_files()[0])
    uids = [n.uid for _, n in walk(build(journey, "en"))]
    assert len(set(uids)) == len(uids)
    assert uids == [n.uid for _, n in walk(build(journey, "en"))]


def test_tree_labels_follow_the_language() -> None:
    journey = shop()
    assert "Customer goals" in texts(build(journey, "en"))
    assert "Цели клиента" in texts(build(journey, "ru"))
    assert "Obiectivele clientului" in texts(build(journey, "ro"))


def test_stage_branch_holds_doing_thinking_blueprint_custom_lanes_personas_and_evidence() -> None:
    assert outline(build(trial(), "en")) == "\n".join(
        [
            "Trial",
            "  Persona: Anna",
            "  Persona: Boris",
            "  Trial",
            "    Doing",
            "      Invites colleagues",
            "    Thinking",
            "      Will my team use it?",
            "    Onboarding call",
            "      Thinking",
            "        Is this worth an hour?",
            "      Emotion: 😊 +1 (positive)",
            "      Emotion (Boris): 😞 -2 (very negative)",
            "      Barriers",
            "        No SSO (major)",
            "      Evidence: observed (12 interviews)",
            "    Admin console",
            "      Persona: Boris",
            "      Emotion: 😐 +0 (neutral)",
            "    Frontstage",
            "      CSM runs the call (Owner: CS team)",
            "    Backstage",
            "      Engineer prepares the workspace",
            "    Support processes",
            "      CRM sends the invite",
            "    Legal review",
            "      DPA sent",
        ]
    )


def test_custom_lane_titles_blueprint_notes_and_marks_follow_the_language() -> None:
    tree = build(trial(), "ru")
    nodes = {node.key: node for _, node in walk(tree)}
    assert nodes["stages[0].lanes.legal"].text == "Юридическая проверка"
    assert nodes["stages[0].frontstage"].text == "Видимые действия"
    assert nodes["stages[0].frontstage[0]"].note == "Точка контакта: Onboarding call"
    assert nodes["stages[0].backstage[0]"].note == "Основание: наблюдение"
    assert nodes["stages[0].touchpoints[0].emotion"].note == "Основание: измерение"
    assert nodes["stages[0].touchpoints[0].barriers[0]"].note == "Основание: предположение"
    assert nodes["stages[0].touchpoints[0]"].mark == "★ момент истины"
    assert nodes["stages[0].touchpoints[1]"].mark is None


def test_timestamps_come_from_the_journey_date_or_a_constant() -> None:
    assert timestamp_ms(shop()) == 1_726_444_800_000
    assert timestamp_ms(Journey(title="t")) == DEFAULT_TIMESTAMP_MS


# Every writer


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_output_is_deterministic(writer: Any) -> None:
    journey = jm.load(example_files()[0])
    assert render(writer, journey) == render(writer, journey)


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_xml_illegal_characters_are_refused_naming_the_field(writer: Any) -> None:
    journey = Journey(title="t", stages=[Stage(name="A", touchpoints=[Touchpoint(name="B", notes="bell\a")])])
    with pytest.raises(
        ValidationError, match=r"stages\[0\]\.touchpoints\[0\]\.notes: contains control character U\+0007"
    ):
        render(writer, journey)


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
@pytest.mark.parametrize("name", sorted(set(sample_journeys()) - MAY_REJECT))
def test_every_sample_journey_is_written(writer: Any, name: str) -> None:
    assert render(writer, sample_journeys()[name], "en")


def test_writers_register_through_the_exporter_hook() -> None:
    from journeymap.builtin.mermaid import writer as mermaid
    from journeymap.builtin.mindmaps import freeplane, opml, xmind
    from journeymap.hookspecs import ExporterRegistry

    registry = ExporterRegistry()
    for module in (freeplane, xmind, opml, mermaid):
        module.register_exporters(registry)
    assert registry.names() == ["freeplane", "xmind", "opml", "mermaid-mindmap", "mermaid-journey"]


# Freeplane


_PAIR = re.compile(rb"&#x(d[89ab][0-9a-f]{2});&#x(d[c-f][0-9a-f]{2});")


def join_surrogates(data: bytes) -> bytes:
    """Freeplane writes characters beyond U+FFFF as two surrogate references, which strict XML 1.0 parsers
    refuse; turn each pair back into one reference (a lone surrogate reference stays, and fails to parse)."""

    def one(match: re.Match[bytes]) -> bytes:
        high, low = int(match.group(1), 16), int(match.group(2), 16)
        return b"&#x%x;" % (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    return _PAIR.sub(one, data)


def freeplane_nodes(data: bytes) -> list[ET.Element]:
    return list(ET.fromstring(join_surrogates(data)).iter("node"))


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_freeplane_is_ascii_and_keeps_every_text_of_the_tree(path: Path) -> None:
    journey = jm.load(path)
    data = render(FreeplaneExporter(), journey)
    data.decode("ascii")
    assert data.startswith(b'<map version="freeplane 1.9.13">\n')
    tree_texts = texts(build(journey, journey.language))
    assert [n.get("TEXT", "").removeprefix("\u200b") for n in freeplane_nodes(data)] == tree_texts


def test_freeplane_nodes_have_unique_ids_timestamps_and_folded_stages() -> None:
    data = render(FreeplaneExporter(), shop())
    nodes = freeplane_nodes(data)
    ids = [n.get("ID", "") for n in nodes]
    assert all(re.fullmatch(r"ID_\d+", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert {n.get("CREATED") for n in nodes} == {n.get("MODIFIED") for n in nodes} == {"1726444800000"}
    stage = nodes[1]
    assert stage.get("TEXT") == "Pay"
    assert stage.get("FOLDED") == "true"
    assert stage.get("POSITION") == "right"


def test_freeplane_escapes_formulas_and_writes_notes_and_icons() -> None:
    nodes = {n.get("TEXT"): n for n in freeplane_nodes(render(FreeplaneExporter(), shop()))}
    formula = nodes["\u200b=SUM(A1)"]
    assert formula.get("TEXT") == "\u200b=SUM(A1)"
    emotion = next(n for text, n in nodes.items() if text and text.startswith("Emotion:"))
    assert [i.get("BUILTIN") for i in emotion.findall("icon")] == [EMOTION_ICONS[0]]
    assert "Awful" in "".join(emotion.find("richcontent/html/body").itertext())
    barrier = nodes["No card (critical)"]
    assert [i.get("BUILTIN") for i in barrier.findall("icon")] == [SEVERITY_ICONS[Severity.CRITICAL]]
    assert nodes["Pay"].find("richcontent").get("TYPE") == "NOTE"


def test_freeplane_marks_moments_of_truth_and_persona_emotions_with_icons() -> None:
    nodes = {n.get("TEXT"): n for n in freeplane_nodes(render(FreeplaneExporter(), trial()))}
    assert [i.get("BUILTIN") for i in nodes["Onboarding call"].findall("icon")] == [MOMENT_OF_TRUTH_ICON]
    assert nodes["Admin console"].findall("icon") == []
    boris = nodes["Emotion (Boris): 😞 -2 (very negative)"]
    assert [i.get("BUILTIN") for i in boris.findall("icon")] == [EMOTION_ICONS[0]]
    step = nodes["Engineer prepares the workspace"]
    assert "".join(step.find("richcontent/html/body").itertext()).strip() == "Evidence: observed"


def test_freeplane_writes_non_ascii_as_numeric_references() -> None:
    """Non-ASCII as references, and a character beyond U+FFFF as its surrogate pair, as Freeplane writes it."""
    data = render(FreeplaneExporter(), Journey(title="Путь ș 😀"))
    assert b'TEXT="&#x41f;&#x443;&#x442;&#x44c; &#x219; &#xd83d;&#xde00;"' in data
    assert freeplane_nodes(data)[0].get("TEXT") == "Путь ș 😀"


def test_freeplane_has_the_shape_of_freeplanes_own_files(corpus: Path) -> None:
    """Like Freeplane's template: no XML declaration, the <map version="freeplane …"> root, its comment line."""
    template = (corpus / "mindmaps" / "freeplane" / "standard-1.6.mm").read_text("utf-8").splitlines()
    ours = render(FreeplaneExporter(), shop()).decode("ascii").splitlines()
    assert re.fullmatch(r'<map version="freeplane 1\.\d+\.\d+">', template[0])
    assert re.fullmatch(r'<map version="freeplane 1\.\d+\.\d+">', ours[0])
    assert ours[1] == template[1]
    root = ET.fromstring("\n".join(template)).find("node")
    assert root is not None
    ours_root = ET.fromstring(join_surrogates("\n".join(ours).encode("ascii"))).find("node")
    assert ours_root is not None
    assert {"ID", "CREATED", "MODIFIED", "FOLDED"} <= set(root.attrib) & set(ours_root.attrib)


# XMind


def xmind_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def topic_texts(topic: dict[str, Any]) -> list[str]:
    out = [topic["title"]]
    for child in topic.get("children", {}).get("attached", []):
        out += topic_texts(child)
    return out


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_xmind_content_holds_the_tree(path: Path) -> None:
    journey = jm.load(path)
    parts = xmind_parts(render(XmindExporter(), journey))
    assert set(parts) == {"content.json", "metadata.json", "manifest.json", "content.xml"}
    ET.fromstring(parts["content.xml"])
    sheet = json.loads(parts["content.json"])[0]
    assert topic_texts(sheet["rootTopic"]) == texts(build(journey, journey.language))


def test_xmind_folds_stages_and_marks_emotions_and_severities() -> None:
    root = json.loads(xmind_parts(render(XmindExporter(), shop()))["content.json"])[0]["rootTopic"]
    stage = root["children"]["attached"][0]
    assert stage["branch"] == "folded"
    assert stage["notes"]["plain"]["content"] == "Long description"
    touchpoint = stage["children"]["attached"][1]
    emotion, barriers = touchpoint["children"]["attached"]
    assert emotion["markers"] == [{"markerId": EMOTION_MARKERS[0]}]
    assert barriers["children"]["attached"][0]["markers"] == [{"markerId": SEVERITY_MARKERS[Severity.CRITICAL]}]


def test_xmind_marks_a_moment_of_truth_with_a_star() -> None:
    root = json.loads(xmind_parts(render(XmindExporter(), trial()))["content.json"])[0]["rootTopic"]
    stage = root["children"]["attached"][2]
    call, console = (t for t in stage["children"]["attached"] if t["title"] in ("Onboarding call", "Admin console"))
    assert call["markers"] == [{"markerId": MOMENT_OF_TRUTH_MARKER}]
    assert "markers" not in console


def test_xmind_has_the_parts_and_keys_of_a_real_xmind_file(corpus: Path) -> None:
    real = xmind_parts((corpus / "mindmaps" / "xmind" / "tobyqin_xmind_zen.xmind").read_bytes())
    ours = xmind_parts(render(XmindExporter(), shop()))
    assert {"content.json", "metadata.json", "manifest.json", "content.xml"} <= set(real)
    real_sheet, our_sheet = json.loads(real["content.json"])[0], json.loads(ours["content.json"])[0]
    assert {"id", "class", "title", "rootTopic"} <= set(real_sheet) & set(our_sheet)
    assert {"id", "class", "title"} <= set(real_sheet["rootTopic"]) & set(our_sheet["rootTopic"])


def test_xmindparser_reads_our_file_back_to_the_same_tree(tmp_path: Path) -> None:
    xmindparser = pytest.importorskip("xmindparser")
    journey = jm.load(example_files()[0])
    target = tmp_path / "map.xmind"
    target.write_bytes(render(XmindExporter(), journey))
    parsed = xmindparser.xmind_to_dict(str(target))

    def titles(topic: dict[str, Any]) -> list[str]:
        return [topic["title"]] + [t for child in topic.get("topics", []) for t in titles(child)]

    assert titles(parsed[0]["topic"]) == texts(build(journey, journey.language))


# OPML


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_opml_is_strict_xml_with_the_tree_as_outlines(path: Path) -> None:
    journey = jm.load(path)
    root = ET.fromstring(render(OpmlExporter(), journey))
    assert root.tag == "opml"
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == journey.title
    outlines = list(root.iter("outline"))
    assert [o.get("text") for o in outlines] == marked_texts(build(journey, journey.language))


def test_opml_notes_go_in_the_note_attribute() -> None:
    root = ET.fromstring(render(OpmlExporter(), shop()))
    stage = next(o for o in root.iter("outline") if o.get("text") == "Pay")
    assert stage.get("_note") == "Long description"


def test_opml_writes_a_moment_of_truth_as_a_text_mark_and_evidence_in_notes() -> None:
    outlines = {o.get("text"): o for o in ET.fromstring(render(OpmlExporter(), trial(), "ro")).iter("outline")}
    assert "Onboarding call (★ moment al adevărului)" in outlines
    assert "Admin console" in outlines
    assert outlines["Engineer prepares the workspace"].get("_note") == "Dovezi: observat"


def test_opml_has_the_shape_of_the_spec_samples(corpus: Path) -> None:
    sample = ET.parse(corpus / "mindmaps" / "opml" / "states.opml").getroot()
    ours = ET.fromstring(render(OpmlExporter(), shop()))
    assert [child.tag for child in sample] == [child.tag for child in ours] == ["head", "body"]
    assert sample.get("version") == ours.get("version") == "2.0"

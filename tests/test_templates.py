"""Templates: the stage sets a new map starts from, in English, Russian and Romanian."""

from __future__ import annotations

import re
import unicodedata

import pytest

import journeymap as jm
from journeymap import templates
from journeymap.errors import UnknownFormatError

ALL = [(name, language) for name in templates.names() for language in templates.LANGUAGES]

EXPECTED_EN = {
    "six-stage": ["Awareness", "Consideration", "Decision", "Purchase", "Loyalty", "Advocacy"],
    "five-stage": ["Impulse", "Study", "Choice", "Purchase", "Opinion"],
    "four-stage": ["Reach & Engage", "Nurture & Educate", "Convert & Close", "Support & Grow"],
    "three-phase": ["Pre-purchase", "Purchase", "Post-purchase"],
    "service-blueprint": ["Discover", "Request & book", "Service delivery", "Follow-up"],
}


def test_names_lists_the_stage_sets_in_order() -> None:
    assert templates.names() == ["six-stage", "five-stage", "four-stage", "three-phase", "service-blueprint"]


@pytest.mark.parametrize("name", templates.names())
def test_english_stage_names_are_the_ones_of_the_design(name: str) -> None:
    assert [stage.name for stage in templates.new(name).stages] == EXPECTED_EN[name]


def test_six_stage_in_russian_and_romanian_uses_the_usual_marketing_terms() -> None:
    ru = [s.name for s in templates.new("six-stage", language="ru").stages]
    ro = [s.name for s in templates.new("six-stage", language="ro").stages]
    assert ru == ["Осведомлённость", "Рассмотрение", "Решение", "Покупка", "Лояльность", "Рекомендация"]
    assert ro == ["Conștientizare", "Considerare", "Decizie", "Cumpărare", "Loialitate", "Recomandare"]


@pytest.mark.parametrize(("name", "language"), ALL)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_every_template_round_trips_through_the_file_format(name: str, language: str, fmt: str) -> None:
    journey = templates.new(name, language=language)
    assert jm.loads(jm.dumps(journey, format=fmt), format=fmt) == journey


@pytest.mark.parametrize("name", templates.names())
def test_stage_ids_are_ascii_and_the_same_in_every_language(name: str) -> None:
    ids = {language: [s.id for s in templates.new(name, language=language).stages] for language in templates.LANGUAGES}
    assert ids["ru"] == ids["en"]
    assert ids["ro"] == ids["en"]
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", stage_id) for stage_id in ids["en"])


@pytest.mark.parametrize("name", templates.names())
def test_ids_survive_a_save_in_another_language(name: str) -> None:
    text = jm.dumps(templates.new(name, language="ru"))
    assert [s.id for s in jm.loads(text).stages] == [s.id for s in templates.new(name).stages]


@pytest.mark.parametrize(("name", "language"), ALL)
def test_stages_run_through_the_three_phases_in_order(name: str, language: str) -> None:
    phases = [stage.phase for stage in templates.new(name, language=language).stages]
    order = [None, *jm.Phase]
    assert None not in phases
    assert set(phases) == set(jm.Phase)
    assert phases == sorted(phases, key=order.index)


def test_the_six_stage_purchase_is_the_only_purchase_phase_stage() -> None:
    journey = templates.new("six-stage")
    assert [s.id for s in journey.stages if s.phase is jm.Phase.PURCHASE] == ["purchase"]


@pytest.mark.parametrize(("name", "language"), ALL)
def test_every_stage_has_a_guiding_question_in_its_language(name: str, language: str) -> None:
    for stage in templates.new(name, language=language).stages:
        assert stage.questions
        assert all(question.endswith("?") for question in stage.questions)
        if language == "ru":
            assert all(re.search("[а-яё]", q) for q in stage.questions)


@pytest.mark.parametrize("name", templates.names())
def test_russian_names_are_cyrillic(name: str) -> None:
    for stage in templates.new(name, language="ru").stages:
        letters = [c for c in stage.name if c.isalpha()]
        assert letters
        assert all("CYRILLIC" in unicodedata.name(c) for c in letters), stage.name


@pytest.mark.parametrize("name", templates.names())
def test_romanian_uses_comma_below_not_cedilla(name: str) -> None:
    journey = templates.new(name, language="ro")
    text = jm.dumps(journey)
    assert not set(text) & {"ş", "ţ", "Ş", "Ţ"}  # cedilla letters U+015F, U+0163 …
    assert set(text) & {"ș", "ț"}  # … and the correct U+0219, U+021B are used
    assert journey.stages[0].name != templates.new(name).stages[0].name


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Customer journey map"), ("ru", "Карта пути клиента"), ("ro", "Harta călătoriei clientului")],
)
def test_default_title_is_in_the_map_language(language: str, title: str) -> None:
    assert templates.new("five-stage", language=language).title == title


def test_a_given_title_is_kept() -> None:
    assert templates.new("three-phase", title="Онлайн-школа", language="ru").title == "Онлайн-школа"


def test_another_language_keeps_its_tag_with_english_names() -> None:
    journey = templates.new("six-stage", language="de")
    assert journey.language == "de"
    assert journey.title == "Customer journey map"
    assert [s.name for s in journey.stages] == EXPECTED_EN["six-stage"]


@pytest.mark.parametrize(("tag", "first"), [("ro-MD", "Conștientizare"), ("ru-RU", "Осведомлённость")])
def test_a_regional_tag_uses_its_language_names(tag: str, first: str) -> None:
    journey = templates.new("six-stage", language=tag)
    assert journey.language == tag
    assert journey.stages[0].name == first


def test_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        templates.new("seven-stage")
    message = str(caught.value)
    assert message.startswith("unknown template 'seven-stage'")
    assert all(name in message for name in templates.names())
    assert isinstance(caught.value, jm.JourneyMapError)


def test_a_malformed_language_tag_is_a_validation_error_naming_the_field() -> None:
    with pytest.raises(jm.ValidationError, match=r"^language: "):
        templates.new("six-stage", language="русский")


def test_empty_title_is_refused() -> None:
    with pytest.raises(jm.ValidationError, match=r"^title: must not be empty"):
        templates.new("six-stage", title=" ")


def test_the_same_template_and_language_give_equal_journeys() -> None:
    assert templates.new("four-stage") == templates.new("four-stage")
    assert templates.new("four-stage") != templates.new("four-stage", language="ro")


@pytest.mark.parametrize("language", templates.LANGUAGES)
def test_service_blueprint_fills_doing_thinking_the_blueprint_and_its_custom_lane(language: str) -> None:
    journey = templates.new("service-blueprint", language=language)
    for stage in journey.stages:
        assert stage.doing
        assert stage.thinking
        for steps in (stage.frontstage, stage.backstage, stage.support):
            assert len(steps) == 1
            assert steps[0].owner
        assert list(stage.lanes) == ["physical_evidence"]
    if language != "en":
        assert journey.stages[0].frontstage != templates.new("service-blueprint").stages[0].frontstage


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Physical evidence"), ("ru", "Материальные свидетельства"), ("ro", "Dovezi fizice")]
)
def test_service_blueprint_lane_is_titled_in_the_map_language_and_translated(language: str, title: str) -> None:
    lane = templates.new("service-blueprint", language=language).lanes["physical_evidence"]
    assert lane.title == title
    assert {lane.title_in(other) for other in templates.LANGUAGES} == set(templates.PHYSICAL_EVIDENCE.values())


def test_the_stage_only_templates_have_no_richer_lanes() -> None:
    journey = templates.new("six-stage")
    assert journey.lanes == {}
    assert all(not (s.doing or s.frontstage or s.lanes) for s in journey.stages)

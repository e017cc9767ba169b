"""Ready-made stage sets to start a journey map from.

Four templates, each a common way to cut a journey into stages:

- ``six-stage``: Awareness, Consideration, Decision, Purchase, Loyalty, Advocacy
  (the six steps from a cold prospect to a loyal customer);
- ``five-stage``: Impulse, Study, Choice, Purchase, Opinion;
- ``four-stage``: Reach & Engage, Nurture & Educate, Convert & Close, Support & Grow;
- ``three-phase``: Pre-purchase, Purchase, Post-purchase.

Stage names, the guiding question of each stage and the default title come
in English, Russian and Romanian. Every stage has its
:class:`~journeymap.model.Phase` and an ASCII id taken from its English name,
so maps of the same template share stage ids in every language:

>>> from journeymap import templates
>>> templates.names()
['six-stage', 'five-stage', 'four-stage', 'three-phase']
>>> j = templates.new("six-stage", language="ru")
>>> j.title
'Карта пути клиента'
>>> [(s.id, s.name) for s in j.stages[:2]]
[('awareness', 'Осведомлённость'), ('consideration', 'Рассмотрение')]
>>> j.stages[3].phase
<Phase.PURCHASE: 'purchase'>

A regional tag such as ``ro-MD`` uses the names of its language (``ro``).
Any other language keeps its tag on the journey, with English names to
translate by hand.
"""

from __future__ import annotations

from typing import NamedTuple

from journeymap.errors import UnknownFormatError
from journeymap.model import Journey, Phase, Stage

__all__ = ["LANGUAGES", "names", "new"]

LANGUAGES = ("en", "ru", "ro")
"""Languages the templates are written in; other languages get English names."""

PRE, BUY, POST = Phase.PRE_PURCHASE, Phase.PURCHASE, Phase.POST_PURCHASE

TITLES = {
    "en": "Customer journey map",
    "ru": "Карта пути клиента",
    "ro": "Harta călătoriei clientului",
}
"""The default title of a new map, by language."""


class _Text(NamedTuple):
    name: str
    questions: tuple[str, ...]


class _Stage(NamedTuple):
    id: str
    phase: Phase
    text: dict[str, _Text]


def _stage(id: str, phase: Phase, en: _Text, ru: _Text, ro: _Text) -> _Stage:
    return _Stage(id, phase, {"en": en, "ru": ru, "ro": ro})


def _t(name: str, *questions: str) -> _Text:
    return _Text(name, questions)


_TEMPLATES: dict[str, tuple[_Stage, ...]] = {
    "six-stage": (
        _stage(
            "awareness",
            PRE,
            _t("Awareness", "What can solve my problem?"),
            _t("Осведомлённость", "Как решить мою проблему?"),
            _t("Conștientizare", "Cum îmi pot rezolva problema?"),
        ),
        _stage(
            "consideration",
            PRE,
            _t("Consideration", "How does this compare with the alternatives?", "Can I trust this company?"),
            _t("Рассмотрение", "Чем этот вариант лучше других?", "Можно ли доверять этой компании?"),
            _t(
                "Considerare",
                "Prin ce este această variantă mai bună decât altele?",
                "Pot avea încredere în compania asta?",
            ),
        ),
        _stage(
            "decision",
            PRE,
            _t("Decision", "Is it worth the price?", "What exactly do I get, and on what terms?"),
            _t("Решение", "Стоит ли это своих денег?", "Что именно я получу и на каких условиях?"),
            _t("Decizie", "Merită banii?", "Ce primesc exact și în ce condiții?"),
        ),
        _stage(
            "purchase",
            BUY,
            _t("Purchase", "How do I pay, and when do I get it?"),
            _t("Покупка", "Как оплатить и когда я это получу?"),
            _t("Cumpărare", "Cum plătesc și când primesc comanda?"),
        ),
        _stage(
            "loyalty",
            POST,
            _t("Loyalty", "Did it live up to my expectations?", "Why should I come back?"),
            _t("Лояльность", "Оправдались ли мои ожидания?", "Зачем мне возвращаться?"),
            _t("Loialitate", "Mi-au fost îndeplinite așteptările?", "De ce să revin?"),
        ),
        _stage(
            "advocacy",
            POST,
            _t("Advocacy", "Would I recommend it to a friend?"),
            _t("Рекомендация", "Посоветую ли я это друзьям?"),
            _t("Recomandare", "Aș recomanda compania unui prieten?"),
        ),
    ),
    "five-stage": (
        _stage(
            "impulse",
            PRE,
            _t("Impulse", "Do I really need this?"),
            _t("Импульс", "Мне это действительно нужно?"),
            _t("Impuls", "Chiar am nevoie de asta?"),
        ),
        _stage(
            "study",
            PRE,
            _t("Study", "What options are there, and what do they cost?"),
            _t("Изучение", "Какие есть варианты и сколько они стоят?"),
            _t("Documentare", "Ce variante există și cât costă?"),
        ),
        _stage(
            "choice",
            PRE,
            _t("Choice", "Where is the best place to buy it?"),
            _t("Выбор", "Где лучше купить?"),
            _t("Alegere", "De unde este mai bine să cumpăr?"),
        ),
        _stage(
            "purchase",
            BUY,
            _t("Purchase", "How do I pay, and on what terms?"),
            _t("Приобретение", "Как оплатить и на каких условиях?"),
            _t("Cumpărare", "Cum plătesc și în ce condiții?"),
        ),
        _stage(
            "opinion",
            POST,
            _t("Opinion", "Was it worth it?", "What will I tell others?"),
            _t("Мнение", "Стоило ли оно того?", "Что я расскажу другим?"),
            _t("Opinie", "A meritat?", "Ce le voi spune altora?"),
        ),
    ),
    "four-stage": (
        _stage(
            "reach-engage",
            PRE,
            _t("Reach & Engage", "Who are they, and can they help me?"),
            _t("Охват и вовлечение", "Кто они и могут ли мне помочь?"),
            _t("Atragere și implicare", "Cine sunt și mă pot ajuta?"),
        ),
        _stage(
            "nurture-educate",
            PRE,
            _t("Nurture & Educate", "How exactly would this work for me?"),
            _t("Прогрев и обучение", "Как именно это сработает в моём случае?"),
            _t("Cultivare și educare", "Cum anume ar funcționa asta în cazul meu?"),
        ),
        _stage(
            "convert-close",
            BUY,
            _t("Convert & Close", "Why buy now, and what are the next steps?"),
            _t("Конверсия и сделка", "Почему стоит купить сейчас и что делать дальше?"),
            _t("Conversie și închidere", "De ce să cumpăr acum și care sunt pașii următori?"),
        ),
        _stage(
            "support-grow",
            POST,
            _t("Support & Grow", "How do I get the most out of it?"),
            _t("Поддержка и рост", "Как получить от этого максимум?"),
            _t("Suport și creștere", "Cum pot profita la maximum de ce am cumpărat?"),
        ),
    ),
    "three-phase": (
        _stage(
            "pre-purchase",
            PRE,
            _t("Pre-purchase", "What are my options, and which one fits me?"),
            _t("До покупки", "Какие есть варианты и какой мне подходит?"),
            _t("Înainte de cumpărare", "Ce opțiuni am și care mi se potrivește?"),
        ),
        _stage(
            "purchase",
            BUY,
            _t("Purchase", "Is buying simple and safe?"),
            _t("Покупка", "Легко ли и безопасно оформить покупку?"),
            _t("Cumpărare", "Este ușor și sigur să cumpăr?"),
        ),
        _stage(
            "post-purchase",
            POST,
            _t("Post-purchase", "Who helps me if something goes wrong?"),
            _t("После покупки", "Кто поможет, если что-то пойдёт не так?"),
            _t("După cumpărare", "Cine mă ajută dacă ceva nu merge bine?"),
        ),
    ),
}


def names() -> list[str]:
    """The template names, from the most detailed stage set to the least.

    >>> names()[0]
    'six-stage'
    """
    return list(_TEMPLATES)


def _text_language(language: str) -> str:
    """The template language for a BCP 47 tag: ``ro-MD`` -> ``ro``; unknown -> ``en``."""
    primary = language.split("-", 1)[0].lower() if isinstance(language, str) else ""
    return primary if primary in LANGUAGES else "en"


def new(name: str, *, title: str | None = None, language: str = "en") -> Journey:
    """A new journey with the stages of template ``name``, named in ``language``.

    ``title`` defaults to "Customer journey map" in the journey's language.
    Each stage carries its phase and the question the customer asks there.
    An unknown template raises :class:`~journeymap.errors.UnknownFormatError`;
    a malformed language tag raises :class:`~journeymap.errors.ValidationError`.

    >>> j = new("four-stage", title="Wedding photos", language="ro")
    >>> [s.name for s in j.stages]
    ['Atragere și implicare', 'Cultivare și educare', 'Conversie și închidere', 'Suport și creștere']
    >>> new("three-phase", language="de").stages[0].name
    'Pre-purchase'
    """
    try:
        stages = _TEMPLATES[name]
    except (KeyError, TypeError):
        raise UnknownFormatError(str(name), names(), what="template") from None
    text = _text_language(language)
    return Journey(
        title=TITLES[text] if title is None else title,
        language=language,
        stages=[
            Stage(
                id=stage.id,
                name=stage.text[text].name,
                phase=stage.phase,
                questions=stage.text[text].questions,
            )
            for stage in stages
        ],
    )

"""Ready-made stage sets to start a journey map from.

Five templates, each a common way to cut a journey into stages:

- ``six-stage``: Awareness, Consideration, Decision, Purchase, Loyalty, Advocacy
  (the six steps from a cold prospect to a loyal customer);
- ``five-stage``: Impulse, Study, Choice, Purchase, Opinion;
- ``four-stage``: Reach & Engage, Nurture & Educate, Convert & Close, Support & Grow;
- ``three-phase``: Pre-purchase, Purchase, Post-purchase;
- ``service-blueprint``: Discover, Request & book, Service delivery, Follow-up,
  each stage with prompts in its doing and thinking lanes, the service
  blueprint (frontstage, backstage, support, each step with an owner) and the
  custom lane ``physical_evidence`` (what the customer sees and keeps).

Stage names, the guiding question of each stage and the default title come
in English, Russian and Romanian. Every stage has its
:class:`~journeymap.model.Phase` and an ASCII id taken from its English name,
so maps of the same template share stage ids in every language:

>>> from journeymap import templates
>>> templates.names()
['six-stage', 'five-stage', 'four-stage', 'three-phase', 'service-blueprint']
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
from journeymap.model import BlueprintStep, CustomLane, Journey, Phase, Stage

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


class _Lanes(NamedTuple):
    """The prompts of a stage's richer lanes in one language; each step is ``(description, owner)``."""

    doing: str
    thinking: str
    frontstage: tuple[str, str]
    backstage: tuple[str, str]
    support: tuple[str, str]
    physical_evidence: str


class _Text(NamedTuple):
    name: str
    questions: tuple[str, ...]
    lanes: _Lanes | None = None


class _Stage(NamedTuple):
    id: str
    phase: Phase
    text: dict[str, _Text]


def _stage(id: str, phase: Phase, en: _Text, ru: _Text, ro: _Text) -> _Stage:
    return _Stage(id, phase, {"en": en, "ru": ru, "ro": ro})


def _t(name: str, *questions: str) -> _Text:
    return _Text(name, questions)


def _b(name: str, question: str, lanes: _Lanes) -> _Text:
    return _Text(name, (question,), lanes)


PHYSICAL_EVIDENCE = {"en": "Physical evidence", "ru": "Материальные свидетельства", "ro": "Dovezi fizice"}
"""The title of the ``service-blueprint`` template's custom lane, by language."""


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
    "service-blueprint": (
        _stage(
            "discover",
            PRE,
            _b(
                "Discover",
                "Who can do this for me?",
                _Lanes(
                    "Looks for a provider and compares offers",
                    "Can I trust them?",
                    ("Website, ads and the first reply to an enquiry", "Marketing"),
                    ("Enquiries are qualified and assigned", "Sales"),
                    ("CRM and ad accounts", "IT"),
                    "Website, reviews, price list",
                ),
            ),
            _b(
                "Знакомство",
                "Кто может сделать это для меня?",
                _Lanes(
                    "Ищет исполнителя и сравнивает предложения",
                    "Можно ли им доверять?",
                    ("Сайт, реклама и первый ответ на обращение", "Маркетинг"),
                    ("Обращения квалифицируются и распределяются", "Продажи"),
                    ("CRM и рекламные кабинеты", "ИТ"),
                    "Сайт, отзывы, прайс-лист",
                ),
            ),
            _b(
                "Descoperire",
                "Cine poate face asta pentru mine?",
                _Lanes(
                    "Caută un prestator și compară ofertele",
                    "Pot avea încredere în ei?",
                    ("Site-ul, reclamele și primul răspuns la o solicitare", "Marketing"),
                    ("Solicitările sunt calificate și repartizate", "Vânzări"),
                    ("CRM și conturile de publicitate", "IT"),
                    "Site, recenzii, listă de prețuri",
                ),
            ),
        ),
        _stage(
            "request-book",
            PRE,
            _b(
                "Request & book",
                "How soon, and for how much?",
                _Lanes(
                    "Sends a request and agrees on a date",
                    "Is the price fair?",
                    ("A manager confirms the booking", "Sales"),
                    ("The schedule and resources are reserved", "Operations"),
                    ("The booking system sends reminders", "IT"),
                    "Confirmation email, contract",
                ),
            ),
            _b(
                "Заявка и запись",
                "Как скоро и сколько это стоит?",
                _Lanes(
                    "Оставляет заявку и согласует дату",
                    "Цена справедливая?",
                    ("Менеджер подтверждает запись", "Продажи"),
                    ("Резервируются расписание и ресурсы", "Операционный отдел"),
                    ("Система записи отправляет напоминания", "ИТ"),
                    "Письмо с подтверждением, договор",
                ),
            ),
            _b(
                "Solicitare și programare",
                "Cât de curând și cât costă?",
                _Lanes(
                    "Trimite o solicitare și stabilește data",
                    "Prețul este corect?",
                    ("Un manager confirmă programarea", "Vânzări"),
                    ("Programul și resursele sunt rezervate", "Operațiuni"),
                    ("Sistemul de programări trimite mementouri", "IT"),
                    "E-mail de confirmare, contract",
                ),
            ),
        ),
        _stage(
            "service-delivery",
            BUY,
            _b(
                "Service delivery",
                "Is it going as promised?",
                _Lanes(
                    "Receives the service and pays",
                    "Is this what I paid for?",
                    ("Staff deliver the service", "Service team"),
                    ("Quality is checked before handover", "Operations"),
                    ("Payments, stock and equipment", "Finance"),
                    "Premises, receipt",
                ),
            ),
            _b(
                "Оказание услуги",
                "Всё идёт, как обещали?",
                _Lanes(
                    "Получает услугу и платит",
                    "Это то, за что я заплатил?",
                    ("Сотрудники оказывают услугу", "Сервисная команда"),
                    ("Качество проверяется перед сдачей", "Операционный отдел"),
                    ("Оплата, склад и оборудование", "Финансы"),
                    "Помещение, чек",
                ),
            ),
            _b(
                "Prestarea serviciului",
                "Merge totul cum s-a promis?",
                _Lanes(
                    "Primește serviciul și plătește",
                    "Asta am plătit?",
                    ("Personalul prestează serviciul", "Echipa de servicii"),
                    ("Calitatea este verificată înainte de predare", "Operațiuni"),
                    ("Plăți, stocuri și echipamente", "Finanțe"),
                    "Sediul, bonul fiscal",
                ),
            ),
        ),
        _stage(
            "follow-up",
            POST,
            _b(
                "Follow-up",
                "Who helps me if something goes wrong?",
                _Lanes(
                    "Leaves feedback or asks for help",
                    "Would I come back?",
                    ("A thank-you message and a feedback request", "Customer care"),
                    ("Feedback is reviewed and complaints resolved", "Customer care"),
                    ("Helpdesk and survey tool", "IT"),
                    "Survey, warranty",
                ),
            ),
            _b(
                "Сопровождение",
                "Кто поможет, если что-то пойдёт не так?",
                _Lanes(
                    "Оставляет отзыв или просит помощи",
                    "Вернусь ли я снова?",
                    ("Благодарность и просьба оценить услугу", "Служба заботы"),
                    ("Отзывы разбираются, жалобы решаются", "Служба заботы"),
                    ("Служба поддержки и сервис опросов", "ИТ"),
                    "Опрос, гарантия",
                ),
            ),
            _b(
                "Urmărire",
                "Cine mă ajută dacă ceva nu merge bine?",
                _Lanes(
                    "Lasă o recenzie sau cere ajutor",
                    "M-aș întoarce?",
                    ("Un mesaj de mulțumire și o cerere de feedback", "Relații cu clienții"),
                    ("Feedbackul este analizat, reclamațiile rezolvate", "Relații cu clienții"),
                    ("Serviciul de asistență și instrumentul de sondaje", "IT"),
                    "Sondaj, garanție",
                ),
            ),
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
    blueprint = any(stage.text[text].lanes for stage in stages)
    lanes = {"physical_evidence": _physical_evidence(text)} if blueprint else {}
    return Journey(
        title=TITLES[text] if title is None else title,
        language=language,
        lanes=lanes,
        stages=[_new_stage(stage, text) for stage in stages],
    )


def _physical_evidence(text: str) -> CustomLane:
    """The custom lane, titled in the map's language and translated into the others."""
    others = {language: title for language, title in PHYSICAL_EVIDENCE.items() if language != text}
    return CustomLane(title=PHYSICAL_EVIDENCE[text], titles=others)


def _new_stage(stage: _Stage, text: str) -> Stage:
    words = stage.text[text]
    if words.lanes is None:
        return Stage(id=stage.id, name=words.name, phase=stage.phase, questions=words.questions)
    lanes = words.lanes
    return Stage(
        id=stage.id,
        name=words.name,
        phase=stage.phase,
        questions=words.questions,
        doing=[lanes.doing],
        thinking=[lanes.thinking],
        frontstage=[BlueprintStep(description=lanes.frontstage[0], owner=lanes.frontstage[1])],
        backstage=[BlueprintStep(description=lanes.backstage[0], owner=lanes.backstage[1])],
        support=[BlueprintStep(description=lanes.support[0], owner=lanes.support[1])],
        lanes={"physical_evidence": [lanes.physical_evidence]},
    )

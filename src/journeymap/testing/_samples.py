"""Sample journeys shipped inside the package for the exporter test kit (private).

They are built in Python so that an installed journeymap (which has no
``examples/`` folder) can still test exporters with them:

* ``course`` — a realistic map: an online marketing course, every lane filled;
* ``minimal`` — a title and nothing else;
* ``adversarial`` — text an exporter must write cleanly: Cyrillic, Romanian
  ș/ț, emoji, Arabic and Hebrew, 10,000-character notes, text starting with
  ``=``, ``+``, ``-``, ``@``, XML and Markdown special characters; it also
  fills every field of the richer map (doing, thinking, the service blueprint
  with steps serving touchpoints, custom lanes titled in several languages,
  moments of truth, evidence on touchpoints, emotions, barriers and steps, a
  second persona with emotions of its own and a touchpoint only for it), with
  the same awkward text in them;
* ``control-characters`` — text holding control characters (``\\x07``,
  ``\\x1b``, NUL…) and the non-characters U+FFFE/U+FFFF; an exporter may
  refuse it with an error naming the field.
"""

from __future__ import annotations

import datetime as dt

from journeymap.model import (
    Action,
    Barrier,
    BlueprintStep,
    CustomLane,
    Emotion,
    Evidence,
    Journey,
    Kpi,
    Persona,
    Segment,
    Stage,
    Touchpoint,
)

__all__ = ["MAY_REJECT", "sample_journeys"]

MAY_REJECT = frozenset({"control-characters"})
"""Samples an exporter may refuse with an error naming a field."""

LONG_NOTE = ("Interview notes. " * 589 + "End.")[:10_000]


def sample_journeys() -> dict[str, Journey]:
    """The sample journeys by name.

    >>> sorted(sample_journeys())
    ['adversarial', 'control-characters', 'course', 'minimal']
    >>> len(sample_journeys()["adversarial"].notes)
    10000
    """
    return {
        "course": _course(),
        "minimal": Journey(title="Minimal journey"),
        "adversarial": _adversarial(),
        "control-characters": _control_characters(),
    }


def _course() -> Journey:
    """The realistic sample: an online marketing course with every lane filled.

    Long because it is data — one literal journey, not logic to split.
    """
    return Journey(
        title="Buying an online marketing course",
        language="en",
        product="Digital Marketing Pro (12 weeks)",
        client="Northwind School",
        author="CX team",
        date=dt.date(2024, 3, 18),
        description="How a working marketer finds, chooses and completes a paid course.",
        persona=Persona(
            name="Anna, marketing lead",
            age="28-35",
            occupation="Marketing lead at a 40-person retailer",
            income="3,000 EUR/month",
            location="Chișinău",
            goals=["Get promoted to head of marketing", "Learn performance marketing"],
            motivations=["A certificate her employer recognises"],
            pains=["No time on weekdays", "Burned by a course that was all theory"],
            influences=["Colleagues", "LinkedIn posts", "Course reviews"],
            quote="I need something I can apply on Monday.",
        ),
        segment=Segment(
            name="Working marketers upskilling",
            demographic=["25-40", "Higher education"],
            geographic=["Moldova", "Romania"],
            behavioural=["Compares 3+ courses", "Buys after a free lesson"],
            size=12_000,
        ),
        stages=[
            Stage(
                name="Awareness",
                phase="pre_purchase",
                goals=["Find out what skills are in demand"],
                questions=["Which course actually gets people hired?"],
                touchpoints=[
                    Touchpoint(
                        name="Instagram ad",
                        channel="social",
                        owned=False,
                        action="Sees a carousel ad with alumni salaries",
                        emotion=Emotion(score=1, label="curious"),
                        barriers=[Barrier(description="Price not shown", severity="minor")],
                        reach=48_000,
                    ),
                    Touchpoint(name="Colleague's recommendation", channel="word of mouth", owned=False, emotion=2),
                ],
                kpis=[Kpi(name="Ad click-through rate", target=1.5, actual=1.1, unit="%")],
                owner="Marketing",
            ),
            Stage(
                name="Consideration",
                phase="pre_purchase",
                expectations=["A clear syllabus", "Real teachers with names"],
                touchpoints=[
                    Touchpoint(
                        name="Course landing page",
                        channel="site",
                        owned=True,
                        content=["Syllabus PDF", "Alumni stories"],
                        emotion=Emotion(score=-1, label="confused", quote="Where is the schedule?"),
                        barriers=[
                            Barrier(description="Schedule hidden below the fold", severity="major"),
                            Barrier(description="No installment plan", severity="critical", remedy="Offer 3 payments"),
                        ],
                        opportunities=["Put the weekly schedule at the top"],
                        reach=9_500,
                    ),
                    Touchpoint(name="Free trial lesson", channel="site", owned=True, emotion=1.5, reach=2_100),
                ],
                opportunities=["Comparison table against other schools"],
                owner="Product",
            ),
            Stage(
                name="Purchase",
                phase="purchase",
                touchpoints=[
                    Touchpoint(
                        name="Checkout",
                        channel="site",
                        owned=True,
                        emotion=-2,
                        barriers=["Card declined without explanation"],
                        reach=640,
                    ),
                    Touchpoint(name="Sales call", channel="phone", owned=True, emotion=0.5),
                ],
                kpis=[Kpi(name="Trial-to-paid conversion", target=30, actual=24, unit="%")],
                owner="Sales",
            ),
            Stage(
                name="Loyalty",
                phase="post_purchase",
                touchpoints=[
                    Touchpoint(name="Welcome email", channel="email", owned=True, emotion=1),
                    Touchpoint(name="Graduates community", channel="messenger", owned=True, emotion=2, reach=410),
                ],
                kpis=["NPS"],
                owner="Customer success",
            ),
        ],
        kpis=[Kpi(name="Course completion", target=70, actual=58, unit="%")],
        actions=[
            Action(
                title="Move the schedule above the fold",
                stage="consideration",
                owner="Web team",
                due=dt.date(2024, 4, 30),
                status="in_progress",
            ),
            Action(title="Offer an installment plan", stage="consideration", owner="Finance", status="planned"),
            Action(title="Explain declined cards at checkout", stage="purchase", owner="Web team", status="done"),
        ],
    )


_TRICKY = [
    "=SUM(A1:A9)",
    '=HYPERLINK("http://example.com","click")',
    "+40 721 000 000",
    "-1",
    "@mention",
    "#N/A",
    "<b>bold</b> & \"quotes\" & 'apostrophes' ]]>",
    "| pipe | * star * _under_ `code` [link](http://x) # not a heading",
    "$x$ and $y$: score; # not a comment",
    "  leading and trailing spaces  ",
    "line one\nline two\ttabbed",
    "NO",
    "012",
]


def _adversarial() -> Journey:
    """Text an exporter must write cleanly: scripts, emoji, formula starters, markup, a 10,000-character note.

    Every field of the richer map is filled too, with the same kind of text.
    Long because it is data — one literal journey, not logic to split.
    """
    return Journey(
        title="Путь клиента: «Покупка» — ș/ț, emoji 👩‍💻🇲🇩, עברית, العربية",
        language="ru",
        product="=1+1",
        client="@client <Ltd> & Co",
        author="-author",
        description="Ș ș Ț ț (comma below) versus Ş ş Ţ ţ (cedilla)",
        persona=Persona(
            name="Анна Ștefănescu 😀",
            age=34,
            quote="مرحبا بالعالم — שלום עולם",
            goals=_TRICKY,
            pains=["+" * 50, "-" * 50],
            id="anna",
        ),
        personas=[Persona(name="=Борис <Boris> & «Ș»", id="boris", quote="@boris: ]]> | not a table |")],
        lanes={
            "legal": CustomLane(
                title="Юридическая проверка <&>",
                titles={"en": "=Legal review", "ro": "Verificare juridică ș/ț", "ar": "مراجعة قانونية"},
                description="| pipe | & <tag>",
            ),
            "partners": CustomLane(title="+Партнёры 🤝"),
        },
        stages=[
            Stage(
                name="Осведомлённость",
                goals=["Узнать о курсе", "Înțelege prețul"],
                questions=["Сколько стоит?", "Cât costă?", "?"],
                touchpoints=[
                    Touchpoint(
                        name=text,
                        channel="=cmd|' /C calc'!A0",
                        action="+SUM(1,2)",
                        emotion=Emotion(score=score, label="😡" if score < 0 else "😀", quote=text),
                        barriers=[Barrier(description=text, severity="critical")],
                        opportunities=[text],
                        notes=text,
                    )
                    for text, score in zip(_TRICKY, [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, -2, 2, 0, 1], strict=True)
                ],
                owner="Маркетинг",
                notes=LONG_NOTE,
                doing=_TRICKY[:4],
                thinking=["Это вообще работает?", "<i>maybe</i> & «да»", "=NOW()"],
                frontstage=[
                    BlueprintStep(
                        description="=Менеджер звонит <sales> & ș",
                        owner="@Продажи",
                        touchpoint="plata",
                        evidence=Evidence(kind="observed", source="12 интервью; «май» <2026>"),
                    ),
                    BlueprintStep(description="| table | cell |"),
                ],
                backstage=[BlueprintStep(description="-CRM обновляет сделку", owner="+IT", evidence="measured")],
                support=[BlueprintStep(description="Платёжный шлюз 💳 & <API>", owner="=Partner", touchpoint="shop")],
                lanes={"legal": ["=Договор отправлен", "<DPA> & «подпись»"], "partners": ["@agency 🇲🇩"]},
            ),
            Stage(
                name="Cumpărare ș ț 🛒",
                phase="purchase",
                touchpoints=[
                    Touchpoint(
                        name="Plată",
                        id="plata",
                        moment_of_truth=True,
                        evidence=Evidence(kind="measured", source="=events.parquet <checkout>"),
                        thinking=["Почему так дорого?", "-20% ?"],
                        emotion=Emotion(score=-1, quote="«Ой»", evidence=Evidence(kind="observed", source="@support")),
                        emotions={"boris": Emotion(score=2, label="=ура", quote="<ok> & ș")},
                        barriers=[Barrier(description="Card <declined> & ț", severity="critical", evidence="asserted")],
                    ),
                    Touchpoint(
                        name="=Admin panel <Boris only>",
                        id="shop",
                        personas=["boris"],
                        emotion=0,
                        emotions={"boris": -2},
                        evidence="asserted",
                    ),
                ],
                kpis=[Kpi(name="%", actual=-3.5)],
                lanes={"legal": ["Semnătură ș/ț"]},
            ),
            Stage(name="شراء", description="عربي مع English مختلط", touchpoints=["חנות"]),
            Stage(name="Empty stage"),
        ],
        actions=[Action(title="<script>alert('x')</script>", stage="осведомлённость", owner="@team")],
        notes=LONG_NOTE,
    )


_CONTROL = "bell\x07 escape\x1b[31m nul\x00 vtab\x0b feed\x0c del\x7f cr\r non-characters \ufffe\uffff"


def _control_characters() -> Journey:
    """Text holding control characters and non-characters, which an exporter may refuse naming the field."""
    return Journey(
        title="Control characters",
        stages=[
            Stage(
                name="Stage",
                touchpoints=[
                    Touchpoint(
                        name="Touchpoint " + _CONTROL, channel="site", emotion=0, barriers=[_CONTROL], notes=_CONTROL
                    )
                ],
            ),
        ],
    )

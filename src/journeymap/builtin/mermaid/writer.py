"""The Mermaid exporters: ``mermaid-mindmap`` and ``mermaid-journey`` (``.mmd``).

``mermaid-mindmap`` writes the journey tree (see ``docs/mindmaps.md``) as a
Mermaid ``mindmap``: two spaces of indentation a level (Mermaid refuses tabs),
every node ``n<id>["label"]`` with the label HTML-escaped (``&`` ``<`` ``>``
``"`` as entities, since Mermaid strips tags and a ``"`` cannot be escaped
inside the quotes) and line breaks as spaces. Notes are left out: a Mermaid
mind map has nowhere to keep them. A moment of truth has its mark after its
text, as in OPML.

``mermaid-journey`` writes a Mermaid ``journey``: the title, a ``section``
per stage and a task per touchpoint, ``name: score: actors``. See
``docs/mermaid.md`` for the rules, in short:

* score = emotion + 3, the emotion first rounded to a whole step with halves
  away from zero (−0.5 → −1 → 2, +1.5 → +2 → 5); a touchpoint without an
  emotion is written as 3 (neutral) with a :class:`~journeymap.builtin.mermaid.MermaidWarning`;
* actors are the touchpoint's ``actors``, else the names of the personas it
  is for (its ``personas``), else, when the journey has several personas, all
  of them, else the persona's name, else the channel (a task has one score:
  the touchpoint's own ``emotion``, not the per-persona ``emotions``);
* Mermaid cannot hold ``:``, ``;`` or ``#`` in names (nor ``,`` in actors):
  they become the look-alikes in :data:`~journeymap.builtin.mermaid.LOOK_ALIKES` and every replacement is
  reported as a :class:`~journeymap.builtin.mermaid.MermaidWarning` naming the field. A name Mermaid
  would read as a keyword (``title …``, ``section …``) gets a ZERO WIDTH
  SPACE in front, also with a warning.

>>> import io, warnings, journeymap as jm
>>> j = jm.Journey(title="Buying", stages=[jm.Stage(name="Pay", touchpoints=[
...     jm.Touchpoint(name="Checkout: card", emotion=-1.5, actors=["Anna"])])])
>>> stream = io.BytesIO()
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     MermaidJourneyExporter().write(j, stream, lang="en")
>>> print(stream.getvalue().decode())
journey
    title Buying
    section Pay
        Checkout： card: 1: Anna
<BLANKLINE>
>>> print(caught[0].message)
stages[0].touchpoints[0].name: ':' written as '：' (Mermaid cannot hold ':' in a journey name)
"""

from __future__ import annotations

import html
import warnings
from typing import Any, BinaryIO

from journeymap.builtin.mermaid._syntax import (
    KEYWORD,
    KEYWORD_GUARD,
    LINE_BREAK,
    LOOK_ALIKES,
    NEUTRAL_SCORE,
    MermaidWarning,
    entity_codes,
    journey_score,
)
from journeymap.builtin.mindmaps._tree import Node, build, marked_text, walk
from journeymap.model import Journey, Touchpoint
from journeymap.plugin import ExporterRegistry, check_options, hookimpl

__all__ = ["MermaidJourneyExporter", "MermaidMindmapExporter", "mindmap_label", "register_exporters"]


# Mermaid draws a journey's names as text, but first rewrites what looks like an HTML tag (``<img src="x">`` becomes
# ``<img src='x'>``), and it sanitizes the title as HTML (``<script>…`` removed, ``&`` drawn as ``&amp;``): so these
# characters are written as Mermaid's entity codes, which it draws as the character.
_MARKUP = {"title": "<>&\u00a0", "name": "<"}


def _clean(text: str, path: str, forbidden: str, markup: str = _MARKUP["name"]) -> str:
    """``text`` on one line with every ``forbidden`` character replaced by its look-alike, warning per kind, and
    the ``markup`` characters as entity codes."""
    text = LINE_BREAK.sub(" ", text).strip()
    for char in forbidden:
        if char in text:
            text = text.replace(char, LOOK_ALIKES[char])
            warnings.warn(
                f"{path}: {char!r} written as {LOOK_ALIKES[char]!r} (Mermaid cannot hold {char!r} in a journey name)",
                MermaidWarning,
                stacklevel=4,
            )
    return entity_codes(text, markup)


def _task_name(text: str, path: str) -> str:
    text = _clean(text, path, ":;#")
    if KEYWORD.match(text):
        warnings.warn(
            f"{path}: written with a ZERO WIDTH SPACE in front, or Mermaid would read {text.split()[0]!r} as a keyword",
            MermaidWarning,
            stacklevel=3,
        )
        text = KEYWORD_GUARD + text
    return text


class MermaidJourneyExporter:
    """Writes a Mermaid ``journey`` diagram; takes no options."""

    name = "mermaid-journey"
    suffixes = (".journey.mmd",)
    description = "Mermaid journey diagram (stages as sections, touchpoints as scored tasks)"
    extra: str | None = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` as a Mermaid journey; ``lang`` does not apply (no labels are written)."""
        check_options(self.name, options)
        lines = ["journey", f"    title {_clean(journey.title, 'title', ';#', _MARKUP['title'])}"]
        names = {
            persona.id: _clean(persona.name, f"{path}.name", ":;#,")
            for persona, path in zip(journey.all_personas(), _persona_paths(journey), strict=True)
        }
        for i, stage in enumerate(journey.stages):
            lines.append(f"    section {_clean(stage.name, f'stages[{i}].name', ':;#')}")
            for k, touchpoint in enumerate(stage.touchpoints):
                path = f"stages[{i}].touchpoints[{k}]"
                name = _task_name(touchpoint.name, f"{path}.name")
                if touchpoint.emotion is None:
                    warnings.warn(
                        f"{path}.emotion: missing; written as 3 (neutral), which Mermaid requires",
                        MermaidWarning,
                        stacklevel=2,
                    )
                    score = NEUTRAL_SCORE
                else:
                    score = journey_score(touchpoint.emotion.score)
                actors = self._actors(touchpoint, path, names)
                lines.append(f"        {name}: {score}" + (f": {', '.join(actors)}" if actors else ""))
        stream.write(("\n".join(lines) + "\n").encode("utf-8"))

    @staticmethod
    def _actors(touchpoint: Touchpoint, path: str, personas: dict[str, str]) -> list[str]:
        """The task's actors: its own, else its personas, else every persona (or the one), else the channel."""
        if touchpoint.actors:
            return [_clean(actor, f"{path}.actors[{i}]", ":;#,") for i, actor in enumerate(touchpoint.actors)]
        if touchpoint.personas:
            return [personas[persona] for persona in touchpoint.personas if persona in personas]
        if personas:
            return list(personas.values())
        if touchpoint.channel:
            return [_clean(touchpoint.channel, f"{path}.channel", ":;#,")]
        return []


def _persona_paths(journey: Journey) -> list[str]:
    """The field path of each persona of :meth:`~journeymap.Journey.all_personas`, for warnings."""
    main = ["persona"] if journey.persona else []
    return main + [f"personas[{i}]" for i in range(len(journey.personas))]


def mindmap_label(text: str) -> str:
    """A node label for a Mermaid mind map: one line, HTML-escaped, ``#`` and a leading backtick as entity codes.

    Mermaid reads ``#name;`` in any diagram as an entity code, so a ``#`` is written as its own code ``#35;``.

    >>> mindmap_label('Say "hi" <b>now</b>\\nplease'), mindmap_label("`#1")
    ('Say &quot;hi&quot; &lt;b&gt;now&lt;/b&gt; please', '#96;#35;1')
    """
    label = html.escape(LINE_BREAK.sub(" ", text).strip(), quote=False).replace('"', "&quot;")
    label = entity_codes(label, "#")
    return entity_codes(label[0], "`") + label[1:] if label else label


class MermaidMindmapExporter:
    """Writes the journey tree as a Mermaid ``mindmap``; takes no options."""

    name = "mermaid-mindmap"
    suffixes = (".mmd",)
    description = "Mermaid mind map of the journey tree"
    extra: str | None = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` as a Mermaid mind map with labels in ``lang``."""
        check_options(self.name, options)
        lines = ["mindmap"]
        tree: Node = build(journey, lang)
        for depth, node in walk(tree):
            lines.append(f'{"  " * (depth + 1)}n{node.uid}["{mindmap_label(marked_text(node))}"]')
        stream.write(("\n".join(lines) + "\n").encode("utf-8"))


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``mermaid-mindmap`` (``.mmd``) and ``mermaid-journey`` exporters."""
    registry.register(MermaidMindmapExporter())
    registry.register(MermaidJourneyExporter())

"""What the Mermaid reader and writer agree on: the journey grammar's limits and the score scale (private).

Mermaid's ``journey`` scores run 1 … 5 and journeymap's emotions −2 … +2:
an emotion is the score minus :data:`NEUTRAL_SCORE`. Names cannot hold
``:``, ``;`` or ``#`` (actors not ``,`` either): the writer puts the
look-alikes of :data:`LOOK_ALIKES` in their place, and a name Mermaid would
read as a keyword gets :data:`KEYWORD_GUARD` in front, which the reader takes
off again.

>>> emotion_of(5), journey_score(-1.5)
(2, 1)
"""

from __future__ import annotations

import re

from journeymap.errors import JourneyMapWarning
from journeymap.model import emotion_step

__all__ = [
    "KEYWORD",
    "KEYWORD_GUARD",
    "LINE_BREAK",
    "LOOK_ALIKES",
    "NEUTRAL_SCORE",
    "SCORES",
    "MermaidWarning",
    "emotion_of",
    "journey_score",
]


class MermaidWarning(JourneyMapWarning):
    """Text was changed so that Mermaid can read it, or a value was filled in or left out."""


LOOK_ALIKES = {":": "\uff1a", ";": "\uff1b", "#": "\uff03", ",": "\uff0c"}
"""Replacements for characters Mermaid's journey grammar cannot hold: the full-width forms ``：；＃，``."""

KEYWORD_GUARD = "\u200b"
"""ZERO WIDTH SPACE written before a task name that Mermaid would read as a keyword."""

KEYWORD = re.compile(r"^(title\s|section\s|journey|acctitle\s*:|accdescr\s*[:{]|%)", re.IGNORECASE)
"""The start of a line that Mermaid's journey lexer reads as a keyword or a comment, not as a task."""

LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
"""A line break with the spaces around it: a name is one line in Mermaid."""

NEUTRAL_SCORE = 3
"""The Mermaid score of a neutral emotion (0)."""

SCORES = (1, 5)
"""The lowest and highest Mermaid journey score."""


def journey_score(score: float) -> int:
    """The Mermaid journey score 1 … 5 for an emotion −2 … +2 (rounded to a whole step, halves away from zero).

    >>> [journey_score(s) for s in (-2, -0.5, 0, 0.4, 1.5, 2)]
    [1, 2, 3, 3, 5, 5]
    """
    return emotion_step(score) + NEUTRAL_SCORE


def emotion_of(score: float) -> float:
    """The emotion −2 … +2 of a Mermaid score 1 … 5; whole scores give whole emotions, fractions are kept.

    >>> emotion_of(4), emotion_of(2.5)
    (1, -0.5)
    """
    return int(score) - NEUTRAL_SCORE if float(score).is_integer() else score - NEUTRAL_SCORE

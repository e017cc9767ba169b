"""What the Mermaid reader and writer agree on: the journey grammar's limits and the score scale (private).

Mermaid's ``journey`` scores run 1 … 5 and journeymap's emotions −2 … +2:
an emotion is the score minus :data:`NEUTRAL_SCORE`. Names cannot hold
``:``, ``;`` or ``#`` (actors not ``,`` either): the writer puts the
look-alikes of :data:`LOOK_ALIKES` in their place, and a name Mermaid would
read as a keyword gets :data:`KEYWORD_GUARD` in front, which the reader takes
off again. Characters Mermaid would read as markup are written as Mermaid's
entity codes (``#lt;``, see :func:`entity_codes`), which Mermaid draws as the
character and the reader reads back (:func:`decode_entity_codes`).

>>> emotion_of(5), journey_score(-1.5)
(2, 1)
"""

from __future__ import annotations

import html
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
    "decode_entity_codes",
    "emotion_of",
    "encode_entity_codes",
    "entity_codes",
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


_CODES = {"<": "#lt;", ">": "#gt;", "&": "#amp;", "\u00a0": "#nbsp;", "#": "#35;", "`": "#96;", ":": "#58;"}
_STYLE_WORD = re.compile("style|classDef")
# Mermaid's preprocessing (encodeEntities in Mermaid 11), before any diagram grammar: it drops the last ';' of a line
# that looks like a style statement, then turns each entity code #name; into a placeholder that the grammar cannot
# mistake for a comment ('#') or a statement end (';'); the drawn SVG turns the placeholders into &name; again.
_STYLE_LINE = re.compile(r"(?:style|classDef).*:\S*#.*;")
_CODE = re.compile(r"#([A-Za-z0-9_]+);")
_PLACEHOLDER = re.compile("\ufb02\xb0(\xb0?)([A-Za-z0-9_]+)\xb6\xdf")


def entity_codes(text: str, chars: str) -> str:
    """``text`` with each of ``chars`` written as Mermaid's entity code (``#lt;`` for ``<``), drawn as the character.

    Every ``:`` becomes ``#58;`` too when the text holds ``style`` or ``classDef`` and an entity code: Mermaid
    would take such a line for a style statement and drop its last ``;``.

    >>> entity_codes("a<b & c", "<&"), entity_codes("style:<b>", "<")
    ('a#lt;b #amp; c', 'style#58;#lt;b>')
    """
    written = "".join(_CODES[char] if char in chars else char for char in text)
    if "#" in written and _STYLE_WORD.search(written):
        written = written.replace(":", _CODES[":"])
    return written


def encode_entity_codes(text: str) -> str:
    """A Mermaid file's text as Mermaid's grammar sees it: entity codes as placeholders (Mermaid's own preprocessing).

    >>> decode_entity_codes(encode_entity_codes("a #lt;b#35; #nothing")) == "a <b# #nothing"
    True
    """

    def placeholder(match: re.Match[str]) -> str:
        inner = match.group(1)
        return ("\ufb02\xb0\xb0" if inner.isdecimal() else "\ufb02\xb0") + inner + "\xb6\xdf"

    text = _STYLE_LINE.sub(lambda match: match.group()[:-1], text)
    return _CODE.sub(placeholder, text)


def decode_entity_codes(text: str) -> str:
    """The text Mermaid draws for a name read from a file: each entity-code placeholder as its character.

    >>> decode_entity_codes("\ufb02\xb0lt\xb6\xdfb \ufb02\xb0\xb035\xb6\xdf")
    '<b #'
    """
    return _PLACEHOLDER.sub(lambda match: html.unescape(f"&{'#' if match.group(1) else ''}{match.group(2)};"), text)


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

"""Reading JSON journey files: duplicate keys refused, errors with their line (private)."""

from __future__ import annotations

import json
from typing import Any

from journeymap.errors import ParseError
from journeymap.serialization import _yaml

__all__ = ["parse"]


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def parse(text: str) -> Any:
    """The plain data of a JSON text; :class:`~journeymap.errors.ParseError` with the line when it is not JSON.

    An empty text (or only white space) is ``None``. A duplicate key in an
    object is an error (``json.loads`` would keep the last one), and so is a
    whole number longer than Python reads.
    """
    if not text or text.isspace():
        return None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise ParseError.at(f"invalid JSON: {error.msg} (column {error.colno})", line=error.lineno) from None
    except RecursionError:
        raise ParseError.at(f"nested deeper than {_yaml.MAX_DEPTH} levels") from None
    except ValueError:  # the one ValueError json raises besides JSONDecodeError
        raise ParseError.at("invalid JSON: a whole number of more than 4,300 digits") from None
    except _DuplicateKey:
        _yaml.parse(text)  # JSON is YAML: this finds the duplicate and its line
        raise ParseError.at("duplicate key in a JSON object") from None

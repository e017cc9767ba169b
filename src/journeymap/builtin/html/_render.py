"""Rendering the page with Jinja2: the template, the inline style and script, and the policy that allows them.

The environment autoescapes everything (the template is HTML), so every text of the journey reaches the
page as text; the only markup that is not escaped is the package's own ``map.css`` and ``map.js``. The
Content-Security-Policy names those two by the SHA-256 of their exact text and allows nothing else: no
other script, style, image, font, connection, frame or form target (private).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from typing import Any

from journeymap.builtin.html._view import Page

__all__ = ["csp", "render"]

_PACKAGE = "journeymap.builtin.html"


def _read(name: str) -> str:
    return resources.files(_PACKAGE).joinpath("templates", name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> Any:
    """The Jinja2 environment (built once; jinja2 is imported only when a page is rendered)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: _read(name)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(style: str, script: str) -> str:
    """The page's Content-Security-Policy: nothing but this inline ``style`` and ``script``.

    >>> csp("b{}", "1").startswith("default-src 'none'; script-src 'sha256-")
    True
    """
    return (
        f"default-src 'none'; script-src {_digest(script)}; style-src {_digest(style)}; "
        "base-uri 'none'; form-action 'none'"
    )


def render(page: Page) -> str:
    """The whole HTML page of ``page``."""
    import markupsafe

    stages = len(page.heads)
    style = _read("map.css") + f":root {{ --jm-stages: {stages}; }}\n"
    script = _read("map.js")
    for text in (style, script):
        if "</" in text:  # would end the element early; the package's files never hold it
            raise AssertionError("the inline style or script holds '</'")
    template = _environment().get_template("map.html.j2")
    return str(
        template.render(
            page=page,
            csp=markupsafe.Markup(csp(style, script)),
            style=markupsafe.Markup(style),
            script=markupsafe.Markup(script),
        )
    )

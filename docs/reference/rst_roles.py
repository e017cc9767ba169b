"""A griffe extension for the API reference: the reStructuredText of journeymap's docstrings, read as Markdown.

The docstrings are written for ``help()`` and doctest, in the reStructuredText
habits of the Python world: ``:func:`load```, ``:class:`~journeymap.Journey```,
``Usage::`` before an indented block, and ``>>>`` examples. mkdocstrings renders
Markdown, so before rendering this extension rewrites, in every docstring:

- a role (``:func:``, ``:class:``, ``:meth:``, ``:attr:``, ``:data:``, ``:mod:``,
  ``:exc:``, ``:obj:``) into a cross-reference to the object it names, resolved
  from where the docstring stands. A name in a module the reference documents must
  have a page (``mkdocs build --strict`` fails otherwise); a name in an internal
  module is a reference only when it happens to have one; a name that resolves to
  nothing is a warning (so the strict build fails);
- a doctest (lines from ``>>>`` to the next blank line) into a ``pycon`` code block;
- a ``::`` literal block into a ``text`` code block.

Used by ``mkdocs.yml`` (``plugins.mkdocstrings.handlers.python.options.extensions``).
"""

from __future__ import annotations

import builtins
import contextlib
import importlib.util
import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?P<role>func|class|meth|attr|data|mod|exc|obj|const):`(?P<tilde>~?)(?P<target>[^`]+)`")
DOCUMENTED = (
    "journeymap.analysis",
    "journeymap.mining",
    "journeymap.charts",
    "journeymap.templates",
    "journeymap.testing",
    "journeymap.hookspecs",
    "journeymap.plugin",
    "journeymap.errors",
)
"""Modules with a page of their own in the API reference (``docs/reference/``), besides ``journeymap``'s ``__all__``."""


class RstRoles(griffe.Extension):
    """Rewrite every docstring of the loaded package (see the module docstring)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite the docstrings of ``pkg`` and everything in it, once the whole package is loaded."""
        pages = _pages(pkg)
        for obj in _walk(pkg):
            if obj.docstring is not None:
                text = _fence_literals(_fence_doctests(obj.docstring.value))
                obj.docstring.value = ROLE.sub(lambda match, obj=obj: _reference(match, obj, pkg, pages), text)


def _pages(pkg: griffe.Module) -> dict[str, str]:
    """Canonical path -> path on a page of the reference, for everything the reference renders.

    That is the package's ``__all__`` (rendered as ``journeymap.<name>``) and each documented module with its
    ``__all__``.
    """
    found = {}
    for module in (pkg.path, *DOCUMENTED):
        namespace = pkg.modules_collection[module]
        found.setdefault(namespace.path, namespace.path)
        for export in namespace.exports or ():
            name = export if isinstance(export, str) else export.name
            member = namespace.members.get(name)
            if member is None or member.is_module:
                continue  # a submodule has no page (but for the documented ones, added above)
            with contextlib.suppress(griffe.AliasResolutionError, griffe.CyclicAliasError):
                found.setdefault(member.final_target.path if member.is_alias else member.path, f"{module}.{name}")
    return found


def _walk(obj: griffe.Object) -> list[griffe.Object]:
    """``obj`` and every object defined in it (aliases skipped: their targets are walked where they are defined)."""
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_walk(member))  # type: ignore[arg-type]
    return found


def _module(obj: griffe.Object) -> griffe.Object:
    while not obj.is_module and obj.parent is not None:
        obj = obj.parent
    return obj


def _resolve(obj: griffe.Object, target: str) -> str | None:
    """The full path ``target`` names in the scope of ``obj`` (a relative ``.name`` from its module), or None."""
    if target.split(".", 1)[0] == "journeymap":
        return target
    if target.startswith("."):
        base = _module(obj)
        stripped = target.lstrip(".")
        package = base if base.is_package else base.parent
        for _ in range(len(target) - len(stripped) - 1):
            package = package.parent if package is not None else None
        return f"{package.path}.{stripped}" if package is not None else None
    head, _, rest = target.partition(".")
    scope: griffe.Object | None = obj if obj.is_class or obj.is_module else obj.parent
    while scope is not None:
        names = scope.all_members if scope.is_class else scope.members
        if head in names or head in scope.imports:
            try:
                path = names[head].path if head in names else scope.resolve(head)
            except (griffe.NameResolutionError, griffe.AliasResolutionError):
                return None
            return f"{path}.{rest}" if rest else path
        scope = scope.parent
    if importlib.util.find_spec(head) is not None:
        return target  # another library's name: shown as code
    return None


def _canonical(pkg: griffe.Module, path: str) -> str | None:
    """The path where the object at ``path`` is defined, or None when journeymap does not define it."""
    try:
        found = pkg.modules_collection[path]
        return found.final_target.path if found.is_alias else found.path
    except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _on_page(canonical: str, pages: dict[str, str]) -> str | None:
    """The path ``canonical`` has on a page of the reference, or None."""
    if canonical in pages:
        return pages[canonical]
    parent, _, name = canonical.rpartition(".")
    if parent and parent in pages and not name.startswith("_"):
        return f"{pages[parent]}.{name}"
    return None


def _reference(match: re.Match[str], obj: griffe.Object, pkg: griffe.Module, pages: dict[str, str]) -> str:
    """The Markdown of one role: a cross-reference, or plain code for a name outside journeymap."""
    target = match["target"].strip()
    shown = target.rsplit(".", 1)[-1] if match["tilde"] else target
    if match["role"] in {"func", "meth"} and not shown.endswith(")"):
        shown += "()"
    if hasattr(builtins, target):
        return f"`{shown}`"
    path = _resolve(obj, target)
    canonical = _canonical(pkg, path) if path is not None else None
    if canonical is None:
        if path is None and _on_page(_canonical(pkg, obj.path) or obj.path, pages) is not None:
            griffe.logger.warning("%s: %s does not name anything journeymap defines or imports", obj.path, match[0])
        return f"`{shown}`"
    found = pkg.modules_collection[canonical]
    name = canonical.rsplit(".", 1)[-1]
    if found.is_module and match["role"] != "mod" and name in found.members:
        canonical = f"{canonical}.{name}"  # a function named like its module: journeymap.mining.enrich
    public = _on_page(canonical, pages)
    if public is not None:
        return f"[`{shown}`][{public}]"
    return f'<autoref identifier="{canonical}" optional><code>{shown}</code></autoref>'


def _fence_doctests(text: str) -> str:
    """Put every doctest (``>>>`` to the next blank line) in a ``pycon`` fenced block."""
    lines, out, inside = text.splitlines(), [], False
    for line in lines:
        if not inside and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(["", f"{indent}```pycon"])
            inside = True
        elif inside and not line.strip():
            out.extend([f"{indent}```", ""])
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


def _fence_literals(text: str) -> str:
    """Turn ``Intro::`` and the indented block after it into ``Intro:`` and a ``text`` fenced block."""
    lines, out, index = text.splitlines(), [], 0
    while index < len(lines):
        line = lines[index]
        if line.rstrip().endswith("::") and not line.strip().startswith("```"):
            out.append(line.rstrip()[:-1])
            base = len(line) - len(line.lstrip())
            block, index = [], index + 1
            while index < len(lines) and (
                not lines[index].strip() or len(lines[index]) - len(lines[index].lstrip()) > base
            ):
                block.append(lines[index])
                index += 1
            body = "\n".join(block).strip("\n").splitlines()
            cut = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
            pad = " " * base
            out.extend(["", f"{pad}```text", *(pad + b[cut:] if b.strip() else "" for b in body), f"{pad}```", ""])
            continue
        out.append(line)
        index += 1
    return "\n".join(out)

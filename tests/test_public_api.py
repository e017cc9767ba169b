"""The public API: what `import journeymap` offers, and what it does not drag in."""

from __future__ import annotations

import subprocess
import sys
import types

import journeymap as jm


def test_all_is_sorted() -> None:
    assert jm.__all__ == sorted(jm.__all__)


def test_all_is_complete() -> None:
    """Every public name in the package namespace is listed, and every listed name exists."""
    public = {
        name
        for name, value in vars(jm).items()
        if not name.startswith("_") and not (isinstance(value, types.ModuleType) and name not in jm.__all__)
    }
    assert public | {"__version__"} == set(jm.__all__)


def test_every_public_name_is_documented() -> None:
    for name in jm.__all__:
        value = getattr(jm, name)
        if isinstance(value, str):
            continue
        assert (value.__doc__ or "").strip(), f"journeymap.{name} has no docstring"


def test_import_stays_light() -> None:
    """`import journeymap` loads none of the heavy exporter or mining libraries."""
    heavy = "('openpyxl', 'pptx', 'matplotlib', 'duckdb')"
    code = f"import sys, journeymap; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"

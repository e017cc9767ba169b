"""Shared fixtures: paths to the examples and to the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

collect_ignore = ["typing"]


def example_files() -> list[Path]:
    """Every example journey shipped in ``examples/``."""
    return sorted(p for p in EXAMPLES.glob("*.yaml"))


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real-world files; tests using it skip without it."""
    path = SHARED / "corpus"
    if not path.is_dir():
        pytest.skip("../shared/corpus is not present")
    return path

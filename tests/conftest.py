"""Shared fixtures: paths to the examples and to the shared corpus; the hypothesis profiles.

Hypothesis runs under the profile named by ``HYPOTHESIS_PROFILE``: ``dev``
(hypothesis's own 100 examples a test, the default on a workstation) or
``ci`` (a quarter of the examples and no deadline, for a shared runner whose
timings jump; the default when the ``CI`` variable is set, and what
``make pytest`` uses). A test that asks for its own number of examples
writes it as ``examples(n)``: ``n`` under ``dev``, scaled down with the
profile under ``ci``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

collect_ignore = ["typing"]

PROFILE_EXAMPLES = {"dev": 100, "ci": 25}
"""Examples a test without its own count runs under each hypothesis profile."""

settings.register_profile("dev", max_examples=PROFILE_EXAMPLES["dev"])
settings.register_profile("ci", max_examples=PROFILE_EXAMPLES["ci"], deadline=None, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """A test's own number of examples under the loaded profile: ``count`` under ``dev``, fewer under ``ci``."""
    return max(1, count * PROFILE_EXAMPLES.get(PROFILE, PROFILE_EXAMPLES["dev"]) // PROFILE_EXAMPLES["dev"])


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

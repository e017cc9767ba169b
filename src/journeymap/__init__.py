"""journeymap: the customer journey map as code.

>>> import journeymap as jm
>>> j = jm.Journey(title="Buying a course", stages=["Awareness", "Purchase"])
>>> [stage.id for stage in j.stages]
['awareness', 'purchase']
"""

from journeymap import templates
from journeymap._version import __version__
from journeymap.analysis import JourneyDiff, Report, analyze, diff
from journeymap.errors import JourneyMapError, ParseError, ValidationError
from journeymap.model import (
    Action,
    ActionStatus,
    Barrier,
    BlueprintStep,
    CustomLane,
    Emotion,
    Evidence,
    EvidenceKind,
    Journey,
    Kpi,
    Persona,
    Phase,
    Segment,
    Severity,
    Stage,
    StageMetrics,
    StageMove,
    Touchpoint,
)
from journeymap.plugins import export, formats, load
from journeymap.serialization import dumps, loads, save
from journeymap.serialization.schema import json_schema

__all__ = [
    "Action",
    "ActionStatus",
    "Barrier",
    "BlueprintStep",
    "CustomLane",
    "Emotion",
    "Evidence",
    "EvidenceKind",
    "Journey",
    "JourneyDiff",
    "JourneyMapError",
    "Kpi",
    "ParseError",
    "Persona",
    "Phase",
    "Report",
    "Segment",
    "Severity",
    "Stage",
    "StageMetrics",
    "StageMove",
    "Touchpoint",
    "ValidationError",
    "__version__",
    "analyze",
    "diff",
    "dumps",
    "export",
    "formats",
    "json_schema",
    "load",
    "loads",
    "save",
    "templates",
]

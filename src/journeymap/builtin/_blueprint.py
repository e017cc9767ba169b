"""The service blueprint as the workbook and the deck write it: which journeys have one, its texts (private).

>>> from journeymap import BlueprintStep, Journey, Stage, Touchpoint
>>> journey = Journey(title="t", stages=[Stage(name="A", doing=["Asks"], support=["CRM logs it"])])
>>> has_blueprint(journey), customer_actions(journey.stages[0])
(True, ['Asks'])
"""

from __future__ import annotations

from collections.abc import Mapping

from journeymap.model import BlueprintStep, Journey, Stage

__all__ = ["customer_actions", "has_blueprint", "step_text", "touchpoint_names"]


def has_blueprint(journey: Journey) -> bool:
    """Whether some stage has frontstage, backstage or support steps."""
    return any(stage.frontstage or stage.backstage or stage.support for stage in journey.stages)


def touchpoint_names(journey: Journey) -> dict[str, str]:
    """Every touchpoint's name by its id (what a step's ``touchpoint`` refers to)."""
    return {tp.id: tp.name for _, tp in journey.touchpoints()}


def step_text(step: BlueprintStep, touchpoints: Mapping[str, str]) -> str:
    """A step as written in a cell: description, owner in brackets, ``→`` the touchpoint it serves.

    >>> step_text(BlueprintStep(description="Call back", owner="Sales", touchpoint="demo"), {"demo": "Demo call"})
    'Call back (Sales) → Demo call'
    """
    text = f"{step.description} ({step.owner})" if step.owner else step.description
    if step.touchpoint:
        text += f" → {touchpoints.get(step.touchpoint, step.touchpoint)}"
    return text


def customer_actions(stage: Stage) -> list[str]:
    """What the customer does at ``stage``: the stage's ``doing``, then each touchpoint's action, naming it."""
    return [*stage.doing, *(f"{tp.action} ({tp.name})" for tp in stage.touchpoints if tp.action)]

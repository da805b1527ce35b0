"""Knowledge-base drills: an operator's graded attempt, a trainer's edits of a drill set."""

from __future__ import annotations

from collections.abc import Iterable

from app.models.drills import Attempt, Scenario
from app.models.operations import Actor
from app.operations.changes import Changes, Done
from app.store.drills.sets import DrillImport, DrillStore
from app.store.workspace import Workspace


def store(ws: Workspace) -> DrillStore:
    return DrillStore(ws.database, clock=ws.clock)


def record_attempt(ws: Workspace, attempt: Attempt, actor: Actor) -> Done[Attempt]:
    """The attempt as an event (it syncs, so trainers see it); raises RuleViolation for a
    role that does not drill."""
    store(ws).record_attempt(attempt, actor)
    return Done(attempt, Changes(drills=True, outbox=True))


def save_scenarios(ws: Workspace, scenarios: Iterable[Scenario]) -> Done[DrillImport]:
    """Add or replace scenarios of drill sets (a trainer's edit, a generated set)."""
    return Done(store(ws).save_scenarios(scenarios), Changes(drills=True))

"""Knowledge-base drills: an operator's graded attempt, a trainer's edits of a drill set,
a set generated from the calls answered with the knowledge base."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.models.drill_events import publish_payload
from app.models.drill_sources import from_calls, spoken_terms
from app.models.drills import Attempt, Scenario, Selection
from app.models.enums import EventType
from app.models.operations import Actor
from app.models.rules import RuleViolation, check
from app.operations.changes import Changes, Done
from app.store.drills.sets import DrillImport, DrillStore
from app.store.drills.sources import caller_words, synonyms
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


@dataclass(frozen=True)
class Generated:
    found: int  # scenarios the selection yields
    created: int  # of them new to the set
    already: int  # of them in the set already (their words as the trainer left them)


def generate_set(ws: Workspace, set_name: str, selection: Selection) -> Done[Generated]:
    """Add to `set_name` the scenarios made from the calls answered with the selected
    articles (app.models.drill_sources); scenarios already in the set keep the trainer's
    edits of their words."""
    today = ws.clock().date()
    kb = ws.knowledge()
    spoken = spoken_terms(synonyms(ws.database))
    scenarios = from_calls(
        caller_words(ws.database), kb.articles(), set_name, selection, today, spoken
    )
    drills = store(ws)
    existing = {s.id for s in drills.scenarios(set_name)}
    fresh = [s for s in scenarios if s.id not in existing]
    report = drills.save_scenarios(fresh) if fresh else DrillImport()
    generated = Generated(len(scenarios), report.created, len(scenarios) - len(fresh))
    return Done(generated, Changes(drills=bool(fresh)))


def publish_set(ws: Workspace, actor: Actor, set_name: str) -> Done[int]:
    """A trainer publishes a set through the central store: one event per scenario, which
    operators and dispatchers receive at their next sync. Raises RuleViolation for any
    other role, or naming a scenario the drill store would refuse."""
    check(None, EventType.DRILL_PUBLISH, actor.role)
    scenarios = store(ws).scenarios(set_name)
    if not scenarios:
        raise RuleViolation("empty_set", f"练习题组“{set_name}”没有可发布的练习题")
    gov = ws.governance()
    for scenario in scenarios:
        gov.record_drill(EventType.DRILL_PUBLISH, publish_payload(scenario), actor, ws.clock())
    return Done(len(scenarios), Changes(drills=True, outbox=True))


def retire(ws: Workspace, actor: Actor, set_name: str, scenario_id: str = "") -> Done[str]:
    """A trainer retires one scenario, or the whole set (`scenario_id` ""): no longer
    drilled anywhere, nothing deleted; attempts keep pointing at what was drilled."""
    payload = {"set": set_name, "scenario_id": scenario_id}
    ws.governance().record_drill(EventType.DRILL_RETIRE, payload, actor, ws.clock())
    return Done(scenario_id or set_name, Changes(drills=True, outbox=True))

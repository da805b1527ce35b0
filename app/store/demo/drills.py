"""The demo's drills: sets generated from the demo's own calls answered with the knowledge
base (app.models.drill_sources, as a trainer generates them), and three weeks of attempts by
several trainees, so the trainer's dashboard has figures and an operator a set to start.

The trainees answer as people learn: right more often as they go, sometimes the wrong
article (one of the same category, the usual confusion), the wrong type or unit, quicker
once a scenario is known. Which scenario comes next is the real scheduler's choice. The
attempts are drill-attempt events recorded by the demo's own workstations (never this
one's work: like the demo orders, they leave no outbox rows).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from app.models.drill_sources import from_calls, spoken_terms
from app.models.drills import (
    Answer,
    Card,
    Scenario,
    Selection,
    attempt_event,
    grade,
    next_scenario,
    quality,
    review,
)
from app.models.enums import AppealType, Role
from app.models.records import Event
from app.store.demo.data import DEMO_DEVICE_PREFIX
from app.store.drills.sets import DrillStore
from app.store.drills.sources import caller_words, synonyms
from app.store.eventlog import EventLog
from app.store.workspace import Workspace

# (name, selection): the set every new operator starts with, and one on social insurance
# and employment, the bulk of the city's enquiries.
SETS = (
    ("新人必练", Selection(per_article=1)),
    ("社保与就业", Selection(categories=("A06", "A07"), per_article=2)),
)
# (user, workstation, first skill, the set they drill, days of drilling): the twelve demo
# operators' first six, and the demo's own operator identity, who began a week ago.
TRAINEES = (
    ("gh1001", "W01", 0.80, "新人必练", 21),
    ("gh1002", "W02", 0.62, "新人必练", 21),
    ("gh1003", "W03", 0.70, "社保与就业", 21),
    ("gh1004", "W04", 0.55, "新人必练", 18),
    ("gh1005", "W05", 0.75, "社保与就业", 14),
    ("gh1006", "W06", 0.66, "新人必练", 10),
    ("demo-operator", "trainee", 0.70, "新人必练", 7),
)
SESSION_ODDS = 0.7  # of working days a trainee drills


def seed_drills(workspace: Workspace, now: datetime, seed: int) -> int:
    """The demo's sets and attempts; returns the number of attempts written."""
    store = DrillStore(workspace.database, clock=lambda: now)
    kb = workspace.knowledge()
    articles = list(kb.articles())
    if not articles:
        return 0
    calls = caller_words(workspace.database)
    spoken = spoken_terms(synonyms(workspace.database))
    sets: dict[str, list[Scenario]] = {}
    for name, selection in SETS:
        sets[name] = from_calls(calls, articles, name, selection, now.date(), spoken)
        store.save_scenarios(sets[name])
    rng = random.Random(f"drills-{seed}")  # not the orders' stream: their ids would repeat
    events: list[Event] = []
    for user, station, skill, set_name, days in TRAINEES:
        if sets.get(set_name):
            events += _attempts(rng, now, user, station, skill, sets[set_name], days)
    if not events:
        return 0
    with workspace.database.transaction() as conn:
        first = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0]
        EventLog(workspace.database).append_orderless(events)
        conn.execute("DELETE FROM outbox WHERE event_seq > ?", (first,))
    return len(events)


def _attempts(
    rng: random.Random,
    now: datetime,
    user: str,
    station: str,
    skill: float,
    scenarios: Sequence[Scenario],
    days: int,
) -> list[Event]:
    by_category: dict[str, list[str]] = defaultdict(list)
    for s in scenarios:
        by_category[s.category].append(s.articles[0])
    units = sorted({s.unit for s in scenarios if s.unit})
    device = f"{DEMO_DEVICE_PREFIX}{station}"
    cards: dict[str, Card] = {}
    events: list[Event] = []
    for back in range(days, 0, -1):
        day = (now - timedelta(days=back)).date()
        if day.weekday() >= 5 or rng.random() > SESSION_ODDS:
            continue
        at = datetime.combine(day, time(9), tzinfo=now.tzinfo) + timedelta(
            minutes=rng.randrange(0, 8 * 60)
        )
        last = ""
        for _ in range(rng.randrange(6, 15)):
            scenario = next_scenario(scenarios, cards, at, skip=last)
            if scenario is None:
                break
            known = cards.get(scenario.id)
            seen = known.streak if known is not None else 0
            right = rng.random() < min(0.97, skill + 0.08 * seen)
            article = scenario.articles[0]
            if not right:
                near = [a for a in by_category[scenario.category] if a != article]
                article = rng.choice(near) if near else rng.choice(scenarios).articles[0]
            kind = scenario.appeal_type
            if rng.random() > 0.9:
                kind = rng.choice([t for t in AppealType if t is not kind])
            unit = scenario.unit
            if units and rng.random() > 0.88:
                unit = rng.choice(units)
            seconds = max(6.0, rng.lognormvariate(3.6 - 0.2 * seen - skill, 0.45))
            answered = at + timedelta(seconds=round(seconds, 1))
            attempt = grade(
                scenario,
                Answer(article, kind, unit),
                user=user,
                started=at,
                answered_at=answered,
                make_id=lambda: _uuid(rng),
            )
            cards[scenario.id] = review(known, scenario.id, quality(attempt), answered)
            events.append(attempt_event(attempt, role=Role.OPERATOR, device_id=device))
            at = answered + timedelta(seconds=rng.randrange(8, 40))
            last = scenario.id
            if at >= now:
                break
    return [e for e in events if e.client_time < now]


def _uuid(rng: random.Random) -> str:
    text = f"{rng.getrandbits(128):032x}"
    return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{text[20:]}"

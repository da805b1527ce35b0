"""One demo order walked along the chain, step by step, under the real rules (Chain), and
what the generator gives it to walk with (Walker)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from app.models.checks import check_content, deadline_fields, expected_deadline
from app.models.deadlines import Deadline, WorkCalendar
from app.models.enums import EventType
from app.models.operations import Actor, order_event
from app.models.policy import Policy
from app.models.projection import apply
from app.models.records import Appellant, Event, Order
from app.models.rules import allowed_events


class Walker(Protocol):
    """The generator as a chain sees it (app.store.demo.generator.DemoGenerator)."""

    policy: Policy
    calendar: WorkCalendar
    now: datetime

    def new_id(self) -> str: ...


class Stop(Exception):
    """The next step of the chain lies in the future: the order stays where it is."""


@dataclass
class Caller:
    appellant: Appellant


@dataclass
class Chain:
    """One order walked along the chain, event by event, with the real rules.

    Every step is checked as a workstation's Workspace.act and the central store check it
    (rules.check with the unit list and the catalogue, then checks.check_content), so a
    step the rules refuse is a bug here and raises RuleViolation. Optional steps ask
    `may` first, and the deadlines a step sets come from `deadline`, the same rules."""

    generator: Walker
    order: Order
    events: list[Event]
    at: datetime

    def when(self, at: datetime) -> datetime:
        """The time a step planned for `at` happens (never before the last one); Stop when
        that lies in the future."""
        at = max(at, self.at).replace(microsecond=0)
        if at > self.generator.now:
            raise Stop
        return at

    def may(self, kind: EventType, actor: Actor) -> bool:
        """Whether the rules let `actor` take this step on the order as it stands."""
        policy = self.generator.policy
        allowed = allowed_events(
            self.order, actor.role, actor_unit=actor.unit, units=policy.unit_info
        )
        return kind in allowed

    def deadline(self, kind: EventType, at: datetime, **payload: Any) -> dict[str, str]:
        """The deadline fields of a step that sets one, as checks.check_deadline expects them."""
        policy = self.generator.policy
        due: Deadline | None = expected_deadline(
            self.order, kind, payload, at, policy.limits, self.generator.calendar
        )
        assert due is not None
        return deadline_fields(kind, due)

    def emit(self, kind: EventType, payload: Mapping[str, Any], actor: Actor, at: datetime) -> None:
        at = self.when(at)
        policy = self.generator.policy
        event = order_event(
            self.order,
            kind,
            payload,
            actor=actor,
            now=at,
            units=policy.unit_info,
            functional=policy.functional_matter,
            make_id=self.generator.new_id,
        )
        check_content(self.order, kind, event.payload, at, policy)
        self.order = apply(self.order, event)
        self.events.append(event)
        self.at = at

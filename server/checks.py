"""The central store's checks of what an event carries, after app.models.rules.check: the
fields an operator typed (intake, direct answer, another caller) and the deadlines a step
sets (intake, approved extension, reopen). The same function a workstation runs before it
records the event (app.models.checks.check_content), with the same policy data, so the two
refuse the same things with the same code and message."""

from __future__ import annotations

from app.models.checks import check_content
from app.models.policy import Policy
from app.models.records import Event, Intake, Order


class ContentChecks:
    """Called by Feed for every event the rules let through; raises RuleViolation, and
    returns the Intake an intake event carries (check_content)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def __call__(self, event: Event, order: Order | None) -> Intake | None:
        # A workstation checks against its clock at the moment it records the event, which
        # is the event's client_time: "received in the future" means after that moment.
        return check_content(order, event.type, event.payload, event.client_time, self.policy)

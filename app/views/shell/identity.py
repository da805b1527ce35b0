"""Who is working: the signed-in user, or on the demo workspace a local demo user per role.

`Identity` is the actor provider the main window and its screens call (`identity()`); it
tells them when the user switches (`changed`), so the window shows that role's screens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from app.models.enums import Role
from app.models.operations import Actor
from app.models.policy import Policy
from app.store.demo.marker import is_demo
from app.store.workspace import Workspace

# Handling units a demo user can act for: a 镇街, city departments and a utility, each the
# catalogue's lead for common appeals (so their queues have orders on the demo workspace).
DEMO_UNITS = ("cgj", "zjj", "swj", "gs", "rsj", "town_xiaolan", "town_shiqi")


class Identity(QObject):
    changed = Signal(object)  # Actor

    def __init__(
        self,
        provider: Callable[[], Actor],
        choices: Sequence[Actor] = (),
        parent: QObject | None = None,
        *,
        chosen: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self._provider = provider
        self._chosen = chosen
        self.choices = tuple(choices)

    def __call__(self) -> Actor:
        return self._chosen if self._chosen is not None else self._provider()

    @property
    def role(self) -> Role:
        return self().role

    def switch(self, actor: Actor) -> None:
        if actor == self():
            return
        self._chosen = actor
        self.changed.emit(actor)


def as_identity(actor: Callable[[], Actor], parent: QObject | None = None) -> Identity:
    return actor if isinstance(actor, Identity) else Identity(actor, parent=parent)


# Demo users who start on another screen than their role's home: the follow-up desk's
# operator (回访) starts on the follow-up queue.
DEMO_HOMES = {"demo-followup": "follow_up"}


def demo_home(actor: Actor) -> str:
    """The screen a demo user starts on when it is not the role's home ("": the role's)."""
    return DEMO_HOMES.get(actor.user, "")


def demo_actors(policy: Policy, device_id: str) -> list[Actor]:
    """One local user per role for the demo workspace (no server, no password), and the
    follow-up desk's operator."""
    actors = [
        Actor("demo-operator", Role.OPERATOR, device_id),
        Actor("demo-followup", Role.OPERATOR, device_id),
        Actor("demo-dispatcher", Role.DISPATCHER, device_id),
    ]
    for code in DEMO_UNITS:
        if policy.unit_info(code) is not None:
            actors.append(Actor(f"demo-{code}", Role.UNIT, device_id, unit=code))
    actors.append(Actor("demo-analyst", Role.ANALYST, device_id))
    actors.append(Actor("demo-trainer", Role.TRAINER, device_id))
    actors.append(Actor("demo-kb-editor", Role.KB_EDITOR, device_id))
    return actors


def workspace_identity(workspace: Workspace, signed_in: Callable[[], Actor]) -> Identity:
    """The signed-in user; on a demo workspace, a switchable local demo user per role."""
    if not is_demo(workspace.database):
        return Identity(signed_in)
    choices = demo_actors(workspace.policy, workspace.device_id)
    # Chosen directly, not with switch(): asking `signed_in` who is current would load the
    # sync state at start-up for nothing.
    return Identity(signed_in, choices, chosen=choices[0])

"""Who recorded an event, decided by the store: the user of the token that pushes it.

A workstation writes the actor, role and unit into each event when it records it. The
store accepts the event only when those claims are the token's user's own: a user pushes
only what they recorded themselves, in the role and unit the store knows them by. What
workstations show as an event's author is what the store recorded beside the body
(`pushed_by`, `pushed_role`, `pushed_unit`), never the body's claims.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.auth import User
from server.users import name_key as user_key  # user names compare as at sign-in


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    status: int = 403


def authorship_refusal(user: User, data: Mapping[str, Any]) -> Refusal | None:
    """None when the event's actor, role and unit are those of `user`; else why not."""
    actor = data.get("actor")
    if not isinstance(actor, str) or user_key(actor) != user_key(user.name):
        return Refusal(
            "actor_mismatch",
            f"actor: the event was recorded by {actor!r}; only {actor!r} may push it "
            f"(this token is {user.name!r}'s)",
        )
    role = data.get("role", "")
    if role != user.role.value:
        return Refusal(
            "role_mismatch",
            f"role: the event claims role {role!r}; {user.name!r} is {user.role.value!r}",
        )
    unit = data.get("unit", "")
    if unit != user.unit:
        return Refusal(
            "unit_mismatch",
            f"unit: the event claims unit {unit!r}; {user.name!r} belongs to {user.unit!r}",
        )
    return None

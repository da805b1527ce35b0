"""Held intakes: calls the operator set aside (a new call came in, F2) to finish later.

A held intake is the intake form's state as the draft keeps it, with when it was set aside
and by whom. They live in the workstation's own workspace, never on the central store."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

WORDS = 18  # characters of the title (or the content) shown in the held list


@dataclass(frozen=True)
class HeldIntake:
    held_at: str  # ISO time, China
    state: dict[str, Any]
    user: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    order: int = field(default_factory=time.time_ns)  # the list's order (held_at may tie)

    @property
    def phone(self) -> str:
        return str(self.state.get("phone") or "").strip()

    def first_words(self, limit: int = WORDS) -> str:
        """The title, else the content, on one line and cut to `limit` characters."""
        for key in ("title", "content", "name", "address"):
            text = " ".join(str(self.state.get(key) or "").split())
            if text:
                return text if len(text) <= limit else text[: limit - 1] + "…"
        return ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "held_at": self.held_at,
            "order": self.order,
            "user": self.user,
            "state": self.state,
        }


def parse_held(bodies: list[str]) -> list[HeldIntake]:
    """The held intakes as stored (one JSON object each), oldest first; one that cannot be
    read is skipped, never fatal."""
    held: list[HeldIntake] = []
    for body in bodies:
        try:
            item = json.loads(body)
        except ValueError:
            continue
        if not isinstance(item, dict) or not isinstance(item.get("state"), dict):
            continue
        held.append(
            HeldIntake(
                held_at=str(item.get("held_at") or ""),
                state=item["state"],
                user=str(item.get("user") or ""),
                id=str(item.get("id") or uuid.uuid4().hex),
                order=item["order"] if isinstance(item.get("order"), int) else 0,
            )
        )
    return sorted(held, key=lambda h: (h.order, h.held_at, h.id))


def dump_held(item: HeldIntake) -> str:
    return json.dumps(item.to_json(), ensure_ascii=False)


def visible_to(held: list[HeldIntake], user: str, seat_users: set[str]) -> list[HeldIntake]:
    """A user who signed in on this workstation finds their held intakes waiting for them,
    as their unsent work does, and no one else sees them; what was held by someone who
    never signed in here (signed-out work, a demo user) is there for whoever takes calls."""
    return [h for h in held if h.user == user or h.user not in seat_users]

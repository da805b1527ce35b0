"""Held intakes: calls the operator set aside (a new call came in, F2) to finish later.

A held intake is the intake form's state as the draft keeps it, with when it was set aside
and by whom. They live in the workstation's own workspace, never on the central store."""

from __future__ import annotations

import json
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
        return {"id": self.id, "held_at": self.held_at, "user": self.user, "state": self.state}


def parse_held(raw: str) -> list[HeldIntake]:
    """The held list as stored; an entry that cannot be read is skipped, never fatal."""
    if not raw:
        return []
    try:
        items = json.loads(raw)
    except ValueError:
        return []
    held: list[HeldIntake] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("state"), dict):
            continue
        held.append(
            HeldIntake(
                held_at=str(item.get("held_at") or ""),
                state=item["state"],
                user=str(item.get("user") or ""),
                id=str(item.get("id") or uuid.uuid4().hex),
            )
        )
    return held


def dump_held(held: list[HeldIntake]) -> str:
    return json.dumps([h.to_json() for h in held], ensure_ascii=False) if held else ""

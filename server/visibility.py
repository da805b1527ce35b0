"""Which orders a handling unit may see, and the one answer for those it may not.

A unit sees an order from the dispatch that first named it (lead or assisting) for good
(the `grants` table). An event a unit pushes for an order it may not see is refused before
any other check reads the order (before duplicate detection, the rules, the content
checks), with one answer, whether the order exists or not: an order that exists and one
that does not cannot be told apart by what the store says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from app.models.enums import Role
from app.models.rules import ORDERLESS
from server.auth import User
from server.schema import grants

UNSEEN_CODE = "unknown_order"
UNSEEN_STATUS = 404
UNSEEN_MESSAGE = "没有这张工单，或本单位无权查看 (no such order for this unit)"
_CHUNK = 500
_ORDERLESS = frozenset(t.value for t in ORDERLESS)


class Visibility:
    """The orders of one push that its user may see. Only units are limited."""

    def __init__(self, conn: Connection, user: User, batch: Iterable[Mapping[str, Any]]) -> None:
        self.limited = user.role is Role.UNIT
        self.visible: set[str] = set()
        if not self.limited:
            return
        wanted = sorted({str(e.get("order_id", "")) for e in batch})
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = conn.execute(
                select(grants.c.order_id)
                .where(grants.c.unit == user.unit)
                .where(grants.c.order_id.in_(chunk))
            )
            self.visible.update(r[0] for r in rows)

    def hides(self, data: Mapping[str, Any]) -> bool:
        """True when the event's order may not be seen by the pushing user. An event that
        describes no order (a drill attempt) is left to the rules (forbidden_role)."""
        if not self.limited or data.get("type") in _ORDERLESS:
            return False
        return str(data.get("order_id", "")) not in self.visible

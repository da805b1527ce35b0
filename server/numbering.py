"""Order numbers stay unique: station codes the store hands out, and duplicates renumbered.

A workstation numbers its intakes offline (app.models.numbering: date, station, sequence).
Its station code is provisional ("W" and four characters of its device id) until its first
sign-in, when the store assigns it a code of its own ("S" and three or more base-36
digits), unique among workstations and never of the provisional form. A number that still
arrives twice (two provisional codes alike, a restored backup, a tampered workstation) is
never a reason to refuse an intake: the later order is stored, and the store adds a
`renumber` event right after it giving it a new number (the old one with "-2", "-3" …);
the old number stays its alias (Order.former_numbers), so a caller who quotes it is found.
"""

from __future__ import annotations

import string
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from app.models.clock import CHINA
from app.models.enums import EventType
from app.models.numbering import STORE_ACTOR
from app.models.operations import new_id
from server.schema import order_numbers, stations

_DIGITS = string.digits + string.ascii_uppercase


def _base36(n: int, width: int = 3) -> str:
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
    return out.rjust(width, "0")


def station_for(conn: Connection, device_id: str, user: str) -> str:
    """The device's station code, assigned at its first sign-in (inside a write)."""
    found = conn.execute(select(stations.c.code).where(stations.c.device_id == device_id)).first()
    if found is not None:
        return str(found[0])
    taken = {r[0] for r in conn.execute(select(stations.c.code))}
    n = len(taken) + 1
    while "S" + _base36(n) in taken:
        n += 1
    code = "S" + _base36(n)
    conn.execute(
        insert(stations).values(
            code=code, device_id=device_id, user=user, assigned_at=int(time.time())
        )
    )
    return code


class Numbers:
    """The batch's view of the numbers in use (push): which are taken, and the renumber
    events to add after intakes whose number was."""

    def __init__(self, conn: Connection, numbers: Iterable[str]) -> None:
        self.conn = conn
        wanted = sorted({n for n in numbers if n})
        self.taken: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            self.taken.update(
                r[0]
                for r in conn.execute(
                    select(order_numbers.c.number).where(order_numbers.c.number.in_(chunk))
                )
            )
        self.rows: list[dict[str, Any]] = []

    def claim(self, number: str, order_id: str) -> str | None:
        """Record `number` for the order; when another order has it already, a free
        number for this one (to renumber it to), else None."""
        given = number
        if number in self.taken:
            number = self._free(number)
        self.taken.add(number)
        self.rows.append({"number": number, "order_id": order_id, "original": given})
        return number if number != given else None

    def _free(self, number: str) -> str:
        k = 2
        while True:
            candidate = f"{number}-{k}"
            if (
                candidate not in self.taken
                and not self.conn.execute(
                    select(order_numbers.c.number).where(order_numbers.c.number == candidate)
                ).first()
            ):
                return candidate
            k += 1


def renumber_event(order_id: str, old: str, new: str, version: int) -> dict[str, Any]:
    """The store's own event giving an order a new number (its old one kept as alias)."""
    return {
        "id": new_id(),
        "order_id": order_id,
        "type": EventType.RENUMBER.value,
        "payload": {"number": new, "old_number": old},
        "actor": STORE_ACTOR,
        "role": "",
        "unit": "",
        "device_id": STORE_ACTOR,
        "client_time": datetime.now(CHINA).replace(microsecond=0).isoformat(),
        "base_version": version,
    }

"""Work queues: what the dispatcher, a handling unit and the follow-up desk act on next.

Every queue reads one partial index of the projection (see queue_schema.py), so it is as
fast on 1,000,000 orders as on a thousand. Overdue orders float to the top of each queue.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.store.db import Database


class Queue(StrEnum):
    TO_DISPATCH = "to_dispatch"  # 待派单
    RULINGS = "rulings"  # 退单、延期、不合理诉求 awaiting a ruling
    REVIEWS = "reviews"  # replies awaiting review, reviewed awaiting closure
    OVERDUE = "overdue"  # overdue orders to supervise (督办)
    UNIT = "unit"  # a handling unit's orders
    FOLLOW_UP = "follow_up"  # closed orders due a follow-up call


COLUMNS = """o.rowid, o.id, o.number, o.status, o.received_at, o.urgency, o.appeal_type,
    o.category, o.town, o.title, o.deadline, o.lead_unit, o.phone, o.appellant_name,
    o.confidential, o.updated_at,
    json_extract(o.data, '$.dispatched_at') AS dispatched_at,
    json_extract(o.data, '$.closed_at') AS closed_at,
    json_extract(o.data, '$.pending_extension') AS pending_extension,
    json_extract(o.data, '$.pending_unreasonable') AS pending_unreasonable,
    json_extract(o.data, '$.supervised') AS supervised,
    json_extract(o.data, '$.reopen_due') AS reopen_due,
    json_extract(o.data, '$.follow_up_count') AS follow_up_count,
    json_extract(o.data, '$.return_count') AS return_count"""

URGENCY_RANK = "CASE o.urgency WHEN '特急' THEN 0 WHEN '紧急' THEN 1 ELSE 2 END"
SUPERVISABLE = "('dispatched', 'handling', 'return_pending', 'replied')"


@dataclass(frozen=True)
class QueueRow:
    rowid: int
    id: str
    number: str
    status: str
    received_at: str
    urgency: str
    appeal_type: str
    category: str
    town: str
    title: str
    deadline: str
    lead_unit: str
    phone: str
    appellant_name: str
    confidential: bool
    updated_at: str
    dispatched_at: str
    closed_at: str
    pending: str  # what awaits a ruling: return, extension, unreasonable, or ''
    supervised: bool
    reopen_due: bool
    follow_up_count: int
    return_count: int
    assisting: bool = False  # on a unit's queue: the unit assists, another leads

    @classmethod
    def from_row(cls, row: sqlite3.Row, assisting: bool = False) -> QueueRow:
        d = dict(row)
        extension = d.pop("pending_extension")
        unreasonable = d.pop("pending_unreasonable")
        pending = ""
        if d["status"] == "return_pending":
            pending = "return"
        elif extension:
            pending = "extension"
        elif unreasonable:
            pending = "unreasonable"
        return cls(
            **{
                **d,
                "confidential": bool(d["confidential"]),
                "updated_at": d["updated_at"] or "",
                "dispatched_at": d["dispatched_at"] or "",
                "closed_at": d["closed_at"] or "",
                "supervised": bool(d["supervised"]),
                "reopen_due": bool(d["reopen_due"]),
                "follow_up_count": int(d["follow_up_count"] or 0),
                "return_count": int(d["return_count"] or 0),
            },
            pending=pending,
            assisting=assisting,
        )

    def overdue(self, now: datetime) -> bool:
        return self.deadline < now.isoformat()


class QueueQueries:
    def __init__(self, database: Database) -> None:
        self.database = database

    def _rows(self, sql: str, params: tuple[object, ...]) -> list[QueueRow]:
        return [QueueRow.from_row(r) for r in self.database.query(sql, params)]

    # ---- the dispatcher -----------------------------------------------------------------

    def to_dispatch(self, now: datetime, limit: int = 500) -> list[QueueRow]:
        """Received orders: overdue first, then the most urgent, then the oldest."""
        return self._rows(
            f"SELECT {COLUMNS} FROM orders AS o WHERE o.status = 'received' "
            f"ORDER BY o.deadline < ? DESC, {URGENCY_RANK}, o.received_at LIMIT ?",
            (now.isoformat(), limit),
        )

    def rulings(self, now: datetime, limit: int = 500) -> list[QueueRow]:
        """Return, extension and unreasonable-appeal requests, the oldest request first."""
        pending = (
            "o.status = 'handling' AND (json_extract(o.data, '$.pending_extension') = 1 "
            "OR json_extract(o.data, '$.pending_unreasonable') = 1)"
        )
        return self._rows(
            f"SELECT * FROM (SELECT {COLUMNS} FROM orders AS o WHERE o.status = 'return_pending' "
            f"UNION ALL SELECT {COLUMNS} FROM orders AS o INDEXED BY orders_pending_rulings "
            f"WHERE {pending}) "
            "ORDER BY deadline < ? DESC, updated_at LIMIT ?",
            (now.isoformat(), limit),
        )

    def reviews(self, now: datetime, limit: int = 500) -> list[QueueRow]:
        """Replies to review, then reviewed orders to close; overdue first, oldest first."""
        return self._rows(
            f"SELECT {COLUMNS} FROM orders AS o WHERE o.status IN ('replied', 'reviewed') "
            "ORDER BY o.deadline < ? DESC, o.status = 'reviewed', o.updated_at LIMIT ?",
            (now.isoformat(), limit),
        )

    def overdue(self, now: datetime, limit: int = 500) -> list[QueueRow]:
        """Overdue orders out with a unit: not yet supervised first, longest overdue first."""
        return self._rows(
            f"SELECT {COLUMNS} FROM orders AS o WHERE o.is_open = 1 AND o.deadline < ? "
            f"AND o.status IN {SUPERVISABLE} "
            "ORDER BY json_extract(o.data, '$.supervised') = 1, o.deadline LIMIT ?",
            (now.isoformat(), limit),
        )

    def counts(self, now: datetime) -> dict[Queue, int]:
        """How many orders wait in each of the dispatcher's queues."""
        iso = now.isoformat()
        scalar = self.database.scalar
        return {
            Queue.TO_DISPATCH: int(scalar("SELECT COUNT(*) FROM orders WHERE status = 'received'")),
            Queue.RULINGS: int(
                scalar("SELECT COUNT(*) FROM orders WHERE status = 'return_pending'")
            )
            + int(
                scalar(
                    "SELECT COUNT(*) FROM orders INDEXED BY orders_pending_rulings "
                    "WHERE status = 'handling' AND "
                    "(json_extract(data, '$.pending_extension') = 1 "
                    "OR json_extract(data, '$.pending_unreasonable') = 1)"
                )
            ),
            Queue.REVIEWS: int(
                scalar("SELECT COUNT(*) FROM orders WHERE status IN ('replied', 'reviewed')")
            ),
            Queue.OVERDUE: int(
                scalar(
                    "SELECT COUNT(*) FROM orders WHERE is_open = 1 AND deadline < ? "
                    f"AND status IN {SUPERVISABLE}",
                    (iso,),
                )
            ),
        }

    # ---- a handling unit ----------------------------------------------------------------

    def unit(self, unit: str, limit: int = 500) -> list[QueueRow]:
        """Open orders the unit leads, then those it assists; each by deadline."""
        if not unit:
            return []
        lead = self.database.query(
            f"SELECT {COLUMNS} FROM orders AS o INDEXED BY orders_unit_queue "
            "WHERE o.lead_unit = ? AND o.is_open = 1 "
            "ORDER BY o.deadline LIMIT ?",
            (unit, limit),
        )
        assists = self.database.query(
            f"SELECT {COLUMNS} FROM order_assists AS a JOIN orders AS o ON o.rowid = a.order_rowid "
            "WHERE a.unit = ? AND o.is_open = 1 AND o.lead_unit != ? ORDER BY o.deadline LIMIT ?",
            (unit, unit, limit),
        )
        rows = [QueueRow.from_row(r) for r in lead]
        rows += [QueueRow.from_row(r, assisting=True) for r in assists]
        rows.sort(key=lambda r: (r.assisting, r.deadline))
        return rows[:limit]

    # ---- follow-up calls ----------------------------------------------------------------

    def follow_up(self, now: datetime, days: int = 30, limit: int = 500) -> list[QueueRow]:
        """Closed orders to call back: reopen-due first, then never called, oldest first.

        Orders closed more than `days` ago and still not reached are left out (the call
        centre gives up on them); direct answers on the call are not followed up here.
        """
        since = (now - timedelta(days=days)).isoformat()
        reopen = self.database.query(
            f"SELECT {COLUMNS} FROM orders AS o INDEXED BY orders_reopen_due "
            "WHERE o.status = 'closed' "
            "AND json_extract(o.data, '$.reopen_due') = 1 AND o.updated_at >= ? "
            "ORDER BY o.updated_at LIMIT ?",
            (since, limit),
        )
        calls = self.database.query(
            f"SELECT {COLUMNS} FROM orders AS o INDEXED BY orders_follow_up_queue "
            "WHERE o.status = 'closed' AND o.direct = 0 "
            "AND o.updated_at >= ? ORDER BY o.updated_at LIMIT ?",
            (since, limit * 2),
        )
        rows = [QueueRow.from_row(r) for r in reopen]
        seen = {r.id for r in rows}
        others = [QueueRow.from_row(r) for r in calls if r["id"] not in seen]
        others = [r for r in others if not r.reopen_due]
        others.sort(key=lambda r: (r.follow_up_count > 0, r.updated_at))
        return (rows + others)[:limit]

"""Work queues: what the dispatcher, a handling unit and the follow-up desk act on next.

Every queue reads one partial index of the projection (see queue_schema.py), so it is as
fast on 1,000,000 orders as on a thousand. Overdue orders float to the top of each queue.
"""

from __future__ import annotations

import json
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


# Fields of the projection's JSON a queue shows, read with one parse per row.
EXTRA = (
    "dispatched_at",
    "closed_at",
    "pending_extension",
    "pending_unreasonable",
    "supervised",
    "reopen_due",
    "follow_up_count",
    "return_count",
    "deadline_warning",
)
COLUMNS = """o.rowid, o.id, o.number, o.status, o.received_at, o.urgency, o.appeal_type,
    o.category, o.town, o.title, o.deadline, o.lead_unit, o.phone, o.appellant_name,
    o.confidential, o.updated_at, json_extract(o.data, {paths}) AS extra""".format(
    paths=", ".join(f"'$.{name}'" for name in EXTRA)
)

LIMIT = 200  # rows a queue shows; the dispatcher's tabs show the full counts
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
    deadline_warning: str = ""  # the deadline was counted partly on the weekend-only fallback
    assisting: bool = False  # on a unit's queue: the unit assists, another leads

    @classmethod
    def from_row(cls, row: sqlite3.Row, assisting: bool = False) -> QueueRow:
        d = dict(row)
        d.update(zip(EXTRA, json.loads(d.pop("extra")), strict=True))
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
                "deadline_warning": d["deadline_warning"] or "",
            },
            pending=pending,
            assisting=assisting,
        )

    def overdue(self, now: datetime) -> bool:
        return self.deadline < now.isoformat()


class QueueQueries:
    def __init__(self, database: Database) -> None:
        self.database = database

    def _rows(
        self, sql: str, params: tuple[object, ...], assisting: bool = False
    ) -> list[QueueRow]:
        """`sql` picks the rowids, in queue order; only those rows are then read in full
        (so sorting never drags the projection's JSON along)."""
        rowids = [int(r[0]) for r in self.database.query(sql, params)]
        if not rowids:
            return []
        rows = self.database.query(
            f"SELECT {COLUMNS} FROM orders AS o WHERE o.rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(rowids),),
        )
        by_rowid = {int(r["rowid"]): r for r in rows}
        return [QueueRow.from_row(by_rowid[i], assisting) for i in rowids if i in by_rowid]

    # ---- the dispatcher -----------------------------------------------------------------

    def to_dispatch(self, now: datetime, limit: int = LIMIT) -> list[QueueRow]:
        """Received orders: overdue first, then the most urgent, then the oldest."""
        return self._rows(
            "SELECT o.rowid FROM orders AS o WHERE o.status = 'received' "
            f"ORDER BY o.deadline < ? DESC, {URGENCY_RANK}, o.received_at LIMIT ?",
            (now.isoformat(), limit),
        )

    def rulings(self, now: datetime, limit: int = LIMIT) -> list[QueueRow]:
        """Return, extension and unreasonable-appeal requests, the oldest request first."""
        pending = (
            "status = 'handling' AND (json_extract(data, '$.pending_extension') = 1 "
            "OR json_extract(data, '$.pending_unreasonable') = 1)"
        )
        return self._rows(
            "SELECT rowid FROM (SELECT rowid, deadline, updated_at FROM orders "
            "WHERE status = 'return_pending' UNION ALL "
            "SELECT rowid, deadline, updated_at FROM orders INDEXED BY orders_pending_rulings "
            f"WHERE {pending}) ORDER BY deadline < ? DESC, updated_at LIMIT ?",
            (now.isoformat(), limit),
        )

    def reviews(self, now: datetime, limit: int = LIMIT) -> list[QueueRow]:
        """Replies to review, then reviewed orders to close; overdue first, oldest first."""
        return self._rows(
            "SELECT o.rowid FROM orders AS o WHERE o.status IN ('replied', 'reviewed') "
            "ORDER BY o.deadline < ? DESC, o.status = 'reviewed', o.updated_at LIMIT ?",
            (now.isoformat(), limit),
        )

    def overdue(self, now: datetime, limit: int = LIMIT) -> list[QueueRow]:
        """Overdue orders out with a unit: not yet supervised first, longest overdue first."""
        return self._rows(
            "SELECT o.rowid FROM orders AS o WHERE o.is_open = 1 AND o.deadline < ? "
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

    def unit(self, unit: str, limit: int = LIMIT) -> list[QueueRow]:
        """Open orders the unit leads, then those it assists; each by deadline."""
        if not unit:
            return []
        lead = self._rows(
            "SELECT rowid FROM orders INDEXED BY orders_unit_queue "
            "WHERE lead_unit = ? AND is_open = 1 ORDER BY deadline LIMIT ?",
            (unit, limit),
        )
        assists = self._rows(
            "SELECT order_rowid FROM order_assists WHERE unit = ? ORDER BY deadline LIMIT ?",
            (unit, max(0, limit - len(lead))),
            assisting=True,
        )
        return lead + assists

    # ---- follow-up calls ----------------------------------------------------------------

    def follow_up(self, now: datetime, days: int = 30, limit: int = LIMIT) -> list[QueueRow]:
        """Closed orders to call back: reopen-due first, then the longest waiting.

        A call that did not reach the appellant moves the order to the back (its time of
        last change is the call). Orders closed more than `days` ago are left out, and
        answers given on the call are not followed up here.
        """
        since = (now - timedelta(days=days)).isoformat()
        reopen = self._rows(
            "SELECT rowid FROM orders INDEXED BY orders_reopen_due WHERE status = 'closed' "
            "AND json_extract(data, '$.reopen_due') = 1 AND updated_at >= ? "
            "ORDER BY updated_at LIMIT ?",
            (since, limit),
        )
        if len(reopen) >= limit:
            return reopen
        calls = self._rows(
            "SELECT rowid FROM orders INDEXED BY orders_follow_up_queue "
            "WHERE status = 'closed' AND direct = 0 AND updated_at >= ? "
            "AND rowid NOT IN (SELECT value FROM json_each(?)) "
            "ORDER BY updated_at LIMIT ?",
            (since, json.dumps([r.rowid for r in reopen]), limit - len(reopen)),
        )
        return reopen + calls

"""An order's timeline read from the event log: every stored event, readable or not
(app.models.timeline), with the central store's record of it."""

from __future__ import annotations

from app.models.timeline import TimelineEntry, entry
from app.store.db import Database

_COLUMNS = (
    "id, order_id, type, payload, actor, role, unit, device_id, client_time, base_version, "
    "server_seq, rejected_code, received_at, by_user, by_role, by_unit"
)


def timeline(database: Database, order_id: str) -> list[TimelineEntry]:
    """The order's events in the store's order, then those not yet accepted."""
    rows = database.query(
        f"SELECT {_COLUMNS} FROM events WHERE order_id = ? "
        "ORDER BY server_seq IS NULL, server_seq, seq",
        (order_id,),
    )
    return [entry(dict(r)) for r in rows]

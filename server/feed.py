"""Push (check every event with app.models, give it a place in the feed) and pull (by cursor)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, case, select, update

from app.models.drill_events import DRILL_SET_EVENTS
from app.models.enums import EventType, Role
from app.models.kb_events import KB_EVENTS, OWN_ARTICLE
from app.models.payloads import check_payload
from app.models.projection import ProjectionError, apply, event_type_of
from app.models.protocol import PROTOCOL_VERSION
from app.models.records import Event, Intake, Order
from app.models.rules import ORDERLESS, FunctionalLookup, RuleViolation, UnitLookup, check
from app.models.serial import event_from_dict
from server.auth import User
from server.authorship import authorship_refusal
from server.disclosure import for_reader
from server.kb_feed import Governance
from server.numbering import STORE_ACTOR, Numbers, renumber_event, station_for
from server.pages import MAX_PAGE_BYTES, stamp, within_bytes
from server.schema import (
    FEED,
    Database,
    article_versions,
    counters,
    events,
    grants,
    order_numbers,
    orders,
)
from server.times import OFFLINE_LIMIT, TimeRefusal, check_times, read_client_time, store_now
from server.visibility import UNSEEN_CODE, UNSEEN_MESSAGE, UNSEEN_STATUS, Visibility
from server.wire import storable

PUSH_ROLES = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.UNIT, Role.TRAINER, Role.KB_EDITOR})
EVENT_ROLES = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.UNIT, Role.ANALYST, Role.ADMIN})
PULL_ROLES = EVENT_ROLES | {Role.TRAINER, Role.KB_EDITOR}
# Roles that read events of some types only: every trainee's drill attempts and the
# published drill sets; the knowledge base's proposals, rulings and flags.
TYPE_READERS = {
    Role.TRAINER: tuple(t.value for t in (EventType.DRILL_ATTEMPT, *DRILL_SET_EVENTS)),
    Role.KB_EDITOR: tuple(t.value for t in KB_EVENTS),
}
MAX_PULL = 1000
DISPATCHING = frozenset({EventType.DISPATCH, EventType.REDISPATCH})


@dataclass
class Result:
    id: str
    result: str  # accepted | duplicate | rejected
    seq: int | None = None
    code: str = ""
    message: str = ""
    status: int = 200  # the HTTP status this event alone would have had

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "result": self.result}
        if self.seq is not None:
            data["seq"] = self.seq
        if self.result == "rejected":
            data.update(code=self.code, message=self.message, status=self.status)
        return data


def _rejected(event_id: str, code: str, message: str, status: int) -> Result:
    return Result(event_id, "rejected", code=code, message=message, status=status)


def _bad_text(event_id: str) -> Result:
    message = "the event holds text that is not valid Unicode"
    return _rejected(event_id.encode("utf-8", "replace").decode(), "bad_text", message, 422)


_RULE_STATUS = {
    "forbidden_role": 403,
    "not_lead_unit": 403,
    "not_assigned": 403,
    "invalid_field": 422,
    OWN_ARTICLE: 403,
}
# What the event carries, checked after the rules (server.checks.ContentChecks); returns the
# Intake an intake event carries, so the fold does not read its payload again.
ContentCheck = Callable[[Event, Order | None], Intake | None]


@dataclass
class _Batch:
    conn: Connection
    kb: Governance  # the articles its governance events name (server/kb_feed.py)
    orders: dict[str, Order | None] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)  # orders present in the table
    dirty: set[str] = field(default_factory=set)
    created: dict[str, datetime] = field(default_factory=dict)  # the intake's client_time
    granted: dict[str, set[str]] = field(default_factory=dict)
    new_grants: list[dict[str, Any]] = field(default_factory=list)

    def load(self, order_ids: Iterable[str]) -> None:
        wanted = sorted(set(order_ids))
        if not wanted:
            return
        conn = self.conn
        for (order_id,) in _rows_in(conn, "SELECT id FROM orders WHERE id", wanted):
            self.known.add(order_id)
        # The state of an order is the fold of its stored events (they were all checked
        # when they came in), so no serialised projection has to be kept up to date.
        stored = sorted(self.known.intersection(wanted))
        history = _rows_in(
            conn, "SELECT order_id, body FROM events WHERE order_id", stored, "order_id, seq"
        )
        for order_id, body in history:
            event = event_from_dict(json.loads(body))
            if event.type in ORDERLESS:
                continue
            if event.type is EventType.INTAKE:
                self.created[order_id] = event.client_time
            self.orders[order_id] = apply(self.orders.get(order_id), event)
        for order_id, unit in _rows_in(
            conn, "SELECT order_id, unit FROM grants WHERE order_id", stored
        ):
            self.granted.setdefault(order_id, set()).add(unit)

    def grant(self, order: Order, seq: int) -> None:
        have = self.granted.setdefault(order.id, set())
        for unit in (order.lead_unit, *order.assist_units):
            if unit and unit not in have:
                have.add(unit)
                self.new_grants.append({"unit": unit, "order_id": order.id, "seq": seq})


# The push's few bulk statements go straight to the driver (no Core compiling, no
# per-row parameter processing): a list of keys is ONE parameter (a JSON array read with
# json_each on SQLite, an array with = ANY on PostgreSQL), and rows are inserted with one
# executemany on SQLite and one INSERT … SELECT FROM unnest(one array per column) on
# PostgreSQL.


def _is_pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _rows_in(
    conn: Connection, head: str, keys: Sequence[str], order_by: str = ""
) -> list[tuple[Any, ...]]:
    """Rows of `head` (a SELECT ending in the key column) whose key is one of `keys`."""
    if not keys:
        return []
    tail = f" ORDER BY {order_by}" if order_by else ""
    if _is_pg(conn):
        sql, param = f"{head} = ANY(%b){tail}", list(keys)
    else:
        sql, param = f"{head} IN (SELECT value FROM json_each(?)){tail}", json.dumps(keys)
    return [tuple(r) for r in conn.exec_driver_sql(sql, (param,))]


def _insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table` in one statement. A text
    column may be given as UTF-8 bytes (server.wire.storable): SQLite takes them as they
    are (CAST AS TEXT reads a blob's bytes as text, without converting them)."""
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(names)
    utf8 = {n for n in names if type(rows[0][n]) is bytes}
    if _is_pg(conn):
        arrays = ", ".join(f"%b::{table.c[n].type.compile(dialect=conn.dialect)}[]" for n in names)
        values = [
            [row[n].decode("utf-8") for row in rows] if n in utf8 else [row[n] for row in rows]
            for n in names
        ]
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({columns}) SELECT * FROM unnest({arrays})", tuple(values)
        )
    else:
        marks = ", ".join("CAST(? AS TEXT)" if n in utf8 else "?" for n in names)
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({columns}) VALUES ({marks})",
            list(map(itemgetter(*names), rows)),  # tuples: every table here has 2+ columns
        )


class Feed:
    def __init__(
        self,
        db: Database,
        units: UnitLookup,
        functional: FunctionalLookup | None = None,
        content: ContentCheck | None = None,
        clock: Callable[[], datetime] = store_now,
        offline_limit: timedelta = OFFLINE_LIMIT,
    ) -> None:
        self.db = db
        self.clock = clock  # the store's clock: client times are bounded by it (server.times)
        self.offline_limit = offline_limit
        self.units = units
        self.content = content
        # The dispatch catalogue's (category, 镇街) → functional department's matter: the
        # same lookup a workstation's Workspace.act passes, so a push-down refused there is
        # refused here too.
        self.functional = functional

    def station(self, device_id: str, user: str) -> str:
        """The station code of a workstation, assigned at its first sign-in."""
        with self.db.write() as conn:
            return station_for(conn, device_id, user)

    # ---- push -------------------------------------------------------------------------

    def push(
        self,
        user: User,
        batch: Sequence[Mapping[str, Any]],
        plain: bool = False,
        version: int = PROTOCOL_VERSION,
    ) -> list[Result]:
        """Check and store a batch in one transaction; one result per event, in order.
        `plain`: the batch was read by server.wire.parse and found plain JSON; `version`:
        the workstation's protocol version (the payload fields it may send)."""
        with self.db.write() as conn:
            clock = self.clock()
            now = int(clock.timestamp())
            state = _Batch(conn, Governance(conn, batch))
            seen = _stored_bodies(conn, batch)
            visibility = Visibility(conn, user, batch)
            # only the orders of events not stored yet need their state, and never one the
            # user may not see: the work done must not depend on whether it exists
            state.load(
                str(e["order_id"])
                for e in batch
                if str(e["id"]) not in seen and not visibility.hides(e)
            )
            seq = _feed_top(conn)
            numbers = Numbers(conn, _intake_numbers(batch))
            rows: list[dict[str, Any]] = []
            results: list[Result] = []
            for data in batch:
                event_id = str(data["id"])
                if visibility.hides(data):  # the same answer whether the order exists or not
                    results.append(_rejected(event_id, UNSEEN_CODE, UNSEEN_MESSAGE, UNSEEN_STATUS))
                    continue
                try:
                    body = storable(data, plain)
                except UnicodeEncodeError:  # a lone surrogate from a "\\ud800" escape
                    results.append(_bad_text(event_id))
                    continue
                if event_id in seen:
                    results.append(_repeated(event_id, body, seen[event_id], visibility.limited))
                    continue
                outcome = self._check(user, data, state, version, clock)
                if isinstance(outcome, Result):
                    results.append(outcome)
                    continue
                event, order = outcome
                seq += 1
                if order is not None:  # an orderless event (a drill attempt) changes no order
                    state.orders[event.order_id] = order
                    if event.type is EventType.INTAKE:
                        state.created[event.order_id] = event.client_time
                    state.dirty.add(event.order_id)
                if order is not None and event.type in DISPATCHING:
                    state.grant(order, seq)
                seen[event_id] = (seq, body)
                rows.append(
                    {
                        "seq": seq,
                        "id": event_id,
                        "order_id": event.order_id,
                        "type": event.type.value,
                        "body": body,
                        "pushed_by": user.name,
                        "pushed_role": user.role.value,
                        "pushed_unit": user.unit,
                        "received_at": now,
                    }
                )
                results.append(Result(event_id, "accepted", seq=seq))
                seq = state.kb.accept(event, user, seq, clock, state.new_grants)
                if order is not None and event.type is EventType.INTAKE:
                    seq = self._number(numbers, state, order, seq, now, rows)
            if rows:
                self._store(state, rows, numbers, seq)
        return results

    def _store(self, state: _Batch, rows: list[Any], numbers: Numbers, seq: int) -> None:
        """Write what the batch accepted: its events, numbers, orders, grants, and the
        feed's new last position."""
        conn = state.conn
        _insert_rows(conn, events, rows)
        _insert_rows(conn, order_numbers, numbers.rows)
        self._save_orders(state)
        _insert_rows(conn, grants, state.new_grants)
        conn.execute(update(counters).where(counters.c.name == FEED).values(value=seq))

    def _number(
        self, numbers: Numbers, state: _Batch, order: Order, seq: int, now: int, rows: list[Any]
    ) -> int:
        """Claim a new order's number; when another order has it, store the renumber event
        right after its intake (server/numbering.py). Returns the last position used."""
        new = numbers.claim(order.number, order.id)
        if new is None:
            return seq
        data = renumber_event(order.id, order.number, new, order.version)
        state.orders[order.id] = apply(order, event_from_dict(data))
        seq += 1
        rows.append(
            {
                "seq": seq,
                "id": data["id"],
                "order_id": order.id,
                "type": data["type"],
                "body": storable(data),
                "pushed_by": STORE_ACTOR,
                "pushed_role": "",
                "pushed_unit": "",
                "received_at": now,
            }
        )
        return seq

    def _check(
        self, user: User, data: Mapping[str, Any], state: _Batch, version: int, now: datetime
    ) -> Result | tuple[Event, Order | None]:
        event_id = str(data["id"])
        refused = authorship_refusal(user, data)
        if refused is not None:
            return _rejected(event_id, refused.code, refused.message, refused.status)
        try:
            event_type = event_type_of(data["type"])
        except ValueError:
            return _rejected(event_id, "unknown_event_type", f"unknown type {data['type']!r}", 422)
        try:  # before anything reads the payload
            check_payload(event_type, data["payload"], version)
        except RuleViolation as v:
            return _rejected(event_id, v.code, v.message, 422)
        try:
            read_client_time(data.get("client_time"))
        except TimeRefusal as t:
            return _rejected(event_id, t.code, t.message, 422)
        try:
            event = event_from_dict(data)
        except (KeyError, ValueError, TypeError) as exc:
            return _rejected(event_id, "bad_event", f"malformed event: {exc}", 422)
        order = state.orders.get(event.order_id)
        try:
            check_times(event, order, state.created.get(event.order_id), now, self.offline_limit)
        except TimeRefusal as t:
            return _rejected(event_id, t.code, t.message, 422)
        try:
            check(
                order,
                event_type,
                user.role,
                actor_unit=user.unit,
                payload=event.payload,
                units=self.units,
                functional=self.functional,
            )
            intake = self.content(event, order) if self.content is not None else None
            state.kb.check(event, user)
        except RuleViolation as v:
            return _rejected(event_id, v.code, v.message, _RULE_STATUS.get(v.code, 409))
        if event_type in ORDERLESS:
            return event, None
        try:
            new_order = apply(order, event, intake)
        except (ProjectionError, KeyError, ValueError, TypeError, AttributeError) as exc:
            return _rejected(
                event_id, "bad_payload", f"payload does not fit {event_type}: {exc}", 422
            )
        return event, new_order

    def _save_orders(self, state: _Batch) -> None:
        new_rows: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for order_id in sorted(state.dirty):
            order = state.orders[order_id]
            assert order is not None
            row = {
                "id": order.id,
                "status": order.status.value,
                "lead_unit": order.lead_unit,
                "confidential": order.appellant.confidential,
                "version": order.version,
            }
            (changed if order_id in state.known else new_rows).append(row)
        _insert_rows(state.conn, orders, new_rows)
        if changed:
            state.conn.execute(
                update(orders)
                .where(orders.c.id == bindparam("oid"))
                .values(
                    status=bindparam("status"),
                    lead_unit=bindparam("lead_unit"),
                    confidential=bindparam("confidential"),
                    version=bindparam("version"),
                ),
                [{**r, "oid": r["id"]} for r in changed],
            )

    # ---- pull -------------------------------------------------------------------------

    def pull(
        self,
        user: User,
        since: int,
        limit: int,
        version: int = PROTOCOL_VERSION,
        max_bytes: int = MAX_PAGE_BYTES,
    ) -> dict[str, Any]:
        """One page of the feed after `since`, as seen by `user`, from one snapshot.

        The page's items are ordered by feed position; `next_since` is the position to ask
        from next. A handling unit sees only the orders dispatched to it: an order's earlier
        events reach it at the position of the dispatch that granted it. Each event is
        what `user`'s role may read of it at protocol `version` (server.disclosure). A page
        holds at most `limit` items and stops after the position group that passes
        `max_bytes` (server.pages). Events come as (seq, body, the store's record of it:
        pages.stamp).
        """
        with self.db.read() as conn:
            top = _feed_top(conn)
            records: dict[int, str] = {}  # seq → the store's record (pages.stamp)
            items = self._readable_events(conn, user, since, limit, records)
            shown = for_reader(conn, user, version, items)
            kb = [
                (r.seq, r.body)
                for r in conn.execute(
                    select(article_versions.c.seq, article_versions.c.body)
                    .where(article_versions.c.seq > since)
                    .order_by(article_versions.c.seq)
                    .limit(limit)
                )
            ]
        full = len(items) >= limit or len(kb) >= limit
        return _page(shown, kb, records, since, top, limit, max_bytes, full)

    def _readable_events(
        self, conn: Connection, user: User, since: int, limit: int, records: dict[int, str]
    ) -> list[tuple[int, int, str]]:
        """The events after `since` that `user`'s role reads, as (position, seq, body)."""
        if user.role is Role.UNIT:
            return self._unit_events(conn, user.unit, since, limit, records)
        if user.role in EVENT_ROLES:
            query = select(events.c.seq, events.c.body, *_RECORD).where(events.c.seq > since)
        elif user.role in TYPE_READERS:
            query = (
                select(events.c.seq, events.c.body, *_RECORD)
                .where(events.c.seq > since)
                .where(events.c.type.in_(TYPE_READERS[user.role]))
            )
        else:
            return []
        return [_keep(r, records) for r in conn.execute(query.order_by(events.c.seq).limit(limit))]

    def _unit_events(
        self, conn: Connection, unit: str, since: int, limit: int, records: dict[int, str]
    ) -> list[tuple[int, int, str]]:
        pos = case((events.c.seq > grants.c.seq, events.c.seq), else_=grants.c.seq)
        base = (
            select(
                pos.label("pos"),
                events.c.seq,
                events.c.body,
                events.c.pushed_by,
                events.c.pushed_role,
                events.c.pushed_unit,
                events.c.received_at,
            )
            .select_from(grants.join(events, events.c.order_id == grants.c.order_id))
            .where(grants.c.unit == unit)
        )
        rows = list(conn.execute(base.where(pos > since).order_by(pos, events.c.seq).limit(limit)))
        if len(rows) >= limit:  # finish the last tie group so the cursor can move past it
            last = rows[-1]
            rows += list(
                conn.execute(
                    base.where(and_(pos == last.pos, events.c.seq > last.seq)).order_by(
                        events.c.seq
                    )
                )
            )
        for r in rows:
            records[r.seq] = _stamp(r)
        return [(r.pos, r.seq, r.body) for r in rows]


def _stamp(row: Any) -> str:
    return stamp(row.pushed_by, row.pushed_role, row.pushed_unit, row.received_at)


def _keep(row: Any, records: dict[int, str]) -> tuple[int, int, str]:
    """An event row as a pull item (position, seq, body), its record kept by seq."""
    records[row.seq] = _stamp(row)
    return (row.seq, row.seq, row.body)


def _intake_numbers(batch: Sequence[Mapping[str, Any]]) -> list[str]:
    numbers = []
    for data in batch:
        payload = data.get("payload")
        if data.get("type") == EventType.INTAKE.value and isinstance(payload, dict):
            number = payload.get("number")
            if isinstance(number, str):
                numbers.append(number)
    return numbers


def _page(
    shown: list[tuple[int, int, str | None]],
    kb: list[tuple[int, str]],
    records: dict[int, str],
    since: int,
    top: int,
    limit: int,
    max_bytes: int,
    full: bool,
) -> dict[str, Any]:
    """Merge the readable events and articles into one page (Feed.pull)."""
    # Merge the two streams by position and cut at `limit` (never inside a tie group).
    merged: list[tuple[int, int, str, str | None]] = [(p, s, "e", b) for p, s, b in shown]
    merged += [(s, s, "a", b) for s, b in kb]
    merged.sort(key=lambda t: (t[0], t[1]))
    if len(merged) > limit:
        cut = merged[limit - 1][0]
        merged = [m for m in merged if m[0] <= cut]
        full = True
    keep = within_bytes([(p, s, k, b or "", "") for p, s, k, b in merged], max_bytes)
    if keep < len(merged):
        merged = merged[:keep]
        full = True
    if full and merged:
        next_since = merged[-1][0]
        more = True
    else:
        next_since = max(since, top)
        more = False
    page_events = [(s, b, records[s]) for _p, s, kind, b in merged if kind == "e" and b is not None]
    page_articles = [b for _p, _s, kind, b in merged if kind == "a" and b is not None]
    return {
        "events": page_events,
        "articles": page_articles,
        "next_since": next_since,
        "more": more,
    }


_RECORD = (events.c.pushed_by, events.c.pushed_role, events.c.pushed_unit, events.c.received_at)


def _feed_top(conn: Connection) -> int:
    """The feed's last position."""
    return int(conn.execute(select(counters.c.value).where(counters.c.name == FEED)).one()[0])


def _stored_bodies(
    conn: Connection, batch: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[int, bytes]]:
    """The batch's events the store holds already: id → (seq, body)."""
    ids = sorted({str(e["id"]) for e in batch})
    return {
        event_id: (seq, body.encode("utf-8"))
        for event_id, seq, body in _rows_in(conn, "SELECT id, seq, body FROM events WHERE id", ids)
    }


def _repeated(event_id: str, body: bytes, stored: tuple[int, bytes], limited: bool) -> Result:
    """An event whose id the store holds: a duplicate when the body is the same."""
    old_seq, old_body = stored
    if old_body == body:
        return Result(event_id, "duplicate", seq=old_seq)
    return _rejected(
        event_id,
        "id_conflict",
        "an event with this id but a different body exists"
        # where in the feed tells a unit of other units' work
        + ("" if limited else f" (seq {old_seq})"),
        409,
    )

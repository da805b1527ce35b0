"""A workstation's workspace: its SQLite file, its identity, and the operations on orders."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.models.checks import check_content
from app.models.clock import Clock, china_now
from app.models.deadlines import reply_deadline
from app.models.enums import EventType
from app.models.numbering import order_number, valid_station
from app.models.operations import Actor, DirectAnswer, intake_events, order_event
from app.models.payloads import clean_payload
from app.models.policy import Policy
from app.models.records import Event, Intake, Order
from app.models.validation import (
    FieldError,
    clean_intake,
    clean_text,
    validate_answer,
    validate_intake,
)
from app.models.visibility import Viewer, blank, caller_secrets, viewer_of
from app.paths import WORKSPACE_DB, secure_home
from app.store.db import Database
from app.store.orders.query import OrderQueries
from app.store.policy_source import PolicySource
from app.store.workers import WorkerConnections

if TYPE_CHECKING:
    from app.models.timeline import TimelineEntry
    from app.store.access import OrderAccess, OrderView

    # Imported on first use: the event log is not needed to open the intake screen; the
    # knowledge base loads pypinyin's dictionaries, which start-up need not wait for.
    from app.store.eventlog import EventLog
    from app.store.kb.articles import KnowledgeBase
    from app.store.kb.governance import Governance

DB_FILE = WORKSPACE_DB


class IntakeInvalid(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments, so it survives pickling (crossing processes).
        return type(self), (self.errors,), self.__dict__


@dataclass(frozen=True)
class User:
    name: str
    role: str
    unit: str = ""
    display: str = ""


def _new_device_id() -> str:
    import uuid  # only for a new workspace (uuid imports `platform`: time at every start)

    return str(uuid.uuid4())


class Workspace:
    """Owns the database of one workstation. Views call these operations, never SQL."""

    def __init__(
        self,
        home: Path,
        policy: Policy,
        clock: Clock = china_now,
        *,
        worker_of: Workspace | None = None,
    ) -> None:
        self.home = secure_home(Path(home))
        self.clock = clock
        # Work off the GUI thread uses these, never self.database (app/store/workers.py).
        self.workers: WorkerConnections
        self.database: Database
        if worker_of is None:
            self.workers = WorkerConnections(self.home / DB_FILE)
            self.database = Database(self.home / DB_FILE)
        else:
            self.workers = worker_of.workers
            self.database = self.workers.database()
        # The bundled policy, with the units and catalogue of the last pull once there is one
        # (the central store checks with those): see refresh_policy.
        self._policies = PolicySource(self.database, policy)
        self.policy = self._policies.current()
        self.orders = OrderQueries(self.database)
        self._knowledge: KnowledgeBase | None = None
        self.device_id = self._identity("device_id", _new_device_id)
        # Provisional until the first sign-in, when the central store assigns this
        # workstation a code of its own (app.sync.account.login); read at each intake.
        self._identity("station", lambda: "W" + self.device_id[:4].upper())

    @cached_property
    def events(self) -> EventLog:
        """The event log, loaded on first use (the intake screen opens without it)."""
        from app.store.eventlog import EventLog

        return EventLog(self.database)

    def _identity(self, key: str, default: Callable[[], str]) -> str:
        value = self.database.meta(key)
        if value is None:
            value = default()
            self.database.set_meta(key, value)
        return value

    @property
    def station(self) -> str:
        return self.database.meta("station") or "W" + self.device_id[:4].upper()

    def set_station(self, code: str) -> None:
        if not valid_station(code):
            raise ValueError("工位编号须为2至6位大写字母或数字")
        self.database.set_meta("station", code)

    def worker_database(self) -> Database:
        """The calling worker thread's own connection (app/store/workers.py)."""
        return self.workers.database()

    def reader(self) -> OrderQueries:
        """Order queries on this thread's own connection, for work off the GUI thread."""
        return self.workers.attached("orders", OrderQueries)

    def on_this_thread(self) -> Workspace:
        """This workspace on the calling thread's own connection (one per thread, kept), for
        an operation run off the GUI thread: the way every background operation gets its
        connection. It shares this one's worker connections; closing this one
        closes it (it is never closed itself)."""
        return self.workers.attached(
            "workspace",
            lambda _db: Workspace(self.home, self._policies.bundled, self.clock, worker_of=self),
        )

    def access(self, viewer: Viewer) -> OrderAccess:
        """The orders `viewer` may see, on the main connection: every screen lists, searches
        and opens orders through one of these (app/store/access.py)."""
        from app.store.access import OrderAccess

        return OrderAccess(self.orders, viewer)

    def reader_access(self, viewer: Viewer) -> OrderAccess:
        """The same on this thread's own connection, for work off the GUI thread."""
        from app.store.access import OrderAccess

        return OrderAccess(self.reader(), viewer)

    def open_order(self, viewer: Viewer, order_id: str) -> OrderView | None:
        """One order and its timeline as `viewer` may see them, or None (no such order, or
        not one of the viewer's: the same answer)."""
        return self.access(viewer).open(self.events, order_id)

    def knowledge(self) -> KnowledgeBase:
        """The knowledge base on the main connection (reading articles, editing, imports)."""
        if self._knowledge is None:
            from app.store.kb.articles import KnowledgeBase

            self._knowledge = KnowledgeBase(self.database, clock=self.clock)
        return self._knowledge

    def governance(self) -> Governance:
        """Proposals, rulings and flags of the knowledge base (app/store/kb/governance.py)."""
        from app.store.kb.governance import Governance

        return Governance(self.database, self.knowledge().get)

    def knowledge_reader(self) -> KnowledgeBase:
        """The knowledge base on this thread's own connection, for searches off the GUI thread."""
        from app.store.kb.articles import KnowledgeBase

        return self.workers.attached("kb", lambda db: KnowledgeBase(db, clock=self.clock))

    def defer_checkpoints(self) -> None:
        """Stop commits on this connection from copying the WAL into the database file.

        SQLite's automatic checkpoint runs inside whichever commit crosses the threshold,
        so every so often an intake's save would pay for copying the WAL. The GUI calls
        this and runs `checkpoint()` off its thread on a timer instead.
        """
        self.database.conn.execute("PRAGMA wal_autocheckpoint=0")

    def checkpoint(self) -> None:
        """Copy the WAL into the database without blocking writers (any thread)."""
        self.worker_database().scalar("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        """Close the connections; work off the GUI thread must be done with them."""
        self.workers.close()
        self.database.close()

    def transaction(self) -> AbstractContextManager[object]:
        """One commit for an operation of several steps (record and transfer, follow-up
        and reopen); nested steps join it."""
        return self.database.transaction()

    def _next_number(self, day: datetime) -> str:
        key = f"seq:{day:%y%m%d}"
        current = int(self.database.meta(key, "0") or 0)
        self.database.set_meta(key, str(current + 1))
        return order_number(day.date(), self.station, current + 1)

    def refresh_policy(self) -> Policy:
        """`policy` again from the bundle and the last pull (cheap when nothing changed:
        one meta read). Every action checks with it, as the central store does."""
        self.policy = self._policies.current()
        return self.policy

    def validate(self, intake: Intake, answer: str | None = None) -> list[FieldError]:
        errors = validate_intake(
            intake, self.clock(), self.policy.town_codes, self.policy.category_codes
        )
        if answer is not None and (e := validate_answer(answer)) is not None:
            errors.append(e)
        return errors

    def record_intake(
        self, intake: Intake, actor: Actor, direct_answer: DirectAnswer | None = None
    ) -> Order:
        """Validate, number and record an intake durably; raises IntakeInvalid."""
        policy = self.refresh_policy()
        intake = clean_intake(intake)  # what was typed, without invisible control characters
        if direct_answer is not None:
            direct_answer = replace(direct_answer, text=clean_text(direct_answer.text))
        errors = self.validate(intake, direct_answer.text if direct_answer else None)
        if errors:
            raise IntakeInvalid(errors)
        now = self.clock()
        deadline = reply_deadline(
            intake.received_at, intake.appeal_type, intake.urgency, policy.limits, policy.calendar
        )
        with self.database.transaction():
            number = self._next_number(intake.received_at)
            events = intake_events(
                intake,
                actor=actor,
                number=number,
                deadline=deadline,
                now=now,
                direct_answer=direct_answer,
            )
            for event in events:  # what the central store will check them with
                check_content(None, event.type, event.payload, event.client_time, policy)
            order = self.events.append_local(events)
            if direct_answer is not None and direct_answer.kb_article:
                # The caller's own words become evidence for the article that answered them:
                # with no caller's name or number in them (the evidence is searchable by
                # every role).
                words = blank(f"{order.title} {order.content}", caller_secrets(order))
                self.knowledge().record_usage(direct_answer.kb_article, words)
        return order

    def act(
        self,
        order_id: str,
        event_type: EventType,
        payload: Mapping[str, Any],
        actor: Actor,
        *,
        now: datetime | None = None,
    ) -> Order:
        """Any step of the chain after intake; raises rules.RuleViolation when refused.

        The central store's checks, in its order: rules.check (role, state, unit, the
        pulled unit list and catalogue), then checks.check_content (fields, deadlines).
        `now` is the event's time (a step whose payload was computed from the clock passes
        the instant it used)."""
        policy = self.refresh_policy()
        with self.database.transaction():
            order = self.events.load_order(order_id)
            if order is None:
                raise KeyError(order_id)
            event = order_event(
                order,
                event_type,
                clean_payload(event_type, payload),  # typed text without control characters
                actor=actor,
                now=now or self.clock(),
                units=policy.unit_info,
                functional=policy.functional_matter,
            )
            check_content(order, event.type, event.payload, event.client_time, policy)
            order = self.events.append_local([event])
        return order

    def reveal_contact(self, order_id: str, actor: Actor) -> str:
        """The full number of the order's caller, for a follow-up or dispatch user to call
        back; each reveal is recorded first (reveal_contact: who, when, which order), and
        syncs like every other event. Raises rules.RuleViolation for any other role (a
        unit never), KeyError for an order the user may not see or that does not exist."""
        if self.access(viewer_of(actor)).open(self.events, order_id) is None:
            raise KeyError(order_id)
        policy = self.refresh_policy()
        with self.database.transaction():
            order = self.events.load_order(order_id)
            if order is None:
                raise KeyError(order_id)
            event = order_event(order, EventType.REVEAL_CONTACT, {}, actor=actor, now=self.clock())
            check_content(order, event.type, event.payload, event.client_time, policy)
            self.events.append_orderless([event])
        return order.appellant.phone

    def reveals(self, order_id: str) -> list[Event]:
        """Who saw the order's full number, and when (its reveal_contact events)."""
        return [e for e in self.timeline(order_id) if e.type is EventType.REVEAL_CONTACT]

    DRAFT_KEY = "intake_draft"

    def save_draft(self, draft: str) -> None:
        """The half-typed intake (JSON), kept so a crash or a closed window loses nothing.
        Saved on the GUI thread at each pause in typing, so without waiting for the disk."""
        with self.database.relaxed():
            self.database.set_meta(self.DRAFT_KEY, draft)

    def load_draft(self) -> str:
        return self.database.meta(self.DRAFT_KEY) or ""

    HELD_PREFIX = "held_intake:"  # one meta row per held intake, so two windows on one
    # workspace (a launch racing the first one's start) never overwrite each other's

    def update_intake_state(
        self, draft: str, hold: Mapping[str, str] | None = None, release: Iterable[str] = ()
    ) -> None:
        """In one commit: the form's draft, intakes held (id → JSON) and intakes taken back
        (ids), so an intake moved between the form and the held list is never in neither.
        Without waiting for the disk, as save_draft."""
        with self.database.relaxed(), self.database.transaction() as conn:
            self.database.set_meta(self.DRAFT_KEY, draft)
            for held_id, body in (hold or {}).items():
                self.database.set_meta(self.HELD_PREFIX + held_id, body)
            for held_id in release:
                conn.execute("DELETE FROM meta WHERE key = ?", (self.HELD_PREFIX + held_id,))

    def load_held(self) -> list[str]:
        """The held intakes' JSON, in no particular order."""
        rows = self.database.query(
            "SELECT value FROM meta WHERE key > ? AND key < ?",
            (self.HELD_PREFIX, self.HELD_PREFIX[:-1] + ";"),  # ':' + 1
        )
        return [str(row[0]) for row in rows]

    def seat_users(self) -> set[str]:
        """Everyone who has signed in on this workstation (kept by app.store.seat, which is
        not imported here: it loads the event log, which the intake screen opens without)."""
        try:
            users = json.loads(self.database.meta("seat:users", "[]") or "[]")
        except ValueError:
            return set()
        return {str(u) for u in users} if isinstance(users, list) else set()

    def timeline(self, order_id: str) -> list[Event]:
        return self.events.events_of(order_id)

    def timeline_entries(self, order_id: str) -> list[TimelineEntry]:
        """Every stored event of the order, readable or not, with the central store's
        record of it (who pushed it, when it arrived) or why it is not accepted yet."""
        from app.store.orders.timeline import timeline

        return timeline(self.database, order_id)

    def pending_count(self) -> int:
        return int(self.database.scalar("SELECT COUNT(*) FROM outbox") or 0)

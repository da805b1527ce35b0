"""Knowledge-base governance on the workstation: record proposals, rulings and flags as
events (checked as the central store will check them), and read the queues.

A workspace signed in to a central store (or that has pulled from one) is *governed*: its
articles change only through the store, so a local edit or an import becomes proposals.
A workspace that never synced (the demo, a standalone desk) edits and imports locally.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.models.checks import check_fields
from app.models.drill_events import DRILL_SET_EVENTS, filed_under
from app.models.enums import EventType, Role
from app.models.kb import Article
from app.models.kb_events import (
    KB_EVENTS,
    Flag,
    Proposal,
    Thread,
    check_kb,
    kb_order_id,
    thread_for,
)
from app.models.operations import Actor, new_id
from app.models.payloads import check_payload, clean_payload
from app.models.records import Event
from app.models.rules import check
from app.store.db import Database
from app.store.eventlog import EventLog, event_from_row
from app.store.kb.governance_schema import GOVERNANCE_TYPES
from app.store.session import read_session

CURSOR = "sync:cursor"


def governed(database: Database) -> bool:
    """Whether this workspace's articles change only through the central store."""
    if read_session(database) is not None:
        return True
    return int(database.meta(CURSOR, "0") or 0) > 0


@dataclass(frozen=True)
class Waiting:
    """A proposal in a queue, with the article as it stands now (None: a new article)."""

    proposal: Proposal
    current: Article | None
    base: Article | None  # the version the proposal started from, when it is kept here
    stale: bool


@dataclass(frozen=True)
class Summary:
    """One unit's knowledge base at a glance (the editor's: the whole city, unit "")."""

    unit: str
    articles: int
    proposals: int
    flags: int
    expiring: int


class Governance:
    def __init__(self, database: Database, get: Any) -> None:
        """`get(article_id, version=None)`: KnowledgeBase.get."""
        self.database = database
        self.get = get

    # ---- reading ----------------------------------------------------------------------

    def _events(self, where: str = "", params: tuple[Any, ...] = ()) -> list[Event]:
        rows = self.database.query(
            f"SELECT * FROM events WHERE type IN {GOVERNANCE_TYPES} "
            f"AND rejected_code IS NULL {where} ORDER BY coalesce(server_seq, 1e18), seq",
            params,
        )
        return [event_from_row(r) for r in rows]

    def thread(self, article_id: str) -> Thread:
        events = self._events("AND order_id = ?", (kb_order_id(article_id),))
        return thread_for(article_id, self.get(article_id), events)

    def threads(self) -> list[Thread]:
        by_article: dict[str, list[Event]] = {}
        for event in self._events():
            by_article.setdefault(str(event.payload.get("article", "")), []).append(event)
        return [thread_for(a, self.get(a), evs) for a, evs in sorted(by_article.items())]

    def waiting(self, unit: str | None = None) -> list[Waiting]:
        """Proposals waiting for a ruling: all of them (unit None, the editor), or those a
        unit made or that concern its articles."""
        found = []
        for thread in self.threads():
            for proposal in thread.pending():
                if unit is not None and unit not in (proposal.unit, thread.owner):
                    continue
                current = self.get(thread.article)
                base = None
                if proposal.base_version:
                    base = self.get(thread.article, proposal.base_version)
                found.append(Waiting(proposal, current, base, thread.stale(proposal)))
        return found

    def returned(self, unit: str) -> list[Proposal]:
        return [
            p
            for t in self.threads()
            for p in t.proposals.values()
            if p.decision == "return" and p.unit == unit
        ]

    def open_flags(self, unit: str | None = None) -> list[Flag]:
        return [
            f for t in self.threads() if unit is None or t.owner == unit for f in t.open_flags()
        ]

    def flagged(self) -> set[str]:
        """Articles with a correction pending (an open flag)."""
        return {t.article for t in self.threads() if t.open_flags()}

    def expiring(self, today: date, days: int, unit: str | None = None) -> list[Article]:
        """Articles in force whose last day is within `days` of `today`, soonest first."""
        rows = self.database.query(
            "SELECT id FROM kb_current WHERE expires >= ? AND expires <= ? ORDER BY expires, id",
            (today.isoformat(), (today + timedelta(days=days)).isoformat()),
        )
        found = [self.get(str(r[0])) for r in rows]
        return [a for a in found if a is not None and (unit is None or a.unit == unit)]

    def summaries(self, today: date, days: int) -> list[Summary]:
        """Per unit: articles owned, proposals waiting, flags open, articles expiring."""
        owned: dict[str, int] = {}
        for unit, count in self.database.query(
            "SELECT a.unit, COUNT(*) FROM kb_current c JOIN kb_articles a "
            "ON a.id = c.id AND a.version = c.version GROUP BY a.unit"
        ):
            owned[str(unit)] = int(count)
        waiting: dict[str, int] = {}
        flags: dict[str, int] = {}
        for thread in self.threads():
            for p in thread.pending():
                key = thread.owner or p.unit
                waiting[key] = waiting.get(key, 0) + 1
            if thread.open_flags():
                flags[thread.owner] = flags.get(thread.owner, 0) + len(thread.open_flags())
        expiring: dict[str, int] = {}
        for article in self.expiring(today, days):
            expiring[article.unit] = expiring.get(article.unit, 0) + 1
        units = sorted(set(owned) | set(waiting) | set(flags) | set(expiring))
        return [
            Summary(u, owned.get(u, 0), waiting.get(u, 0), flags.get(u, 0), expiring.get(u, 0))
            for u in units
        ]

    # ---- recording --------------------------------------------------------------------

    def record(
        self,
        event_type: EventType,
        article_id: str,
        payload: Mapping[str, Any],
        actor: Actor,
        now: datetime,
    ) -> Event:
        """Check a governance event as the central store will (role, payload shape, the
        article's content, the article's thread) and put it in the log and the outbox.
        Raises RuleViolation."""
        if event_type not in KB_EVENTS:
            raise ValueError(f"{event_type} is not a knowledge-base governance event")
        body = {"article": article_id, **payload}
        thread = self.thread(article_id)
        return self._record(
            event_type,
            kb_order_id(article_id),
            body,
            actor,
            now,
            lambda: check_kb(thread, event_type, actor.role, actor.unit, body),
        )

    def record_drill(
        self, event_type: EventType, payload: Mapping[str, Any], actor: Actor, now: datetime
    ) -> Event:
        """A trainer's publication or retirement of drill scenarios (drill_events)."""
        if event_type not in DRILL_SET_EVENTS:
            raise ValueError(f"{event_type} is not a drill-set event")
        return self._record(
            event_type, filed_under(event_type, payload), dict(payload), actor, now, lambda: None
        )

    def _record(
        self,
        event_type: EventType,
        order_id: str,
        body: dict[str, Any],
        actor: Actor,
        now: datetime,
        state_check: Callable[[], None],
    ) -> Event:
        check(None, event_type, actor.role, actor_unit=actor.unit)
        body = clean_payload(event_type, body)  # typed or imported text, no control characters
        check_payload(event_type, body)
        check_fields(event_type, body, now, frozenset())
        state_check()
        event = Event(
            id=new_id(),
            order_id=order_id,
            type=event_type,
            payload=body,
            actor=actor.user,
            device_id=actor.device_id,
            client_time=now,
            base_version=0,
            role=actor.role.value,
            unit=actor.unit,
        )
        EventLog(self.database).append_orderless([event])
        return event


def may_propose(role: Role) -> bool:
    return role in (Role.UNIT, Role.KB_EDITOR)

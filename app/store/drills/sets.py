"""Drill sets, scenarios and attempts in the workspace's SQLite file.

    drills = DrillStore(workspace.database, clock=workspace.clock)
    drills.save_scenarios(scenarios)           # a set built or edited by a trainer
    drills.import_jsonl(path) / export_jsonl(path)
    drills.record_attempt(attempt, actor)      # an append-only event, synced like the others
    drills.attempts(user="op")                 # -> list[Attempt], oldest first
    drills.next_scenario("op", "停水", now)     # the scheduler's choice

Attempts are events (type drill_attempt) in the event log and the outbox; the
`drill_attempts` table is their projection, kept by a trigger (see drill_schema.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from app.models.clock import Clock, china_now
from app.models.drills import (
    Attempt,
    Card,
    Progress,
    Scenario,
    attempt_event,
    attempt_from_event,
    cards_from,
    next_scenario,
    parse_jsonl,
    progress,
    scenario_to_json,
)
from app.models.enums import AppealType, EventType
from app.models.jsonl import Line, read_lines
from app.models.operations import Actor
from app.models.records import Event
from app.store.db import Database
from app.store.eventlog import EventLog, event_from_row


@dataclass(frozen=True)
class DrillImport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: tuple[tuple[int, str], ...] = ()


def _scenario_from_row(row: sqlite3.Row) -> Scenario:
    return Scenario(
        id=row["id"],
        text=row["text"],
        articles=tuple(json.loads(row["articles"])),
        appeal_type=AppealType(row["appeal_type"]),
        category=row["category"],
        unit=row["unit"],
        set_name=row["set_name"],
        source=row["source"],
    )


def _values(s: Scenario) -> tuple[str, ...]:
    return (
        s.text,
        json.dumps(list(s.articles), ensure_ascii=False),
        s.appeal_type.value,
        s.category,
        s.unit,
        s.source,
    )


# Not retired by a trainer (app/store/kb/governance_schema.py): the scenario, or its set.
_IN_USE = (
    "NOT EXISTS (SELECT 1 FROM drill_retired r "
    "WHERE r.set_name = c.set_name AND r.scenario_id IN ('', c.id))"
)


class DrillStore:
    def __init__(self, database: Database, clock: Clock = china_now) -> None:
        self.database = database
        self.clock = clock
        self.events = EventLog(database)
        self._remembered: dict[str | None, tuple[tuple[Any, ...], list[Attempt]]] = {}

    # ---- sets and scenarios ---------------------------------------------------------

    def sets(self) -> list[tuple[str, int]]:
        """(name, number of scenarios), by name."""
        rows = self.database.query(
            "SELECT s.name, COUNT(c.id) FROM drill_sets s "
            f"LEFT JOIN drill_scenarios c ON c.set_name = s.name AND {_IN_USE} "
            "WHERE NOT EXISTS (SELECT 1 FROM drill_retired r "
            "WHERE r.set_name = s.name AND r.scenario_id = '') "
            "GROUP BY s.name ORDER BY s.name"
        )
        return [(str(r[0]), int(r[1])) for r in rows]

    def scenarios(self, set_name: str | None = None) -> list[Scenario]:
        if set_name is None:
            rows = self.database.query(
                f"SELECT * FROM drill_scenarios c WHERE {_IN_USE} ORDER BY set_name, position, id"
            )
        else:
            rows = self.database.query(
                f"SELECT * FROM drill_scenarios c WHERE set_name = ? AND {_IN_USE} "
                "ORDER BY position, id",
                (set_name,),
            )
        return [_scenario_from_row(r) for r in rows]

    def save_scenarios(self, scenarios: Iterable[Scenario]) -> DrillImport:
        """Add new scenarios at the end of their set, update changed ones; never deletes."""
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        now = self.clock().isoformat()
        with self.database.transaction() as conn:
            for s in scenarios:
                if not s.set_name:
                    raise ValueError(f"scenario {s.id} has no set")
                conn.execute(
                    "INSERT INTO drill_sets(name, created_at, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at",
                    (s.set_name, now, now),
                )
                old = conn.execute("SELECT * FROM drill_scenarios WHERE id = ?", (s.id,)).fetchone()
                if old is None:
                    position = conn.execute(
                        "SELECT COALESCE(MAX(position), 0) + 1 FROM drill_scenarios "
                        "WHERE set_name = ?",
                        (s.set_name,),
                    ).fetchone()[0]
                    conn.execute(
                        "INSERT INTO drill_scenarios (id, set_name, position, text, articles, "
                        "appeal_type, category, unit, source, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (s.id, s.set_name, position, *_values(s), now),
                    )
                    counts["created"] += 1
                elif _scenario_from_row(old) == s:
                    counts["unchanged"] += 1
                else:
                    conn.execute(
                        "UPDATE drill_scenarios SET set_name = ?, text = ?, articles = ?, "
                        "appeal_type = ?, category = ?, unit = ?, source = ?, updated_at = ? "
                        "WHERE id = ?",
                        (s.set_name, *_values(s), now, s.id),
                    )
                    counts["updated"] += 1
        return DrillImport(counts["created"], counts["updated"], counts["unchanged"])

    def import_lines(self, lines: Iterable[Line]) -> DrillImport:
        parsed = parse_jsonl(lines)
        report = self.save_scenarios(s for _, s in parsed.scenarios)
        return DrillImport(report.created, report.updated, report.unchanged, tuple(parsed.errors))

    def import_jsonl(self, path: Path | str) -> DrillImport:
        with Path(path).open("rb") as handle:
            return self.import_lines(read_lines(handle))

    def write_jsonl(self, handle: TextIO, set_name: str | None = None) -> int:
        scenarios = self.scenarios(set_name)
        handle.writelines(scenario_to_json(s) + "\n" for s in scenarios)
        return len(scenarios)

    def export_jsonl(self, path: Path | str, set_name: str | None = None) -> int:
        with Path(path).open("w", encoding="utf-8") as handle:
            return self.write_jsonl(handle, set_name)

    # ---- attempts -------------------------------------------------------------------

    def record_attempt(self, attempt: Attempt, actor: Actor) -> Event:
        """Append the attempt to the event log and the outbox; raises RuleViolation when
        the actor's role does not drill."""
        event = attempt_event(attempt, role=actor.role, device_id=actor.device_id, unit=actor.unit)
        self.events.append_orderless([event])
        return event

    def attempts(self, user: str | None = None, set_name: str | None = None) -> list[Attempt]:
        """Attempts recorded here or pulled from the central store, oldest first.

        A user's (or everyone's, for the trainer's dashboard) are remembered until another
        arrives (attempts are only ever added): the drill screen asks for them several
        times at every answer, and reading thousands of them from their events is slow."""
        if set_name is not None:
            return self._read_attempts(user, set_name)
        sql = "SELECT COUNT(*), MAX(event_seq) FROM drill_attempts"
        rows = (
            self.database.query(sql, ())
            if user is None
            else self.database.query(sql + " WHERE user = ?", (user,))
        )
        key = tuple(rows[0])
        known = self._remembered.get(user)
        if known is None or known[0] != key:
            known = self._remembered[user] = (key, self._read_attempts(user, None))
        return list(known[1])

    def _read_attempts(self, user: str | None, set_name: str | None) -> list[Attempt]:
        where, params = [], []
        if user is not None:
            where.append("a.user = ?")
            params.append(user)
        if set_name is not None:
            where.append("a.set_name = ?")
            params.append(set_name)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.database.query(
            "SELECT e.id, e.order_id, e.type, e.payload, e.actor, e.role, e.unit, e.device_id, "
            "e.client_time, e.base_version FROM drill_attempts a "
            f"JOIN events e ON e.seq = a.event_seq {clause} ORDER BY a.answered_at, a.event_seq",
            tuple(params),
        )
        return [attempt_from_event(event_from_row(r)) for r in rows]

    def trainees(self) -> list[str]:
        return [
            str(r[0])
            for r in self.database.query("SELECT DISTINCT user FROM drill_attempts ORDER BY user")
        ]

    def pending_attempts(self) -> int:
        """Attempts still waiting in the outbox."""
        return int(
            self.database.scalar(
                "SELECT COUNT(*) FROM outbox o JOIN events e ON e.seq = o.event_seq "
                "WHERE e.type = ?",
                (EventType.DRILL_ATTEMPT.value,),
            )
            or 0
        )

    # ---- the schedule ---------------------------------------------------------------

    def cards(self, user: str) -> dict[str, Card]:
        return cards_from(self.attempts(user))

    def next_scenario(
        self,
        user: str,
        set_name: str,
        now: datetime | None = None,
        *,
        ahead: bool = False,
        skip: str = "",
    ) -> Scenario | None:
        return next_scenario(
            self.scenarios(set_name),
            self.cards(user),
            now or self.clock(),
            ahead=ahead,
            skip=skip,
        )

    def progress(self, user: str, set_name: str, now: datetime | None = None) -> Progress:
        return progress(self.scenarios(set_name), self.cards(user), now or self.clock())

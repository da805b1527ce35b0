"""Drill storage: sets, JSON Lines, attempts as synced events, and the central store's feed."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.models.clock import CHINA
from app.models.drills import Answer, Scenario, attempt_event, grade
from app.models.enums import AppealType, Role
from app.models.operations import Actor
from app.models.rules import RuleViolation
from app.models.serial import event_to_dict
from app.store.drills.sets import DrillStore
from app.store.sync.state import PulledPage, PushResult, SyncState
from app.store.workspace import Workspace
from server.auth import User
from server.feed import Feed
from server.schema import Database

WATER = Scenario("s1", "明天是不是要停水", ("kb-0001",), AppealType.ENQUIRY, "A0201", "gs", "水电")
POWER = Scenario("s2", "家里突然停电了", ("kb-0003",), AppealType.HELP, "A0202", "gdj", "水电")
NOISE = Scenario("s3", "楼下烧烤太吵", ("kb-0100",), AppealType.COMPLAINT, "A0301", "cgj", "噪声")


@pytest.fixture
def drills(workspace: Workspace) -> DrillStore:
    store = DrillStore(workspace.database, clock=workspace.clock)
    store.save_scenarios([WATER, POWER, NOISE])
    return store


def op(workspace: Workspace, name: str = "op") -> Actor:
    return Actor(name, Role.OPERATOR, workspace.device_id)


def test_sets_scenarios_and_edits(drills: DrillStore) -> None:
    assert drills.sets() == [("水电", 2), ("噪声", 1)] or drills.sets() == [
        ("噪声", 1),
        ("水电", 2),
    ]
    assert drills.scenarios("水电") == [WATER, POWER]
    edited = WATER.with_changes(text="听说明天停水，停到几点")
    report = drills.save_scenarios([edited, POWER])
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert drills.scenarios("水电")[0] == edited  # keeps its place in the set


def test_jsonl_export_and_import(drills: DrillStore, workspace: Workspace, tmp_path: Path) -> None:
    out = io.StringIO()
    assert drills.write_jsonl(out) == 3
    lines = out.getvalue().splitlines()
    assert {json.loads(line)["set"] for line in lines} == {"水电", "噪声"}
    other = DrillStore(Workspace(tmp_path / "other", workspace.policy).database)
    report = other.import_lines([*lines, "{oops"])
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert [n for n, _ in report.errors] == [4]
    assert other.scenarios() == drills.scenarios()


def test_an_attempt_is_an_event_in_the_outbox_and_touches_no_order(
    drills: DrillStore, workspace: Workspace, clock
) -> None:  # type: ignore[no-untyped-def]
    now = clock()
    attempt = grade(
        WATER,
        Answer("kb-0001", AppealType.ENQUIRY, "gs"),
        user="op",
        started=now - timedelta(seconds=9),
        answered_at=now,
    )
    event = drills.record_attempt(attempt, op(workspace))
    assert workspace.pending_count() == 1 and drills.pending_attempts() == 1
    assert workspace.database.scalar("SELECT COUNT(*) FROM orders") == 0
    assert drills.attempts("op") == [attempt]
    assert workspace.timeline("drill:s1")[0].id == event.id
    assert workspace.events.rebuild_all() == 0
    sync = SyncState(workspace.database)
    wire = [event_to_dict(e) for e in sync.outbox_batch()]
    assert wire[0]["type"] == "drill_attempt" and wire[0]["order_id"] == "drill:s1"
    tally = sync.record_push([PushResult(event.id, "accepted", seq=7)])
    assert tally.accepted == 1 and drills.pending_attempts() == 0
    assert workspace.database.scalar("SELECT COUNT(*) FROM orders") == 0
    with pytest.raises(RuleViolation):
        drills.record_attempt(attempt, Actor("u", Role.UNIT, "d", unit="gs"))


def test_pulled_attempts_count_like_local_ones(
    drills: DrillStore, workspace: Workspace, clock
) -> None:  # type: ignore[no-untyped-def]
    now = clock()
    theirs = grade(
        POWER,
        Answer("kb-0002", AppealType.HELP, "gdj"),
        user="op2",
        started=now - timedelta(seconds=30),
        answered_at=now,
    )
    event = attempt_event(theirs, role=Role.OPERATOR, device_id="other-dev")
    page = PulledPage([(11, event_to_dict(event))], [], None, None, "", 11)
    assert drills.attempts("op2") == []  # remembered, and still seen to change below
    SyncState(workspace.database).apply_page(page)
    assert drills.attempts("op2") == [theirs]
    assert drills.trainees() == ["op2"]
    assert workspace.database.scalar("SELECT COUNT(*) FROM orders") == 0
    assert workspace.pending_count() == 0


def test_the_schedule_follows_the_attempts(drills: DrillStore, workspace: Workspace, clock) -> None:  # type: ignore[no-untyped-def]
    actor = op(workspace)
    now = clock()
    assert drills.next_scenario("op", "水电", now) == WATER
    drills.record_attempt(
        grade(
            WATER,
            Answer("kb-0001", AppealType.ENQUIRY, "gs"),
            user="op",
            started=now,
            answered_at=now,
        ),
        actor,
    )
    assert drills.next_scenario("op", "水电", now) == POWER
    drills.record_attempt(
        grade(
            POWER,
            Answer("kb-0001", AppealType.HELP, "gdj"),
            user="op",
            started=now,
            answered_at=now,
        ),
        actor,
    )
    assert drills.next_scenario("op", "水电", now) is None
    assert drills.next_scenario("op", "水电", now + timedelta(minutes=10)) == POWER
    p = drills.progress("op", "水电", now)
    assert (p.new, p.learning) == (0, 2)


def test_the_central_store_accepts_attempts_and_gives_them_to_trainers(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    db.create()
    now = datetime(2026, 11, 27, 10, 0, tzinfo=CHINA)
    feed = Feed(db, lambda code: None, clock=lambda: now)
    attempt = grade(
        WATER,
        Answer("kb-0001", AppealType.ENQUIRY, "gs"),
        user="op1",
        started=now,
        answered_at=now,
    )
    body = event_to_dict(attempt_event(attempt, role=Role.OPERATOR, device_id="d"))
    operator = User(1, "op1", Role.OPERATOR, "")
    [result] = feed.push(operator, [body])
    assert result.result == "accepted", result
    again = dict(body, id="other-id")
    assert feed.push(operator, [again])[0].result == "accepted"  # same scenario, second try
    assert feed.push(operator, [body])[0].result == "duplicate"
    unit = User(2, "cgj", Role.UNIT, "cgj")
    by_unit = dict(body, id="by-unit", actor="cgj", role="unit", unit="cgj")
    assert feed.push(unit, [by_unit])[0].code == "forbidden_role"
    trainer = User(3, "t1", Role.TRAINER, "")
    page = feed.pull(trainer, 0, 100)
    assert len(page["events"]) == 2
    assert feed.pull(unit, 0, 100)["events"] == []

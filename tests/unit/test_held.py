"""Held intakes as stored in the workspace: read back whatever is there, never fail."""

from __future__ import annotations

from app.models.held import HeldIntake, dump_held, parse_held
from app.store.workspace import Workspace


def test_held_intakes_and_the_draft_change_in_one_commit(workspace: Workspace) -> None:
    first = HeldIntake("2026-11-27T10:30:00+08:00", {"phone": "13800001234", "title": "路灯不亮"})
    second = HeldIntake("2026-11-27T10:30:00+08:00", {"content": "  半句\n话  "}, "zhang")
    workspace.update_intake_state('{"phone": "139"}', {first.id: dump_held(first)})
    workspace.update_intake_state('{"phone": "139"}', {second.id: dump_held(second)})
    assert parse_held(workspace.load_held()) == [first, second]  # in the order held
    assert workspace.load_draft() == '{"phone": "139"}'
    assert [h.first_words() for h in (first, second)] == ["路灯不亮", "半句 话"]
    workspace.update_intake_state('{"title": "路灯不亮"}', release=[first.id])
    assert parse_held(workspace.load_held()) == [second]
    assert workspace.load_draft() == '{"title": "路灯不亮"}'
    workspace.database.set_meta("held_intakez", "not a held intake")  # a neighbouring key
    assert parse_held(workspace.load_held()) == [second]


def test_unreadable_held_entries_are_skipped_not_fatal() -> None:
    bodies = ["not json", '{"a": 1}', "[1]", '{"state": "x"}']
    assert parse_held(bodies) == []
    [only] = parse_held([*bodies, '{"state": {"title": "井盖缺失"}, "held_at": "t"}'])
    assert only.state == {"title": "井盖缺失"} and only.id


def test_first_words_are_cut_to_one_short_line() -> None:
    item = HeldIntake("t", {"title": "", "content": "很" * 40})
    assert item.first_words() == "很" * 17 + "…"
    assert HeldIntake("t", {}).first_words() == ""


def test_held_intakes_are_their_signed_in_authors_only() -> None:
    from app.models.held import visible_to

    ann, bob, local = (HeldIntake("t", {}, user) for user in ("ann", "bob", "zhang"))
    seat = {"ann", "bob"}
    assert visible_to([ann, bob, local], "ann", seat) == [ann, local]
    assert visible_to([ann, bob, local], "carol", seat) == [local]
    assert visible_to([ann, bob, local], "demo-operator", set()) == [ann, bob, local]


def test_seat_users_read_whatever_is_stored(workspace: Workspace) -> None:
    assert workspace.seat_users() == set()
    workspace.database.set_meta("seat:users", '["ann", "bob"]')
    assert workspace.seat_users() == {"ann", "bob"}
    workspace.database.set_meta("seat:users", "not json")
    assert workspace.seat_users() == set()

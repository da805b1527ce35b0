"""Held intakes as stored in the workspace: read back whatever is there, never fail."""

from __future__ import annotations

from app.models.held import HeldIntake, dump_held, parse_held
from app.store.workspace import Workspace


def test_held_intakes_round_trip_through_the_workspace(workspace: Workspace) -> None:
    held = [
        HeldIntake(
            "2026-11-27T10:30:00+08:00", {"phone": "13800001234", "title": "路灯不亮"}, "zhang"
        ),
        HeldIntake("2026-11-27T10:31:00+08:00", {"phone": "", "content": "  半句\n话  "}),
    ]
    workspace.save_intake_state('{"phone": "139"}', dump_held(held))
    assert parse_held(workspace.load_held()) == held
    assert workspace.load_draft() == '{"phone": "139"}'
    assert [h.first_words() for h in held] == ["路灯不亮", "半句 话"]
    workspace.save_intake_state("", dump_held([]))
    assert workspace.load_held() == "" and workspace.load_draft() == ""


def test_unreadable_held_entries_are_skipped_not_fatal() -> None:
    assert parse_held("not json") == []
    assert parse_held('{"a": 1}') == []
    raw = '[1, {"state": "x"}, {"state": {"title": "井盖缺失"}, "held_at": "t"}]'
    [only] = parse_held(raw)
    assert only.state == {"title": "井盖缺失"} and only.id


def test_first_words_are_cut_to_one_short_line() -> None:
    item = HeldIntake("t", {"title": "", "content": "很" * 40})
    assert item.first_words() == "很" * 17 + "…"
    assert HeldIntake("t", {}).first_words() == ""

"""What operators type, as the domain reads it: order numbers in any spacing, case or width."""

from __future__ import annotations

import pytest

from app.models.numbering import normalise_number


@pytest.mark.parametrize(
    "typed",
    [
        "ZS261128-W07-0012",
        "zs261128-w07-0012",
        "zs261128 w07 0012",
        " ZS 261128 W07 0012 ",
        "ZS261128W070012",
        "ＺＳ２６１１２８－Ｗ０７－００１２",
        "ZS261128—W07—0012",
        "ZS261128\u2013W07\u20130012",
        "ZS261128_W07.0012",
    ],
)
def test_an_order_number_is_read_however_it_was_typed(typed: str) -> None:
    assert normalise_number(typed) == "ZS261128-W07-0012"


def test_a_renumbered_order_keeps_its_suffix_and_a_station_may_end_in_digits() -> None:
    assert normalise_number("zs261128 w07 0012 2") == "ZS261128-W07-0012-2"
    assert normalise_number("zs261128ab120001") == "ZS261128-AB12-0001"


def test_text_that_is_no_number_stays_itself_upper_cased() -> None:
    assert normalise_number("w07 0012") == "W07-0012"
    assert normalise_number("") == ""


def test_control_characters_are_taken_out_of_what_a_workstation_records(workspace) -> None:  # type: ignore[no-untyped-def]
    from app.models.enums import FlagKind, Role
    from app.models.operations import Actor, DirectAnswer
    from app.models.records import Appellant
    from app.operations import intake as intake_ops
    from tests.support.builders import make_intake

    operator = Actor("op", Role.OPERATOR, workspace.device_id)
    pasted = make_intake(
        appellant=Appellant("13800001234", "陈\x00先生"),
        title="停水\x1b[31m求助",
        content="第一行\r\n第二行\x85\t完",
        address="石岐\x7f孙文中路",
    )
    order = workspace.record_intake(pasted, operator, DirectAnswer("已答复\x07"))
    assert (order.appellant.name, order.title, order.address) == (
        "陈先生",
        "停水[31m求助",
        "石岐孙文中路",
    )
    assert order.content == "第一行\n第二行\t完"
    assert order.answer == "已答复"
    flagged = intake_ops.flag(workspace, order.id, operator, FlagKind.FALSE, "捏造\x1b事实").value
    assert workspace.timeline(flagged.id)[-1].payload["reason"] == "捏造事实"


def test_the_store_checks_refuse_control_characters_at_any_depth() -> None:
    from app.models.enums import EventType
    from app.models.payloads import clean_payload, text_length_errors

    payload = {"appellant": {"name": "李\x1b"}, "title": "t\x9b", "content": "a\nb\tc"}
    errors = text_length_errors(EventType.INTAKE, payload)
    assert {(e.field, e.code) for e in errors} == {
        ("appellant.name", "control_chars"),
        ("title", "control_chars"),
    }
    assert text_length_errors(EventType.INTAKE, clean_payload(EventType.INTAKE, payload)) == []


def test_a_knowledge_base_proposal_is_recorded_without_control_characters(workspace) -> None:  # type: ignore[no-untyped-def]
    from app.models.enums import Role
    from app.models.operations import Actor
    from app.operations import kb as kb_ops
    from app.store.kb.articles import demo_articles_path

    workspace.knowledge().import_jsonl(demo_articles_path())
    current = workspace.knowledge().get("kb-0087")
    revised = current.with_changes(answer="新口径\x1b[0m\r\n第二行")
    unit = Actor("dw", Role.UNIT, "d", unit="rsj")
    event = kb_ops.propose(workspace, unit, revised, current.version, note="调整\x07").value
    assert (event.payload["answer"], event.payload["note"]) == ("新口径[0m\n第二行", "调整")

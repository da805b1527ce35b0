"""Every rule of docs/domain.md#the-rules-that-refuse, refused alike by a workstation and by the
central store.

For each rule: the honest client refuses the step (rules.RuleViolation with the rule's code);
then the same step is recorded on a workstation past its own check (a tampered or outdated
client, or one claiming another role or unit than its signed-in user's) and pushed through
the real server, which answers `rejected` with the same code and message, stores nothing of
it, and the workstation's attention list shows it with the server's reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from app.models.checks import check_content
from app.models.clock import CHINA
from app.models.deadlines import extend, reply_deadline
from app.models.enums import AppellantKind, EventType, Role
from app.models.numbering import order_number
from app.models.operations import DirectAnswer, intake_events
from app.models.payloads import check_payload
from app.models.places import Unit
from app.models.policy import Policy
from app.models.protocol import HEADER, PROTOCOL_VERSION
from app.models.records import Appellant, Event, Intake, Order
from app.models.rules import RuleViolation
from app.models.validation import describe, event_field_errors
from app.models.visibility import Viewer
from app.resources import load_policy
from app.store.workspace import IntakeInvalid
from tests.support.clock import FixedClock
from tests.support.server import (
    BACKENDS,
    ServerProcess,
    fixed_clock_args,
    seed_users,
    server_database,
    server_rows,
)
from tests.support.station import Station
from tests.support.station_chain import actor, craft, intake, record
from tests.support.users import PASSWORD, TOWN_USERS, USERS

E = EventType
CALENDAR = load_policy().calendar


@pytest.fixture(scope="module", params=BACKENDS)
def central(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """One server per backend for the whole module; every case makes its own order."""
    tmp = tmp_path_factory.mktemp("rules-server")
    with server_database(request.param, tmp) as url:
        seed_users(url, {**USERS, **TOWN_USERS})
        proc = ServerProcess(url, tmp / "server.log", args=fixed_clock_args())
        proc.start()
        yield proc
        proc.stop()


class Desk:
    """The operator, the dispatcher and three units, each its own workstation."""

    def __init__(self, server: ServerProcess, home: Path, policy: Policy) -> None:
        self.server = server
        self.clock = FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=CHINA))
        self.op = Station.at(home / "op", policy, self.clock)
        self.disp = Station.at(home / "disp", policy, self.clock)
        self.units = {
            "cgj": Station.at(home / "cgj", policy, self.clock),
            "gaj": Station.at(home / "gaj", policy, self.clock),
            "town_shiqi": Station.at(home / "shiqi", policy, self.clock),
        }
        self.users = {
            "op1": self.op,
            "disp1": self.disp,
            "unit_cgj": self.units["cgj"],
            "unit_gaj": self.units["gaj"],
            "unit_shiqi": self.units["town_shiqi"],
        }

    def login(self) -> None:  # the in-memory keyring is new for every test
        for user, station in self.users.items():
            station.login(self.server.url, user)

    def all(self) -> list[Station]:
        return list(self.users.values())

    def tick(self) -> None:
        self.clock.now += timedelta(minutes=7)

    def step(
        self, station: Station, order: Order, kind: EventType, payload: dict[str, Any]
    ) -> Order:
        self.tick()
        done = station.act(order.id, kind, payload)
        assert station.sync().rejected == 0
        for other in self.all():
            if other is not station:
                other.sync()
        return done

    # ---- orders in the state a case needs -----------------------------------------------

    def received(self, **fields: Any) -> Order:
        self.tick()
        order = record(self.op, **fields)
        self.op.sync()
        self.disp.sync()
        return order

    def dispatched(self, lead: str = "cgj", assists: tuple[str, ...] = (), **fields: Any) -> Order:
        order = self.received(**fields)
        payload = {"lead_unit": lead, "assist_units": list(assists)}
        return self.step(self.disp, order, E.DISPATCH, payload)

    def handling(self, lead: str = "cgj", assists: tuple[str, ...] = (), **fields: Any) -> Order:
        order = self.dispatched(lead, assists, **fields)
        return self.step(self.units[lead], order, E.SIGN, {})

    def returned_upheld(self) -> Order:
        order = self.dispatched("gaj")
        payload = {"reason": "非本单位职责", "text": "属市场监管职责"}
        order = self.step(self.units["gaj"], order, E.RETURN_REQUEST, payload)
        return self.step(self.disp, order, E.RETURN_RULING, {"upheld": True, "opinion": "同意"})

    def extension_asked(self) -> Order:
        order = self.handling()
        return self.step(
            self.units["cgj"], order, E.EXTENSION_REQUEST, {"days": 3, "reason": "协调"}
        )

    def unreasonable_asked(self) -> Order:
        order = self.handling()
        payload = {"reason": "诉求明显超出政策规定"}
        return self.step(self.units["cgj"], order, E.UNREASONABLE_REQUEST, payload)

    def replied(self) -> Order:
        order = self.handling()
        payload = {"text": "已责令停工", "contacted": True, "resolved": True}
        return self.step(self.units["cgj"], order, E.REPLY, payload)

    def closed(self) -> Order:
        order = self.replied()
        order = self.step(self.disp, order, E.REVIEW, {"approved": True, "opinion": ""})
        return self.step(self.disp, order, E.CLOSE, {})

    def reopen_due(self) -> Order:
        order = self.closed()
        payload = {
            "reached": True,
            "resolved": False,
            "satisfaction": "不满意",
            "text": "工地仍在夜间施工",
        }
        return self.step(self.op, order, E.FOLLOW_UP, payload)

    def assisted_then_redispatched(self) -> Order:
        """gaj assisted cgj; the order was then re-dispatched to zjj alone. gaj still has
        the order (grants are kept) but no longer leads or assists on it."""
        order = self.dispatched("cgj", ("gaj",))
        return self.step(self.disp, order, E.REDISPATCH, _lead("zjj"))

    def close(self) -> None:
        for station in self.all():
            station.close()


@pytest.fixture(scope="module")
def desk_base(
    central: ServerProcess, tmp_path_factory: pytest.TempPathFactory, policy: Policy
) -> Iterator[Desk]:
    desk = Desk(central, tmp_path_factory.mktemp("rules-desk"), policy)
    yield desk
    desk.close()


@pytest.fixture
def desk(desk_base: Desk) -> Desk:
    desk_base.login()
    return desk_base


@dataclass(frozen=True)
class Case:
    code: str  # the rule's code, on the client and on the server
    who: str  # the user at the keyboard
    kind: EventType
    prepare: Callable[[Desk], Order]
    payload: Callable[[Order], dict[str, Any]] | dict[str, Any] = field(default_factory=dict)

    def payload_for(self, order: Order) -> dict[str, Any]:
        return self.payload(order) if callable(self.payload) else dict(self.payload)


def _lead(unit: str, *assists: str) -> dict[str, Any]:
    return {"lead_unit": unit, "assist_units": list(assists)}


CASES = {
    # roles: only a dispatcher dispatches (the role comes from the token, not the event)
    "operator_dispatches": Case("forbidden_role", "op1", E.DISPATCH, Desk.received, _lead("cgj")),
    "unit_closes": Case("forbidden_role", "unit_cgj", E.CLOSE, Desk.replied),
    # the chain's order of steps
    "reply_before_sign": Case(
        "invalid_transition",
        "unit_cgj",
        E.REPLY,
        Desk.dispatched,
        {"text": "已处理", "contacted": True, "resolved": True},
    ),
    "follow_up_before_close": Case(
        "invalid_transition",
        "op1",
        E.FOLLOW_UP,
        Desk.replied,
        {"reached": True, "resolved": True, "satisfaction": "满意"},
    ),
    # only the lead unit handles
    "assisting_unit_signs": Case(
        "not_lead_unit",
        "unit_gaj",
        E.SIGN,
        lambda d: d.dispatched("cgj", ("gaj",)),
    ),
    "assisting_unit_replies": Case(
        "not_lead_unit",
        "unit_gaj",
        E.REPLY,
        lambda d: d.handling("cgj", assists=("gaj",)),
        {"text": "已处理", "contacted": True, "resolved": True},
    ),
    # 村(居)委会 only assists: never the lead
    "village_committee_as_lead": Case(
        "assist_only_lead", "disp1", E.DISPATCH, Desk.received, _lead("cw_xiqu_changzhou")
    ),
    # 国办函〔2025〕66号: a functional department's matter is not pushed down to a 镇街
    "functional_matter_pushed_down": Case(
        "pushed_down",
        "disp1",
        E.DISPATCH,
        lambda d: d.received(category="A0101"),
        _lead("town_shiqi"),
    ),
    "functional_matter_pushed_down_on_redispatch": Case(
        "pushed_down",
        "disp1",
        E.REDISPATCH,
        lambda d: d.dispatched("zjj", category="A0101"),
        _lead("town_shiqi"),
    ),
    # the dispatch itself
    "unknown_unit": Case("unknown_unit", "disp1", E.DISPATCH, Desk.received, _lead("nosuchunit")),
    "unknown_assisting_unit": Case(
        "unknown_unit", "disp1", E.DISPATCH, Desk.received, _lead("cgj", "nosuchunit")
    ),
    "lead_also_assists": Case(
        "lead_is_assist", "disp1", E.DISPATCH, Desk.received, _lead("cgj", "cgj")
    ),
    "no_lead_unit": Case("no_lead_unit", "disp1", E.DISPATCH, Desk.received, _lead("")),
    # 退单 → 改派: a re-dispatch, never a second dispatch; to another unit
    "dispatch_after_upheld_return": Case(
        "already_dispatched", "disp1", E.DISPATCH, Desk.returned_upheld, _lead("cgj")
    ),
    "redispatch_never_dispatched": Case(
        "never_dispatched", "disp1", E.REDISPATCH, Desk.received, _lead("cgj")
    ),
    "redispatch_to_same_unit": Case(
        "same_unit", "disp1", E.REDISPATCH, Desk.handling, _lead("cgj")
    ),
    # pending requests
    "second_extension_request": Case(
        "extension_pending",
        "unit_cgj",
        E.EXTENSION_REQUEST,
        Desk.extension_asked,
        {"days": 2, "reason": "再次申请"},
    ),
    "extension_ruling_without_request": Case(
        "no_extension_pending",
        "disp1",
        E.EXTENSION_RULING,
        Desk.handling,
        {"approved": False, "opinion": "无申请", "days": 0},
    ),
    "second_unreasonable_request": Case(
        "unreasonable_pending",
        "unit_cgj",
        E.UNREASONABLE_REQUEST,
        Desk.unreasonable_asked,
        {"reason": "再次申请"},
    ),
    "unreasonable_ruling_without_request": Case(
        "no_unreasonable_pending",
        "disp1",
        E.UNREASONABLE_RULING,
        Desk.handling,
        {"approved": True, "opinion": "认定"},
    ),
    # 重新办理 only after an unresolved or unsatisfied follow-up
    "reopen_not_due": Case("reopen_not_due", "op1", E.REOPEN, Desk.closed, {"reason": "想重办"}),
    # 并单 into another order
    "merge_into_itself": Case(
        "bad_merge_target", "disp1", E.MERGE, Desk.received, lambda o: {"into": o.id}
    ),
    # what a step must say
    "flag_without_reason": Case(
        "reason_required", "op1", E.FLAG, Desk.received, {"kind": "malicious", "reason": " "}
    ),
    "return_with_unknown_reason": Case(
        "bad_return_reason", "unit_cgj", E.RETURN_REQUEST, Desk.handling, {"reason": "不想办"}
    ),
    "return_other_without_text": Case(
        "reason_required",
        "unit_cgj",
        E.RETURN_REQUEST,
        Desk.handling,
        {"reason": "其他", "text": ""},
    ),
    # a return, a transfer and an unsatisfied follow-up say why (empty, blank or missing)
    "return_without_text": Case(
        "reason_required", "unit_cgj", E.RETURN_REQUEST, Desk.handling, {"reason": "属地不符"}
    ),
    "return_with_blank_text": Case(
        "reason_required",
        "unit_cgj",
        E.RETURN_REQUEST,
        Desk.dispatched,
        {"reason": "非本单位职责", "text": " \u3000\n\t"},
    ),
    "transfer_without_reason": Case(
        "reason_required", "op1", E.TRANSFER, Desk.received, {"target": "110", "reason": ""}
    ),
    "transfer_with_blank_reason": Case(
        "reason_required",
        "op1",
        E.TRANSFER,
        Desk.received,
        {"target": "other_city", "reason": "  "},
    ),
    "transfer_with_no_reason_field": Case(
        "reason_required", "disp1", E.TRANSFER, Desk.received, {"target": "120"}
    ),
    "unsatisfied_follow_up_without_reason": Case(
        "reason_required",
        "op1",
        E.FOLLOW_UP,
        Desk.closed,
        {"reached": True, "contacted": True, "resolved": True, "satisfaction": "不满意"},
    ),
    "unsatisfied_follow_up_with_blank_reason": Case(
        "reason_required",
        "op1",
        E.FOLLOW_UP,
        Desk.closed,
        {"reached": True, "resolved": False, "satisfaction": "不满意", "text": "\u3000 "},
    ),
    # blanks Python's strip keeps (zero-width, BOM, NUL and other controls), punctuation or
    # symbols alone: no reason either
    "transfer_with_zero_width_reason": Case(
        "reason_required",
        "op1",
        E.TRANSFER,
        Desk.received,
        {"target": "110", "reason": "\u200b\u200c\u200d\u2060\ufeff\u3000"},
    ),
    "return_with_control_characters": Case(
        "reason_required",
        "unit_cgj",
        E.RETURN_REQUEST,
        Desk.handling,
        {"reason": "属地不符", "text": "\x00\x01\x7f\u200e"},
    ),
    "transfer_with_punctuation_reason": Case(
        "reason_required",
        "disp1",
        E.TRANSFER,
        Desk.received,
        {"target": "province", "reason": "。。。……？！——"},
    ),
    "unsatisfied_follow_up_with_symbols_only": Case(
        "reason_required",
        "op1",
        E.FOLLOW_UP,
        Desk.closed,
        {"reached": True, "resolved": False, "satisfaction": "不满意", "text": "...???👎"},
    ),
    "review_sent_back_with_dashes_only": Case(
        "opinion_required",
        "disp1",
        E.REVIEW,
        Desk.replied,
        {"approved": False, "opinion": "-- \u200b --"},
    ),
    "extension_of_zero_days": Case(
        "bad_days", "unit_cgj", E.EXTENSION_REQUEST, Desk.handling, {"days": 0, "reason": "协调"}
    ),
    "extension_without_reason": Case(
        "reason_required", "unit_cgj", E.EXTENSION_REQUEST, Desk.handling, {"days": 2}
    ),
    "extension_approved_for_no_days": Case(
        "bad_days",
        "disp1",
        E.EXTENSION_RULING,
        Desk.extension_asked,
        {"approved": True, "opinion": "同意", "days": 0, "new_deadline": "2026-12-31T23:59:59"},
    ),
    "unreasonable_without_reason": Case(
        "reason_required", "unit_cgj", E.UNREASONABLE_REQUEST, Desk.handling, {"reason": ""}
    ),
    "empty_reply": Case(
        "reply_required",
        "unit_cgj",
        E.REPLY,
        Desk.handling,
        {"text": "", "contacted": True, "resolved": True},
    ),
    "send_back_without_opinion": Case(
        "opinion_required", "disp1", E.REVIEW, Desk.replied, {"approved": False, "opinion": ""}
    ),
    "follow_up_without_satisfaction": Case(
        "satisfaction_required",
        "op1",
        E.FOLLOW_UP,
        Desk.closed,
        {"reached": True, "resolved": True},
    ),
    "extension_of_more_than_sixty_days": Case(
        "bad_days",
        "disp1",
        E.EXTENSION_RULING,
        Desk.extension_asked,
        {"approved": True, "opinion": "同意", "days": 61, "new_deadline": "2027-03-31T23:59:59"},
    ),
    # deadlines are the calendar's and the reply limits', whoever computes them
    "extension_deadline_in_calendar_days": Case(
        "deadline_mismatch",
        "disp1",
        E.EXTENSION_RULING,
        Desk.extension_asked,
        lambda o: {
            "approved": True,
            "opinion": "同意",
            "days": 3,
            "new_deadline": (o.deadline + timedelta(days=3)).isoformat(),
        },
    ),
    "extension_with_a_forged_warning": Case(
        "deadline_mismatch",
        "disp1",
        E.EXTENSION_RULING,
        Desk.extension_asked,
        lambda o: {
            "approved": True,
            "opinion": "同意",
            "days": 3,
            "new_deadline": extend(o.deadline, 3, CALENDAR).due.isoformat(),
            "deadline_warning": "日历已收录，期限准确",
        },
    ),
    "reopen_keeping_a_later_deadline": Case(
        "deadline_mismatch",
        "op1",
        E.REOPEN,
        Desk.reopen_due,
        lambda o: {
            "reason": "不满意",
            "new_deadline": (o.deadline + timedelta(days=30)).isoformat(),
        },
    ),
    "reopen_without_deadline": Case(
        "no_new_deadline", "op1", E.REOPEN, Desk.reopen_due, {"reason": "不满意"}
    ),
    # what an operator types is checked on the server as on the intake screen
    "caller_with_a_bad_phone": Case(
        "invalid_field",
        "op1",
        E.ADD_CALLER,
        Desk.received,
        {"phone": "12345", "name": "王先生", "confidential": False, "text": "同一事项"},
    ),
    # a caller's full number is revealed to the follow-up desk and dispatchers, never a unit
    "unit_reveals_the_number": Case("forbidden_role", "unit_cgj", E.REVEAL_CONTACT, Desk.handling),
    # a unit acts only on orders it leads or assists on now
    "former_assisting_unit_notes": Case(
        "not_assigned",
        "unit_gaj",
        E.NOTE,
        Desk.assisted_then_redispatched,
        {"text": "我局也在跟进"},
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule_refused_on_client_and_server(desk: Desk, name: str) -> None:
    case = CASES[name]
    order = case.prepare(desk)
    station = desk.users[case.who]
    station.sync()
    order = station.ws.events.load_order(order.id) or order
    payload = case.payload_for(order)
    # the honest workstation refuses it
    with pytest.raises(RuleViolation) as local:
        station.act(order.id, case.kind, payload)
    assert local.value.code == case.code
    assert station.state.pending_count() == 0
    before = server_rows(
        desk.server.db_url, f"SELECT status, version FROM orders WHERE id = '{order.id}'"
    )
    # a workstation that skips its check records it anyway (in its user's own name, role and
    # unit: other claims are refused before any rule, tests/e2e/test_authorship.py)
    event = craft(station, order.id, case.kind, payload)
    summary = station.sync()
    assert (summary.accepted, summary.rejected) == (0, 1)
    # the central store refused it with the same rule, and stored nothing of it
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{event.id}'") == []
    assert (
        server_rows(
            desk.server.db_url, f"SELECT status, version FROM orders WHERE id = '{order.id}'"
        )
        == before
    )
    (item,) = [i for i in station.state.attention() if i.event_id == event.id]
    assert item.code == case.code
    assert item.message == local.value.message  # the server's reason is the rule's reason
    assert item.order_number == order.number and item.type == case.kind.value
    # the workstation's projection is the server's truth again, the refused event kept
    assert station.ws.events.load_order(order.id) == order
    assert event.id in {e.id for e in station.ws.timeline(order.id)}
    station.state.resolve(event.id, "dismiss")
    assert station.state.attention() == []


def test_every_refusing_rule_has_a_case() -> None:
    """Each code rules.check can raise is exercised above."""
    import re

    models = Path(__file__).resolve().parents[2] / "app" / "models"
    codes: set[str] = set()
    for name in ("rules.py", "checks.py"):
        text = (models / name).read_text(encoding="utf-8")
        codes |= set(re.findall(r'RuleViolation\(\s*"([a-z_]+)"', text))
    covered = {case.code for case in CASES.values()} | WIRE_ONLY
    assert codes <= covered, codes - covered


# Refused before a workstation could even record it (its projection cannot fold the event),
# so only a hand-made push can carry it; tested over the wire below.
WIRE_ONLY: set[str] = set()


def _token(desk: Desk, user: str) -> str:
    r = requests.post(
        desk.server.url + "/api/v1/auth/token",
        json={"user": user, "password": PASSWORD},
        timeout=10,
    )
    return str(r.json()["token"])


def _push_wire(desk: Desk, user: str, wire: dict[str, Any]) -> requests.Response:
    return requests.post(
        desk.server.url + "/api/v1/sync/push",
        json={"device_id": "x", "events": [wire]},
        headers={"Authorization": f"Bearer {_token(desk, user)}", HEADER: str(PROTOCOL_VERSION)},
        timeout=10,
    )


def _wire(
    order: Order, kind: EventType, payload: dict[str, Any], user: str, desk: Desk
) -> dict[str, Any]:
    return {
        "id": f"{kind.value}-{user}-{order.id[:8]}",
        "order_id": order.id,
        "type": kind.value,
        "payload": payload,
        "actor": user,
        "role": {**USERS, **TOWN_USERS}[user][0],
        "unit": {**USERS, **TOWN_USERS}[user][1],
        "device_id": "x",
        "client_time": desk.clock.now.isoformat(),
        "base_version": order.version,
    }


def test_approved_extension_needs_a_new_deadline(desk: Desk) -> None:
    order = desk.extension_asked()
    payload = {"approved": True, "opinion": "同意", "days": 3}
    with pytest.raises(RuleViolation) as local:
        desk.disp.act(order.id, E.EXTENSION_RULING, payload)
    assert local.value.code == "no_new_deadline"
    wire = _wire(order, E.EXTENSION_RULING, payload, "disp1", desk)
    r = _push_wire(desk, "disp1", wire)
    assert r.status_code == 409
    assert r.json()["results"][0]["code"] == "no_new_deadline"
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'") == []


def test_an_extension_deadline_reaches_the_unit_with_its_warning(desk: Desk) -> None:
    """Forty working days on from late 2026 reach into 2027, which the bundled calendar does
    not cover: the store takes the warning the rules give and the unit's workstation shows
    it beside the new deadline."""
    from app.models.checks import deadline_fields, expected_deadline

    order = desk.extension_asked()
    payload: dict[str, Any] = {"approved": True, "opinion": "同意", "days": 40}
    policy = desk.disp.ws.policy
    due = expected_deadline(
        order, E.EXTENSION_RULING, payload, desk.clock.now, policy.limits, policy.calendar
    )
    assert due is not None and due.due.year == 2027
    payload.update(deadline_fields(E.EXTENSION_RULING, due))
    desk.step(desk.disp, order, E.EXTENSION_RULING, payload)
    unit = desk.units["cgj"].ws.events.load_order(order.id)
    assert unit is not None and unit.deadline == due.due
    assert unit.deadline_warning == due.warning
    if not policy.calendar.covers(2027):  # until the city's file or the package has 2027
        assert "2027" in unit.deadline_warning


def test_a_reveal_by_the_centre_syncs_and_changes_no_order(desk: Desk) -> None:
    """A dispatcher's and an operator's reveal_contact are accepted, stored with who pushed
    them, reach the other centre workstations under the order, and change nothing of it;
    a hand-made push of one by a unit is refused."""
    order = desk.handling(confidential=True, name="欧阳保密", phone="13912345678")
    before = server_rows(
        desk.server.db_url, f"SELECT status, version FROM orders WHERE id = '{order.id}'"
    )
    for station, user in ((desk.disp, "disp1"), (desk.op, "op1")):
        station.sync()
        desk.tick()
        assert station.ws.reveal_contact(order.id, actor(station)) == "13912345678"
        summary = station.sync()
        assert (summary.accepted, summary.rejected) == (1, 0)
        stored = server_rows(
            desk.server.db_url,
            f"SELECT pushed_by FROM events WHERE order_id = '{order.id}' "
            "AND type = 'reveal_contact' ORDER BY seq DESC LIMIT 1",
        )
        assert [tuple(r) for r in stored] == [(user,)]
    assert (
        server_rows(
            desk.server.db_url, f"SELECT status, version FROM orders WHERE id = '{order.id}'"
        )
        == before
    )
    desk.op.sync()
    shown = [(e.actor, e.type) for e in desk.op.ws.reveals(order.id)]
    assert shown == [("disp1", E.REVEAL_CONTACT), ("op1", E.REVEAL_CONTACT)]
    assert desk.op.ws.events.load_order(order.id).version == order.version  # type: ignore[union-attr]
    # a unit's hand-made push, even claiming the dispatcher's role and name
    wire = {
        **_wire(order, E.REVEAL_CONTACT, {}, "disp1", desk),
        "id": f"reveal-by-unit-{order.id[:8]}",
        "role": "dispatcher",
    }
    r = _push_wire(desk, "unit_cgj", wire)
    assert r.json()["results"][0]["code"] == "actor_mismatch"  # not the token's user
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'") == []
    # and in its own name and role: a unit may not reveal a number
    wire = {**_wire(order, E.REVEAL_CONTACT, {}, "unit_cgj", desk), "id": f"rv-{order.id[:8]}"}
    r = _push_wire(desk, "unit_cgj", wire)
    assert r.json()["results"][0]["code"] == "forbidden_role"
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'") == []
    # and the unit's workstation never shows who called the appellant back
    unit = desk.units["cgj"]
    unit.sync()
    view = unit.ws.open_order(Viewer(Role.UNIT, "cgj"), order.id)
    assert view is not None
    assert not [e for e in view.events if e.type is E.REVEAL_CONTACT]


def test_unit_cannot_act_on_an_order_never_dispatched_to_it(desk: Desk) -> None:
    """A unit that learns an order's id some other way still cannot sign it."""
    order = desk.dispatched("cgj")
    intruder = desk.units["gaj"]
    intruder.sync()
    assert order.id not in intruder.order_ids()  # it never received the order
    # a sign pushed by hand, claiming the lead unit, or in its own name
    wire = {**_wire(order, E.SIGN, {}, "unit_gaj", desk), "unit": "cgj"}
    r = _push_wire(desk, "unit_gaj", wire)
    assert (r.status_code, r.json()["results"][0]["code"]) == (404, "unknown_order")
    wire = _wire(order, E.SIGN, {}, "unit_gaj", desk)
    r = _push_wire(desk, "unit_gaj", wire)
    # the answer for an order that does not exist: nothing tells the unit this one does
    assert r.status_code == 404
    assert r.json()["results"][0]["code"] == "unknown_order"
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'") == []


# ---- what an operator types: the intake screen's checks, on both sides --------------------

Change = Callable[[Station], dict[str, Any]]


def _appellant(**fields: Any) -> Change:
    return lambda _s: {"appellant": Appellant(**{"phone": "13800138000", **fields})}


INTAKE_CASES: dict[str, tuple[str, Change]] = {
    "phone_too_short": ("phone", _appellant(phone="12345")),
    "phone_with_letters": ("phone", _appellant(phone="1380013800a")),
    "no_phone": ("phone", _appellant(phone=" ")),
    "name_too_long": ("name", _appellant(name="张" * 51)),
    "company_without_its_name": ("company", _appellant(name="李", kind=AppellantKind.COMPANY)),
    "blank_title": ("title", lambda _s: {"title": "  "}),
    "title_too_long": ("title", lambda _s: {"title": "题" * 101}),
    "blank_content": ("content", lambda _s: {"content": ""}),
    "content_too_long": ("content", lambda _s: {"content": "很" * 4001}),
    "address_too_long": ("address", lambda _s: {"address": "路" * 201}),
    "no_category": ("category", lambda _s: {"category": ""}),
    "category_not_in_the_tree": ("category", lambda _s: {"category": "Z9999"}),
    "town_outside_zhongshan": ("town", lambda _s: {"town": "tianhe"}),
    "received_tomorrow": ("received_at", lambda s: {"received_at": s.ws.clock() + timedelta(1)}),
    "received_long_ago": ("received_at", lambda s: {"received_at": s.ws.clock() - timedelta(400)}),
}


def craft_intake(station: Station, bad: Intake, answer: str | None = None) -> list[Event]:
    """Record an intake WITHOUT the intake screen's checks (a tampered workstation), with
    the deadline the rules give, so that only the typed fields are wrong."""
    policy = station.ws.policy
    due = reply_deadline(
        bad.received_at, bad.appeal_type, bad.urgency, policy.limits, policy.calendar
    )
    station._n += 1
    events = intake_events(
        bad,
        actor=actor(station),
        number=order_number(station.ws.clock().date(), "TAMPER", station._n),
        deadline=due,
        now=station.ws.clock(),
        direct_answer=DirectAnswer(answer) if answer is not None else None,
    )
    station.ws.events.append_local(events)
    return events


def _refused_by_server(desk: Desk, station: Station, event: Event) -> Any:
    summary = station.sync()
    assert summary.rejected == 1
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{event.id}'") == []
    (item,) = [i for i in station.state.attention() if i.event_id == event.id]
    station.state.resolve(event.id, "dismiss")
    return item


@pytest.mark.parametrize("name", list(INTAKE_CASES))
def test_intake_field_refused_on_client_and_server(desk: Desk, name: str) -> None:
    field_name, change = INTAKE_CASES[name]
    station = desk.op
    desk.tick()
    bad = dataclasses.replace(intake(station), **change(station))
    with pytest.raises(IntakeInvalid) as local:
        station.ws.record_intake(bad, actor(station))
    assert field_name in {e.field for e in local.value.errors}
    assert station.state.pending_count() == 0
    (event,) = craft_intake(station, bad)
    item = _refused_by_server(desk, station, event)
    assert item.code == "invalid_field"
    assert item.message == describe(local.value.errors)  # every wrong field, named
    assert f"{field_name}: " in item.message
    assert event.order_id not in station.order_ids()  # the refused intake leaves no order
    assert (
        server_rows(desk.server.db_url, f"SELECT id FROM orders WHERE id = '{event.order_id}'")
        == []
    )


def test_empty_direct_answer_refused_on_client_and_server(desk: Desk) -> None:
    station = desk.op
    desk.tick()
    good = intake(station)
    with pytest.raises(IntakeInvalid) as local:
        station.ws.record_intake(good, actor(station), DirectAnswer("  "))
    assert [e.field for e in local.value.errors] == ["answer"]
    taken, answered = craft_intake(station, good, answer="  ")
    summary = station.sync()
    assert (summary.accepted, summary.rejected) == (1, 1)  # the intake stands, not the answer
    (item,) = [i for i in station.state.attention() if i.event_id == answered.id]
    assert (item.code, item.message) == ("invalid_field", describe(local.value.errors))
    order = station.ws.events.load_order(taken.order_id)
    assert order is not None and order.status.value == "received"
    station.state.resolve(answered.id, "dismiss")


def _intake_wire(desk: Desk, **payload: Any) -> dict[str, Any]:
    station = desk.op
    desk.tick()
    (event,) = intake_events(
        intake(station),
        actor=actor(station),
        number=order_number(desk.clock.now.date(), "WIRE", 1),
        deadline=reply_deadline(
            desk.clock.now,
            intake(station).appeal_type,
            intake(station).urgency,
            station.ws.policy.limits,
            station.ws.policy.calendar,
        ),
        now=desk.clock.now,
    )
    return {
        "id": event.id,
        "order_id": event.order_id,
        "type": "intake",
        "payload": {**event.payload, **payload},
        "actor": "op1",
        "role": "operator",
        "unit": "",
        "device_id": "x",
        "client_time": desk.clock.now.isoformat(),
        "base_version": 0,
    }


def test_hand_made_intakes_refused_as_a_workstation_would(desk: Desk) -> None:
    """What no intake screen can produce (an appeal type outside the list, a deadline other
    than the calendar's) is refused by the server with the code and message the shared
    check gives on a workstation."""
    policy = desk.op.ws.policy
    for payload, code in (
        ({"appeal_type": "吐槽", "urgency": "很急"}, "invalid_field"),
        ({"appellant": {"phone": 13800138000}}, "invalid_type"),
        ({"appellant": {"phone": "13800138000", "nickname": "老陈"}}, "unknown_field"),
        ({"received_at": "2026-11-27 09:00"}, "invalid_field"),  # no offset
        ({"deadline": "2027-01-31T23:59:59+08:00"}, "deadline_mismatch"),
    ):
        wire = _intake_wire(desk, **payload)
        with pytest.raises(RuleViolation) as local:  # a workstation's checks, in order
            check_payload(E.INTAKE, wire["payload"])
            check_content(None, E.INTAKE, wire["payload"], desk.clock.now, policy)
        assert local.value.code == code
        r = _push_wire(desk, "op1", wire)
        assert r.status_code == (409 if code == "deadline_mismatch" else 422)
        result = r.json()["results"][0]
        assert (result["code"], result["message"]) == (code, local.value.message)
        assert not server_rows(
            desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'"
        )
    errors = event_field_errors(E.INTAKE, {"appeal_type": "吐槽"}, desk.clock.now, set())
    assert {"appeal_type", "urgency", "appellant", "received_at"} <= {e.field for e in errors}


def test_unit_never_given_the_order_cannot_note_it(desk: Desk) -> None:
    """A unit that learns an order's id some other way cannot add a note to it (its
    workstation does not even have the order)."""
    order = desk.dispatched("cgj")
    wire = _wire(order, E.NOTE, {"text": "路过看看"}, "unit_gaj", desk)
    r = _push_wire(desk, "unit_gaj", wire)
    assert r.status_code == 404
    assert r.json()["results"][0]["code"] == "unknown_order"
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'") == []


# ---- the unit list: the server's, once pulled ------------------------------------------


def test_dispatch_checked_against_the_pulled_unit_list(
    desk: Desk, policy: Policy, tmp_path: Path
) -> None:
    """A workstation installed with an older bundle (it still lists a unit the city has
    removed, and lacks one it has added) checks with its bundle only until its first pull;
    from then on it refuses and accepts exactly what the server does."""
    removed = Unit("ghost", "已撤并的单位", "city_department", None, False)
    stale = dataclasses.replace(
        policy, units=[*(u for u in policy.units if u.code != "zjj"), removed]
    )
    station = Station.at(tmp_path / "stale", stale, desk.clock)
    try:
        station.login(desk.server.url, "disp2")
        desk.tick()
        first, second = record(station), record(station)
        with pytest.raises(RuleViolation) as bundled:  # its bundle does not know zjj yet
            station.act(first.id, E.DISPATCH, _lead("zjj"))
        assert bundled.value.code == "unknown_unit"
        to_ghost = station.act(first.id, E.DISPATCH, _lead("ghost"))  # its bundle says yes
        event = station.ws.timeline(to_ghost.id)[-1]
        summary = station.sync()  # pushes, and pulls the server's units and catalogue
        assert (summary.accepted, summary.rejected) == (2, 1)
        (item,) = [i for i in station.state.attention() if i.event_id == event.id]
        assert item.code == "unknown_unit"
        station.state.resolve(event.id, "dismiss")
        # the pulled list, now: refused locally with the server's own reason
        with pytest.raises(RuleViolation) as pulled:
            station.act(second.id, E.DISPATCH, _lead("ghost"))
        assert (pulled.value.code, pulled.value.message) == (item.code, item.message)
        assert station.ws.policy.unit_info("ghost") is None
        done = station.act(second.id, E.DISPATCH, _lead("zjj"))  # accepted on both sides
        assert done.lead_unit == "zjj"
        assert (station.sync().accepted, station.state.attention()) == (1, [])
    finally:
        station.close()


@pytest.mark.parametrize(
    ("reason", "status", "code"),
    [
        ("转" * 1_000_000, 422, "invalid_field"),  # a 1 MB paste: refused by its length
        ("\u200b" * 4001, 409, "reason_required"),  # long blanks: the rules read it first
        ("\u200b" * 100, 409, "reason_required"),  # blanks within the length: no reason
    ],
    ids=["1MB", "long-blanks", "blanks"],
)
def test_a_transfer_reason_over_the_wire(desk: Desk, reason: str, status: int, code: str) -> None:
    """A hand-made push: a reason past validation.MAX_NOTE is refused with the length
    message, blanks of any length as no reason (the rules run before the content checks);
    nothing stored."""
    order = desk.received()
    wire = _wire(order, E.TRANSFER, {"target": "110", "reason": reason}, "op1", desk)
    r = _push_wire(desk, "op1", wire)
    result = r.json()["results"][0] if r.status_code in (409, 422) else {}
    assert (r.status_code, result.get("code")) == (status, code), r.text[:300]
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'") == []


def test_a_reason_with_a_control_character_inside_is_refused(desk: Desk) -> None:
    """A real reason that carries a control character (pasted from another program) is
    refused by the field check, on either backend (PostgreSQL text holds no NUL), with the
    field named; nothing stored."""
    order = desk.received()
    reason = "来电人要求转市公安\x00处理\x07"
    wire = _wire(order, E.TRANSFER, {"target": "110", "reason": reason}, "op1", desk)
    r = _push_wire(desk, "op1", wire)
    assert r.status_code == 422, r.text[:300]
    result = r.json()["results"][0]
    assert result["code"] == "invalid_field" and result["message"].startswith("reason")
    assert server_rows(desk.server.db_url, f"SELECT id FROM events WHERE id = '{wire['id']}'") == []

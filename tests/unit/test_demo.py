"""The demo workspace: realistic, consistent with its events, deterministic, polite."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.enums import (
    OPEN_STATUSES,
    AppealType,
    AppellantKind,
    Channel,
    EventType,
    Role,
    Status,
    Urgency,
)
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.records import Appellant, Intake
from app.models.serial import order_from_dict, order_to_dict
from app.models.validation import phone_error
from app.store.demo.generator import DEMO_DEVICE_PREFIX, META_KEY, TYPE_MIX, is_empty, seed_demo
from app.store.orders.query import OrderFilter
from app.store.workspace import Workspace
from tests.support.clock import NOW

ORDERS = 1500


def _workspace(home: Path, policy: Policy) -> Workspace:
    return Workspace(home, policy, clock=lambda: NOW)


@pytest.fixture(scope="module")
def progress_calls() -> list[tuple[int, int]]:
    return []


@pytest.fixture(scope="module")
def seeded(
    tmp_path_factory: pytest.TempPathFactory,
    policy: Policy,
    progress_calls: list[tuple[int, int]],
) -> Iterator[Workspace]:
    ws = _workspace(tmp_path_factory.mktemp("demo"), policy)
    assert is_empty(ws)

    def progress(done: int, total: int) -> None:
        progress_calls.append((done, total))

    assert seed_demo(ws, orders=ORDERS, days=90, seed=12345, progress=progress) == ORDERS
    yield ws
    ws.close()


def _orders(ws: Workspace) -> list[dict[str, object]]:
    return [json.loads(r["data"]) for r in ws.database.query("SELECT data FROM orders")]


def test_seeds_the_requested_number_of_orders(seeded: Workspace) -> None:
    assert seeded.database.scalar("SELECT COUNT(*) FROM orders") == ORDERS
    assert not is_empty(seeded)
    intakes = seeded.database.scalar("SELECT COUNT(*) FROM events WHERE type = 'intake'")
    assert intakes == ORDERS
    numbers = seeded.database.scalar("SELECT COUNT(DISTINCT number) FROM orders")
    assert numbers == ORDERS


def test_progress_is_reported_up_to_the_total(
    seeded: Workspace, progress_calls: list[tuple[int, int]]
) -> None:
    calls = progress_calls
    assert calls[0] == (0, ORDERS)
    assert calls[-1] == (ORDERS, ORDERS)
    done = [d for d, _ in calls]
    assert done == sorted(done)


def test_demo_events_are_not_unsent_work(seeded: Workspace) -> None:
    assert seeded.pending_count() == 0
    info = json.loads(seeded.database.meta(META_KEY) or "{}")
    assert info["orders"] == ORDERS and info["seed"] == 12345
    devices = {r[0] for r in seeded.database.query("SELECT DISTINCT device_id FROM events")}
    assert devices and all(d.startswith(DEMO_DEVICE_PREFIX) for d in devices)
    assert seeded.device_id not in devices


def test_type_mix_follows_the_domain(seeded: Workspace) -> None:
    counts = Counter(o["appeal_type"] for o in _orders(seeded))
    for kind, share in TYPE_MIX.items():
        measured = 100 * counts[kind.value] / ORDERS
        tolerance = 4.0 if share > 10 else 2.0
        assert abs(measured - share) <= tolerance, (kind, measured, share)
    rare = sum(counts[k.value] for k in (AppealType.COMPLAINT, AppealType.REPORT))
    assert rare > 0


def test_most_enquiries_are_answered_on_the_call(seeded: Workspace) -> None:
    enquiries = [o for o in _orders(seeded) if o["appeal_type"] == AppealType.ENQUIRY.value]
    direct = [o for o in enquiries if o["direct"]]
    assert 0.82 <= len(direct) / len(enquiries) <= 0.90
    assert all(o["answer"] for o in direct)
    assert not any(o["direct"] for o in _orders(seeded) if o["appeal_type"] != "咨询")


def test_projection_equals_a_rebuild_from_events(seeded: Workspace) -> None:
    before = {o["id"]: o for o in _orders(seeded)}
    assert seeded.events.rebuild_all() == ORDERS
    after = {o["id"]: o for o in _orders(seeded)}
    assert after == before
    # …and the full-text index was rebuilt with it: every title is found again
    sample = next(iter(after.values()))
    assert seeded.orders.count(OrderFilter(text=str(sample["title"]))) >= 1


def test_statuses_spread_along_the_chain(seeded: Workspace) -> None:
    orders = [order_from_dict(o) for o in _orders(seeded)]
    statuses = Counter(o.status for o in orders)
    for status in (
        Status.CLOSED,
        Status.ARCHIVED,
        Status.HANDLING,
        Status.TRANSFERRED,
    ):
        assert statuses[status] > 0, status
    assert sum(statuses[s] for s in OPEN_STATUSES) > 0.01 * ORDERS
    assert any(o.supervised for o in orders)
    assert any(o.return_count for o in orders)
    assert any(o.extension_count for o in orders)
    assert any(o.reopen_count for o in orders)
    assert any(o.satisfaction is not None for o in orders)
    overdue_open = [o for o in orders if o.status in OPEN_STATUSES and o.deadline < NOW]
    assert 0 < len(overdue_open) < 0.05 * ORDERS
    # older orders are further along
    open_age = [NOW - o.received_at for o in orders if o.status in OPEN_STATUSES]
    archived_age = [NOW - o.received_at for o in orders if o.status is Status.ARCHIVED]
    assert sum(open_age, NOW - NOW) / len(open_age) < sum(archived_age, NOW - NOW) / len(
        archived_age
    )


def test_orders_are_realistic(seeded: Workspace, policy: Policy) -> None:
    orders = [order_from_dict(o) for o in _orders(seeded)]
    assert all(phone_error(o.appellant.phone) is None for o in orders)
    assert all(o.town in policy.town_by_code for o in orders)
    assert all(NOW.timestamp() - o.received_at.timestamp() <= 91 * 86400 for o in orders)
    assert all(o.received_at <= NOW for o in orders)
    urgency = Counter(o.urgency for o in orders)
    assert urgency[Urgency.NORMAL] > 0.9 * ORDERS
    assert any(o.appellant.confidential for o in orders)
    assert any(o.appellant.kind is AppellantKind.COMPANY and o.appellant.company for o in orders)
    assert Counter(o.channel for o in orders)[Channel.PHONE] > 0.7 * ORDERS
    # repeat callers: about 15 % of orders come from a number that called before
    seen: set[str] = set()
    repeats = 0
    for o in sorted(orders, key=lambda o: o.received_at):
        repeats += o.appellant.phone in seen
        seen.add(o.appellant.phone)
    assert 0.08 <= repeats / ORDERS <= 0.25
    for o in orders:
        if o.lead_unit:
            unit = policy.unit_by_code[o.lead_unit]
            assert not unit.assist_only


def test_events_follow_time_and_the_catalogue(seeded: Workspace, policy: Policy) -> None:
    catalogue = {(c.category, c.town): c.lead for c in policy.catalogue}
    rows = seeded.database.query("SELECT id AS order_id FROM orders ORDER BY random() LIMIT 300")
    for row in rows:
        events = seeded.timeline(row["order_id"])
        times = [e.client_time for e in events]
        assert times == sorted(times) and times[-1] <= NOW
        assert [e.base_version for e in events] == list(range(len(events)))
        for e in events:
            if e.type is EventType.DISPATCH:
                order = seeded.events.load_order(e.order_id)
                assert order is not None
                expected = catalogue.get((order.category, order.town)) or catalogue.get(
                    (order.category, None)
                )
                assert e.payload["lead_unit"] == expected
            if e.role == Role.UNIT.value:
                assert e.unit


def test_seeding_is_deterministic(tmp_path: Path, policy: Policy) -> None:
    def snapshot(home: Path, seed: int) -> list[tuple[str, str]]:
        ws = _workspace(home, policy)
        seed_demo(ws, orders=120, seed=seed)
        orders = ws.database.query("SELECT id, data FROM orders ORDER BY id")
        events = ws.database.query("SELECT id, payload FROM events ORDER BY id")
        ws.close()
        return [tuple(r) for r in orders] + [tuple(r) for r in events]

    first = snapshot(tmp_path / "a", 7)
    assert snapshot(tmp_path / "b", 7) == first
    assert snapshot(tmp_path / "c", 8) != first


def test_a_workspace_with_data_is_left_alone(tmp_path: Path, policy: Policy) -> None:
    ws = _workspace(tmp_path / "ws", policy)
    intake = Intake(
        appellant=Appellant(phone="13800001234", name="陈先生"),
        appeal_type=AppealType.HELP,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category="A0201",
        town="shiqi",
        address="石岐孙文中路1号",
        title="停水",
        content="家里停水一天了",
        received_at=NOW,
    )
    ws.record_intake(intake, Actor("op", Role.OPERATOR, ws.device_id))
    assert not is_empty(ws)
    assert seed_demo(ws, orders=50) == 0
    assert ws.database.scalar("SELECT COUNT(*) FROM orders") == 1
    assert ws.pending_count() == 1  # the operator's own unsent work is untouched
    assert ws.database.meta(META_KEY) is None
    ws.close()


def test_a_seeded_workspace_is_not_seeded_twice(seeded: Workspace) -> None:
    assert seed_demo(seeded, orders=10) == 0
    assert seeded.database.scalar("SELECT COUNT(*) FROM orders") == ORDERS


def test_order_to_dict_round_trip_of_demo_orders(seeded: Workspace) -> None:
    for data in _orders(seeded)[:200]:
        assert order_to_dict(order_from_dict(data)) == data


def test_the_demo_knowledge_base_is_imported(seeded: Workspace) -> None:
    kb = pytest.importorskip("app.store.kb.articles")
    assert kb.KnowledgeBase(seeded.database).count() > 0

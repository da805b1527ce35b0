"""The one place that decides what each role sees of the orders (app/store/access.py),
attacked through every way a screen lists, searches or opens orders, as every role.

The cache holds every order (the demo workspace: all roles on one local cache). The
confidential caller's name and number are also typed into the title, content and address,
and an added caller asks for confidentiality of their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

import pytest

from app.models.enums import Role
from app.models.operations import Actor, DirectAnswer
from app.models.records import Appellant, Order
from app.models.reports import AssessmentPolicy, Period, Scope, build_report
from app.models.visibility import Viewer
from app.store.access import OrderAccess
from app.store.orders.query import OrderFilter
from app.store.reports.queries import ReportQueries, Selection
from app.store.workspace import Workspace
from tests.support.builders import make_intake
from tests.support.clock import NOW
from tests.support.steps import Steps

SECRET_NAME = "欧阳保密"
SECRET_PHONE = "13912345678"
ADDED_NAME = "司马另保"
ADDED_PHONE = "13700001111"
OPEN_NAME = "陈公开"
OPEN_PHONE = "13800009999"
SECRETS = (SECRET_NAME, SECRET_PHONE, ADDED_NAME, ADDED_PHONE)

OPERATOR = Actor("op", Role.OPERATOR, "d")
DISPATCHER = Actor("pd", Role.DISPATCHER, "d")


def unit(code: str) -> Actor:
    return Actor(f"dw-{code}", Role.UNIT, "d", unit=code)


class Orders:
    """cgj leads the confidential order; zjj leads another; gaj handled one that was then
    re-dispatched to zjj (it keeps seeing it); one was never dispatched."""

    def __init__(self, ws: Workspace) -> None:
        chain = Steps(ws)
        self.confidential = ws.record_intake(
            make_intake(
                appellant=Appellant(SECRET_PHONE, SECRET_NAME, confidential=True),
                title=f"{SECRET_NAME}反映停水",
                content=f"来电人{SECRET_NAME}（{SECRET_PHONE}）反映家中停水",
                address=f"石岐孙文中路1号{SECRET_NAME}家",
                received_at=NOW - timedelta(hours=5),
            ),
            OPERATOR,
        )
        chain.dispatch(self.confidential.id, DISPATCHER, "cgj", ())
        self.other_unit = ws.record_intake(
            make_intake(
                appellant=Appellant(OPEN_PHONE, OPEN_NAME),
                title="占道经营",
                received_at=NOW - timedelta(hours=4),
            ),
            OPERATOR,
        )
        chain.dispatch(self.other_unit.id, DISPATCHER, "zjj", ())
        self.moved = ws.record_intake(
            make_intake(title="井盖缺失", received_at=NOW - timedelta(hours=3)), OPERATOR
        )
        chain.dispatch(self.moved.id, DISPATCHER, "gaj", ())
        chain.dispatch(self.moved.id, DISPATCHER, "zjj", ())  # 改派: gaj keeps its grant
        self.waiting = ws.record_intake(
            make_intake(title="咨询社保", received_at=NOW - timedelta(hours=2)), OPERATOR
        )
        self.added = ws.record_intake(
            make_intake(
                appellant=Appellant(OPEN_PHONE, OPEN_NAME),
                title="路灯不亮",
                received_at=NOW - timedelta(hours=1),
            ),
            OPERATOR,
        )
        chain.dispatch(self.added.id, DISPATCHER, "cgj", ())
        chain.attach_caller(
            self.added.id,
            OPERATOR,
            Appellant(ADDED_PHONE, ADDED_NAME, confidential=True),
            "同一事项",
        )

    def all(self) -> list[Order]:
        return [self.confidential, self.other_unit, self.moved, self.waiting, self.added]


@pytest.fixture
def cache(workspace: Workspace) -> Iterator[tuple[Workspace, Orders]]:
    yield workspace, Orders(workspace)


def ids(*orders: Order) -> set[str]:
    return {o.id for o in orders}


# who sees which orders: the centre and analysts all, a unit its own, a trainer none
def expected(o: Orders, viewer: Viewer) -> set[str]:
    if viewer.every_order:
        return ids(*o.all())
    if viewer.role is Role.TRAINER:
        return set()
    return {
        "cgj": ids(o.confidential, o.added),
        "zjj": ids(o.other_unit, o.moved),
        "gaj": ids(o.moved),
    }.get(viewer.unit, set())


VIEWERS = [
    Viewer(Role.OPERATOR),
    Viewer(Role.DISPATCHER),
    Viewer(Role.ADMIN),
    Viewer(Role.ANALYST),
    Viewer(Role.TRAINER),
    Viewer(Role.UNIT, "cgj"),
    Viewer(Role.UNIT, "zjj"),
    Viewer(Role.UNIT, "gaj"),
    Viewer(Role.UNIT, "rsj"),  # a unit with no orders here
    Viewer(Role.UNIT, ""),  # a unit user whose unit is missing: nothing at all
]


def text_of(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def leaks(viewer: Viewer, text: str) -> list[str]:
    """The caller names and numbers `viewer` may not see that appear in `text`."""
    if viewer.role in (Role.OPERATOR, Role.DISPATCHER, Role.ADMIN):
        return []
    hidden = list(SECRETS)
    if viewer.role in (Role.ANALYST, Role.TRAINER):
        hidden += [OPEN_NAME, OPEN_PHONE, "反映家中停水", "占道经营"]  # and no one's words
    return [s for s in hidden if s in text]


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda v: f"{v.role.value}-{v.unit}")
def test_every_entry_point_shows_a_role_only_what_it_may_see(
    cache: tuple[Workspace, Orders], viewer: Viewer
) -> None:
    ws, o = cache
    access = ws.access(viewer)
    mine = expected(o, viewer)
    # the order list, its count, and every filter
    listed = access.page(OrderFilter())
    assert {r.id for r in listed} == mine
    assert access.count(OrderFilter()) == len(mine)
    for f in (
        OrderFilter(statuses=frozenset({"dispatched"})),
        OrderFilter(town="shiqi"),
        OrderFilter(lead_unit="zjj"),
        OrderFilter(phone=OPEN_PHONE),
    ):
        assert {r.id for r in access.page(f)} <= mine
        assert access.count(f) == len(access.page(f))
    # search: the confidential caller's name and number find nothing a unit may not open,
    # and what they find shows neither
    for word in (SECRET_NAME, "停水", SECRET_PHONE):
        found = access.page(OrderFilter(text=word))
        assert {r.id for r in found} <= mine
        assert not leaks(viewer, text_of([asdict(r) for r in found]))
    assert not leaks(viewer, text_of([asdict(r) for r in listed]))
    # rows by id (a report's drill-down), rows another query found (duplicates)
    every = [x.id for x in o.all()]
    assert [r.id for r in access.rows(every)] == [i for i in every if i in mine]
    every_row = ws.orders.rows_by_id(every)
    assert {r.id for r in access.shown(every_row)} == mine
    assert not leaks(viewer, text_of([asdict(r) for r in access.rows(every)]))
    # caller history (the intake's panel): by number only for those who see callers
    total, history = access.caller_history(OPEN_PHONE)
    by_number = set() if viewer.role in (Role.ANALYST, Role.TRAINER) else mine
    assert {r.id for r in history} == by_number & ids(o.other_unit, o.added)
    assert total == len(history)
    # a unit never learns a confidential caller's number or name by searching for it
    if viewer.role is Role.UNIT:
        for guess in (SECRET_PHONE, SECRET_PHONE[-4:], SECRET_NAME, SECRET_NAME[:2]):
            f = OrderFilter(text=guess) if not guess.isdigit() else OrderFilter(phone=guess)
            assert o.confidential.id not in {r.id for r in access.page(f)}, guess
            assert access.count(f) == len(access.page(f))
        found = access.page(OrderFilter(text="停水"))  # its own words still find it
        assert ({o.confidential.id} & mine) <= {r.id for r in found}
    if viewer.role is Role.ANALYST:  # no one's words: a text search finds nothing
        assert access.page(OrderFilter(text="停水")) == []
        assert access.count(OrderFilter(text="停水")) == 0
    # opening one: the detail and its timeline
    for order in o.all():
        view = ws.open_order(viewer, order.id)
        if order.id not in mine:
            assert view is None
            continue
        assert view is not None
        shown = text_of([asdict(view.order), [asdict(e) for e in view.events]])
        assert not leaks(viewer, shown), order.title


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda v: f"{v.role.value}-{v.unit}")
def test_not_yours_and_not_found_are_the_same_answer(
    cache: tuple[Workspace, Orders], viewer: Viewer
) -> None:
    ws, o = cache
    access = ws.access(viewer)
    mine = expected(o, viewer)
    nowhere = o.other_unit.number[:-4] + "9999"
    assert access.find_by_number(nowhere) is None
    assert ws.open_order(viewer, "no-such-id") is None
    for order in o.all():
        found = access.find_by_number(order.number.lower())
        if order.id in mine:
            assert found is not None and found.id == order.id
        else:  # exactly what a number that does not exist gives
            assert found is None and ws.open_order(viewer, order.id) is None


def test_a_re_dispatched_order_stays_with_the_unit_after_a_rebuild(
    cache: tuple[Workspace, Orders],
) -> None:
    ws, o = cache
    gaj = ws.access(Viewer(Role.UNIT, "gaj"))
    assert [r.id for r in gaj.page(OrderFilter())] == [o.moved.id]
    ws.events.rebuild_all()  # the projection folded again from the event log
    assert [r.id for r in gaj.page(OrderFilter())] == [o.moved.id]


def test_an_old_workspace_learns_its_grants_from_the_event_log(tmp_path: Path, policy) -> None:
    """A workspace made before the grants table: the migration reads every dispatch."""
    from app.store.access_schema import STATEMENTS
    from tests.support.clock import FixedClock

    ws = Workspace(tmp_path / "ws", policy, clock=FixedClock(NOW))
    o = Orders(ws)
    ws.database.conn.execute("DELETE FROM order_grants")
    with ws.database.transaction() as conn:
        for statement in STATEMENTS[5:]:  # the backfill
            conn.execute(statement)
    assert {r.id for r in ws.access(Viewer(Role.UNIT, "gaj")).page(OrderFilter())} == {o.moved.id}
    ws.close()


@pytest.mark.parametrize("viewer", VIEWERS[3:], ids=lambda v: f"{v.role.value}-{v.unit}")
def test_a_report_counts_and_opens_only_what_its_reader_may_see(
    cache: tuple[Workspace, Orders], viewer: Viewer
) -> None:
    ws, o = cache
    queries = ReportQueries(ws.database, ws.policy, AssessmentPolicy(), viewer)
    period = Period.parse("2026-11")
    report = build_report(queries.report_input(period, Scope(), NOW), AssessmentPolicy())
    mine = expected(o, viewer)
    assert report.volume == len(mine)
    for selection in (
        Selection("received"),
        Selection("dispatched"),
        Selection("received", filters=(("lead_unit", "zjj"),)),
    ):
        behind = queries.order_ids(period, Scope(), NOW, selection)
        assert set(behind) <= mine
        rows = queries.order_rows([x.id for x in o.all()])
        assert {r.id for r in rows} == mine
        assert not leaks(viewer, text_of([asdict(r) for r in rows]))


def test_knowledge_base_evidence_never_holds_a_caller(workspace: Workspace) -> None:
    """The caller's words become evidence every role can search: never their name or number."""
    from tests.support.builders import article as make_article

    article = workspace.knowledge().save(make_article(1))
    workspace.record_intake(
        make_intake(
            appellant=Appellant(SECRET_PHONE, SECRET_NAME, confidential=True),
            content=f"我是{SECRET_NAME}，电话{SECRET_PHONE}，家里停水了",
        ),
        OPERATOR,
        DirectAnswer("请联系供水公司", article.id, article.version),
    )
    evidence = [str(r[0]) for r in workspace.database.query("SELECT text FROM kb_usage")]
    assert any("停水" in e for e in evidence)
    assert not [e for e in evidence if SECRET_NAME in e or SECRET_PHONE in e]


def test_the_domain_rule_and_the_store_agree(cache: tuple[Workspace, Orders]) -> None:
    ws, o = cache
    for viewer in VIEWERS:
        for order in o.all():
            stored = ws.events.load_order(order.id)
            assert stored is not None
            assert viewer.sees_order(stored) == (
                order.id in OrderAccess(ws.orders, viewer).visible_ids([order.id])
            )

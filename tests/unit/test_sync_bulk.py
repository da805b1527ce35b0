"""The bulk path of applying pulled pages (staging tables, folding on the fetching thread,
the fast serialisers) leaves exactly what recording the same events locally, or a rebuild
from events, leaves: orders, report facts, assisting units, the text index."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models.policy import Policy
from app.models.projection import appellant_to_dict
from app.models.records import Order
from app.models.serial import event_to_dict, order_from_dict, order_to_dict
from app.store.db import DEFERRED, Database, bulk_loading
from app.store.demo.generator import seed_demo
from app.store.eventlog import event_from_row, json_text, order_json
from app.store.orders.query import OrderFilter
from app.store.sync.state import PulledPage, SyncState, prepare_page
from app.store.textindex import index_text, index_text_reference
from app.store.workspace import DB_FILE, Workspace
from tests.support.clock import NOW


def _order_to_dict_reference(order: Order) -> dict[str, Any]:
    """order_to_dict as first written (every field through the chain of checks)."""
    data: dict[str, Any] = {}
    for f in dataclasses.fields(order):
        value = getattr(order, f.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        elif f.name == "appellant":
            value = appellant_to_dict(value)
        elif hasattr(value, "value"):
            value = value.value
        data[f.name] = value
    return data


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, policy: Policy) -> Iterator[Workspace]:
    ws = Workspace(tmp_path_factory.mktemp("source"), policy, clock=lambda: NOW)
    seed_demo(ws, orders=400, days=60, seed=777)
    yield ws
    ws.close()


def _pages(ws: Workspace, size: int) -> list[PulledPage]:
    rows = ws.database.query(
        "SELECT id, order_id, type, payload, actor, role, unit, device_id, client_time, "
        "base_version FROM events ORDER BY seq"
    )
    events = [(n + 1, event_to_dict(event_from_row(r))) for n, r in enumerate(rows)]
    return [
        PulledPage(events[i : i + size], [], None, None, "", min(i + size, len(events)))
        for i in range(0, len(events), size)
    ]


def _tables(ws: Workspace) -> dict[str, Any]:
    q = ws.database.query
    by_rowid = {r[0]: r[1] for r in q("SELECT rowid, id FROM orders")}
    return {
        "orders": sorted(tuple(r) for r in q("SELECT * FROM orders")),
        "report_facts": sorted(
            (by_rowid[r["order_rowid"]], *tuple(r)[:1], *tuple(r)[2:])
            for r in q("SELECT * FROM report_facts")
        ),
        "order_assists": sorted(
            (by_rowid[r[0]], r[1], r[2])
            for r in q("SELECT order_rowid, unit, deadline FROM order_assists")
        ),
    }


def _without_rowids(tables: dict[str, Any]) -> dict[str, Any]:
    return {**tables, "orders": sorted(r[1:] for r in tables["orders"])}


@pytest.mark.parametrize("size", [1000, 97])
def test_pulled_pages_leave_what_the_source_has(
    source: Workspace, tmp_path: Path, policy: Policy, size: int
) -> None:
    pages = _pages(source, size)
    ws = Workspace(tmp_path / "pulled", policy, clock=lambda: NOW)
    try:
        state = SyncState(ws.database)
        for n, page in enumerate(pages):
            # half prepared ahead (as the sync cycle does), half prepared by apply_page
            state.apply_page(prepare_page(page) if n % 2 else page)
        pulled = _tables(ws)
        assert _without_rowids(pulled) == _without_rowids(_tables(source))
        assert pulled["report_facts"] and pulled["order_assists"]
        ws.events.rebuild_all()
        assert _without_rowids(_tables(ws)) == _without_rowids(pulled)
        for row in ws.database.query("SELECT title FROM orders LIMIT 50"):
            assert ws.orders.count(OrderFilter(text=row["title"])) >= 1
        assert ws.orders.count(OrderFilter(text="停水")) == source.orders.count(
            OrderFilter(text="停水")
        )
        assert ws.database.scalar("SELECT COUNT(*) FROM temp.pulled_orders") == 0
        assert ws.database.scalar("SELECT COUNT(*) FROM temp.pulled_events") == 0
    finally:
        ws.close()


def test_order_to_dict_is_the_reference(source: Workspace) -> None:
    for row in source.database.query("SELECT data FROM orders"):
        order = order_from_dict(json.loads(row["data"]))
        fast = order_to_dict(order)
        assert fast == _order_to_dict_reference(order)
        assert list(fast) == list(_order_to_dict_reference(order))  # same key order


def test_order_json_is_json_text_of_order_to_dict(source: Workspace) -> None:
    rows = source.database.query("SELECT data FROM orders")
    assert len(rows) >= 400
    for row in rows:
        order = order_from_dict(json.loads(row["data"]))
        assert order_json(order) == json_text(order_to_dict(order))
        odd = dataclasses.replace(
            order,
            received_at=order.received_at.replace(microsecond=7),
            updated_at=None,
            assist_units=("unit-a", "unit-b"),
        )
        assert order_json(odd) == json_text(order_to_dict(odd))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_index_text_is_the_reference(text: str) -> None:
    assert index_text(text) == index_text_reference(text)
    mixed = "社保" + text + "ＳＢ①停水 Ⅻ İ ﬁ"
    assert index_text(mixed) == index_text_reference(mixed)


def test_pages_applied_together_are_one_transaction(
    source: Workspace, tmp_path: Path, policy: Policy
) -> None:
    pages = _pages(source, 300)[:3]
    ws = Workspace(tmp_path / "pulled", policy, clock=lambda: NOW)
    try:
        state = SyncState(ws.database)

        def boom() -> None:
            raise RuntimeError("killed")

        with pytest.raises(RuntimeError):
            state.apply_pages([pages[0], prepare_page(pages[1]), pages[2]], boom)
        assert state.cursor() == 0
        assert ws.database.scalar("SELECT COUNT(*) FROM events") == 0
        assert ws.database.scalar("SELECT COUNT(*) FROM orders") == 0
        with pytest.raises(ValueError):  # the second page goes back: none of them is kept
            state.apply_pages([pages[1], pages[0]])
        assert state.cursor() == 0
        state.apply_pages(pages)
        assert state.cursor() == pages[2].next_since
        assert ws.database.scalar("SELECT COUNT(*) FROM events") == 900
    finally:
        ws.close()


def _schema(ws: Workspace) -> set[tuple[str, str]]:
    return {
        (r[0], r[1])
        for r in ws.database.query("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    }


def _new_workspace_schema(tmp_path: Path, policy: Policy) -> set[tuple[str, str]]:
    """The schema of a workspace made from nothing: what a finished bulk load must leave."""
    fresh = Workspace(tmp_path / "fresh", policy, clock=lambda: NOW)
    try:
        return _schema(fresh)
    finally:
        fresh.close()


def _searchable(ws: Workspace, source: Workspace) -> None:
    for row in ws.database.query("SELECT title FROM orders LIMIT 50"):
        assert ws.orders.count(OrderFilter(text=row["title"])) >= 1
    assert ws.orders.count(OrderFilter(text="停水")) == source.orders.count(
        OrderFilter(text="停水")
    )


def test_a_bulk_load_leaves_what_the_source_has(
    source: Workspace, tmp_path: Path, policy: Policy
) -> None:
    pages = _pages(source, 150)
    full_schema = _new_workspace_schema(tmp_path, policy)
    ws = Workspace(tmp_path / "pulled", policy, clock=lambda: NOW)
    try:
        state = SyncState(ws.database)
        assert state.begin_bulk_load()
        assert not state.begin_bulk_load()  # one at a time
        assert ws.database.meta(DEFERRED) is not None
        assert not any(name == "orders_by_received" for name, _ in _schema(ws))
        for n, page in enumerate(pages):
            state.apply_pages([prepare_page(page) if n % 2 else page])
        state.finish_bulk_load()
        assert ws.database.meta(DEFERRED) is None
        assert _schema(ws) == full_schema
        assert _without_rowids(_tables(ws)) == _without_rowids(_tables(source))
        _searchable(ws, source)
        assert ws.database.scalar("PRAGMA integrity_check") == "ok"
        ws.database.query("INSERT INTO orders_fts(orders_fts) VALUES ('integrity-check')")
        assert not state.begin_bulk_load()  # the cache is not empty any more
    finally:
        ws.close()


def test_a_bulk_load_cut_short_is_finished_by_the_next_open(
    source: Workspace, tmp_path: Path, policy: Policy
) -> None:
    pages = _pages(source, 150)
    full_schema = _new_workspace_schema(tmp_path, policy)
    home = tmp_path / "pulled"
    ws = Workspace(home, policy, clock=lambda: NOW)
    state = SyncState(ws.database)
    assert state.begin_bulk_load()
    state.apply_pages(pages[:2])
    with pytest.raises(RuntimeError):  # killed while applying the third page

        def boom() -> None:
            raise RuntimeError("killed")

        state.apply_pages([pages[2]], boom)
    ws.close()  # no finish_bulk_load: as if the process had died
    # Another connection of this process leaves a running load alone …
    other = Database(home / DB_FILE)
    assert other.meta(DEFERRED) is not None
    other.close()
    bulk_loading(home / DB_FILE, False)  # … the process is gone
    ws = Workspace(home, policy, clock=lambda: NOW)
    try:
        assert ws.database.meta(DEFERRED) is None
        assert _schema(ws) == full_schema
        assert SyncState(ws.database).cursor() == pages[1].next_since
        state = SyncState(ws.database)
        for page in pages[2:]:
            state.apply_pages([page])
        assert _without_rowids(_tables(ws)) == _without_rowids(_tables(source))
        _searchable(ws, source)
        ws.database.query("INSERT INTO orders_fts(orders_fts) VALUES ('integrity-check')")
    finally:
        ws.close()

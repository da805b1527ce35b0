"""End-to-end fixtures: the real server in a subprocess on SQLite (always) and PostgreSQL
(when HOTLINE_TEST_PG_URL is set), and workstations with their own workspaces."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.enums import AppealType, Channel, Urgency
from app.models.policy import Policy
from app.models.records import Appellant, Intake, Order
from app.store.sync.state import SyncState
from app.store.workspace import Workspace
from app.sync import account
from app.sync.client import RetryPolicy
from app.sync.cycle import CycleSummary, run_cycle
from tests.e2e.support import (
    PASSWORD,
    PG_ENV,
    ServerProcess,
    fixed_clock_args,
    seed_users,
    server_database,
)

USERS = {
    "op1": ("operator", ""),
    "op2": ("operator", ""),
    "disp1": ("dispatcher", ""),
    "disp2": ("dispatcher", ""),
    "unit_cgj": ("unit", "cgj"),
    "unit_gaj": ("unit", "gaj"),
    "trainer1": ("trainer", ""),
    "analyst1": ("analyst", ""),
    "admin1": ("admin", ""),
}

FAST = RetryPolicy(attempts=4, base_delay=0.02, max_delay=0.1, connect_timeout=2, read_timeout=15)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with server_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    seed_users(db_url, USERS)
    proc = ServerProcess(db_url, tmp_path / "server.log", args=fixed_clock_args())
    proc.start()
    yield proc
    proc.stop()


class Station:
    """One workstation: its own workspace folder and database, signed in to a server."""

    def __init__(self, home: Path, policy: Policy, clock: object) -> None:
        self.ws = Workspace(home, policy, clock=clock)  # type: ignore[arg-type]
        self.state = SyncState(self.ws.database)
        self._n = 0

    def login(self, server_url: str, user: str) -> None:
        account.login(self.ws.database, server_url, user, PASSWORD, retry=FAST)

    def sync(self, retry: RetryPolicy = FAST, batch: int = 500) -> CycleSummary:
        _session, store = account.open_store(self.ws.database, retry=retry)
        try:
            return run_cycle(self.state, store, self.ws.device_id, batch=batch)
        finally:
            store.close()

    def record(self, count: int = 1, confidential: bool = False) -> list[Order]:
        actor = account.actor_for(account.current_user(self.ws.database), self.ws.device_id)
        orders = []
        for _ in range(count):
            self._n += 1
            intake = Intake(
                appellant=Appellant(
                    phone="13800138000", name=f"张{self._n}", confidential=confidential
                ),
                appeal_type=AppealType.COMPLAINT,
                urgency=Urgency.NORMAL,
                channel=Channel.PHONE,
                category="A0301",
                town="shiqi",
                address="孙文中路1号",
                title=f"噪音扰民{self._n}",
                content="夜间施工噪音扰民，请处理",
                received_at=self.ws.clock(),
            )
            orders.append(self.ws.record_intake(intake, actor))
        return orders

    def act(self, order_id: str, event_type: object, payload: dict[str, object]) -> Order:
        actor = account.actor_for(account.current_user(self.ws.database), self.ws.device_id)
        return self.ws.act(order_id, event_type, payload, actor)  # type: ignore[arg-type]

    def event_ids(self) -> set[str]:
        return {
            r[0]
            for r in self.ws.database.query("SELECT id FROM events WHERE rejected_code IS NULL")
        }

    def order_ids(self) -> set[str]:
        return {r[0] for r in self.ws.database.query("SELECT id FROM orders")}

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def stations(tmp_path: Path, policy: Policy, clock: object) -> Iterator[dict[str, Station]]:
    made: dict[str, Station] = {}

    class Factory(dict[str, Station]):
        def __missing__(self, name: str) -> Station:
            made[name] = Station(tmp_path / f"ws-{name}", policy, clock)
            self[name] = made[name]
            return made[name]

    yield Factory()
    for station in made.values():
        station.close()

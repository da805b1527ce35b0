"""End-to-end fixtures: the real server in a subprocess on SQLite (always) and PostgreSQL
(when HOTLINE_TEST_PG_URL is set), and workstations with their own workspaces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.policy import Policy
from app.resources import load_policy
from tests.support.server import (
    BACKENDS,
    ServerProcess,
    Start,
    fixed_clock_args,
    seed_users,
    server_database,
)
from tests.support.station import Station
from tests.support.users import ALL_USERS, USERS
from tests.support.wire import Wire


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


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


@pytest.fixture
def start(db_url: str, tmp_path: Path) -> Iterator[Start]:
    """start(*serve_options) → a running server on the test database (users seeded once)."""
    seed_users(db_url, USERS)
    made: list[ServerProcess] = []

    def run(*args: str, verify: bool | str = True) -> ServerProcess:
        proc = ServerProcess(db_url, tmp_path / f"server{len(made)}.log", args=args)
        made.append(proc)
        proc.start(verify=verify)
        return proc

    yield run
    for proc in made:
        proc.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def wire(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Wire]:
    """One server per backend for the whole module, every seeded user able to sign in."""
    tmp: Path = tmp_path_factory.mktemp("wire-server")
    with server_database(request.param, tmp) as url:
        seed_users(url, ALL_USERS)
        proc = ServerProcess(url, tmp / "server.log")
        proc.start()
        yield Wire(proc, load_policy())
        proc.stop()


@pytest.fixture
def stations(tmp_path: Path, policy: Policy, clock: object) -> Iterator[dict[str, Station]]:
    made: dict[str, Station] = {}

    class Factory(dict[str, Station]):
        def __missing__(self, name: str) -> Station:
            made[name] = Station.at(tmp_path / f"ws-{name}", policy, clock)  # type: ignore[arg-type]
            self[name] = made[name]
            return made[name]

    yield Factory()
    for station in made.values():
        station.close()

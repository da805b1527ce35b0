"""The background worker drains the queue by itself when the server comes back, and
concurrent writers never make a reader skip an event."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import requests

from app.sync.worker import OFFLINE, ONLINE, SyncStatus, SyncWorker
from tests.support.server import ServerProcess, server_rows
from tests.support.station import FAST, Station
from tests.support.users import PASSWORD


def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")


def test_worker_goes_offline_and_drains_by_itself(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    a, b = stations["a"], stations["b"]
    a.login(server.url, "op1")
    b.login(server.url, "op2")
    worker = SyncWorker(a.ws.database.path, a.ws.device_id, interval=0.3, retry=FAST)
    statuses: list[SyncStatus] = []
    worker.subscribe(statuses.append)
    worker.start()
    try:
        wait_for(lambda: worker.status().state == ONLINE)
        assert worker.status().user == "op1" and worker.status().last_success
        server.stop()
        a.record(2)
        worker.poke()
        wait_for(lambda: worker.status().state == OFFLINE and worker.status().pending == 2)
        assert worker.status().last_error
        server.start()  # nobody presses anything from here on
        wait_for(lambda: worker.status().state == ONLINE and worker.status().pending == 0)
        b.record(3)
        b.sync()
        wait_for(lambda: len(a.order_ids()) == 5)
    finally:
        worker.stop()
    assert {s.state for s in statuses} >= {"syncing", ONLINE, OFFLINE}
    assert a.state.pending_count() == 0


def test_concurrent_pushes_never_make_a_pull_skip(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    writers = [stations[f"w{i}"] for i in range(3)]
    for i, station in enumerate(writers):
        station.login(server.url, "op1" if i % 2 == 0 else "op2")
        station.record(60)
    token = requests.post(
        server.url + "/api/v1/auth/token", json={"user": "disp1", "password": PASSWORD}, timeout=10
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    received: list[str] = []
    done = threading.Event()
    errors: list[BaseException] = []

    def reader() -> None:
        since = 0
        try:
            while True:
                finished = done.is_set()
                page = requests.get(
                    f"{server.url}/api/v1/sync/pull",
                    params={"since": since, "limit": 7},
                    headers=headers,
                    timeout=30,
                ).json()
                received.extend(e["event"]["id"] for e in page["events"])
                since = page["next_since"]
                if finished and not page["more"]:
                    return
        except BaseException as exc:  # reported below
            errors.append(exc)

    def writer(station: Station) -> None:
        try:
            station.sync(batch=10)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s,)) for s in writers]
    pull_thread = threading.Thread(target=reader)
    pull_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    done.set()
    pull_thread.join(120)
    assert not errors
    on_server = [r[0] for r in server_rows(server.db_url, "SELECT id FROM events ORDER BY seq")]
    recorded = set().union(*(station.event_ids() for station in writers))
    assert len(on_server) == len(recorded) and set(on_server) == recorded
    assert len(received) == len(set(received))  # each event pulled once
    assert set(received) == recorded  # and none skipped

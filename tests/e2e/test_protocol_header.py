"""The store reads `Hotline-Protocol` on every request and says which version it answered."""

from __future__ import annotations

import requests

from app.models.protocol import PROTOCOL_VERSION
from app.sync.client import CentralStore
from tests.support.server import ServerProcess


def test_store_echoes_the_version_and_treats_a_missing_header_as_one(
    server: ServerProcess,
) -> None:
    plain = requests.get(server.url + "/healthz", timeout=10)
    assert plain.headers["Hotline-Protocol"] == "1"
    announced = requests.get(server.url + "/healthz", headers={"Hotline-Protocol": "2"}, timeout=10)
    assert announced.headers["Hotline-Protocol"] == "2"
    newer = requests.get(server.url + "/healthz", headers={"Hotline-Protocol": "9"}, timeout=10)
    assert newer.headers["Hotline-Protocol"] == str(PROTOCOL_VERSION)


def test_a_malformed_version_is_refused_as_json(server: ServerProcess) -> None:
    for value in ("two", "0", "-3", "1.5"):
        resp = requests.post(
            server.url + "/api/v1/auth/token",
            json={"user": "op1", "password": "x"},
            headers={"Hotline-Protocol": value},
            timeout=10,
        )
        assert resp.status_code == 400
        assert resp.json()["error"]["code"] == "bad_protocol"


def test_the_client_announces_its_version_on_every_request(server: ServerProcess) -> None:
    store = CentralStore(server.url)
    try:
        assert store.http.headers["Hotline-Protocol"] == str(PROTOCOL_VERSION)
        resp = store.http.get(server.url + "/healthz", timeout=10)
        assert resp.headers["Hotline-Protocol"] == str(PROTOCOL_VERSION)
    finally:
        store.close()

"""Authorisation by token, role and unit; a refused event reaches the attention list; the
token is nowhere in the workspace; the client survives SIGKILL while applying a page."""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path
from typing import Any

import pytest
import requests
from fastapi.routing import APIRoute, iter_route_contexts

from app.models.enums import EventType
from server.api.deps import current_user
from server.api.main import create_app
from server.schema import Database
from tests.support.server import ROOT, ServerProcess, cli, paused_sync, server_rows
from tests.support.station import Station
from tests.support.users import PASSWORD

# What answers without a token; every other route of the app needs a signed-in user.
PUBLIC = {("GET", "/healthz"), ("POST", "/api/v1/auth/token")}


def app_routes() -> list[tuple[str, str, Any]]:
    """(method, path, route) of every endpoint the store's app serves, read from the app
    itself, so that a route a new router adds is covered here without naming it."""
    never_opened = Database(str(ROOT / "never-opened.sqlite3"))  # the engine connects lazily
    app = create_app(never_opened, lambda _code: None, {})
    return [
        (method, context.path, context)
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute)
        for method in sorted(context.methods)
    ]


ENDPOINTS = [(method, path) for method, path, _ in app_routes() if (method, path) not in PUBLIC]


def needs_user(dependant: Any) -> bool:
    return any(d.call is current_user or needs_user(d) for d in dependant.dependencies)


def test_every_route_but_the_public_ones_asks_for_the_current_user() -> None:
    routes = app_routes()
    assert PUBLIC.issubset((method, path) for method, path, _ in routes)
    assert {("POST", "/api/v1/auth/station"), ("GET", "/api/v1/sync/pull")}.issubset(ENDPOINTS)
    for method, path, context in routes:
        assert needs_user(context.dependant) == ((method, path) not in PUBLIC), (method, path)


def token_for(server: ServerProcess, user: str) -> str:
    r = requests.post(
        server.url + "/api/v1/auth/token", json={"user": user, "password": PASSWORD}, timeout=10
    )
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


@pytest.mark.parametrize("auth", [None, "Bearer nonsense", "Basic b3AxOnB3", "Bearer "])
def test_every_endpoint_refuses_missing_or_wrong_token(
    server: ServerProcess, auth: str | None
) -> None:
    headers = {"Authorization": auth} if auth else {}
    for method, path in ENDPOINTS:
        body = {"device_id": "d", "events": []} if method == "POST" else None
        url = server.url + re.sub(r"\{[^}]*\}", "x", path)
        r = requests.request(method, url, headers=headers, json=body, timeout=10)
        assert r.status_code == 401, (method, path, r.text)
        assert r.headers["WWW-Authenticate"] == "Bearer"
        assert r.json()["error"]["code"] in ("unauthorized", "invalid_token")


def test_login_refuses_wrong_password(server: ServerProcess) -> None:
    for user, password in (("op1", "wrong password"), ("nobody", PASSWORD)):
        r = requests.post(
            server.url + "/api/v1/auth/token", json={"user": user, "password": password}, timeout=10
        )
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "invalid_credentials"


def test_revoked_token_is_refused(server: ServerProcess) -> None:
    token = token_for(server, "op1")
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(server.url + "/api/v1/auth/me", headers=headers, timeout=10).ok
    r = requests.delete(server.url + "/api/v1/auth/token", headers=headers, timeout=10)
    assert r.status_code == 204
    r = requests.get(server.url + "/api/v1/sync/pull", headers=headers, timeout=10)
    assert r.status_code == 401


def test_roles_that_may_not(server: ServerProcess, stations: dict[str, Station]) -> None:
    for user in ("analyst1", "admin1"):
        headers = {"Authorization": f"Bearer {token_for(server, user)}"}
        r = requests.post(
            server.url + "/api/v1/sync/push",
            json={"device_id": "d", "events": []},
            headers=headers,
            timeout=10,
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden_role"
    # an operator may not dispatch: refused by the rules, nothing stored
    a = stations["a"]
    a.login(server.url, "op1")
    (order,) = a.record(1)
    a.sync()
    intake = a.ws.timeline(order.id)[0]
    headers = {"Authorization": f"Bearer {token_for(server, 'op1')}"}
    event = {
        "id": "e-dispatch-by-operator",
        "order_id": order.id,
        "type": "dispatch",
        "payload": {"lead_unit": "cgj", "assist_units": []},
        "actor": "op1",
        "role": "operator",
        "unit": "",
        "device_id": "x",
        "client_time": intake.client_time.isoformat(),
        "base_version": 1,
    }
    r = requests.post(
        server.url + "/api/v1/sync/push",
        json={"device_id": "x", "events": [event]},
        headers=headers,
        timeout=10,
    )
    assert r.status_code == 403
    assert r.json()["results"][0]["code"] == "forbidden_role"
    assert (
        server_rows(server.db_url, "SELECT id FROM events WHERE id = 'e-dispatch-by-operator'")
        == []
    )
    # a trainer pushes drill sets, never a step of an order
    headers = {"Authorization": f"Bearer {token_for(server, 'trainer1')}"}
    note = {**event, "id": "e-note-by-trainer", "type": "note", "payload": {"text": "备注"}}
    note |= {"actor": "trainer1", "role": "trainer"}
    r = requests.post(
        server.url + "/api/v1/sync/push",
        json={"device_id": "x", "events": [note]},
        headers=headers,
        timeout=10,
    )
    assert r.status_code == 403
    assert r.json()["results"][0]["code"] == "forbidden_role"
    assert server_rows(server.db_url, "SELECT id FROM events WHERE id = 'e-note-by-trainer'") == []
    # a trainer pulls articles but no orders
    headers = {"Authorization": f"Bearer {token_for(server, 'trainer1')}"}
    page = requests.get(server.url + "/api/v1/sync/pull", headers=headers, timeout=10).json()
    assert page["events"] == []


def test_units_see_only_their_orders_and_no_confidential_identity(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    op, disp, cgj, gaj = stations["op"], stations["disp"], stations["cgj"], stations["gaj"]
    op.login(server.url, "op1")
    disp.login(server.url, "disp1")
    cgj.login(server.url, "unit_cgj")
    gaj.login(server.url, "unit_gaj")
    secret, public = op.record(1, confidential=True)[0], op.record(1)[0]
    other = op.record(1)[0]
    op.sync()
    cgj.sync()  # before any dispatch: nothing for the unit
    assert cgj.order_ids() == set()
    disp.sync()
    disp.act(secret.id, EventType.DISPATCH, {"lead_unit": "cgj", "assist_units": []})
    disp.act(public.id, EventType.DISPATCH, {"lead_unit": "cgj", "assist_units": ["gaj"]})
    disp.act(other.id, EventType.DISPATCH, {"lead_unit": "gaj", "assist_units": []})
    disp.sync()
    cgj.sync()
    gaj.sync()
    assert cgj.order_ids() == {secret.id, public.id}  # intake events came with the grant
    assert gaj.order_ids() == {public.id, other.id}
    seen = cgj.ws.events.load_order(secret.id)
    assert seen is not None and seen.appellant.phone == "" and seen.appellant.name == ""
    assert seen.appellant.confidential and seen.title == secret.title
    shown = cgj.ws.events.load_order(public.id)
    assert shown is not None and shown.appellant.phone == "13800138000"
    # the unit signs for its order; a unit that is not the lead may not
    cgj.act(public.id, EventType.SIGN, {})
    assert cgj.sync().accepted == 1
    gaj.sync()
    from app.models.rules import RuleViolation

    with pytest.raises(RuleViolation):
        gaj.act(other.id, EventType.REPLY, {"text": "x"})  # not signed yet: refused locally


def test_refused_event_reaches_attention_list(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    op, d1, d2 = stations["op"], stations["d1"], stations["d2"]
    op.login(server.url, "op1")
    d1.login(server.url, "disp1")
    d2.login(server.url, "disp2")
    (order,) = op.record(1)
    op.sync()
    d1.sync()
    d2.sync()
    d1.act(order.id, EventType.DISPATCH, {"lead_unit": "cgj", "assist_units": []})
    d2.act(order.id, EventType.DISPATCH, {"lead_unit": "gaj", "assist_units": []})  # meanwhile
    d1.sync()
    summary = d2.sync()
    assert summary.rejected == 1
    (item,) = d2.state.attention()
    assert item.order_id == order.id and item.type == "dispatch"
    assert item.code == "invalid_transition" and item.message
    assert item.order_number == order.number
    local = d2.ws.events.load_order(order.id)
    assert local is not None and local.lead_unit == "cgj"  # the server's truth, not ours
    assert d2.state.pending_count() == 0
    assert len(d2.ws.timeline(order.id)) == 3  # the refused event is kept in the log
    d2.state.resolve(item.event_id, "dismiss")
    assert d2.state.attention() == []
    assert d2.sync().rejected == 0


def _file_keyring_env(tmp_path: Path, home: Path) -> dict[str, str]:
    return {
        "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
        "HOTLINE_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "HOTLINE_DESK_HOME": str(home),
        "PYTHONPATH": str(ROOT),
    }


def test_cli_login_sync_and_token_only_in_keyring(server: ServerProcess, tmp_path: Path) -> None:
    home = tmp_path / "ws-cli"
    env = _file_keyring_env(tmp_path, home)
    r = cli("login", "--server", server.url, "--user", "op1", stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["role"] == "operator"
    intakes = tmp_path / "in.jsonl"
    good = {
        "phone": "138-0013-8000",
        "appeal_type": "咨询",
        "category": "A0301",
        "town": "shiqi",
        "title": "咨询停水",
        "content": "明天停水吗",
        "external_id": "web-1",
    }
    bad = {"phone": "12", "appeal_type": "咨询", "title": "", "content": "x"}
    lines = [json.dumps(good, ensure_ascii=False), json.dumps(bad, ensure_ascii=False), "{oops"]
    intakes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("orders", "import", str(intakes), env=env)
    assert r.returncode == 1
    errors = [json.loads(x) for x in r.stderr.splitlines()]
    assert [e["line"] for e in errors[:-1]] == [2, 3]
    assert {e["field"] for e in errors[0]["errors"]} >= {"phone", "title"}
    assert errors[-1] == {"recorded": 1, "skipped": 0, "failed": 2}
    r = cli("orders", "import", str(intakes), env=env)
    assert json.loads(r.stderr.splitlines()[-1])["skipped"] == 1  # repeat-safe
    r = cli("sync", env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    summary = json.loads(r.stdout)
    assert summary["pushed"] == 1 and summary["accepted"] == 1 and summary["cursor"] >= 1
    assert set(summary) >= {"pushed", "accepted", "duplicates", "rejected", "pulled", "cursor"}
    out = tmp_path / "out.jsonl"
    r = cli("orders", "export", str(out), env=env)
    assert r.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 1
    token = next(iter(json.loads((tmp_path / "keyring.json").read_text()).values()))
    assert len(token) > 20
    for path in home.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    r = cli("logout", env=env)
    assert r.returncode == 0
    assert json.loads((tmp_path / "keyring.json").read_text()) == {}


def test_cli_login_without_keyring_backend_says_how(server: ServerProcess, tmp_path: Path) -> None:
    env = {
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "HOTLINE_DESK_HOME": str(tmp_path / "ws"),
    }
    r = cli("login", "--server", server.url, "--user", "op1", stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 1
    assert "keyring" in r.stderr and "Secret Service" in r.stderr


def test_client_killed_while_applying_a_page(
    server: ServerProcess, stations: dict[str, Station], tmp_path: Path
) -> None:
    b = stations["b"]
    b.login(server.url, "op2")
    b.record(40)
    b.sync()
    home = tmp_path / "ws-victim"
    env = _file_keyring_env(tmp_path, home)
    r = cli("login", "--server", server.url, "--user", "op1", stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 0, r.stderr
    marker = tmp_path / "applying"
    proc = paused_sync(env, marker)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    from app.store.db import Database
    from app.store.workspace import DB_FILE

    db = Database(home / DB_FILE)
    try:
        assert db.scalar("PRAGMA integrity_check") == "ok"
        assert db.scalar("SELECT COUNT(*) FROM events") == 0  # the page was all or nothing
        assert (db.meta("sync:cursor") or "0") == "0"
    finally:
        db.close()
    r = cli("sync", env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["pulled"] == 40
    db = Database(home / DB_FILE)
    try:
        ids = {row[0] for row in db.query("SELECT id FROM events")}
    finally:
        db.close()
    assert ids == b.event_ids()
    on_server = server_rows(server.db_url, "SELECT id, COUNT(*) FROM events GROUP BY id")
    assert {i for i, _ in on_server} == ids and all(c == 1 for _, c in on_server)

"""User lifecycle with `hotline-server` against the real server: each command takes effect
at once, revokes what it must, and the password policy and case-insensitive names hold."""

from __future__ import annotations

import json
import time
from datetime import datetime

import requests

from tests.support.server import ServerProcess, Start, cli
from tests.support.signin import sign_in
from tests.support.users import PASSWORD

NEW_PASSWORD = "lantern 橘子 bicycle river"


def admin(server: ServerProcess, *args: str, stdin: str = "") -> dict[str, object]:
    r = cli(*args, "--db", server.db_url, stdin=stdin, module="server.cli")
    assert r.returncode == 0, r.stderr
    answer: dict[str, object] = json.loads(r.stdout)
    return answer


def refused(server: ServerProcess, *args: str, stdin: str = "") -> str:
    r = cli(*args, "--db", server.db_url, stdin=stdin, module="server.cli")
    assert r.returncode == 1, r.stdout
    return r.stderr


def me(server: ServerProcess, token: str) -> requests.Response:
    return requests.get(
        server.url + "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def token(server: ServerProcess, user: str, password: str = PASSWORD) -> str:
    r = sign_in(server.url, user, password)
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


def test_disable_and_enable(start: Start) -> None:
    server = start()
    t = token(server, "op1")
    assert admin(server, "disable", "op1")["tokens_revoked"] == 1
    assert me(server, t).status_code == 401
    r = sign_in(server.url, "op1")
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_credentials"
    admin(server, "enable", "Op1")
    assert me(server, token(server, "op1")).status_code == 200


def test_reset_password_from_stdin(start: Start) -> None:
    server = start()
    t = token(server, "op1")
    assert "least 12" in refused(server, "reset-password", "op1", stdin="short pw\n")
    assert "common" in refused(server, "reset-password", "op1", stdin="password1234\n")
    assert "user name" in refused(server, "reset-password", "op1", stdin="op1op1op1op1op1\n")
    assert me(server, t).status_code == 200  # a refused reset changes nothing
    answer = admin(server, "reset-password", "op1", stdin=NEW_PASSWORD + "\n")
    assert answer["tokens_revoked"] == 1
    assert me(server, t).status_code == 401
    assert sign_in(server.url, "op1", PASSWORD).status_code == 401
    assert sign_in(server.url, "op1", NEW_PASSWORD).status_code == 200


def test_role_and_unit_changes_revoke_tokens(start: Start) -> None:
    server = start()
    t = token(server, "unit_cgj")
    assert refused(server, "set-unit", "unit_cgj", "--unit", "nowhere")
    answer = admin(server, "set-unit", "unit_cgj", "--unit", "gaj")
    assert answer == {"user": "unit_cgj", "role": "unit", "unit": "gaj", "tokens_revoked": 1}
    assert me(server, t).status_code == 401
    t = token(server, "unit_cgj")
    assert me(server, t).json() == {"user": "unit_cgj", "role": "unit", "unit": "gaj"}
    assert "needs --unit" in refused(server, "set-role", "op1", "--role", "unit")
    admin(server, "set-role", "unit_cgj", "--role", "dispatcher")
    assert me(server, t).status_code == 401
    assert me(server, token(server, "unit_cgj")).json()["role"] == "dispatcher"


def test_revoke_tokens_and_list(start: Start) -> None:
    server = start()
    tokens = [token(server, "disp1") for _ in range(3)]
    listed = cli("users", "--db", server.db_url, module="server.cli").stdout.splitlines()
    rows = {r["user"]: r for r in map(json.loads, listed)}
    assert rows["disp1"]["tokens"] == 3 and rows["op1"]["tokens"] == 0
    assert rows["unit_cgj"]["unit"] == "cgj" and rows["admin1"]["role"] == "admin"
    assert admin(server, "revoke-tokens", "DISP1")["tokens_revoked"] == 3
    assert all(me(server, t).status_code == 401 for t in tokens)
    assert "no user" in refused(server, "revoke-tokens", "nobody")


def test_names_are_case_insensitive(start: Start) -> None:
    server = start()
    r = sign_in(server.url, "Disp1")
    assert r.status_code == 200 and r.json()["user"] == "disp1"
    assert "exists" in refused(
        server, "add-user", "DISP1", "--role", "operator", stdin=NEW_PASSWORD + "\n"
    )
    assert "exists" in refused(
        server, "add-user", "ｄｉｓｐ１", "--role", "operator", stdin=NEW_PASSWORD + "\n"
    )
    for weak in ("            \n", "disp3disp3disp3\n", "qwertyuiop12\n", "eleven char\n"):
        refused(server, "add-user", "disp3", "--role", "operator", stdin=weak)
    admin(server, "add-user", "Disp3", "--role", "operator", stdin=NEW_PASSWORD + "\n")
    assert sign_in(server.url, "DISP3", NEW_PASSWORD).json()["user"] == "Disp3"


def test_expired_tokens_are_refused(start: Start) -> None:
    server = start("--token-hours", "0.004")  # 14.4 seconds
    r = sign_in(server.url, "op1")
    t, expires = r.json()["token"], datetime.fromisoformat(r.json()["expires_at"])
    assert me(server, t).status_code == 200
    time.sleep(max(0.0, expires.timestamp() - time.time()) + 1.5)
    r = me(server, t)
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"


def test_a_shorter_lifetime_applies_to_tokens_already_issued(start: Start) -> None:
    server = start()
    t = token(server, "op1")
    server.stop()
    shorter = start("--token-hours", "0.0001")
    time.sleep(1)
    r = me(shorter, t)
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"

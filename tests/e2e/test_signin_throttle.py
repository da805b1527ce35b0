"""Sign-in throttling and the bound on password hashing, attacked through the real server
(server.throttle, server.login, server.clientaddr), on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from app.sync.client import CentralStore, RetryPolicy
from app.sync.errors import Refused
from tests.support.server import Start, cli, seed_users, server_rows
from tests.support.signin import retry_after, sign_in
from tests.support.users import PASSWORD

WRONG = "not the password at all"
PROXY = ("--trusted-proxy", "127.0.0.1")


def test_wrong_guesses_then_429_even_for_the_right_password(start: Start) -> None:
    server = start()
    for _ in range(5):
        r = sign_in(server.url, "op1", WRONG)
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_credentials"
    for password in (PASSWORD, WRONG, PASSWORD):
        r = sign_in(server.url, "op1", password)
        assert r.status_code == 429, r.text
        assert r.json()["error"]["code"] == "too_many_attempts"
        assert 1 <= retry_after(r) <= 60
    # case does not make it another user
    assert sign_in(server.url, "OP1").status_code == 429
    # every other user of the same address signs in
    assert sign_in(server.url, "op2").status_code == 200
    assert sign_in(server.url, "disp1").status_code == 200


def test_unknown_names_are_throttled_alike(start: Start) -> None:
    server = start()
    answers = [sign_in(server.url, "nobody-here", WRONG) for _ in range(6)]
    known = [sign_in(server.url, "op1", WRONG) for _ in range(6)]
    assert [a.status_code for a in answers] == [a.status_code for a in known]
    assert [a.status_code for a in known] == [401] * 5 + [429]
    assert answers[-1].json()["error"] == known[-1].json()["error"]


def test_names_that_expand_when_folded_are_throttled_too(start: Start) -> None:
    server = start()
    name = "\ufdfa" * 100  # NFKC makes each 18 characters: longer than any stored name
    codes = [sign_in(server.url, name, WRONG).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    assert sign_in(server.url, "\ufdfa" * 99 + "x", WRONG).status_code == 401


def test_malformed_sign_ins_are_4xx_never_500(start: Start) -> None:
    server = start()
    url = server.url + "/api/v1/auth/token"
    bodies = [
        b'{"user": "op1", "password": "\\ud800 lone surrogate"}',
        b'{"user": "\\udfff", "password": "whatever it is"}',
        b'{"user": "op1"}',
        b'{"user": "op1", "password": 12345678901234}',
        b'{"user": "op1", "password": "x", "extra": 1}',
        b'{"user": ["op1"], "password": "x"}',
        b'{"user": "' + b"x" * 101 + b'", "password": "x"}',
        b'{"user": "op1", "password": "' + b"x" * 1025 + b'"}',
        b"[]",
        b"not json",
    ]
    for body in bodies:
        r = requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=60)
        assert 400 <= r.status_code < 500 and "error" in r.json(), (body, r.status_code, r.text)
    assert sign_in(server.url, "op1").status_code == 200  # none counted as a failure


def test_forwarded_address_ignored_unless_from_a_trusted_proxy(start: Start) -> None:
    server = start()  # no trusted proxy: every claimed address is the peer's
    for n in range(5):
        sign_in(server.url, "op1", WRONG, forwarded_for=f"192.0.2.{n}")
    r = sign_in(server.url, "op1", PASSWORD, forwarded_for="198.51.100.99")
    assert r.status_code == 429


def test_behind_a_trusted_proxy_each_client_counts_alone(start: Start) -> None:
    server = start(*PROXY)
    for _ in range(5):
        assert sign_in(server.url, "op1", WRONG, forwarded_for="10.9.0.1").status_code == 401
    assert sign_in(server.url, "op1", forwarded_for="10.9.0.1").status_code == 429
    # a left-hand entry the client wrote itself changes nothing
    r = sign_in(server.url, "op1", forwarded_for="203.0.113.5, 10.9.0.1")
    assert r.status_code == 429
    # the same user at another desk of the centre is not locked out
    assert sign_in(server.url, "op1", forwarded_for="10.9.0.2").status_code == 200
    rows = server_rows(server.db_url, "SELECT user_key, address, failures FROM login_failures")
    assert [tuple(r) for r in rows] == [("op1", "10.9.0.1", 5)]


def test_rfc_7239_forwarded_when_the_proxy_writes_it(start: Start) -> None:
    server = start(*PROXY, "--proxy-header", "forwarded")
    desk = {"Forwarded": 'for="10.9.0.1:51000";proto=https'}
    for n in range(5):
        # an X-Forwarded-For the client adds is not the header this proxy writes
        headers = {**desk, "X-Forwarded-For": f"192.0.2.{n}"}
        r = requests.post(
            server.url + "/api/v1/auth/token",
            json={"user": "op1", "password": WRONG},
            headers=headers,
            timeout=60,
        )
        assert r.status_code == 401
    r = requests.post(
        server.url + "/api/v1/auth/token",
        json={"user": "op1", "password": PASSWORD},
        headers={"Forwarded": "for=10.9.0.1", "X-Forwarded-For": "192.0.2.99"},
        timeout=60,
    )
    assert r.status_code == 429
    other = {"Forwarded": "for=203.0.113.9, for=10.9.0.2"}  # the left one the client's own
    r = requests.post(
        server.url + "/api/v1/auth/token",
        json={"user": "op1", "password": PASSWORD},
        headers=other,
        timeout=60,
    )
    assert r.status_code == 200


def test_lockout_until_an_administrator_lifts_it(start: Start) -> None:
    server = start("--throttle-wait", "1", "--lockout", "3600")
    codes = []
    for _ in range(10):
        r = sign_in(server.url, "op1", WRONG)
        while r.status_code == 429 and r.json()["error"]["code"] == "too_many_attempts":
            time.sleep(retry_after(r))
            r = sign_in(server.url, "op1", WRONG)
        codes.append(r.status_code)
    assert codes == [401] * 10
    r = sign_in(server.url, "op1", PASSWORD)
    assert r.status_code == 429 and r.json()["error"]["code"] == "locked_out"
    assert 3000 < retry_after(r) <= 3600
    # listed as locked; other users unaffected
    listed = cli("users", "--db", server.db_url, module="server.cli")
    assert '"locked_from": ["127.0.0.1"]' in listed.stdout
    assert sign_in(server.url, "op2").status_code == 200
    r = cli("unlock", "OP1", "--db", server.db_url, module="server.cli")
    assert r.returncode == 0 and '"unlocked": 1' in r.stdout, r.stderr
    assert sign_in(server.url, "op1").status_code == 200


def test_failures_are_shared_by_every_server_process(start: Start) -> None:
    first, second = start(), start()
    for n in range(5):
        url = (first, second)[n % 2].url
        assert sign_in(url, "op1", WRONG).status_code == 401
    assert sign_in(first.url, "op1").status_code == 429
    assert sign_in(second.url, "op1").status_code == 429


def test_a_right_password_forgets_the_failures(start: Start) -> None:
    server = start()
    for _round in range(3):
        for _ in range(4):
            assert sign_in(server.url, "op1", WRONG).status_code == 401
        assert sign_in(server.url, "op1").status_code == 200


def test_300_sign_ins_from_one_address_all_succeed(start: Start, db_url: str) -> None:
    names = {f"agent{n:03d}": ("operator", "") for n in range(300)}
    seed_users(db_url, names)
    server = start(*PROXY)
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda n: sign_in(server.url, n).status_code, names))
    assert answers == [200] * 300
    # stored hashes were made with cheap test parameters: rehashed with the store's own
    hashes = server_rows(db_url, "SELECT password_hash FROM users WHERE name LIKE 'agent%'")
    assert all("$m=19456,t=2,p=1$" in h for (h,) in hashes)


def test_hashing_is_bounded_and_excess_waits_then_503(start: Start) -> None:
    server = start("--login-slots", "1", "--login-wait", "0.05")
    names = ["op1", "op2", "disp1", "disp2", "trainer1", "analyst1", "admin1", "unit_cgj"]
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda n: sign_in(server.url, n), names * 4))
    codes = {r.status_code for r in answers}
    assert codes <= {200, 503} and 503 in codes, codes
    for r in answers:
        if r.status_code == 503:
            assert r.json()["error"]["code"] == "busy" and retry_after(r) >= 1
    # a store whose sign-ins are saturated still answers push and pull
    token = next(r.json()["token"] for r in answers if r.status_code == 200)
    with ThreadPoolExecutor(16) as pool:
        storm = [pool.submit(sign_in, server.url, n) for n in names * 4]
        pulled = requests.get(
            server.url + "/api/v1/sync/pull",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        assert pulled.status_code == 200
        assert {f.result().status_code for f in storm} <= {200, 503}


def test_a_throttled_workstation_is_told_how_long_to_wait_and_does_not_retry(
    start: Start,
) -> None:
    """The workstation's sign-in (app.sync.client) answers a throttled sign-in at once with
    the store's words and the wait, instead of retrying into it."""
    server = start("--lockout", "1800")
    for _ in range(5):
        assert sign_in(server.url, "op1", WRONG).status_code == 401
    slept: list[float] = []
    store = CentralStore(server.url, retry=RetryPolicy(sleep=slept.append))
    try:
        with pytest.raises(Refused) as refused:
            store.login("op1", PASSWORD)
    finally:
        store.close()
    assert refused.value.status == 429
    assert refused.value.code == "too_many_attempts"
    assert "try again in 1 min" in refused.value.message
    assert slept == []  # one request: no retry into the throttle

"""HTTP client of sync protocol v1: timeouts, retries with back-off and jitter, strict parsing.

An answer that is not complete, well-formed JSON of the expected shape is a failed attempt
(retried, then reported as Offline/BadAnswer), never data.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import orjson
import requests

from app.models.protocol import HEADER, PROTOCOL_VERSION
from app.store.sync.state import PulledPage, PushResult, StoreRecord
from app.sync import transport
from app.sync.errors import (
    AuthRequired,
    BadAnswer,
    InsecureTransport,
    Offline,
    Refused,
    SyncError,
)

API = "/api/v1"
MAX_BATCH = 500
_TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass
class RetryPolicy:
    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Full jitter: uniform(0, min(max, base·2^attempt)); Retry-After is a floor."""
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        wait = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_delay))
        return wait


@dataclass(frozen=True)
class TokenGrant:
    token: str
    user: str
    role: str
    unit: str
    expires_at: str


class CentralStore:
    """One server. `token` may be None for login only."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
        verify: bool | str = True,
        allow_insecure_http: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        # InsecureTransport for http:// off this machine unless the user accepted it; the
        # warning to show at each use when they did
        self.warning = transport.check(self.base_url, allow_insecure_http)
        if verify is False:
            raise InsecureTransport("TLS certificates are always verified", "unverified_tls")
        self.token = token
        self.retry = retry or RetryPolicy()
        if session is None:
            session = requests.Session()
            # The environment (proxies, CA bundle) is read once, here, not again for every
            # request, and ~/.netrc never: its Basic auth would replace the bearer token.
            # This machine's own server is never reached through a proxy (in clear text).
            if not transport.is_loopback(urlsplit(self.base_url).hostname or ""):
                session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
            session.trust_env = False
            if verify is True:
                verify = (
                    os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
                )
        self.http = session
        self.http.verify = verify
        self.http.headers["User-Agent"] = "hotline-desk-sync/1"
        self.http.headers[HEADER] = str(PROTOCOL_VERSION)  # every request says its version

    def close(self) -> None:
        self.http.close()

    # ---- endpoints -----------------------------------------------------------------------

    def login(self, user: str, password: str) -> TokenGrant:
        data = self._call("POST", "/auth/token", json={"user": user, "password": password})
        try:
            return TokenGrant(
                token=_text(data["token"]),
                user=_text(data["user"]),
                role=_text(data["role"]),
                unit=_text(data.get("unit", "")),
                expires_at=_text(data.get("expires_at", "")),
            )
        except (KeyError, TypeError) as exc:
            raise BadAnswer(f"unexpected answer to sign-in: {exc}") from exc

    def station(self, device_id: str) -> str:
        """This workstation's station code, assigned by the store the first time it asks
        (server/numbering.py)."""
        data = self._call("POST", "/auth/station", json={"device_id": device_id})
        return _text(data.get("station"))

    def me(self) -> dict[str, Any]:
        return self._call("GET", "/auth/me")

    def logout(self) -> None:
        self._call("DELETE", "/auth/token", attempts=1)

    def send_push(self, body: bytes) -> dict[str, Any]:
        """Send one push body (push_body()); the server's answer, read (push_results
        checks it against the ids sent): the server has dealt with the batch once this
        returns."""
        return self._call("POST", "/sync/push", content=body, results_ok=True)

    def pull(
        self, since: int, limit: int = 500, policy_version: str = ""
    ) -> tuple[PulledPage, bool]:
        params: dict[str, Any] = {"since": since, "limit": limit}
        if policy_version:
            params["policy_version"] = policy_version
        data = self._call("GET", "/sync/pull", params=params)
        return _pulled_page(data, since)

    # ---- transport -----------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        results_ok: bool = False,
        attempts: int | None = None,
    ) -> dict[str, Any]:
        policy = self.retry
        tries = attempts or policy.attempts
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if content is not None:
            headers["Content-Type"] = "application/json"
        last: SyncError = Offline("no attempt made")
        retry_after: float | None = None
        for attempt in range(tries):
            if attempt:
                policy.sleep(policy.delay(attempt - 1, retry_after))
                retry_after = None
            try:
                resp = self.http.request(
                    method,
                    self.base_url + API + path,
                    json=json,
                    data=content,
                    params=params,
                    headers=headers,
                    timeout=(policy.connect_timeout, policy.read_timeout),
                    # never followed: a redirect could carry the password elsewhere, even
                    # to http://
                    allow_redirects=False,
                )
                body = resp.content  # reads it all: a cut connection raises here
            except requests.exceptions.SSLError as exc:
                raise Refused(0, "tls", f"TLS certificate check failed: {exc}") from exc
            except requests.exceptions.RequestException as exc:
                last = Offline(f"cannot reach {self.base_url}: {type(exc).__name__}")
                continue
            status = resp.status_code
            if 300 <= status < 400:
                raise Refused(
                    status, "redirect", f"the server redirects elsewhere ({status}); not followed"
                )
            header = resp.headers.get("Retry-After", "")
            if status == 429 and path == "/auth/token":
                # Throttled sign-in (server/throttle.py): retrying only prolongs the wait,
                # so the operator is told how long it is instead.
                raise _throttled(body, resp.headers.get("Content-Type", ""), header)
            if status in _TRANSIENT_STATUS:
                last = Offline(f"server answered {status}")
                retry_after = float(header) if header.isdigit() else None
                continue
            data = _json_object(body, resp.headers.get("Content-Type", ""))
            if data is None:
                last = BadAnswer(f"answer {status} is not complete JSON")
                continue
            if 200 <= status < 300:
                return data
            if results_ok and status in (403, 409, 422) and isinstance(data.get("results"), list):
                return data
            code, message = _error_of(data, status)
            if status == 401:
                raise AuthRequired(message, code)
            raise Refused(status, code, message)
        raise last


def _throttled(body: bytes, content_type: str, retry_after: str) -> Refused:
    """A sign-in the store throttles or has locked: its words and how long to wait."""
    data = _json_object(body, content_type) or {}
    code, message = _error_of(data, 429)
    if retry_after.isdigit():
        minutes = max(1, -(-int(retry_after) // 60))
        message = f"{message} (try again in {minutes} min)"
        return Refused(429, code, message, int(retry_after))
    return Refused(429, code, message)


def push_body(device_id: str, events: Sequence[str]) -> bytes:
    """The body of a push: the events' JSON texts joined, in UTF-8."""
    if len(events) > MAX_BATCH:
        raise ValueError(f"at most {MAX_BATCH} events a push")
    text = '{"device_id":' + json.dumps(device_id) + ',"events":[' + ",".join(events) + "]}"
    return text.encode("utf-8")


def _json_object(body: bytes, content_type: str) -> dict[str, Any] | None:
    import json

    if "json" not in content_type.lower():
        return None
    try:
        # orjson reads a page of events several times faster; what it refuses and the
        # json module reads (NaN, integers past 64 bits) is read by the json module
        data = orjson.loads(body)
    except ValueError:  # orjson.JSONDecodeError and UnicodeDecodeError are ValueErrors
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
    return data if isinstance(data, dict) else None


def _error_of(data: Mapping[str, Any], status: int) -> tuple[str, str]:
    error = data.get("error")
    if isinstance(error, dict):
        return str(error.get("code", status)), str(error.get("message", ""))
    return str(status), f"server answered {status}"


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def push_results(data: Mapping[str, Any], sent: Sequence[str]) -> list[PushResult]:
    """The results of a push answer, one per event sent; BadAnswer when they do not fit."""
    raw = data.get("results")
    if not isinstance(raw, list) or len(raw) != len(sent):
        raise BadAnswer("the push answer does not have one result per event")
    results = []
    for item, event_id in zip(raw, sent, strict=True):
        if not isinstance(item, dict) or item.get("id") != event_id:
            raise BadAnswer("the push answer's results do not match the events sent")
        kind = item.get("result")
        seq = item.get("seq")
        if kind in ("accepted", "duplicate"):
            if not isinstance(seq, int) or isinstance(seq, bool):
                raise BadAnswer("an accepted event has no sequence number")
        elif kind != "rejected":
            raise BadAnswer(f"unknown push result {kind!r}")
        results.append(
            PushResult(
                id=event_id,
                result=kind,
                seq=seq if isinstance(seq, int) else None,
                code=str(item.get("code", "") or ""),
                message=str(item.get("message", "") or ""),
            )
        )
    return results


def _pulled_page(data: Mapping[str, Any], since: int) -> tuple[PulledPage, bool]:
    events = data.get("events")
    articles = data.get("articles", [])
    next_since = data.get("next_since")
    more = data.get("more")
    if (
        not isinstance(events, list)
        or not isinstance(articles, list)
        or not isinstance(next_since, int)
        or not isinstance(more, bool)
        or next_since < since
    ):
        raise BadAnswer("the pull answer is not a page of the feed")
    pairs = []
    records: dict[int, StoreRecord] = {}
    for item in events:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("seq"), int)
            or not isinstance(item.get("event"), dict)
        ):
            raise BadAnswer("a pulled event is malformed")
        seq = int(item["seq"])
        pairs.append((seq, item["event"]))
        record = _store_record(item)
        if record is not None:
            records[seq] = record
    units = data.get("units")
    catalogue = data.get("catalogue")
    page = PulledPage(
        events=pairs,
        articles=[a for a in articles if isinstance(a, dict)],
        units=units if isinstance(units, list) else None,
        catalogue=catalogue if isinstance(catalogue, list) else None,
        policy_version=str(data.get("policy_version", "") or ""),
        next_since=next_since,
        records=records,
    )
    return page, more


def _store_record(item: Mapping[str, Any]) -> StoreRecord | None:
    """The store's record of a pulled event (protocol 2), or None when the item has none
    or it is malformed (the event itself is still good)."""
    at, by = item.get("received_at"), item.get("by")
    if type(at) is not int or not isinstance(by, dict):
        return None
    user, role, unit = by.get("user"), by.get("role"), by.get("unit")
    if not (isinstance(user, str) and isinstance(role, str) and isinstance(unit, str)):
        return None
    return StoreRecord(at, user, role, unit)

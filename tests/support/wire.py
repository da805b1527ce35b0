"""Hand-made pushes to a real server: events as a tampered workstation would send them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import requests

from app.models.clock import CHINA
from app.models.deadlines import reply_deadline
from app.models.enums import AppealType, Urgency
from app.models.operations import new_id
from app.models.policy import Policy
from app.models.protocol import HEADER, PROTOCOL_VERSION
from tests.support.server import ServerProcess
from tests.support.users import ALL_USERS, PASSWORD

V2 = {HEADER: str(PROTOCOL_VERSION)}


def now() -> datetime:
    return datetime.now(CHINA).replace(microsecond=0)


class Wire:
    """Sign in as any seeded user and push or pull by hand."""

    def __init__(self, server: ServerProcess, policy: Policy) -> None:
        self.server = server
        self.policy = policy
        self._tokens: dict[str, str] = {}

    def token(self, user: str) -> str:
        if user not in self._tokens:
            r = requests.post(
                self.server.url + "/api/v1/auth/token",
                json={"user": user, "password": PASSWORD},
                timeout=10,
            )
            assert r.status_code == 200, r.text
            self._tokens[user] = str(r.json()["token"])
        return self._tokens[user]

    def push(self, user: str, *events: dict[str, Any]) -> requests.Response:
        return requests.post(
            self.server.url + "/api/v1/sync/push",
            json={"device_id": "wire", "events": list(events)},
            headers={"Authorization": f"Bearer {self.token(user)}", **V2},
            timeout=30,
        )

    def results(self, user: str, *events: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.push(user, *events)
        assert answer.status_code in (200, 403, 409, 422), answer.text
        return list(answer.json()["results"])

    def pull(
        self, user: str, since: int = 0, limit: int = 1000, version: int | None = 2
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token(user)}"}
        if version is not None:
            headers[HEADER] = str(version)
        r = requests.get(
            self.server.url + "/api/v1/sync/pull",
            params={"since": since, "limit": limit},
            headers=headers,
            timeout=30,
        )
        assert r.status_code == 200, r.text
        return dict(r.json())

    def pull_all(self, user: str, version: int | None = 2) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        since = 0
        while True:
            page = self.pull(user, since, version=version)
            items += page["events"]
            since = page["next_since"]
            if not page["more"]:
                return items


def event(
    user: str,
    order_id: str,
    kind: str,
    payload: dict[str, Any],
    at: datetime,
    **claims: Any,
) -> dict[str, Any]:
    """An event as `user` records it (their own role and unit) at `at`, unless `claims`
    say otherwise."""
    role, unit = ALL_USERS.get(user, ("operator", ""))
    return {
        "id": new_id(),
        "order_id": order_id,
        "type": kind,
        "payload": payload,
        "actor": user,
        "role": role,
        "unit": unit,
        "device_id": "wire",
        "client_time": at.isoformat(),
        "base_version": 0,
        **claims,
    }


def intake(
    policy: Policy,
    at: datetime,
    received: datetime | None = None,
    number: str = "",
    user: str = "op1",
    **claims: Any,
) -> dict[str, Any]:
    """A correct intake recorded at `at` about a call received at `received` (default `at`)."""
    received = received or at
    due = reply_deadline(
        received, AppealType.COMPLAINT, Urgency.NORMAL, policy.limits, policy.calendar
    )
    payload = {
        "number": number or f"ZS{at:%y%m%d}-WIRE-{new_id()[-4:].upper()}",
        "appellant": {
            "phone": "13800138000",
            "name": "陈女士",
            "kind": "个人",
            "company": "",
            "gender": "",
            "other_contact": "",
            "confidential": False,
        },
        "appeal_type": AppealType.COMPLAINT.value,
        "urgency": Urgency.NORMAL.value,
        "channel": "电话",
        "category": "A0301",
        "town": "shiqi",
        "address": "孙文中路1号",
        "title": "夜间施工噪音扰民",
        "content": "夜间施工噪音扰民，请处理",
        "party_complained": "",
        "received_at": received.isoformat(),
        "deadline": due.due.isoformat(),
        "deadline_warning": due.warning,
    }
    return event(user, new_id(), "intake", payload, at, **claims)


def later(at: datetime, minutes: int) -> datetime:
    return at + timedelta(minutes=minutes)

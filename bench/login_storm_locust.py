"""The locust users and load shape of bench/login_storm.py (importing this module lets
gevent patch the process: import it only from there)."""

from __future__ import annotations

import itertools
import time
from datetime import datetime, timedelta
from typing import Any

from locust import FastHttpUser, LoadTestShape, between, constant, events, task
from locust.env import Environment
from locust.runners import STATE_STOPPED

from app.models.clock import CHINA
from app.models.deadlines import reply_deadline
from app.models.enums import AppealType, Channel, Role, Urgency
from app.models.operations import Actor, intake_events
from app.models.protocol import HEADER, PROTOCOL_VERSION
from app.models.records import Appellant, Intake
from app.models.serial import event_to_dict
from app.resources import load_policy
from bench.common import percentile
from bench.login_storm import INTAKES_PER_PUSH, PASSWORD, STORM_SECONDS, STORM_USERS, WORKSTATIONS

TOKEN = "/api/v1/auth/token"
COOL_DOWN = 5.0
POLICY = load_policy()
_desks = itertools.count()
_agents = itertools.count()
# (start time, request name, milliseconds, status) of every request
samples: list[tuple[float, str, float, int]] = []


@events.request.add_listener
def _record(name: str, response_time: float, response: Any, start_time: float, **_: Any) -> None:
    status = int(getattr(response, "status_code", 0) or 0)
    samples.append((start_time, name, response_time, status))


def sign_in(user: FastHttpUser, name: str, label: str) -> str | None:
    """Sign in as the workstation's client does (app.sync.client): up to 4 attempts, an
    answer of 503 or 429 or a failed connection retried after Retry-After (at most 8 s).
    The whole sign-in, retries included, is recorded as `label + " (operator)"`; the
    token or None."""
    import gevent

    started = time.time()
    token, status = None, 0
    for _attempt in range(4):
        r = user.client.post(TOKEN, json={"user": name, "password": PASSWORD}, name=label)
        status = r.status_code
        if status == 200:
            token = str(r.json()["token"])
            break
        if status not in (0, 429, 503):  # 0: the connection failed, retried like 503
            break
        wait = (r.headers or {}).get("Retry-After") or "1"
        gevent.sleep(min(8.0, float(wait)))
    elapsed = time.time() - started
    samples.append((started, label + " (operator)", elapsed * 1000, status))
    return token


def _intake_bodies(desk: str, serial: int) -> list[dict[str, Any]]:
    now = datetime.now(CHINA)
    events_: list[dict[str, Any]] = []
    actor = Actor(user=desk, role=Role.OPERATOR, device_id=f"bench-{desk}")
    for n in range(INTAKES_PER_PUSH):
        k = serial * INTAKES_PER_PUSH + n
        intake = Intake(
            appellant=Appellant(phone=f"139{k % 100000000:08d}", name=f"市民{k}"),
            appeal_type=AppealType.ENQUIRY,
            urgency=Urgency.NORMAL,
            channel=Channel.PHONE,
            category="A0301",
            town="shiqi",
            address=f"孙文中路{k}号",
            title=f"咨询停水安排{k}",
            content="请问明天小区是否停水，停到几点，哪里可以看到通知。",
            received_at=now - timedelta(minutes=1),
        )
        deadline = reply_deadline(
            intake.received_at, intake.appeal_type, intake.urgency, POLICY.limits, POLICY.calendar
        )
        number = f"ZS{now:%y%m%d}-{desk.upper()}-{k:04d}"
        for event in intake_events(intake, actor=actor, number=number, deadline=deadline, now=now):
            events_.append(event_to_dict(event))
    return events_


class Workstation(FastHttpUser):
    """A workstation of the centre: signs in once, then syncs every 1–3 s."""

    fixed_count = WORKSTATIONS
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.desk = f"desk{next(_desks):02d}"
        self.serial = 0
        self.cursor = 0
        token = sign_in(self, self.desk, "sign-in (workstation)")
        self.headers = {"Authorization": f"Bearer {token}", HEADER: str(PROTOCOL_VERSION)}

    @task
    def sync(self) -> None:
        self.serial += 1
        body = {"device_id": f"bench-{self.desk}", "events": _intake_bodies(self.desk, self.serial)}
        self.client.post("/api/v1/sync/push", json=body, headers=self.headers, name="push")
        more = True
        while more:
            r = self.client.get(
                f"/api/v1/sync/pull?since={self.cursor}&limit=1000",
                headers=self.headers,
                name="pull",
            )
            if r.status_code != 200:
                return
            page = r.json()
            self.cursor, more = int(page["next_since"]), bool(page["more"])


class SignIn(FastHttpUser):
    """An operator arriving for the shift: signs in once."""

    wait_time = constant(3600)

    def on_start(self) -> None:
        sign_in(self, f"agent{next(_agents):03d}", "sign-in")

    @task
    def idle(self) -> None:
        pass


class Storm(LoadTestShape):
    """Warm-up with the workstations alone, then the sign-ins at 15 a second, then stop."""

    def __init__(self, warmup: float) -> None:
        super().__init__()
        self.warmup = warmup
        self.done_at: float | None = None

    def tick(self) -> tuple[int, float, list[type[FastHttpUser]]] | None:
        t = self.get_run_time()
        if t < self.warmup:
            return WORKSTATIONS, WORKSTATIONS, [Workstation]
        answered = sum(1 for s in samples if s[1] == "sign-in (operator)")
        if answered >= STORM_USERS and self.done_at is None:
            self.done_at = t
        if self.done_at is not None and t > self.done_at + COOL_DOWN:
            return None
        rate = STORM_USERS / STORM_SECONDS
        return WORKSTATIONS + STORM_USERS, rate, [Workstation, SignIn]


def _summary(rows: list[tuple[float, str, float, int]]) -> dict[str, Any]:
    times = [r[2] for r in rows]
    status: dict[str, int] = {}
    for r in rows:
        status[str(r[3])] = status.get(str(r[3]), 0) + 1
    return {
        "n": len(rows),
        "ok": sum(1 for r in rows if 200 <= r[3] < 300),
        "p50_ms": round(percentile(times, 50), 1) if times else 0.0,
        "p95_ms": round(percentile(times, 95), 1) if times else 0.0,
        "max_ms": round(max(times), 1) if times else 0.0,
        "status": status,
    }


def run(url: str, warmup: float, memory: Any) -> dict[str, Any]:
    import gevent

    shape = Storm(warmup)
    env = Environment(
        user_classes=[Workstation, SignIn], shape_class=shape, events=events, host=url
    )
    runner = env.create_local_runner()
    start = time.time()
    runner.start_shape()
    rss_before = 0.0
    cpu: list[tuple[float, float]] = []  # (time, store CPU seconds), every 0.25 s
    deadline = start + warmup + STORM_SECONDS + 180
    while runner.state != STATE_STOPPED and time.time() < deadline:
        gevent.sleep(0.25)
        cpu.append((time.time(), memory.cpu_seconds()))
        if not rss_before and time.time() - start > warmup - 0.5:
            rss_before = memory.status()["VmRSS"]
    peak = memory.status()["VmHWM"]
    runner.quit()
    storm = [s for s in samples if s[1] == "sign-in (operator)"]
    storm_from = min(s[0] for s in storm)
    storm_to = max(s[0] + s[2] / 1000 for s in storm)
    requests = [s for s in samples if s[1] == "sign-in"]

    def phase(name: str, lo: float, hi: float) -> dict[str, Any]:
        return _summary([s for s in samples if s[1] == name and lo <= s[0] <= hi])

    in_storm = [c for t, c in cpu if storm_from <= t <= storm_to]
    return {
        "store_cpu_s_during_storm": round(in_storm[-1] - in_storm[0], 1) if in_storm else 0.0,
        "scenario": {
            "sign_ins": STORM_USERS,
            "within_s": STORM_SECONDS,
            "workstations": WORKSTATIONS,
            "intakes_per_push": INTAKES_PER_PUSH,
            "workstation_wait_s": [1, 3],
            "warmup_s": warmup,
            "store": "hotline-server serve with its defaults (login slots: half the cores)",
            "client": "locust FastHttpUser on the same machine",
            "sign_in": "as the workstation client: 503/429 retried after Retry-After, 4 tries",
        },
        "storm_seconds": round(storm_to - storm_from, 2),
        "storm": {
            "sign_in": _summary(storm),
            "sign_in_requests": _summary(requests),
            "push": phase("push", storm_from, storm_to),
            "pull": phase("pull", storm_from, storm_to),
        },
        "warmup": {
            "sign_in_workstations": _summary(
                [s for s in samples if s[1] == "sign-in (workstation) (operator)"]
            ),
            "push": phase("push", start + 3, storm_from),
            "pull": phase("pull", start + 3, storm_from),
        },
        "memory": {
            "rss_before_storm_mb": round(rss_before, 1),
            "peak_rss_mb": round(peak, 1),
            "rss_samples_max_mb": round(max(m for _, m in memory.samples), 1),
        },
    }

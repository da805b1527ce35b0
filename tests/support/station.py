"""One workstation: its own workspace and sync state; signed in to a server, it syncs."""

from __future__ import annotations

from pathlib import Path

from app.models.clock import Clock
from app.models.enums import AppealType, Channel, EventType, Urgency
from app.models.policy import Policy
from app.models.records import Appellant, Intake, Order
from app.store.sync.state import SyncState
from app.store.workspace import Workspace
from app.sync import account
from app.sync.client import RetryPolicy
from app.sync.cycle import CycleSummary, run_cycle
from tests.support.users import PASSWORD

# Retries quick enough for tests, timeouts generous enough for a shared machine.
FAST = RetryPolicy(attempts=4, base_delay=0.02, max_delay=0.1, connect_timeout=2, read_timeout=15)


class Station:
    """A workstation over `ws`; it records as its signed-in user (the local operator until
    it signs in)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.state = SyncState(ws.database)
        self._n = 0

    @classmethod
    def at(cls, home: Path, policy: Policy, clock: Clock) -> Station:
        """A workstation with a new workspace in `home`."""
        return cls(Workspace(home, policy, clock=clock))

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

    def act(self, order_id: str, event_type: EventType, payload: dict[str, object]) -> Order:
        actor = account.actor_for(account.current_user(self.ws.database), self.ws.device_id)
        return self.ws.act(order_id, event_type, payload, actor)

    def event_ids(self) -> set[str]:
        return {
            r[0]
            for r in self.ws.database.query("SELECT id FROM events WHERE rejected_code IS NULL")
        }

    def order_ids(self) -> set[str]:
        return {r[0] for r in self.ws.database.query("SELECT id FROM orders")}

    def close(self) -> None:
        self.ws.close()

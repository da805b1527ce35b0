"""Failed sign-ins per (user, client address), counted in the database so that every
server process sees them (table `login_failures`).

The numbers (ThrottlePolicy's defaults; `hotline-server serve` options change them):
* 5 wrong passwords of a user from an address are answered 401 as usual;
* after the 5th, each next attempt is accepted only 60 s after the last failure: until
  then 429 `too_many_attempts` with Retry-After, and the password is not even checked
  (right or wrong, the answer is the same, and it costs no hash);
* the 10th failure locks the pair for 30 minutes: 429 `locked_out` with Retry-After,
  whatever the password, until it runs out or an administrator lifts it
  (`hotline-server unlock NAME`);
* failures are forgotten 15 minutes after the last one (unless locked); a right password
  forgets them at once.
So an online guesser gets at most 10 guesses per user and address in about 35 minutes,
while an operator who mistypes a few times is never stopped for long. The key is the
user name as compared (server.users.name_key) whether or not such a user exists, so
unknown and known names are throttled alike and the answers tell nothing about which
names exist. Another user at the same address (a call centre behind one proxy) is never
affected. A user is not locked out for every address at once: that would hand anyone who
knows a name the means to lock its owner out.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select, update

from server.schema import Database, login_failures

log = logging.getLogger("hotline.server.signin")


@dataclass(frozen=True)
class ThrottlePolicy:
    throttle_after: int = 5  # failures after which each attempt waits `wait` seconds
    wait: int = 60  # seconds between attempts once throttled
    lock_after: int = 10  # failures that lock the pair
    lockout: int = 30 * 60  # seconds a lock lasts
    forget: int = 15 * 60  # seconds after the last failure that it is forgotten


@dataclass(frozen=True)
class Refusal:
    code: str  # too_many_attempts | locked_out
    message: str
    retry_after: int


def address_key(address: str) -> str:
    """An IPv6 client counts by its /64 (one host usually holds the whole prefix)."""
    try:
        ip = ipaddress.ip_address(address)
        if ip.version == 6:
            return str(ipaddress.ip_network(f"{ip.exploded.split('%')[0]}/64", strict=False))
    except ValueError:
        return address[:64]
    return str(ip)


class Throttle:
    def __init__(self, db: Database, policy: ThrottlePolicy | None = None) -> None:
        self.db = db
        self.policy = policy or ThrottlePolicy()

    def refusal(self, key: str, address: str, now: float | None = None) -> Refusal | None:
        """Why an attempt for (key, address) is refused before its password is checked."""
        now = time.time() if now is None else now
        with self.db.read() as conn:
            row = conn.execute(_where(select(login_failures), key, address)).first()
        return self._refusal(row, now)

    def _refusal(self, row: Any, now: float) -> Refusal | None:
        p = self.policy
        if row is None:
            return None
        if row.locked_until > now:
            return Refusal(
                "locked_out",
                "too many failed sign-ins: locked for a while (an administrator can lift it)",
                max(1, math.ceil(row.locked_until - now)),
            )
        if row.last_failure_at + p.forget <= now:
            return None
        if row.failures >= p.throttle_after and row.last_failure_at + p.wait > now:
            return Refusal(
                "too_many_attempts",
                "too many failed sign-ins: wait before trying again",
                max(1, math.ceil(row.last_failure_at + p.wait - now)),
            )
        return None

    def failed(self, key: str, address: str, now: float | None = None) -> None:
        p = self.policy
        at = int(time.time() if now is None else now)
        with self.db.write() as conn:
            row = conn.execute(_where(select(login_failures), key, address)).first()
            if row is None:
                conn.execute(
                    delete(login_failures).where(
                        login_failures.c.last_failure_at < at - p.forget,
                        login_failures.c.locked_until < at,
                    )
                )
                conn.execute(
                    insert(login_failures).values(
                        user_key=key,
                        address=address,
                        failures=1,
                        last_failure_at=at,
                        locked_until=0,
                    )
                )
                return
            stale = row.last_failure_at + p.forget <= at and row.locked_until <= at
            failures = 1 if stale else row.failures + 1
            locked_until = at + p.lockout if failures >= p.lock_after else 0
            if failures >= p.lock_after:
                failures = 0  # after the lock runs out the count starts again
                log.warning(
                    "sign-in locked for %d s after %d failures: user %r from %s",
                    p.lockout,
                    p.lock_after,
                    key,
                    address,
                )
            conn.execute(
                _where(update(login_failures), key, address).values(
                    failures=failures, last_failure_at=at, locked_until=locked_until
                )
            )

    def unlock(self, key: str, address: str | None = None) -> int:
        """Forget the failures and lift the locks of a user (at one address or all)."""
        with self.db.write() as conn:
            stmt = delete(login_failures).where(login_failures.c.user_key == key)
            if address is not None:
                stmt = stmt.where(
                    or_(
                        login_failures.c.address == address,
                        login_failures.c.address == address_key(address),
                    )
                )
            return int(conn.execute(stmt).rowcount or 0)


def _where(stmt: Any, key: str, address: str) -> Any:
    return stmt.where(login_failures.c.user_key == key, login_failures.c.address == address)

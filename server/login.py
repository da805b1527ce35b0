"""Sign-in under load: throttling (server.throttle) and a bound on concurrent password
checks, so that a shift's worth of sign-ins, or a flood of guesses, never starves push and
pull.

Each argon2 check runs in a small pool of its own (`slots` threads; argon2 releases the
GIL), and a sign-in waits for a slot on the event loop, holding no thread of the pool that
push and pull run on. The write that ends a sign-in (its token, or its failure) waits for
the store's single writer, behind pushes: at most `writers` sign-ins at a time hold a
thread of the shared pool for it, the others wait on the event loop too, and a slot is
never held while waiting for the database. A sign-in that waits longer than `wait` seconds
for a slot gets 503 `busy` with Retry-After. Sign-ins of one user from one address go one
at a time in a process, so concurrent guesses cannot overshoot the throttle's count (with
several server processes, by at most one guess per process).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread

from server.auth import INVALID, TOKEN_TTL, Account, Accounts, AuthError, IssuedToken
from server.clientaddr import ProxyTrust
from server.throttle import Refusal, Throttle, ThrottlePolicy, address_key
from server.users import MAX_NAME, name_key


def throttle_key(name: str) -> str:
    """The compared name, or for a name whose compared form is longer than any user's can
    be (NFKC expands some characters up to 18-fold) a digest of it: it fits the column."""
    key = name_key(name)
    if len(key) <= MAX_NAME:
        return key
    return "#" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def default_slots() -> int:
    """Half the cores, at least one: the other half stays for push and pull."""
    return max(1, (os.cpu_count() or 2) // 2)


@dataclass(frozen=True)
class LoginLimits:
    slots: int = field(default_factory=default_slots)  # concurrent password checks
    wait: float = 10.0  # seconds a sign-in may wait for a slot
    writers: int = 4  # sign-ins writing their outcome at once
    busy_retry_after: int = 5


class Throttled(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments, so it survives pickling (crossing processes).
        return type(self), (self.refusal,), self.__dict__


class Busy(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("too many sign-ins at once: try again shortly")
        self.retry_after = retry_after


class LoginGate:
    def __init__(
        self, accounts: Accounts, throttle: Throttle, limits: LoginLimits | None = None
    ) -> None:
        self.accounts = accounts
        self.throttle = throttle
        self.limits = limits or LoginLimits()
        self._slots = asyncio.Semaphore(self.limits.slots)
        # The writes that end a sign-in (its token, or its failure) wait for the store's
        # single writer behind pushes: a few at a time, so they never fill the shared pool.
        self._writers = asyncio.Semaphore(self.limits.writers)
        self._pool = ThreadPoolExecutor(self.limits.slots, thread_name_prefix="password")
        self._pairs: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    async def sign_in(self, name: str, password: str, address: str) -> IssuedToken:
        key, where = throttle_key(name), address_key(address)
        async with self._one_at_a_time(key, where):
            refusal, account = await to_thread.run_sync(self._look_up, name, key, where)
            if refusal is not None:
                raise Throttled(refusal)
            async with self._slot():
                loop = asyncio.get_running_loop()
                ok, new_hash = await loop.run_in_executor(
                    self._pool, self.accounts.check_password, account, password
                )
            async with self._writers:
                if not ok or account is None:
                    await to_thread.run_sync(self.throttle.failed, key, where)
                    raise AuthError(*INVALID)
                return await to_thread.run_sync(
                    self.accounts.issue, account, new_hash, (key, where)
                )

    def _look_up(self, name: str, key: str, where: str) -> tuple[Refusal | None, Account | None]:
        refusal = self.throttle.refusal(key, where)
        return refusal, None if refusal is not None else self.accounts.account(name)

    @contextlib.asynccontextmanager
    async def _slot(self) -> AsyncIterator[None]:
        try:
            async with asyncio.timeout(self.limits.wait):
                await self._slots.acquire()
        except TimeoutError:
            raise Busy(self.limits.busy_retry_after) from None
        try:
            yield
        finally:
            self._slots.release()

    @contextlib.asynccontextmanager
    async def _one_at_a_time(self, key: str, where: str) -> AsyncIterator[None]:
        pair = (key, where)
        lock, users = self._pairs.get(pair) or (asyncio.Lock(), 0)
        self._pairs[pair] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._pairs[pair]
            if users <= 1:
                del self._pairs[pair]
            else:
                self._pairs[pair] = (lock, users - 1)


@dataclass(frozen=True)
class AccessSettings:
    """What `hotline-server serve` configures about signing in."""

    proxies: ProxyTrust = field(default_factory=ProxyTrust)
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    limits: LoginLimits = field(default_factory=LoginLimits)
    token_ttl: int = TOKEN_TTL

"""Fixtures shared by every test: a throwaway workspace, an in-memory keyring, the policy."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.models.clock import CHINA
from app.models.policy import Policy
from app.resources import load_policy
from app.store.workspace import Workspace


class MemoryKeyring(KeyringBackend):
    """The real keyring API over a dict, so tests never touch the machine's secrets."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 27, 10, 30, tzinfo=CHINA))


@pytest.fixture
def workspace(tmp_path: Path, policy: Policy, clock: FixedClock) -> Iterator[Workspace]:
    ws = Workspace(tmp_path / "ws", policy, clock=clock)
    yield ws
    ws.close()

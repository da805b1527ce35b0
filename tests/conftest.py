"""Fixtures shared by every test: a throwaway workspace, an in-memory keyring, the policy."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.models.policy import Policy
from app.resources import load_policy
from app.store.workspace import Workspace
from tests.support.clock import NOW, FixedClock
from tests.support.keyrings import MemoryKeyring


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


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def workspace(tmp_path: Path, policy: Policy, clock: FixedClock) -> Iterator[Workspace]:
    ws = Workspace(tmp_path / "ws", policy, clock=clock)
    yield ws
    ws.close()

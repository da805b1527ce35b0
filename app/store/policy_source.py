"""The policy a workstation checks with: the bundled one (resources/policy), with the units
and the dispatch catalogue the central store distributes once a pull has brought them.

The server checks every dispatch against its own unit list and catalogue and hands both out
through pull (SyncState stores them in `meta`, in the page's transaction). Checking against
those, not the bundle the workstation was installed with, is what makes a dispatch to a unit
refused or accepted alike on both sides. Before the first pull (or from a server that sends
none) the bundled lists are used.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from app.models.places import units_from
from app.models.policy import Policy, catalogue_from
from app.store.db import Database

# The meta keys app.store.sync.state writes a pulled policy under (spelled out rather than
# imported, to keep sync_state off the start-up path; a unit test holds them equal).
PULLED_VERSION = "sync:policy_version"
PULLED_UNITS = "sync:units"
PULLED_CATALOGUE = "sync:catalogue"


def pulled_version(database: Database) -> str:
    """The server policy version this cache holds ('' before the first pull)."""
    return database.meta(PULLED_VERSION, "") or ""


def with_pulled(bundled: Policy, units: list[Any], catalogue: list[Any]) -> Policy:
    """`bundled` with the server's units and catalogue in place of its own (pure). An
    empty list means the server sent none: the bundled one stays."""
    changes: dict[str, Any] = {}
    if units:
        changes["units"] = units_from(units)
    if catalogue:
        changes["catalogue"] = catalogue_from(catalogue)
    return dataclasses.replace(bundled, **changes) if changes else bundled


def effective_policy(database: Database, bundled: Policy) -> Policy:
    """The policy to check with now: `bundled`, with what the last pull brought."""
    units = json.loads(database.meta(PULLED_UNITS, "[]") or "[]")
    catalogue = json.loads(database.meta(PULLED_CATALOGUE, "[]") or "[]")
    try:
        return with_pulled(bundled, units, catalogue)
    except (KeyError, TypeError, ValueError):  # unreadable: never worse than the bundle
        return bundled


class PolicySource:
    """effective_policy, remembered until a pull brings another server policy version."""

    def __init__(self, database: Database, bundled: Policy) -> None:
        self.database = database
        self.bundled = bundled
        self._version: str | None = None
        self._policy = bundled

    def current(self) -> Policy:
        version = pulled_version(self.database)
        if version != self._version:
            self._policy = effective_policy(self.database, self.bundled)
            self._version = version
        return self._policy

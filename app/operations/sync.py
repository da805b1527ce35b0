"""Synchronisation as the screens see it: what a pull changed here, and the operator's
decision on a step the central store refused."""

from __future__ import annotations

from collections.abc import Set
from typing import Protocol

from app.operations.changes import NOTHING, Changes, Done
from app.store.sync.state import SyncState
from app.store.workspace import Workspace


class CycleCounts(Protocol):
    """What app.sync.cycle.CycleSummary tells of a cycle (this layer stays off the network)."""

    @property
    def pulled(self) -> int: ...
    @property
    def articles(self) -> int: ...
    @property
    def changed_orders(self) -> Set[str]: ...


def pulled(summary: CycleCounts) -> Changes:
    """The notice a sync cycle ends with when it brought something from other workstations:
    orders (any of them may have moved, and the unit list with them), drill attempts, and
    articles of the knowledge base."""
    changes = NOTHING
    if summary.pulled:
        changes |= Changes(orders=frozenset(summary.changed_orders), all_orders=True, drills=True)
    if summary.articles:
        changes |= Changes(kb=True)
    return changes


def resolve_refused(ws: Workspace, event_id: str, action: str) -> Done[None]:
    """'retry' sends a refused step again; 'dismiss' keeps it in the timeline as refused
    and takes it off the list. KeyError when it was resolved meanwhile."""
    SyncState(ws.database).resolve(event_id, action)
    return Done(None, Changes(outbox=True))

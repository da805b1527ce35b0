"""One sync cycle: push the whole outbox in batches, then pull until the feed is drained."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.models.serial import event_to_dict
from app.store.sync_state import SyncState
from app.sync.client import MAX_BATCH, CentralStore
from app.sync.errors import SyncError


@dataclass
class CycleSummary:
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: int = 0
    articles: int = 0
    cursor: int = 0
    changed_orders: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "pulled": self.pulled,
            "articles": self.articles,
            "cursor": self.cursor,
        }


def push_outbox(
    state: SyncState, store: CentralStore, device_id: str, summary: CycleSummary, batch: int
) -> None:
    while True:
        events = state.outbox_batch(batch)
        if not events:
            return
        try:
            results = store.push(device_id, [event_to_dict(e) for e in events])
        except SyncError as exc:
            state.note_push_failure(events, exc.message)
            raise
        tally = state.record_push(results)
        summary.pushed += len(events)
        summary.accepted += tally.accepted
        summary.duplicates += tally.duplicates
        summary.rejected += tally.rejected
        if tally.accepted + tally.duplicates + tally.rejected == 0:
            return  # no progress: never spin


def pull_feed(
    state: SyncState,
    store: CentralStore,
    summary: CycleSummary,
    page_size: int,
    before_commit: Callable[[], None] | None = None,
) -> None:
    since = state.cursor()
    while True:
        page, more = store.pull(since, page_size, state.policy_version())
        summary.changed_orders |= state.apply_page(page, before_commit)
        summary.pulled += len(page.events)
        summary.articles += len(page.articles)
        since = page.next_since
        if not more:
            break
    summary.cursor = since


def run_cycle(
    state: SyncState,
    store: CentralStore,
    device_id: str,
    *,
    batch: int = MAX_BATCH,
    page_size: int = 500,
    before_commit: Callable[[], None] | None = None,
) -> CycleSummary:
    """Push, then pull. Raises SyncError subclasses; whatever was applied stays applied."""
    summary = CycleSummary(cursor=state.cursor())
    push_outbox(state, store, device_id, summary, batch)
    pull_feed(state, store, summary, page_size, before_commit)
    state.mark_success()
    return summary

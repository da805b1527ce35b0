"""One sync cycle: push the whole outbox in batches, then pull until the feed is drained."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from app.store.sync_state import PulledPage, SyncState
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
    """Send the outbox oldest first, one batch at a time (the server sees them in order).
    While a batch is on its way, the next one is read from the cache."""
    last, events = state.outbox_wire(batch)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
        while events:
            in_flight = sender.submit(store.push, device_id, events)
            next_last, next_events = state.outbox_wire(batch, after=last)
            try:
                results = in_flight.result()
            except SyncError as exc:
                state.note_push_failure([str(e["id"]) for e in events], exc.message)
                raise
            tally = state.record_push(results)
            summary.pushed += len(events)
            summary.accepted += tally.accepted
            summary.duplicates += tally.duplicates
            summary.rejected += tally.rejected
            if tally.accepted + tally.duplicates + tally.rejected == 0:
                return  # no progress: never spin
            last, events = next_last, next_events


def pull_feed(
    state: SyncState,
    store: CentralStore,
    summary: CycleSummary,
    page_size: int,
    before_commit: Callable[[], None] | None = None,
) -> None:
    """Pull pages until the feed is drained; each page applied with its cursor in one
    transaction. The next page is fetched (on a helper thread, one request at a time)
    while the current one is applied, so the server's work and ours overlap."""
    since = state.cursor()
    policy_version = state.policy_version()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-fetch") as fetcher:
        pending: Future[tuple[PulledPage, bool]] = fetcher.submit(
            store.pull, since, page_size, policy_version
        )
        while True:
            page, more = pending.result()
            if more:
                policy_version = page.policy_version or policy_version
                pending = fetcher.submit(store.pull, page.next_since, page_size, policy_version)
            try:
                summary.changed_orders |= state.apply_page(page, before_commit)
            except BaseException:
                if more:
                    pending.cancel()
                raise
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

"""One sync cycle: push the whole outbox in batches, then pull until the feed is drained."""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from app.models.numbering import STORE_ACTOR, valid_station
from app.store.sync.state import PreparedPage, SyncState, prepare_page
from app.sync.client import MAX_BATCH, CentralStore, push_body, push_results
from app.sync.errors import BadAnswer, Refused, SyncError
from app.sync.lock import sync_lock


@dataclass
class CycleSummary:
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: int = 0
    # Of those, the events another workstation wrote: not this one's own coming back from
    # the feed, nor the store's own (a renumber). What "changes from other workstations" counts.
    from_elsewhere: int = 0
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
            "from_elsewhere": self.from_elsewhere,
            "articles": self.articles,
            "cursor": self.cursor,
        }


def push_outbox(
    state: SyncState, store: CentralStore, device_id: str, summary: CycleSummary, batch: int
) -> None:
    """Send the outbox oldest first, one batch at a time (the server sees them in order).

    Pipelined over two threads. This one reads the next batch from the cache (as JSON text
    made by SQLite) and makes its body while a batch is on its way, then records each
    answer. A sender thread sends each batch the moment the answer to the one before it is
    in, without waiting for that answer to be recorded, and sends nothing more after a
    failed request. If recording fails, the batch in flight is finished and its answer
    dropped: those events stay queued and come back as duplicates."""
    author = state.session()
    if author is None:
        return  # signed out: nothing goes out
    last, ids, events = state.outbox_json(batch, author=author)
    if not ids:
        return
    sender = _Sender(store)
    sender.start()
    try:
        sender.outgoing.put((ids, push_body(device_id, events)))
        waiting = 1  # batches handed to the sender whose answer is not recorded yet
        more = True
        while waiting:
            if more:  # the next batch waits for the sender while the one before is out
                last, ids, events = state.outbox_json(batch, after=last, author=author)
                more = bool(ids)
                if more:
                    sender.outgoing.put((ids, push_body(device_id, events)))
                    waiting += 1
            sent, answer = sender.answers.get()
            waiting -= 1
            try:
                if isinstance(answer, BaseException):
                    raise answer
                results = push_results(answer, sent)
            except SyncError as exc:
                state.note_push_failure(sent, exc.message)
                raise
            tally = state.record_push(results)
            summary.pushed += len(sent)
            summary.accepted += tally.accepted
            summary.duplicates += tally.duplicates
            summary.rejected += tally.rejected
    finally:
        sender.finish()


class _Sender(threading.Thread):
    """Sends the batches put in `outgoing`, in order, one request at a time, and puts
    (ids, the answer or the exception raised) in `answers`; the answer's results are read
    on the recording thread (push_results), off the path from one request to the next.
    After a failure, or once finish() is called, it sends nothing more; batches still
    waiting are dropped (they stay queued)."""

    def __init__(self, store: CentralStore) -> None:
        super().__init__(name="sync-push", daemon=True)
        self.store = store
        self.outgoing: queue.Queue[tuple[list[str], bytes] | None] = queue.Queue(1)
        self.answers: queue.Queue[tuple[list[str], dict[str, Any] | BaseException]] = queue.Queue()
        self.stopped = threading.Event()

    def run(self) -> None:
        while (item := self.outgoing.get()) is not None:
            if self.stopped.is_set():
                continue  # drained, so a put waiting for room never blocks for good
            ids, body = item
            try:
                self.answers.put((ids, self.store.send_push(body)))
            except BaseException as exc:  # raised on the recording thread
                self.answers.put((ids, exc))
                self.stopped.set()

    def finish(self) -> None:
        """Send nothing more; wait for the request in flight to end."""
        self.stopped.set()
        self.outgoing.put(None)
        self.join()


# While catching up, pages fetched ahead wait in a queue (at most LOOKAHEAD) and are applied
# together, at most COALESCE_EVENTS events in one transaction: each commit costs SQLite
# about the same whatever its size, once the cache holds a few thousand orders.
LOOKAHEAD = 8
# Events a pull asks for: the most the server gives (server.feed.MAX_PULL); half the
# requests of 500 when catching up.
PULL_PAGE = 1000
COALESCE_EVENTS = 5000


class _Fetcher(threading.Thread):
    """Fetches and prepares pages (prepare_page: parsing, folding, rows; no database) one
    request at a time, ahead of the thread applying them, until the feed is drained, the
    consumer stops it, or a request fails (the error is handed over in the queue, after the
    pages before it). One helper thread: a second one, preparing while this one waits for
    the server, would make the applying thread wait for the GIL between its SQLite steps."""

    def __init__(
        self, store: CentralStore, since: int, page_size: int, policy_version: str
    ) -> None:
        super().__init__(name="sync-fetch", daemon=True)
        self.store, self.since, self.page_size = store, since, page_size
        self.policy_version = policy_version
        self.pages: queue.Queue[tuple[PreparedPage, bool] | BaseException] = queue.Queue(LOOKAHEAD)
        self.stopped = threading.Event()

    def run(self) -> None:
        more = True
        while more and not self.stopped.is_set():
            item: tuple[PreparedPage, bool] | BaseException
            try:
                page, more = self.store.pull(self.since, self.page_size, self.policy_version)
                item = (prepare_page(page), more)
                self.since = page.next_since
                self.policy_version = page.policy_version or self.policy_version
            except BaseException as exc:  # handed to the consumer, raised there
                item, more = exc, False
            while not self.stopped.is_set():
                try:
                    self.pages.put(item, timeout=0.2)
                    break
                except queue.Full:
                    continue

    def next(self) -> tuple[PreparedPage, bool]:
        item = self.pages.get()
        if isinstance(item, BaseException):
            raise item
        return item

    def ready(self) -> tuple[PreparedPage, bool] | None:
        """The next page if it is fetched and prepared already, else None."""
        try:
            item = self.pages.queue[0]  # a peek; only this thread takes from the queue
        except IndexError:
            return None
        if isinstance(item, BaseException):
            return None  # raised by the next call to next()
        return self.next()


# While pulling, the cyclic garbage collector runs after this many new container objects
# (Python's default is 700). A pulled page makes some 20,000 of them (parsed JSON, events,
# orders, rows), none in a cycle, and up to LOOKAHEAD pages wait: with the default, the
# collections (each now and then going over every object of the process) would take a
# large share of the fetching thread's CPU and free nothing.
PULL_GC_THRESHOLD = 100_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often meanwhile (process-wide; restored after)."""
    before = gc.get_threshold()
    if before[0] == 0 or before[0] >= PULL_GC_THRESHOLD:  # disabled by 0, or already rarer
        yield
        return
    gc.set_threshold(PULL_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def pull_feed(
    state: SyncState,
    store: CentralStore,
    summary: CycleSummary,
    page_size: int,
    before_commit: Callable[[], None] | None = None,
    device_id: str = "",
) -> None:
    """Pull pages until the feed is drained (`device_id`: this workstation, whose own events
    are not counted as from elsewhere). The pages and the cursor are applied together,
    in one transaction: one page, or, while catching up, the pages already waiting (at most
    COALESCE_EVENTS events). Pages are fetched and prepared (parsed, folded, their rows
    made: no database) on a helper thread, one request at a time, while earlier ones are
    applied, so the server's work, our Python and SQLite's overlap. A catch-up of more
    than one page into an empty cache is a bulk load (SyncState.begin_bulk_load): the
    order indexes and the triggers filling report facts are built once at the end."""
    since = state.cursor()
    fetcher = _Fetcher(store, since, page_size, state.policy_version())
    fetcher.start()
    bulk: bool | None = None  # decided with the first page
    try:
        with state.catching_up(), _fewer_collections():
            try:
                more = True
                while more:
                    first, more = fetcher.next()
                    if bulk is None:
                        # more than one page into an empty cache: build indexes at the end
                        bulk = more and state.begin_bulk_load()
                    batch = [first]
                    count = len(first.page.events)
                    while more and count < COALESCE_EVENTS:
                        waiting = fetcher.ready()
                        if waiting is None:
                            break
                        batch.append(waiting[0])
                        more = waiting[1]
                        count += len(waiting[0].page.events)
                    summary.changed_orders |= state.apply_pages(batch, before_commit)
                    for prepared in batch:
                        summary.pulled += len(prepared.page.events)
                        summary.from_elsewhere += _from_elsewhere(prepared, device_id)
                        summary.articles += len(prepared.page.articles)
                        since = prepared.page.next_since
            finally:
                fetcher.stopped.set()
                if bulk:  # also after a failure: the cache is whole again at once
                    state.finish_bulk_load()
    finally:
        fetcher.stopped.set()
        fetcher.join()
    summary.cursor = since


def _from_elsewhere(prepared: PreparedPage, device_id: str) -> int:
    """The page's events written on another workstation. An event this cache cannot read
    (a newer version's) names no author it can trust: not counted."""
    own = (device_id, STORE_ACTOR)
    return sum(1 for _, event in prepared.events if event.device_id not in own)


STATION_ASSIGNED = "station:assigned"  # meta: the station code is the store's


def ensure_station(state: SyncState, store: CentralStore, device_id: str) -> None:
    """The first sync under a token asks the store for this workstation's station code
    (provisional until then: Workspace.station); its orders are numbered with it after."""
    if state.database.meta(STATION_ASSIGNED) == "1":
        return
    try:
        code = store.station(device_id)
    except (Refused, BadAnswer, TypeError):  # a store from before station codes
        return
    if valid_station(code):
        with state.database.transaction():
            state.database.set_meta("station", code)
            state.database.set_meta(STATION_ASSIGNED, "1")


def run_cycle(
    state: SyncState,
    store: CentralStore,
    device_id: str,
    *,
    batch: int = MAX_BATCH,
    page_size: int = PULL_PAGE,
    before_commit: Callable[[], None] | None = None,
    wait: float = 0.0,
) -> CycleSummary:
    """Push, then pull, holding the workspace's sync lock (SyncBusy when another sync
    keeps it more than `wait` seconds). Raises SyncError subclasses; whatever was applied
    stays applied."""
    with sync_lock(state.database.path.parent, wait):
        summary = CycleSummary(cursor=state.cursor())
        ensure_station(state, store, device_id)
        push_outbox(state, store, device_id, summary, batch)
        pull_feed(state, store, summary, page_size, before_commit, device_id)
        state.mark_success()
    return summary

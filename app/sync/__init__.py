"""The client of the central case store. Never imports Qt; never runs on the GUI thread.

The GUI uses: account.login / account.logout / account.current_user, worker.SyncWorker
(status(), subscribe(), poke(), start(), stop()), and SyncState.attention() / resolve()
from app.store.sync.state.
"""

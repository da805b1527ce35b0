"""The task runner's threads keep their database connection from one task to the next."""

from __future__ import annotations

from app.store.workspace import Workspace
from app.views.common.tasks import TaskRunner


def test_a_pool_thread_keeps_its_connection_between_tasks(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """Python forgets a Qt pool thread's locals between two tasks; the connection stays, and
    so does the knowledge base built on it (with its search caches)."""
    runner = TaskRunner(threads=1)
    seen: list[tuple[object, object]] = []  # kept alive, so no two can share an id

    def task() -> tuple[object, object]:
        return workspace.worker_database(), workspace.knowledge_reader()

    for _ in range(5):
        runner.run(task, seen.append)
        qtbot.waitUntil(lambda: runner.pending() == 0, timeout=10000)
    assert len(seen) == 5 and len({(id(d), id(k)) for d, k in seen}) == 1
    assert workspace.workers.open_count() == 1
    runner.shutdown()


def test_nothing_runs_once_the_runner_is_shut_down(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """A closed window's timer (a search after a pause in typing) starts no work on a
    workspace that may be closing."""
    runner = TaskRunner()
    runner.shutdown()
    ran: list[bool] = []
    runner.run(lambda: ran.append(True), lambda _r: None)
    assert runner.wait(10000)
    assert ran == [] and runner.pending() == 0

"""One sync at a time on a workspace: an operating-system lock on a file beside the cache.

The GUI's worker and `hotline-desk sync` (or two of them) may start a cycle at the same
moment. The second waits a little for the first, then gives up with SyncBusy; a process
that dies releases its lock with it (the OS drops the lock with the file descriptor)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.sync.errors import SyncBusy

LOCK_FILE = "sync.lock"
POLL = 0.1


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def sync_lock(home: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the workspace's sync lock; SyncBusy if another process (or thread) holds it
    for longer than `wait` seconds."""
    path = Path(home) / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise SyncBusy(
                    "另一个同步正在进行（本机的热线工作台或另一条 hotline-desk sync 命令），"
                    "请稍后再试。Another sync of this workspace is running (the app or another "
                    "`hotline-desk sync`); nothing was sent. Try again when it has finished."
                )
            time.sleep(POLL)
        try:
            yield
        finally:
            if sys.platform == "win32":
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

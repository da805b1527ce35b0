"""Where a workstation keeps its data (HOTLINE_DESK_HOME, or the platform's data folder),
and keeping it readable by its owner only."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "HOTLINE_DESK_HOME"
DEMO_FOLDER = "demo"
WORKSPACE_DB = "hotline-desk.sqlite3"  # the cache's file name in a workspace folder
# The files a workspace folder holds (the SQLite cache with its -wal, -shm and -journal,
# the window's settings with Qt's lock and temporary files, the sync lock, logs): made
# owner-only when the workspace is opened. Other files (an export the user chose to save
# there) are left as they are.
WORKSPACE_FILES = ("hotline-desk.sqlite3*", "settings.ini*", "sync.lock", "*.log")
OWNER_ONLY_UMASK = 0o077


def workspace_home(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when no folder is given (saves its import at start-up)

    return Path(platformdirs.user_data_dir("HotlineDesk", appauthor=False))


def secure_home(home: Path) -> Path:
    """Make `home` (and its demo workspace) a folder only its owner can enter (0700) with
    owner-only workspace files (0600), correcting what an older version or another umask
    left; and set this process's umask to 077, so that files made later (SQLite's -wal and
    -shm, Qt's settings) are owner-only from the start. On Windows the user profile's
    access rules apply instead."""
    if os.name != "posix":
        home.mkdir(parents=True, exist_ok=True)
        return home
    os.umask(OWNER_ONLY_UMASK)
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder in (home, home / DEMO_FOLDER):
        if not folder.is_dir() or folder.is_symlink():
            continue
        if _private_folder_allowed(folder):
            _chmod(folder, 0o700)
        for pattern in WORKSPACE_FILES:
            for path in folder.glob(pattern):
                if path.is_file() and not path.is_symlink():
                    _chmod(path, 0o600)
    return home


def secure_files(database: Path) -> None:
    """The SQLite file at `database` and its -wal, -shm and -journal: owner-only (0600),
    and this process's umask 077 (see secure_home)."""
    if os.name != "posix":
        return
    os.umask(OWNER_ONLY_UMASK)
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = database.with_name(database.name + suffix)
        if path.is_file() and not path.is_symlink():
            _chmod(path, 0o600)


def _private_folder_allowed(folder: Path) -> bool:
    """False for a folder that is not ours to close: shared (sticky, such as /tmp), the
    user's home or the root, or another user's."""
    try:
        info = folder.stat()
        resolved = folder.resolve()
    except OSError:
        return False
    if info.st_mode & 0o1000 or resolved in (Path.home().resolve(), Path("/")):
        return False
    return info.st_uid == os.getuid()


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except FileNotFoundError:  # gone meanwhile (SQLite removes its -wal and -shm)
        pass

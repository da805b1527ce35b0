"""What the command-line modules share: the workspace folder and a clear failure."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.paths import workspace_home

Command = Callable[[argparse.Namespace], int]


def home_of(args: argparse.Namespace) -> Path:
    """--home, else $HOTLINE_DESK_HOME, else the platform's data folder."""
    return workspace_home(getattr(args, "home", None))


def guarded(command: Command) -> Command:
    """Exit 2 with one readable line when the workspace cannot be used (locked, read-only…)."""

    def run(args: argparse.Namespace) -> int:
        from app.store.db import StoreError

        try:
            return command(args)
        except (StoreError, OSError) as exc:
            print(f"工作区无法使用 (workspace unusable): {home_of(args)}: {exc}", file=sys.stderr)
            return 2

    return run


def all_or_nothing(path: Path, exc: Exception) -> str:
    """What an import done in one transaction says when it stops (disk full, file locked,
    a read error): nothing of it was kept."""
    return (
        f"{path}: 导入中止，没有导入任何内容（整个文件在一个事务中导入）：{exc}。"
        f"Import stopped: nothing was imported (the file is imported as one transaction): "
        f"{exc}. Fix the cause and run the same command again."
    )

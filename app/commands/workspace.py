"""`hotline-desk workspace inspect`: what the workspace's database holds, without changing it.

    hotline-desk workspace inspect [--quick]

Prints one JSON object: the file and its size (and the WAL's), the schema version against
the migrations this build knows, SQLite's version and settings, every table with its rows
and bytes, and SQLite's integrity check (`--quick`: quick_check, which skips the index
cross-checks of a large file). The file is opened read-only: nothing is migrated, repaired
or written, so it is safe beside the running app and on a damaged file.
Exit codes: 0 sound; 1 damaged, or its schema is newer than this build; 2 no workspace
database, or the file is empty or not a SQLite database.
"""

from __future__ import annotations

import argparse
import json
import sys

from app.commands.common import home_of


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("workspace", help="look after the workspace's database")
    actions = parser.add_subparsers(dest="workspace_command", required=True)
    p_inspect = actions.add_parser(
        "inspect", help="tables, rows, schema version, size and integrity, read-only"
    )
    p_inspect.add_argument(
        "--quick", action="store_true", help="SQLite's quick_check instead of integrity_check"
    )
    p_inspect.set_defaults(func=_inspect)


def _inspect(args: argparse.Namespace) -> int:
    from app.paths import WORKSPACE_DB
    from app.store.db import StoreError
    from app.store.inspection import inspect_workspace

    path = home_of(args) / WORKSPACE_DB
    try:
        info = inspect_workspace(path, quick=args.quick)
    except FileNotFoundError:
        print(f"没有工作区数据文件 (no workspace database): {path}", file=sys.stderr)
        return 2
    except StoreError as exc:  # empty, or not a SQLite file: left as it is
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(info.as_dict(), ensure_ascii=False, indent=2))
    return 0 if info.ok else 1

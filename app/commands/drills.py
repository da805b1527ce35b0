"""`hotline-desk drills ...`: a trainer's drill sets as JSON Lines, without the GUI.

    hotline-desk drills import PATH               one scenario a line, with its set name
    hotline-desk drills export PATH [--set NAME]  every set (or one), same format ('-' = stdout)

A line: `set`, `id`, `text` (the caller's words), `articles` (list of article ids),
`appeal_type` (咨询/求助/建议/投诉/举报/表扬/其他), and optionally `category`, `unit`, `source`.
Exit codes: 0 done; 1 some lines were refused (the others are imported); 2 unusable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import all_or_nothing, guarded, home_of

if TYPE_CHECKING:
    from app.store.drills.sets import DrillStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("drills", help="knowledge-base drill sets: import, export")
    actions = parser.add_subparsers(dest="drills_command", required=True)

    p_import = actions.add_parser("import", help="import drill scenarios from JSON Lines")
    p_import.add_argument("path", help="JSON Lines file, one scenario a line")
    p_import.set_defaults(func=guarded(_import))

    p_export = actions.add_parser("export", help="export drill scenarios as JSON Lines")
    p_export.add_argument("path", help="file to write ('-' for standard output)")
    p_export.add_argument("--set", dest="set_name", help="only this set")
    p_export.set_defaults(func=guarded(_export))


def _open(args: argparse.Namespace) -> DrillStore:
    from app.store.db import Database
    from app.store.drills.sets import DrillStore
    from app.store.workspace import DB_FILE

    home = home_of(args)
    home.mkdir(parents=True, exist_ok=True)
    return DrillStore(Database(home / DB_FILE))


def _import(args: argparse.Namespace) -> int:
    from app.store.db import StoreError

    path = Path(args.path)
    if not path.is_file():
        print(f"找不到文件 (no such file): {path}", file=sys.stderr)
        return 2
    store = _open(args)
    try:
        report = store.import_jsonl(path)
    except (StoreError, OSError) as exc:
        print(all_or_nothing(path, exc), file=sys.stderr)
        return 2
    finally:
        store.database.close()
    for line, message in report.errors:
        print(f"{path}:{line}: {message}", file=sys.stderr)
    print(
        f"新增 {report.created} 个场景，更新 {report.updated} 个，未变 {report.unchanged} 个，"
        f"出错 {len(report.errors)} 行 (created {report.created}, updated {report.updated}, "
        f"unchanged {report.unchanged}, refused {len(report.errors)})"
    )
    return 1 if report.errors else 0


def _export(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        if args.path == "-":
            count = store.write_jsonl(sys.stdout, args.set_name)
        else:
            count = store.export_jsonl(args.path, args.set_name)
    finally:
        store.database.close()
    print(f"导出 {count} 个场景 (exported {count})", file=sys.stderr)
    return 0

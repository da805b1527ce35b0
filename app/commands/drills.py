"""`hotline-desk drills ...`: a trainer's drill sets as JSON Lines, without the GUI.

    hotline-desk drills import PATH               one scenario a line, with its set name
    hotline-desk drills export PATH [--set NAME]  every set (or one), same format ('-' = stdout)
    hotline-desk drills generate NAME [--category CODE]... [--unit CODE]... [--days N]
                                  [--per-article N]
                                  scenarios from the calls this workspace holds that were
                                  answered with the selected articles (scrubbed, never a
                                  confidential caller's, never the article's own phrasing)

A trainer's workstation receives no orders: generate where the calls are (the centre's
administrator) and hand the set on with export / import.

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
    parser = subparsers.add_parser(
        "drills", help="knowledge-base drill sets: import, export, generate"
    )
    actions = parser.add_subparsers(dest="drills_command", required=True)

    p_import = actions.add_parser("import", help="import drill scenarios from JSON Lines")
    p_import.add_argument("path", help="JSON Lines file, one scenario a line")
    p_import.set_defaults(func=guarded(_import))

    p_export = actions.add_parser("export", help="export drill scenarios as JSON Lines")
    p_export.add_argument("path", help="file to write ('-' for standard output)")
    p_export.add_argument("--set", dest="set_name", help="only this set")
    p_export.set_defaults(func=guarded(_export))

    p_gen = actions.add_parser(
        "generate", help="add scenarios from the calls answered with the knowledge base"
    )
    p_gen.add_argument("set_name", metavar="NAME", help="the set to add them to")
    p_gen.add_argument("--category", action="append", default=[], help="category code (prefix)")
    p_gen.add_argument("--unit", action="append", default=[], help="responsible unit code")
    p_gen.add_argument("--days", type=int, default=0, help="articles changed in the last N days")
    p_gen.add_argument("--per-article", type=int, default=2, help="calls taken per article")
    p_gen.set_defaults(func=guarded(_generate))


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


def _generate(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from app.models.drills import Selection
    from app.operations import drills as drill_ops
    from app.resources import load_policy
    from app.store.workspace import Workspace

    name = args.set_name.strip()
    if not name or not 1 <= args.per_article <= 50 or not 0 <= args.days <= 3650:
        print(
            "题组名称不能为空，每条知识取 1–50 个来电 (a set name; 1-50 calls per article)",
            file=sys.stderr,
        )
        return 2
    ws = Workspace(home_of(args), load_policy())
    try:
        today = ws.clock().date()
        selection = Selection(
            categories=tuple(args.category),
            units=tuple(args.unit),
            changed_since=today - timedelta(days=args.days) if args.days else None,
            per_article=args.per_article,
        )
        done = drill_ops.generate_set(ws, name, selection).value
    finally:
        ws.close()
    print(
        f"新增 {done.created} 个场景，已在题组中 {done.already} 个 "
        f"(created {done.created}, already in the set {done.already})"
    )
    return 0

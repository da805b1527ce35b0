"""`hotline-desk kb ...`: manage and check the knowledge base without the GUI.

    hotline-desk kb import PATH                   JSON Lines, one article a line
    hotline-desk kb export PATH                   the current versions, same format
    hotline-desk kb search QUERY [--limit N] [--json]

The workspace is --home, else $HOTLINE_DESK_HOME, else the platform's data folder.
Exit codes: 0 done; 1 some lines were refused (the others are imported); 2 unusable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import all_or_nothing, guarded, home_of

if TYPE_CHECKING:
    from app.store.kb.articles import KnowledgeBase


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("kb", help="knowledge base: import, export, search")
    actions = parser.add_subparsers(dest="kb_command", required=True)

    p_import = actions.add_parser("import", help="import articles from a JSON Lines file")
    p_import.add_argument("path", help="JSON Lines file, one article a line")
    p_import.set_defaults(func=guarded(_import))

    p_export = actions.add_parser("export", help="export the current articles as JSON Lines")
    p_export.add_argument("path", help="file to write ('-' for standard output)")
    p_export.set_defaults(func=guarded(_export))

    p_search = actions.add_parser("search", help="search the knowledge base")
    p_search.add_argument("query", help="Chinese, pinyin, initials or a mix")
    p_search.add_argument("--limit", type=int, default=10, help="how many hits (default 10)")
    p_search.add_argument("--json", action="store_true", help="print a JSON list of hits")
    p_search.set_defaults(func=guarded(_search))


def _open(args: argparse.Namespace) -> KnowledgeBase:
    from app.store.kb.articles import open_knowledge_base

    home = home_of(args)
    return open_knowledge_base(home)


def _import(args: argparse.Namespace) -> int:
    from app.store.db import StoreError
    from app.store.kb.governance import governed

    path = Path(args.path)
    if not path.is_file():
        print(f"找不到文件 (no such file): {path}", file=sys.stderr)
        return 2
    kb = _open(args)
    try:
        if governed(kb.database):
            kb.database.close()
            return _propose(args, path)
        report = kb.import_jsonl(path)
    except (StoreError, OSError) as exc:
        print(all_or_nothing(path, exc), file=sys.stderr)
        return 2
    finally:
        kb.database.close()
    for error in report.errors:
        print(error.describe(str(path)), file=sys.stderr)
    print(
        f"新增 {report.created} 篇，更新 {report.updated} 篇（新版本），"
        f"未变 {report.unchanged} 篇，出错 {len(report.errors)} 行 "
        f"(created {report.created}, updated {report.updated}, "
        f"unchanged {report.unchanged}, refused {len(report.errors)})"
    )
    return 1 if report.errors else 0


def _propose(args: argparse.Namespace, path: Path) -> int:
    """A workspace governed by a central store: each new or changed article becomes a
    proposal (for a unit's own articles, or the editor's), refused for other roles."""
    from app.models.rules import RuleViolation
    from app.operations import kb as kb_ops
    from app.resources import load_policy
    from app.store.workspace import Workspace
    from app.sync.account import actor_for, current_user

    ws = Workspace(home_of(args), load_policy())
    try:
        actor = actor_for(current_user(ws.database), ws.device_id)
        try:
            done = kb_ops.import_articles(ws, path, actor)
        except RuleViolation as v:
            print(f"未导入 (nothing imported): {v.message}", file=sys.stderr)
            return 1
    finally:
        ws.close()
    report = done.value
    assert isinstance(report, kb_ops.ProposedImport)
    for error in report.errors:
        print(error.describe(str(path)), file=sys.stderr)
    print(
        f"已提交修订提议 {report.proposed} 篇（待知识库管理员审核，同步后送达中心库），"
        f"未变 {report.unchanged} 篇，出错 {len(report.errors)} 行 "
        f"(proposed {report.proposed}, unchanged {report.unchanged}, "
        f"refused {len(report.errors)})"
    )
    return 1 if report.errors else 0


def _export(args: argparse.Namespace) -> int:
    kb = _open(args)
    try:
        to_stdout = args.path == "-"
        count = kb.write_jsonl(sys.stdout) if to_stdout else kb.export_jsonl(args.path)
    finally:
        kb.database.close()
    print(f"导出 {count} 篇 (exported {count})", file=sys.stderr)
    return 0


def _search(args: argparse.Namespace) -> int:
    from app.models.kb import good_matches

    kb = _open(args)
    try:
        found = kb.search(args.query, limit=max(1, args.limit))
    finally:
        kb.database.close()
    hits = good_matches(found)  # below the score floor a hit is no match
    if args.json:
        print(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=1))
        return 0
    if found and not hits:
        print("没有足够相关的文章 (no good match)")
    elif not hits:
        print("没有找到 (no hits)")
    for n, hit in enumerate(hits, start=1):
        flag = " [已失效 expired]" if hit.expired else ""
        print(f"{n:>2}. {hit.id} v{hit.version}  {hit.title}{flag}  ({hit.unit}, {hit.score:.2f})")
        if hit.snippet:
            print(f"    {hit.snippet}")
    return 0

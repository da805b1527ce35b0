"""`hotline-server`: init | add-user | import-kb | serve (each takes --db URL)."""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import os
import sys
from collections.abc import Sequence

from app.models.enums import Role

DEFAULT_DB = "hotline-server.sqlite3"
ENV_DB = "HOTLINE_SERVER_DB"


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=os.environ.get(ENV_DB, DEFAULT_DB),
        help=f"database URL or SQLite file (default: ${ENV_DB} or ./{DEFAULT_DB}); "
        "PostgreSQL as postgresql://user@host:port/name",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotline-server", description="Hotline Desk central case store"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", help="create the tables (harmless when they exist)")
    _db_arg(p)
    p = sub.add_parser("add-user", help="add a user; the password is read from standard input")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--unit", default="", help="handling unit code (required for --role unit)")
    _db_arg(p)
    p = sub.add_parser("import-kb", help="import knowledge-base articles from JSON Lines")
    p.add_argument("path")
    _db_arg(p)
    p = sub.add_parser("serve", help="run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8345)
    p.add_argument("--log-level", default="warning")
    _db_arg(p)
    return parser


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat: ") != first:
            raise SystemExit("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _tune_gc() -> None:
    """What is loaded by now (FastAPI, pydantic, SQLAlchemy, the policy) lives as long as the
    process: freeze it out of the collector's full passes, and collect the young generation
    every 10,000 net allocations instead of 700. A 10,000-event push spent ~0.2 s of ~2.2 s
    in the collector (two full passes over ~80,000 objects, ~200 young ones); now ~0.01 s.
    The push's objects are freed by reference counting; cycles are rare here."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from server.schema import Database

    if args.command == "serve":
        import uvicorn

        from server.api import default_app

        app = default_app(args.db)
        _tune_gc()
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
        return 0
    db = Database(args.db)
    try:
        db.create()
        if args.command == "init":
            print(f"ready: {db.engine.url.render_as_string(hide_password=True)}")
            return 0
        if args.command == "add-user":
            return _add_user(db, args)
        if args.command == "import-kb":
            return _import_kb(db, args.path)
    finally:
        db.dispose()
    return 2


def _add_user(db: object, args: argparse.Namespace) -> int:
    from app.resources import load_policy
    from server.auth import Accounts, AuthError
    from server.schema import Database

    assert isinstance(db, Database)
    role = Role(args.role)
    if args.unit and load_policy().unit_info(args.unit) is None:
        print(
            f"error: unknown unit {args.unit!r} (see resources/policy/units.json)", file=sys.stderr
        )
        return 1
    try:
        user = Accounts(db).add_user(args.name, _read_password(), role, args.unit)
    except AuthError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(json.dumps({"user": user.name, "role": user.role.value, "unit": user.unit}))
    return 0


def _import_kb(db: object, path: str) -> int:
    from server.kb import import_lines
    from server.schema import Database

    assert isinstance(db, Database)
    with open(path, encoding="utf-8") as handle:
        report = import_lines(db, handle)
    for error in report.errors:
        print(error, file=sys.stderr)
    print(
        json.dumps(
            {
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "errors": len(report.errors),
            }
        )
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

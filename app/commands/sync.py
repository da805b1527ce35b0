"""`hotline-desk login | logout | sync | attention`: the central store from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from pathlib import Path

from app.commands.common import guarded
from app.sync.errors import SyncBusy, SyncError
from app.sync.transport import INSECURE_OPTION

# Test hook: when set, `sync` touches this file and sleeps inside the transaction that
# applies a pulled page, so a test can kill the process half-way. Never set in production.
PAUSE_APPLY_ENV = "HOTLINE_DESK_TEST_PAUSE_APPLY"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "login", help="sign in to the central store (token kept in the keyring)"
    )
    p.add_argument("--server", required=True, help="https://… address of the central store")
    p.add_argument("--user", required=True)
    p.add_argument(
        "--ca-bundle",
        help="a CA bundle file to trust, kept for later syncs (TLS is always verified)",
    )
    p.add_argument(
        INSECURE_OPTION,
        dest="insecure_http",
        action="store_true",
        help="accept http:// to another machine: password and token in CLEAR TEXT (warned "
        "at every sync); without it only https:// or this machine's own http:// is used",
    )
    p.set_defaults(func=guarded(_login))
    p = subparsers.add_parser("logout", help="sign out and forget the token")
    p.set_defaults(func=guarded(_logout))
    p = subparsers.add_parser("sync", help="run one sync cycle and print a JSON summary")
    p.add_argument("--attempts", type=int, default=4, help="tries per request (default 4)")
    p.add_argument(
        "--wait",
        type=float,
        default=5.0,
        help="seconds to wait for another sync of this workspace to finish (default 5)",
    )
    p.set_defaults(func=guarded(_sync))
    p = subparsers.add_parser(
        "outbox", help="what waits to be sent: yours, and other users' kept for them"
    )
    p.add_argument(
        "--claim",
        metavar="AUTHOR",
        help="make AUTHOR's signed-out work (recorded while no one was signed in) yours, "
        "to be sent with your next sync",
    )
    p.set_defaults(func=guarded(_outbox))
    p = subparsers.add_parser("attention", help="list events the central store refused")
    p.add_argument("--resolve", metavar="EVENT_ID", help="deal with one refused event")
    p.add_argument("--action", choices=("dismiss", "retry"), default="dismiss")
    p.set_defaults(func=guarded(_attention))


def _database(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.paths import workspace_home
    from app.store.db import Database
    from app.store.workspace import DB_FILE

    home = workspace_home(getattr(args, "home", None))
    home.mkdir(parents=True, exist_ok=True)
    return Database(Path(home) / DB_FILE)


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    return sys.stdin.readline().rstrip("\r\n")


def _login(args: argparse.Namespace) -> int:
    from app.sync.account import login

    database = _database(args)
    try:
        session = login(
            database,
            args.server,
            args.user,
            _read_password(),
            ca_bundle=str(Path(args.ca_bundle).resolve()) if args.ca_bundle else "",
            allow_insecure_http=args.insecure_http,
        )
    except SyncError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    finally:
        database.close()
    if session.insecure_http:
        from app.sync.transport import check

        print(check(session.server, True), file=sys.stderr)
    print(
        json.dumps(
            {
                "server": session.server,
                "user": session.user,
                "role": session.role,
                "unit": session.unit,
                "expires_at": session.expires_at,
            },
            ensure_ascii=False,
        )
    )
    return 0


def _logout(args: argparse.Namespace) -> int:
    from app.sync.account import logout

    database = _database(args)
    try:
        logout(database)
    except SyncError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    finally:
        database.close()
    return 0


def _pause_hook() -> None:
    marker = os.environ.get(PAUSE_APPLY_ENV)
    if marker:
        Path(marker).touch()
        time.sleep(60)


def _sync(args: argparse.Namespace) -> int:
    from app.store.db import Database
    from app.store.sync.state import SyncState
    from app.sync.account import open_store
    from app.sync.client import RetryPolicy
    from app.sync.cycle import run_cycle

    database: Database = _database(args)
    try:
        device_id = database.meta("device_id") or ""
        if not device_id:
            from app.resources import load_policy
            from app.store.workspace import Workspace

            database.close()
            Workspace(database.path.parent, load_policy()).close()  # give it an identity
            database = Database(database.path)
            device_id = database.meta("device_id") or ""
        hook = _pause_hook if os.environ.get(PAUSE_APPLY_ENV) else None
        try:
            _session, store = open_store(
                database, retry=RetryPolicy(attempts=max(1, args.attempts))
            )
            if store.warning:
                print(store.warning, file=sys.stderr)
            try:
                summary = run_cycle(
                    SyncState(database),
                    store,
                    device_id,
                    before_commit=hook,
                    wait=max(0.0, args.wait),
                )
            finally:
                store.close()
        except SyncError as exc:
            if isinstance(exc, SyncBusy):
                print(exc.message, file=sys.stderr)
            state = SyncState(database)
            print(
                json.dumps(
                    {
                        "error": type(exc).__name__,
                        "message": exc.message,
                        "pending": state.pending_count(),
                    },
                    ensure_ascii=False,
                )
            )
            return 3 if isinstance(exc, SyncBusy) else 1
        print(json.dumps(summary.to_dict()))
        return 0
    finally:
        database.close()


def _outbox(args: argparse.Namespace) -> int:
    import dataclasses

    from app.store.seat import Identity, Seat
    from app.store.sync.state import SyncState

    database = _database(args)
    try:
        state = SyncState(database)
        seat = Seat(database)
        session = state.session()
        if args.claim:
            if session is None:
                print("error: 请先登录 (sign in first: the work becomes yours)", file=sys.stderr)
                return 1
            try:
                claimed = seat.claim(args.claim, Identity(session.user, session.role, session.unit))
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(json.dumps({"claimed": claimed, "user": session.user}, ensure_ascii=False))
            return 0
        waiting = [dataclasses.asdict(w) for w in seat.waiting()]
        mine = {"user": session.user if session else "", "events": state.pending_count()}
        print(json.dumps({"yours": mine, "waiting": waiting}, ensure_ascii=False))
        return 0
    finally:
        database.close()


def _attention(args: argparse.Namespace) -> int:
    import dataclasses

    from app.store.sync.state import SyncState

    database = _database(args)
    try:
        state = SyncState(database)
        if args.resolve:
            try:
                state.resolve(args.resolve, args.action)
            except KeyError:
                print(f"error: no unresolved refused event {args.resolve}", file=sys.stderr)
                return 1
            return 0
        for item in state.attention():
            print(json.dumps(dataclasses.asdict(item), ensure_ascii=False))
        return 0
    finally:
        database.close()

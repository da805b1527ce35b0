"""`hotline-server`: the central store's administration and its HTTP server.

init | add-user | users | disable | enable | reset-password | set-role | set-unit |
revoke-tokens | unlock | import-kb | serve — each takes --db URL.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

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


def _user_command(sub: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
    p.add_argument("name", help="user name (compared case-insensitively)")
    _db_arg(p)
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotline-server", description="Hotline Desk central case store"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", help="create the tables (harmless when they exist)")
    _db_arg(p)
    p = _user_command(sub, "add-user", "add a user; the password is read from standard input")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--unit", default="", help="handling unit code (required for --role unit)")
    p = sub.add_parser("users", help="list the users (JSON Lines)")
    _db_arg(p)
    _user_command(sub, "disable", "disable a user and revoke its tokens")
    _user_command(sub, "enable", "enable a disabled user")
    _user_command(
        sub, "reset-password", "a new password from standard input; revokes tokens, lifts locks"
    )
    p = _user_command(sub, "set-role", "change a user's role (and unit); revokes its tokens")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--unit", default=None, help="handling unit code (required for --role unit)")
    p = _user_command(sub, "set-unit", "move a user to another unit; revokes its tokens")
    p.add_argument("--unit", required=True, help="handling unit code")
    _user_command(sub, "revoke-tokens", "revoke every token of a user (signs it out everywhere)")
    p = _user_command(sub, "unlock", "lift a user's sign-in lockout and forget its failures")
    p.add_argument("--address", default=None, help="only for this client address")
    p = sub.add_parser("import-kb", help="import knowledge-base articles from JSON Lines")
    p.add_argument("path")
    p.add_argument(
        "--by",
        default=None,
        help="who imports (recorded as each new version's author; default: the OS user)",
    )
    _db_arg(p)
    _serve_parser(sub)
    return parser


def _serve_parser(sub: Any) -> None:
    from server.clientaddr import ENV_HEADER, ENV_PROXIES
    from server.throttle import ThrottlePolicy
    from server.timeouts import BODY_TIMEOUT, HEADER_TIMEOUT
    from server.times import OFFLINE_LIMIT

    t = ThrottlePolicy()
    p = sub.add_parser("serve", help="run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8345)
    p.add_argument("--log-level", default="warning")
    p.add_argument("--tls-cert", help="certificate chain (PEM): serve HTTPS")
    p.add_argument("--tls-key", help="the certificate's private key (PEM)")
    p.add_argument(
        "--trusted-proxy",
        action="append",
        default=[os.environ.get(ENV_PROXIES, "")],
        metavar="ADDRESS_OR_NETWORK",
        help="a reverse proxy whose forwarded client address is believed (repeatable; "
        f"also ${ENV_PROXIES}, comma-separated); none by default",
    )
    p.add_argument(
        "--proxy-header",
        default=os.environ.get(ENV_HEADER, "x-forwarded-for"),
        choices=["x-forwarded-for", "forwarded"],
        help=f"the header the trusted proxies write (default x-forwarded-for; ${ENV_HEADER})",
    )
    p.add_argument(
        "--login-slots",
        type=int,
        default=None,
        help="password checks at once (default: half the cores, at least 1)",
    )
    p.add_argument(
        "--login-wait", type=float, default=10.0, help="seconds a sign-in waits for a slot"
    )
    p.add_argument("--throttle-after", type=int, default=t.throttle_after)
    p.add_argument("--throttle-wait", type=int, default=t.wait, help="seconds")
    p.add_argument("--lock-after", type=int, default=t.lock_after)
    p.add_argument("--lockout", type=int, default=t.lockout, help="seconds")
    p.add_argument("--token-hours", type=float, default=12.0, help="token lifetime")
    p.add_argument("--header-timeout", type=float, default=HEADER_TIMEOUT, help="seconds")
    p.add_argument("--body-timeout", type=float, default=BODY_TIMEOUT, help="seconds")
    p.add_argument(
        "--offline-days",
        type=int,
        default=OFFLINE_LIMIT.days,
        help=f"how many days a workstation may keep work unsent (default {OFFLINE_LIMIT.days}); "
        "an older client time is refused",
    )
    _db_arg(p)


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
    every 10,000 net allocations instead of 700, so a big push does not pay for full passes
    over every long-lived object. The push's objects are freed by reference counting;
    cycles are rare here."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from server.schema import Database

    if args.command == "serve":
        return _serve(parser, args)
    db = Database(args.db)
    try:
        db.create()
        if args.command == "init":
            print(f"ready: {db.engine.url.render_as_string(hide_password=True)}")
            return 0
        if args.command == "import-kb":
            return _import_kb(db, args.path, args.by or f"import:{getpass.getuser()}")
        return _USER_COMMANDS[args.command](db, args)
    finally:
        db.dispose()


def _serve(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    import uvicorn

    from server.api.main import default_app
    from server.clientaddr import ProxyTrust
    from server.login import AccessSettings, LoginLimits
    from server.throttle import ThrottlePolicy
    from server.timeouts import guarded_protocol

    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    try:
        proxies = ProxyTrust.parse(args.trusted_proxy, args.proxy_header)
    except ValueError as exc:
        parser.error(f"--trusted-proxy: {exc}")
    limits = LoginLimits(wait=args.login_wait)
    if args.login_slots is not None:
        limits = LoginLimits(slots=max(1, args.login_slots), wait=args.login_wait)
    access = AccessSettings(
        proxies=proxies,
        throttle=ThrottlePolicy(
            throttle_after=args.throttle_after,
            wait=args.throttle_wait,
            lock_after=args.lock_after,
            lockout=args.lockout,
        ),
        limits=limits,
        token_ttl=int(args.token_hours * 3600),
    )
    if args.offline_days < 1:
        parser.error("--offline-days must be at least 1")
    app = default_app(args.db, access, timedelta(days=args.offline_days))
    _tune_gc()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        http=guarded_protocol(args.header_timeout, args.body_timeout),
        # The client address is the store's to decide (server.clientaddr): uvicorn's own
        # proxy-header handling believes 127.0.0.1 by default.
        proxy_headers=False,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
    )
    return 0


def _print(answer: dict[str, Any]) -> None:
    print(json.dumps(answer, ensure_ascii=False))


def _accounts(db: object) -> Any:
    from server.auth import Accounts
    from server.schema import Database

    assert isinstance(db, Database)
    return Accounts(db)


def _unknown_unit(unit: str) -> bool:
    from app.resources import load_policy

    if unit and load_policy().unit_info(unit) is None:
        print(f"error: unknown unit {unit!r} (see resources/policy/units.json)", file=sys.stderr)
        return True
    return False


def _admin(action: Callable[[Any, argparse.Namespace], dict[str, Any]]) -> Callable[..., int]:
    """Run an administrator's action: its answer as JSON on stdout, or the error on stderr."""

    def run(db: object, args: argparse.Namespace) -> int:
        from server.auth import AuthError

        try:
            _print(action(_accounts(db), args))
        except AuthError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        return 0

    return run


def _user_answer(user: Any, revoked: int | None = None, **extra: Any) -> dict[str, Any]:
    answer = {"user": user.name, "role": user.role.value, "unit": user.unit, **extra}
    if revoked is not None:
        answer["tokens_revoked"] = revoked
    return answer


def _add_user(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    user = accounts.add_user(args.name, _read_password(), Role(args.role), args.unit)
    return _user_answer(user)


def _set_role(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    user, revoked = accounts.set_role(args.name, Role(args.role), args.unit)
    return _user_answer(user, revoked)


def _set_unit(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    user, revoked = accounts.set_role(args.name, None, args.unit)
    return _user_answer(user, revoked)


def _disable(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    user, revoked = accounts.set_disabled(args.name, True)
    return _user_answer(user, revoked, disabled=True)


def _enable(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    user, _ = accounts.set_disabled(args.name, False)
    return _user_answer(user, disabled=False)


def _reset_password(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    user, revoked = accounts.reset_password(args.name, _read_password())
    return _user_answer(user, revoked, password_reset=True)


def _revoke_tokens(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    user, revoked = accounts.revoke_tokens(args.name)
    return _user_answer(user, revoked)


def _unlock(accounts: Any, args: argparse.Namespace) -> dict[str, Any]:
    from server.throttle import Throttle
    from server.users import name_key

    user = accounts.user(args.name)
    lifted = Throttle(accounts.db).unlock(name_key(args.name), args.address)
    return _user_answer(user, unlocked=lifted)


def _list_users(db: object, _args: argparse.Namespace) -> int:
    for row in _accounts(db).list_users():
        _print(row)
    return 0


def _with_unit_check(
    command: Callable[[object, argparse.Namespace], int],
) -> Callable[[object, argparse.Namespace], int]:
    def run(db: object, args: argparse.Namespace) -> int:
        if _unknown_unit(getattr(args, "unit", "") or ""):
            return 1
        return command(db, args)

    return run


_USER_COMMANDS: dict[str, Callable[[object, argparse.Namespace], int]] = {
    "add-user": _with_unit_check(_admin(_add_user)),
    "users": _list_users,
    "disable": _admin(_disable),
    "enable": _admin(_enable),
    "reset-password": _admin(_reset_password),
    "set-role": _with_unit_check(_admin(_set_role)),
    "set-unit": _with_unit_check(_admin(_set_unit)),
    "revoke-tokens": _admin(_revoke_tokens),
    "unlock": _admin(_unlock),
}


def _import_kb(db: object, path: str, by: str) -> int:
    from server.kb import import_lines
    from server.schema import Database

    assert isinstance(db, Database)
    with open(path, encoding="utf-8") as handle:
        report = import_lines(db, handle, by=by)
    for error in report.errors:
        print(error, file=sys.stderr)
    print(
        json.dumps(
            {
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "errors": len(report.errors),
                "by": by,
            }
        )
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

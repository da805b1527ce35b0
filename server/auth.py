"""Users, password hashes (argon2id, server.passwords) and opaque bearer tokens (stored as
SHA-256), and what an administrator does to a user (server.cli). Names are compared by
server.users.name_key: case-insensitively."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import delete, func, insert, select, update

from app.models.enums import Role
from server import passwords
from server.schema import Database, login_failures, tokens, users
from server.users import name_key, name_problem

# A token lives one long shift (12 h): a workstation signs in at the start of a shift and a
# lost or copied token is worth nothing the next day. Offline work needs no token; what
# waits is pushed at the next sign-in.
TOKEN_TTL = 12 * 3600


class AuthError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments, so it survives pickling (crossing processes).
        return type(self), (self.code, self.message), self.__dict__


INVALID = ("invalid_credentials", "wrong user name or password")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    unit: str


@dataclass(frozen=True)
class Account:
    """A user's row as sign-in needs it."""

    user: User
    password_hash: str
    disabled: bool


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: int
    user: User


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """What an unknown user's password is checked against, so that a wrong name costs the
    same time as a wrong password."""
    return hasher.hash("not a password of anyone")


def _user(row: Any) -> User:
    return User(row.id, row.name, Role(row.role), row.unit)


class Accounts:
    def __init__(
        self,
        db: Database,
        token_ttl: int = TOKEN_TTL,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.db = db
        self.token_ttl = token_ttl
        self.hasher = hasher or passwords.HASHER

    # ---- users --------------------------------------------------------------------------

    def add_user(self, name: str, password: str, role: Role, unit: str = "") -> User:
        problem = name_problem(name)
        if problem:
            raise AuthError("bad_name", problem)
        _check_password(name, password)
        if role is Role.UNIT and not unit:
            raise AuthError("unit_required", "a unit user needs --unit")
        key = name_key(name)
        password_hash = self.hasher.hash(password)
        with self.db.write() as conn:
            if conn.execute(select(users.c.id).where(users.c.name_key == key)).first():
                raise AuthError("user_exists", f"user {name!r} exists already")
            inserted = conn.execute(
                insert(users).values(
                    name=name,
                    name_key=key,
                    password_hash=password_hash,
                    role=role.value,
                    unit=unit,
                    disabled=False,
                    created_at=int(time.time()),
                )
            ).inserted_primary_key
        assert inserted is not None
        return User(int(inserted[0]), name, role, unit)

    def account(self, name: str) -> Account | None:
        with self.db.read() as conn:
            row = conn.execute(select(users).where(users.c.name_key == name_key(name))).first()
        if row is None:
            return None
        return Account(_user(row), row.password_hash, bool(row.disabled))

    def user(self, name: str) -> User:
        with self.db.read() as conn:
            return _user(self._find(conn, name))

    def _find(self, conn: Any, name: str) -> Any:
        row = conn.execute(select(users).where(users.c.name_key == name_key(name))).first()
        if row is None:
            raise AuthError("no_such_user", f"no user {name!r}")
        return row

    def list_users(self) -> list[dict[str, Any]]:
        now = int(time.time())
        with self.db.read() as conn:
            live: dict[int, int] = dict(
                conn.execute(
                    select(tokens.c.user_id, func.count())
                    .where(tokens.c.expires_at >= now)
                    .where(tokens.c.created_at > now - self.token_ttl)
                    .group_by(tokens.c.user_id)
                ).all()
            )
            locked: dict[str, list[str]] = {}
            for key, address in conn.execute(
                select(login_failures.c.user_key, login_failures.c.address).where(
                    login_failures.c.locked_until > now
                )
            ):
                locked.setdefault(key, []).append(address)
            rows = conn.execute(select(users).order_by(users.c.name_key)).all()
        return [
            {
                "user": r.name,
                "role": r.role,
                "unit": r.unit,
                "disabled": bool(r.disabled),
                "created_at": int(r.created_at),
                "tokens": int(live.get(r.id, 0)),
                "locked_from": sorted(locked.get(r.name_key, [])),
            }
            for r in rows
        ]

    def set_disabled(self, name: str, disabled: bool) -> tuple[User, int]:
        """Disable (and revoke every token) or enable a user; the tokens revoked."""
        with self.db.write() as conn:
            row = self._find(conn, name)
            conn.execute(update(users).where(users.c.id == row.id).values(disabled=disabled))
            revoked = _revoke_all(conn, row.id) if disabled else 0
        return _user(row), revoked

    def reset_password(self, name: str, password: str) -> tuple[User, int]:
        """A new password (the policy applies); revokes every token and lifts lockouts."""
        with self.db.read() as conn:
            row = self._find(conn, name)
        _check_password(row.name, password)
        new_hash = self.hasher.hash(password)
        with self.db.write() as conn:
            row = self._find(conn, name)
            conn.execute(update(users).where(users.c.id == row.id).values(password_hash=new_hash))
            conn.execute(delete(login_failures).where(login_failures.c.user_key == row.name_key))
            revoked = _revoke_all(conn, row.id)
        return _user(row), revoked

    def set_role(self, name: str, role: Role | None, unit: str | None) -> tuple[User, int]:
        """Change a user's role and/or unit; revokes every token (the workstation signs in
        again and learns the new role). A unit user needs a unit; other roles keep one only
        when it is given."""
        with self.db.write() as conn:
            row = self._find(conn, name)
            new_role = role or Role(row.role)
            if unit is None:
                unit = row.unit if new_role is Role.UNIT else ""
            if new_role is Role.UNIT and not unit:
                raise AuthError("unit_required", "a unit user needs --unit")
            conn.execute(
                update(users).where(users.c.id == row.id).values(role=new_role.value, unit=unit)
            )
            revoked = _revoke_all(conn, row.id)
        return User(row.id, row.name, new_role, unit), revoked

    def revoke_tokens(self, name: str) -> tuple[User, int]:
        with self.db.write() as conn:
            row = self._find(conn, name)
            return _user(row), _revoke_all(conn, row.id)

    # ---- signing in ---------------------------------------------------------------------

    def check_password(self, account: Account | None, password: str) -> tuple[bool, str | None]:
        """CPU only (server.login runs it in its hashing slots): whether the password is
        right for an enabled user, and the new hash when the stored one is stale."""
        if account is None:
            passwords.verify(_dummy_hash(self.hasher), password, self.hasher)
            return False, None
        ok, new_hash = passwords.verify(account.password_hash, password, self.hasher)
        return ok and not account.disabled, new_hash

    def issue(
        self, account: Account, new_hash: str | None = None, forget: tuple[str, str] | None = None
    ) -> IssuedToken:
        """A new token; in the same transaction the stale hash replaced and the failures of
        `forget` (user key, address: server.throttle) forgotten."""
        token = secrets.token_urlsafe(32)
        now = int(time.time())
        with self.db.write() as conn:
            row = conn.execute(select(users).where(users.c.id == account.user.id)).first()
            if row is None or row.disabled:  # disabled while the password was checked
                raise AuthError(*INVALID)
            if new_hash is not None and row.password_hash == account.password_hash:
                conn.execute(
                    update(users).where(users.c.id == row.id).values(password_hash=new_hash)
                )
            if forget is not None:
                conn.execute(
                    delete(login_failures).where(
                        login_failures.c.user_key == forget[0],
                        login_failures.c.address == forget[1],
                    )
                )
            conn.execute(delete(tokens).where(tokens.c.expires_at < now))
            conn.execute(
                insert(tokens).values(
                    token_hash=token_hash(token),
                    user_id=row.id,
                    created_at=now,
                    expires_at=now + self.token_ttl,
                )
            )
        return IssuedToken(token, now + self.token_ttl, _user(row))

    def login(self, name: str, password: str) -> IssuedToken:
        """Sign in without throttling or hashing slots (server.login adds both)."""
        account = self.account(name)
        ok, new_hash = self.check_password(account, password)
        if not ok or account is None:
            raise AuthError(*INVALID)
        return self.issue(account, new_hash)

    def user_for(self, token: str) -> User:
        with self.db.read() as conn:
            row = conn.execute(
                select(users, tokens.c.expires_at, tokens.c.created_at)
                .join(tokens, tokens.c.user_id == users.c.id)
                .where(tokens.c.token_hash == token_hash(token))
            ).first()
        if row is None:
            raise AuthError("invalid_token", "the token is unknown or was revoked")
        now = time.time()
        # A token made under a longer lifetime ends when the current one says.
        if row.expires_at < now or row.created_at + self.token_ttl < now:
            raise AuthError("token_expired", "the token has expired; sign in again")
        if row.disabled:
            raise AuthError("user_disabled", "this user is disabled")
        return _user(row)

    def revoke(self, token: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(tokens).where(tokens.c.token_hash == token_hash(token)))


def _check_password(name: str, password: str) -> None:
    problem = passwords.password_problem(name, password)
    if problem:
        raise AuthError("weak_password", problem)


def _revoke_all(conn: Any, user_id: int) -> int:
    return int(conn.execute(delete(tokens).where(tokens.c.user_id == user_id)).rowcount or 0)

"""Users, password hashes (argon2id) and opaque bearer tokens (stored as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select

from app.models.enums import Role
from server.schema import Database, tokens, users

DEFAULT_TOKEN_TTL = 7 * 24 * 3600
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password")


class AuthError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    unit: str


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: int
    user: User


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    def __init__(
        self,
        db: Database,
        token_ttl: int = DEFAULT_TOKEN_TTL,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.db = db
        self.token_ttl = token_ttl
        self.hasher = hasher or _hasher

    def add_user(self, name: str, password: str, role: Role, unit: str = "") -> User:
        name = name.strip()
        if not name or len(name) > 100:
            raise AuthError("bad_name", "user name must be 1 to 100 characters")
        if len(password) < 8:
            raise AuthError("weak_password", "password must have at least 8 characters")
        if role is Role.UNIT and not unit:
            raise AuthError("unit_required", "a unit user needs --unit")
        with self.db.write() as conn:
            if conn.execute(select(users.c.id).where(users.c.name == name)).first():
                raise AuthError("user_exists", f"user {name!r} exists already")
            inserted = conn.execute(
                insert(users).values(
                    name=name,
                    password_hash=self.hasher.hash(password),
                    role=role.value,
                    unit=unit,
                    disabled=False,
                    created_at=int(time.time()),
                )
            ).inserted_primary_key
        assert inserted is not None
        return User(int(inserted[0]), name, role, unit)

    def login(self, name: str, password: str) -> IssuedToken:
        try:
            name.encode("utf-8")
            password.encode("utf-8")
        except UnicodeEncodeError:
            raise AuthError("invalid_credentials", "wrong user name or password") from None
        with self.db.read() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        stored = row.password_hash if row is not None else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
            ok = row is not None and not row.disabled
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or row is None:
            raise AuthError("invalid_credentials", "wrong user name or password")
        user = User(row.id, row.name, Role(row.role), row.unit)
        token = secrets.token_urlsafe(32)
        now = int(time.time())
        with self.db.write() as conn:
            conn.execute(delete(tokens).where(tokens.c.expires_at < now))
            conn.execute(
                insert(tokens).values(
                    token_hash=token_hash(token),
                    user_id=user.id,
                    created_at=now,
                    expires_at=now + self.token_ttl,
                )
            )
        return IssuedToken(token, now + self.token_ttl, user)

    def user_for(self, token: str) -> User:
        with self.db.read() as conn:
            row = conn.execute(
                select(users, tokens.c.expires_at)
                .join(tokens, tokens.c.user_id == users.c.id)
                .where(tokens.c.token_hash == token_hash(token))
            ).first()
        if row is None:
            raise AuthError("invalid_token", "the token is unknown or was revoked")
        if row.expires_at < time.time():
            raise AuthError("token_expired", "the token has expired; sign in again")
        if row.disabled:
            raise AuthError("user_disabled", "this user is disabled")
        return User(row.id, row.name, Role(row.role), row.unit)

    def revoke(self, token: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(tokens).where(tokens.c.token_hash == token_hash(token)))

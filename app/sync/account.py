"""Signing in and out, and who the local user is. The token goes to the keyring only."""

from __future__ import annotations

from app.models.enums import Role
from app.models.operations import Actor
from app.store.db import Database
from app.store.seat import Identity, Seat
from app.store.session import Session
from app.store.sync.state import SyncState
from app.store.workspace import User
from app.sync import credentials
from app.sync.client import CentralStore, RetryPolicy
from app.sync.errors import AuthRequired, SyncError
from app.sync.lock import sync_lock

# How long signing in or out waits for a sync of the workspace to finish.
SEAT_WAIT = 60.0
LOCAL_OPERATOR = User(name="local", role=Role.OPERATOR.value, display="本机话务员")


def login(
    database: Database,
    server: str,
    user: str,
    password: str,
    *,
    retry: RetryPolicy | None = None,
    ca_bundle: str = "",
    allow_insecure_http: bool = False,
) -> Session:
    """Exchange the password for a token, keep the token in the keyring, remember the user
    and how the server is reached (the CA bundle, an accepted clear-text http).

    Nothing is sent before the keyring and the address are found fit."""
    credentials.ensure_backend()
    server = server.rstrip("/")
    store = CentralStore(
        server, retry=retry, verify=ca_bundle or True, allow_insecure_http=allow_insecure_http
    )
    # No sync runs while the seat changes hands (one could be pulling the last user's feed).
    with sync_lock(database.path.parent, SEAT_WAIT):
        try:
            grant = store.login(user, password)
        finally:
            store.close()
        credentials.save_token(server, grant.user, grant.token)
        session = Session(
            server,
            grant.user,
            grant.role,
            grant.unit,
            grant.expires_at,
            ca_bundle=ca_bundle,
            insecure_http="1" if allow_insecure_http else "",
        )
        state = SyncState(database)
        with database.transaction():
            # Before the new identity sees anything: others' waiting work parked, the
            # cache emptied if it was pulled for someone else (app.store.seat).
            Seat(database).sign_in(Identity(grant.user, grant.role, grant.unit), server)
            state.save_session(session)
        Seat(database).forget_old_pages()
    return session


def logout(database: Database, *, revoke: bool = True) -> None:
    state = SyncState(database)
    session = state.session()
    if session is None:
        return
    if revoke:
        token = credentials.load_token(session.server, session.user)
        if token:
            try:
                store = _client(session, token, RetryPolicy(attempts=1))
                try:
                    store.logout()
                finally:
                    store.close()
            except SyncError:
                pass  # best effort: the local sign-out happens anyway
    credentials.forget_token(session.server, session.user)
    with sync_lock(database.path.parent, SEAT_WAIT):
        with database.transaction():
            Seat(database).sign_out()  # their waiting work parked for them; cache emptied
            state.clear_session()
        Seat(database).forget_old_pages()


def _client(session: Session, token: str | None, retry: RetryPolicy | None) -> CentralStore:
    return CentralStore(
        session.server,
        token,
        retry=retry,
        verify=session.ca_bundle or True,
        allow_insecure_http=session.insecure_http == "1",
    )


def open_store(
    database: Database, *, retry: RetryPolicy | None = None
) -> tuple[Session, CentralStore]:
    """The signed-in session and a client carrying its token; AuthRequired if none."""
    session = SyncState(database).session()
    if session is None:
        raise AuthRequired(
            "未登录：请先登录中心服务器 (hotline-desk login --server URL --user NAME)",
            "not_signed_in",
        )
    token = credentials.load_token(session.server, session.user)
    if not token:
        raise AuthRequired("登录凭据已失效，请重新登录 (no token in the keyring)", "no_token")
    return session, _client(session, token, retry)


def current_user(database: Database) -> User:
    """The signed-in user, or the local operator when no one has signed in."""
    session = SyncState(database).session()
    if session is None:
        return LOCAL_OPERATOR
    return User(name=session.user, role=session.role, unit=session.unit)


def actor_for(user: User, device_id: str) -> Actor:
    return Actor(user=user.name, role=Role(user.role), device_id=device_id, unit=user.unit)

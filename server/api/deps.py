"""What an endpoint is given: FastAPI dependencies, each reading the shared state that
server.api.main.create_app puts on `app.state`, or the request itself.

The current user comes from the bearer token (401 without a valid one); a role dependency
(Puller), or require_role where the order of refusals puts the role after the body,
refuses with 403 a user whose role may not do what the endpoint does. Dependencies that
only read the state are async: they run on the event loop, not in the thread pool.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.models.enums import Role
from server.api.errors import ApiError
from server.api.policy import PublishedPolicy
from server.auth import Accounts, AuthError, User
from server.feed import PULL_ROLES, Feed
from server.login import AccessSettings, LoginGate
from server.protocol import Protocol

__all__ = [
    "AccountsDep",
    "ClientAddress",
    "Credentials",
    "CurrentUser",
    "FeedDep",
    "LoginGateDep",
    "PolicyDep",
    "Protocol",
    "Puller",
    "RawBody",
    "SettingsDep",
]


async def get_accounts(request: Request) -> Accounts:
    return request.app.state.accounts  # type: ignore[no-any-return]


async def get_feed(request: Request) -> Feed:
    return request.app.state.feed  # type: ignore[no-any-return]


async def get_login_gate(request: Request) -> LoginGate:
    return request.app.state.login_gate  # type: ignore[no-any-return]


async def get_settings(request: Request) -> AccessSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_policy(request: Request) -> PublishedPolicy:
    return request.app.state.policy  # type: ignore[no-any-return]


AccountsDep = Annotated[Accounts, Depends(get_accounts)]
FeedDep = Annotated[Feed, Depends(get_feed)]
LoginGateDep = Annotated[LoginGate, Depends(get_login_gate)]
SettingsDep = Annotated[AccessSettings, Depends(get_settings)]
PolicyDep = Annotated[PublishedPolicy, Depends(get_policy)]


async def client_address(request: Request, settings: SettingsDep) -> str:
    """The client's address, read through the trusted proxies (server.clientaddr)."""
    return settings.proxies.client_address(request.scope)


ClientAddress = Annotated[str, Depends(client_address)]

bearer = HTTPBearer(auto_error=False)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def current_user(accounts: AccountsDep, cred: Credentials) -> User:
    if cred is None or cred.scheme.lower() != "bearer" or not cred.credentials:
        raise ApiError(401, "unauthorized", "a bearer token is required")
    try:
        return accounts.user_for(cred.credentials)
    except AuthError as exc:
        raise ApiError(401, exc.code, exc.message) from exc


CurrentUser = Annotated[User, Depends(current_user)]


async def raw_body(request: Request) -> bytes:
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]


def require_role(user: User, roles: frozenset[Role], what: str) -> None:
    """403 forbidden_role unless the user's role is one of `roles`."""
    if user.role not in roles:
        raise ApiError(403, "forbidden_role", f"role {user.role.value} may not {what}")


async def puller(user: CurrentUser) -> User:
    """The user, when their role may pull."""
    require_role(user, PULL_ROLES, "pull")
    return user


Puller = Annotated[User, Depends(puller)]

"""The central store's app: its shared state, middleware, error handlers and routers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import FastAPI

from app.models.rules import FunctionalLookup, UnitLookup
from server.api.body_limit import BodyLimit
from server.api.errors import add_error_handlers
from server.api.policy import PublishedPolicy
from server.api.router import API_PREFIX, API_ROUTERS
from server.api.routes import health
from server.auth import Accounts
from server.feed import ContentCheck, Feed
from server.login import AccessSettings, LoginGate
from server.protocol import ProtocolHeader
from server.schema import Database
from server.throttle import Throttle
from server.times import OFFLINE_LIMIT


def create_app(
    db: Database,
    units: UnitLookup,
    policy_data: dict[str, Any],
    functional: FunctionalLookup | None = None,
    content: ContentCheck | None = None,
    access: AccessSettings | None = None,
    offline_limit: timedelta = OFFLINE_LIMIT,
) -> FastAPI:
    """The API over an opened database. `policy_data` holds 'units' and 'catalogue';
    `units` and `functional` are the lookups app.models.rules.check refuses with;
    `content` checks what an event carries (server.checks.ContentChecks); `access` how
    sign-in is throttled and bounded (server.login); `offline_limit` how long a workstation
    may keep work unsent (server.times)."""
    access = access or AccessSettings()
    app = FastAPI(
        title="Hotline Desk central case store",
        version="1",
        description="Sync protocol v1: sign in, push events, pull the feed.",
    )
    app.add_middleware(BodyLimit)
    app.add_middleware(ProtocolHeader)
    # What the dependencies (server.api.deps) hand to the endpoints.
    app.state.db = db
    app.state.settings = access
    app.state.accounts = Accounts(db, token_ttl=access.token_ttl)
    app.state.throttle = Throttle(db, access.throttle)
    app.state.login_gate = LoginGate(app.state.accounts, app.state.throttle, access.limits)
    app.state.feed = Feed(db, units, functional, content, offline_limit=offline_limit)
    app.state.policy = PublishedPolicy.of(policy_data)
    add_error_handlers(app)
    app.include_router(health.router)
    for router in API_ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    return app


def default_app(
    db_url: str,
    access: AccessSettings | None = None,
    offline_limit: timedelta = OFFLINE_LIMIT,
) -> FastAPI:
    """The app over the database at `db_url` (created or upgraded) with the policy shipped
    in resources/policy."""
    from app.resources import load_json, load_policy, resources_dir
    from server.checks import ContentChecks

    db = Database(db_url)
    db.create()
    policy = load_policy()
    catalogue_path = resources_dir() / "policy" / "dispatch_catalogue.json"
    data = {
        "units": load_json("policy/units.json"),
        "catalogue": load_json("policy/dispatch_catalogue.json") if catalogue_path.exists() else [],
    }
    return create_app(
        db,
        policy.unit_info,
        data,
        policy.functional_matter,
        ContentChecks(policy),
        access,
        offline_limit,
    )

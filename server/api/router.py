"""The versioned API: every feature's router under one prefix."""

from __future__ import annotations

from fastapi import APIRouter

from server.api.routes import auth, sync

API_PREFIX = "/api/v1"

# Included one by one under the prefix (not through a router of routers): each level of
# inclusion is one more level a request's path is matched through.
API_ROUTERS: tuple[APIRouter, ...] = (auth.router, sync.router)

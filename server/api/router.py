"""The versioned API: every feature's router under one prefix."""

from __future__ import annotations

from fastapi import APIRouter

from server.api.routes import auth, sync

API_PREFIX = "/api/v1"

api_router = APIRouter()
api_router.include_router(auth.router)
api_router.include_router(sync.router)

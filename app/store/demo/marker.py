"""The mark of a workspace seeded with demo data (app.store.demo.generator writes it), on its own so
the start-up can ask for it without loading the demo generator."""

from __future__ import annotations

from app.store.db import Database

META_KEY = "demo_seeded"


def is_demo(database: Database) -> bool:
    """True when the workspace holds demo data (its meta has the demo seed's record)."""
    return database.meta(META_KEY) is not None

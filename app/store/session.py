"""Who is signed in on this workstation, read from the workspace's meta table.

Its own module so that start-up can name the signed-in user without loading the sync
machinery (app.store.sync.state); the token is never here, only in the keyring."""

from __future__ import annotations

from dataclasses import dataclass, fields

from app.store.db import Database


@dataclass(frozen=True)
class Session:
    """Who is signed in on this workstation, and where. Never holds the token."""

    server: str
    user: str
    role: str
    unit: str = ""
    expires_at: str = ""
    # How to reach `server`, as chosen at sign-in: a CA bundle file to trust ('' = the
    # system's), and "1" when the user accepted clear-text http to another machine.
    ca_bundle: str = ""
    insecure_http: str = ""


# The meta keys (session:<field>) a sign-in writes: one per field.
SESSION_KEYS = tuple(f.name for f in fields(Session))


def read_session(database: Database) -> Session | None:
    values = {k: database.meta(f"session:{k}") for k in SESSION_KEYS}
    if not values["server"] or not values["user"]:
        return None
    return Session(**{k: v or "" for k, v in values.items()})

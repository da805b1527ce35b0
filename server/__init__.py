"""The central case store: an HTTP API over SQLAlchemy Core (SQLite or PostgreSQL)."""

"""Tables of the central case store and how to open its database (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    exists,
    insert,
    select,
    text,
)

from app.models.enums import EventType

metadata = MetaData()

# The feed position: BIGINT on PostgreSQL; on SQLite exactly INTEGER, so the column is the
# table's rowid rather than a second index beside it (one B-tree fewer for every event).
_SEQ = BigInteger().with_variant(Integer(), "sqlite")

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    # The name as compared: NFKC, case-folded (server.users.name_key); unique, so "Zhang"
    # and "zhang" are one user. Filled for older databases by _add_name_keys.
    Column("name_key", String(100), unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("unit", String(50), nullable=False, default=""),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", BigInteger, nullable=False),
)

# Opaque bearer tokens; only their SHA-256 is stored.
tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)

# Failed sign-ins per (user, client address), shared by every server process
# (server.throttle). `user_key` is the compared name, whether or not such a user exists.
login_failures = Table(
    "login_failures",
    metadata,
    Column("user_key", String(100), primary_key=True),
    Column("address", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", BigInteger, nullable=False),
    Column("locked_until", BigInteger, nullable=False, default=0),
    Index("login_failures_by_time", "last_failure_at"),
)

# One row, 'feed': the last sequence number handed out (events and articles share it).
counters = Table(
    "counters",
    metadata,
    Column("name", String(20), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("seq", _SEQ, primary_key=True, autoincrement=False),
    Column("id", String(64), nullable=False, unique=True),
    Column("order_id", String(64), nullable=False),
    Column("type", String(32), nullable=False),
    Column("body", Text, nullable=False),  # canonical JSON of the event as pushed
    # Who pushed it (the token's user, in their role and unit then) and when the store
    # received it (epoch seconds, the store's clock): beside the body, never inside it.
    Column("pushed_by", String(100), nullable=False),
    Column("pushed_role", String(20), nullable=False, server_default=""),
    Column("pushed_unit", String(50), nullable=False, server_default=""),
    Column("received_at", BigInteger, nullable=False),
    Index("events_by_order", "order_id", "seq"),
)

# One row per order: what pull joins on. Its full state is the fold of its events.
orders = Table(
    "orders",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("lead_unit", String(50), nullable=False, default=""),
    Column("confidential", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False),
)

# Which handling unit may see which order, from which feed position on.
grants = Table(
    "grants",
    metadata,
    Column("unit", String(50), primary_key=True),
    Column("order_id", String(64), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Index("grants_by_unit_seq", "unit", "seq"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False, unique=True),
    Column("body", Text, nullable=False),
)

# Every published version of every article, written in the transaction that publishes it
# (import or approval) and never changed: `articles` holds the current one. Pull reads
# this table, so a workstation joining later receives the old versions too (an order keeps
# the version it used: app.models.records OrderState.kb_version).
article_versions = Table(
    "article_versions",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("seq", BigInteger, nullable=False, unique=True),
    Column("body", Text, nullable=False),
)

# The station code each workstation (device) was given at its first sign-in.
stations = Table(
    "stations",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("device_id", String(64), nullable=False, unique=True),
    Column("user", String(100), nullable=False),
    Column("assigned_at", BigInteger, nullable=False),
)

# Every order number in use, and the number it arrived with (another when renumbered).
order_numbers = Table(
    "order_numbers",
    metadata,
    Column("number", String(64), primary_key=True),
    Column("order_id", String(64), nullable=False),
    Column("original", String(64), nullable=False),
)

FEED = "feed"
_PG_LOCK_KEY = 0x12345  # pg_advisory_xact_lock key that serialises all writers


def normalise_url(url: str) -> str:
    """Accept a bare file path or postgresql:// and return a SQLAlchemy URL."""
    if "://" not in url:
        return "sqlite:///" + str(Path(url).expanduser().resolve())
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Database:
    """The engine plus the single-writer discipline.

    Every write runs under one lock: a process lock, and across processes BEGIN IMMEDIATE
    on SQLite or a transaction-scoped advisory lock on PostgreSQL. Sequence numbers are
    therefore handed out in commit order, so a reader's snapshot always holds a prefix of
    the feed and a pull by `since` can never skip an event committed later.
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self._write_lock = threading.Lock()
        if self.is_sqlite:
            self.engine: Engine = create_engine(
                self.url,
                pool_size=8,
                max_overflow=8,
                connect_args={"check_same_thread": False, "timeout": 30},
            )
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = create_engine(self.url, pool_size=8, max_overflow=8, pool_pre_ping=True)

    def create(self) -> None:
        metadata.create_all(self.engine)
        add_missing_columns(self.engine)
        with self.write() as conn:
            _backfill_numbers(conn)
            _add_name_keys(conn)
            _keep_current_versions(conn)
            if (
                conn.execute(select(counters.c.value).where(counters.c.name == FEED)).first()
                is None
            ):
                conn.execute(insert(counters).values(name=FEED, value=0))

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._write_lock:
            conn = self.engine.connect()
            if self.is_sqlite:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            try:
                with conn.begin():
                    if not self.is_sqlite:
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
                    yield conn
            finally:
                conn.close()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One snapshot for the whole block (REPEATABLE READ on PostgreSQL)."""
        conn = self.engine.connect()
        if not self.is_sqlite:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        try:
            with conn.begin():
                yield conn
        finally:
            conn.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _backfill_numbers(conn: Connection) -> None:
    """A store made before numbers were kept: record the numbers of the intakes it holds
    (the first order to use one keeps it), once, while `order_numbers` is empty."""
    if conn.execute(select(order_numbers.c.number).limit(1)).first() is not None:
        return
    taken: set[str] = set()
    rows: list[dict[str, str]] = []
    for order_id, body in conn.execute(
        select(events.c.order_id, events.c.body)
        .where(events.c.type == EventType.INTAKE.value)
        .order_by(events.c.seq)
    ):
        number = (json.loads(body).get("payload") or {}).get("number")
        if isinstance(number, str) and number and number not in taken and len(number) <= 64:
            taken.add(number)
            rows.append({"number": number, "order_id": order_id, "original": number})
    if rows:
        conn.execute(insert(order_numbers), rows)


def _keep_current_versions(conn: Connection) -> None:
    """A store made before versions were kept: its current articles become the first
    entries of their history (the versions they replaced were already gone), with their
    own feed positions, so nothing a workstation pulled moves."""
    missing = select(articles.c.id, articles.c.version, articles.c.seq, articles.c.body).where(
        ~exists().where(
            (article_versions.c.id == articles.c.id)
            & (article_versions.c.version == articles.c.version)
        )
    )
    conn.execute(insert(article_versions).from_select(["id", "version", "seq", "body"], missing))


def _add_name_keys(conn: Connection) -> None:
    """Databases made before user names were compared case-insensitively: add and fill
    `users.name_key`. A name that folds onto an earlier user's keeps a key of its own
    (suffixed with its id) so nothing is lost; it cannot sign in until an admin renames it."""
    from sqlalchemy import inspect

    from server.users import name_key

    columns = {c["name"] for c in inspect(conn).get_columns("users")}
    if "name_key" not in columns:
        conn.execute(text("ALTER TABLE users ADD COLUMN name_key VARCHAR(100)"))
        conn.execute(text("CREATE UNIQUE INDEX users_name_key ON users (name_key)"))
    rows = conn.execute(
        select(users.c.id, users.c.name).where(users.c.name_key.is_(None)).order_by(users.c.id)
    ).all()
    taken = {k for (k,) in conn.execute(select(users.c.name_key)) if k is not None}
    for row in rows:
        key = name_key(row.name)
        if key in taken:
            key = f"{key}#{row.id}"
        taken.add(key)
        conn.execute(users.update().where(users.c.id == row.id).values(name_key=key))


def add_missing_columns(engine: Engine) -> None:
    """Columns added to `events` after it was first created (create_all makes only
    missing tables): ALTER TABLE … ADD COLUMN with the column's server default."""
    from sqlalchemy import inspect
    from sqlalchemy.schema import CreateColumn

    with engine.begin() as conn:
        inspector = inspect(conn)
        for table in (events,):
            if not inspector.has_table(table.name):
                continue
            have = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have:
                    ddl = CreateColumn(column).compile(dialect=conn.dialect)
                    conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {ddl}")


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: a push is answered "accepted" only once it would survive a power cut; the
    # workstation then drops the event from its outbox, so nothing else holds it.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")

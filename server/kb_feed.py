"""Knowledge-base governance at push: each proposal, ruling and flag is checked against its
article's thread (app.models.kb_events, the function a workstation runs), and accepting
one grants the units concerned the article's thread and publishes what the editor approved.

* A unit's proposal, and any event on an article a unit owns, grants that unit the
  article's thread (`grants`, as a dispatch grants an order): its pull then carries the
  proposals, rulings and flags of its own articles and nothing of other units'.
* An approval (or an edit-and-approve) is published at once, in the push's transaction:
  the article's next version becomes current in `articles` and is added to
  `article_versions` (every version, kept), with a feed position of its own, its author
  (who proposed it), approver and the store's time, and reaches every workstation at its
  next pull. Pull reads the history, so a workstation joining later receives the old
  versions too, and workstations keep every version they pulled.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.models.enums import EventType, Role
from app.models.kb import article_to_dict, parse_article
from app.models.kb_events import (
    KB_EVENTS,
    Thread,
    check_kb,
    fold,
    kb_order_id,
    proposed_article,
    published_content,
    publishes,
)
from app.models.records import Event
from app.models.rules import RuleViolation
from app.models.serial import event_from_dict
from server.auth import User
from server.schema import article_versions, articles, events, grants
from server.wire import canonical

_TYPES = tuple(t.value for t in KB_EVENTS)


def _article_of(data: Mapping[str, Any]) -> str | None:
    payload = data.get("payload")
    if data.get("type") not in _TYPES or not isinstance(payload, dict):
        return None
    article = payload.get("article")
    return article if isinstance(article, str) else None


class Governance:
    """The threads of the articles a push's governance events name, read once."""

    def __init__(self, conn: Connection, batch: Sequence[Mapping[str, Any]]) -> None:
        self.conn = conn
        ids = sorted({a for a in map(_article_of, batch) if a is not None})
        self.threads: dict[str, Thread] = {i: Thread(i) for i in ids}
        self.granted: set[tuple[str, str]] = set()
        self.current: dict[str, int] = {}
        if not ids:
            return
        for row in conn.execute(select(articles).where(articles.c.id.in_(ids))):
            body = json.loads(row.body)
            thread = self.threads[row.id]
            thread.version, thread.owner = int(row.version), str(body.get("unit", ""))
            self.current[row.id] = int(row.version)
        filed = {kb_order_id(i): i for i in ids}
        rows = conn.execute(
            select(events.c.order_id, events.c.body)
            .where(events.c.order_id.in_(list(filed)))
            .where(events.c.type.in_(_TYPES))
            .order_by(events.c.seq)
        )
        for order_id, body in rows:
            fold(self.threads[filed[order_id]], event_from_dict(json.loads(body)))
        for unit, order_id in conn.execute(
            select(grants.c.unit, grants.c.order_id).where(grants.c.order_id.in_(list(filed)))
        ):
            self.granted.add((unit, order_id))

    def check(self, event: Event, user: User) -> None:
        """Raise RuleViolation unless `user` may record `event` on its article now (any
        event but a governance one passes)."""
        if event.type not in KB_EVENTS:
            return
        article = str(event.payload.get("article", ""))
        thread = self.threads.get(article)
        if thread is None or event.order_id != kb_order_id(article):
            raise RuleViolation("wrong_article", "事件所属的文章与内容中的文章编号不一致")
        check_kb(thread, event.type, user.role, user.unit, event.payload)

    def accept(
        self, event: Event, user: User, seq: int, now: datetime, new_grants: list[dict[str, Any]]
    ) -> int:
        """Fold an accepted event into its thread, grant the units concerned, publish an
        approval. Returns the last feed position used (`seq` for any other event)."""
        if event.type not in KB_EVENTS:
            return seq
        thread = self.threads[str(event.payload["article"])]
        if event.type is EventType.KB_RULING and publishes(event.payload):
            seq = self._publish(thread, event, user, seq, now)
        fold(thread, event)
        units = {thread.owner}
        if user.role is Role.UNIT:
            units.add(user.unit)
        if event.type is EventType.KB_PROPOSAL:
            units.add(str(event.payload.get("unit", "")))
        for unit in sorted(u for u in units if u):
            key = (unit, event.order_id)
            if key not in self.granted:
                self.granted.add(key)
                new_grants.append({"unit": unit, "order_id": event.order_id, "seq": seq})
        return seq

    def _publish(self, thread: Thread, ruling: Event, user: User, seq: int, now: datetime) -> int:
        proposal = thread.proposals[str(ruling.payload["proposal"])]
        content = published_content(thread, ruling.payload)
        article = proposed_article(thread.article, content).with_changes(
            version=thread.version + 1,
            updated_at=now.isoformat(),
            author=proposal.author,
            approved_by=user.name,
            published_at=now.isoformat(),
        )
        parse_article(article_to_dict(article))  # what every workstation will accept
        seq += 1
        body = canonical({k: v for k, v in article_to_dict(article).items() if v is not None})
        values = {"version": article.version, "seq": seq, "body": body}
        if thread.article in self.current:
            self.conn.execute(
                update(articles).where(articles.c.id == thread.article).values(**values)
            )
        else:
            self.conn.execute(insert(articles).values(id=thread.article, **values))
        self.conn.execute(insert(article_versions).values(id=thread.article, **values))
        self.current[thread.article] = article.version
        thread.version, thread.owner = article.version, article.unit
        return seq

"""The calls drill scenarios are made from: orders answered on the call with an article
(直接答复), newest first, orders with a confidential caller (the first one or one attached
later) marked confidential (left out by app.models.drill_sources)."""

from __future__ import annotations

import json

from app.models.drill_sources import CallerWords
from app.models.enums import AppealType
from app.store.db import Database

_SQL = """SELECT id, appeal_type, category, confidential,
       json_extract(data, '$.content'), json_extract(data, '$.kb_article'),
       json_extract(data, '$.kb_version'), json_extract(data, '$.appellant'),
       json_extract(data, '$.address'), json_extract(data, '$.party_complained'),
       json_extract(data, '$.extra_callers')
  FROM orders
 WHERE direct = 1 AND confidential = 0 AND json_extract(data, '$.kb_article') != ''
 ORDER BY received_at DESC, id
 LIMIT ?"""


# Callers attached later (并单, add_caller, in any state: also after the answer): a
# confidential one makes the order's words unusable, the others' names are scrubbed too.
_ADDED = """SELECT order_id, json_extract(payload, '$.name'), json_extract(payload, '$.phone'),
       json_extract(payload, '$.confidential')
  FROM events WHERE type = 'add_caller'"""


def caller_words(database: Database, limit: int = 20000) -> list[CallerWords]:
    """The directly answered calls that recorded an article, newest first."""
    added: dict[str, list[str]] = {}
    hidden: set[str] = set()
    for order_id, name, phone, confidential in database.query(_ADDED):
        added.setdefault(str(order_id), []).extend(str(x) for x in (name, phone) if x)
        if confidential:
            hidden.add(str(order_id))
    calls = []
    for row in database.query(_SQL, (limit,)):
        order_id, kind, category, confidential, content, article, version = row[:7]
        appellant = json.loads(row[7] or "{}")
        extra = json.loads(row[10] or "[]")
        secrets = (
            str(appellant.get("name") or ""),
            str(appellant.get("phone") or ""),
            str(appellant.get("other_contact") or ""),
            str(appellant.get("company") or ""),
            str(row[8] or ""),
            str(row[9] or ""),
            *(str(x) for x in extra),
            *added.get(str(order_id), ()),
        )
        try:
            appeal_type = AppealType(kind)
        except ValueError:
            continue
        calls.append(
            CallerWords(
                order_id=str(order_id),
                article=str(article),
                version=int(version or 0),
                text=str(content or ""),
                appeal_type=appeal_type,
                category=str(category or ""),
                confidential=bool(confidential)
                or bool(appellant.get("confidential"))
                or str(order_id) in hidden,
                secrets=tuple(s for s in secrets if s),
            )
        )
    return calls


def synonyms(database: Database) -> dict[str, list[str]]:
    """The knowledge base's synonyms as its search reads them: term → canonical terms."""
    lexicon: dict[str, list[str]] = {}
    for term, canonical in database.query(
        "SELECT term, canonical FROM kb_synonyms ORDER BY term, canonical"
    ):
        lexicon.setdefault(str(term), []).append(str(canonical))
    return lexicon

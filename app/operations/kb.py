"""The knowledge base's actions: edit an article, import, and its governance through the
central store (propose, rule, flag, resolve a flag).

On a workspace governed by a central store (signed in, or pulled from one:
app.store.kb.governance.governed) an edit or an import becomes proposals for the roles
that may propose (a unit for its own articles, the editor), and is refused for the others
with a message saying why; nothing changes the articles locally. A workspace that never
synced (the demo, a standalone desk, a bundle's smoke test) edits and imports locally.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.models.enums import EventType
from app.models.jsonl import read_lines
from app.models.kb import Article, ImportReport, LineError, parse_jsonl
from app.models.kb_events import Decision, content_of
from app.models.operations import Actor
from app.models.records import Event
from app.models.rules import RuleViolation
from app.operations.changes import Changes, Done
from app.store.kb.governance import governed, may_propose
from app.store.workspace import Workspace

KB = Changes(kb=True)
PROPOSED = Changes(kb=True, outbox=True)


def _refuse(actor: Actor | None) -> RuleViolation:
    """This workstation may not change the knowledge base (governed, not a proposer)."""
    who = f"角色“{actor.role.value}”" if actor is not None else "未登录时"
    return RuleViolation(
        "forbidden_role",
        f"本工作站已连接中心库：知识库只能通过中心库修改，{who}不能提出修订"
        "（由所属承办单位或知识库管理员提出）",
    )


def edit_article(
    ws: Workspace, article_id: str, actor: Actor | None = None, note: str = "", **fields: Any
) -> Done[Article]:
    """A new version of the article, the old one kept (a workspace that never synced);
    on a governed workspace, a proposal of that version (returned unstored, version 0).
    Raises ArticleInvalid naming the field, KeyError for no such article, RuleViolation
    when the store would refuse it."""
    if not governed(ws.database):
        return Done(ws.knowledge().edit(article_id, **fields), KB)
    current = ws.knowledge().get(article_id)
    if current is None:
        raise KeyError(article_id)
    if actor is None or not may_propose(actor.role):
        raise _refuse(actor)
    edited = current.with_changes(version=0, updated_at="", **fields)
    propose(ws, actor, edited, base_version=current.version, note=note)
    return Done(edited, PROPOSED)


def propose(
    ws: Workspace, actor: Actor, article: Article, base_version: int, note: str = ""
) -> Done[Event]:
    """A unit's (or the editor's) proposal of a new article or a revision; queued for the
    central store like every event, offline too."""
    payload = {"base_version": base_version, **content_of(article)}
    if note:
        payload["note"] = note
    event = ws.governance().record(EventType.KB_PROPOSAL, article.id, payload, actor, ws.clock())
    return Done(event, PROPOSED)


def rule(
    ws: Workspace,
    actor: Actor,
    article_id: str,
    proposal_id: str,
    decision: Decision,
    reason: str = "",
    edited: Article | None = None,
) -> Done[Event]:
    """The editor's ruling: approve, return with a reason, or edit and approve."""
    payload: dict[str, Any] = {"proposal": proposal_id, "decision": decision.value}
    if reason:
        payload["reason"] = reason
    if decision is Decision.EDIT:
        if edited is None:
            raise ValueError("an edit-and-approve carries the edited article")
        payload.update(content_of(edited))
    event = ws.governance().record(EventType.KB_RULING, article_id, payload, actor, ws.clock())
    return Done(event, PROPOSED)


def flag(ws: Workspace, actor: Actor, article_id: str, version: int, note: str) -> Done[Event]:
    """纠错: the answer is wrong or outdated; the owning unit and the editor see it."""
    payload = {"version": version, "note": note}
    event = ws.governance().record(EventType.KB_FLAG, article_id, payload, actor, ws.clock())
    return Done(event, PROPOSED)


def resolve_flag(
    ws: Workspace, actor: Actor, article_id: str, flag_id: str, note: str = ""
) -> Done[Event]:
    payload = {"flag": flag_id, "note": note}
    gov = ws.governance()
    event = gov.record(EventType.KB_FLAG_RESOLVED, article_id, payload, actor, ws.clock())
    return Done(event, PROPOSED)


@dataclass(frozen=True)
class ProposedImport:
    """An import on a governed workspace: each changed or new article became a proposal."""

    proposed: int
    unchanged: int
    errors: tuple[LineError, ...]


def import_articles(
    ws: Workspace, path: Path, actor: Actor | None = None
) -> Done[ImportReport] | Done[ProposedImport]:
    """Articles from a JSON Lines file. A workspace that never synced imports them: new
    ones, new versions of changed ones; the lines that are not articles are reported.
    A governed one proposes each new or changed article (refused whole for a role that
    may not propose; a line the store would refuse is reported by number)."""
    if not governed(ws.database):
        return Done(ws.knowledge().import_jsonl(path), KB)
    if actor is None or not may_propose(actor.role):
        raise _refuse(actor)
    with Path(path).open("rb") as handle:
        parsed = parse_jsonl(read_lines(handle))
    errors = list(parsed.errors)
    proposed = unchanged = 0
    kb = ws.knowledge()
    for line, article in parsed.articles:
        current = kb.get(article.id)
        if current is not None and content_of(current) == content_of(article):
            unchanged += 1
            continue
        try:
            propose(ws, actor, article, base_version=current.version if current else 0)
        except RuleViolation as v:
            errors.append(LineError(line, v.message))
            continue
        proposed += 1
    return Done(ProposedImport(proposed, unchanged, tuple(errors)), PROPOSED)

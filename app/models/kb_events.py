"""Knowledge-base governance as events: proposals, rulings, flags (纠错) and their state.

A handling unit proposes a new article or a revision of one of its own unit's articles
(`kb_proposal`, carrying the whole proposed content and the version it started from); the
knowledge-base editor (知识库管理员) approves it, returns it with a reason, or edits and
approves it (`kb_ruling`); an approval is published by the central store as the article's
next version, with its author, approver and time. An operator who finds an answer wrong
flags it with a short note (`kb_flag`); the owning unit or the editor resolves the flag
(`kb_flag_resolved`).

The events describe no order (rules.ORDERLESS): they are filed under `kb:<article id>`
(kb_order_id), synced like every other event, and checked with `check_kb` against the
article's thread (`fold`) on the workstation before they are recorded and on the central
store before they are stored. Plain Python: no Qt, no SQL, no HTTP.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from app.models.enums import EventType, Role
from app.models.kb import Article, ArticleInvalid, parse_article
from app.models.records import Event
from app.models.rules import RuleViolation
from app.models.validation import MAX_CODE, MAX_FLAG_NOTE, FieldError

KB_EVENTS = frozenset(
    {
        EventType.KB_PROPOSAL,
        EventType.KB_RULING,
        EventType.KB_FLAG,
        EventType.KB_FLAG_RESOLVED,
    }
)
KB_PREFIX = "kb:"
# The fields of an article a proposal (and an edit-and-approve ruling) carries.
CONTENT = (
    "title",
    "questions",
    "answer",
    "category",
    "unit",
    "keywords",
    "legal_basis",
    "effective",
    "expires",
)


class Decision(StrEnum):
    APPROVE = "approve"  # published as proposed
    RETURN = "return"  # sent back to the unit with a reason
    EDIT = "edit"  # the editor's changes, published


def kb_order_id(article_id: str) -> str:
    """What a governance event of `article_id` is filed under: `kb:<id>`, within the
    event log's 64 characters (a longer id is filed under its hash)."""
    filed = KB_PREFIX + article_id
    if len(filed) <= MAX_CODE:
        return filed
    return KB_PREFIX + "#" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:40]


@dataclass(frozen=True)
class Proposal:
    id: str  # the proposal event's id: what a ruling names
    article: str
    base_version: int  # 0: a new article
    unit: str  # the proposing unit (the editor's own proposals: "")
    author: str
    at: datetime
    content: Mapping[str, Any]
    note: str = ""
    decision: str = ""  # "" while it waits for a ruling
    reason: str = ""
    ruled_by: str = ""

    @property
    def pending(self) -> bool:
        return not self.decision


@dataclass(frozen=True)
class Flag:
    id: str
    article: str
    version: int
    note: str
    author: str
    at: datetime
    resolved: bool = False
    resolution: str = ""


@dataclass
class Thread:
    """The governance state of one article: its published version and owner (0 and ""
    before its first publication), its proposals and its flags, oldest first."""

    article: str
    version: int = 0
    owner: str = ""
    proposals: dict[str, Proposal] = field(default_factory=dict)
    flags: dict[str, Flag] = field(default_factory=dict)

    def pending(self) -> list[Proposal]:
        return [p for p in self.proposals.values() if p.pending]

    def open_flags(self) -> list[Flag]:
        return [f for f in self.flags.values() if not f.resolved]

    def stale(self, proposal: Proposal) -> bool:
        """The article was published again after the version the proposal started from."""
        return proposal.base_version < self.version


def thread_for(article_id: str, current: Article | None, events: Iterable[Event]) -> Thread:
    """The thread of `article_id`: its current published version (None before the first),
    then its governance events in the order they were stored."""
    thread = Thread(article_id)
    if current is not None:
        thread.version, thread.owner = current.version, current.unit
    for event in events:
        fold(thread, event)
    return thread


def fold(thread: Thread, event: Event) -> None:
    p = event.payload
    if event.type is EventType.KB_PROPOSAL:
        thread.proposals[event.id] = Proposal(
            id=event.id,
            article=thread.article,
            base_version=int(p.get("base_version", 0)),
            unit=event.unit,
            author=event.actor,
            at=event.client_time,
            content={k: p[k] for k in CONTENT if k in p},
            note=str(p.get("note", "")),
        )
    elif event.type is EventType.KB_RULING:
        proposal = thread.proposals.get(str(p.get("proposal", "")))
        if proposal is not None and proposal.pending:
            thread.proposals[proposal.id] = replace(
                proposal,
                decision=str(p.get("decision", "")),
                reason=str(p.get("reason", "")),
                ruled_by=event.actor,
            )
    elif event.type is EventType.KB_FLAG:
        thread.flags[event.id] = Flag(
            id=event.id,
            article=thread.article,
            version=int(p.get("version", 0)),
            note=str(p.get("note", "")),
            author=event.actor,
            at=event.client_time,
        )
    elif event.type is EventType.KB_FLAG_RESOLVED:
        flag = thread.flags.get(str(p.get("flag", "")))
        if flag is not None:
            thread.flags[flag.id] = replace(flag, resolved=True, resolution=str(p.get("note", "")))


def proposed_article(article_id: str, content: Mapping[str, Any]) -> Article:
    """The article a proposal (or an edit) would publish; RuleViolation `invalid_field`
    with the knowledge base's own message when it could not be stored."""
    data: dict[str, Any] = {"id": article_id, "questions": [], "keywords": []}
    data.update({k: content[k] for k in CONTENT if k in content})
    for key in ("category", "unit"):
        data.setdefault(key, "")
    for key in ("legal_basis", "effective", "expires"):
        if data.get(key) == "":
            data[key] = None
    try:
        return parse_article(data)
    except ArticleInvalid as exc:
        raise RuleViolation("invalid_field", str(exc)) from None


def content_of(article: Article) -> dict[str, Any]:
    """An article's content as a proposal's payload carries it."""
    return {
        "title": article.title,
        "questions": list(article.questions),
        "answer": article.answer,
        "category": article.category,
        "unit": article.unit,
        "keywords": list(article.keywords),
        "legal_basis": article.legal_basis or "",
        "effective": article.effective.isoformat() if article.effective else "",
        "expires": article.expires.isoformat() if article.expires else "",
    }


def field_errors(event_type: EventType, payload: Mapping[str, Any]) -> list[FieldError]:
    """What the knowledge base would refuse of a proposed article (an empty answer, an
    expiry before the effective date, an over-long text) and the notes a flag, a return
    or a resolution must carry. checks.check_fields runs it on both sides."""
    article = str(payload.get("article", ""))
    try:
        if event_type is EventType.KB_PROPOSAL:
            proposed_article(article, payload)
        elif event_type is EventType.KB_RULING and payload.get("decision") == Decision.EDIT:
            proposed_article(article or "x", payload)
    except RuleViolation as v:
        return [FieldError("article", "invalid_article", v.message)]
    if event_type is EventType.KB_FLAG:
        note = payload.get("note")
        if not isinstance(note, str) or not note.strip():
            return [FieldError("note", "required", "请简要写明答复口径哪里有误")]
        if len(note) > MAX_FLAG_NOTE:
            return [
                FieldError(
                    "note",
                    "too_long",
                    f"纠错说明最多{MAX_FLAG_NOTE}字，当前{len(note)}字，请精简后再保存",
                )
            ]
    return []


OWN_ARTICLE = "not_own_article"


def check_kb(
    thread: Thread, event_type: EventType, role: Role, unit: str, payload: Mapping[str, Any]
) -> None:
    """What rules.check cannot see for a governance event: the article's owner, its
    proposals and flags. The role itself is rules.RULES's. Raises RuleViolation."""
    if str(payload.get("article", "")) != thread.article:
        raise RuleViolation("wrong_article", "事件所属的文章与内容中的文章编号不一致")
    if event_type is EventType.KB_PROPOSAL:
        _check_proposal(thread, role, unit, payload)
    elif event_type is EventType.KB_RULING:
        _check_ruling(thread, payload)
    elif event_type is EventType.KB_FLAG:
        if thread.version == 0:
            raise RuleViolation("unknown_article", "知识库中没有这篇已发布的文章")
    elif event_type is EventType.KB_FLAG_RESOLVED:
        flag = thread.flags.get(str(payload.get("flag", "")))
        if flag is None:
            raise RuleViolation("unknown_flag", "没有这条纠错")
        if flag.resolved:
            raise RuleViolation("already_resolved", "这条纠错已处理")
        if role is Role.UNIT and unit != thread.owner:
            raise RuleViolation(OWN_ARTICLE, "只有文章所属单位或知识库管理员可以处理纠错")


def _check_proposal(thread: Thread, role: Role, unit: str, payload: Mapping[str, Any]) -> None:
    base = payload.get("base_version", 0)
    if not isinstance(base, int) or base < 0 or base > thread.version:
        raise RuleViolation(
            "bad_base_version", f"文章当前为第{thread.version}版，所依据的版本不存在"
        )
    if role is not Role.UNIT:
        return
    if thread.version and thread.owner != unit:
        raise RuleViolation(OWN_ARTICLE, "只能为本单位负责的文章提出修订")
    if payload.get("unit", "") != unit:
        raise RuleViolation(OWN_ARTICLE, "提出的文章须由本单位负责")


def _check_ruling(thread: Thread, payload: Mapping[str, Any]) -> None:
    proposal = thread.proposals.get(str(payload.get("proposal", "")))
    if proposal is None:
        raise RuleViolation("unknown_proposal", "没有这份待审的文章提议")
    if not proposal.pending:
        raise RuleViolation("already_ruled", "这份提议已经审核过")
    decision = payload.get("decision")
    if decision not in set(Decision):
        raise RuleViolation("bad_decision", "审核结果须为通过、退回或修改后通过")
    reason = payload.get("reason", "")
    if decision == Decision.RETURN and not (isinstance(reason, str) and reason.strip()):
        raise RuleViolation("reason_required", "退回提议须写明理由")


def published_content(thread: Thread, ruling: Mapping[str, Any]) -> dict[str, Any]:
    """What an approving ruling publishes: the proposal's content, or the editor's."""
    if ruling.get("decision") == Decision.EDIT:
        return {k: ruling[k] for k in CONTENT if k in ruling}
    proposal = thread.proposals[str(ruling["proposal"])]
    return dict(proposal.content)


def publishes(payload: Mapping[str, Any]) -> bool:
    return payload.get("decision") in (Decision.APPROVE, Decision.EDIT)

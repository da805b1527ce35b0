"""Knowledge-base drills (知识库练习): scenarios, attempts, and the spaced-repetition schedule.

A trainer's drill set is a list of scenarios in the caller's words, each with what a good
intake picks: the article(s), the appeal type and the handling unit. An operator's attempt
is graded part by part and timed; the scheduler (SM-2 with Anki's "hard" step) brings missed
and slow scenarios back sooner and lets mastered ones fade. The schedule is never stored:
it is the fold of the operator's attempts, so it syncs with them.

Plain Python: no Qt, no SQL, no HTTP.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from app.models.enums import AppealType, EventType, Role
from app.models.jsonl import Line, LineRejected, load_object, numbered
from app.models.kb import Article
from app.models.payloads import check_payload
from app.models.records import Event
from app.models.rules import check

MAX_ID = 48  # the event's order_id is "drill:" + this, within the protocol's 64
MAX_TEXT = 2000
MAX_NAME = 100
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")

# ---- scenarios and sets ----------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    id: str
    text: str  # what the caller says
    articles: tuple[str, ...]  # the article(s) that answer it; any one of them is right
    appeal_type: AppealType
    category: str = ""
    unit: str = ""  # the handling unit a good intake names
    set_name: str = ""
    source: str = ""  # "kb-0001@v2": generated from a call answered with that article version

    def with_changes(self, **changes: Any) -> Scenario:
        return replace(self, **changes)


class ScenarioInvalid(ValueError):
    """A scenario that cannot be stored; the message names the field."""


def scenario_to_dict(s: Scenario) -> dict[str, Any]:
    """The JSON Lines form: one scenario a line, with the name of its set."""
    return {
        "set": s.set_name,
        "id": s.id,
        "text": s.text,
        "articles": list(s.articles),
        "appeal_type": s.appeal_type.value,
        "category": s.category,
        "unit": s.unit,
        "source": s.source,
    }


def scenario_to_json(s: Scenario) -> str:
    return json.dumps(scenario_to_dict(s), ensure_ascii=False)


def _str(data: Mapping[str, Any], key: str, limit: int, required: bool = True) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ScenarioInvalid(f"字段 {key} 应为字符串 (field {key} must be a string)")
    value = value.strip()
    if required and not value:
        raise ScenarioInvalid(f"字段 {key} 不能为空 (field {key} is empty)")
    if len(value) > limit:
        raise ScenarioInvalid(f"字段 {key} 超过 {limit} 字 (field {key} is too long)")
    return value


def parse_scenario(data: Any) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioInvalid("每行应为一个 JSON 对象 (each line must be a JSON object)")
    known = {"set", "id", "text", "articles", "appeal_type", "category", "unit", "source"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ScenarioInvalid(f"未知字段 {', '.join(unknown)} (unknown field(s))")
    scenario_id = _str(data, "id", MAX_ID)
    if not _ID.fullmatch(scenario_id):
        raise ScenarioInvalid(
            f"编号 {scenario_id!r} 只能含字母、数字和 _ . : - (id may only use A-Z a-z 0-9 _ . : -)"
        )
    articles = data.get("articles")
    if (
        not isinstance(articles, list)
        or not articles
        or not all(isinstance(a, str) and a.strip() for a in articles)
    ):
        raise ScenarioInvalid(
            "字段 articles 应为非空的文章编号列表 (field articles must list article ids)"
        )
    try:
        appeal_type = AppealType(_str(data, "appeal_type", 10))
    except ValueError:
        choices = "/".join(t.value for t in AppealType)
        raise ScenarioInvalid(
            f"字段 appeal_type 应为 {choices} 之一 (unknown appeal type)"
        ) from None
    return Scenario(
        id=scenario_id,
        text=_str(data, "text", MAX_TEXT),
        articles=tuple(dict.fromkeys(a.strip() for a in articles)),
        appeal_type=appeal_type,
        category=_str(data, "category", 64, required=False),
        unit=_str(data, "unit", 64, required=False),
        set_name=_str(data, "set", MAX_NAME),
        source=_str(data, "source", 200, required=False),
    )


@dataclass
class ParsedScenarios:
    scenarios: list[tuple[int, Scenario]] = field(default_factory=list)  # (line, scenario)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def parse_jsonl(lines: Iterable[Line]) -> ParsedScenarios:
    """Every line checked; good ones kept, bad ones reported by number; blank lines skipped.
    Lines may come from jsonl.read_lines (numbered, the unreadable ones already refused)."""
    result = ParsedScenarios()
    seen: dict[str, int] = {}
    for number, line in numbered(lines):
        if isinstance(line, LineRejected):
            result.errors.append((number, line.message))
            continue
        if not line.strip():
            continue
        try:
            data = load_object(line)
        except ValueError as exc:
            result.errors.append((number, str(exc)))
            continue
        try:
            scenario = parse_scenario(data)
        except ScenarioInvalid as exc:
            result.errors.append((number, str(exc)))
            continue
        if scenario.id in seen:
            result.errors.append(
                (number, f"编号 {scenario.id} 与第 {seen[scenario.id]} 行重复 (duplicate id)")
            )
            continue
        seen[scenario.id] = number
        result.scenarios.append((number, scenario))
    return result


# ---- generation (app.models.drill_sources: from the calls answered with an article) -----


def generated_id(set_name: str, article_id: str, text: str) -> str:
    """Stable: generating the same set again finds the same scenarios (no duplicates)."""
    digest = hashlib.sha1(f"{set_name}\n{article_id}\n{text}".encode()).hexdigest()
    return f"g-{digest[:16]}"


@dataclass(frozen=True)
class Selection:
    """Which articles a generated set drills. Empty fields select everything."""

    categories: tuple[str, ...] = ()  # a code selects itself and its subcategories (prefix)
    units: tuple[str, ...] = ()
    changed_since: date | None = None  # articles created or changed on or after this day
    per_article: int = 2  # scenarios (different callers' words) taken for each article


def selects(selection: Selection, article: Article, today: date) -> bool:
    if article.is_expired(today):
        return False
    if selection.categories and not any(
        article.category.startswith(c) for c in selection.categories
    ):
        return False
    if selection.units and article.unit not in selection.units:
        return False
    if selection.changed_since is not None:
        changed = article.updated_at[:10]
        return bool(changed) and changed >= selection.changed_since.isoformat()
    return True


# ---- answers and attempts --------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What the operator picked, exactly as at a real intake."""

    article: str
    appeal_type: AppealType | None
    unit: str


@dataclass(frozen=True)
class Attempt:
    id: str
    user: str
    scenario_id: str
    set_name: str
    category: str
    text: str  # the scenario as it was asked (the trainer may edit it later)
    answered_at: datetime
    seconds: float
    article: str
    appeal_type: str
    unit: str
    expected_articles: tuple[str, ...]
    expected_type: str
    expected_unit: str
    article_ok: bool
    type_ok: bool
    unit_ok: bool

    @property
    def correct(self) -> bool:
        return self.article_ok and self.type_ok and self.unit_ok

    @property
    def parts_right(self) -> int:
        return int(self.article_ok) + int(self.type_ok) + int(self.unit_ok)


def grade(
    scenario: Scenario,
    answer: Answer,
    *,
    user: str,
    started: datetime,
    answered_at: datetime,
    make_id: Callable[[], str] = lambda: str(uuid.uuid4()),
) -> Attempt:
    """The attempt, each part marked right or wrong. A scenario without an expected unit
    accepts any unit (the trainer left it open)."""
    chosen_type = answer.appeal_type.value if answer.appeal_type is not None else ""
    return Attempt(
        id=make_id(),
        user=user,
        scenario_id=scenario.id,
        set_name=scenario.set_name,
        category=scenario.category,
        text=scenario.text,
        answered_at=answered_at,
        seconds=max(0.0, round((answered_at - started).total_seconds(), 1)),
        article=answer.article,
        appeal_type=chosen_type,
        unit=answer.unit,
        expected_articles=scenario.articles,
        expected_type=scenario.appeal_type.value,
        expected_unit=scenario.unit,
        article_ok=answer.article in scenario.articles,
        type_ok=chosen_type == scenario.appeal_type.value,
        unit_ok=not scenario.unit or answer.unit == scenario.unit,
    )


def attempt_to_payload(a: Attempt) -> dict[str, Any]:
    return {
        "scenario_id": a.scenario_id,
        "set": a.set_name,
        "category": a.category,
        "text": a.text,
        "seconds": a.seconds,
        "article": a.article,
        "appeal_type": a.appeal_type,
        "unit": a.unit,
        "expected_articles": list(a.expected_articles),
        "expected_type": a.expected_type,
        "expected_unit": a.expected_unit,
        "article_ok": a.article_ok,
        "type_ok": a.type_ok,
        "unit_ok": a.unit_ok,
    }


def attempt_from_event(event: Event) -> Attempt:
    p = event.payload
    return Attempt(
        id=event.id,
        user=event.actor,
        scenario_id=str(p["scenario_id"]),
        set_name=str(p.get("set", "")),
        category=str(p.get("category", "")),
        text=str(p.get("text", "")),
        answered_at=event.client_time,
        seconds=float(p.get("seconds", 0.0)),
        article=str(p.get("article", "")),
        appeal_type=str(p.get("appeal_type", "")),
        unit=str(p.get("unit", "")),
        expected_articles=tuple(str(x) for x in p.get("expected_articles", ())),
        expected_type=str(p.get("expected_type", "")),
        expected_unit=str(p.get("expected_unit", "")),
        article_ok=bool(p.get("article_ok", False)),
        type_ok=bool(p.get("type_ok", False)),
        unit_ok=bool(p.get("unit_ok", False)),
    )


def drill_order_id(scenario_id: str) -> str:
    """The event log is kept per order; a drill attempt is filed under its scenario."""
    return f"drill:{scenario_id}"


def attempt_event(attempt: Attempt, *, role: Role, device_id: str, unit: str = "") -> Event:
    """The append-only event that records an attempt; raises RuleViolation for a role that
    does not drill."""
    check(None, EventType.DRILL_ATTEMPT, role)
    payload = attempt_to_payload(attempt)
    check_payload(EventType.DRILL_ATTEMPT, payload)
    return Event(
        id=attempt.id,
        order_id=drill_order_id(attempt.scenario_id),
        type=EventType.DRILL_ATTEMPT,
        payload=payload,
        actor=attempt.user,
        device_id=device_id,
        client_time=attempt.answered_at,
        base_version=0,
        role=role.value,
        unit=unit,
    )


# ---- the schedule ----------------------------------------------------------------------

FAST_SECONDS = 15.0  # a right answer this quick is "easy"
SLOW_SECONDS = 45.0  # a right answer slower than this counts as weak ("hard")
RELEARN = timedelta(minutes=10)  # a miss comes back within the session
MIN_EASE = 1.3
START_EASE = 2.5
HARD_FACTOR = 1.2  # a slow success grows the interval by this, not by the ease
MASTERED = timedelta(days=21)


def quality(attempt: Attempt) -> int:
    """SM-2's 0–5: below 3 is a miss. Right but slow is 3, right 4, right and quick 5."""
    if not attempt.article_ok:
        return 1
    if not attempt.correct:
        return 2
    if attempt.seconds > SLOW_SECONDS:
        return 3
    if attempt.seconds <= FAST_SECONDS:
        return 5
    return 4


@dataclass(frozen=True)
class Card:
    """Where one scenario stands for one operator."""

    scenario_id: str
    due: datetime
    interval: timedelta = timedelta(0)
    ease: float = START_EASE
    streak: int = 0  # successes in a row
    lapses: int = 0
    reviews: int = 0
    last_quality: int = 0

    @property
    def mastered(self) -> bool:
        return self.interval >= MASTERED


def review(card: Card | None, scenario_id: str, q: int, now: datetime) -> Card:
    """The card after an answer of quality `q` at `now`."""
    if card is None:
        card = Card(scenario_id, due=now)
    ease = max(MIN_EASE, card.ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))
    if q < 3:
        interval = min(RELEARN, card.interval * 0.2) if card.interval > RELEARN else RELEARN
        return replace(
            card,
            due=now + interval,
            interval=interval,
            ease=ease,
            streak=0,
            lapses=card.lapses + 1,
            reviews=card.reviews + 1,
            last_quality=q,
        )
    streak = card.streak + 1
    if streak == 1:
        interval = timedelta(days=1) if q > 3 else timedelta(hours=12)
    elif streak == 2:
        interval = timedelta(days=4) if q > 3 else timedelta(days=2)
    else:
        base = max(card.interval, timedelta(days=1))
        interval = base * (HARD_FACTOR if q == 3 else ease * (1.3 if q == 5 else 1.0))
    return replace(
        card,
        due=now + interval,
        interval=interval,
        ease=ease,
        streak=streak,
        reviews=card.reviews + 1,
        last_quality=q,
    )


def cards_from(attempts: Iterable[Attempt]) -> dict[str, Card]:
    """One operator's schedule: the fold of their attempts in the order they were made."""
    cards: dict[str, Card] = {}
    for a in sorted(attempts, key=lambda a: (a.answered_at, a.id)):
        cards[a.scenario_id] = review(
            cards.get(a.scenario_id), a.scenario_id, quality(a), a.answered_at
        )
    return cards


def next_scenario(
    scenarios: Sequence[Scenario],
    cards: Mapping[str, Card],
    now: datetime,
    *,
    ahead: bool = False,
    skip: str = "",
) -> Scenario | None:
    """Due scenarios first (most overdue first), then new ones in the set's order; with
    `ahead`, the one due soonest when nothing is due. `skip` avoids repeating the scenario
    just answered while others are waiting, and its article too: a due or new scenario of
    another article comes before one of the same article."""
    just = next((s for s in scenarios if s.id == skip), None)
    avoid = set(just.articles) if just is not None else set()

    def fresh(s: Scenario) -> bool:
        return not avoid & set(s.articles)

    due = sorted(
        (s for s in scenarios if s.id in cards and cards[s.id].due <= now and s.id != skip),
        key=lambda s: (cards[s.id].due, s.id),
    )
    new = [s for s in scenarios if s.id not in cards]
    waiting = due + new
    if waiting:
        return next((s for s in waiting if fresh(s)), waiting[0])
    if skip and any(s.id == skip and cards[s.id].due <= now for s in scenarios):
        return next(s for s in scenarios if s.id == skip)
    if ahead and scenarios:
        return min(scenarios, key=lambda s: (cards[s.id].due, s.id))
    return None


@dataclass(frozen=True)
class Progress:
    total: int
    new: int
    due: int
    learning: int  # seen, not yet mastered
    mastered: int
    next_due: datetime | None


def progress(scenarios: Sequence[Scenario], cards: Mapping[str, Card], now: datetime) -> Progress:
    seen = [cards[s.id] for s in scenarios if s.id in cards]
    upcoming = [c.due for c in seen if c.due > now]
    return Progress(
        total=len(scenarios),
        new=len(scenarios) - len(seen),
        due=sum(1 for c in seen if c.due <= now),
        learning=sum(1 for c in seen if not c.mastered),
        mastered=sum(1 for c in seen if c.mastered),
        next_due=min(upcoming) if upcoming else None,
    )

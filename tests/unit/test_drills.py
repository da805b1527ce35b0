"""Drills: the scheduler with a fixed clock, grading, generation, the JSON Lines form."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from app.models.clock import CHINA
from app.models.drill_figures import figures, most_missed
from app.models.drill_sources import CallerWords, from_calls
from app.models.drills import (
    RELEARN,
    Answer,
    Attempt,
    Scenario,
    Selection,
    attempt_event,
    attempt_from_event,
    cards_from,
    grade,
    next_scenario,
    parse_jsonl,
    progress,
    quality,
    review,
    scenario_to_json,
)
from app.models.enums import AppealType, EventType, Role
from app.models.kb import Article
from app.models.projection import ProjectionError, apply
from app.models.rules import APPEND_ONLY, ORDERLESS, RuleViolation

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=CHINA)
WATER = Scenario("s1", "明天是不是要停水", ("kb-0001",), AppealType.ENQUIRY, "A0201", "gs", "水")
POWER = Scenario("s2", "家里突然停电了", ("kb-0003",), AppealType.HELP, "A0202", "gdj", "水")


class Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"a{self.n}"


def answer(
    scenario: Scenario,
    at: datetime,
    seconds: float,
    *,
    right: bool = True,
    user: str = "op",
    ids: Ids | None = None,
    unit: str | None = None,
) -> Attempt:
    chosen = Answer(
        scenario.articles[0] if right else "kb-9999",
        scenario.appeal_type,
        scenario.unit if unit is None else unit,
    )
    return grade(
        scenario,
        chosen,
        user=user,
        started=at - timedelta(seconds=seconds),
        answered_at=at,
        make_id=ids or Ids(),
    )


# ---- grading -----------------------------------------------------------------------------


def test_grade_marks_each_part_and_times_the_answer() -> None:
    a = grade(
        WATER,
        Answer("kb-0001", AppealType.COMPLAINT, "cgj"),
        user="op",
        started=T0,
        answered_at=T0 + timedelta(seconds=12.34),
        make_id=lambda: "x",
    )
    assert (a.article_ok, a.type_ok, a.unit_ok) == (True, False, False)
    assert a.parts_right == 1 and not a.correct
    assert a.seconds == 12.3
    assert (a.expected_type, a.expected_unit) == ("咨询", "gs")
    none_chosen = grade(WATER, Answer("", None, ""), user="op", started=T0, answered_at=T0)
    assert none_chosen.parts_right == 0


def test_quality_counts_slow_answers_as_weaker() -> None:
    assert quality(answer(WATER, T0, 5)) == 5
    assert quality(answer(WATER, T0, 30)) == 4
    assert quality(answer(WATER, T0, 90)) == 3
    assert quality(answer(WATER, T0, 5, unit="cgj")) == 2  # right article, wrong unit: a miss
    assert quality(answer(WATER, T0, 5, right=False)) == 1


# ---- the schedule ------------------------------------------------------------------------


def test_intervals_grow_on_success() -> None:
    card = None
    intervals = []
    now = T0
    for _ in range(5):
        card = review(card, "s1", 4, now)
        intervals.append(card.interval)
        now = card.due
    assert intervals == sorted(intervals) and len(set(intervals)) == 5
    assert intervals[0] == timedelta(days=1) and intervals[1] == timedelta(days=4)
    assert card is not None and card.mastered  # faded: weeks between reviews


def test_intervals_shrink_on_failure_and_the_miss_comes_back_within_the_session() -> None:
    card = None
    now = T0
    for _ in range(4):
        card = review(card, "s1", 4, now)
        now = card.due
    assert card is not None
    before = card.interval
    lapsed = review(card, "s1", 1, now)
    assert lapsed.interval < before and lapsed.interval <= RELEARN
    assert lapsed.due == now + lapsed.interval
    assert lapsed.streak == 0 and lapsed.lapses == 1 and lapsed.ease < card.ease
    fresh_miss = review(None, "s1", 1, T0)
    assert fresh_miss.due == T0 + RELEARN


def test_slow_answers_come_back_sooner_than_quick_ones() -> None:
    quick = slow = None
    now = T0
    for _ in range(4):
        quick = review(quick, "s", 5, now)
        slow = review(slow, "s", 3, now)
    assert quick is not None and slow is not None
    assert slow.interval < quick.interval
    assert slow.ease < quick.ease


def test_cards_fold_attempts_in_time_order() -> None:
    ids = Ids()
    late = answer(WATER, T0 + timedelta(days=1), 5, ids=ids)
    early = answer(WATER, T0, 5, right=False, ids=ids)
    cards = cards_from([late, early])
    assert cards["s1"].reviews == 2 and cards["s1"].lapses == 1 and cards["s1"].streak == 1


def test_next_scenario_due_first_then_new_then_nothing() -> None:
    ids = Ids()
    scenarios = [WATER, POWER]
    assert next_scenario(scenarios, {}, T0) == WATER
    cards = cards_from([answer(WATER, T0, 5, ids=ids)])
    assert next_scenario(scenarios, cards, T0) == POWER  # water is due tomorrow
    cards = cards_from([answer(WATER, T0, 5, ids=ids), answer(POWER, T0, 5, right=False, ids=ids)])
    assert next_scenario(scenarios, cards, T0) is None  # the miss waits 10 minutes
    assert next_scenario(scenarios, cards, T0, ahead=True) == POWER
    assert next_scenario(scenarios, cards, T0 + RELEARN) == POWER
    assert next_scenario(scenarios, cards, T0 + timedelta(days=1)) == POWER  # most overdue
    p = progress(scenarios, cards, T0)
    assert (p.total, p.new, p.due, p.learning, p.mastered) == (2, 0, 0, 2, 0)
    assert p.next_due == T0 + RELEARN


# ---- figures -----------------------------------------------------------------------------


def test_figures_and_most_missed() -> None:
    ids = Ids()
    attempts = [
        answer(WATER, T0, 10, user="a", ids=ids),
        answer(WATER, T0 + timedelta(minutes=1), 20, user="a", right=False, ids=ids),
        answer(WATER, T0 + timedelta(minutes=2), 40, user="a", right=False, ids=ids),
        answer(POWER, T0, 8, user="b", ids=ids),
    ]
    rows = figures(attempts)
    assert [(f.user, f.category, f.attempts, f.correct, f.median_seconds) for f in rows] == [
        ("a", "A0201", 3, 1, 20.0),
        ("b", "A0202", 1, 1, 8.0),
    ]
    missed = most_missed(attempts)
    assert [(m.scenario_id, m.misses, m.attempts, m.common_wrong) for m in missed] == [
        ("s1", 2, 3, "kb-9999")
    ]


# ---- generation and the file form --------------------------------------------------------


def article(aid: str, category: str, unit: str, updated: str, *questions: str) -> Article:
    return Article(
        aid,
        "标题" + aid,
        tuple(questions),
        "答复",
        category,
        unit,
        (),
        version=2,
        updated_at=updated,
    )


def call(order_id: str, aid: str, text: str, kind: str = "咨询") -> CallerWords:
    return CallerWords(order_id, aid, 1, text, AppealType(kind))


def test_generate_by_category_unit_and_recent_change() -> None:
    articles = [
        article("k1", "A0201", "gs", "2026-11-25T10:00:00+08:00", "我家冇水了", "停水到几点"),
        article("k2", "A0301", "cgj", "2026-10-01T10:00:00+08:00", "投诉烧烤摊油烟"),
        article("k3", "A0202", "gdj", "2026-11-26T10:00:00+08:00", "什么时候来电"),
    ]
    calls = [
        call("o1", "k1", "来电人反映小区从早上开始一直没有自来水，想知道几点恢复。", "求助"),
        call("o2", "k1", "来电人称家里水龙头一滴水都没有，楼上邻居也一样。", "求助"),
        call("o3", "k2", "来电人投诉楼下夜宵档油烟很大，熏得窗都不敢开。", "投诉"),
        call("o4", "k3", "来电人咨询整条街晚上黑灯了，供电什么时候能恢复。"),
    ]
    today = date(2026, 11, 27)
    by_category = from_calls(calls, articles, "水电", Selection(categories=("A02",)), today)
    assert [s.articles for s in by_category] == [("k1",), ("k3",), ("k1",)]  # interleaved
    assert by_category[0].appeal_type is AppealType.HELP and by_category[0].unit == "gs"
    assert by_category[0].source == "k1@v1" and by_category[0].set_name == "水电"
    by_unit = from_calls(calls, articles, "x", Selection(units=("cgj",)), today)
    assert [s.appeal_type for s in by_unit] == [AppealType.COMPLAINT]
    assert by_unit[0].text.startswith("我投诉楼下夜宵档")
    recent = from_calls(
        calls, articles, "x", Selection(changed_since=date(2026, 11, 20), per_article=1), today
    )
    assert [s.articles[0] for s in recent] == ["k3", "k1"]  # newest change first
    again = from_calls(calls, articles, "水电", Selection(categories=("A02",)), today)
    assert [s.id for s in again] == [s.id for s in by_category]  # stable ids


def test_jsonl_round_trip_and_errors_by_line() -> None:
    lines = [
        scenario_to_json(WATER),
        "",
        "{not json",
        json.dumps(
            {"set": "x", "id": "bad id", "text": "t", "articles": ["k"], "appeal_type": "咨询"}
        ),
        json.dumps({"set": "x", "id": "s9", "text": "t", "articles": [], "appeal_type": "咨询"}),
        json.dumps({"set": "x", "id": "s8", "text": "t", "articles": ["k"], "appeal_type": "闲聊"}),
        scenario_to_json(WATER),
    ]
    parsed = parse_jsonl(lines)
    assert [s for _, s in parsed.scenarios] == [WATER]
    assert [n for n, _ in parsed.errors] == [3, 4, 5, 6, 7]
    assert "articles" in parsed.errors[2][1] and "appeal_type" in parsed.errors[3][1]


# ---- the event ---------------------------------------------------------------------------


def test_attempt_event_is_append_only_orderless_and_round_trips() -> None:
    attempt = answer(WATER, T0, 12)
    event = attempt_event(attempt, role=Role.OPERATOR, device_id="dev")
    assert event.type is EventType.DRILL_ATTEMPT and event.order_id == "drill:s1"
    assert event.type in APPEND_ONLY and event.type in ORDERLESS
    assert attempt_from_event(event) == attempt
    with pytest.raises(ProjectionError):
        apply(None, event)
    with pytest.raises(RuleViolation):
        attempt_event(attempt, role=Role.UNIT, device_id="dev")

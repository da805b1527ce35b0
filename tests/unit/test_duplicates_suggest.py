"""Duplicate detection at intake and the dispatch suggestion, through the real store."""

from __future__ import annotations

from datetime import timedelta

from app.store.dispatch.suggest import DispatchSuggester
from app.store.orders.duplicates import DuplicateFinder, terms_of
from app.store.workspace import Workspace
from tests.support.builders import DISPATCHER, record
from tests.support.steps import Steps

NOISE = "小榄镇升平中路烧烤店夜间噪音扰民"


def finder(ws: Workspace) -> DuplicateFinder:
    return DuplicateFinder(ws.database)


def test_terms_are_distinct_bigrams_and_words() -> None:
    assert terms_of("噪音噪音 WiFi") == ["噪音", "音噪", "wifi"]


def test_same_place_and_similar_title_is_a_likely_duplicate(workspace: Workspace, clock) -> None:
    earlier = record(workspace, town="xiaolan", title=NOISE, phone="13911112222")
    record(workspace, town="xiaolan", title="咨询社保卡补办流程", phone="13911113333")
    record(workspace, town="shiqi", title=NOISE, phone="13911114444")  # another town
    found = finder(workspace).find(
        phone="13800009999", town="xiaolan", title="升平中路烧烤店噪音扰民", now=clock.now
    )
    assert [d.row.id for d in found] == [earlier.id]
    assert found[0].share >= 0.5 and not found[0].same_caller


def test_index_and_titles_agree(workspace: Workspace, clock) -> None:
    earlier = record(workspace, town="xiaolan", title=NOISE)
    record(workspace, town="xiaolan", title="咨询社保卡补办流程")
    for method in ("index", "titles"):
        found = finder(workspace).find(
            phone="", town="xiaolan", title="升平中路烧烤店噪音扰民", now=clock.now, method=method
        )
        assert [d.row.id for d in found] == [earlier.id], method


def test_same_caller_within_recent_days(workspace: Workspace, clock) -> None:
    recent = record(workspace, title="家中停水", phone="13922223333")
    record(
        workspace,
        title="家中停水",
        phone="13922223333",
        received_at=clock.now - timedelta(days=30),
    )
    found = finder(workspace).find(phone="13922223333", town="", title="", now=clock.now)
    assert [d.row.id for d in found] == [recent.id]
    assert found[0].same_caller


def test_old_or_closed_orders_are_not_similar_duplicates(workspace: Workspace, clock) -> None:
    record(workspace, town="xiaolan", title=NOISE, received_at=clock.now - timedelta(days=20))
    record(workspace, town="xiaolan", title=NOISE, direct="已答复")
    found = finder(workspace).find(phone="", town="xiaolan", title=NOISE, now=clock.now)
    assert found == []


def test_any_text_is_searched_as_plain_words(workspace: Workspace, clock) -> None:
    """Search syntax, emoji and a huge title find nothing they do not share, and around the
    earlier order's own words they do not stop it being found."""
    earlier = record(workspace, town="xiaolan", title=NOISE)
    for text in ('"', "*", "NEAR(", "😀", "噪" * 10_000, "AND OR NOT"):
        for method in ("index", "titles"):
            alone = finder(workspace).find(
                phone="", town="xiaolan", title=text, now=clock.now, method=method
            )
            assert alone == [], (text[:10], method)
            around = finder(workspace).find(
                phone="",
                town="xiaolan",
                title=f"{text[:8]}{NOISE}{text[:8]}",
                now=clock.now,
                method=method,
            )
            assert [d.row.id for d in around] == [earlier.id], (text[:10], method)


def test_catalogue_first_then_where_past_orders_went(workspace: Workspace, clock) -> None:
    suggester = DispatchSuggester(workspace.database, workspace.policy)
    first = suggester.suggest("A0201", "shiqi", clock.now)
    assert [(s.lead, s.source) for s in first] == [("gs", "catalogue")]
    assert first[0].assists == ("swj",)
    chain = Steps(workspace)
    for lead in ("swj", "swj", "gs"):
        order = record(workspace, category="A0201", town="shiqi")
        chain.dispatch(order.id, DISPATCHER, lead, [])
    suggestions = suggester.suggest("A0201", "shiqi", clock.now)
    assert [(s.lead, s.source, s.count) for s in suggestions] == [
        ("gs", "catalogue", 1),
        ("swj", "history", 2),
    ]


def test_suggestions_never_break_the_rules(workspace: Workspace, clock) -> None:
    suggester = DispatchSuggester(workspace.database, workspace.policy)
    assert not suggester.allowed_lead("cw_dongqu_kuchong", "A0102", "dongqu")
    assert not suggester.allowed_lead("town_xiaolan", "A0201", "xiaolan")
    assert suggester.allowed_lead("town_shiqi", "A0102", "shiqi")
    territorial = suggester.suggest("A0102", "shiqi", clock.now)
    assert territorial[0].lead == "town_shiqi"

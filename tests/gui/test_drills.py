"""Drills on screen: a whole session by keyboard through the real store and knowledge base,
the trainer's dashboard against the attempts recorded, set building, the item models."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models.drills import Scenario
from app.models.enums import AppealType
from app.models.operations import DirectAnswer
from app.store.drills.sets import DrillStore
from app.store.kb.articles import demo_articles_path
from app.views.drills.models import RowsModel
from app.views.drills.page import DrillPage
from app.views.drills.trainer import TrainerPage
from app.views.shell.main_window import MainWindow
from tests.support.builders import make_intake, operator
from tests.support.qt import type_chinese

WATER = Scenario(
    "s-water", "明天我们那边是不是要停水啊", ("kb-0001",), AppealType.ENQUIRY, "A0201", "gs", "水电"
)
POWER = Scenario(
    "s-power", "我们这栋楼全部黑晒，冇电", ("kb-0006",), AppealType.HELP, "A0202", "gdj", "水电"
)


@pytest.fixture
def drill_window(window: MainWindow, workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    workspace.knowledge().import_jsonl(demo_articles_path())
    DrillStore(workspace.database).save_scenarios([WATER, POWER])
    return window


def pick_article(qtbot, page: DrillPage, query: str, article_id: str) -> None:  # type: ignore[no-untyped-def]
    """Search as at intake, walk down the hits by keyboard, Enter on the article."""
    type_chinese(page.search.line, query)
    qtbot.waitUntil(lambda: page.search.hits.model_.rowCount() > 0, timeout=5000)
    model = page.search.hits.model_
    ids = [model.hit_at(i).id for i in range(model.rowCount())]
    assert article_id in ids, ids
    qtbot.keyClick(page.search.line, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.search.hits
    for _ in range(ids.index(article_id)):
        qtbot.keyClick(page.search.hits, Qt.Key.Key_Down)
    qtbot.keyClick(page.search.hits, Qt.Key.Key_Return)


def test_a_drill_session_by_keyboard(qtbot, drill_window: MainWindow, workspace, clock) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(drill_window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = drill_window.stack.currentWidget()
    assert isinstance(page, DrillPage)
    assert page.scenario == WATER and WATER.text in page.caller.text()
    assert QApplication.focusWidget() is page.search.line

    # 1. Right on every part, in 12 seconds.
    pick_article(qtbot, page, "停水通知", "kb-0001")
    assert page.chosen == "kb-0001" and QApplication.focusWidget() is page.appeal_type
    qtbot.keyClick(page.appeal_type, Qt.Key.Key_Down)
    assert page.appeal_type.currentData() == AppealType.ENQUIRY.value
    qtbot.keyClick(page.appeal_type, Qt.Key.Key_Tab)
    assert page.unit.hasFocus()
    type_chinese(page.unit.lineEdit(), "中山市供水有限公司")
    clock.now += timedelta(seconds=12)
    qtbot.keyClick(drill_window, Qt.Key.Key_F9)
    assert page.answered and page.feedback_box.isVisible()
    first = page.last
    assert first is not None and first.correct and first.seconds == 12
    assert "12 s" in page.feedback.text()
    assert page.clock_label.text() == "00:12"
    assert workspace.pending_count() == 1  # in the outbox, to sync like every other event

    # 2. The scheduler's next: the new scenario. Wrong article, no type, no unit.
    assert QApplication.focusWidget() is page.next_button
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert page.scenario == POWER and not page.feedback_box.isVisible()
    assert page.appeal_type.currentIndex() == -1 and page.chosen == ""
    pick_article(qtbot, page, "停水", "kb-0001")
    clock.now += timedelta(seconds=70)
    qtbot.keyClick(drill_window, Qt.Key.Key_F9)
    second = page.last
    assert second is not None and second.parts_right == 0
    shown = page.feedback.text()
    assert "0 of 3" in shown or "0/3" in shown or "3 项" in shown or "0" in shown
    assert "中山供电局" in shown  # the expected unit
    assert "slow" in shown or "较慢" in shown
    assert page.view.article is not None and page.view.article.id == "kb-0006"  # the answer

    # 3. Nothing due (the miss comes back in 10 minutes): F9 practises ahead.
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert page.scenario is None and not page.submit_button.isEnabled()
    qtbot.keyClick(drill_window, Qt.Key.Key_F9)
    assert page.scenario == POWER
    clock.now += timedelta(minutes=10)

    store = DrillStore(workspace.database)
    attempts = store.attempts("op-test")
    assert [a.id for a in attempts] == [first.id, second.id]
    assert workspace.pending_count() == 2

    # My progress shows the operator's own figures.
    page.tabs.setCurrentIndex(1)
    rows = page.progress_model.rows
    assert [(r[1], r[2]) for r in rows] == [(1, 1), (1, 0)]
    assert "2" in page.progress_summary.text()


def test_trainer_dashboard_matches_the_attempts(  # type: ignore[no-untyped-def]
    qtbot, drill_window: MainWindow, workspace, clock, tmp_path: Path
) -> None:
    page = drill_window.show_page("drills")
    assert isinstance(page, DrillPage)
    # The scheduler alternates (the scenario just answered waits while another is due).
    plan = {"s-water": [(True, 8), (False, 20), (True, 50)], "s-power": [(False, 30), (False, 12)]}
    order = []
    for _ in range(5):
        scenario = page.scenario
        assert scenario is not None
        ok, seconds = plan[scenario.id][order.count(scenario.id)]
        order.append(scenario.id)
        page.choose_article(scenario.articles[0] if ok else "kb-0100")
        page.appeal_type.setCurrentIndex(page.appeal_type.findData(scenario.appeal_type.value))
        page.unit.select_code(scenario.unit)
        clock.now += timedelta(seconds=seconds)
        assert page.submit() is not None
        clock.now += timedelta(days=30)  # everything due again
        page.next_item()
    assert order == ["s-water", "s-power", "s-water", "s-power", "s-water"]

    trainer = TrainerPage(drill_window.context)
    qtbot.addWidget(trainer)
    policy = workspace.policy
    assert trainer.figures_model.rows == [
        ("op-test", policy.category_path("A0201"), 3, 2, 2 / 3, 20.0),
        ("op-test", policy.category_path("A0202"), 2, 0, 0.0, 21.0),
    ]
    missed = trainer.missed_model.rows
    assert [(m[0], m[1], m[2], m[3], m[4]) for m in missed] == [
        (POWER.text, "水电", 2, 2, 1.0),
        (WATER.text, "水电", 1, 3, 1 / 3),
    ]
    wrong_title = workspace.knowledge().get("kb-0100").title
    assert all(m[5] == wrong_title for m in missed)
    assert "5" in trainer.totals.text()

    out = tmp_path / "drills.csv"
    assert trainer.export_csv(out) == 4
    with out.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[1][:4] == ["op-test", policy.category_path("A0201"), "3", "2"]
    assert table[1][4] == "67 %"


def test_building_a_set_from_recent_changes_keeps_edits(qtbot, workspace, clock, window) -> None:  # type: ignore[no-untyped-def]
    kb = workspace.knowledge()
    kb.import_jsonl(demo_articles_path())
    clock.now += timedelta(days=30)
    changed = kb.edit("kb-0006", answer=kb.get("kb-0006").answer + "（新规定）")
    answer = DirectAnswer("已告知抢修进度。", "kb-0006", changed.version)
    for content in (
        "来电人称整栋楼突然停电，电梯也停了，想知道几时恢复。",
        "来电人反映附近一片都黑晒，冰箱里的东西怕坏，问什么时候来电。",
        "来电人称整栋楼突然停电，电梯也停了，想知道几时恢复。",  # the same words again
    ):
        workspace.record_intake(
            make_intake(content=content, category="A0202"), operator(workspace), answer
        )
    trainer = TrainerPage(window.context)
    qtbot.addWidget(trainer)
    trainer.tabs.setCurrentIndex(1)
    trainer.set_name.setEditText("本周政策变化")
    trainer.days.setValue(7)
    trainer.per_article.setValue(2)
    assert trainer.generate() == 2
    rows = trainer.scenario_model.scenarios
    assert [s.articles for s in rows] == [("kb-0006",), ("kb-0006",)]
    assert rows[0].source == f"kb-0006@v{changed.version}"
    assert {s.text for s in rows} == {
        "我整栋楼突然停电，电梯也停了，想知道几时恢复。",
        "我附近一片都黑晒，冰箱里的东西怕坏，问什么时候来电。",
    }
    model = trainer.scenario_model
    assert model.setData(model.index(0, 0), "整栋楼突然停电，电梯都停了")
    again = DrillStore(workspace.database).scenarios("本周政策变化")
    assert again[0].text == "整栋楼突然停电，电梯都停了"
    assert trainer.generate() == 0  # regenerated: nothing new, the edit kept
    assert DrillStore(workspace.database).scenarios("本周政策变化")[0].text.startswith("整栋楼")


def test_drill_models_pass_the_model_tester(qtmodeltester, workspace, window) -> None:  # type: ignore[no-untyped-def]
    model = RowsModel(["a", "b", "c"], [None, lambda v: f"{v:.0%}", None])
    model.set_rows([("x", 0.5, 3), ("y", 1.0, 4)])
    qtmodeltester.check(model)
    workspace.knowledge().import_jsonl(demo_articles_path())
    DrillStore(workspace.database).save_scenarios([WATER, POWER])
    trainer = TrainerPage(window.context)
    trainer.set_name.setEditText("水电")
    assert trainer.scenario_model.rowCount() == 2
    qtmodeltester.check(trainer.scenario_model)
    qtmodeltester.check(trainer.figures_model)


def test_screens_follow_the_role(drill_window: MainWindow) -> None:
    items = {
        drill_window.nav.item(r).data(Qt.ItemDataRole.UserRole): drill_window.nav.item(r)
        for r in range(drill_window.nav.count())
    }
    assert not items["drills"].isHidden()
    assert items["drill_trainer"].isHidden()

"""Caller text is never read as markup: hostile markup typed into every field of an intake
and into notes and replies is shown as the characters typed on every screen that shows it,
checked on what is rendered (tests/gui/rendered.py), the PDF's extracted text included."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QTableView

from app.models.drills import Scenario
from app.models.enums import AppealType, AppellantKind, Role, Satisfaction
from app.models.kb import Article
from app.models.records import Appellant
from app.models.reports import Period, Scope
from app.store.drills.sets import DrillStore
from app.store.workspace import Workspace
from app.views.common.plain import fill, tip
from app.views.drills.page import DrillPage
from app.views.intake.extras import IntakeExtras
from app.views.reports.page import ReportOrdersDialog, ReportsPage
from tests.support.builders import make_intake, operator
from tests.support.clock import NOW
from tests.support.desk import Desk
from tests.support.pdf import pdf_text
from tests.support.qt import type_chinese
from tests.support.rendered import HOSTILE, SHORT, assert_as_typed, rendered, rendered_auto

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier

TITLE = "标题甲" + HOSTILE
CONTENT = "内容乙" + HOSTILE
ADDRESS = "地址丙" + HOSTILE
NAME = "姓名丁" + SHORT
COMPANY = "单位戊" + HOSTILE
DISPATCH_NOTE = "派单己" + HOSTILE
REPLY = "答复庚" + HOSTILE
FOLLOW_UP = "回访辛" + HOSTILE
TYPED = [TITLE, CONTENT, ADDRESS, NAME, COMPANY, DISPATCH_NOTE, REPLY, FOLLOW_UP]


def type_hostile_intake(qtbot, desk: Desk, phone: str = "13800001234") -> None:
    page = desk.window.intake
    qtbot.keyClicks(page.phone, phone)
    page.kind.setCurrentIndex(page.kind.findData(AppellantKind.COMPANY.value))
    for widget, text in (
        (page.name, NAME),
        (page.company, COMPANY),
        (page.address, ADDRESS),
        (page.title, TITLE),
        (page.content, CONTENT),
    ):
        widget.setFocus()
        type_chinese(widget, text)
    page.category.setCurrentIndex(1)
    page.town.setCurrentIndex(2)


def test_intake_screen_order_list_and_detail(qtbot, desk: Desk, workspace: Workspace) -> None:
    desk.act_as(Role.OPERATOR)
    window, page = desk.window, desk.window.intake
    type_hostile_intake(qtbot, desk)
    assert page.title.text() == TITLE  # typed, through the input method, as is
    order = page.save()
    assert order is not None and order.title == TITLE and order.appellant.name == NAME
    assert order.number in rendered_auto(page.banner.text()) or order.number in " ".join(
        rendered(page.banner)
    )

    # The same caller again: the history and the duplicates panel list the first order.
    extras = page.findChild(IntakeExtras)
    type_hostile_intake(qtbot, desk)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 1)
    qtbot.waitUntil(lambda: extras.model.rowCount() == 1, timeout=10_000)
    assert_as_typed(rendered(page), TYPED, shown=[TITLE])

    qtbot.keyClick(window, Qt.Key.Key_A, CTRL_SHIFT)  # attach: the dialog names the order
    assert extras.dialog is not None
    assert_as_typed(rendered(extras.dialog), TYPED, shown=[TITLE])
    extras.dialog.reject()

    qtbot.keyClick(window, Qt.Key.Key_F2)  # held: the list shows its first words
    assert page.held_box.list.count() == 1
    assert_as_typed(rendered(page), TYPED)

    orders = window.show_page("orders")
    qtbot.waitUntil(lambda: window.orders.model.rowCount() == 1, timeout=10_000)
    assert_as_typed(rendered(orders), TYPED, shown=[TITLE])

    detail = window.show_order(order.id)
    assert_as_typed(rendered(detail), TYPED, shown=[TITLE, CONTENT, ADDRESS, NAME, COMPANY])
    detail.close()


def test_work_screens_and_the_timeline(qtbot, desk: Desk, workspace: Workspace) -> None:
    order = workspace.record_intake(
        make_intake(
            appellant=Appellant("13800001234", NAME),
            title=TITLE,
            content=CONTENT,
            address=ADDRESS,
            received_at=NOW - timedelta(hours=2),
        ),
        operator(workspace),
    )
    chain = desk.chain
    dispatcher = desk.actor(Role.DISPATCHER)
    unit = desk.actor(Role.UNIT, "cgj")
    chain.dispatch(order.id, dispatcher, "cgj", [], DISPATCH_NOTE)
    chain.sign(order.id, unit)
    chain.reply(order.id, unit, text=REPLY, contacted=True, resolved=True)
    window = desk.window

    desk.act_as(Role.DISPATCHER)
    dispatch = window.show_page("dispatch")
    dispatch.tabs.setCurrentIndex(2)  # replies to review
    qtbot.waitUntil(lambda: dispatch.model.rowCount() == 1)
    dispatch.table.selectRow(0)
    assert_as_typed(rendered(dispatch), TYPED, shown=[TITLE, CONTENT, REPLY])
    qtbot.keyClick(dispatch.table, Qt.Key.Key_E, CTRL)  # review: the reply in the heading
    assert dispatch.dialog is not None
    assert_as_typed(rendered(dispatch.dialog), TYPED, shown=[TITLE, REPLY])
    dispatch.dialog.reject()

    chain.review(order.id, dispatcher, True, "")
    chain.close(order.id, dispatcher)
    desk.act_as(Role.OPERATOR)
    follow = window.show_page("follow_up")
    follow.refresh()
    qtbot.waitUntil(lambda: follow.model.rowCount() == 1)
    follow.table.selectRow(0)
    qtbot.keyClick(follow.table, Qt.Key.Key_R, CTRL)
    assert follow.dialog is not None
    assert_as_typed(rendered(follow.dialog), TYPED, shown=[TITLE, REPLY])
    follow.dialog.reject()
    chain.follow_up(
        order.id,
        desk.actor(Role.OPERATOR),
        reached=True,
        contacted=True,
        resolved=False,
        satisfaction=Satisfaction.UNSATISFIED,
        text=FOLLOW_UP,
    )

    desk.act_as(Role.UNIT, "cgj")  # reopened to the unit, with the follow-up's words
    unit_page = window.show_page("unit")
    unit_page.refresh()
    qtbot.waitUntil(lambda: unit_page.model.rowCount() == 1)
    unit_page.table.selectRow(0)
    assert_as_typed(rendered(unit_page), TYPED, shown=[TITLE, FOLLOW_UP])

    desk.act_as(Role.DISPATCHER)
    detail = window.show_order(order.id)
    assert_as_typed(rendered(detail), TYPED, shown=[DISPATCH_NOTE, REPLY, FOLLOW_UP])
    detail.close()


def test_knowledge_base_highlight_article_and_the_intake_answer(
    qtbot, window, workspace: Workspace
) -> None:
    article = workspace.knowledge().save(
        Article(
            "kb-hostile",
            "停水知识" + HOSTILE,
            ("停水问句" + HOSTILE,),
            "停水答复" + HOSTILE + "\n第二行",
            unit="gs",
        )
    )
    typed = [article.title, "停水问句" + HOSTILE, "停水答复" + HOSTILE]
    knowledge = window.show_page("knowledge")
    for query in ("停水", "font color"):  # the second one highlights inside the markup
        knowledge.search.line.setText(query)
        knowledge.search.search_now()
        qtbot.waitUntil(lambda: knowledge.search.hits.model_.rowCount() > 0, timeout=10_000)
        hit = knowledge.search.hits.model_.hit_at(0)
        assert hit.title_spans or hit.snippet_spans  # something is highlighted
        knowledge.show_article(hit.id)
        assert_as_typed(rendered(knowledge), typed, shown=[article.title, "停水答复" + HOSTILE])

    page = window.show_page("intake")
    page.use_article(article)
    assert page.answer.toPlainText() == article.answer
    assert_as_typed(rendered(page), typed, shown=[article.title])


def test_drill_scenario_words_and_the_feedback(qtbot, window, workspace: Workspace) -> None:
    words = "练习子" + HOSTILE
    article = workspace.knowledge().save(
        Article("kb-hostile", "停水知识" + HOSTILE, ("停水问句",), "停水答复" + HOSTILE, unit="gs")
    )
    DrillStore(workspace.database).save_scenarios(
        [Scenario("s-hostile", words, (article.id,), AppealType.ENQUIRY, "A0201", "gs", "套题")]
    )
    typed = [words, article.title, "停水答复" + HOSTILE]
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)
    page = window.stack.currentWidget()
    assert isinstance(page, DrillPage)
    assert_as_typed(rendered(page), typed, shown=[words])
    qtbot.keyClick(window, Qt.Key.Key_F9)  # answered with nothing picked: all shown wrong
    assert page.answered and page.feedback_box.isVisible()
    assert_as_typed(rendered(page), typed, shown=[words, article.title, "停水答复" + HOSTILE])


def test_reports_drill_down_and_pdf(qtbot, window, workspace: Workspace, tmp_path: Path) -> None:
    # No spaces or digits: a problem's address is shown with those folded away.
    address = "地址丙" + "<b>粗</b><script>alert(x)</script><img/src=x>&amp;"
    for hours in (3, 5, 7):  # one problem: repeated appeals about one address
        workspace.record_intake(
            make_intake(title=TITLE, address=address, received_at=NOW - timedelta(hours=hours)),
            operator(workspace),
        )
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    page.set_choice(Period.parse("2026-11"), Scope.parse("city"))
    with qtbot.waitSignal(page.report_ready, timeout=20_000):
        page.run_button.click()
    assert page.models["problems"].rowCount() >= 1
    assert_as_typed(rendered(page), [TITLE, address], shown=[address])

    dialogs: list[ReportOrdersDialog] = []
    original = page.show_orders

    def spy(title: str, selection: object) -> ReportOrdersDialog:
        dialogs.append(original(title, selection))  # type: ignore[arg-type]
        return dialogs[-1]

    page.show_orders = spy  # type: ignore[method-assign]
    page.open_row("problems", 0)
    qtbot.waitUntil(lambda: bool(dialogs) and dialogs[0].model.rowCount() == 3, timeout=10_000)
    assert_as_typed(rendered(dialogs[0]), [TITLE, address], shown=[TITLE])
    dialogs[0].close()

    text = "".join(pdf_text(page.export_pdf(tmp_path / "r.pdf")).split())
    assert "".join(address.split()) in text  # the characters, not a bold 粗 and no script
    assert "地址丙粗" not in text


def test_message_boxes_and_tooltips_show_characters(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("编号" + HOSTILE, True))
    seen: list[list[str]] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None
        seen.append(rendered(box))
        box.close()

    QTimer.singleShot(0, read_and_close)
    window.open_order_by_number()  # "No order … here." with what was typed
    assert seen
    assert_as_typed(seen[0], ["编号" + HOSTILE], shown=["编号" + HOSTILE])

    assert rendered_auto(tip(HOSTILE + "\n二")) == HOSTILE + "\n二"
    assert rendered_auto(fill("<b>%1</b>%2", HOSTILE, "%1")) == HOSTILE + "%1"


def test_status_bar_shows_the_user_and_the_servers_words_as_sent(qtbot) -> None:
    from app.views.shell.status_bar import DeskStatusBar, SyncSnapshot

    user, error = "用户丑" + SHORT, "错误寅" + HOSTILE
    bar = DeskStatusBar("W07", lambda: SyncSnapshot("offline", 0, "", user, "operator", error))
    qtbot.addWidget(bar)
    assert_as_typed(rendered(bar), [user, error], shown=[user, error])
    bar.timer.stop()


def test_report_charts_show_names_as_typed(qtbot) -> None:
    from PySide6.QtWidgets import QGraphicsTextItem

    from app.models.reports import MixRow
    from app.views.reports import charts

    names = ["名称卯" + HOSTILE, "名称辰" + SHORT]
    rows = [MixRow("a", 3, 0.6, 1), MixRow("b", 2, 0.4, 0)]
    for chart in (
        charts.pie_chart("标题巳" + HOSTILE, rows, names),
        charts.bar_chart("标题巳" + HOSTILE, rows, names, previous_name="上期午" + SHORT),
    ):
        view = charts.make_view(chart)
        qtbot.addWidget(view)
        view.resize(900, 600)
        view.show()
        qtbot.waitExposed(view)
        drawn = [
            item.toPlainText()
            for item in view.scene().items()
            if isinstance(item, QGraphicsTextItem)
        ]
        typed = [*names, "标题巳" + HOSTILE, "上期午" + SHORT]
        assert_as_typed(drawn, typed, shown=["标题巳" + HOSTILE])
        assert any(t.startswith("名称卯") for t in drawn)


def test_every_screen_of_every_role(qtbot, desk: Desk, workspace: Workspace) -> None:
    """A sweep: orders at every step, each demo user's every screen with its first row
    selected; whatever a screen (new ones included) shows of the typed text is as typed."""
    chain = desk.chain
    dispatcher, unit = desk.actor(Role.DISPATCHER), desk.actor(Role.UNIT, "cgj")
    orders = [
        workspace.record_intake(
            make_intake(
                appellant=Appellant(f"1380000{n:04d}", NAME, confidential=n == 2),
                title=TITLE,
                content=CONTENT,
                address=ADDRESS,
                received_at=NOW - timedelta(hours=n + 1),
            ),
            operator(workspace),
        )
        for n in range(4)
    ]
    for order in orders[1:]:
        chain.dispatch(order.id, dispatcher, "cgj", [], DISPATCH_NOTE)
        chain.sign(order.id, unit)
    for order in orders[2:]:
        chain.reply(order.id, unit, text=REPLY, contacted=True, resolved=True)
    chain.review(orders[3].id, dispatcher, True, "")
    chain.close(orders[3].id, dispatcher)
    window = desk.window
    seen: list[str] = []
    for actor in desk.identity.choices:
        desk.identity.switch(actor)
        for row in range(window.nav.count()):
            item = window.nav.item(row)
            if item.isHidden():
                continue
            page = window.show_page(item.data(Qt.ItemDataRole.UserRole))
            if callable(getattr(page, "refresh", None)) and not isinstance(page, ReportsPage):
                page.refresh()
            window.tasks.wait()
            QApplication.processEvents()
            for table in page.findChildren(QTableView):
                if table.model() is not None and table.model().rowCount() > 0:
                    table.selectRow(0)
            texts = rendered(window)
            assert_as_typed(texts, TYPED)
            seen.extend(texts)
    assert_as_typed(seen, TYPED, shown=[TITLE, CONTENT, REPLY])

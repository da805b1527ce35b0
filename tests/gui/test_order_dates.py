"""The order list's dates are Zhongshan's: just after 16:00 UTC it is already the next day
in China, and the list's 'today' is that day, whatever the workstation's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.models.clock import CHINA, china_today
from app.store.workspace import Workspace
from app.views.shell.main_window import MainWindow
from tests.support.builders import record
from tests.support.clock import FixedClock

JUST_AFTER_MIDNIGHT_IN_CHINA = datetime(2026, 11, 27, 16, 5, tzinfo=UTC)


def test_china_today_is_the_day_in_zhongshan() -> None:
    assert china_today(JUST_AFTER_MIDNIGHT_IN_CHINA) == date(2026, 11, 28)
    assert china_today(datetime(2026, 11, 27, 15, 59, tzinfo=UTC)) == date(2026, 11, 27)


def test_the_date_filter_is_china_time(
    qtbot, window: MainWindow, workspace: Workspace, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = JUST_AFTER_MIDNIGHT_IN_CHINA
    just_now = record(workspace, received_at=(clock.now - timedelta(minutes=3)).astimezone(CHINA))
    window.show_page("orders")
    page = window.orders
    page.refresh()
    assert page.date_to.date().toPython() == date(2026, 11, 28)
    assert page.date_from.date().toPython() == date(2026, 11, 28) - timedelta(days=90)
    page.use_dates.setChecked(True)
    assert [r.id for r in page.model.rows] == [just_now.id]
    page.date_from.setDate(page.date_to.date())  # today only: the call of 00:02 is today's
    assert [r.id for r in page.model.rows] == [just_now.id]

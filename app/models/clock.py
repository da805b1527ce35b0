"""Hotline time: the hotline works in China Standard Time, whatever the workstation says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")

Clock = Callable[[], datetime]


def china_now() -> datetime:
    return datetime.now(CHINA).replace(microsecond=0)


def china_today(now: datetime) -> date:
    """The date in Zhongshan at `now` (an aware time in any zone)."""
    return now.astimezone(CHINA).date()

"""Hotline time: the hotline works in China Standard Time, whatever the workstation says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")

Clock = Callable[[], datetime]


def china_now() -> datetime:
    return datetime.now(CHINA).replace(microsecond=0)

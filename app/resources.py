"""Where the shipped resources live (source tree, installed package, or frozen bundle)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def load_json(relative: str) -> Any:
    with (resources_dir() / relative).open(encoding="utf-8") as handle:
        return json.load(handle)


def _package_is_workday(day: date) -> bool:
    """chinesecalendar's answer, imported with the first deadline rather than at start-up."""
    from chinese_calendar import is_workday

    return bool(is_workday(day))


def load_policy() -> Any:
    """The city's policy data as shipped in resources/policy."""
    from app.models.policy import Policy

    catalogue_path = resources_dir() / "policy" / "dispatch_catalogue.json"
    return Policy.from_data(
        towns=load_json("policy/towns.json"),
        units=load_json("policy/units.json"),
        categories=load_json("policy/categories.json"),
        reply_limits=load_json("policy/reply_limits.json"),
        holidays=load_json("policy/holidays.json"),
        catalogue=load_json("policy/dispatch_catalogue.json") if catalogue_path.exists() else [],
        package_calendar=_package_is_workday,
    )


def kb_expiry_days() -> int:
    """How many days before its expiry an article appears in its unit's queue
    (resources/policy/kb_governance.json)."""
    return int(load_json("policy/kb_governance.json")["expiring_days"])

"""The reference data an intake is checked against: 镇街, units, categories."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.models.rules import UnitInfo


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    short: str
    kind: str  # 街道 or 镇


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # city_department, town_office, utility, community
    town: str | None
    assist_only: bool
    duties: tuple[str, ...] = ()

    def info(self) -> UnitInfo:
        return UnitInfo(
            self.code,
            assist_only=self.assist_only,
            grassroots=self.kind in ("town_office", "community"),
        )


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    parent: str | None
    path: str  # "城乡建设 / 物业管理"


def towns_from(data: Iterable[Mapping[str, Any]]) -> list[Town]:
    return [Town(d["code"], d["name"], d.get("short", d["name"]), d["kind"]) for d in data]


def units_from(data: Iterable[Mapping[str, Any]]) -> list[Unit]:
    return [
        Unit(
            d["code"],
            d["name"],
            d["kind"],
            d.get("town"),
            bool(d.get("assist_only", False)),
            tuple(d.get("duties", ())),
        )
        for d in data
    ]


def categories_from(tree: Iterable[Mapping[str, Any]]) -> list[Category]:
    result: list[Category] = []
    for group in tree:
        result.append(Category(group["code"], group["name"], None, group["name"]))
        for leaf in group.get("children", ()):
            path = f"{group['name']} / {leaf['name']}"
            result.append(Category(leaf["code"], leaf["name"], group["code"], path))
    return result

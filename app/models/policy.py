"""The city's policy data in one place: places, units, categories, limits, calendar."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.models.deadlines import PackageLookup, ReplyLimits, WorkCalendar
from app.models.places import (
    Category,
    Town,
    Unit,
    categories_from,
    towns_from,
    units_from,
)
from app.models.rules import UnitInfo


@dataclass(frozen=True)
class CatalogueEntry:
    category: str
    town: str | None
    lead: str
    assist: tuple[str, ...] = ()


def catalogue_from(data: Sequence[Mapping[str, Any]]) -> list[CatalogueEntry]:
    return [
        CatalogueEntry(c["category"], c.get("town"), c["lead"], tuple(c.get("assist", ())))
        for c in data
    ]


@dataclass
class Policy:
    towns: list[Town]
    units: list[Unit]
    categories: list[Category]
    limits: ReplyLimits
    calendar: WorkCalendar
    catalogue: list[CatalogueEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.town_by_code = {t.code: t for t in self.towns}
        self.unit_by_code = {u.code: u for u in self.units}
        self.category_by_code = {c.code: c for c in self.categories}
        self.town_codes = frozenset(self.town_by_code)
        self.category_codes = frozenset(self.category_by_code)
        self.catalogue_by_key = {(c.category, c.town): c for c in self.catalogue}

    @classmethod
    def from_data(
        cls,
        *,
        towns: Sequence[Mapping[str, Any]],
        units: Sequence[Mapping[str, Any]],
        categories: Sequence[Mapping[str, Any]],
        reply_limits: Mapping[str, Any],
        holidays: Mapping[str, Any],
        catalogue: Sequence[Mapping[str, Any]] = (),
        package_calendar: PackageLookup | None = None,
    ) -> Policy:
        return cls(
            towns=towns_from(towns),
            units=units_from(units),
            categories=categories_from(categories),
            limits=ReplyLimits.from_policy(reply_limits),
            calendar=WorkCalendar.from_policy(holidays, package_calendar),
            catalogue=catalogue_from(catalogue),
        )

    def unit_info(self, code: str) -> UnitInfo | None:
        unit = self.unit_by_code.get(code)
        return unit.info() if unit is not None else None

    def catalogue_entry(self, category: str, town: str) -> CatalogueEntry | None:
        """The catalogue's rule for category × 镇街, else its citywide rule."""
        return self.catalogue_by_key.get((category, town)) or self.catalogue_by_key.get(
            (category, None)
        )

    def functional_matter(self, category: str, town: str) -> bool:
        """True when the catalogue gives this matter to a functional department (not 镇街/村居)."""
        citywide = self.catalogue_by_key.get((category, None))
        if citywide is None:
            return False
        lead = self.unit_info(citywide.lead)
        if lead is None or lead.grassroots:
            return False
        local = self.catalogue_by_key.get((category, town))
        if local is not None:
            local_lead = self.unit_info(local.lead)
            if local_lead is not None and local_lead.grassroots:
                return False
        return True

    def town_name(self, code: str) -> str:
        town = self.town_by_code.get(code)
        return town.short if town else code

    def unit_name(self, code: str) -> str:
        unit = self.unit_by_code.get(code)
        return unit.name if unit else code

    def category_path(self, code: str) -> str:
        category = self.category_by_code.get(code)
        return category.path if category else code

    def leaf_categories(self) -> list[Category]:
        return [c for c in self.categories if c.parent is not None]

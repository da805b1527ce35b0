"""The people who call the demo hotline: mostly mobiles, some companies, a few regulars who
call again and again, the roads of their 镇街, the channel they use and how urgent it is."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from app.models.enums import AppealType, AppellantKind, Channel, Urgency
from app.models.policy import Policy
from app.models.records import Appellant
from app.store.demo.chain import Caller
from app.store.demo.data import MOBILE_PREFIXES, REPEAT_SHARE, DemoData

T = TypeVar("T")


class Callers:
    """Callers and addresses drawn from the generator's own seeded `rng` (the same draws,
    in the same order, as when they were the generator's methods)."""

    def __init__(self, rng: random.Random, data: DemoData, policy: Policy) -> None:
        self.rng = rng
        self.data = data
        self.policy = policy
        self.callers: list[Caller] = []
        self.regulars: list[Caller] = []

    def _pick(self, items: Sequence[T]) -> T:
        return items[int(self.rng.random() * len(items))]

    def phone(self, landline: bool) -> str:
        if landline:
            return "0760" + self._pick("8823") + f"{self.rng.randrange(10**7):07d}"
        return self._pick(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def caller(self, kind_of_appeal: AppealType) -> Appellant:
        rng = self.rng
        if self.regulars and rng.random() < REPEAT_SHARE:
            # Earlier regulars call more often: a few "老户" with many orders.
            index = int(len(self.regulars) * rng.random() ** 2)
            return self.regulars[index].appellant
        roll = rng.random()
        kind = (
            AppellantKind.COMPANY
            if roll < 0.06
            else AppellantKind.ORGANISATION
            if roll < 0.07
            else AppellantKind.PERSON
        )
        company = self._pick(self.data.companies) if kind is not AppellantKind.PERSON else ""
        gender = "男" if rng.random() < 0.52 else "女"
        surname = self._pick(self.data.surnames)
        if rng.random() < 0.35:
            name = surname + ("先生" if gender == "男" else "女士")
        else:
            name = surname + self._pick(self.data.given)
        confidential_odds = {AppealType.REPORT: 0.6, AppealType.COMPLAINT: 0.15}
        appellant = Appellant(
            phone=self.phone(landline=rng.random() < (0.5 if company else 0.06)),
            name=name,
            kind=kind,
            company=company,
            gender=gender,
            confidential=rng.random() < confidential_odds.get(kind_of_appeal, 0.02),
        )
        caller = Caller(appellant)
        self.callers.append(caller)
        if rng.random() < 0.12:
            self.regulars.append(caller)
        return appellant

    def address(self, town: str) -> str:
        short = self.policy.town_name(town)
        roads = self.data.addresses.get(town)
        road = self._pick(roads) if roads else self._pick(("中山路", "民族路", "兴中道", "康华路"))
        if road.startswith(short):
            short = ""
        return f"{short}{road}{self.rng.randrange(1, 300)}号"

    def channel(self, appellant: Appellant) -> Channel:
        if appellant.kind is not AppellantKind.PERSON and self.rng.random() < 0.5:
            return Channel.BUSINESS_LINE
        roll = self.rng.random()
        for limit, channel in (
            (0.82, Channel.PHONE),
            (0.91, Channel.APP),
            (0.96, Channel.WEB),
            (0.995, Channel.OTHER),
        ):
            if roll < limit:
                return channel
        return Channel.LEADER_LINE

    def urgency(self, kind: AppealType) -> Urgency:
        roll = self.rng.random()
        urgent = 0.08 if kind is AppealType.HELP else 0.02
        if roll < 0.004 and kind is AppealType.HELP:
            return Urgency.CRITICAL
        return Urgency.URGENT if roll < urgent else Urgency.NORMAL

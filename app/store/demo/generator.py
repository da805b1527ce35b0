"""Demo data: a workspace full of realistic orders, so every screen has something to show.

`seed_demo` fills an EMPTY workspace with orders received over the last `days` days
(relative to the workspace clock). Every order is produced by the real domain code: the
intake through `operations.intake_events`, every later step through `operations.order_event`
(so the rules of `app.models.rules` are checked for each one, including the dispatch
catalogue and the assist-only units), folded with `projection.apply`, and written with
`EventLog.append_local`, i.e. events, projection and full-text index exactly as a live
action writes them.

The mix follows docs/domain.md#appeal-types-and-reply-limits: appeal types as in a real
city (咨询 63.7 %, 求助 29.0 %, …),
about 86 % of enquiries answered on the call from the knowledge base, the rest walked
along the chain (dispatch to the catalogue's lead unit for category × 镇街, sign, some
returns and extension requests with their rulings, reply, review, close, follow-up with
satisfaction, some reopened), older orders further along, a few overdue ones still open and
a few supervised. Callers are mostly mobiles, about 15 % of orders come from repeat callers.

Demo events are not this workstation's work
-------------------------------------------
They were "recorded" by twelve imaginary workstations (stations W01…W12, device ids
``demo-W01`` …), the hotline centre (``demo-centre``) and the handling units
(``demo-unit-<code>``), see `DEMO_DEVICE_PREFIX`. They are written with
``origin='local'`` and ``server_seq`` NULL, because no central store has ever seen them,
but their outbox rows are removed in the same transaction that writes them: demo data
must never be pushed to a real server, and the status bar must not show thousands of
"unsent" events. The meta key ``demo_seeded`` records that the workspace holds demo data
(seed, count, period, time) so a sync client can refuse to pair a demo workspace with a
real server, and `is_empty` tells the ``--demo`` start-up whether to seed at all.

Writing happens in one transaction per `BATCH` orders (append_local joins the outer
transaction), so 3,000 orders take a few seconds and a crash leaves whole batches.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import json
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from app.models.checks import check_content, deadline_fields, expected_deadline
from app.models.deadlines import Deadline, WorkCalendar, reply_deadline
from app.models.enums import (
    AppealType,
    AppellantKind,
    Channel,
    EventType,
    ReturnReason,
    Role,
    Satisfaction,
    Status,
    TransferTarget,
    Urgency,
)
from app.models.numbering import order_number
from app.models.operations import Actor, DirectAnswer, intake_events, order_event
from app.models.policy import Policy
from app.models.projection import apply
from app.models.records import Appellant, Event, Intake, Order
from app.models.rules import allowed_events
from app.models.validation import validate_intake
from app.resources import resources_dir
from app.store.demo.marker import META_KEY
from app.store.workspace import Workspace

Progress = Callable[[int, int], None]
T = TypeVar("T")

BATCH = 500
DEMO_DEVICE_PREFIX = "demo-"
CENTRE_DEVICE = "demo-centre"

# The type mix of a real city (docs/domain.md#appeal-types-and-reply-limits).
TYPE_MIX: Mapping[AppealType, float] = {
    AppealType.ENQUIRY: 63.7,
    AppealType.HELP: 29.0,
    AppealType.COMPLAINT: 1.0,
    AppealType.SUGGESTION: 0.6,
    AppealType.REPORT: 0.5,
    AppealType.PRAISE: 0.2,
    AppealType.OTHER: 5.0,
}
DIRECT_SHARE = 0.86  # of enquiries, answered on the call
REPEAT_SHARE = 0.15  # of orders, from a caller who called before

# Rough weight of each 镇街 in the call volume (population); unknown codes weigh 1.
TOWN_WEIGHTS: Mapping[str, float] = {
    "xiaolan": 3.0,
    "shiqi": 2.5,
    "dongqu": 2.5,
    "zhongshangang": 2.5,
    "guzhen": 2.0,
    "tanzhou": 2.0,
    "sanxiang": 2.0,
    "xiqu": 1.8,
    "shaxi": 1.5,
    "henglan": 1.3,
    "dongfeng": 1.3,
    "nanqu": 1.2,
    "huangpu": 1.2,
    "nanlang": 1.2,
    "minzhong": 1.2,
}
# fmt: off
# Calls by hour of day: a 7×24 line, busiest in office hours.
HOUR_WEIGHTS = (
    0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.4, 1.0, 2.6, 4.0, 4.4, 4.0,
    3.0, 2.4, 3.6, 4.0, 3.8, 3.2, 2.4, 2.2, 2.0, 1.6, 1.0, 0.6,
)
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177",
    "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
)
SURNAMES = ("陈", "黄", "李", "梁", "林", "张", "刘", "吴", "何", "罗", "郑", "杨", "冯", "谭")
GIVEN = ("伟", "芳", "志强", "秀英", "嘉欣", "俊杰", "丽华", "建华", "晓东", "美玲", "家豪")
# fmt: on
REPLIES = (
    "经核实，已安排工作人员到现场处理，问题已解决，并已电话告知市民。",
    "已联系市民说明有关政策及办理流程，市民表示理解。",
    "经现场核查，情况属实，已责令相关责任方限期整改，我单位将跟踪落实。",
    "已与市民沟通，相关问题已纳入近期工作计划，将尽快处理到位。",
    "经调查，市民反映的问题涉及历史遗留问题，已做好解释工作并提出处理建议。",
)
REVIEW_REJECTIONS = ("答复未说明处理结果，请补充。", "未联系诉求人，请联系后重新答复。")


@dataclass(frozen=True)
class Odds:
    """How often the chain takes its rarer turns (the defaults are the city's mix). A test
    raises them to walk every turn, and every turn after a reopening, many times over."""

    merge: float = 0.08  # a repeat complaint or help call within 5 days, merged
    return_request: float = 0.07  # the unit asks to send the order back
    late: float = 0.12  # the reply comes after the deadline
    extension: float = 0.45  # of late replies to normal orders: an extension asked first
    unreasonable: float = 0.01  # otherwise: 不合理诉求 asked
    supervise: float = 0.45  # of replies past the deadline: supervised (督办) first
    resolved: float = 0.85  # the reply says the matter is resolved
    review_approved: float = 0.94
    reopen: float = 0.6  # of follow-ups that leave the caller unsatisfied


@dataclass
class Template:
    type: AppealType
    category: str
    title: str
    content: str
    kb: str = ""
    answer: str = ""


@dataclass
class DemoData:
    """The demo resources: order templates, roads by 镇街, names."""

    templates: dict[AppealType, list[Template]]
    addresses: dict[str, list[str]]
    surnames: list[str]
    given: list[str]
    companies: list[str]


def _read_json(relative: str) -> Any:
    path = resources_dir() / relative
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None  # a file being written right now: fall back for this run


def load_demo_data(policy: Policy) -> DemoData:
    """Read resources/demo/*.json; anything missing falls back to plain generated text."""
    templates: dict[AppealType, list[Template]] = {t: [] for t in AppealType}
    for raw in _read_json("demo/order_templates.json") or []:
        try:
            kind = AppealType(raw["type"])
            item = Template(
                kind,
                str(raw.get("category") or ""),
                str(raw["title"]),
                str(raw["content"]),
                str(raw.get("kb") or ""),
                str(raw.get("answer") or ""),
            )
        except (KeyError, ValueError, TypeError):
            continue
        if item.category and item.category not in policy.category_by_code:
            item.category = ""
        templates[kind].append(item)
    leaves = policy.leaf_categories()
    for kind, items in templates.items():
        if not items:
            items.extend(
                Template(
                    kind,
                    c.code,
                    f"{c.name}{kind.value}",
                    f"市民来电{kind.value}，涉及{c.name}，地点：{{addr}}。请相关单位处理并答复。",
                    answer="已按相关规定向市民解释说明。",
                )
                for c in leaves
            )
    raw_addresses = _read_json("demo/addresses.json") or {}
    addresses = {
        str(k): [str(r) for r in v if r]
        for k, v in raw_addresses.items()
        if isinstance(v, list) and k in policy.town_by_code
    }
    names = _read_json("demo/names.json") or {}
    return DemoData(
        templates=templates,
        addresses=addresses,
        surnames=[str(s) for s in names.get("surnames") or SURNAMES],
        given=[str(g) for g in names.get("given") or GIVEN],
        companies=[str(c) for c in names.get("companies") or ["中山市某某有限公司"]],
    )


def is_empty(workspace: Workspace) -> bool:
    """True when the workspace holds no event and no order (the --demo start-up check)."""
    return not workspace.database.scalar(
        "SELECT EXISTS(SELECT 1 FROM events) OR EXISTS(SELECT 1 FROM orders)"
    )


def seed_demo(
    workspace: Workspace,
    *,
    orders: int = 3000,
    days: int = 90,
    seed: int = 12345,
    progress: Progress | None = None,
) -> int:
    """Fill an empty workspace with `orders` demo orders; returns how many were written.

    A workspace that already holds anything is left alone and 0 is returned. The same
    seed and clock give the same orders, ids and events.
    """
    if orders <= 0 or not is_empty(workspace):
        return 0
    if not 1 <= days <= 365:
        raise ValueError("days must be between 1 and 365")
    now = workspace.clock()
    generator = DemoGenerator(
        workspace.policy,
        now,
        seed=seed,
        days=days,
        skip_station=workspace.station,
    )
    database = workspace.database
    done = 0
    if progress:
        progress(0, orders)
    stream = generator.orders(orders)
    while done < orders:
        with database.transaction() as conn:
            first = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0]
            for events, _ in _take(stream, min(BATCH, orders - done)):
                workspace.events.append_local(events)
                done += 1
            # Demo events are nobody's unsent work: see the module docstring.
            conn.execute("DELETE FROM outbox WHERE event_seq > ?", (first,))
            if done == orders:
                info = {"seed": seed, "orders": orders, "days": days, "at": now.isoformat()}
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (META_KEY, json.dumps(info)),
                )
        if progress:
            progress(done, orders)
    _import_kb(workspace)
    return done


def _import_kb(workspace: Workspace) -> None:
    """The demo knowledge base (kb.articles.seed_demo), so direct answers have articles."""
    try:
        kb = importlib.import_module("app.store.kb.articles")
    except ImportError:  # the knowledge base is not part of this build
        return
    importer = getattr(kb, "seed_demo", None)
    if callable(importer):
        importer(workspace.database, clock=workspace.clock)


def _take(stream: Iterator[Any], n: int) -> Iterator[Any]:
    for _ in range(n):
        yield next(stream)


_UUID4_BITS = (0x4000 << 64) | (0x8 << 60)  # version 4, RFC 4122 variant


class _Stop(Exception):
    """The next step of the chain lies in the future: the order stays where it is."""


@dataclass
class _Caller:
    appellant: Appellant


@dataclass
class _Chain:
    """One order walked along the chain, event by event, with the real rules.

    Every step is checked as a workstation's Workspace.act and the central store check it
    (rules.check with the unit list and the catalogue, then checks.check_content), so a
    step the rules refuse is a bug here and raises RuleViolation. Optional steps ask
    `may` first, and the deadlines a step sets come from `deadline`, the same rules."""

    generator: DemoGenerator
    order: Order
    events: list[Event]
    at: datetime

    def when(self, at: datetime) -> datetime:
        """The time a step planned for `at` happens (never before the last one); _Stop when
        that lies in the future."""
        at = max(at, self.at).replace(microsecond=0)
        if at > self.generator.now:
            raise _Stop
        return at

    def may(self, kind: EventType, actor: Actor) -> bool:
        """Whether the rules let `actor` take this step on the order as it stands."""
        policy = self.generator.policy
        allowed = allowed_events(
            self.order, actor.role, actor_unit=actor.unit, units=policy.unit_info
        )
        return kind in allowed

    def deadline(self, kind: EventType, at: datetime, **payload: Any) -> dict[str, str]:
        """The deadline fields of a step that sets one, as checks.check_deadline expects them."""
        policy = self.generator.policy
        due: Deadline | None = expected_deadline(
            self.order, kind, payload, at, policy.limits, self.generator.calendar
        )
        assert due is not None
        return deadline_fields(kind, due)

    def emit(self, kind: EventType, payload: Mapping[str, Any], actor: Actor, at: datetime) -> None:
        at = self.when(at)
        policy = self.generator.policy
        event = order_event(
            self.order,
            kind,
            payload,
            actor=actor,
            now=at,
            units=policy.unit_info,
            functional=policy.functional_matter,
            make_id=self.generator.new_id,
        )
        check_content(self.order, kind, event.payload, at, policy)
        self.order = apply(self.order, event)
        self.events.append(event)
        self.at = at


class DemoGenerator:
    """Realistic orders as the events that make them, oldest first. Deterministic per seed.

    The store benchmark uses it too, for its million orders.
    """

    def __init__(
        self,
        policy: Policy,
        now: datetime,
        *,
        seed: int = 12345,
        days: int = 90,
        skip_station: str = "",
        stations: Sequence[str] = (),
        data: DemoData | None = None,
        odds: Odds = Odds(),
    ) -> None:
        self.policy = policy
        self.odds = odds
        self.now = now.replace(microsecond=0)
        self.days = days
        self.rng = random.Random(seed)
        self.data = data or load_demo_data(policy)
        # Same answers as the policy calendar; each day is looked up once.
        base = policy.calendar
        package = functools.cache(base.package) if base.package else None
        self.calendar = WorkCalendar(overrides=base.overrides, package=package)
        self._workday = functools.cache(lambda d: self.calendar.is_workday(d)[0])
        self.known_towns = set(policy.town_by_code)
        self.towns = [t.code for t in policy.towns]
        self.town_weights = [TOWN_WEIGHTS.get(t, 1.0) for t in self.towns]
        if not stations:  # twelve workstations, never this one
            codes = (f"W{i:02d}" for i in range(1, 14))
            stations = [code for code in codes if code != skip_station][:12]
        self.operators = [
            Actor(f"gh10{i + 1:02d}", Role.OPERATOR, DEMO_DEVICE_PREFIX + s)
            for i, s in enumerate(stations)
        ]
        self.stations = {a.user: s for a, s in zip(self.operators, stations, strict=True)}
        self.dispatchers = [
            Actor(f"pd20{i:02d}", Role.DISPATCHER, CENTRE_DEVICE) for i in (1, 2, 3)
        ]
        self.follow_up_desk = self.operators[:4]
        self.catalogue = {(c.category, c.town): c for c in policy.catalogue}
        self.leads = [u.code for u in policy.units if not u.assist_only]
        self.grassroots = {u.code: u.info().grassroots for u in policy.units}
        self.callers: list[_Caller] = []
        self.regulars: list[_Caller] = []
        self.sequences: dict[tuple[date, str], int] = {}
        self.open_by_place: dict[tuple[str, str], tuple[str, datetime]] = {}

    # ---------------------------------------------------------------- plumbing
    def new_id(self) -> str:
        """A random (version 4) UUID drawn from the seeded generator."""
        value = (self.rng.getrandbits(128) & ~(0xF000 << 64) & ~(0xC << 60)) | _UUID4_BITS
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def _unit_actor(self, code: str) -> Actor:
        return Actor(f"dw-{code}", Role.UNIT, DEMO_DEVICE_PREFIX + "unit-" + code, unit=code)

    def _pick(self, items: Sequence[T]) -> T:
        return items[int(self.rng.random() * len(items))]

    def _hours(self, low: float, high: float) -> timedelta:
        return timedelta(seconds=int(self.rng.uniform(low, high) * 3600))

    def _office(self, at: datetime) -> datetime:
        """The same moment if within office hours on a working day, else the next opening."""
        day = at.date()
        opening = time(8, 30)
        if self._workday(day) and opening <= at.time() <= time(17, 30):
            return at
        if self._workday(day) and at.time() < opening:
            start = datetime.combine(day, opening, tzinfo=at.tzinfo)
        else:
            day += timedelta(days=1)
            while not self._workday(day):
                day += timedelta(days=1)
            start = datetime.combine(day, opening, tzinfo=at.tzinfo)
        return start + self._hours(0, 2.5)

    def _work(self, chain: _Chain, at: datetime) -> datetime:
        """When a unit acts: office hours, except on urgent orders."""
        return at if chain.order.urgency is not Urgency.NORMAL else self._office(at)

    # ------------------------------------------------------------ the intake
    def _received_times(self, count: int) -> list[datetime]:
        start = (self.now - timedelta(days=self.days)).date()
        days = [start + timedelta(days=i) for i in range(self.days + 1)]
        weights = []
        for i, day in enumerate(days):
            weight = 1.0 if self._workday(day) else 0.65
            weights.append(weight * (0.9 + 0.2 * i / len(days)))  # a slowly growing line
        day_totals = list(itertools.accumulate(weights))
        hours = list(range(24))
        hour_totals = list(itertools.accumulate(HOUR_WEIGHTS))
        result: list[datetime] = []
        latest = self.now - timedelta(minutes=2)
        earliest = self.now - timedelta(days=self.days)
        choices = self.rng.choices
        while len(result) < count:
            day = choices(days, cum_weights=day_totals)[0]
            hour = choices(hours, cum_weights=hour_totals)[0]
            at = datetime.combine(day, time(hour), tzinfo=self.now.tzinfo) + timedelta(
                seconds=self.rng.randrange(3600)
            )
            if earliest <= at <= latest:
                result.append(at)
        result.sort()
        return result

    def _phone(self, landline: bool) -> str:
        if landline:
            return "0760" + self._pick("8823") + f"{self.rng.randrange(10**7):07d}"
        return self._pick(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def _caller(self, kind_of_appeal: AppealType) -> Appellant:
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
            phone=self._phone(landline=rng.random() < (0.5 if company else 0.06)),
            name=name,
            kind=kind,
            company=company,
            gender=gender,
            confidential=rng.random() < confidential_odds.get(kind_of_appeal, 0.02),
        )
        caller = _Caller(appellant)
        self.callers.append(caller)
        if rng.random() < 0.12:
            self.regulars.append(caller)
        return appellant

    def _address(self, town: str) -> str:
        short = self.policy.town_name(town)
        roads = self.data.addresses.get(town)
        road = self._pick(roads) if roads else self._pick(("中山路", "民族路", "兴中道", "康华路"))
        if road.startswith(short):
            short = ""
        return f"{short}{road}{self.rng.randrange(1, 300)}号"

    def _channel(self, appellant: Appellant) -> Channel:
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

    def _urgency(self, kind: AppealType) -> Urgency:
        roll = self.rng.random()
        urgent = 0.08 if kind is AppealType.HELP else 0.02
        if roll < 0.004 and kind is AppealType.HELP:
            return Urgency.CRITICAL
        return Urgency.URGENT if roll < urgent else Urgency.NORMAL

    def _lead(self, category: str, town: str) -> tuple[str, list[str]]:
        entry = self.catalogue.get((category, town)) or self.catalogue.get((category, None))
        if entry is not None and self.policy.unit_info(entry.lead) is not None:
            assists = [a for a in entry.assist if self.policy.unit_info(a) is not None]
            return entry.lead, assists
        for unit in self.policy.units:
            if category in unit.duties and not unit.assist_only:
                return unit.code, []
        office = f"town_{town}"
        return (office if self.policy.unit_info(office) else self.leads[0]), []

    # -------------------------------------------------------------- the chain
    def orders(self, count: int) -> Iterator[tuple[list[Event], Order]]:
        """`count` orders, oldest first: (the events of each, the order they make)."""
        kinds = list(TYPE_MIX)
        weights = list(TYPE_MIX.values())
        for received in self._received_times(count):
            yield self._one(received, self.rng.choices(kinds, weights)[0])

    def intake(
        self, received: datetime, kind: AppealType
    ) -> tuple[Intake, DirectAnswer | None, Actor]:
        """One realistic intake: what the operator types, the direct answer if any, who."""
        rng = self.rng
        template: Template = self._pick(self.data.templates[kind])
        town = self.rng.choices(self.towns, self.town_weights)[0]
        address = self._address(town)
        appellant = self._caller(kind)
        category = template.category or self._pick(self.policy.leaf_categories()).code
        party = ""
        if kind in (AppealType.COMPLAINT, AppealType.REPORT) and rng.random() < 0.6:
            party = self._pick(self.data.companies)
        intake = Intake(
            appellant=appellant,
            appeal_type=kind,
            urgency=self._urgency(kind),
            channel=self._channel(appellant),
            category=category,
            town=town,
            address=address,
            title=template.title.replace("{addr}", address)[:100],
            content=template.content.replace("{addr}", address)[:4000],
            received_at=received,
            party_complained=party,
        )
        errors = validate_intake(intake, self.now, self.known_towns)
        if errors:  # a bug in the generator or the demo files, never the operator's fault
            raise ValueError(f"demo intake invalid: {errors}")
        operator: Actor = self._pick(self.operators)
        direct = None
        if kind is AppealType.ENQUIRY and rng.random() < DIRECT_SHARE:
            direct = DirectAnswer(template.answer or "已按知识库口径答复市民。", template.kb, 1)
        return intake, direct, operator

    def _one(self, received: datetime, kind: AppealType) -> tuple[list[Event], Order]:
        intake, direct, operator = self.intake(received, kind)
        station = self.stations[operator.user]
        key = (received.date(), station)
        self.sequences[key] = self.sequences.get(key, 0) + 1
        number = order_number(received.date(), station, self.sequences[key])
        deadline = reply_deadline(received, kind, intake.urgency, self.policy.limits, self.calendar)
        recorded = min(received + timedelta(seconds=self.rng.randrange(90, 420)), self.now)
        events = intake_events(
            intake,
            actor=operator,
            number=number,
            deadline=deadline,
            now=recorded,
            direct_answer=direct,
            make_id=self.new_id,
        )
        order: Order | None = None
        for event in events:  # checked as Workspace.record_intake and the store check it
            check_content(None, event.type, event.payload, event.client_time, self.policy)
            order = apply(order, event)
        assert order is not None
        chain = _Chain(self, order, events, recorded)
        try:
            if direct is not None:
                self._direct_follow_up(chain)
            else:
                self._walk(chain, operator)
        except _Stop:
            pass
        return chain.events, chain.order

    def _direct_follow_up(self, chain: _Chain) -> None:
        """Some direct answers get a satisfaction call too."""
        if self.rng.random() < 0.25:
            at = chain.at + self._hours(20, 72)
            self._follow_up(chain, self._office(at), final=True)

    def _walk(self, chain: _Chain, operator: Actor) -> None:
        rng = self.rng
        order = chain.order
        kind = order.appeal_type
        transfer_odds = {AppealType.OTHER: 0.3, AppealType.HELP: 0.01}
        if rng.random() < transfer_odds.get(kind, 0.0):
            target = rng.choices(list(TransferTarget), weights=(10, 2, 5, 8, 50, 25))[0]
            payload = {"target": target.value, "reason": "不属于本热线受理范围，已转接"}
            chain.emit(EventType.TRANSFER, payload, operator, chain.at + self._hours(0, 0.1))
            return
        dispatcher: Actor = self._pick(self.dispatchers)
        place = (order.category, order.town)
        earlier = self.open_by_place.get(place)
        if (
            earlier is not None
            and kind in (AppealType.COMPLAINT, AppealType.HELP)
            and order.received_at - earlier[1] < timedelta(days=5)
            and rng.random() < self.odds.merge
        ):
            payload = {"into": earlier[0], "reason": "同一事项重复来电，并单处理"}
            chain.emit(EventType.MERGE, payload, dispatcher, chain.at + self._hours(0.2, 3))
            return
        self.open_by_place[place] = (order.id, order.received_at)
        lead, assists = self._lead(order.category, order.town)
        dispatch = {"lead_unit": lead, "assist_units": assists}
        wait = self._hours(0.15, 3) if rng.random() < 0.85 else self._hours(3, 16)
        chain.emit(EventType.DISPATCH, dispatch, dispatcher, chain.at + wait)
        if rng.random() < self.odds.return_request:
            self._return(chain, dispatcher)
        if chain.order.status is Status.DISPATCHED:
            unit = self._unit_actor(chain.order.lead_unit)
            at = self._work(chain, chain.at + self._hours(0.3, 20))
            chain.emit(EventType.SIGN, {}, unit, at)
        for round_ in range(3):
            self._handle(chain, dispatcher)
            if not self._review_close(chain, dispatcher):
                return
            if not self._follow_up(chain, self._office(chain.at + self._hours(20, 72)), round_ > 0):
                return
            # 重新办理: a fresh reply limit counted from the moment of reopening.
            reopener: Actor = self._pick(self.dispatchers)
            at = chain.when(chain.at + self._hours(1, 30))
            reopen = {
                "reason": "回访不满意，重新办理",
                **chain.deadline(EventType.REOPEN, at),
            }
            chain.emit(EventType.REOPEN, reopen, reopener, at)

    def _return(self, chain: _Chain, dispatcher: Actor) -> None:
        rng = self.rng
        unit = self._unit_actor(chain.order.lead_unit)
        reason = rng.choices(list(ReturnReason), weights=(35, 20, 20, 20, 5))[0]
        payload = {
            "reason": reason.value,
            "text": f"经核查，该诉求{reason.value}，申请退回重新派单。",
        }
        chain.emit(
            EventType.RETURN_REQUEST, payload, unit, self._office(chain.at + self._hours(0.5, 20))
        )
        # A functional department's matter is never pushed down to a 镇街 or 村居 office.
        order = chain.order
        pushed_down = self.policy.functional_matter(order.category, order.town)
        candidates = [
            c
            for c in self.leads
            if c != order.lead_unit and not (pushed_down and self.grassroots[c])
        ]
        upheld = rng.random() < 0.6 and bool(candidates)
        ruling = {
            "upheld": upheld,
            "opinion": "同意退单，改派。" if upheld else "不同意退单，请继续办理。",
        }
        chain.emit(EventType.RETURN_RULING, ruling, dispatcher, chain.at + self._hours(0.5, 18))
        if upheld:
            office = f"town_{chain.order.town}"
            target = (
                office if office in candidates and rng.random() < 0.5 else self._pick(candidates)
            )
            chain.emit(
                EventType.REDISPATCH,
                {"lead_unit": target, "assist_units": []},
                dispatcher,
                chain.at + self._hours(0.1, 2),
            )

    def _handle(self, chain: _Chain, dispatcher: Actor) -> None:
        """Handling until the reply: extension, unreasonable, supervision on the way."""
        rng = self.rng
        order = chain.order
        unit = self._unit_actor(order.lead_unit)
        span = max(order.deadline - chain.at, timedelta(hours=2))
        late = rng.random() < self.odds.late
        share = rng.uniform(1.02, 1.7) if late else rng.uniform(0.1, 0.95)
        reply_at = self._work(chain, chain.at + span * share)
        if (
            late
            and order.urgency is Urgency.NORMAL
            and rng.random() < self.odds.extension
            and chain.may(EventType.EXTENSION_REQUEST, unit)
        ):
            ask_at = self._office(chain.at + span * rng.uniform(0.5, 0.9))
            days = self._pick((5, 5, 10, 15))
            request = {"days": days, "reason": "需协调多个部门现场核查，申请延期。"}
            chain.emit(EventType.EXTENSION_REQUEST, request, unit, ask_at)
            approved = rng.random() < 0.8
            ruling: dict[str, Any] = {"approved": approved, "days": days if approved else 0}
            at = chain.when(chain.at + self._hours(1, 20))
            if approved:
                ruling.update(chain.deadline(EventType.EXTENSION_RULING, at, **ruling))
            chain.emit(EventType.EXTENSION_RULING, ruling, dispatcher, at)
            if approved:
                reply_at = max(reply_at, chain.at + self._hours(2, 30))
                if reply_at > chain.order.deadline and rng.random() < 0.7:
                    reply_at = chain.order.deadline - self._hours(4, 30)
        elif rng.random() < self.odds.unreasonable and chain.may(
            EventType.UNREASONABLE_REQUEST, unit
        ):
            # Once asked (and ruled), never asked again after a reopening.
            request = {"reason": "诉求人要求明显超出政策规定，申请认定为不合理诉求。"}
            chain.emit(EventType.UNREASONABLE_REQUEST, request, unit, chain.at + span * 0.3)
            approved = rng.random() < 0.5
            chain.emit(
                EventType.UNREASONABLE_RULING,
                {"approved": approved},
                dispatcher,
                chain.at + self._hours(2, 48),
            )
        due = chain.order.deadline
        if reply_at > due and rng.random() < self.odds.supervise:
            supervise_at = due + self._hours(2, 40)
            if supervise_at < reply_at:
                note = {"reason": "工单已超期未答复，请尽快办理。"}
                chain.emit(EventType.SUPERVISE, note, dispatcher, supervise_at)
        resolved = rng.random() < self.odds.resolved
        reply = {
            "text": self._pick(REPLIES),
            "contacted": rng.random() < 0.93,
            "resolved": resolved,
        }
        chain.emit(EventType.REPLY, reply, unit, max(reply_at, chain.at + self._hours(0.5, 3)))

    def _review_close(self, chain: _Chain, dispatcher: Actor) -> bool:
        for _ in range(3):
            approved = self.rng.random() < self.odds.review_approved
            review: dict[str, Any] = {"approved": approved}
            if not approved:
                review["opinion"] = self._pick(REVIEW_REJECTIONS)
            chain.emit(EventType.REVIEW, review, dispatcher, chain.at + self._hours(0.3, 20))
            if approved:
                break
            unit = self._unit_actor(chain.order.lead_unit)
            reply = {"text": self._pick(REPLIES), "contacted": True, "resolved": True}
            chain.emit(EventType.REPLY, reply, unit, self._office(chain.at + self._hours(4, 48)))
        else:
            return False  # three rejected replies: still being handled
        chain.emit(EventType.CLOSE, {}, dispatcher, chain.at + self._hours(0, 4))
        return True

    def _follow_up(self, chain: _Chain, at: datetime, final: bool) -> bool:
        """The satisfaction call(s). True when the order is to be reopened.

        `final`: the last round (or a direct answer), where the caller accepts the result.
        """
        rng = self.rng
        caller: Actor = self._pick(self.follow_up_desk)
        for attempt in range(2):
            if rng.random() > 0.88:  # not reached; sometimes tried again the next day
                chain.emit(EventType.FOLLOW_UP, {"reached": False}, caller, at)
                if attempt == 0 and rng.random() < 0.5:
                    at = self._office(chain.at + self._hours(20, 30))
                    continue
                return False
            resolved = final or bool(chain.order.resolved) or rng.random() < 0.3
            if resolved:
                satisfaction = rng.choices(list(Satisfaction), weights=(84, 11, 5))[0]
                if final and satisfaction is Satisfaction.UNSATISFIED:
                    satisfaction = Satisfaction.BASICALLY_SATISFIED
            else:
                satisfaction = rng.choices(list(Satisfaction), weights=(0, 30, 70))[0]
            payload = {
                "reached": True,
                "resolved": resolved,
                "satisfaction": satisfaction.value,
                "contacted": True,
            }
            chain.emit(EventType.FOLLOW_UP, payload, caller, at)
            return chain.order.reopen_due and rng.random() < self.odds.reopen
        return False

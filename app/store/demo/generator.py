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
but they never enter the outbox (``append_local(..., queue=False)``): demo data
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
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from app.models.checks import check_content
from app.models.deadlines import WorkCalendar, reply_deadline
from app.models.enums import (
    AppealType,
    EventType,
    ReturnReason,
    Role,
    Satisfaction,
    Status,
    TransferTarget,
    Urgency,
)
from app.models.numbering import order_number
from app.models.operations import Actor, DirectAnswer, intake_events
from app.models.policy import Policy
from app.models.projection import apply
from app.models.records import Event, Intake, Order
from app.models.validation import validate_intake
from app.store.demo.callers import Callers
from app.store.demo.chain import Chain, Stop
from app.store.demo.data import (
    CENTRE_DEVICE,
    CITY_ODDS,
    DIRECT_SHARE,
    HOUR_WEIGHTS,
    REPLIES,
    REVIEW_REJECTIONS,
    TOWN_WEIGHTS,
    Template,
)
from app.store.demo.data import DEMO_DEVICE_PREFIX as DEMO_DEVICE_PREFIX
from app.store.demo.data import TYPE_MIX as TYPE_MIX
from app.store.demo.data import DemoData as DemoData
from app.store.demo.data import Odds as Odds
from app.store.demo.data import load_demo_data as load_demo_data
from app.store.demo.drills import seed_drills
from app.store.demo.marker import META_KEY as META_KEY
from app.store.demo.showcase import Planned, planned_orders, walk_to
from app.store.workspace import Workspace

Progress = Callable[[int, int], None]
T = TypeVar("T")

BATCH = 500


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
        showcase=True,
    )
    database = workspace.database
    done = 0
    if progress:
        progress(0, orders)
    stream = generator.orders(orders)
    while done < orders:
        with database.transaction() as conn:
            for events, _ in itertools.islice(stream, min(BATCH, orders - done)):
                # Demo events are nobody's unsent work: see the module docstring.
                workspace.events.append_local(events, queue=False)
                done += 1
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
    seed_drills(workspace, now, seed)
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


_UUID4_BITS = (0x4000 << 64) | (0x8 << 60)  # version 4, RFC 4122 variant


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
        odds: Odds = CITY_ODDS,
        showcase: bool = False,
    ) -> None:
        self.policy = policy
        self.showcase = showcase  # the planned orders of app.store.demo.showcase too
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
        self.people = Callers(self.rng, self.data, policy)
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

    # who takes a planned order's steps (showcase.Staff)
    def unit_actor(self, code: str) -> Actor:
        return self._unit_actor(code)

    def dispatcher(self) -> Actor:
        return self._pick(self.dispatchers)

    def lead(self, category: str, town: str) -> tuple[str, list[str]]:
        return self._lead(category, town)

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

    def _work(self, chain: Chain, at: datetime) -> datetime:
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
        """`count` orders, oldest first: (the events of each, the order they make); with
        `showcase`, the planned ones among them (when `count` leaves room for them)."""
        kinds = list(TYPE_MIX)
        weights = list(TYPE_MIX.values())
        planned = (
            planned_orders(self.now, self.days, self.policy, self.calendar) if self.showcase else []
        )
        if len(planned) * 4 > count:
            planned = []
        stream: list[tuple[datetime, Planned | None]] = [
            (at, None) for at in self._received_times(count - len(planned))
        ]
        stream += [(p.received, p) for p in planned]
        stream.sort(key=lambda item: item[0])
        for received, plan in stream:
            kind = plan.kind if plan is not None else self.rng.choices(kinds, weights)[0]
            yield self._one(received, kind, plan)

    def intake(
        self, received: datetime, kind: AppealType, plan: Planned | None = None
    ) -> tuple[Intake, DirectAnswer | None, Actor]:
        """One realistic intake: what the operator types, the direct answer if any, who."""
        rng = self.rng
        templates = self.data.templates[kind]
        if plan is not None and plan.title:
            templates = [t for t in templates if t.title == plan.title] or templates
        template: Template = self._pick(templates)
        if plan is not None and plan.town in self.known_towns:
            town = plan.town
        else:
            town = self.rng.choices(self.towns, self.town_weights)[0]
        address = plan.address if plan is not None and plan.address else self.people.address(town)
        appellant = self.people.caller(kind)
        category = template.category or self._pick(self.policy.leaf_categories()).code
        party = ""
        if kind in (AppealType.COMPLAINT, AppealType.REPORT) and rng.random() < 0.6:
            party = self._pick(self.data.companies)
        urgency = self.people.urgency(kind)
        intake = Intake(
            appellant=appellant,
            appeal_type=kind,
            urgency=plan.urgency if plan is not None and plan.urgency else urgency,
            channel=self.people.channel(appellant),
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
        halted = plan is not None and plan.halt is not None  # left open on purpose
        if kind is AppealType.ENQUIRY and rng.random() < DIRECT_SHARE and not halted:
            direct = DirectAnswer(template.answer or "已按知识库口径答复市民。", template.kb, 1)
        return intake, direct, operator

    def _one(
        self, received: datetime, kind: AppealType, plan: Planned | None = None
    ) -> tuple[list[Event], Order]:
        intake, direct, operator = self.intake(received, kind, plan)
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
        chain = Chain(self, order, events, recorded)
        try:
            if plan is not None and plan.halt is not None:
                reply = {"text": self._pick(REPLIES), "contacted": True, "resolved": True}
                walk_to(chain, plan.halt, self, reply)
            elif direct is not None:
                self._direct_follow_up(chain)
            else:
                self._walk(chain, operator)
        except Stop:
            pass
        return chain.events, chain.order

    def _direct_follow_up(self, chain: Chain) -> None:
        """Some direct answers get a satisfaction call too."""
        if self.rng.random() < 0.25:
            at = chain.at + self._hours(20, 72)
            self._follow_up(chain, self._office(at), final=True)

    def _walk(self, chain: Chain, operator: Actor) -> None:
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

    def _return(self, chain: Chain, dispatcher: Actor) -> None:
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

    def _handle(self, chain: Chain, dispatcher: Actor) -> None:
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

    def _review_close(self, chain: Chain, dispatcher: Actor) -> bool:
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

    def _follow_up(self, chain: Chain, at: datetime, final: bool) -> bool:
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
            if satisfaction is Satisfaction.UNSATISFIED:  # the rules ask for the reason
                payload["text"] = (
                    "诉求人表示问题仍未解决，对处理结果不满意"
                    if not resolved
                    else "诉求人认为答复敷衍，对处理态度不满意"
                )
            chain.emit(EventType.FOLLOW_UP, payload, caller, at)
            return chain.order.reopen_due and rng.random() < self.odds.reopen
        return False

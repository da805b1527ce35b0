"""The counting behind the reports: plain records for app.models.reports, and the orders
behind any figure.

Everything reads `report_facts` (see report_schema.py), one row per order clustered by
receipt time, so a period is one range scan. Each counted set of the vocabulary
(reports.COUNTED_SETS) is one SQL predicate here; a figure's count and the list of its
orders use the same predicate, so they cannot disagree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.models.deadlines import END_OF_DAY, add_working_days
from app.models.enums import Role, Satisfaction, Status
from app.models.policy import Policy
from app.models.report_places import AddressCount
from app.models.reports import (
    COUNTED_SETS,
    MIX_DIMENSIONS,
    AssessmentPolicy,
    Counts,
    Period,
    ReportInput,
    Scope,
    ScopeKind,
)
from app.models.visibility import Viewer, blank, secrets_of
from app.store.access import OrderAccess
from app.store.db import Database
from app.store.orders.query import OrderQueries, OrderRow

Progress = Callable[[int, int], None]

_SAT = f"'{Satisfaction.SATISFIED.value}'"
_BASIC = f"'{Satisfaction.BASICALLY_SATISFIED.value}'"
_UNSAT = f"'{Satisfaction.UNSATISFIED.value}'"
_SIGN_DUE = "coalesce(min(sd.due_ts, f.deadline_ts), f.deadline_ts)"


def set_predicates(exclude_unreasonable: bool) -> dict[str, str]:
    """The SQL condition of every counted set, over `report_facts AS f` joined to the sign
    limits `sd`; `:as_of` is the report time in Unix seconds."""
    d = "f.dispatch_day IS NOT NULL" + (" AND f.unreasonable = 0" if exclude_unreasonable else "")
    reached = f"{d} AND f.reached = 1"
    in_time = f"{d} AND f.signed_ts <= {_SIGN_DUE}"
    return {
        "received": "1",
        "direct": "f.direct = 1",
        "dispatched": d,
        "signed": f"{d} AND f.signed_ts IS NOT NULL",
        "signed_in_time": in_time,
        "contacted": f"{d} AND f.contacted = 1",
        "signed_in_time_and_contacted": f"{in_time} AND f.contacted = 1",
        "returned": f"{d} AND f.returned = 1",
        "extended": f"{d} AND f.extended = 1",
        "due": f"{d} AND (f.closed_ts IS NOT NULL OR f.deadline_ts < :as_of)",
        "closed": f"{d} AND f.closed_ts IS NOT NULL",
        "closed_on_time": f"{d} AND f.closed_ts <= f.deadline_ts",
        "closed_late": f"{d} AND f.closed_ts > f.deadline_ts",
        "overdue_open": "f.is_open = 1 AND f.deadline_ts < :as_of",
        "followed_up": reached,
        "resolved": f"{reached} AND f.resolved = 1",
        "satisfied": f"{reached} AND f.satisfaction = {_SAT}",
        "satisfied_or_basic": f"{reached} AND f.satisfaction IN ({_SAT}, {_BASIC})",
        "first_satisfied_or_basic": f"{reached} AND f.first_satisfaction IN ({_SAT}, {_BASIC})",
        "unsatisfied": f"{reached} AND f.satisfaction = {_UNSAT}",
        "reopened": "f.reopened = 1",
        "unreasonable": "f.unreasonable = 1",
        "merged": f"f.status = '{Status.MERGED.value}'",
        "transferred": f"f.status = '{Status.TRANSFERRED.value}'",
    }


assert set(set_predicates(True)) == set(COUNTED_SETS), "every counted set needs its SQL"


# One order's facts as bits; _unpack and _set_tests read them back.
_BITS = (
    "direct", "open", "dispatched", "unreasonable", "contacted", "reached", "resolved",
    "satisfied", "basic", "unsatisfied", "first_ok", "returned", "extended", "reopened",
    "merged", "transferred", "closed", "closed_on_time", "past_deadline", "signed",
    "signed_in_time",
)  # fmt: skip
_PACKED = " | ".join(
    f"(({expr}) << {i})"
    for i, expr in enumerate(
        (
            "f.direct = 1",
            "f.is_open = 1",
            "f.dispatch_day IS NOT NULL",
            "f.unreasonable = 1",
            "f.contacted = 1",
            "f.reached = 1",
            "f.resolved = 1",
            f"f.satisfaction = {_SAT}",
            f"f.satisfaction = {_BASIC}",
            f"f.satisfaction = {_UNSAT}",
            f"f.first_satisfaction IN ({_SAT}, {_BASIC})",
            "f.returned = 1",
            "f.extended = 1",
            "f.reopened = 1",
            f"f.status = '{Status.MERGED.value}'",
            f"f.status = '{Status.TRANSFERRED.value}'",
            "f.closed_ts IS NOT NULL",
            "coalesce(f.closed_ts <= f.deadline_ts, 0)",
            "f.deadline_ts < :as_of",
            "f.signed_ts IS NOT NULL",
            f"coalesce(f.signed_ts <= {_SIGN_DUE}, 0)",
        )
    )
)
assert _PACKED.count("<<") == len(_BITS)

Facts = dict[str, bool]


def _unpack(packed: int) -> Facts:
    return {name: bool(packed >> i & 1) for i, name in enumerate(_BITS)}


def _set_tests(exclude_unreasonable: bool) -> dict[str, Callable[[Facts], bool]]:
    """The counted sets over unpacked facts: the same conditions as set_predicates."""

    def d(f: Facts) -> bool:
        return f["dispatched"] and not (exclude_unreasonable and f["unreasonable"])

    def reached(f: Facts) -> bool:
        return d(f) and f["reached"]

    def in_time(f: Facts) -> bool:
        return d(f) and f["signed_in_time"]

    tests: dict[str, Callable[[Facts], bool]] = {
        "received": lambda f: True,
        "direct": lambda f: f["direct"],
        "dispatched": d,
        "signed": lambda f: d(f) and f["signed"],
        "signed_in_time": in_time,
        "contacted": lambda f: d(f) and f["contacted"],
        "signed_in_time_and_contacted": lambda f: in_time(f) and f["contacted"],
        "returned": lambda f: d(f) and f["returned"],
        "extended": lambda f: d(f) and f["extended"],
        "due": lambda f: d(f) and (f["closed"] or f["past_deadline"]),
        "closed": lambda f: d(f) and f["closed"],
        "closed_on_time": lambda f: d(f) and f["closed_on_time"],
        "closed_late": lambda f: d(f) and f["closed"] and not f["closed_on_time"],
        "overdue_open": lambda f: f["open"] and f["past_deadline"],
        "followed_up": reached,
        "resolved": lambda f: reached(f) and f["resolved"],
        "satisfied": lambda f: reached(f) and f["satisfied"],
        "satisfied_or_basic": lambda f: reached(f) and (f["satisfied"] or f["basic"]),
        "first_satisfied_or_basic": lambda f: reached(f) and f["first_ok"],
        "unsatisfied": lambda f: reached(f) and f["unsatisfied"],
        "reopened": lambda f: f["reopened"],
        "unreasonable": lambda f: f["unreasonable"],
        "merged": lambda f: f["merged"],
        "transferred": lambda f: f["transferred"],
    }
    assert set(tests) == set(COUNTED_SETS)
    return tests


@dataclass(frozen=True)
class Selection:
    """Which orders of a report a figure or a row stands for."""

    set_name: str = "received"
    minus: str = ""  # e.g. numerator "dispatched" minus "signed_in_time": the misses
    filters: tuple[tuple[str, str], ...] = ()  # (dimension, value): lead_unit, town, category…
    addresses: tuple[str, ...] = ()  # one problem: these spellings (with a town filter)


_DIMENSION_COLUMNS = frozenset({*MIX_DIMENSIONS})


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


# Who reads a report when no one is named (the command line): every order, no caller.
REPORT_READER = Viewer(Role.ANALYST)


class ReportQueries:
    """`viewer`: whose report it is. A handling unit's report counts only the orders it may
    see, and every figure opens to those orders alone, as app/store/access.py shows them."""

    def __init__(
        self,
        database: Database,
        policy: Policy,
        assessment: AssessmentPolicy,
        viewer: Viewer = REPORT_READER,
    ) -> None:
        self.database = database
        self.policy = policy
        self.assessment = assessment
        self.viewer = viewer
        self.access = OrderAccess(OrderQueries(database), viewer)
        self.predicates = set_predicates(assessment.exclude_unreasonable)
        self._sign_due: dict[tuple[date, Any], int] = {}  # the calendar is slow: remember

    # ---- building blocks -------------------------------------------------------------
    def _sign_limits(self, first: date, last: date, tz: Any) -> tuple[str, list[Any]]:
        """A CTE of (local dispatch day → Unix time the sign limit ends), from policy days."""
        days = int(self.policy.limits.stages.get("sign", 1))
        rows: list[Any] = []
        values = []
        day = first
        while day <= last:
            due = self._sign_due.get((day, tz))
            if due is None:
                due_day = add_working_days(day, days, self.policy.calendar).day
                due = _epoch(datetime.combine(due_day, END_OF_DAY, tzinfo=tz))
                self._sign_due[(day, tz)] = due
            values.append("(?, ?)")
            rows += [day.isoformat(), due]
            day += timedelta(days=1)
        return f"sd(day, due_ts) AS (VALUES {', '.join(values)})", rows

    def _where(self, period: Period, scope: Scope) -> tuple[str, list[Any]]:
        clauses = ["f.received_at >= ?", "f.received_at < ?"]
        params: list[Any] = [period.start.isoformat(), period.end.isoformat()]
        if scope.kind is ScopeKind.TOWN:
            clauses.append("f.town = ?")
            params.append(scope.code)
        elif scope.kind is ScopeKind.UNIT:
            clauses.append("f.lead_unit = ?")
            params.append(scope.code)
        if not self.viewer.every_order:  # a unit: its own orders (access.py's rule)
            clauses.append("f.order_rowid IN (SELECT order_rowid FROM order_grants WHERE unit = ?)")
            params.append(self.viewer.unit)
        return " AND ".join(clauses), params

    def _run(self, sql: str, params: Sequence[Any], as_of: datetime) -> list[sqlite3.Row]:
        """The report time is an integer we computed: spelled into the SQL, not bound."""
        return self.database.query(sql.replace(":as_of", str(_epoch(as_of))), tuple(params))

    # ---- counting --------------------------------------------------------------------
    def counts_by(
        self, period: Period, scope: Scope, as_of: datetime, column: str = "lead_unit"
    ) -> dict[str, Counts]:
        """Every counted set, per value of `column` (lead_unit, town …).

        SQL packs each order's facts into one integer (`_PACKED`) and counts orders per
        (value, packed facts): a few hundred groups, each tested against the sets here in
        Python. Much less work at a million orders than one SUM(condition) per set
        (docs/reports.md#how-it-stays-fast), and the row-level conditions
        (`set_predicates`) stay the definition: the tests hold both to the same answers.
        """
        if column not in _DIMENSION_COLUMNS:
            raise ValueError(column)
        last = max(period.end, as_of.date()) + timedelta(days=1)
        self._fill_sign_limits(period.start - timedelta(days=1), last, as_of.tzinfo)
        where, params = self._where(period, scope)
        sql = (
            f"SELECT f.{column}, {_PACKED} AS k, COUNT(*) FROM report_facts AS f "
            f"LEFT JOIN temp.report_sign_due AS sd ON sd.day = f.dispatch_day "
            f"WHERE {where} GROUP BY 1, 2"
        )
        result: dict[str, dict[str, int]] = {}
        tests = _set_tests(self.assessment.exclude_unreasonable)
        for value, packed, n in self._run(sql, params, as_of):
            counts = result.setdefault(str(value), dict.fromkeys(tests, 0))
            facts = _unpack(int(packed))
            for name, test in tests.items():
                if test(facts):
                    counts[name] += int(n)
        return {k: dict(v) for k, v in result.items()}

    def _fill_sign_limits(self, first: date, last: date, tz: Any) -> None:
        """The sign limits of these dispatch days in a temporary table of this connection."""
        conn = self.database.conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS report_sign_due "
            "(day TEXT PRIMARY KEY, due_ts INTEGER NOT NULL) WITHOUT ROWID"
        )
        _, values = self._sign_limits(first, last, tz)
        conn.executemany(
            "INSERT OR REPLACE INTO temp.report_sign_due VALUES (?, ?)",
            list(zip(values[0::2], values[1::2], strict=True)),
        )

    def mix(
        self, period: Period, scope: Scope
    ) -> tuple[dict[str, dict[str, int]], dict[tuple[str, str], int]]:
        """Orders received per value of each mix dimension, and per (category, 镇街)."""
        where, params = self._where(period, scope)
        cols = ", ".join(f"f.{d}" for d in MIX_DIMENSIONS)
        rows = self.database.query(
            f"SELECT {cols}, COUNT(*) FROM report_facts AS f WHERE {where} GROUP BY {cols}",
            tuple(params),
        )
        mix: dict[str, dict[str, int]] = {d: {} for d in MIX_DIMENSIONS}
        spots: dict[tuple[str, str], int] = {}
        for row in rows:
            n = int(row[-1])
            for i, dimension in enumerate(MIX_DIMENSIONS):
                bucket = mix[dimension]
                bucket[row[i]] = bucket.get(row[i], 0) + n
            key = (str(row["category"]), str(row["town"]))
            spots[key] = spots.get(key, 0) + n
        return mix, spots

    def daily(self, period: Period, scope: Scope) -> dict[date, int]:
        where, params = self._where(period, scope)
        rows = self.database.query(
            f"SELECT substr(f.received_at, 1, 10), COUNT(*) FROM report_facts AS f "
            f"WHERE {where} GROUP BY 1",
            tuple(params),
        )
        return {date.fromisoformat(r[0]): int(r[1]) for r in rows}

    def category_town(self, period: Period, scope: Scope) -> dict[tuple[str, str], int]:
        where, params = self._where(period, scope)
        rows = self.database.query(
            f"SELECT f.category, f.town, COUNT(*) FROM report_facts AS f WHERE {where} "
            "GROUP BY f.category, f.town",
            tuple(params),
        )
        return {(str(r[0]), str(r[1])): int(r[2]) for r in rows}

    def addresses(self, period: Period, scope: Scope, at_least: int = 2) -> list[AddressCount]:
        """(镇街, address, category) named by at least `at_least` orders of the period.

        A reader who may not see a caller (a unit and a confidential caller, an analyst and
        every caller) gets each such address with the caller's name and number blanked, as
        the order access shows it."""
        where, params = self._where(period, scope)
        if self.viewer.role in (Role.OPERATOR, Role.DISPATCHER, Role.ADMIN):
            rows = self.database.query(
                f"SELECT f.town, f.address, f.category, COUNT(*) FROM report_facts AS f "
                f"WHERE {where} AND f.address != '' GROUP BY f.town, f.address, f.category "
                "HAVING COUNT(*) >= ?",
                (*params, at_least),
            )
            return [AddressCount(r[0], r[1], r[2], int(r[3])) for r in rows]
        counted: dict[tuple[str, str, str], int] = {}
        for town, address, category, name, phone, confidential in self.database.query(
            f"SELECT f.town, f.address, f.category, o.appellant_name, o.phone, o.confidential "
            f"FROM report_facts AS f JOIN orders AS o ON o.rowid = f.order_rowid "
            f"WHERE {where} AND f.address != ''",
            tuple(params),
        ):
            if not self.viewer.sees_caller(bool(confidential)):
                address = blank(str(address), secrets_of([str(name), str(phone)]))
            key = (str(town), str(address), str(category))
            counted[key] = counted.get(key, 0) + 1
        return [AddressCount(*k, n) for k, n in counted.items() if n >= at_least]

    def report_input(
        self, period: Period, scope: Scope, as_of: datetime, progress: Progress | None = None
    ) -> ReportInput:
        """Everything a report computes from, in a few range scans of report_facts."""
        rule = self.assessment.hot_spots
        previous = period.previous()
        compared = period.comparison(as_of.date())  # a running period: the same span
        baseline = period.baseline(rule.baseline_periods)
        # the first baseline period is the previous period: its (category, 镇街) counts
        # come with its mix when the whole of it is compared, else from a query of its own
        first_baseline = 1 if compared == previous else 0
        steps: list[Callable[[], Any]] = [
            lambda: self.counts_by(period, scope, as_of),
            lambda: self.counts_by(compared, scope, as_of),
            lambda: self.mix(period, scope),
            lambda: self.mix(compared, scope),
            lambda: self.daily(period, scope),
            lambda: self.daily(previous, scope),
            lambda: self.addresses(period, scope),
            *[(lambda p=p: self.category_town(p, scope)) for p in baseline[first_baseline:]],
        ]
        results = []
        for i, step in enumerate(steps):
            if progress:
                progress(i, len(steps))
            results.append(step())
        if progress:
            progress(len(steps), len(steps))
        by_unit, prev_by_unit, (mix, spots), (prev_mix, prev_spots), daily, prev_daily = results[:6]
        spots_baseline = ([prev_spots] if first_baseline else []) + results[7:]
        return ReportInput(
            period=period,
            scope=scope,
            as_of=as_of,
            by_unit=by_unit,
            previous_by_unit=prev_by_unit,
            mix=mix,
            previous_mix=prev_mix,
            daily=daily,
            previous_daily=prev_daily,
            spots_current=spots,
            spots_baseline=spots_baseline[: len(baseline)],
            baseline_periods=baseline,
            addresses=results[6],
            town_names={t.code: (t.name, t.short) for t in self.policy.towns},
            comparison=compared,
        )

    # ---- the orders behind a figure ----------------------------------------------------
    def order_ids(
        self,
        period: Period,
        scope: Scope,
        as_of: datetime,
        selection: Selection,
        limit: int = 5000,
    ) -> list[str]:
        """Ids of the orders a figure or row counts, newest first."""
        for name in (selection.set_name, selection.minus):
            if name and name not in self.predicates:
                raise ValueError(f"unknown counted set {name!r}")
        where, params = self._where(period, scope)
        condition = f"({self.predicates[selection.set_name]})"
        if selection.minus:
            condition += f" AND NOT ({self.predicates[selection.minus]})"
        for column, value in selection.filters:
            if column not in _DIMENSION_COLUMNS:
                raise ValueError(column)
            condition += f" AND f.{column} = ?"
            params.append(value)
        if selection.addresses:
            condition += f" AND f.address IN ({','.join('?' * len(selection.addresses))})"
            params += list(selection.addresses)
        last = max(period.end, as_of.date()) + timedelta(days=1)
        self._fill_sign_limits(period.start - timedelta(days=1), last, as_of.tzinfo)
        sql = (
            "SELECT o.id FROM report_facts AS f "
            "JOIN orders AS o ON o.rowid = f.order_rowid "
            "LEFT JOIN temp.report_sign_due AS sd ON sd.day = f.dispatch_day "
            f"WHERE {where} AND {condition} ORDER BY f.received_at DESC LIMIT ?"
        )
        rows = self._run(sql, [*params, limit], as_of)
        return [str(r[0]) for r in rows]

    def order_rows(self, ids: Sequence[str]) -> list[OrderRow]:
        """The list rows of these orders, in the given order, as the viewer may see them."""
        return self.access.rows(ids)

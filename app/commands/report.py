"""`hotline-desk report --period 2026-11 --scope city --pdf PATH [--csv PATH] [--xlsx PATH]`.

Computes the appeal analysis report from the workstation's cache (offline) and writes it.
Periods: 2026-11 (month), 2026-W47 (ISO week), 2026-11-27 (day), 2026-11-01..2026-11-15.
Scopes: city, town:xiaolan, unit:rsj.
"""

from __future__ import annotations

import argparse
import os
import sys

from app.commands.common import guarded


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help="write an appeal analysis report (PDF/CSV/XLSX)")
    parser.add_argument("--period", required=True, help="2026-11, 2026-W47, 2026-11-27, A..B")
    parser.add_argument("--scope", default="city", help="city, town:CODE or unit:CODE")
    parser.add_argument("--pdf", help="write the whole report as PDF here")
    parser.add_argument("--csv", help="write the tables as CSV here")
    parser.add_argument("--xlsx", help="write the tables as XLSX here")
    parser.add_argument("--as-of", help="judge overdue and due orders at this ISO time")
    parser.set_defaults(func=guarded(run))


def run(args: argparse.Namespace) -> int:
    from datetime import datetime
    from pathlib import Path

    from app.models.reports import ReportError

    if not (args.pdf or args.csv or args.xlsx):
        print("report: give at least one of --pdf, --csv, --xlsx", file=sys.stderr)
        return 2
    if args.pdf and not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # charts are drawn, never shown
    from PySide6.QtWidgets import QApplication

    from app.models.clock import china_now
    from app.models.reports import AssessmentPolicy, Period, Scope, build_report
    from app.paths import workspace_home
    from app.resources import load_json, load_policy
    from app.store.db import Database
    from app.store.reports.queries import ReportQueries
    from app.store.workspace import DB_FILE
    from app.views.reports import export as report_export
    from app.views.reports.tables import Namer, all_tables
    from app.views.shell.i18n import install_translators

    try:
        period = Period.parse(args.period)
        scope = Scope.parse(args.scope)
        as_of = datetime.fromisoformat(args.as_of) if args.as_of else china_now()
    except (ReportError, ValueError) as exc:
        print(f"report: {exc}", file=sys.stderr)
        return 2
    policy = load_policy()
    known = {"town": policy.town_by_code, "unit": policy.unit_by_code}.get(scope.kind.value)
    if known is not None and scope.code not in known:
        print(f"report: no {scope.kind.value} {scope.code!r} in the policy data", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translators(app, getattr(args, "lang", None) or "zh_CN")  # type: ignore[arg-type]
    assessment = AssessmentPolicy.from_data(load_json("policy/assessment.json"))
    database = Database(workspace_home(getattr(args, "home", None)) / DB_FILE)
    try:
        data = ReportQueries(database, policy, assessment).report_input(period, scope, as_of)
    finally:
        database.close()
    report = build_report(data, assessment)
    namer = Namer(policy)
    tables = all_tables(report, namer)
    written = []
    if args.pdf:
        written.append(report_export.write_pdf(report, namer, Path(args.pdf), china_now()))
    if args.csv:
        written.append(report_export.write_csv(tables, Path(args.csv)))
    if args.xlsx:
        written.append(report_export.write_xlsx(tables, Path(args.xlsx)))
    print(
        f"{period.code()} {scope.code_text()}: {report.volume} orders; "
        + ", ".join(str(p) for p in written)
    )
    return 0

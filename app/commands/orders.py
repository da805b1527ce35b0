"""`hotline-desk orders import PATH | export PATH`: intakes from other channels, and back out.

Import reads JSON Lines, one intake per line, and records each exactly as the intake screen
does (app/operations/intake.py `record`: validation, offline number, deadline, events +
projection + outbox in one transaction). A line that fails is reported with its number and
every field error, and the others go on; a line already imported (same `external_id`, or
the very same text) is skipped, so a run can be repeated safely. Fields of a line:

  phone (required), name, kind (个人/企业/组织), company, gender, other_contact,
  confidential, appeal_type (咨询 求助 建议 投诉 举报 表扬 其他), urgency (一般 紧急 特急),
  channel (电话 网站 中山+ 企业服务专线 书记市长直通车 其他; default 其他), category, town,
  address, title, content, party_complained, received_at (ISO time; default now),
  direct_answer (text: closes the order at first contact), kb_article, kb_version,
  external_id (the other channel's id, used to skip repeats).
  The appellant fields may also be given nested as "appellant": {...}.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.commands.common import guarded
from app.models.enums import AppealType, AppellantKind, Channel, Urgency
from app.models.records import Appellant, Intake

APPELLANT_FIELDS = ("phone", "name", "kind", "company", "gender", "other_contact", "confidential")
INTAKE_FIELDS = (
    "appeal_type",
    "urgency",
    "channel",
    "category",
    "town",
    "address",
    "title",
    "content",
    "party_complained",
    "received_at",
)
EXTRA_FIELDS = ("direct_answer", "kb_article", "kb_version", "external_id", "appellant")
KNOWN = frozenset(APPELLANT_FIELDS + INTAKE_FIELDS + EXTRA_FIELDS)


class LineError(ValueError):
    pass


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("orders", help="import intakes from JSON Lines, export orders")
    sub = parser.add_subparsers(dest="orders_command", required=True)
    p = sub.add_parser("import", help="record intakes from a JSON Lines file")
    p.add_argument("path")
    p.set_defaults(func=guarded(_import))
    p = sub.add_parser("export", help="write every order as JSON Lines")
    p.add_argument("path")
    p.set_defaults(func=guarded(_export))


def _enum(kind: type[StrEnum], value: Any, field: str) -> Any:
    if not isinstance(value, str):
        raise LineError(f"{field}: expected text")
    for member in kind:
        if value in (member.value, member.name, member.name.lower()):
            return member
    choices = " ".join(m.value for m in kind)
    raise LineError(f"{field}: unknown value {value!r} (one of: {choices})")


def _text(data: Mapping[str, Any], field: str, default: str = "") -> str:
    value = data.get(field, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise LineError(f"{field}: expected text")
    return value


def parse_line(data: Any, now: datetime) -> tuple[Intake, str | None, str, int]:
    """(intake, direct answer text or None, kb article, kb version) from one JSON object."""
    from app.models.validation import normalise_phone

    if not isinstance(data, dict):
        raise LineError("each line must be a JSON object")
    unknown = set(data) - KNOWN
    if unknown:
        raise LineError(f"unknown fields: {', '.join(sorted(unknown))}")
    nested = data.get("appellant") or {}
    if not isinstance(nested, dict) or set(nested) - set(APPELLANT_FIELDS):
        raise LineError(f"appellant: an object with {', '.join(APPELLANT_FIELDS)}")
    who = {**nested, **{k: data[k] for k in APPELLANT_FIELDS if k in data}}
    confidential = who.get("confidential", False)
    if not isinstance(confidential, bool):
        raise LineError("confidential: expected true or false")
    appellant = Appellant(
        phone=normalise_phone(_text(who, "phone")),
        name=_text(who, "name"),
        kind=_enum(AppellantKind, who.get("kind", AppellantKind.PERSON.value), "kind"),
        company=_text(who, "company"),
        gender=_text(who, "gender"),
        other_contact=_text(who, "other_contact"),
        confidential=confidential,
    )
    received = _text(data, "received_at")
    try:
        received_at = datetime.fromisoformat(received) if received else now
    except ValueError as exc:
        raise LineError(f"received_at: not an ISO time ({received!r})") from exc
    if received_at.tzinfo is None:
        received_at = received_at.replace(tzinfo=now.tzinfo)
    intake = Intake(
        appellant=appellant,
        appeal_type=_enum(AppealType, data.get("appeal_type"), "appeal_type"),
        urgency=_enum(Urgency, data.get("urgency", Urgency.NORMAL.value), "urgency"),
        channel=_enum(Channel, data.get("channel", Channel.OTHER.value), "channel"),
        category=_text(data, "category"),
        town=_text(data, "town"),
        address=_text(data, "address"),
        title=_text(data, "title"),
        content=_text(data, "content"),
        received_at=received_at,
        party_complained=_text(data, "party_complained"),
    )
    answer = data.get("direct_answer")
    if answer is not None and not isinstance(answer, str):
        raise LineError("direct_answer: expected text")
    version = data.get("kb_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise LineError("kb_version: expected a whole number")
    return intake, answer, _text(data, "kb_article"), version


def _import(args: argparse.Namespace) -> int:
    from app.models.jsonl import LineRejected, load_object, read_lines
    from app.models.operations import DirectAnswer
    from app.models.rules import RuleViolation
    from app.operations import intake as intake_ops
    from app.paths import workspace_home
    from app.resources import load_policy
    from app.store.db import StoreError
    from app.store.workspace import IntakeInvalid, Workspace
    from app.sync.account import actor_for, current_user

    path = Path(args.path)
    if not path.exists() or path.is_dir():
        print(f"找不到文件 (no such file): {path}", file=sys.stderr)
        return 2
    ws = Workspace(workspace_home(getattr(args, "home", None)), load_policy())
    recorded = skipped = failed = 0
    number = 0
    last_recorded = 0
    try:
        actor = actor_for(current_user(ws.database), ws.device_id)
        with path.open("rb") as handle:
            for number, line in read_lines(handle):
                try:
                    if isinstance(line, LineRejected):
                        raise LineError(line.message)
                    data = load_object(line)
                    intake, answer, article, version = parse_line(data, ws.clock())
                except ValueError as exc:  # LineError too
                    _report(number, [{"field": "", "code": "bad_line", "message": str(exc)}])
                    failed += 1
                    continue
                assert isinstance(line, str)
                key = _import_key(data, line)
                if ws.database.meta(key) is not None:
                    skipped += 1
                    continue
                direct = DirectAnswer(answer, article, version) if answer is not None else None
                try:
                    with ws.transaction():
                        order = intake_ops.record(ws, intake, actor, direct).value
                        ws.database.set_meta(key, order.id)
                except IntakeInvalid as exc:
                    _report(number, [e.__dict__ for e in exc.errors])
                    failed += 1
                    continue
                except RuleViolation as exc:
                    _report(number, [{"field": "", "code": exc.code, "message": exc.message}])
                    failed += 1
                    continue
                recorded += 1
                last_recorded = number
                # Flushed: whoever feeds the lines through a pipe sees each one recorded.
                print(
                    json.dumps({"line": number, "number": order.number, "id": order.id}),
                    flush=True,
                )
    except (StoreError, OSError) as exc:
        _report_stop(path, number, exc, last_recorded, _summary(recorded, skipped, failed))
        return 2
    finally:
        ws.close()
    print(json.dumps(_summary(recorded, skipped, failed)), file=sys.stderr)
    return 1 if failed else 0


def _summary(recorded: int, skipped: int, failed: int) -> dict[str, int]:
    return {"recorded": recorded, "skipped": skipped, "failed": failed}


def _import_key(data: Mapping[str, Any], line: str) -> str:
    """The meta key that remembers a line was imported: its external id, else its hash."""
    import hashlib  # here, not at the top: every start of the app registers this command

    external = data.get("external_id")
    if isinstance(external, str) and external:
        return f"import:ext:{external}"
    return "import:" + hashlib.sha256(line.strip().encode()).hexdigest()


def _report_stop(
    path: Path, number: int, exc: Exception, last_recorded: int, counts: dict[str, int]
) -> None:
    """Each intake is its own transaction: those before line `number` are kept, it is not."""
    recorded = counts["recorded"]
    print(
        f"{path}: 导入在第 {number} 行中止：{exc}。此前已记录 {recorded} 张工单"
        f"（见上面各行的工单编号），第 {number} 行及以后没有导入；"
        "排除原因后再运行同一命令即可，已导入的行会被跳过。"
        f"Import stopped at line {number}: {exc}. {recorded} intake(s) were recorded "
        f"before it (their order numbers are listed above; the last on line "
        f"{last_recorded or '-'}); line {number} and those after it were not imported. "
        "Run the same command again once the cause is fixed: lines already imported are "
        "skipped.",
        file=sys.stderr,
    )
    stopped = {"stopped_at_line": number, "error": str(exc)}
    print(json.dumps({**counts, **stopped}, ensure_ascii=False), file=sys.stderr)


def _report(number: int, errors: list[dict[str, Any]]) -> None:
    print(json.dumps({"line": number, "errors": errors}, ensure_ascii=False), file=sys.stderr)


def _export(args: argparse.Namespace) -> int:
    from app.paths import workspace_home
    from app.store.db import Database
    from app.store.sync.state import SyncState
    from app.store.workspace import DB_FILE

    database = Database(workspace_home(getattr(args, "home", None)) / DB_FILE)
    count = 0
    try:
        target = Path(args.path)
        tmp = target.with_name(target.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as out:
            for order in SyncState(database).iter_orders():
                out.write(json.dumps(order, ensure_ascii=False) + "\n")
                count += 1
        tmp.replace(target)
    finally:
        database.close()
    print(json.dumps({"exported": count}))
    return 0

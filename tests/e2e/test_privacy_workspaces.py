"""A confidential caller's name and number never reach the disk of a handling unit, an
analyst or a trainer — through the real client and the real server.

Every kind of event is recorded on a confidential order and on an ordinary order with a
confidential added caller, with the name and number also typed into the title, content,
address, notes, reasons and opinions. After each event every workstation syncs; at the
end each workspace folder (the SQLite file with its -wal and -shm, drafts, settings,
logs: every file) is searched as bytes for the name and number in every plausible
encoding. The operator's own folder is searched the same way and must hold them: the
search can fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path

from app.models.disclosure import MASK
from app.models.drills import Answer, Scenario, grade
from app.models.enums import (
    AppealType,
    AppellantKind,
    Channel,
    EventType,
    FlagKind,
    ReturnReason,
    Satisfaction,
    TransferTarget,
    Urgency,
)
from app.models.kb import Article
from app.models.kb_events import Decision
from app.models.operations import DirectAnswer
from app.models.records import Appellant, Intake, Order
from app.operations import drills as drill_ops
from app.operations import kb as kb_ops
from app.store.drills.sets import DrillStore
from tests.support.clock import FixedClock
from tests.support.server import ServerProcess, seed_users
from tests.support.station import Station
from tests.support.station_chain import actor
from tests.support.steps import Steps
from tests.support.users import KB_USERS

# The confidential caller of order A, and the caller attached to it (confidential because
# the order is, though they did not ask).
NAME, PHONE, CONTACT = "欧阳秀珍", "13912345678", "ouyang.xz@example.cn"
CO_NAME, CO_PHONE = "司徒建国", "13655556666"
# The ordinary caller of order B, and the caller attached to B who asked for confidentiality.
PLAIN_NAME, PLAIN_PHONE = "王先生", "13800138000"
NAME2, PHONE2 = "诸葛春燕", "13787654321"

SECRET_TEXTS = [NAME, "秀珍", CONTACT, CO_NAME, NAME2, "春燕"]
SECRET_PHONES = [PHONE, CO_PHONE, PHONE2]


def _encodings(text: str) -> set[bytes]:
    found = set()
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "gb18030", "big5"):
        try:
            found.add(text.encode(codec))
        except UnicodeEncodeError:
            continue
    return found


def needles(texts: Iterable[str], phones: Iterable[str]) -> dict[bytes, str]:
    """Every byte form a name or number could take on disk."""
    found: dict[bytes, str] = {}
    for text in texts:
        for form in _encodings(text):
            found[form] = text
    for phone in phones:
        wide = phone.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        spaced = f"{phone[:3]} {phone[3:7]} {phone[7:]}"
        for text in (phone, wide, spaced, f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"):
            for form in _encodings(text):
                found[form] = phone
        number = int(phone)
        for size in (6, 8):  # SQLite's 6- and 8-byte integers, and a little-endian int64
            found[number.to_bytes(size, "big")] = phone
        found[number.to_bytes(8, "little")] = phone
    return found


def found_in(folder: Path, wanted: dict[bytes, str]) -> list[tuple[str, str]]:
    hits = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files, folder
    for path in files:
        data = path.read_bytes()
        for needle, what in wanted.items():
            if needle in data:
                hits.append((path.name, what))
    return hits


def _typed(name: str, phone: str) -> dict[str, str]:
    """The name and number typed into every field an operator fills."""
    return {
        "title": f"{name}反映噪音{phone}",
        "content": f"来电人{name}（{phone}）反映夜间施工噪音，可回电 {phone[:3]} {phone[3:7]} "
        f"{phone[7:]}，或 {phone[:3]}-{phone[3:7]}-{phone[7:]}",
        "address": f"孙文中路1号{name}家",
    }


def _intake(station: Station, name: str, phone: str, confidential: bool, **typed: str) -> Intake:
    fields = {**_typed(name, phone), **typed}
    return Intake(
        appellant=Appellant(
            phone=phone,
            name=name,
            kind=AppellantKind.PERSON,
            gender="女",
            other_contact=CONTACT if confidential else "",
            confidential=confidential,
        ),
        appeal_type=AppealType.COMPLAINT,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category="A0301",
        town="shiqi",
        address=fields["address"],
        title=fields["title"],
        content=fields["content"],
        received_at=station.ws.clock(),
    )


def test_no_confidential_identity_reaches_a_unit_an_analyst_or_a_trainer(
    server: ServerProcess, stations: dict[str, Station], clock: FixedClock
) -> None:
    names = {"op": "op1", "disp": "disp1", "gaj": "unit_gaj", "cgj": "unit_cgj"}
    names |= {"analyst": "analyst1", "trainer": "trainer1", "editor": "kbed1"}
    seed_users(server.db_url, KB_USERS)
    for key, user in names.items():
        stations[key].login(server.url, user)
    op, disp, gaj, cgj = stations["op"], stations["disp"], stations["gaj"], stations["cgj"]
    readers = [gaj, cgj, stations["analyst"], stations["trainer"], stations["editor"]]
    kinds: set[EventType] = set()

    def step(station: Station, action: Callable[[], object]) -> None:
        """One action on `station`, then every workstation syncs."""
        clock.now += timedelta(minutes=3)
        before = {r[0] for r in station.ws.database.query("SELECT id FROM events")}
        action()
        rows = station.ws.database.query("SELECT id, type FROM events")
        kinds.update(EventType(t) for i, t in rows if i not in before)
        summary = station.sync()
        assert summary.rejected == 0, station.state.attention()
        for other in (op, disp, *readers):
            if other is not station:
                other.sync()

    def on(station: Station) -> Steps:
        return Steps(station.ws)

    who = {key: (lambda s=stations[key]: actor(s)) for key in names}

    # ---- order A: a confidential caller, everything typed with their name and number
    holder: dict[str, Order] = {}
    step(
        op,
        lambda: holder.update(a=op.ws.record_intake(_intake(op, NAME, PHONE, True), who["op"]())),
    )
    a = holder["a"].id
    co = Appellant(phone=CO_PHONE, name=CO_NAME, confidential=False)
    step(op, lambda: on(op).attach_caller(a, who["op"](), co, f"{CO_NAME}与{NAME}同住 {CO_PHONE}"))
    step(op, lambda: op.act(a, EventType.NOTE, {"text": f"{NAME}再次来电 {PHONE} {CONTACT}"}))
    record = {"recording_id": "rec-20261127-1", "text": f"与{NAME}通话，号码{PHONE}"}
    step(op, lambda: op.act(a, EventType.CALL_RECORD, record))
    step(op, lambda: on(op).flag(a, who["op"](), FlagKind.HARD_CASE, f"{NAME}多次来电{PHONE}"))
    step(disp, lambda: on(disp).dispatch(a, who["disp"](), "gaj", [], f"{NAME}所在小区"))
    step(gaj, lambda: on(gaj).sign(a, who["gaj"]()))
    step(
        gaj,
        lambda: on(gaj).request_return(a, who["gaj"](), ReturnReason.NOT_OUR_DUTY, "属城管职责"),
    )
    step(disp, lambda: on(disp).rule_return(a, who["disp"](), True, f"同意，{NAME}诉求改派"))
    step(disp, lambda: on(disp).dispatch(a, who["disp"](), "cgj", ["gaj"], f"{PHONE}改派"))
    step(cgj, lambda: on(cgj).sign(a, who["cgj"]()))
    step(cgj, lambda: on(cgj).request_extension(a, who["cgj"](), 5, "需现场核查"))
    step(disp, lambda: on(disp).rule_extension(a, who["disp"](), True, 5, f"同意，{NAME}"))
    step(cgj, lambda: on(cgj).request_unreasonable(a, who["cgj"](), "诉求超出政策"))
    step(disp, lambda: on(disp).rule_unreasonable(a, who["disp"](), False, f"{NAME}诉求合理"))
    step(disp, lambda: on(disp).supervise(a, who["disp"](), f"请尽快答复{NAME}{PHONE}"))
    step(cgj, lambda: on(cgj).request_return(a, who["cgj"](), ReturnReason.OTHER, "职责不符"))
    step(disp, lambda: on(disp).rule_return(a, who["disp"](), False, f"不同意，{NAME}属你单位"))
    step(cgj, lambda: cgj.act(a, EventType.NOTE, {"text": "已约现场查看"}))
    reply = {"text": "已处理", "contacted": True, "resolved": True}
    step(cgj, lambda: on(cgj).reply(a, who["cgj"](), **reply))  # type: ignore[arg-type]
    step(disp, lambda: on(disp).review(a, who["disp"](), False, f"未联系{NAME}（{PHONE}）"))
    step(cgj, lambda: on(cgj).reply(a, who["cgj"](), **reply))  # type: ignore[arg-type]
    step(disp, lambda: on(disp).review(a, who["disp"](), True, ""))
    step(disp, lambda: on(disp).close(a, who["disp"]()))
    step(
        op,
        lambda: on(op).follow_up(
            a,
            who["op"](),
            reached=True,
            contacted=True,
            resolved=False,
            satisfaction=Satisfaction.UNSATISFIED,
            text=f"{NAME}不满意，请回电{PHONE}",
        ),
    )

    step(disp, lambda: disp.ws.reveal_contact(a, who["disp"]()))  # to call the caller back

    # ---- order B: an ordinary caller, with a confidential caller attached (并单)
    answer = DirectAnswer(text=f"已答复{PLAIN_NAME}，{NAME2}的问题同此")
    # Typed before the caller is attached: a unit receives the order at its dispatch,
    # after the attachment, so even the name is masked for it. An analyst receives the
    # intake at once, before the store can know whose name that is: it receives no title
    # or content, and no number at all, but the address as typed (documented in
    # docs/security.md), so the name goes into the title and content only.
    b_typed = {**_typed(NAME2, PHONE2), "address": f"孙文中路2号（{PHONE2}）"}
    b_intake = _intake(op, PLAIN_NAME, PLAIN_PHONE, False, **b_typed)
    step(op, lambda: holder.update(b=op.ws.record_intake(b_intake, who["op"](), answer)))
    b = holder["b"].id
    secret = Appellant(phone=PHONE2, name=NAME2, confidential=True)
    step(op, lambda: on(op).attach_caller(b, who["op"](), secret, f"{NAME2}（{PHONE2}）同一事项"))
    step(op, lambda: op.act(b, EventType.NOTE, {"text": f"{NAME2}要求保密，电话{PHONE2}"}))
    step(
        op,
        lambda: on(op).follow_up(
            b,
            who["op"](),
            reached=True,
            contacted=True,
            resolved=False,
            satisfaction=Satisfaction.UNSATISFIED,
            text=f"{NAME2}不满意",
        ),
    )
    step(disp, lambda: on(disp).dispatch(b, who["disp"](), "cgj", [], f"{NAME2}反映"))
    step(cgj, lambda: on(cgj).sign(b, who["cgj"]()))

    # ---- order C (confidential) merged into B; order D (confidential) transferred
    step(
        op,
        lambda: holder.update(c=op.ws.record_intake(_intake(op, NAME, PHONE, True), who["op"]())),
    )
    c = holder["c"].id
    step(disp, lambda: on(disp).dispatch(c, who["disp"](), "cgj", [], ""))
    merge_into = op.ws.events.load_order(b)
    assert merge_into is not None
    step(disp, lambda: on(disp).merge(c, who["disp"](), merge_into, f"{NAME}重复来电"))
    d_intake = _intake(op, NAME, PHONE, True)
    step(
        op,
        lambda: on(op).record_and_transfer(
            d_intake, who["op"](), TransferTarget.POLICE_110, f"{NAME}报警"
        ),
    )

    # ---- a drill attempt (the trainer's only data)
    drills = DrillStore(op.ws.database, clock=op.ws.clock)
    drill = Scenario(
        "s1", "明天是不是要停水", ("kb-0001",), AppealType.ENQUIRY, "A0201", "gs", "水电"
    )
    drills.save_scenarios([drill])
    now = op.ws.clock()
    attempt = grade(
        drill, Answer("kb-0001", AppealType.ENQUIRY, "gs"), user="op1", started=now, answered_at=now
    )
    step(op, lambda: drills.record_attempt(attempt, who["op"]()))

    # ---- the knowledge base's life cycle and a published drill set: no caller in them,
    # and the workstations that receive them (units, the editor, operators) sync as ever
    editor, trainer = stations["editor"], stations["trainer"]
    article = Article(
        id="kb-priv-water",
        title="停水通知在哪里查询",
        questions=("明天停不停水",),
        answer="可在供水公司公众号查询计划停水通知。",
        category="A0201",
        unit="cgj",
    )
    step(cgj, lambda: kb_ops.propose(cgj.ws, who["cgj"](), article, base_version=0))
    [waiting] = editor.ws.governance().waiting()
    step(
        editor,
        lambda: kb_ops.rule(
            editor.ws, who["editor"](), article.id, waiting.proposal.id, Decision.APPROVE
        ),
    )
    step(op, lambda: kb_ops.flag(op.ws, who["op"](), article.id, 1, "查询入口已改版"))
    [flagged] = cgj.ws.governance().open_flags("cgj")
    step(cgj, lambda: kb_ops.resolve_flag(cgj.ws, who["cgj"](), article.id, flagged.id, "已修订"))
    drill_ops.save_scenarios(trainer.ws, [drill])
    step(trainer, lambda: drill_ops.publish_set(trainer.ws, who["trainer"](), "水电"))
    step(trainer, lambda: drill_ops.retire(trainer.ws, who["trainer"](), "水电"))

    # ---- an order number used twice (a restored backup): the store's renumber event
    first = holder["a"].number  # ZS261127-W0A1B-0001: numbered again as it was
    op.ws.database.set_meta("station", first.split("-")[1])
    op.ws.database.set_meta(f"seq:{first[2:8]}", str(int(first.rsplit("-", 1)[1]) - 1))
    step(op, lambda: op.ws.record_intake(_intake(op, NAME, PHONE, True), who["op"]()))
    kinds.update(EventType(t) for (t,) in disp.ws.database.query("SELECT type FROM events"))

    assert kinds == set(EventType), set(EventType) - kinds
    for station in (op, disp, *readers):
        station.sync()

    # ---- the search
    secrets = needles(SECRET_TEXTS, SECRET_PHONES)
    everyone = needles([*SECRET_TEXTS, PLAIN_NAME], [*SECRET_PHONES, PLAIN_PHONE])
    mine = found_in(op.ws.home, needles([NAME, NAME2], [PHONE, PHONE2]))
    assert {what for _f, what in mine} == {NAME, NAME2, PHONE, PHONE2}  # the search finds
    for unit in (gaj, cgj):
        assert found_in(unit.ws.home, secrets) == [], unit.ws.home
    assert found_in(stations["analyst"].ws.home, everyone) == []
    assert found_in(stations["trainer"].ws.home, everyone) == []
    assert found_in(stations["editor"].ws.home, everyone) == []

    # ---- and the readers still have what their work needs
    seen = cgj.ws.events.load_order(a)
    assert seen is not None and seen.appellant.confidential and seen.appellant.phone == ""
    assert seen.title == f"{MASK}反映噪音{MASK}" and seen.category == "A0301"
    assert seen.lead_unit == "cgj" and seen.reopen_count == 1
    ordinary = cgj.ws.events.load_order(b)
    assert ordinary is not None and ordinary.appellant.phone == PLAIN_PHONE  # may call back
    assert ordinary.appellant.name == PLAIN_NAME and MASK in ordinary.title
    assert cgj.ws.events.load_order(holder["c"].id) is not None
    assert gaj.ws.events.load_order(a) is not None
    assert stations["analyst"].order_ids() == op.order_ids()
    analysed = stations["analyst"].ws.events.load_order(b)
    assert analysed is not None and analysed.appellant.phone == "" and analysed.appellant.name == ""
    assert stations["trainer"].order_ids() == set()
    drill_events = {
        i
        for i, t in op.ws.database.query("SELECT id, type FROM events")
        if t in (EventType.DRILL_PUBLISH.value, EventType.DRILL_RETIRE.value)
    }
    assert len(drill_events) == 2  # the set's one scenario published, then the set retired
    assert stations["trainer"].event_ids() == {attempt.id, *drill_events}
    assert editor.order_ids() == set()

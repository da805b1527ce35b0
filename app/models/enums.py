"""The closed vocabularies of a 12345 work order (工单)."""

from __future__ import annotations

from enum import StrEnum


class AppealType(StrEnum):
    """诉求类型. Values are the Chinese terms used in policy data and exports."""

    ENQUIRY = "咨询"
    HELP = "求助"
    SUGGESTION = "建议"
    COMPLAINT = "投诉"
    REPORT = "举报"
    PRAISE = "表扬"
    OTHER = "其他"


class Urgency(StrEnum):
    NORMAL = "一般"
    URGENT = "紧急"
    CRITICAL = "特急"


class Channel(StrEnum):
    """受理渠道."""

    PHONE = "电话"
    WEB = "网站"
    APP = "中山+"
    BUSINESS_LINE = "企业服务专线"
    LEADER_LINE = "书记市长直通车"
    OTHER = "其他"


class AppellantKind(StrEnum):
    PERSON = "个人"
    COMPANY = "企业"
    ORGANISATION = "组织"


class Role(StrEnum):
    OPERATOR = "operator"
    DISPATCHER = "dispatcher"
    UNIT = "unit"
    TRAINER = "trainer"
    ANALYST = "analyst"
    ADMIN = "admin"
    KB_EDITOR = "kb_editor"  # 知识库管理员: rules on proposed articles, publishes them


class Status(StrEnum):
    """Where an order stands in the chain (docs/domain.md#the-chain-in-the-product)."""

    RECEIVED = "received"  # 待派单: recorded, waiting for dispatch
    DISPATCHED = "dispatched"  # 待签收
    HANDLING = "handling"  # 办理中: signed for by the lead unit
    RETURN_PENDING = "return_pending"  # 退单待审
    REPLIED = "replied"  # 待审核: the unit replied, the centre reviews
    REVIEWED = "reviewed"  # 待办结: reply approved
    CLOSED = "closed"  # 已办结: waiting for the follow-up call
    ARCHIVED = "archived"  # 已归档: followed up, nothing left to do
    MERGED = "merged"  # 已并单 into another order
    TRANSFERRED = "transferred"  # 已转办 to 110/119/120/122, another city, the province


OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.DISPATCHED,
        Status.HANDLING,
        Status.RETURN_PENDING,
        Status.REPLIED,
        Status.REVIEWED,
    }
)


class EventType(StrEnum):
    INTAKE = "intake"  # 受理
    DIRECT_ANSWER = "direct_answer"  # 直接答复, closed at first contact
    DISPATCH = "dispatch"  # 派单
    SIGN = "sign"  # 签收
    RETURN_REQUEST = "return_request"  # 退单
    RETURN_RULING = "return_ruling"  # 退单审核
    REDISPATCH = "redispatch"  # 改派
    EXTENSION_REQUEST = "extension_request"  # 延期申请
    EXTENSION_RULING = "extension_ruling"  # 延期审批
    UNREASONABLE_REQUEST = "unreasonable_request"  # 不合理诉求申请
    UNREASONABLE_RULING = "unreasonable_ruling"
    REPLY = "reply"  # 答复
    REVIEW = "review"  # 审核
    CLOSE = "close"  # 办结
    FOLLOW_UP = "follow_up"  # 回访
    REOPEN = "reopen"  # 重新办理
    SUPERVISE = "supervise"  # 督办
    MERGE = "merge"  # 并单 (this order into another)
    ADD_CALLER = "add_caller"  # another caller attached to this order
    TRANSFER = "transfer"  # 转办
    FLAG = "flag"  # 恶意/虚假/疑难 flag
    NOTE = "note"  # 备注
    CALL_RECORD = "call_record"  # 通话记录
    DRILL_ATTEMPT = "drill_attempt"  # 知识库练习: describes no order (see rules.ORDERLESS)
    # 查看完整号码: a follow-up or dispatch user saw the caller's full number to call back.
    # Filed under the order for its audit trail; changes nothing of it (rules.ORDERLESS).
    REVEAL_CONTACT = "reveal_contact"
    RENUMBER = "renumber"  # the central store gives a duplicate order number a new one
    # Knowledge-base governance (app/models/kb_events.py), filed under "kb:<article id>",
    # and drill sets published through the store, filed under "drill:<scenario id>".
    KB_PROPOSAL = "kb_proposal"  # a new article or a revision, proposed by its unit
    KB_RULING = "kb_ruling"  # the editor approves, returns or edits and approves
    KB_FLAG = "kb_flag"  # 纠错: an answer found wrong or outdated during a call
    KB_FLAG_RESOLVED = "kb_flag_resolved"
    DRILL_PUBLISH = "drill_publish"  # a trainer publishes one scenario of a set
    DRILL_RETIRE = "drill_retire"  # a trainer retires a scenario or a whole set


class ReturnReason(StrEnum):
    WRONG_TERRITORY = "属地不符"
    UNCLEAR_OWNERSHIP = "权属不清"
    OVERLAPPING_DUTIES = "职能交叉"
    NOT_OUR_DUTY = "非本单位职责"
    OTHER = "其他"


class TransferTarget(StrEnum):
    POLICE_110 = "110"
    FIRE_119 = "119"
    AMBULANCE_120 = "120"
    TRAFFIC_122 = "122"
    OTHER_CITY = "other_city"  # another city's 12345
    PROVINCE = "province"  # the provincial line


class FlagKind(StrEnum):
    MALICIOUS = "malicious"  # 恶意投诉
    FALSE = "false"  # 虚假投诉
    HARD_CASE = "hard_case"  # 疑难件


class Satisfaction(StrEnum):
    SATISFIED = "满意"
    BASICALLY_SATISFIED = "基本满意"
    UNSATISFIED = "不满意"
